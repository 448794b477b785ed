from odoo import http
from odoo.addons.rating.controllers.main import Rating
from odoo.http import request


class ComplaintRating(Rating):
    """The faces of the e-mailed rating request are links, and mail scanners
    follow links: opening one records the rating but never reopens or
    reassigns a complaint.  A "dissatisfied" verdict takes effect when the
    complainant sends the page's form (a POST with its CSRF token)."""

    @http.route()
    def action_open_rating(self, token, rate, **kwargs):
        request.update_context(complaint_rating_unconfirmed=True)
        return super().action_open_rating(token, rate, **kwargs)
