"""Clocks may run on an improvement action (no complaint): the multi-company
rule of the clock history now also reads the clock's company.  The rule is a
``noupdate`` record, which an upgrade leaves as it was: its domain is taken
from the module's file here."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import file_open

MODULE = "complaint_base"
FILE = "security/complaint_base_security.xml"
RULES = ("complaint_clock_event_rule_company",)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    with file_open(f"{MODULE}/{FILE}", "rb") as handle:
        tree = etree.parse(handle)
    for xmlid in RULES:
        domain = tree.xpath(f"//record[@id='{xmlid}']/field[@name='domain_force']")
        rule = env.ref(f"{MODULE}.{xmlid}", raise_if_not_found=False)
        if domain and rule:
            rule.domain_force = domain[0].text
