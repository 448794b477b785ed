from odoo.addons.complaint_base.plugins import register_addon_plugin

from . import controllers, models, wizard
from .rules import plugin

register_addon_plugin("complaint_hotline", plugin)
