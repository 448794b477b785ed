from odoo import api, fields, models

SURVEY_TARGET = "automotive_survey"


class ComplaintImport(models.TransientModel):
    """The manufacturer's survey scores arrive through the base import
    wizard as a target of their own (complaint_base wizard/complaint_import_target.py)."""

    _inherit = "complaint.import"

    target = fields.Selection(
        selection_add=[(SURVEY_TARGET, "Manufacturer Survey Scores")], ondelete={SURVEY_TARGET: "cascade"}
    )

    @api.model
    def _import_targets(self):
        return {**super()._import_targets(), SURVEY_TARGET: "automotive.survey.score"}
