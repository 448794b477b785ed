from freezegun import freeze_time

from odoo.tests import tagged

from ..models.hotline_assessment import COUNTS
from ..rules import assessment
from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineAssessment(HotlineCase):
    """The department figures of March 2026, computed by hand."""

    def test_rates_and_ranking_rules(self):
        figures = assessment.rates({"dispatched": 4, "signed_on_time": 1, "replied": 0})
        self.assertEqual(figures["sign_rate"], 25.0)
        self.assertEqual(figures["ontime_rate"], 0.0)
        self.assertEqual(assessment.ranking({1: 10.0, 2: 30.0, 3: 10.0}), {1: 2, 2: 1, 3: 2})

    @freeze_time("2026-03-02 02:00:00")
    def test_department_figures(self):
        a = self._order(bj(2026, 3, 2, 9, 0), subject="A 停水")
        b = self._order(bj(2026, 3, 2, 9, 0), subject="B 停水", hotline_urgency="emergency")
        c = self._order(bj(2026, 3, 2, 9, 0), subject="C 停水")
        (a | b | c).with_user(self.dispatcher).action_hotline_dispatch()
        with freeze_time(bj(2026, 3, 2, 10, 0)):
            a.with_user(self.water_user).action_hotline_sign()
            a.with_user(self.water_user).action_hotline_reply("已修复")
            c.with_user(self.water_user).action_hotline_return("属城管")
            c.with_user(self.dispatcher).action_hotline_transfer(self.urban, "转城管")
            c.with_user(self.urban_user).action_hotline_sign()
        with freeze_time(bj(2026, 3, 2, 12, 30)):
            # dispatched at 10:00: B is signed for after its 2-hour sign-for limit
            # and replied after its 2-hour emergency limit (from 9:00)
            b.with_user(self.water_user).action_hotline_sign()
            b.with_user(self.water_user).action_hotline_reply("已处理")
            (a | b).with_user(self.dispatcher).action_hotline_close()
        with freeze_time(bj(2026, 3, 3, 9, 0)):
            a.with_user(self.agent).action_hotline_callback("satisfied", True)
            b.with_user(self.agent).action_hotline_callback("dissatisfied", False, "未解决")
        rows = self.env["hotline.assessment"].with_user(self.dispatcher)._compute_period("2026-03-01", "2026-03-31")
        water = rows.filtered(lambda r: r.department_id == self.water)
        urban = rows.filtered(lambda r: r.department_id == self.urban)
        street = rows.filtered(lambda r: r.department_id == self.street)
        # water: dispatched A, B, C and B again after the rework = 4; A signed on time;
        # C returned; A and B replied, A on time; 2 callbacks, A solved and satisfied; B reworked
        self.assertRecordValues(
            water,
            [
                {
                    "dispatched": 4,
                    "signed_on_time": 1,
                    "returned": 1,
                    "replied": 2,
                    "replied_on_time": 1,
                    "callbacks": 2,
                    "resolved": 1,
                    "satisfied": 1,
                    "reworked": 1,
                    "sign_rate": 25.0,
                    "ontime_rate": 50.0,
                    "resolution_rate": 50.0,
                    "satisfaction_rate": 50.0,
                    "rework_rate": 50.0,
                    "return_rate": 25.0,
                    # 25×0.15 + 50×0.25 + 50×0.2 + 50×0.3 − 50×0.05 − 25×0.05
                    "score": 37.5,
                    "rank": 1,
                }
            ],
        )
        self.assertRecordValues(
            urban, [{"dispatched": 1, "signed_on_time": 1, "sign_rate": 100.0, "score": 15.0, "rank": 2}]
        )
        self.assertEqual(street.rank, 3)
        # computing again replaces the rows of the period
        again = self.env["hotline.assessment"]._compute_period("2026-03-01", "2026-03-31")
        self.assertFalse(rows.exists())
        self.assertEqual(len(again), len(rows))
        # a department reads its own row only
        self.assertEqual(self.env["hotline.assessment"].with_user(self.water_user).search([]).department_id, self.water)

    def test_each_callback_counts_with_its_own_outcome(self):
        # called back dissatisfied, re-handled, called back satisfied: one of the
        # two callbacks is satisfied and solved (the order's last word is not
        # written back over the first callback)
        a = self._order(bj(2026, 3, 2, 9, 0), subject="A 停水")
        a.with_user(self.dispatcher).action_hotline_dispatch()
        with freeze_time(bj(2026, 3, 2, 10, 0)):
            a.with_user(self.water_user).action_hotline_sign()
            a.with_user(self.water_user).action_hotline_reply("已派人查看")
        with freeze_time(bj(2026, 3, 3, 9, 0)):
            a.with_user(self.agent).action_hotline_callback("dissatisfied", False, "仍然停水")
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            a.with_user(self.water_user).action_hotline_sign()
            a.with_user(self.water_user).action_hotline_reply("已修复管道")
        with freeze_time(bj(2026, 3, 4, 9, 0)):
            a.with_user(self.agent).action_hotline_callback("satisfied", True)
        callbacks = a.hotline_hop_ids.filtered(lambda h: h.kind == "callback").sorted("date")
        self.assertEqual(callbacks.mapped("callback_satisfaction"), ["dissatisfied", "satisfied"])
        self.assertEqual(callbacks.mapped("callback_resolved"), [False, True])
        water = self.env["hotline.assessment"]._counts(self.env.company, "2026-03-01", "2026-03-31")[self.water.id]
        self.assertEqual((water["callbacks"], water["resolved"], water["satisfied"], water["reworked"]), (2, 1, 1, 1))

    def test_periods_are_local_days(self):
        """A month of the assessment is a month of Beijing days: a dispatch at
        01:30 on 1 April (17:30 UTC on 31 March) belongs to April, one at
        01:00 on 1 March (17:00 UTC on 28 February) to March."""
        Assessment = self.env["hotline.assessment"]
        start, end = Assessment._local_bounds(self.env.company, "2026-03-01", "2026-03-31")
        self.assertEqual(str(start), "2026-02-28 16:00:00")
        self.assertEqual(str(end), "2026-03-31 16:00:00")
        early = self._order(bj(2026, 3, 1, 1, 0), subject="月初 停水")
        late = self._order(bj(2026, 4, 1, 1, 30), subject="月末 停水")
        with freeze_time(bj(2026, 3, 1, 1, 0)):
            early.with_user(self.dispatcher).action_hotline_dispatch()
        with freeze_time(bj(2026, 4, 1, 1, 30)):
            late.with_user(self.dispatcher).action_hotline_dispatch()
        march = Assessment.with_user(self.dispatcher)._compute_period("2026-03-01", "2026-03-31")
        april = Assessment.with_user(self.dispatcher)._compute_period("2026-04-01", "2026-04-30")
        self.assertEqual(march.filtered(lambda r: r.department_id == self.water).dispatched, 1)
        self.assertEqual(april.filtered(lambda r: r.department_id == self.water).dispatched, 1)

    def test_counts_by_kind_department_and_company(self):
        """The counts PostgreSQL makes, hop by hop: transfers and arbitrations
        count as dispatched to the department they go to, a late sign-for
        keeps the department in the counts with 0 on time, hops without a
        department (answered on the call) or of another company or outside
        the local days of the period are left out, reminders count nothing;
        each callback counts with the outcome it recorded (not its order's
        last word)."""
        Hop = self.env["hotline.hop"]
        solved = self._order(subject="甲 停水")
        # the orders' last word says otherwise: the callbacks' own outcomes count
        solved.write({"hotline_resolved": False, "hotline_satisfaction": "dissatisfied"})
        unsolved = self._order(subject="乙 停水")
        unsolved.write({"hotline_resolved": True, "hotline_satisfaction": "satisfied"})
        other = self.env["res.company"].create({"name": "另一热线"})
        foreign = self._order(subject="丙 停水", company_id=other.id, team_id=False)
        march = bj(2026, 3, 15, 10, 0)

        def hop(order, kind, department, on_time=False, when=march, **outcome):
            Hop.create(
                {
                    "order_id": order.id,
                    "kind": kind,
                    "department_id": department.id if department else False,
                    "date": when,
                    "on_time": on_time,
                    **outcome,
                }
            )

        hop(solved, "dispatch", self.water)
        hop(solved, "sign", self.water, on_time=True)
        hop(solved, "return", self.water, on_time=True)
        hop(solved, "transfer", self.urban)
        hop(solved, "sign", self.urban, on_time=False)
        hop(solved, "arbitration", self.street)
        hop(solved, "reply", self.street, on_time=True)
        hop(solved, "reply", self.street, on_time=False)
        hop(solved, "callback", self.street, callback_resolved=True, callback_satisfaction="basic")
        hop(unsolved, "callback", self.street, callback_resolved=False, callback_satisfaction="dissatisfied")
        hop(unsolved, "rework", self.street)
        hop(unsolved, "reminder", self.street)
        hop(unsolved, "reply", None, on_time=True)
        # 23:30 Beijing on 31 March is March; 00:30 on 1 April is not; nor is another company
        hop(unsolved, "dispatch", self.water, when=bj(2026, 3, 31, 23, 30))
        hop(unsolved, "dispatch", self.water, when=bj(2026, 4, 1, 0, 30))
        hop(foreign, "dispatch", self.water)
        counts = self.env["hotline.assessment"]._counts(self.env.company, "2026-03-01", "2026-03-31")
        zero = dict.fromkeys(COUNTS, 0)
        self.assertEqual(
            counts,
            {
                self.water.id: {**zero, "dispatched": 2, "signed_on_time": 1, "returned": 1},
                self.urban.id: {**zero, "dispatched": 1},
                self.street.id: {
                    **zero,
                    "dispatched": 1,
                    "replied": 2,
                    "replied_on_time": 1,
                    "callbacks": 2,
                    "resolved": 1,
                    "satisfied": 1,
                    "reworked": 1,
                },
            },
        )
