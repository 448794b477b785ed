import threading
from datetime import datetime, timedelta

from odoo import fields
from odoo import fields as odoo_fields
from odoo.tests import TransactionCase, tagged

from ..models.hotline_demo import XMLID, demo_clock
from ..rules import assessment
from ..rules.types import HOP_KINDS, ORDER_TYPES


@tagged("post_install", "-at_install")
class TestHotlineDemoClock(TransactionCase):
    """The demo's clock answers the step's time in its own thread only and
    leaves Odoo's clock as it found it."""

    def test_demo_clock(self):
        saved = odoo_fields.datetime
        when = datetime(2026, 3, 2, 1, 30)
        seen = {}
        with demo_clock() as at:
            with at(when):
                self.assertEqual(fields.Datetime.now(), when)
                self.assertEqual(fields.Date.context_today(self.env.user.with_context(tz="Asia/Shanghai")).day, 2)
                # another thread (a request served meanwhile) reads the real time
                thread = threading.Thread(target=lambda: seen.update(now=fields.Datetime.now()))
                thread.start()
                thread.join()
                # dates of the demo clock are dates
                self.assertIsInstance(when, odoo_fields.datetime)
                self.assertEqual(fields.Datetime.to_datetime("2026-03-02 01:30:00"), when)
            self.assertGreater(fields.Datetime.now(), when + timedelta(days=100))
        self.assertGreater(seen["now"], when + timedelta(days=100))
        self.assertIs(odoo_fields.datetime, saved)


@tagged("post_install", "-at_install")
class TestHotlineDemoMonth(TransactionCase):
    """The demo's month: 150 to 300 work orders of every type over the
    30 days before the installation (or from the first of last month),
    every kind of hop, each step in the past and in order, and last month's
    assessment computed, with figures for every department that match its hops."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(f"complaint_hotline.{XMLID % 1}", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        data = self.env["ir.model.data"].search(
            [("module", "=", "complaint_hotline"), ("name", "=like", "hotline_month_order_%")]
        )
        self.orders = self.env["complaint.complaint"].browse(data.mapped("res_id"))

    def test_month_of_orders(self):
        orders = self.orders
        self.assertTrue(150 <= len(orders) <= 300, len(orders))
        self.assertEqual(set(orders.mapped("hotline_order_type")), {key for key, __ in ORDER_TYPES})
        installed = self.env.ref("complaint_hotline.hotline_team_centre").create_date
        self.assertLess(max(orders.mapped("date_received")), installed + timedelta(minutes=10))
        self.assertGreater(min(orders.mapped("date_received")), installed - timedelta(days=63))
        # not all on one day: the month is spread over at least 25 local days
        days = {fields.Datetime.context_timestamp(orders[:1], d).date() for d in orders.mapped("date_received")}
        self.assertGreaterEqual(len(days), 25)
        self.assertGreaterEqual(len(orders.hotline_department_id), 5)
        self.assertGreaterEqual(len(orders.category_id), 8)
        self.assertGreaterEqual(len(orders.hotline_area_id), 5)
        # demo data: no acknowledgement sent or queued for the callers
        self.assertFalse(orders.filtered("acknowledgement_queued"))
        states = set(orders.mapped("hotline_state"))
        self.assertTrue({"closed", "signed", "merged"} <= states, states)
        self.assertTrue(orders.filtered(lambda o: o.hotline_answered_on_call and o.hotline_state == "closed"))
        self.assertTrue(orders.filtered("hotline_escalated"))
        self.assertTrue(orders.filtered("is_supervised"))
        self.assertTrue(orders.filtered(lambda o: o.hotline_satisfaction == "dissatisfied" or o.hotline_rework_count))
        self.assertEqual(
            set(self.env["hotline.extension"].search([("order_id", "in", orders.ids)]).mapped("state")),
            {"approved", "refused"},
        )

    def test_hops_in_the_past_and_in_order(self):
        hops = self.orders.hotline_hop_ids
        self.assertEqual(set(hops.mapped("kind")), {key for key, __ in HOP_KINDS})
        for order in self.orders:
            mine = order.hotline_hop_ids.sorted("id")
            self.assertEqual(mine.mapped("date"), sorted(mine.mapped("date")), order.name)
            if mine:
                self.assertGreaterEqual(mine[0].date, order.date_received, order.name)
        # the portal account of the water group signed for some of its orders
        self.assertIn(self.env.ref("complaint_hotline.demo_user_water_portal"), hops.user_id)
        # late and on-time sign-fors, replies and closings both
        for kind in ("sign", "reply"):
            self.assertEqual(set(hops.filtered(lambda h, k=kind: h.kind == k).mapped("on_time")), {True, False})

    def test_last_month_assessment(self):
        Assessment = self.env["hotline.assessment"]
        company = self.env.company
        start, end = Assessment._last_month(company)
        rows = Assessment.search([("company_id", "=", company.id), ("date_from", "=", start), ("date_to", "=", end)])
        departments = self.orders.hotline_department_id
        self.assertTrue(departments <= rows.department_id, (departments - rows.department_id).mapped("name"))
        low, high = Assessment._local_bounds(company, start, end)
        Hop = self.env["hotline.hop"]
        for row in rows.filtered(lambda r: r.department_id in departments):
            hops = Hop.search([("department_id", "=", row.department_id.id), ("date", ">=", low), ("date", "<", high)])
            dispatched = len(hops.filtered(lambda h: h.kind in ("dispatch", "transfer", "arbitration")))
            signed = len(hops.filtered(lambda h: h.kind == "sign" and h.on_time))
            replies = hops.filtered(lambda h: h.kind == "reply")
            self.assertGreaterEqual(row.dispatched, 10, row.department_id.name)
            self.assertGreaterEqual(row.callbacks, 5, row.department_id.name)
            self.assertEqual(row.dispatched, dispatched)
            self.assertEqual(row.signed_on_time, signed)
            self.assertEqual(row.replied, len(replies))
            self.assertEqual(row.replied_on_time, len(replies.filtered("on_time")))
            self.assertEqual(row.sign_rate, assessment.rate(signed, dispatched))
            self.assertTrue(0 < row.sign_rate < 100 or 0 < row.ontime_rate < 100, row.department_id.name)
        self.assertEqual(sorted(rows.mapped("rank"))[0], 1)
