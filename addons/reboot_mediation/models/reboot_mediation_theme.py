from odoo import fields, models

from ..coop import EQUIPMENT, THEMES


class RebootMediationCode(models.AbstractModel):
    """A value of one of La Coop de la médiation numérique's enums that the
    mediators choose from a list: the code is the Coop's (a selection of its
    codes, exported as is), the name is what the mediators read."""

    _name = "reboot.mediation.code"
    _description = "Code of La Coop de la médiation numérique"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)


class RebootMediationTheme(models.Model):
    """A theme (enum Thematique)."""

    _name = "reboot.mediation.theme"
    _inherit = ["reboot.mediation.code"]
    _description = "Digital mediation theme"
    _order = "sequence, name"

    code = fields.Selection(
        THEMES, required=True, help="Code of the theme in the Coop's data model."
    )

    _sql_constraints = [("code_uniq", "unique(code)", "Theme codes are unique.")]


class RebootMediationEquipment(models.Model):
    """Equipment used in a workshop (enum Materiel)."""

    _name = "reboot.mediation.equipment"
    _inherit = ["reboot.mediation.code"]
    _description = "Equipment used in digital mediation"
    _order = "sequence, name"

    code = fields.Selection(
        EQUIPMENT, required=True, help="Code of the equipment in the Coop's data model."
    )

    _sql_constraints = [("code_uniq", "unique(code)", "Equipment codes are unique.")]
