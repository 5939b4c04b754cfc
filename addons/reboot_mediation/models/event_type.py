from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    is_mediation_workshop = fields.Boolean(
        string="Digital mediation workshop",
        help="Events of this template are digital-mediation workshops.",
    )
