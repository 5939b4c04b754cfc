from odoo import api, fields, models
from odoo.exceptions import UserError


class RebootProofDelete(models.TransientModel):
    """Delete proofs (a passed wipe, an allocation) with the reason the audit
    asks for: the reason is written in the chatter of what they proved."""

    _name = "reboot.proof.delete"
    _description = "Delete a proof with a reason"

    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_ids = fields.Json(string="Records", required=True, readonly=True)
    summary = fields.Text(compute="_compute_summary")
    reason = fields.Text(required=True)

    @api.depends("res_model", "res_ids")
    def _compute_summary(self):
        for wizard in self:
            wizard.summary = "\n".join(wizard._records().mapped("display_name"))

    def _records(self):
        self.ensure_one()
        model = self.env.get(self.res_model)
        if model is None or "change_reason" not in model._fields:
            raise UserError(self.env._("Only proofs are deleted here."))
        return model.browse(self.res_ids or []).exists()

    def action_delete(self):
        records = self._records()
        if not records:
            raise UserError(self.env._("These records no longer exist."))
        action = records._reboot_action_after_delete()
        records.with_context(reboot_change_reason=self.reason).unlink()
        return action
