"""Odoo-free rules of a 4S dealer's complaint desk (seeds 000 and 004:
4S店抱怨客户处理规范).  Nothing here imports Odoo."""

from . import conduct, plugin, roles, survey, vin, warranty
