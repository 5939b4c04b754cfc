"""What a portal form accepts, checked the same way on every page of the
suite: numbers, dates and texts within bounds, and writes all or nothing.
Each refusal is a message in the visitor's language, shown on the form."""

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

# What a portal form accepts: quantities a pickup or an order can hold, and
# texts of a reasonable length (a 2,000,000-character "city" is an attack).
MAX_QUANTITY = 10000
MAX_SHORT_TEXT = 128
MAX_LONG_TEXT = 2000


def form_quantity(post, key, label, maximum=MAX_QUANTITY):
    """A whole number from 0 to `maximum` (0 when left empty)."""
    raw = (post.get(key) or "").strip()
    if not raw:
        return 0
    try:
        qty = int(raw)
    except ValueError:
        raise UserError(
            request.env._("%(label)s must be a whole number.", label=label)
        ) from None
    if not 0 <= qty <= maximum:
        raise UserError(
            request.env._(
                "%(label)s must be between 0 and %(maximum)s.",
                label=label,
                maximum=maximum,
            )
        )
    return qty


def form_date(post, key, label):
    """A real calendar date (YYYY-MM-DD), or False when left empty."""
    raw = (post.get(key) or "").strip()
    if not raw:
        return False
    try:
        date = fields.Date.to_date(raw)
    except (TypeError, ValueError):
        date = None
    if not date or not 2000 <= date.year <= 2100:
        raise UserError(
            request.env._(
                "%(label)s is not a valid date (%(value)s).",
                label=label,
                value=raw[:20],
            )
        )
    return date


def form_text(post, key, label, maximum=MAX_SHORT_TEXT):
    """A stripped text of at most `maximum` characters, or False."""
    value = (post.get(key) or "").strip()
    if len(value) > maximum:
        raise UserError(
            request.env._(
                "%(label)s is too long (%(maximum)s characters at most).",
                label=label,
                maximum=maximum,
            )
        )
    return value or False


def portal_form_attempt(write):
    """Run the writes of a posted portal form all or nothing: (result, None),
    or (None, the message to show on the form) when the input was refused."""
    try:
        with request.env.cr.savepoint():
            return write(), None
    except (UserError, ValidationError, ValueError) as exc:
        return None, exc.args[0] if exc.args else str(exc)
