"""Odoo-free rules of a 12345-style service hotline.  Nothing here imports Odoo."""

from . import assessment, plugin, types
