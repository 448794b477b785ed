import sys
import threading
import traceback

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

# what PostgreSQL does to the loser of a race between two workers
RACE_ERRORS = (psycopg2.errors.SerializationFailure, psycopg2.errors.DeadlockDetected)


def run_two_workers(case, work, timeout=60):
    """Run ``work(env)`` in two threads on two database connections released
    at the same moment, as two cron workers would; each commits, or is rolled
    back by PostgreSQL when it loses a race.  Fails ``case`` when a worker
    hangs or neither commits; returns the outcomes."""
    barrier = threading.Barrier(2)
    outcomes = []

    def worker():
        with case.registry.cursor() as cr:
            # the test runner holds the registry lock: hand the registry over
            cr.transaction = api.Transaction(case.registry)
            env = api.Environment(cr, SUPERUSER_ID, {})
            barrier.wait(timeout=timeout)
            try:
                work(env)
                cr.commit()
                outcomes.append("committed")
            except RACE_ERRORS:
                cr.rollback()
                outcomes.append("rolled back")

    threads = [threading.Thread(target=worker, daemon=True) for __ in range(2)]
    # the logger is muted once here: mute_logger is not thread-safe when nested
    with mute_logger("odoo.sql_db"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout)
    stuck = [thread for thread in threads if thread.is_alive()]
    if stuck:
        frames = sys._current_frames()
        stacks = "\n".join("".join(traceback.format_stack(frames[t.ident])) for t in stuck if t.ident in frames)
        case.fail(f"workers did not finish:\n{stacks}")
    case.assertIn("committed", outcomes)
    return outcomes


class ComplaintCase(TransactionCase):
    """Two teams in one company, a user per permission level, a portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.company = cls.env.company
        cls.user_own = new_test_user(
            cls.env, login="cb_own", name="Clerk Own", groups="base.group_user,complaint_base.group_complaint_user_own"
        )
        cls.user_a = new_test_user(
            cls.env,
            login="cb_team_a",
            name="Handler A",
            groups="base.group_user,complaint_base.group_complaint_user_team",
        )
        cls.user_b = new_test_user(
            cls.env,
            login="cb_team_b",
            name="Handler B",
            groups="base.group_user,complaint_base.group_complaint_user_team",
        )
        cls.manager = new_test_user(
            cls.env, login="cb_manager", name="Manager", groups="base.group_user,complaint_base.group_complaint_manager"
        )
        cls.admin = new_test_user(
            cls.env,
            login="cb_admin",
            name="Admin",
            groups="base.group_user,base.group_system,complaint_base.group_complaint_admin",
        )
        cls.portal_user = new_test_user(cls.env, login="cb_portal", name="Portal Zhang", groups="base.group_portal")
        cls.other_portal_user = new_test_user(cls.env, login="cb_portal2", name="Portal Li", groups="base.group_portal")
        Team = cls.env["complaint.team"]
        cls.team_a = Team.create({"name": "Team A", "code": "TA", "member_ids": [(6, 0, cls.user_a.ids)]})
        cls.team_b = Team.create({"name": "Team B", "code": "TB", "member_ids": [(6, 0, cls.user_b.ids)]})
        cls.channel_phone = cls.env.ref("complaint_base.complaint_channel_phone")
        cls.channel_walk_in = cls.env.ref("complaint_base.complaint_channel_walk_in")
        cls.category_service = cls.env.ref("complaint_base.complaint_category_service")
        cls.stage_new = cls.env.ref("complaint_base.complaint_stage_new")
        cls.stage_progress = cls.env.ref("complaint_base.complaint_stage_in_progress")
        cls.stage_resolved = cls.env.ref("complaint_base.complaint_stage_resolved")
        cls.stage_closed = cls.env.ref("complaint_base.complaint_stage_closed")

    _phone_counter = 0

    @classmethod
    def _judged(cls, complaint):
        """Decide the validity and write the resolution: what a complaint
        needs before it may be resolved."""
        complaint.write({"validity": "valid", "resolution": "<p>已当面致歉并免费检修。</p>"})
        return complaint

    @classmethod
    def _complaint(cls, **values):
        # a different complainant each time, so that no complaint is a repeat by accident
        ComplaintCase._phone_counter += 1
        vals = {
            "subject": "发动机异响",
            "contact_name": "张伟",
            "contact_phone": f"1381234{ComplaintCase._phone_counter:04d}",
            "channel_id": cls.channel_phone.id,
        }
        vals.update(values)
        return cls.env["complaint.complaint"].create(vals)
