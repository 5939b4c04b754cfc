from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.portal.controllers.portal import CustomerPortal, pager
from odoo.addons.reboot_base.portal_forms import (
    form_date,
    form_quantity,
    form_text,
    portal_form_attempt,
)


class RebootDonorPortal(CustomerPortal):
    def _reboot_donor(self):
        """The donor organisation of the logged-in portal user, or an empty record."""
        partner = request.env.user.partner_id.commercial_partner_id
        return partner if partner.is_reboot_donor else partner.browse()

    def _show_report(self, model, report_type, report_ref, download=False):
        """The suite's documents download under their own names (the report's
        print name, as in the back office): Odoo's portal names every document
        of a record after the record, so a pickup's donation attestation and
        its reuse certificate overwrote each other."""
        response = super()._show_report(model, report_type, report_ref, download)
        report = request.env["ir.actions.report"].sudo()._get_report(report_ref)
        if (
            report_type == "pdf"
            and len(model) == 1
            and report.print_report_name
            and report.report_name.startswith("reboot_")
        ):
            name = safe_eval(report.print_report_name, {"object": model, "time": time})
            response.headers["Content-Disposition"] = content_disposition(
                f"{name}.pdf", disposition_type="attachment" if download else "inline"
            )
        return response

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "reboot_pickup_count" in counters:
            Pickup = request.env["reboot.pickup"]
            values["reboot_pickup_count"] = (
                Pickup.search_count([]) if Pickup.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/pickups", "/my/pickups/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_pickups(self, page=1, **kw):
        Pickup = request.env["reboot.pickup"]
        if not Pickup.has_access("read"):
            return request.redirect("/my")
        total = Pickup.search_count([])
        page_pager = pager(
            url="/my/pickups", total=total, page=page, step=self._items_per_page
        )
        pickups = Pickup.search(
            [],
            order="create_date desc, id desc",
            limit=self._items_per_page,
            offset=page_pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "pickups": pickups,
                "pager": page_pager,
                "page_name": "reboot_pickup",
                "default_url": "/my/pickups",
                "can_request": bool(self._reboot_donor()),
            }
        )
        return request.render("reboot_collect.portal_my_pickups", values)

    @http.route(
        ["/my/pickups/<int:pickup_id>"], type="http", auth="public", website=True
    )
    def portal_my_pickup(self, pickup_id, access_token=None, report_type=None, **kw):
        try:
            pickup_sudo = self._document_check_access(
                "reboot.pickup", pickup_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("pdf", "html"):
            if pickup_sudo.state != "received":
                return request.redirect(pickup_sudo.get_portal_url())
            return self._show_report(
                model=pickup_sudo,
                report_type=report_type,
                report_ref="reboot_collect.action_report_donation_receipt",
                download=kw.get("download") == "true",
            )
        values = self._get_page_view_values(
            pickup_sudo,
            access_token,
            {"page_name": "reboot_pickup"},
            "my_pickups_history",
            False,
        )
        values["tax_receipts"] = pickup_sudo.tax_receipt_ids.filtered(
            lambda r: r.state == "issued"
        )
        return request.render("reboot_collect.portal_my_pickup", values)

    @http.route(
        ["/my/tax_receipts/<int:receipt_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_tax_receipt(self, receipt_id, access_token=None, **kw):
        try:
            receipt_sudo = self._document_check_access(
                "reboot.tax.receipt", receipt_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if receipt_sudo.state != "issued":
            return request.redirect("/my")
        return self._show_report(
            model=receipt_sudo,
            report_type="pdf",
            report_ref="reboot_collect.action_report_tax_receipt",
            download=True,
        )

    @http.route(
        ["/my/pickups/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_pickup_request(self, **post):
        donor = self._reboot_donor()
        if not donor:
            return request.redirect("/my")
        device_types = request.env["reboot.device.type"].search([])
        error = None
        if request.httprequest.method == "POST":
            pickup_sudo, error = portal_form_attempt(
                lambda: self._create_pickup_request(donor, device_types, post)
            )
            if pickup_sudo:
                return request.redirect(f"/my/pickups/{pickup_sudo.id}?requested=1")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "reboot_pickup_new",
                "donor": donor,
                "device_types": device_types,
                "error": error,
                "post": post,
            }
        )
        return request.render("reboot_collect.portal_pickup_request", values)

    def _create_pickup_request(self, donor, device_types, post):
        env = request.env
        lines = []
        for device_type in device_types:
            qty = form_quantity(
                post,
                f"qty_{device_type.id}",
                env._("Quantity of %(type)s", type=device_type.name),
            )
            if qty:
                lines.append(
                    fields.Command.create(
                        {"device_type_id": device_type.id, "qty_declared": qty}
                    )
                )
        if not lines:
            raise UserError(env._("Declare at least one device to collect."))
        policy = post.get("erasure_policy") or "consortium"
        if policy not in ("consortium", "donor_removed"):
            raise UserError(env._("Unknown erasure policy."))
        window_start = form_date(post, "window_start", env._("The window's start"))
        window_end = form_date(post, "window_end", env._("The window's end"))
        # checked before anything is created: a refused request uses no number
        if window_start and window_end and window_end < window_start:
            raise UserError(
                env._("The requested window ends before it starts: check the dates.")
            )
        vals = {
            "donor_id": donor.id,
            "contact_id": env.user.partner_id.id,
            "line_ids": lines,
            "erasure_policy": policy,
            "window_start": window_start,
            "window_end": window_end,
            "site_contact": form_text(
                post, "site_contact", env._("The on-site contact")
            ),
            "site_phone": form_text(post, "site_phone", env._("The on-site phone")),
        }
        for field, label in (
            ("street", env._("The street")),
            ("zip", env._("The postcode")),
            ("city", env._("The city")),
        ):
            value = form_text(post, field, label)
            if value:
                vals[field] = value
        # Portal users have no create right: the pickup is created as superuser
        # for the user's own organisation only, then the managers are told.
        pickup_sudo = env["reboot.pickup"].sudo().create(vals)
        pickup_sudo._notify_managers_of_request()
        return pickup_sudo
