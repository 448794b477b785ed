"""Clocks may run on an improvement action (no complaint): the multi-company
rule of the clock history, a ``noupdate`` record, now also reads the clock's
company.  It is let update from the module's file this once (the
post-migrate script sets ``noupdate`` back)."""

from odoo.tools import SQL

RULES = ("complaint_clock_event_rule_company",)


def migrate(cr, version):
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET noupdate = FALSE WHERE module = 'complaint_base' AND name IN %s",
            RULES,
        )
    )
