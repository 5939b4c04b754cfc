from odoo import fields, models


class RebootMediationTheme(models.Model):
    """Themes of La Coop de la médiation numérique's activity model."""

    _name = "reboot.mediation.theme"
    _description = "Digital mediation theme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Code of the theme in the Coop's data model."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Theme codes are unique.")]
