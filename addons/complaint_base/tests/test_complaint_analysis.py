from freezegun import freeze_time

from odoo.tests import tagged

from .test_complaint_analysis_report import NOW, AnalysisCase


@tagged("post_install", "-at_install")
class TestComplaintStatistics(AnalysisCase):
    """The measures of the complaint analysis (pivot, graph) and the overview cards."""

    @freeze_time(NOW)
    def test_rates_average_the_rated_complaints_only(self):
        self._fixture()
        Complaint = self.env["complaint.complaint"]
        domain = [
            ("company_id", "=", self.co.id),
            ("date_received", ">=", "2026-10-31 16:00:00"),
            ("date_received", "<", "2026-11-30 16:00:00"),
        ]
        [(count, satisfied, score, rehandled, appealed)] = Complaint._read_group(
            domain,
            [],
            ["__count", "satisfied_rate:avg", "satisfaction_score:avg", "rehandled_rate:avg", "appealed_rate:avg"],
        )
        # 5 complaints received, 4 rated whenever (n1 and n4 satisfied), scores 9 and 3 (the others gave
        # none), 1 re-handled, 1 appealed
        self.assertEqual(count, 5)
        self.assertEqual(satisfied, 50.0)
        self.assertEqual(score, 6.0)
        self.assertEqual((rehandled, appealed), (20.0, 20.0))
        by_month = dict(Complaint._read_group([("company_id", "=", self.co.id)], ["date_received:month"], ["__count"]))
        self.assertEqual(sum(by_month.values()), 12)

    @freeze_time(NOW)
    def test_rehandling_is_counted(self):
        n1, *__ = self._fixture()
        n1._record_satisfaction("dissatisfied", 2, "还是不行")
        self.assertEqual((n1.rehandling_count, n1.rehandled_rate, n1.state), (1, 100.0, "in_progress"))
        self._judged(n1).stage_id = self.stage_resolved
        n1._appeal("仍不同意")
        self.assertEqual((n1.rehandling_count, n1.appeal_count, n1.appealed_rate), (2, 1, 100.0))

    @freeze_time("2026-11-30 02:00:00")
    def test_overview_compares_this_month(self):
        self._fixture()
        action = (
            self.env["complaint.analysis.overview"].with_user(self.manager).with_company(self.co).action_open_overview()
        )
        cards = self.env["complaint.analysis.overview"].browse(action["domain"][0][2])
        received = cards.filtered(lambda c: c.code == "received")
        # November so far (n4 of 30 Nov 23:50 counts too: the figures are stored, not re-dated)
        self.assertEqual((received.value, received.previous, received.last_year), ("5", "2", "4"))
        self.assertEqual((received.vs_previous, received.vs_last_year), ("+150.0%", "+25.0%"))
        self.assertEqual(received.tone, "bad")
        satisfied = cards.filtered(lambda c: c.code == "satisfied")
        self.assertEqual((satisfied.value, satisfied.previous), ("33.3%", "100.0%"))
        self.assertEqual(satisfied.tone, "bad")
        self.assertEqual(cards.filtered(lambda c: c.code == "sla").value, "60.0%")
        details = received.with_user(self.manager).action_open_details()
        self.assertEqual(details["res_model"], "complaint.complaint")
