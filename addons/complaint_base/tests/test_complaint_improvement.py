"""Recurring complaints (反复投诉) and improvement actions (8D): the grouping,
its threshold and window, the sector hook, the 8D clocks and their ladder,
the effectiveness check and who may do what."""

import types

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..engine.recurring import make_key
from ..plugins import hookimpl, manager
from .common import run_two_workers
from .common_deadlines import DeadlineCase, bj


class ImprovementCase(DeadlineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "complaint_recurring_threshold": 3,
                "complaint_recurring_window_days": 30,
                "complaint_improvement_check_days": 90,
            }
        )
        Category = cls.env["complaint.category"]
        cls.cat_delay = Category.create({"name": "物流延误", "code": "T_DELAY"})
        cls.cat_damage = Category.create({"name": "包裹破损", "code": "T_DAMAGE"})
        Partner = cls.env["res.partner"]
        cls.outlet_a = Partner.create({"name": "杭州西湖网点", "is_company": True})
        cls.outlet_b = Partner.create({"name": "宁波鄞州网点", "is_company": True})
        # the shipped 8D policies (DeadlineCase archived every policy)
        cls.policy_default = cls.env.ref("complaint_base.policy_improvement_default")
        cls.policy_severe = cls.env.ref("complaint_base.policy_improvement_severe")
        (cls.policy_default | cls.policy_severe).action_unarchive()
        cls.Improvement = cls.env["complaint.improvement"]

    def _about(self, when, category, respondent, **values):
        return self._received(when, category_id=category.id, respondent_partner_id=respondent.id, **values)

    def _action(self, severity="general", **values):
        vals = {
            "title": "网点延误反复出现",
            "team_id": self.team_a.id,
            "user_id": self.user_a.id,
            "severity": severity,
        }
        vals.update(values)
        action = self.Improvement.with_user(self.manager).create(vals)
        action.action_open()
        return action.with_user(self.env.user)

    @staticmethod
    def _clock_of(action, code):
        return action.clock_ids.filtered(lambda c: c.kind_id.code == code and c.state != "cancelled")

    def _run_steps(self, action, until="d8"):
        """Fill in and complete the steps of ``action`` up to ``until``."""
        action = action.with_user(self.manager)
        action.member_ids = self.user_a | self.user_b
        for code, field in (
            ("d2", "d2_problem"),
            ("d3", "d3_containment"),
            ("d4", "d4_root_cause"),
            ("d5", "d5_corrective"),
            ("d6", "d6_preventive"),
            ("d7", "d7_verification"),
            ("d8", "d8_lessons"),
        ):
            action[field] = f"<p>{code} 已完成</p>"
        while action.state in ("open", "verify"):
            step = action.step
            action.action_complete_step()
            if step == until:
                break
        return action


