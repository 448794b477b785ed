"""Clocks may run on an improvement action (no complaint): the grievance
rules on clocks and clock history hid those clocks from everyone.  They are
``noupdate`` records, which an upgrade leaves as they were: their domains
are taken from the module's file here."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import file_open

MODULE = "complaint_employee"
FILE = "security/complaint_employee_security.xml"
RULES = ("complaint_clock_rule_employee_sealed", "complaint_clock_event_rule_employee_sealed")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    with file_open(f"{MODULE}/{FILE}", "rb") as handle:
        tree = etree.parse(handle)
    for xmlid in RULES:
        domain = tree.xpath(f"//record[@id='{xmlid}']/field[@name='domain_force']")
        rule = env.ref(f"{MODULE}.{xmlid}", raise_if_not_found=False)
        if domain and rule:
            rule.domain_force = domain[0].text
