from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_report_user_ids = fields.Many2many(
        "res.users",
        "res_company_complaint_report_user_rel",
        "company_id",
        "user_id",
        string="Complaint Report Subscribers",
        domain=[("share", "=", False)],
        help="The managers who receive the monthly and quarterly complaint analysis reports by e-mail; "
        "a team's report goes to the subscribers who lead or belong to the team.",
    )