@tagged("post_install", "-at_install")
class TestRecurringGroups(ImprovementCase):
    @freeze_time("2026-03-20 02:00:00")
    def _fixture(self):
        self.delay_a = (
            self._about(bj(2026, 3, 1, 9, 0), self.cat_delay, self.outlet_a)
            | self._about(bj(2026, 3, 10, 9, 0), self.cat_delay, self.outlet_a)
            | self._about(bj(2026, 3, 19, 15, 0), self.cat_delay, self.outlet_a)
        )
        # older than the window of 30 days
        self.delay_a_old = self._about(bj(2026, 2, 5, 9, 0), self.cat_delay, self.outlet_a)
        # cancelled and invalid complaints do not count
        self._about(bj(2026, 3, 12, 9, 0), self.cat_delay, self.outlet_a).action_cancel()
        self._about(bj(2026, 3, 13, 9, 0), self.cat_delay, self.outlet_a, validity="invalid")
        # same category, another respondent: two only
        self.delay_b = self._about(bj(2026, 3, 2, 9, 0), self.cat_delay, self.outlet_b) | self._about(
            bj(2026, 3, 3, 9, 0), self.cat_delay, self.outlet_b
        )
        # four damages at outlet B: the largest group
        self.damage_b = self.env["complaint.complaint"]
        for day in (4, 6, 8, 11):
            self.damage_b |= self._about(bj(2026, 3, day, 9, 0), self.cat_damage, self.outlet_b)
        # no category: in no group
        for day in (4, 5, 6):
            self._received(bj(2026, 3, day, 9, 0), respondent_partner_id=self.outlet_a.id)

    @freeze_time("2026-03-20 02:00:00")
    def test_groups_above_the_threshold_within_the_window(self):
        self._fixture()
        groups = self.env["complaint.complaint"]._recurring_groups()
        self.assertEqual([g["count"] for g in groups], [4, 3], "largest first, the pair of outlet B left out")
        damage, delay = groups
        self.assertEqual(damage["complaint_ids"], sorted(self.damage_b.ids))
        self.assertEqual((damage["category_id"], damage["respondent_id"]), (self.cat_damage.id, self.outlet_b.id))
        self.assertEqual(delay["complaint_ids"], sorted(self.delay_a.ids))
        self.assertEqual(delay["date_first"], bj(2026, 3, 1, 9, 0))
        self.assertEqual(delay["date_last"], bj(2026, 3, 19, 15, 0))
        self.assertEqual(delay["label"], "物流延误 / 杭州西湖网点")
        self.assertEqual(
            delay["key"],
            make_key(
                self.company.id, [("category_id", self.cat_delay.id), ("respondent_partner_id", self.outlet_a.id)]
            ),
        )
        self.assertFalse(delay["improvement_id"])

    @freeze_time("2026-03-20 02:00:00")
    def test_threshold_and_window_parameters_and_settings(self):
        self._fixture()
        Complaint = self.env["complaint.complaint"]
        by_key = {g["label"]: g["count"] for g in Complaint._recurring_groups(threshold=2)}
        self.assertEqual(by_key["物流延误 / 宁波鄞州网点"], 2)
        wide = {g["label"]: g["count"] for g in Complaint._recurring_groups(window_days=60)}
        self.assertEqual(wide["物流延误 / 杭州西湖网点"], 4, "the complaint of February is in a 60-day window")
        # the company's settings
        self.company.complaint_recurring_threshold = 4
        self.assertEqual([g["count"] for g in Complaint._recurring_groups()], [4])
        self.company.complaint_recurring_window_days = 10
        self.assertEqual(Complaint._recurring_groups(), [], "only damages of 11 March fall in the last 10 days")
        settings = self.env["res.config.settings"].create({"complaint_recurring_threshold": 2})
        settings.execute()
        self.assertEqual(self.company.complaint_recurring_threshold, 2)
        # a domain narrows the complaints counted
        narrowed = Complaint._recurring_groups(domain=[("category_id", "=", self.cat_damage.id)], window_days=30)
        self.assertEqual([g["count"] for g in narrowed], [4])

    def test_time_moves_the_window(self):
        with freeze_time("2026-03-20 02:00:00"):
            self._fixture()
        with freeze_time("2026-04-04 23:00:00"):
            # the window now starts on 6 March 07:00 in Beijing: two delays of outlet A, three damages of outlet B
            groups = self.env["complaint.complaint"]._recurring_groups()
            self.assertEqual([(g["label"], g["count"]) for g in groups], [("包裹破损 / 宁波鄞州网点", 3)])

    @freeze_time("2026-03-20 02:00:00")
    def test_one_grouped_query_whatever_the_number_of_complaints(self):
        self._fixture()
        Complaint = self.env["complaint.complaint"]
        Complaint._recurring_groups()  # the caches of rules and access rights warm
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        Complaint._recurring_groups()
        few = self.env.cr.sql_log_count - before
        for day in range(1, 19):
            self._about(bj(2026, 3, day, 10, 0), self.cat_delay, self.outlet_a)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        groups = Complaint._recurring_groups()
        many = self.env.cr.sql_log_count - before
        self.assertEqual([g["count"] for g in groups], [21, 4])
        self.assertEqual(many, few, "the queries do not grow with the complaints")

    @freeze_time("2026-03-20 02:00:00")
    def test_record_rules_apply(self):
        self._fixture()
        # the handler of team B sees no complaint of team A
        self.assertEqual(self.env["complaint.complaint"].with_user(self.user_b)._recurring_groups(), [])
        self.assertEqual(len(self.env["complaint.complaint"].with_user(self.user_a)._recurring_groups()), 2)

    @freeze_time("2026-03-20 02:00:00")
    def test_recurring_list_opens_an_improvement_action(self):
        self._fixture()
        Recurring = self.env["complaint.recurring"].with_user(self.manager)
        action = Recurring.action_refresh()
        self.assertEqual(action["res_model"], "complaint.recurring")
        rows = Recurring.search([])
        self.assertEqual(rows.mapped("complaint_count"), [4, 3])
        delay = rows.filtered(lambda r: r.category_id == self.cat_delay)
        opened = delay.action_open_improvement()
        improvement = self.Improvement.browse(opened["res_id"])
        self.assertRecordValues(
            improvement,
            [
                {
                    "state": "open",
                    "step": "d1",
                    "category_id": self.cat_delay.id,
                    "respondent_id": self.outlet_a.id,
                    "recurring_key": delay.key,
                    "team_id": self.team_a.id,
                }
            ],
        )
        self.assertEqual(improvement.complaint_ids, self.delay_a)
        self.assertEqual(self.delay_a[0].improvement_count, 1)
        # a second click opens the same action; the group now shows it
        self.assertEqual(delay.action_open_improvement()["res_id"], improvement.id)
        groups = self.env["complaint.complaint"]._recurring_groups()
        self.assertEqual(groups[1]["improvement_id"], improvement.id)
        key = delay.key
        Recurring.action_refresh()
        self.assertEqual(Recurring.search([("key", "=", key)]).improvement_id, improvement)
        # another user's list is their own
        other = self.env["complaint.recurring"].with_user(self.user_a)
        other.action_refresh()
        self.assertEqual(len(other.search([])), 2)
        self.assertEqual(len(Recurring.search([])), 2)


