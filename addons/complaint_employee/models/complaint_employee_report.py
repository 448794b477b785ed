from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .complaint_complaint import EMPLOYEE_PATHS

# ISO 37002 / GlobaLeaks: a group smaller than this can point at a person
MIN_GROUP_SIZE = 5


class ComplaintEmployeeReport(models.Model):
    """Grievance statistics.  Any group of fewer than five grievances is left
    out of the answer (and of the totals), so that nobody is singled out."""

    _name = "complaint.employee.report"
    _description = "Grievance Statistics"
    _auto = False
    _order = "date_received desc"

    company_id = fields.Many2one("res.company", readonly=True)
    category_id = fields.Many2one("complaint.category", string="Scope", readonly=True)
    channel_id = fields.Many2one("complaint.channel", readonly=True)
    employee_path = fields.Selection(EMPLOYEE_PATHS, string="Path", readonly=True)
    state = fields.Selection(
        [
            ("new", "New"),
            ("acknowledged", "Acknowledged"),
            ("in_progress", "In Progress"),
            ("waiting", "Waiting"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        readonly=True,
    )
    date_received = fields.Date(string="Filed On", readonly=True)
    is_anonymous = fields.Boolean(string="Anonymous", readonly=True)
    filed_late = fields.Boolean(readonly=True)
    is_overdue = fields.Boolean(string="Overdue", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT c.id, c.company_id, c.category_id, c.channel_id, c.employee_path, c.state,
                       c.employee_filed_on AS date_received, c.is_anonymous,
                       c.employee_filed_late AS filed_late, c.is_overdue
                  FROM complaint_complaint c
                 WHERE c.sector = 'employee' AND c.active
            )
            """,
                SQL.identifier(self._table),
            )
        )

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        """Only groups of at least five grievances."""
        wanted = tuple(aggregates)
        counted = wanted if "__count" in wanted else (*wanted, "__count")
        rows = super()._read_group(domain, groupby, counted, having, offset, limit, order)
        index = counted.index("__count") + len(groupby)
        kept = [row for row in rows if row[index] >= MIN_GROUP_SIZE]
        if "__count" in wanted:
            return kept
        return [row[:index] + row[index + 1 :] for row in kept]

    def _check_grouped_only(self):
        """Rows one by one would single people out: only groups are shown."""
        if not self.env.su:
            raise AccessError(self.env._("Grievance statistics are read as groups of at least five."))

    def read(self, fields=None, load="_classic_read"):
        self._check_grouped_only()
        return super().read(fields=fields, load=load)

    def fetch(self, field_names=None):
        self._check_grouped_only()
        return super().fetch(field_names)

    @api.model
    def search_fetch(self, domain, field_names=None, offset=0, limit=None, order=None):
        if field_names is None or field_names:
            self._check_grouped_only()
        return super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)
