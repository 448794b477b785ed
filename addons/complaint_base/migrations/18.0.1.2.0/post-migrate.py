"""The rules updated from the file by the pre-migrate script are
``noupdate`` again."""

from odoo.tools import SQL

RULES = ("complaint_clock_event_rule_company",)


def migrate(cr, version):
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET noupdate = TRUE WHERE module = 'complaint_base' AND name IN %s",
            RULES,
        )
    )