def _channel_plugin():
    plugin = types.ModuleType("complaint_recurring_test")

    @hookimpl
    def complaint_recurring_key(sector):
        return ["category_id", "channel_id"] if sector == "general" else None

    plugin.complaint_recurring_key = complaint_recurring_key
    return plugin


@tagged("post_install", "-at_install")
class TestRecurringHook(ImprovementCase):
    @freeze_time("2026-03-20 02:00:00")
    def test_a_plugin_defines_the_key(self):
        Partner = self.env["res.partner"]
        for index in range(3):
            # three respondents, one category, one channel
            self._about(bj(2026, 3, 10 + index, 9, 0), self.cat_delay, Partner.create({"name": f"快递员{index}"}))
        Complaint = self.env["complaint.complaint"]
        self.assertEqual(Complaint._recurring_groups(), [], "by category and respondent: no group")
        pm = manager.get_plugin_manager()
        pm.register_for_addon(_channel_plugin(), "complaint_base", name="test:recurring")
        self.addCleanup(pm.unregister, name="test:recurring")
        self.assertEqual(Complaint._recurring_key_fields("general"), ("category_id", "channel_id"))
        groups = Complaint._recurring_groups()
        self.assertEqual([g["count"] for g in groups], [3])
        self.assertEqual(groups[0]["label"], f"物流延误 / {self.channel_phone.display_name}")
        self.assertFalse(groups[0]["respondent_id"])
        # a plugin of an addon that is not installed is silent
        pm.unregister(name="test:recurring")
        pm.register_for_addon(_channel_plugin(), "complaint_not_installed", name="test:recurring")
        self.assertEqual(Complaint._recurring_groups(), [])

    def test_unusable_fields_fall_back_to_the_default(self):
        plugin = types.ModuleType("complaint_recurring_bad")

        @hookimpl
        def complaint_recurring_key(sector):
            return ["no_such_field", "description"]

        plugin.complaint_recurring_key = complaint_recurring_key
        pm = manager.get_plugin_manager()
        pm.register_for_addon(plugin, "complaint_base", name="test:recurring_bad")
        self.addCleanup(pm.unregister, name="test:recurring_bad")
        with mute_logger("odoo.addons.complaint_base.models.complaint_complaint_improvement"):
            self.assertEqual(
                self.env["complaint.complaint"]._recurring_key_fields("general"),
                ("category_id", "respondent_partner_id"),
            )


