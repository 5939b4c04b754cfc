from odoo import fields, models

from ..coop import EQUIPMENT, THEMES


class RebootMediationTheme(models.Model):
    """A theme of La Coop de la médiation numérique (enum Thematique): the
    code is the Coop's, the name is what the mediators read."""

    _name = "reboot.mediation.theme"
    _description = "Digital mediation theme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        THEMES, required=True, help="Code of the theme in the Coop's data model."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Theme codes are unique.")]


class RebootMediationEquipment(models.Model):
    """Equipment used in a workshop (the Coop's enum Materiel)."""

    _name = "reboot.mediation.equipment"
    _description = "Equipment used in digital mediation"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        EQUIPMENT, required=True, help="Code of the equipment in the Coop's data model."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Equipment codes are unique.")]
