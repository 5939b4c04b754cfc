from odoo import fields, models

from ..models.stock_lot import REBOOT_STATES


class RebootStateCorrection(models.TransientModel):
    """A manager forces the state of devices (a wrong click, a device found
    again), with the reason the audit asks for, written in each chatter."""

    _name = "reboot.state.correction"
    _description = "Correct the state of devices, with a reason"

    lot_ids = fields.Many2many("stock.lot", string="Devices", required=True)
    state = fields.Selection(REBOOT_STATES, string="New state", required=True)
    reason = fields.Text(required=True)

    def action_correct(self):
        self.ensure_one()
        self.lot_ids._reboot_correct_state(self.state, self.reason)
        return {"type": "ir.actions.act_window_close"}