@tagged("post_install", "-at_install")
class TestImprovementClocks(ImprovementCase):
    def test_severe_action_contained_in_24_hours_closed_in_a_week(self):
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            action = self._action("critical")
        self.assertEqual(action.date_open, bj(2026, 3, 3, 10, 0))
        due = {clock.kind_id.code: clock.date_due for clock in action.clock_ids}
        self.assertEqual(
            due,
            {
                "improvement_containment": bj(2026, 3, 4, 10, 0),
                "improvement_close": bj(2026, 3, 10, 10, 0),
                # Tuesday + 2 working days; + 7 working days over the weekend
                "improvement_response": bj(2026, 3, 5, 10, 0),
                "improvement_analysis": bj(2026, 3, 12, 10, 0),
            },
        )
        self.assertEqual(action.date_deadline, bj(2026, 3, 4, 10, 0))
        self.assertTrue(
            all(clock.company_id == self.company and clock.team_id == self.team_a for clock in action.clock_ids)
        )
        self.assertEqual(action.clock_ids.user_id, self.user_a, "the owner is the clock's handler")
        with freeze_time(bj(2026, 3, 3, 15, 0)):
            self._run_steps(action, until="d3")
        self.assertEqual(action.step, "d4")
        self.assertEqual(action.d3_date_done, bj(2026, 3, 3, 15, 0))
        self.assertEqual(self._clock_of(action, "improvement_response").result, "on_time")
        self.assertEqual(self._clock_of(action, "improvement_containment").result, "on_time")
        self.assertEqual(self._clock_of(action, "improvement_analysis").state, "running")
        self.assertEqual(action.date_deadline, bj(2026, 3, 10, 10, 0))
        with freeze_time(bj(2026, 3, 11, 9, 0)):
            self._run_steps(action)
        self.assertEqual(action.state, "done")
        self.assertEqual(self._clock_of(action, "improvement_analysis").result, "on_time")
        self.assertEqual(self._clock_of(action, "improvement_close").result, "late", "closed a day after the week")
        self.assertEqual(action.date_closed, bj(2026, 3, 11, 9, 0))
        self.assertEqual(action.date_effectiveness_due, bj(2026, 6, 9, 9, 0))
        self.assertEqual(action.effectiveness, "pending")

    def test_general_action_over_a_weekend(self):
        with freeze_time(bj(2026, 3, 6, 16, 0)):  # a Friday afternoon
            action = self._action("general")
        due = {clock.kind_id.code: clock.date_due for clock in action.clock_ids}
        self.assertEqual(
            due,
            {"improvement_response": bj(2026, 3, 10, 16, 0), "improvement_analysis": bj(2026, 3, 17, 16, 0)},
            "no containment or one-week clock for a general action",
        )

    def test_general_action_over_national_day(self):
        with freeze_time(bj(2026, 9, 29, 11, 0)):
            action = self._action("general")
        due = {clock.kind_id.code: clock.date_due for clock in action.clock_ids}
        # 30 Sep, then 1-7 Oct are holidays; 10 Oct (a Saturday) is a make-up working day
        self.assertEqual(
            due,
            {"improvement_response": bj(2026, 10, 8, 11, 0), "improvement_analysis": bj(2026, 10, 14, 11, 0)},
        )

    def test_the_company_calendar_without_a_team(self):
        with freeze_time(bj(2026, 3, 6, 16, 0)):
            action = self._action("general", team_id=False)
        calendar = self.company._complaint_calendar()
        self.assertEqual(calendar.tz, "Asia/Shanghai")
        response = self._clock_of(action, "improvement_response")
        self.assertEqual(response.date_due.weekday(), 1, "two working days from Friday: Tuesday, never the weekend")

    def test_a_draft_has_no_clock_and_cancel_stops_them(self):
        action = self.Improvement.with_user(self.manager).create({"title": "草稿", "team_id": self.team_a.id})
        self.assertFalse(action.clock_ids)
        self.assertTrue(action.name.startswith("8D"))
        action.action_open()
        self.assertEqual(len(action.clock_ids), 2)
        action.action_cancel()
        self.assertEqual(set(action.clock_ids.mapped("state")), {"cancelled"})
        self.assertFalse(action.date_deadline)

    def test_a_policy_decides_the_clocks_of_improvement_actions_only(self):
        self.policy_default.target_ids.filtered(lambda t: t.kind_id.code == "improvement_response").unit = "hours"
        with freeze_time(bj(2026, 3, 6, 16, 0)):
            action = self._action("general")
            complaint = self._received(bj(2026, 3, 6, 16, 0), severity="critical")
        self.assertEqual(self._clock_of(action, "improvement_response").date_due, bj(2026, 3, 6, 18, 0))
        self.assertFalse(complaint.clock_ids, "an improvement policy starts no clock on a complaint")

    def test_the_clock_seam(self):
        action = self._action("general")
        kind = self.env.ref("complaint_base.clock_kind_improvement_response")
        clock = self.env["complaint.clock"].create(
            {"improvement_id": action.id, "kind_id": kind.id, "date_start": "2026-03-03 02:00:00"}
        )
        self.assertEqual((clock.company_id, clock.team_id, clock.user_id), (self.company, self.team_a, self.user_a))
        self.assertEqual(clock._clock_owner(), action)
        self.assertEqual(clock._clock_owner_field(action), "improvement_id")
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["complaint.clock"].create(
                {
                    "improvement_id": action.id,
                    "complaint_id": complaint.id,
                    "kind_id": kind.id,
                    "date_start": "2026-03-03 02:00:00",
                }
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["complaint.clock"].create({"kind_id": kind.id, "date_start": "2026-03-03 02:00:00"})

    def test_steps_need_their_text(self):
        action = self._action("general").with_user(self.manager)
        with self.assertRaises(UserError):
            action.action_complete_step()  # no 8D team yet
        action.member_ids = self.user_a
        action.action_complete_step()
        action.d2_problem = "<p><br></p>"
        with self.assertRaises(UserError):
            action.action_complete_step()
        self.assertEqual(action.step, "d2")


@tagged("post_install", "-at_install")
class TestImprovementEscalation(ImprovementCase):
    def test_the_containment_ladder(self):
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            action = self._action("critical")
        containment = self._clock_of(action, "improvement_containment")
        remind = self.env.ref("complaint_base.step_improvement_containment_remind")
        late = self.env.ref("complaint_base.step_improvement_containment_late")
        self.assertEqual(containment.next_check, bj(2026, 3, 4, 4, 0), "75% of 24 hours")
        messages = len(action.message_ids)
        fines = self.env["complaint.penalty"].search_count([])
        with freeze_time(bj(2026, 3, 4, 4, 1)):
            self._run_scheduler()
        fired = containment.event_ids.filtered(lambda e: e.event == "step").step_id
        self.assertEqual(fired, remind)
        self.assertEqual(len(action.message_ids), messages + 1, "the reminder is written on the action")
        self.assertIn(self.user_a.partner_id, action.message_ids[0].partner_ids, "the owner is notified")
        with freeze_time(bj(2026, 3, 4, 10, 1)):
            self._run_scheduler()
            self._run_scheduler()
        self.assertEqual(containment.state, "breached")
        self.assertTrue(action.is_overdue)
        fired = containment.event_ids.filtered(lambda e: e.event == "step").step_id
        self.assertEqual(fired, remind | late)
        self.assertEqual(len(action.message_ids), messages + 2, "each step once, however often the scheduler runs")
        self.assertIn(self.manager.partner_id, action.message_ids[0].partner_ids, "the complaint managers are told")
        self.assertEqual(self.env["complaint.penalty"].search_count([]), fines, "no fine on an improvement action")

    def test_analysis_overdue_plans_an_activity_for_the_team_leader(self):
        with freeze_time(bj(2026, 3, 6, 16, 0)):
            action = self._action("general")
        with freeze_time(bj(2026, 3, 17, 16, 1)):
            self._run_scheduler()
        activity = action.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(len(activity), 1)
        # the clock history of the action is readable by a handler
        clock = self._clock_of(action, "improvement_analysis").with_user(self.user_b)
        self.assertTrue(clock.event_ids)


@tagged("post_install", "-at_install")
class TestImprovementEffectiveness(ImprovementCase):
    def _closed_action(self):
        with freeze_time(bj(2026, 3, 20, 10, 0)):
            group = (
                self._about(bj(2026, 3, 1, 9, 0), self.cat_delay, self.outlet_a)
                | self._about(bj(2026, 3, 10, 9, 0), self.cat_delay, self.outlet_a)
                | self._about(bj(2026, 3, 19, 9, 0), self.cat_delay, self.outlet_a)
            )
            group[0].write(
                {"root_cause": "分拣线超负荷", "corrective_action": "增加夜班", "preventive_action": "扩建分拣线"}
            )
            opened = group.with_user(self.manager).action_open_improvement()
            action = self.Improvement.browse(opened["res_id"])
            self.assertIn("分拣线超负荷", action.d4_root_cause)
            self.assertIn(group[0].name, action.d4_root_cause)
            self.assertIn("增加夜班", action.d5_corrective)
            self.assertIn("扩建分拣线", action.d6_preventive)
            self.assertEqual(action.severity, "general")
        with freeze_time(bj(2026, 4, 1, 10, 0)):
            self._run_steps(action)
        self.assertEqual(action.date_effectiveness_due, bj(2026, 6, 30, 10, 0))
        return action

    def _run_check(self):
        result = self.env["complaint.improvement"]._cron_check_effectiveness()
        self.env.invalidate_all()
        return result

    def test_the_group_recurs(self):
        action = self._closed_action()
        with freeze_time(bj(2026, 5, 2, 9, 0)):
            again = self._about(bj(2026, 5, 2, 9, 0), self.cat_delay, self.outlet_a)
            self._about(bj(2026, 5, 3, 9, 0), self.cat_damage, self.outlet_a)  # another group
        with freeze_time(bj(2026, 6, 29, 10, 0)):
            self.assertFalse(self._run_check(), "not due yet")
            self.assertEqual(action.effectiveness, "pending")
        with freeze_time(bj(2026, 7, 1, 10, 0)):
            self._about(bj(2026, 7, 1, 9, 0), self.cat_delay, self.outlet_a)  # after the checked period
            messages = len(action.message_ids)
            self.assertEqual(self._run_check(), action)
            self.assertEqual(action.effectiveness, "not_effective")
            self.assertEqual(action.recurrence_ids, again)
            self.assertEqual(action.date_effectiveness_checked, bj(2026, 7, 1, 10, 0))
            self.assertEqual(len(action.message_ids), messages + 1)
            self.assertIn(again.name, action.message_ids[0].body)
            self.assertTrue(action.activity_ids.filtered(lambda a: a.user_id == action.user_id))
            # a second run changes nothing
            self.assertFalse(self._run_check())
            self.assertEqual(len(action.message_ids), messages + 1)

    def test_the_group_does_not_recur(self):
        action = self._closed_action()
        with freeze_time(bj(2026, 5, 2, 9, 0)):
            self._about(bj(2026, 5, 2, 9, 0), self.cat_delay, self.outlet_b)
            self._about(bj(2026, 3, 25, 9, 0), self.cat_delay, self.outlet_a)  # received before the closing
        with freeze_time(bj(2026, 7, 1, 10, 0)):
            self.assertEqual(self._run_check(), action)
            self.assertEqual(action.effectiveness, "effective")
            self.assertFalse(action.recurrence_ids)
            self.assertFalse(self._run_check())

    def test_note_in_the_company_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "complaint_base")])._update_translations(["zh_CN"])
        self.company.partner_id.lang = "zh_CN"
        action = self._closed_action()
        with freeze_time(bj(2026, 7, 1, 10, 0)):
            self._run_check()
        body = action.message_ids[0].body
        self.assertIn("有效性检查：有效", body)
        # the closing in Beijing time (10:00), not UTC (02:00)
        closed = self.company._complaint_format_datetime(action.date_closed, dt_format="minutes")
        self.assertIn(closed, body)
        self.assertIn("10", closed)
        self.assertNotIn("02", closed.split()[-1])

    def test_an_action_without_group(self):
        other = self.env["res.company"].create({"name": "宁波分公司"})
        with freeze_time(bj(2026, 3, 20, 10, 0)):
            action = self._action("general")
            # a key naming another company's group (written by hand) is not compared
            foreign = self._action("general", recurring_key=make_key(other.id, [("category_id", self.cat_delay.id)]))
        with freeze_time(bj(2026, 3, 21, 10, 0)):
            self._run_steps(action)
            self._run_steps(foreign)
        with freeze_time(bj(2026, 7, 1, 10, 0)):
            self.assertEqual(self._run_check(), action | foreign)
        self.assertEqual(action.effectiveness, "not_checkable")
        self.assertEqual(foreign.effectiveness, "not_checkable")

    def test_check_by_hand(self):
        action = self._closed_action()
        with freeze_time(bj(2026, 4, 10, 9, 0)):
            again = self._about(bj(2026, 4, 10, 8, 0), self.cat_delay, self.outlet_a)
            action.with_user(self.manager).action_check_effectiveness()
        self.assertEqual(action.effectiveness, "not_effective")
        self.assertEqual(action.recurrence_ids, again)
        with self.assertRaises(AccessError):
            action.with_user(self.user_a).action_check_effectiveness()


