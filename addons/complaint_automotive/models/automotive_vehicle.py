from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import vin as vin_rules


class AutomotiveVehicle(models.Model):
    _name = "automotive.vehicle"
    _description = "Customer Vehicle"
    _inherit = ["mail.thread"]
    _order = "vin"
    _rec_names_search = ["vin", "license_plate", "partner_id"]

    vin = fields.Char(
        string="VIN",
        required=True,
        tracking=True,
        help="Vehicle identification number (GB 16735 / ISO 3779): 17 characters, check digit in 9th place.",
    )
    license_plate = fields.Char(string="Plate", tracking=True)
    vehicle_model = fields.Char(string="Model", help="Make and model, e.g. 帕萨特 330TSI.")
    purchase_date = fields.Date(tracking=True, help="Start of the vehicle warranty.")
    mileage = fields.Integer(string="Mileage (km)")
    partner_id = fields.Many2one("res.partner", string="Owner", index=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
    note = fields.Text()
    complaint_ids = fields.One2many("complaint.complaint", "vehicle_id", string="Complaints")
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    _sql_constraints = [
        ("vin_company_unique", "unique(vin, company_id)", "This VIN is already registered in this company."),
        ("mileage_positive", "CHECK(mileage >= 0)", "The mileage cannot be negative."),
    ]

    @api.depends("vin", "license_plate")
    def _compute_display_name(self):
        for vehicle in self:
            vehicle.display_name = " · ".join(filter(None, [vehicle.license_plate, vehicle.vin]))

    def _compute_complaint_count(self):
        counts = dict(
            self.env["complaint.complaint"]._read_group([("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"])
        )
        for vehicle in self:
            vehicle.complaint_count = counts.get(vehicle, 0)

    def _normalize_vals(self, vals):
        if vals.get("vin"):
            try:
                vals["vin"] = vin_rules.validate(vals["vin"])
            except vin_rules.VinError as error:
                raise ValidationError(self.env._(error.message, **error.params)) from None
        if vals.get("license_plate"):
            vals["license_plate"] = "".join(vals["license_plate"].split()).upper()
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_vals(dict(vals)) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_vals(dict(vals)))

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_complaint_action")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id, "default_partner_id": self.partner_id.id}
        return action
