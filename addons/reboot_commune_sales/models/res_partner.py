import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# INSEE commune codes: 2 digits of département (or 2A/2B for Corsica) + 3 digits.
INSEE_CODE_RE = re.compile(r"^(\d{2}|2[AB])\d{3}$")


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_commune = fields.Boolean(string="Commune", tracking=True)
    insee_code = fields.Char(string="INSEE code", index="btree_not_null")
    chorus_service_code = fields.Char(
        string="Chorus Pro service code",
        help="Service code the commune requires on its invoices in Chorus Pro.",
    )

    _sql_constraints = [
        (
            "insee_code_uniq",
            "unique(insee_code)",
            "Another partner already has this INSEE code.",
        ),
    ]

    @api.constrains("insee_code")
    def _check_insee_code(self):
        for partner in self:
            if partner.insee_code and not INSEE_CODE_RE.match(partner.insee_code):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not an INSEE commune code (5 characters, e.g. "
                        "76540 for Rouen).",
                        code=partner.insee_code,
                    )
                )

    def _reboot_agec_figures(self, year):
        """The commune's figures of the national reuse declaration (AGEC art. 58,
        décret 2024-134, arrêté of 13 January 2025) for what it bought from us.
        Amounts excl. VAT, from posted invoices and credit notes of the year."""
        self.ensure_one()
        return self._reboot_agec_rows(year)[0]

    def _reboot_agec_rows(self, year):
        """The declaration's row of each commune of `self`, in one grouped query."""
        communes = self.commercial_partner_id
        device_products = self.env["reboot.device.type"].search([]).product_id
        totals = dict(
            self.env["account.move.line"]._read_group(
                [
                    ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                    ("parent_state", "=", "posted"),
                    ("move_id.commercial_partner_id", "in", communes.ids),
                    ("move_id.invoice_date", ">=", f"{year}-01-01"),
                    ("move_id.invoice_date", "<=", f"{year}-12-31"),
                    ("display_type", "=", "product"),
                    ("product_id", "in", device_products.ids),
                ],
                ["partner_id"],
                ["balance:sum"],
            )
        )
        comment = self.env._(
            "Refurbished IT equipment bought from %(company)s",
            company=self.env.company.name,
        )
        rows = []
        for partner in self:
            commune = partner.commercial_partner_id
            reuse = round(-(totals.get(commune) or 0.0), 2) + 0.0  # no "-0.0"
            rows.append(
                {
                    "annee": year,
                    "siret": (commune.siret or commune.company_registry or "").replace(
                        " ", ""
                    ),
                    "raison_sociale": commune.name,
                    "type_produit_acquis": "Matériel informatique et téléphonie",
                    "montant_total": reuse,
                    "montant_reemploi_et_reutilisation": reuse,
                    "montant_produits_issus_don": 0.0,
                    "montant_produits_recycles": 0.0,
                    "commentaires": comment,
                }
            )
        return rows
