from freezegun import freeze_time

from odoo.tests import tagged

from .common import AutomotiveCase, bj


@tagged("post_install", "-at_install")
class TestAutomotiveSector(AutomotiveCase):
    """The dealer table fines dealer complaints only; another sector's (or a
    general) complaint is never fined by it, and vice versa."""

    def test_shipped_rules_and_policies_carry_the_sector(self):
        Data = self.env["ir.model.data"]
        for model in ("complaint.penalty.rule", "complaint.deadline.policy"):
            records = (
                self.env[model]
                .with_context(active_test=False)
                .browse(Data.search([("module", "=", "complaint_automotive"), ("model", "=", model)]).mapped("res_id"))
            )
            self.assertTrue(records)
            self.assertEqual(set(records.mapped("sector")), {"automotive"}, model)

    @freeze_time("2026-03-03 02:00:00")
    def test_dealer_rules_never_fine_other_sectors(self):
        sectors = dict(self.env["complaint.team"]._fields["sector"]._description_selection(self.env))
        others = self.env["complaint.complaint"]
        for sector in sectors:
            if sector == "automotive":
                continue
            team = self.env["complaint.team"].create(
                {
                    "name": f"隔离 {sector}",
                    "code": f"ISO-{sector}",
                    "sector": sector,
                    "resource_calendar_id": self.calendar.id,
                }
            )
            others |= self._received(bj(2026, 3, 3, 10, 0), team_id=team.id, channel_id=self.channel_walk_in.id)
        # a general rule cited by a general policy: it must not fine the dealer
        general_rule = self._rule("GEN-ISO", 77, sector="general", payer="handler")
        self._policy(
            self.kind_contact,
            1,
            "hours",
            sector="general",
            steps=[
                {
                    "name": "罚款",
                    "threshold": "after_due",
                    "threshold_value": 0,
                    "action": "fine",
                    "penalty_rule_ids": [(6, 0, general_rule.ids)],
                }
            ],
        )
        dealer = self._dealer(bj(2026, 3, 3, 10, 0), channel_id=self.channel_walk_in.id)
        with freeze_time(bj(2026, 3, 6, 12, 0)):
            self._run_scheduler()
        dealer_fines = self._fines(dealer)
        self.assertTrue(dealer_fines)
        self.assertEqual(set(dealer_fines.rule_id.mapped("sector")), {"automotive"})
        other_fines = self.env["complaint.penalty"].search([("complaint_id", "in", others.ids)])
        self.assertFalse(other_fines.rule_id.filtered(lambda r: r.sector == "automotive"))
        self.assertFalse(
            others.clock_ids.filtered(lambda c: c.policy_id.sector == "automotive"),
            "a dealer policy started a clock on another sector's complaint",
        )
