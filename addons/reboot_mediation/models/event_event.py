from odoo import api, fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    is_mediation_workshop = fields.Boolean(
        string="Digital mediation workshop",
        compute="_compute_is_mediation_workshop",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )

    @api.depends("event_type_id")
    def _compute_is_mediation_workshop(self):
        for event in self:
            if event.event_type_id:
                event.is_mediation_workshop = event.event_type_id.is_mediation_workshop
