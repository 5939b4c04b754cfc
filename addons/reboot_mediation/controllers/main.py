from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.reboot_base.portal_forms import form_text
from odoo.addons.reboot_commune_sales.controllers.main import RebootCommunePortal


class RebootMediationCommunePortal(RebootCommunePortal):
    def _allocation_values(self, commune, post):
        """With the beneficiary's consent, the officer leaves an email so that
        the invitation to the first workshop is sent rather than phoned."""
        values = super()._allocation_values(commune, post)
        email = form_text(post, "contact_email", request.env._("The email")) or ""
        if email:
            if not email_normalize(email):
                raise UserError(
                    request.env._("%(email)s is not an email address.", email=email)
                )
            values.update(
                contact_email=email_normalize(email),
                contact_consent=bool(post.get("contact_consent")),
            )
        return values
