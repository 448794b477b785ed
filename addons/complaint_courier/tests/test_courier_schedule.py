from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CourierCase, bj

# seed 001: what one proven complaint of each article costs the outlet
# (severity general: the bottom of a range)
SEED_FINES = {
    "STO-01": [("STO-01", 100.0)],
    "STO-02-1": [("STO-02-1", 200.0)],
    "STO-02-2": [("STO-02-2", 200.0)],
    "STO-02-L": [("STO-02-L", 200.0)],
    "STO-02-3": [("STO-02-3", 200.0)],
    "STO-02-4": [("STO-02-4", 200.0), ("STO-02-4X", 100.0)],
    "STO-02-4X": [("STO-02-4X", 100.0)],
    "STO-02-5": [("STO-02-5", 100.0)],
    "STO-02-6": [("STO-02-6", 500.0)],
    "STO-03": [("STO-03", 200.0)],
    "STO-04": [("STO-04", 100.0)],
    "STO-05": [("STO-05", 200.0)],
    "STO-06": [("STO-06", 100.0)],
    "STO-07": [("STO-07", 100.0)],
    "STO-08": [("STO-08", 100.0)],
    "STO-08-F": [("STO-08-F", 500.0)],
    "STO-09": [("STO-09", 100.0)],
    "STO-11": [("STO-11", 100.0)],
    "STO-12": [("STO-12", 200.0)],
    "STO-13": [("STO-13", 50.0)],
    "STO-14": [("STO-14", 10.0)],
    "STO-15": [("STO-15", 200.0)],
    "STO-16": [("STO-16", 100.0)],
    "STO-17": [("STO-17", 100.0)],
    "STO-18-1": [("STO-18-1", 100.0)],
    "STO-18-2": [("STO-18-2", 50.0)],
    "STO-19": [("STO-19", 100.0)],
    "STO-20-1": [("STO-20-1", 100.0)],
    "STO-20-2": [("STO-20-2", 100.0)],
    "STO-21": [("STO-21", 100.0)],
    "STO-22": [("STO-22", 100.0)],
    "STO-23-1": [("STO-23-1", 1000.0)],
    "STO-23-2": [("STO-23-2", 200.0)],
    "STO-24": [("STO-24", 500.0)],
    "STO-25": [("STO-25", 200.0)],
}
# fined at the third of a month: (amount, N)
SEED_COUNTS = {"STO-01-V": (5000.0, 3), "STO-01-W": (3000.0, 3)}
ALL_EVIDENCE = {
    "courier_evidence_surname": "张",
    "courier_evidence_employee_code": "T0101",
    "courier_evidence_landline": "0571-88886666",
    "courier_evidence_recording": True,
    "courier_evidence_message": True,
}


