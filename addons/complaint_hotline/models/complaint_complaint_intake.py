from odoo import api, models


def _(message):
    return message


INTAKE_FIELDS = (
    {
        "name": "hotline_order_type",
        "type": "selection",
        "label": _("Order Type"),
        "help": _("consult, help, complaint, report, suggestion or praise."),
        "api_key": "order_type",
        "column": "order_type",
        "headers": ("工单类型", "诉求类型", "order type", "hotline_order_type"),
        "max_length": 20,
        "channels": ("wizard", "web_form", "api", "import"),
    },
    {
        "name": "hotline_urgency",
        "type": "selection",
        "label": _("Urgency"),
        "help": _("emergency, utility, general or complex."),
        "api_key": "urgency",
        "column": "urgency",
        "headers": ("紧急程度", "urgency", "hotline_urgency"),
        "max_length": 20,
        "channels": ("wizard", "api", "import"),
    },
    {
        "name": "hotline_line_id",
        "type": "many2one",
        "label": _("Source Line"),
        "help": _("The number of the line called, e.g. 12345 or 12333."),
        "api_key": "line",
        "column": "line",
        "headers": ("来源线路", "热线号码", "source line", "hotline_line"),
        "max_length": 20,
        "comodel": "hotline.line",
        "lookup": "code",
        "reference": "line",
        "channels": ("wizard", "api", "import"),
    },
    {
        "name": "hotline_area_id",
        "type": "many2one",
        "label": _("Area"),
        "help": _("The code of the administrative division."),
        "api_key": "area",
        "column": "area",
        "headers": ("所属区域", "行政区划", "区域代码", "area", "hotline_area"),
        "max_length": 20,
        "comodel": "hotline.area",
        "lookup": "code",
        "reference": "area",
        "channels": ("wizard", "web_form", "api", "import"),
    },
    {
        "name": "hotline_address",
        "type": "char",
        "label": _("Address"),
        "api_key": "address",
        "column": "address",
        "headers": ("地址", "事发地址", "address", "hotline_address"),
        "max_length": 300,
        "channels": ("wizard", "web_form", "api", "import"),
    },
    {
        "name": "hotline_recording_ref",
        "type": "char",
        "label": _("Recording Reference"),
        "api_key": "recording",
        "column": "recording",
        "headers": ("录音编号", "recording", "hotline_recording_ref"),
        "max_length": 100,
        "channels": ("wizard", "api", "import"),
    },
)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    @api.model
    def _complaint_intake_fields(self):
        """The hotline's intake fields (type, urgency, line, area, address,
        recording): every channel of the base accepts and shows them."""
        return [*super()._complaint_intake_fields(), *INTAKE_FIELDS]
