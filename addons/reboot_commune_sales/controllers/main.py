from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.reboot_base.portal_forms import (
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    form_date,
    form_quantity,
    form_text,
    portal_form_attempt,
)
from odoo.addons.reboot_refurb.models.stock_lot import REBOOT_GRADES

from ..agec import agec_csv, agec_xlsx


class RebootCommunePortal(CustomerPortal):
    def _reboot_commune(self):
        """The commune of the logged-in officer, or an empty record."""
        partner = request.env.user.partner_id.commercial_partner_id
        if request.env.user._is_public() or not partner.is_commune:
            return partner.browse()
        return partner

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "reboot_allocation_count" in counters:
            commune = self._reboot_commune()
            # a count of the commune's own delivered devices (officers do not
            # read devices)
            values["reboot_allocation_count"] = (
                request.env["stock.lot"]
                .sudo()
                .search_count(
                    [
                        ("reboot_commune_id", "=", commune.id),
                        ("reboot_state", "=", "sold"),
                    ]
                )
                if commune
                else 0
            )
        return values

    # Catalogue -------------------------------------------------------------

    # read-only pages: served from a PostgreSQL replica when the server has
    # one (db_replica_host), from the primary otherwise
    @http.route("/my/catalogue", type="http", auth="user", website=True, readonly=True)
    def portal_catalogue(self, **kw):
        commune = self._reboot_commune()
        if not commune:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "reboot_catalogue",
                # ready stock grouped by type and grade, no serial: the
                # catalogue every commune officer is meant to see
                "offers": request.env["stock.lot"].sudo()._reboot_catalogue_offers(),
                "error": kw.get("error"),
            }
        )
        return request.render("reboot_commune_sales.portal_catalogue", values)

    @http.route(
        "/my/catalogue/request",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_catalogue_request(self, **post):
        commune = self._reboot_commune()
        if not commune:
            return request.redirect("/my")
        # the same catalogue as the page shows (grouped, no serial)
        offers = request.env["stock.lot"].sudo()._reboot_catalogue_offers()
        order, error = portal_form_attempt(
            lambda: request.env["sale.order"]._reboot_create_quote_request(
                request.env.user.partner_id,
                self._read_quantities(offers, post),
                form_text(post, "comment", request.env._("The comment"), MAX_LONG_TEXT)
                or "",
                form_date(post, "wished_date", request.env._("The wished date")),
                commitment_number=form_text(
                    post,
                    "commitment_number",
                    request.env._("The engagement number"),
                    MAX_SHORT_TEXT,
                ),
            )
        )
        if order:
            return request.redirect(order.get_portal_url())
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "reboot_catalogue",
                "offers": offers,
                "error": error,
                "post": post,
            }
        )
        return request.render("reboot_commune_sales.portal_catalogue", values)

    def _read_quantities(self, offers, post):
        env = request.env
        quantities = {}
        for offer in offers:
            qty = form_quantity(
                post, offer["key"], env._("Quantity of %(offer)s", offer=offer["label"])
            )
            if qty > offer["count"]:
                raise UserError(
                    env._(
                        "Only %(count)s devices of %(offer)s are available.",
                        count=offer["count"],
                        offer=offer["label"],
                    )
                )
            if qty:
                quantities[offer["device_type"], offer["grade"]] = qty
        if not quantities:
            raise UserError(env._("Choose the quantity of at least one offer."))
        return quantities

    def _prepare_quotations_domain(self, partner):
        """A commune's own requests are listed from the moment they are made,
        not only once the consortium has sent them."""
        domain = super()._prepare_quotations_domain(partner)
        if partner.commercial_partner_id.is_commune:
            domain = [
                ("state", "in", ("draft", "sent"))
                if leaf == ("state", "=", "sent")
                else leaf
                for leaf in domain
            ]
        return domain

    # Allocations -----------------------------------------------------------

    @http.route(
        "/my/allocations",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_allocations(self, **post):
        commune = self._reboot_commune()
        if not commune:
            return request.redirect("/my")
        error = None
        done = 0
        if request.httprequest.method == "POST":
            allocations, error = portal_form_attempt(
                lambda: self._allocate(commune, post)
            )
            done = len(allocations or [])
        # the commune's own delivered devices only (filtered on it below)
        Lot = request.env["stock.lot"].sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "reboot_allocations",
                "commune": commune,
                "to_allocate": Lot.search(
                    [
                        ("reboot_commune_id", "=", commune.id),
                        ("reboot_state", "=", "sold"),
                    ],
                    order="reboot_sale_date, name",
                ),
                "allocations": request.env["reboot.allocation"].search(
                    [("commune_id", "=", commune.id)], limit=200
                ),
                "error": error,
                "done": done,
                "beneficiary_types": request.env["reboot.allocation"]
                ._fields["beneficiary_type"]
                ._description_selection(request.env),
                "post": post if error else {},
            }
        )
        return request.render("reboot_commune_sales.portal_allocations", values)

    def _allocate(self, commune, post):
        env = request.env
        lot_ids = [v for k, v in post.items() if k.startswith("lot_") and v]
        if not all(str(v).isdigit() and len(str(v)) < 10 for v in lot_ids):
            raise UserError(env._("These devices cannot be allocated by your commune."))
        lot_ids = [int(v) for v in lot_ids]
        if not lot_ids:
            raise UserError(env._("Select at least one device to allocate."))
        # read as superuser to check them: anything not the commune's is refused
        lots = env["stock.lot"].sudo().browse(lot_ids).exists()
        foreign = lots.filtered(
            lambda lot: lot.reboot_commune_id != commune or lot.reboot_state != "sold"
        )
        if foreign or len(lots) != len(set(lot_ids)):
            raise UserError(env._("These devices cannot be allocated by your commune."))
        values = self._allocation_values(commune, post)
        # The officer's own rights stop at their commune: the record is written
        # as superuser for devices checked above.
        return (
            env["reboot.allocation"]
            .sudo()
            .create([{"lot_id": lot.id, **values} for lot in lots])
        )

    def _allocation_values(self, commune, post):
        """Values of the allocations posted by the officer (same for each device)."""
        env = request.env
        types = dict(
            env["reboot.allocation"]
            ._fields["beneficiary_type"]
            ._description_selection(env)
        )
        if post.get("beneficiary_type") not in types:
            raise UserError(env._("Choose who receives the device."))
        return {
            "commune_id": commune.id,
            "beneficiary_type": post["beneficiary_type"],
            "beneficiary_name": form_text(
                post, "beneficiary_name", env._("The receiving organisation")
            ),
            "household_ref": form_text(
                post, "household_ref", env._("The household reference")
            ),
            "date": form_date(post, "date", env._("The date"))
            or fields.Date.context_today(env.user),
        }

    # Device passport -----------------------------------------------------------

    @http.route(
        "/my/devices/<int:lot_id>/passport",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_device_passport(self, lot_id, **kw):
        commune = self._reboot_commune()
        # officers do not read devices: the commune's own delivered device only
        lot = request.env["stock.lot"].sudo().browse(lot_id).exists()
        if not commune or not lot or lot.reboot_commune_id != commune:
            raise request.not_found()
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("reboot_refurb.action_report_device_passport", lot.ids)
        )
        return request.make_response(
            pdf,
            [
                ("Content-Type", "application/pdf"),
                (
                    "Content-Disposition",
                    content_disposition(f"passeport_{lot.name}.pdf"),
                ),
            ],
        )

    # AGEC statement ----------------------------------------------------------

    @http.route(
        "/my/agec/<int:year>.<string:fmt>", type="http", auth="user", website=True
    )
    def portal_agec(self, year, fmt, **kw):
        commune = self._reboot_commune()
        if not commune or fmt not in ("csv", "xlsx", "pdf") or not 2000 <= year <= 2100:
            return request.redirect("/my")
        # the officer's own commune: its statement reads its invoices
        commune_sudo = commune.sudo()
        if fmt == "pdf":
            # rendering reads the commune's invoices, which the officer reaches
            # through Odoo's portal only: the PDF is of the officer's commune
            pdf, _type = (
                request.env["ir.actions.report"]
                .sudo()
                .with_context(reboot_agec_year=year)
                ._render_qweb_pdf(
                    "reboot_commune_sales.action_report_agec_attestation",
                    commune_sudo.ids,
                )
            )
            return request.make_response(
                pdf,
                [
                    ("Content-Type", "application/pdf"),
                    ("Content-Disposition", content_disposition(f"agec_{year}.pdf")),
                ],
            )
        figures = commune_sudo._reboot_agec_figures(year)
        content = agec_csv([figures]) if fmt == "csv" else agec_xlsx([figures])
        mimetype = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        return request.make_response(
            content,
            [
                ("Content-Type", mimetype),
                ("Content-Disposition", content_disposition(f"agec_{year}.{fmt}")),
            ],
        )


GRADE_LABELS = dict(REBOOT_GRADES)
