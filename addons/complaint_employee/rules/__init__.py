"""Odoo-free rules of the employee grievance desk (seed 000, 员工投诉管理).
Nothing here imports Odoo."""

from . import chain, filing, plugin, receipt
