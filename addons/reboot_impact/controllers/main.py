from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.reboot_collect.controllers.main import RebootDonorPortal


class RebootImpactPortal(RebootDonorPortal):
    # not read-only: the dossier is made by a (transient) report record
    @http.route("/my/impact/<int:year>", type="http", auth="user", website=True)
    def portal_impact_dossier(self, year, **kw):
        """The donor's impact dossier: always for the user's own organisation."""
        donor = self._reboot_donor()
        if not donor or not 2000 <= year <= 2100:
            return request.redirect("/my")
        if year not in self._reboot_impact_years(donor):
            # no gift that year: no dossier of zeros
            return request.redirect("/my/pickups")
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
                (
                    "Content-Disposition",
                    content_disposition(f"Dossier d'impact {year}.pdf"),
                ),
            ],
        )

    def _reboot_impact_years(self, donor):
        """The years in which the donor's devices reached the workshop, newest
        first: those of which a dossier has something to say."""
        if not donor:
            return []
        # the devices are the workshop's records: counted as superuser for
        # the user's own organisation only
        groups = (
            request.env["stock.lot"]
            .sudo()
            ._read_group(
                [("reboot_donor_id", "=", donor.id)], ["create_date:year"], ["__count"]
            )
        )
        return sorted((day.year for day, _count in groups), reverse=True)

    @http.route()
    def portal_my_pickups(self, page=1, **kw):
        response = super().portal_my_pickups(page=page, **kw)
        if hasattr(response, "qcontext"):
            response.qcontext["reboot_impact_years"] = self._reboot_impact_years(
                self._reboot_donor()
            )
        return response

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
