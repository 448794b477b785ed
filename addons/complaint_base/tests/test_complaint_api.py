import base64
import hashlib
import json
import threading

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.addons.complaint_base.models.complaint_api_integration import hash_api_key
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

API = "/api/complaint/v1"


@tagged("post_install", "-at_install")
class TestComplaintApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.api_user = new_test_user(
            cls.env,
            login="api_dms",
            name="DMS",
            groups="base.group_user,complaint_base.group_complaint_user_own",
            tz="Asia/Shanghai",
        )
        cls.team = cls.env["complaint.team"].create({"name": "API Team", "code": "APIT"})
        cls.integration = cls.env["complaint.api.integration"].create(
            {"name": "Manufacturer DMS", "code": "oem_dms_test", "user_id": cls.api_user.id, "team_id": cls.team.id}
        )
        cls.key = cls._issue(cls.integration)
        other_user = new_test_user(
            cls.env, login="api_other", name="Other", groups="base.group_user,complaint_base.group_complaint_user_own"
        )
        cls.other = cls.env["complaint.api.integration"].create(
            {"name": "Head Office", "code": "head_office_test", "user_id": other_user.id}
        )
        cls.other_key = cls._issue(cls.other)
        cls.category = cls.env.ref("complaint_base.complaint_category_service")
        cls.category.code = "SERVICE-T"

    @classmethod
    def _issue(cls, integration):
        action = integration.action_issue_key()
        return action["context"]["default_key"]

    def _call(self, method, path, payload=None, key=None, headers=None, raw=None):
        all_headers = {"Content-Type": "application/json"}
        if key is not False:
            all_headers["Authorization"] = f"Bearer {key or self.key}"
        all_headers.update(headers or {})
        body = raw if raw is not None else (json.dumps(payload) if payload is not None else None)
        return self.opener.request(method, self.base_url() + API + path, data=body, headers=all_headers, timeout=30)

    def _payload(self, **values):
        payload = {
            "subject": "车辆异响三次维修未果",
            "description": "发动机异响<script>alert(1)</script>",
            "complainant": {"name": "赵先生", "phone": "13800138000"},
            "category": "SERVICE-T",
            "external_ref": "DMS-2026-0001",
            "date_received": "2026-11-20T09:30:00+08:00",
        }
        payload.update(values)
        return payload

    def _complaints(self):
        return (
            self.env["complaint.complaint"]
            .with_context(active_test=False)
            .search([("external_source", "=", "oem_dms_test")])
        )

    # --- keys ---------------------------------------------------------------
    def test_key_is_stored_hashed_and_shown_once(self):
        self.assertTrue(self.key.startswith("cpk_"))
        self.assertGreater(len(self.key), 40)
        self.assertEqual(self.integration.key_hash, hash_api_key(self.key))
        self.assertNotIn(self.key, self.integration.key_hint)
        self.env.cr.execute("SELECT count(*) FROM complaint_api_integration WHERE key_hash = %s", [self.key])
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        action = self.integration.action_issue_key()
        new_key = action["context"]["default_key"]
        # the dialog shows it from the context, as Odoo's own API-key dialog does
        shown = self.env[action["res_model"]].with_context(action["context"]).default_get(["key", "integration_id"])
        self.assertEqual(shown, {"key": new_key, "integration_id": self.integration.id})
        # the previous key stops working at once
        self.assertEqual(self._call("POST", "/complaints", self._payload()).status_code, 401)
        self.assertEqual(self._call("POST", "/complaints", self._payload(), key=new_key).status_code, 201)

    def test_clear_key_is_in_no_row_of_any_table(self):
        admin = new_test_user(
            self.env, login="api_admin", groups="base.group_user,base.group_system,complaint_base.group_complaint_admin"
        )
        action = self.integration.with_user(admin).action_issue_key()
        key = action["context"]["default_key"]
        self.env[action["res_model"]].with_user(admin).with_context(action["context"]).onchange({}, [], {"key": {}})
        self.assertFalse(self.env.registry[action["res_model"]]._auto, "the key dialog has no table")
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT c.table_name, c.column_name FROM information_schema.columns c
                 JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('character varying', 'text', 'jsonb')"""
        )
        columns = self.env.cr.fetchall()
        self.assertIn(("complaint_api_integration", "key_hash"), columns)
        holding = []
        for table, column in columns:
            self.env.cr.execute(
                SQL(
                    "SELECT 1 FROM %s WHERE %s::text LIKE %s LIMIT 1",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    f"%{key[4:]}%",
                )
            )
            if self.env.cr.fetchone():
                holding.append(f"{table}.{column}")
        self.assertEqual(holding, [], "the clear key is stored")
        self.assertEqual(self.integration.key_hash, hash_api_key(key))

    def test_repeated_wrong_keys_are_paused(self):
        self.env["ir.config_parameter"].sudo().set_param("complaint_base.api_auth_failure_limit", "3")
        self.env["ir.config_parameter"].sudo().set_param("complaint_base.api_auth_window_minutes", "15")
        # no key at all is not a guess: not counted
        self.assertEqual(self._call("GET", "/complaints/none", key=False).status_code, 401)
        for attempt in range(3):
            response = self._call("GET", "/complaints/none", key=f"cpk_guess{attempt}")
            self.assertEqual(response.status_code, 401)
        paused = self._call("GET", "/complaints/none", key="cpk_guess4")
        self.assertEqual(paused.status_code, 429)
        self.assertEqual(paused.json()["error"]["code"], "too_many_requests")
        self.assertTrue(1 <= int(paused.headers["Retry-After"]) <= 15 * 60)
        # while paused, even the right key is refused: the pause tells nothing about a guess
        self.assertEqual(self._call("POST", "/complaints", self._payload()).status_code, 429)
        self.assertFalse(self._complaints())
        # the counter is kept apart from the integration, under a hash of the address
        counter = self.env["complaint.intake.throttle"].search([("scope", "=", "api_auth")])
        self.assertRecordValues(counter, [{"count": 3}])
        self.assertNotIn("127.0.0.1", counter.client_hash)
        self.assertNotIn("throttle", " ".join(self.integration._fields))
        # once the window is over the address may call again
        self.env.cr.execute(
            "UPDATE complaint_intake_throttle SET window_start = window_start - interval '1 hour', "
            "date_expires = date_expires - interval '1 hour'"
        )
        self.env.invalidate_all()
        self.assertEqual(self._call("POST", "/complaints", self._payload()).status_code, 201)
        self.env["complaint.intake.throttle"]._cron_purge()
        self.assertFalse(self.env["complaint.intake.throttle"].search_count([]))

    # --- create ---------------------------------------------------------------
    def test_create(self):
        response = self._call("POST", "/complaints", self._payload(), headers={"Idempotency-Key": "k-1"})
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        answer = response.json()
        complaint = self._complaints()
        self.assertEqual(len(complaint), 1)
        self.assertEqual(answer["reference"], complaint.name)
        self.assertEqual(answer["state"], "new")
        self.assertIn("access_token=", answer["tracking_url"])
        self.assertRecordValues(
            complaint,
            [
                {
                    "subject": "车辆异响三次维修未果",
                    "contact_name": "赵先生",
                    "contact_phone": "13800138000",
                    "category_id": self.category.id,
                    "team_id": self.team.id,
                    "channel_id": self.env.ref("complaint_base.complaint_channel_system").id,
                    "api_integration_id": self.integration.id,
                    "external_ref": "DMS-2026-0001",
                    "create_uid": self.api_user.id,
                }
            ],
        )
        # a naive or offset time is stored in UTC
        self.assertEqual(str(complaint.date_received), "2026-11-20 01:30:00")
        self.assertNotIn("<script", complaint.description)

    def test_idempotent_retry_and_replay_with_other_body(self):
        headers = {"Idempotency-Key": "retry-42"}
        first = self._call("POST", "/complaints", self._payload(), headers=headers)
        self.assertEqual(first.status_code, 201)
        again = self._call("POST", "/complaints", self._payload(), headers=headers)
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(again.json()["reference"], first.json()["reference"])
        self.assertEqual(len(self._complaints()), 1)
        # same key, another complaint: refused, nothing created
        other = self._call("POST", "/complaints", self._payload(subject="另一件事"), headers=headers)
        self.assertEqual(other.status_code, 422)
        self.assertEqual(other.json()["error"]["code"], "idempotency_key_reused")
        self.assertEqual(len(self._complaints()), 1)
        # keys belong to one integration: the other one may use the same key
        self.assertEqual(
            self._call("POST", "/complaints", self._payload(), key=self.other_key, headers=headers).status_code, 201
        )
        # a failed call does not consume its key
        bad = self._call("POST", "/complaints", self._payload(subject=""), headers={"Idempotency-Key": "fix-me"})
        self.assertEqual(bad.status_code, 422)
        fixed = self._call(
            "POST", "/complaints", self._payload(external_ref="DMS-2"), headers={"Idempotency-Key": "fix-me"}
        )
        self.assertEqual(fixed.status_code, 201)
        too_long = self._call("POST", "/complaints", self._payload(), headers={"Idempotency-Key": "x" * 200})
        self.assertEqual(too_long.json()["error"]["code"], "invalid_idempotency_key")

    def test_same_external_reference_is_not_registered_twice(self):
        self.assertEqual(self._call("POST", "/complaints", self._payload()).status_code, 201)
        second = self._call("POST", "/complaints", self._payload())
        self.assertEqual(second.status_code, 422)
        self.assertEqual(second.json()["error"]["fields"][0]["field"], "external_ref")
        self.assertEqual(len(self._complaints()), 1)

    # --- bad input --------------------------------------------------------------
    def test_missing_and_wrong_key(self):
        for key, headers in ((False, {}), ("cpk_guessed", {}), (False, {"X-Api-Key": "nope"})):
            response = self._call("POST", "/complaints", self._payload(), key=key, headers=headers)
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["error"]["code"], "unauthorized")
            self.assertIn("Bearer", response.headers["WWW-Authenticate"])
        # the key also works in X-Api-Key
        ok = self._call("GET", "/complaints/none", key=False, headers={"X-Api-Key": self.key})
        self.assertEqual(ok.status_code, 404)
        self.integration.action_revoke_key()
        self.assertEqual(self._call("POST", "/complaints", self._payload()).status_code, 401)
        self.assertEqual(self._call("GET", "/complaints/none", key=self.other_key).status_code, 404)
        self.other.active = False
        self.assertEqual(self._call("GET", "/complaints/none", key=self.other_key).status_code, 401)
        self.assertFalse(self._complaints())

    def test_malformed_json(self):
        cases = [
            ('{"subject": "a",', "malformed_json", 400),
            ("[1, 2]", "malformed_json", 400),
            (b"\xff\xfe{}", "malformed_json", 400),
        ]
        for raw, code, status in cases:
            response = self._call("POST", "/complaints", raw=raw)
            self.assertEqual(response.status_code, status, raw)
            self.assertEqual(response.json()["error"]["code"], code)
        self.assertIn("line 1", self._call("POST", "/complaints", raw='{"subject": "a",').json()["error"]["message"])
        form = self._call("POST", "/complaints", raw="subject=a", headers={"Content-Type": "text/plain"})
        self.assertEqual(form.status_code, 415)
        self.assertFalse(self._complaints())

    def test_validation_errors_name_the_fields(self):
        response = self._call(
            "POST",
            "/complaints",
            {
                "subject": "",
                "complainant": {"name": "钱女士", "email": "not-an-email", "fax": "1"},
                "category": "NOPE",
                "severity": "apocalyptic",
                "date_received": "yesterday",
                "colour": "red",
                "is_anonymous": "no",
            },
        )
        self.assertEqual(response.status_code, 422)
        error = response.json()["error"]
        self.assertEqual(error["code"], "validation_error")
        fields_in_error = {item["field"] for item in error["fields"]}
        self.assertEqual(
            fields_in_error,
            {
                "subject",
                "complainant.email",
                "complainant.fax",
                "category",
                "severity",
                "date_received",
                "colour",
                "is_anonymous",
            },
        )
        # no contact at all on a non-anonymous complaint
        response = self._call("POST", "/complaints", {"subject": "无联系人"})
        self.assertEqual(response.json()["error"]["fields"][0]["field"], "complainant.name")
        future = self._call("POST", "/complaints", self._payload(date_received="2999-01-01T00:00:00Z"))
        self.assertEqual(future.json()["error"]["fields"][0]["field"], "date_received")
        self.assertFalse(self._complaints())

    def test_errors_follow_accept_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "complaint_base")])._update_translations(["zh_CN"])
        response = self._call("POST", "/complaints", {"subject": ""}, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        error = response.json()["error"]
        self.assertEqual(error["message"], "投诉未登记，请查看各字段。")
        self.assertIn("投诉必须填写主题。", [item["message"] for item in error["fields"]])
        unauthorized = self._call("POST", "/complaints", {}, key=False, headers={"Accept-Language": "zh-CN"})
        self.assertNotIn("Bearer <key>'.", unauthorized.json()["error"]["message"].replace("Bearer <key>", ""))
        english = self._call("POST", "/complaints", {"subject": ""}, headers={"Accept-Language": "en-US"})
        self.assertEqual(english.json()["error"]["message"], "The complaint was not registered; see the fields.")

    def test_attachments(self):
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 64).decode()
        response = self._call(
            "POST", "/complaints", self._payload(attachments=[{"filename": "异响.png", "content": png}])
        )
        self.assertEqual(response.status_code, 201, response.text)
        complaint = self._complaints()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachment.name, "异响.png")
        for files in (
            [{"filename": "a.exe", "content": base64.b64encode(b"MZ\x90\x00" + b"\x00" * 64).decode()}],
            [{"filename": "a.png", "content": "***not base64***"}],
            [{"filename": "a.png", "content": png}] * 6,
            "a.png",
        ):
            bad = self._call("POST", "/complaints", self._payload(external_ref="X-2", attachments=files))
            self.assertEqual(bad.status_code, 422)
            self.assertTrue(bad.json()["error"]["fields"][0]["field"].startswith("attachments"))
        self.assertEqual(len(self._complaints()), 1)

    def test_rights_of_the_acting_user(self):
        self.api_user.groups_id = [(3, self.env.ref("complaint_base.group_complaint_user_own").id)]
        response = self._call("POST", "/complaints", self._payload())
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"]["code"], "forbidden")
        self.assertFalse(self._complaints())

    # --- read and add messages -----------------------------------------------------
    def test_read_status_and_add_message(self):
        created = self._call("POST", "/complaints", self._payload()).json()
        complaint = self._complaints()
        complaint.message_post(body="已安排技师检查", message_type="comment", subtype_xmlid="mail.mt_comment")
        complaint.message_post(body="内部备注", message_type="comment", subtype_xmlid="mail.mt_note")
        for reference in (created["reference"], "DMS-2026-0001"):
            status = self._call("GET", f"/complaints/{reference}")
            self.assertEqual(status.status_code, 200)
            self.assertEqual(status.json()["reference"], complaint.name)
        bodies = [message["body"] for message in status.json()["messages"]]
        self.assertIn("已安排技师检查", bodies)
        self.assertNotIn("内部备注", bodies)
        # another integration, or a complaint that came by phone, does not exist for this key
        self.assertEqual(self._call("GET", f"/complaints/{complaint.name}", key=self.other_key).status_code, 404)
        phone = self.env["complaint.complaint"].create({"subject": "电话投诉", "is_anonymous": True})
        self.assertEqual(self._call("GET", f"/complaints/{phone.name}").status_code, 404)

        added = self._call(
            "POST",
            f"/complaints/{complaint.name}/messages",
            {"body": "客户补充：第三次维修后仍有异响<img src=x onerror=alert(1)>"},
            headers={"Idempotency-Key": "msg-1"},
        )
        self.assertEqual(added.status_code, 201, added.text)
        message = self.env["mail.message"].browse(added.json()["message_id"])
        self.assertEqual(message.res_id, complaint.id)
        self.assertIn("第三次维修后仍有异响", message.body)
        self.assertNotIn("<img", message.body)
        replay = self._call(
            "POST",
            f"/complaints/{complaint.name}/messages",
            {"body": "客户补充：第三次维修后仍有异响<img src=x onerror=alert(1)>"},
            headers={"Idempotency-Key": "msg-1"},
        )
        self.assertEqual(replay.json()["message_id"], message.id)
        self.assertEqual(self._call("POST", f"/complaints/{complaint.name}/messages", {"body": ""}).status_code, 422)
        complaint.sudo().stage_id = self.env.ref("complaint_base.complaint_stage_closed")
        closed = self._call("POST", f"/complaints/{complaint.name}/messages", {"body": "还有问题"})
        self.assertEqual(closed.status_code, 409)


@tagged("post_install", "-at_install")
class TestApiIdempotencyConcurrency(TransactionCase):
    """Two calls with the same key on two connections: one complaint."""

    def test_two_connections_claim_one_key(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].create({"name": "Conc API", "login": "conc_api"})
            integration = env["complaint.api.integration"].create({"name": "Conc", "code": "conc", "user_id": user.id})
            cr.commit()
        barrier = threading.Barrier(2)
        outcomes = []
        fingerprint = hashlib.sha256(b"same body").hexdigest()

        def worker():
            with self.registry.cursor() as cr:
                cr.transaction = api.Transaction(self.registry)
                cr.execute("SET LOCAL lock_timeout = '20s'")
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait(timeout=20)
                try:
                    request_id, first = env["complaint.api.request"]._claim(integration, "same", fingerprint)
                    if request_id:
                        env["complaint.api.request"]._record_answer(request_id, 201, {"ok": True})
                    cr.commit()
                    outcomes.append("first" if request_id else "replayed")
                except psycopg2.errors.SerializationFailure:
                    # the HTTP layer retries such a call; the retry sees the answer
                    cr.rollback()
                    request_id, first = env["complaint.api.request"]._claim(integration, "same", fingerprint)
                    outcomes.append("replayed" if first and first[1] == 201 else "lost")
                except Exception as error:
                    cr.rollback()
                    outcomes.append(repr(error))

        threads = [threading.Thread(target=worker, daemon=True) for __ in range(2)]
        try:
            with mute_logger("odoo.sql_db"):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(30)
            self.assertEqual(sorted(outcomes), ["first", "replayed"])
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM complaint_api_request WHERE integration_id = %s", [integration.id])
                cr.execute("DELETE FROM complaint_api_integration WHERE id = %s", [integration.id])
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["res.users"].browse(user.id).unlink()
                cr.commit()
