"""Clocks may run on an improvement action (no complaint): the grievance
rules on clocks and clock history, ``noupdate`` records, hid those clocks
from everyone.  They are let update from the module's file this once (the
post-migrate script sets ``noupdate`` back)."""

from odoo.tools import SQL

RULES = ("complaint_clock_rule_employee_sealed", "complaint_clock_event_rule_employee_sealed")


def migrate(cr, version):
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET noupdate = FALSE WHERE module = 'complaint_employee' AND name IN %s",
            RULES,
        )
    )
