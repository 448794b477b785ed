"""The rules updated from the file by the pre-migrate script are
``noupdate`` again."""

from odoo.tools import SQL

RULES = ("complaint_clock_rule_employee_sealed", "complaint_clock_event_rule_employee_sealed")


def migrate(cr, version):
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET noupdate = TRUE WHERE module = 'complaint_employee' AND name IN %s",
            RULES,
        )
    )
