from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineIntake(HotlineCase):
    """Registration by the seat agent: the caller's history, consultations
    answered on the call, duplicates and their merge, declared intake fields."""

    def test_caller_history_shows_at_once(self):
        first = self._order(user=self.agent, contact_phone="13905719999", subject="路灯不亮")
        form_values = (
            self.env["complaint.complaint"]
            .with_user(self.agent)
            .new({"contact_phone": "139 0571 9999", "team_id": self.centre.id})
        )
        self.assertIn(first, form_values.hotline_caller_history_ids._origin)
        self.assertEqual(form_values.hotline_caller_history_count, 1)
        self.assertEqual(first.hotline_agent_id, self.agent)
        self.assertEqual(first.hotline_state, "registered")
        self.assertEqual(first.hotline_caller_ids.phone, "13905719999")

    def test_consultation_answered_on_call_closes(self):
        article = self.env["hotline.knowledge"].create(
            {"name": "社保卡丢失如何补办", "answer": "携带身份证到社保网点补办。", "keywords": "社保卡 补办"}
        )
        found = self.env["hotline.knowledge"].with_user(self.agent).name_search("补办")
        self.assertIn(article.id, [i for i, __ in found])
        order = self._order(
            user=self.agent,
            hotline_order_type="consult",
            subject="社保卡补办",
            hotline_knowledge_id=article.id,
            hotline_answered_on_call=True,
        )
        self.assertEqual(order.hotline_answer, "携带身份证到社保网点补办。")
        self.assertEqual(order.hotline_state, "closed")
        self.assertEqual(order.state, "closed")
        self.assertEqual(order.hotline_reply, article.answer)
        self.assertEqual(article.use_count, 1)
        self.assertEqual(sorted(order.hotline_hop_ids.mapped("kind")), ["close", "reply"])
        with self.assertRaises(ValidationError):
            self._order(user=self.agent, hotline_order_type="consult", hotline_answered_on_call=True)

    @freeze_time("2026-03-02 02:00:00")
    def test_duplicates_merge_and_every_caller_hears_the_reply(self):
        master = self._order(bj(2026, 3, 2, 9, 0), hotline_address="学院路88号3幢", subject="学院路88号停水")
        same_place = self._order(
            bj(2026, 3, 2, 9, 30),
            hotline_address="学院路88号3幢",
            subject="学院路88号停水了",
            contact_phone="13800000001",
        )
        elsewhere = self._order(bj(2026, 3, 2, 9, 40), hotline_address="西溪路1号", subject="噪音扰民")
        self.assertIn(master, same_place.hotline_duplicate_ids)
        self.assertNotIn(master, elsewhere.hotline_duplicate_ids)
        with self.assertRaises(AccessError):
            same_place.with_user(self.water_user).action_hotline_merge_into(master)
        same_place.with_user(self.agent).action_hotline_merge_into(master)
        self.assertEqual(same_place.hotline_state, "merged")
        self.assertEqual(same_place.hotline_merged_into_id, master)
        self.assertEqual(set(master.hotline_caller_ids.mapped("phone")), {master.contact_phone, "13800000001"})
        self.assertFalse(same_place.clock_ids.filtered(lambda c: c.state in ("running", "breached")))
        master.with_user(self.dispatcher).action_hotline_dispatch()
        master.with_user(self.water_user).action_hotline_sign()
        master.with_user(self.water_user).action_hotline_reply("管网已修复，当晚恢复供水。")
        self.assertTrue(all(master.hotline_caller_ids.mapped("date_informed")))
        self.assertEqual(same_place.hotline_reply, "管网已修复，当晚恢复供水。")
        self.assertNotIn(master, self.env["complaint.complaint"].browse(same_place.id).hotline_duplicate_ids)

    def test_intake_fields_through_the_base_pipeline(self):
        Intake = self.env["complaint.intake"]
        names = {decl["name"] for decl in Intake._offered("api", sector_only=True)}
        self.assertTrue({"hotline_order_type", "hotline_line_id", "hotline_area_id", "hotline_address"} <= names, names)
        values, problems = Intake._read_declared(
            "api", {"order_type": "help", "area": "T-0101", "line": "12333", "address": "学院路"}, self.company
        )
        self.assertFalse(problems)
        self.assertEqual(values["hotline_area_id"], self.street_area.id)
        self.assertEqual(values["hotline_line_id"], self.line_12333.id)
        __, problems = Intake._read_declared("import", {"area": "NOPE"}, self.company)
        self.assertTrue(problems)
