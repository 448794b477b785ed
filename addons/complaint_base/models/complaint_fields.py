"""Field classes of the suite."""

from contextlib import contextmanager
from contextvars import ContextVar

from odoo import fields

# sanitized values of the create() running in this context, by field and input
_SANITIZED = ContextVar("complaint_sanitized_html", default=None)


@contextmanager
def sanitize_once():
    """Within the block, an HTML value given to a :class:`SanitizedHtml` field
    is sanitized once: Odoo's ``create`` converts each value twice (for the
    INSERT and for the cache), which for HTML means two full sanitizer runs."""
    token = _SANITIZED.set({})
    try:
        yield
    finally:
        _SANITIZED.reset(token)


class SanitizedHtml(fields.Html):
    """An HTML field that is sanitized exactly as :class:`fields.Html`, but only
    once per value inside :func:`sanitize_once`."""

    def _convert(self, value, record, validate):
        memo = _SANITIZED.get()
        if memo is None or not value or not validate or not self.sanitize or self.sanitize_overridable:
            return super()._convert(value, record, validate)
        key = (self.name, value)
        if key not in memo:
            memo[key] = super()._convert(value, record, validate)
        return memo[key]
