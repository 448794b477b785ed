from odoo.addons.complaint_base.plugins import register_addon_plugin

from . import controllers
from . import models
from . import wizard
from .rules import plugin

register_addon_plugin("complaint_courier", plugin)
