import json
import re

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged


class OutletPortalCase(HttpCase):
    """Two outlets with a portal manager each, a courier complaint and its fine each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([("sector", "!=", "courier")]).action_archive()
        cls.manager_a = new_test_user(
            cls.env, login="portal_outlet_a", password="portal_outlet_a", groups="base.group_portal"
        )
        cls.manager_b = new_test_user(
            cls.env, login="portal_outlet_b", password="portal_outlet_b", groups="base.group_portal"
        )
        Outlet = cls.env["courier.outlet"]
        cls.outlet_a = Outlet.create(
            {"code": "P001", "name": "门户甲网点", "portal_user_ids": [(6, 0, cls.manager_a.ids)]}
        )
        cls.outlet_b = Outlet.create(
            {"code": "P002", "name": "门户乙网点", "portal_user_ids": [(6, 0, cls.manager_b.ids)]}
        )
        team = cls.env["complaint.team"].create({"name": "门户测试客服部", "code": "P-HQ", "sector": "courier"})
        rule = cls.env.ref("complaint_courier.rule_sto_12")
        Complaint = cls.env["complaint.complaint"]
        values = {"team_id": team.id, "contact_name": "张先生", "courier_rule_id": rule.id}
        cls.complaint_a = Complaint.create(
            {
                **values,
                "subject": "甲网点不上门",
                "contact_phone": "13900009001",
                "courier_outlet_id": cls.outlet_a.id,
                "courier_waybill": "268800009001",
            }
        )
        cls.complaint_b = Complaint.create(
            {**values, "subject": "乙网点不上门", "contact_phone": "13900009002", "courier_outlet_id": cls.outlet_b.id}
        )
        (cls.complaint_a | cls.complaint_b).action_courier_establish()
        cls.fine_a = cls.env["complaint.penalty"].search([("complaint_id", "=", cls.complaint_a.id)])
        cls.fine_b = cls.env["complaint.penalty"].search([("complaint_id", "=", cls.complaint_b.id)])

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@tagged("post_install", "-at_install")
class TestOutletPortal(OutletPortalCase):
    """An outlet manager follows, answers and appeals from the portal, and
    reaches nothing of another outlet."""

    def test_lists_show_only_the_own_outlet(self):
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        page = self.url_open("/my/outlet/complaints")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.complaint_a.name, page.text)
        self.assertNotIn(self.complaint_b.name, page.text)
        fines = self.url_open("/my/outlet/fines")
        self.assertIn(self.fine_a.name, fines.text)
        self.assertNotIn(self.fine_b.name, fines.text)
        self.assertEqual(self.url_open(f"/my/outlet/complaints/{self.complaint_b.id}").status_code, 404)
        detail = self.url_open(f"/my/outlet/complaints/{self.complaint_a.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("268800009001", detail.text)
        self.assertIn("STO-12", detail.text)

    def test_answer_meets_the_feedback_clock(self):
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        url = f"/my/outlet/complaints/{self.complaint_a.id}"
        token = self._csrf(url)
        response = self.url_open(
            f"{url}/answer", data={"csrf_token": token, "answer": "已致电客户道歉，明日上门取件。"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("done=1", response.url)
        self.env.invalidate_all()
        self.assertEqual(self.complaint_a.courier_outlet_answer, "已致电客户道歉，明日上门取件。")
        feedback = self.complaint_a.clock_ids.filtered(lambda c: c.kind_id.stop_event == "outlet_feedback")
        self.assertTrue(feedback)
        self.assertEqual(set(feedback.mapped("state")), {"met"})
        self.assertIn(self.manager_a.partner_id, self.complaint_a.message_ids.author_id)
        # posting on another outlet's complaint answers nothing
        other = self.url_open(
            f"/my/outlet/complaints/{self.complaint_b.id}/answer", data={"csrf_token": token, "answer": "x"}
        )
        self.assertEqual(other.status_code, 404)
        self.env.invalidate_all()
        self.assertFalse(self.complaint_b.courier_outlet_answer)

    def _answer_block(self, url):
        page = html.fromstring(self.url_open(url).text)
        blocks = page.xpath("//div[contains(@class, 'o_outlet_answer')]")
        forms = page.xpath("//form[contains(@action, '/answer')]")
        return (blocks[0].text_content() if blocks else None), bool(forms)

    def test_an_answered_complaint_shows_the_answer_not_the_form(self):
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        url = f"/my/outlet/complaints/{self.complaint_a.id}"
        self.assertEqual(self._answer_block(url), (None, True), "awaiting the answer: the form")
        token = self._csrf(url)
        self.url_open(f"{url}/answer", data={"csrf_token": token, "answer": "已致电客户道歉，明日上门取件。"})
        self.complaint_a.sudo().courier_date_outlet_answer = "2026-03-03 02:30:00"
        block, form = self._answer_block(url)
        self.assertFalse(form, "answered: no form")
        self.assertIn("已致电客户道歉，明日上门取件。", block)
        self.assertIn("2026-03-03 10:30", block, "the time of the answer, in local time")
        # the answer is not rewritten by a second post (an old tab, a resent form)
        again = self.url_open(f"{url}/answer", data={"csrf_token": token, "answer": "改口的答复"})
        self.assertIn("alert-danger", again.text)
        self.env.invalidate_all()
        self.assertEqual(self.complaint_a.courier_outlet_answer, "已致电客户道歉，明日上门取件。")

    def test_feedback_recorded_by_head_office_closes_the_form(self):
        self.complaint_a.action_courier_outlet_feedback()
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        block, form = self._answer_block(f"/my/outlet/complaints/{self.complaint_a.id}")
        self.assertFalse(form)
        self.assertIn("Head office recorded the outlet's feedback.", block)

    def test_appeal_a_fine(self):
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        token = self._csrf(f"/my/outlet/fines/{self.fine_a.id}")
        response = self.url_open(
            f"/my/outlet/fines/{self.fine_a.id}/appeal", data={"csrf_token": token, "reason": "小区禁止快递员入内"}
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.fine_a.state, "appealed")
        self.assertEqual(self.fine_a.courier_appeal_reason, "小区禁止快递员入内")
        other = self.url_open(f"/my/outlet/fines/{self.fine_b.id}/appeal", data={"csrf_token": token, "reason": "不服"})
        self.assertEqual(other.status_code, 404)
        self.env.invalidate_all()
        self.assertEqual(self.fine_b.state, "proposed")
        # an empty reason is refused with a message
        self.fine_a.sudo().action_confirm()
        response = self.url_open(f"/my/outlet/fines/{self.fine_a.id}/appeal", data={"csrf_token": token, "reason": " "})
        self.assertIn("alert-danger", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.fine_a.state, "confirmed")

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.url_open(f"/my/outlet/complaints/{self.complaint_a.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])


@tagged("post_install", "-at_install")
class TestOutletPortalBoundaries(OutletPortalCase):
    """What an outlet manager's session reaches over HTTP: the outlet's form
    on an open complaint, never the desk's methods or the complainant's
    thread."""

    def _json(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json() if response.status_code == 200 else {"error": response.status_code}

    def _state(self, complaint):
        self.env.invalidate_all()
        return (
            sorted((c.id, c.state) for c in complaint.clock_ids),
            len(complaint.message_ids.filtered(lambda m: m.author_id == self.manager_a.partner_id)),
            complaint.courier_outlet_answer,
        )

    def test_closed_complaint_refuses_the_answer_and_the_apology(self):
        url = f"/my/outlet/complaints/{self.complaint_a.id}"
        self.complaint_a.action_courier_order_apology()
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        token = self._csrf(url)
        self.complaint_a.action_close()
        before = self._state(self.complaint_a)
        answer = self.url_open(f"{url}/answer", data={"csrf_token": token, "answer": "已处理"})
        self.assertEqual(answer.status_code, 200)
        self.assertIn("alert-danger", answer.text)
        apology = self.url_open(f"{url}/apology", data={"csrf_token": token})
        self.assertIn("alert-danger", apology.text)
        self.assertEqual(self._state(self.complaint_a), before)
        self.assertFalse(self.complaint_a.courier_outlet_answer)

    def test_desk_methods_over_json_rpc_are_refused(self):
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        before = self._state(self.complaint_a)
        for method in ("action_courier_order_apology", "action_courier_outlet_feedback", "action_courier_establish"):
            result = self._json(
                f"/web/dataset/call_kw/complaint.complaint/{method}",
                {"model": "complaint.complaint", "method": method, "args": [[self.complaint_a.id]], "kwargs": {}},
            )
            self.assertIn("error", result, method)
        self.assertEqual(self._state(self.complaint_a), before)

    def test_the_complainants_thread_is_closed_to_the_outlet(self):
        self.complaint_a.message_post(
            body="张先生您好，快件明天派送。", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        before = self._state(self.complaint_a)
        detail = self.url_open(f"/my/outlet/complaints/{self.complaint_a.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertNotIn("快件明天派送", detail.text)
        self.assertEqual(self.url_open(f"/my/complaints/{self.complaint_a.id}").status_code, 404)
        posted = self._json(
            "/mail/message/post",
            {
                "thread_model": "complaint.complaint",
                "thread_id": self.complaint_a.id,
                "post_data": {"body": "网点直接回复投诉人", "message_type": "comment"},
            },
        )
        self.assertIn("error", posted)
        fetched = self._json(
            "/mail/thread/messages", {"thread_model": "complaint.complaint", "thread_id": self.complaint_a.id}
        )
        self.assertNotIn("快件明天派送", json.dumps(fetched, ensure_ascii=False))
        self.assertEqual(self._state(self.complaint_a), before)
        self.assertNotIn(self.manager_a.partner_id, self.complaint_a.message_partner_ids)
