from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _complaint_next_by_code(self, code, company, count):
        """``count`` new numbers of ``company``'s sequence ``code`` (complaint
        references, fine numbers), as ``next_by_code`` gives them; the numbers
        of a standard sequence without date ranges are drawn in one query."""
        Sequence = self.with_company(company)
        sequence = Sequence.sudo().search(
            [("code", "=", code), ("company_id", "in", [company.id, False])], order="company_id", limit=1
        )
        if count == 1 or not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            return [Sequence.next_by_code(code) for __ in range(count)]
        self.env.cr.execute(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", f"ir_sequence_{sequence.id:03d}", count)
        )
        numbers = [number for (number,) in self.env.cr.fetchall()]
        # the prefix and suffix are interpolated once (they hold the date, not the number)
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for number in numbers]
