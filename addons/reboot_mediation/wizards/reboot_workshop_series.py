from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError


class RebootWorkshopSeries(models.TransientModel):
    _name = "reboot.workshop.series"
    _description = "Weekly series of workshops"

    event_id = fields.Many2one(
        "event.event",
        string="Model workshop",
        required=True,
        domain="[('is_mediation_workshop', '=', True)]",
    )
    weeks = fields.Integer(string="Number of weeks", default=4)

    def action_create(self):
        self.ensure_one()
        if not 1 <= self.weeks <= 52:
            raise UserError(self.env._("A series lasts from 1 to 52 weeks."))
        model = self.event_id
        vals_list = []
        for week in range(1, self.weeks + 1):
            vals = model.copy_data(
                {
                    "date_begin": model.date_begin + timedelta(weeks=week),
                    "date_end": model.date_end + timedelta(weeks=week),
                }
            )[0]
            vals["name"] = model.name  # the same workshop, not a "copy"
            vals_list.append(vals)
        # One create: the overlap check sees the whole series at once and
        # nothing is created if one week clashes.
        copies = self.env["event.event"].create(vals_list)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Workshop series"),
            "res_model": "event.event",
            "view_mode": "list,calendar,form",
            "domain": [("id", "in", (model | copies).ids)],
        }