@tagged("post_install", "-at_install")
class TestImprovementAccess(ImprovementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain_user = new_test_user(cls.env, login="cb_plain", name="Plain Employee", groups="base.group_user")

    def test_lower_users_cannot_open_move_or_close(self):
        complaint = self._received(bj(2026, 3, 3, 10, 0), category_id=self.cat_delay.id)
        complaint.message_subscribe(partner_ids=self.portal_user.partner_id.ids)
        action = self._action("general")
        for user in (self.portal_user, self.plain_user, self.user_own, self.user_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                complaint.with_user(user).action_open_improvement()
            for method in ("action_open", "action_complete_step", "action_cancel", "action_check_effectiveness"):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(action.with_user(user), method)()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                action.with_user(user).write({"title": "改标题"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Improvement.with_user(user).create({"title": "新措施"})
        for user in (self.portal_user, self.plain_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                action.with_user(user).read(["name"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["complaint.recurring"].with_user(user).action_refresh()
        # complaint users read the actions; the manager opens one from the complaint
        self.assertEqual(action.with_user(self.user_own).read(["name"])[0]["name"], action.name)
        opened = complaint.with_user(self.manager).action_open_improvement()
        self.assertEqual(self.Improvement.browse(opened["res_id"]).complaint_ids, complaint)
        with self.assertRaises(AccessError):
            complaint.with_user(self.portal_user).read(["improvement_ids"])

    def test_view_buttons_show_lower_users_nothing(self):
        """The buttons that only open a list (complaints of a group, actions of
        a complaint, recurrences of an action) change nothing; called over RPC
        by a portal or plain user, the list they open cannot be read."""
        complaint = self._received(bj(2026, 3, 3, 10, 0), category_id=self.cat_delay.id)
        action = self._action("general")
        action.complaint_ids = complaint
        for user in (self.portal_user, self.plain_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                action.with_user(user).action_view_recurrences()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                opened = complaint.with_user(user).action_view_improvements()
                self.env[opened["res_model"]].with_user(user).search(opened["domain"])
        self.assertEqual(action.with_user(self.user_own).read(["name"])[0]["name"], action.name)
        opened = complaint.with_user(self.manager).action_view_improvements()
        self.assertEqual(self.Improvement.with_user(self.manager).search(opened["domain"]), action)

    def test_recurring_row_needs_a_manager_to_open_an_action(self):
        with freeze_time("2026-03-20 02:00:00"):
            for day in (1, 2, 3):
                self._about(bj(2026, 3, day, 9, 0), self.cat_delay, self.outlet_a)
            Recurring = self.env["complaint.recurring"].with_user(self.user_a)
            Recurring.action_refresh()
            row = Recurring.search([])
            self.assertEqual(row.complaint_count, 3)
            with self.assertRaises(AccessError):
                row.action_open_improvement()

    def test_other_company(self):
        other = self.env["res.company"].create({"name": "宁波分公司"})
        action = self.Improvement.create({"title": "别的公司", "company_id": other.id})
        self.assertFalse(self.Improvement.with_user(self.manager).search([("id", "=", action.id)]))
        with self.assertRaises(AccessError):
            action.with_user(self.manager).read(["name"])


@tagged("post_install", "-at_install")
class TestEffectivenessTwoWorkers(TransactionCase):
    """Two scheduler workers check the same due actions at once: each action
    gets one verdict and one note."""

    def test_two_workers(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            actions = env["complaint.improvement"].create(
                [
                    {
                        "title": f"并发检查 {i}",
                        "state": "done",
                        "date_closed": "2020-01-01 00:00:00",
                        "effectiveness": "pending",
                        "date_effectiveness_due": "2020-04-01 00:00:00",
                    }
                    for i in range(12)
                ]
            )
            ids = tuple(actions.ids)
            cr.execute(
                """SELECT count(*) FROM mail_message m WHERE model = 'complaint.improvement' AND res_id IN %s
                      AND NOT EXISTS (SELECT 1 FROM mail_tracking_value t WHERE t.mail_message_id = m.id)""",
                [ids],
            )
            before = cr.fetchone()[0]
            cr.commit()
        try:
            run_two_workers(self, lambda env: env["complaint.improvement"]._cron_check_effectiveness(batch_size=5))
            run_two_workers(self, lambda env: env["complaint.improvement"]._cron_check_effectiveness())
            with self.registry.cursor() as cr:
                cr.execute(
                    """SELECT count(*), count(DISTINCT res_id) FROM mail_message m
                        WHERE model = 'complaint.improvement' AND res_id IN %s
                          AND NOT EXISTS (SELECT 1 FROM mail_tracking_value t WHERE t.mail_message_id = m.id)""",
                    [ids],
                )
                self.assertEqual(cr.fetchone(), (before + len(ids), len(ids)), "one note per action")
                cr.execute("SELECT DISTINCT effectiveness FROM complaint_improvement WHERE id IN %s", [ids])
                self.assertEqual(cr.fetchall(), [("not_checkable",)])
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM mail_message WHERE model = 'complaint.improvement' AND res_id IN %s", [ids])
                cr.execute("DELETE FROM complaint_improvement WHERE id IN %s", [ids])
                cr.commit()
