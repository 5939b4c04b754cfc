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