@tagged("post_install", "-at_install")
class TestFineSchedule(CourierCase):
    def _rules(self):
        return self.env["complaint.penalty.rule"].search([("sector", "=", "courier")])

    def _lines(self, complaint):
        return sorted((p.rule_code, p.amount) for p in self._fines(complaint))

    def test_every_article_of_the_seed_is_a_rule(self):
        rules = self._rules()
        self.assertEqual(set(rules.mapped("code")), set(SEED_FINES) | set(SEED_COUNTS))
        for rule in rules:
            self.assertEqual(rule.payer, "outlet", rule.code)
            self.assertTrue(rule.description and rule.article, rule.code)
        # the original Chinese text of the regulation in Chinese
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_courier"], ["zh_CN"], overwrite=True)
        rule = self._article("rule_sto_02_1").with_context(lang="zh_CN")
        self.assertEqual(rule.article, "第二条（一）")
        self.assertIn("网点公司推诿客户要求致电总公司客服部查询", rule.description)

    @freeze_time("2026-03-03 02:00:00")
    def test_a_proven_complaint_of_each_article(self):
        for rule in self._rules().filtered(lambda r: r.courier_mode == "each"):
            with self.subTest(article=rule.code):
                complaint = self._courier(bj(2026, 3, 3, 10, 0), courier_rule_id=rule.id, **ALL_EVIDENCE)
                self.assertTrue(complaint.courier_proven)
                complaint.with_user(self.user_a).action_courier_establish()
                self.assertEqual(complaint.courier_breach_state, "fined")
                self.assertEqual(self._lines(complaint), sorted(SEED_FINES[rule.code]))
                fines = self._fines(complaint)
                self.assertEqual(fines.partner_id, self.outlet_a.partner_id)
                self.assertEqual(fines.courier_outlet_id, self.outlet_a)
                self.assertEqual(set(fines.mapped("state")), {"proposed"})
                self.assertEqual(set(fines.mapped("payer_type")), {"outlet"})

    @freeze_time("2026-03-03 02:00:00")
    def test_counted_articles_fine_the_third_of_the_month(self):
        for xmlid, code in (("rule_sto_01_v", "STO-01-V"), ("rule_sto_01_w", "STO-01-W")):
            with self.subTest(article=code):
                amount, size = SEED_COUNTS[code]
                rule = self._article(xmlid)
                complaints = [
                    self._courier(
                        bj(2026, 3, 2 + i, 10, 0), courier_rule_id=rule.id, courier_outlet_id=self.outlet_b.id
                    )
                    for i in range(size)
                ]
                for complaint in complaints[:-1]:
                    complaint.action_courier_establish()
                    self.assertEqual(complaint.courier_breach_state, "counted")
                self.assertFalse(self._fines(self.outlet_b).filtered(lambda p, c=code: p.rule_code == c))
                complaints[-1].action_courier_establish()
                fines = self._fines(self.outlet_b).filtered(lambda p, c=code: p.rule_code == c)
                self.assertRecordValues(
                    fines,
                    [{"amount": amount, "complaint_id": complaints[-1].id, "partner_id": self.outlet_b.partner_id.id}],
                )
                # the daily checks find nothing more to fine
                self.env["complaint.complaint"]._cron_courier_network_checks()
                self.assertEqual(len(self._fines(self.outlet_b).filtered(lambda p, c=code: p.rule_code == c)), 1)

    @freeze_time("2026-03-03 02:00:00")
    def test_ranges_follow_the_severity(self):
        for rule_name, expected in (
            ("rule_sto_14", {"general": 10.0, "major": 55.0, "critical": 100.0}),
            ("rule_sto_08_f", {"general": 500.0, "major": 750.0, "critical": 1000.0}),
            ("rule_sto_09", {"general": 100.0, "major": 150.0, "critical": 200.0}),
        ):
            for severity, amount in expected.items():
                complaint = self._courier(
                    bj(2026, 3, 3, 10, 0),
                    severity=severity,
                    courier_rule_id=self._article(rule_name).id,
                    **ALL_EVIDENCE,
                )
                complaint.action_courier_establish()
                self.assertEqual(self._fines(complaint).amount, amount, f"{rule_name} {severity}")

    @freeze_time("2026-03-03 02:00:00")
    def test_rude_service_unproven_or_caused_by_the_customer_costs_ten(self):
        rude = self._article("rule_sto_14")
        unproven = self._courier(bj(2026, 3, 3, 10, 0), severity="critical", courier_rule_id=rude.id)
        self.assertFalse(unproven.courier_proven)
        unproven.action_courier_establish()
        self.assertEqual(self._lines(unproven), [("STO-14", 10.0)])
        provoked = self._courier(
            bj(2026, 3, 3, 11, 0),
            severity="critical",
            courier_rule_id=rude.id,
            courier_evidence_employee_code="T0101",
            courier_caused_by_customer=True,
        )
        self.assertTrue(provoked.courier_proven)
        provoked.action_courier_establish()
        self.assertEqual(self._lines(provoked), [("STO-14", 10.0)])
        proven = self._courier(
            bj(2026, 3, 3, 12, 0), severity="critical", courier_rule_id=rude.id, courier_evidence_recording=True
        )
        proven.action_courier_establish()
        self.assertEqual(self._lines(proven), [("STO-14", 100.0)])

    @freeze_time("2026-03-20 02:00:00")
    def test_sending_to_head_office_adds_two_hundred_beyond_three(self):
        push = self._article("rule_sto_02_1")
        complaints = [
            self._courier(
                bj(2026, 3, 2 + i, 10, 0), courier_rule_id=push.id, courier_evidence_landline=f"0571-8000000{i}"
            )
            for i in range(5)
        ]
        for complaint in complaints:
            complaint.action_courier_establish()
        totals = [sum(self._fines(c).mapped("amount")) for c in complaints]
        self.assertEqual(totals, [200.0, 200.0, 200.0, 400.0, 400.0])
        self.assertEqual(
            self._fines(complaints[3]).mapped("courier_part"),
            ["main", "surcharge"],
            "the surcharge is its own ledger line",
        )
        # a complaint without surname, employee ID or landline is not proven: recorded, not fined
        unproven = self._courier(bj(2026, 3, 10, 10, 0), courier_rule_id=push.id)
        unproven.action_courier_establish()
        self.assertEqual((unproven.courier_breach_state, len(self._fines(unproven))), ("recorded", 0))
        # the evidence arrives later: established again, it is fined (and it is the sixth)
        unproven.courier_evidence_surname = "徐"
        unproven.action_courier_establish()
        self.assertEqual(sum(self._fines(unproven).mapped("amount")), 400.0)

    @freeze_time("2026-03-03 02:00:00")
    def test_forwarded_complaint_adds_the_severity_surcharge(self):
        complaint = self._courier(
            bj(2026, 3, 3, 10, 0), severity="critical", courier_rule_id=self._article("rule_sto_02_4").id
        )
        complaint.action_courier_establish()
        self.assertEqual(self._lines(complaint), [("STO-02-4", 200.0), ("STO-02-4X", 1000.0)])

    @freeze_time("2026-03-03 02:00:00")
    def test_a_breach_is_fined_once(self):
        complaint = self._courier(bj(2026, 3, 3, 10, 0), courier_rule_id=self._article("rule_sto_24").id)
        complaint.action_courier_establish()
        with self.assertRaises(UserError):
            complaint.action_courier_establish()
        complaint._courier_levy(f"courier:complaint:{complaint.id}")
        self.assertEqual(self._lines(complaint), [("STO-24", 500.0)])
        self.assertIn(f"courier:complaint:{complaint.id}:", self._fines(complaint).breach_key)

    @freeze_time("2026-03-03 02:00:00")
    def test_administrators_edit_add_and_retire_articles(self):
        weekend = self._article("rule_sto_07")
        first = self._courier(bj(2026, 3, 3, 10, 0), courier_rule_id=weekend.id)
        first.action_courier_establish()
        weekend.with_user(self.admin).amount = 150
        second = self._courier(bj(2026, 3, 3, 11, 0), courier_rule_id=weekend.id)
        second.action_courier_establish()
        self.assertEqual((self._fines(first).amount, self._fines(second).amount), (100.0, 150.0))
        # a new article from the administrator works at once
        new_rule = (
            self.env["complaint.penalty.rule"]
            .with_user(self.admin)
            .create(
                {
                    "code": "STO-27",
                    "name": "Parcel left at a locker without consent",
                    "sector": "courier",
                    "payer": "outlet",
                    "amount": 80,
                }
            )
        )
        third = self._courier(bj(2026, 3, 3, 12, 0), courier_rule_id=new_rule.id)
        third.action_courier_establish()
        self.assertEqual(self._lines(third), [("STO-27", 80.0)])
        # retired, it keeps its fines but fines no more
        weekend.with_user(self.admin).action_archive()
        kept = self._fines(first) | self._fines(second)
        self.assertEqual(kept.rule_id, weekend)
        self.assertEqual(
            weekend.with_context(active_test=False).penalty_count,
            self.env["complaint.penalty"].search_count([("rule_id", "=", weekend.id)]),
        )
        fourth = self._courier(bj(2026, 3, 3, 13, 0), courier_rule_id=weekend.id)
        with self.assertRaises(UserError):
            fourth.action_courier_establish()
        with self.assertRaises(UserError):
            self._fines(first).sudo().unlink()

    @freeze_time("2026-03-03 02:00:00")
    def test_unfounded_complaint_is_not_fined(self):
        complaint = self._courier(bj(2026, 3, 3, 10, 0), courier_rule_id=self._article("rule_sto_25").id)
        complaint.action_courier_unfounded()
        self.assertEqual(complaint.courier_breach_state, "unfounded")
        self.assertFalse(self._fines(complaint))

    def test_intake_messages_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_courier"], ["zh_CN"], overwrite=True)
        with self.assertRaisesRegex(UserError, "运单号为 8 至 20 位数字"):
            self.env["complaint.complaint"].with_context(lang="zh_CN").create(
                {
                    "subject": "查件",
                    "is_anonymous": True,
                    "team_id": self.team.id,
                    "courier_outlet_id": self.outlet_a.id,
                    "courier_waybill": "12-34",
                }
            )

    def test_intake_checks_the_courier_data(self):
        with self.assertRaises(UserError):
            self._courier(courier_waybill="12-34")
        with self.assertRaises(UserError):
            self._courier(courier_insured=True)
        with self.assertRaises(UserError):
            self._courier(courier_staff_id=self.staff_b1.id)  # works for outlet B, not A
        complaint = self._courier(courier_waybill="268812345678，268812345679", courier_staff_id=self.staff_a1.id)
        self.assertEqual(complaint.respondent_partner_id, self.outlet_a.partner_id)
        staff_only = self._complaint(team_id=self.team.id, courier_staff_id=self.staff_b1.id)
        self.assertEqual(staff_only.courier_outlet_id, self.outlet_b)
