from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.reboot_collect.controllers.main import RebootDonorPortal


class RebootImpactPortal(RebootDonorPortal):
    @http.route("/my/impact/<int:year>", type="http", auth="user", website=True)
    def portal_impact_dossier(self, year, **kw):
        """The donor's impact dossier: always for the user's own organisation."""
        donor = self._reboot_donor()
        if not donor or not 2000 <= year <= 2100:
            return request.redirect("/my")
        # the report (a managers' model) is computed as superuser for the donor
        # checked above, never for another one
        report_sudo = (
            request.env["reboot.impact.report"]
            .sudo()
            .create(
                {
                    "donor_id": donor.id,
                    "date_from": fields.Date.to_date(f"{year}-01-01"),
                    "date_to": fields.Date.to_date(f"{year}-12-31"),
                }
            )
        )
        pdf = report_sudo._donor_dossier_pdf()
        return request.make_response(
            pdf,
            [
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", content_disposition(f"impact_{year}.pdf")),
            ],
        )

    @http.route(
        "/my/pickups/<int:pickup_id>/reuse", type="http", auth="public", website=True
    )
    def portal_reuse_certificate(self, pickup_id, access_token=None, **kw):
        try:
            pickup_sudo = self._document_check_access(
                "reboot.pickup", pickup_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._show_report(
            model=pickup_sudo,
            report_type="pdf",
            report_ref="reboot_impact.action_report_reuse_certificate",
            download=True,
        )
