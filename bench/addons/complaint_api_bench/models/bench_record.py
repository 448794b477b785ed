from odoo import fields, models


class ComplaintBenchRecord(models.Model):
    """The smallest record with a chatter: the baseline of the API benchmark."""

    _name = "complaint.bench.record"
    _description = "API Benchmark Record"
    _inherit = ["mail.thread"]

    name = fields.Char(required=True)
