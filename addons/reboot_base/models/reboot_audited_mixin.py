from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class RebootAuditedMixin(models.AbstractModel):
    """Records that prove something (a passed wipe, an allocation, an issued tax
    receipt): only a manager changes or deletes them, with a reason kept in the
    chatter."""

    _name = "reboot.audited.mixin"
    _description = "Change only by a manager, with a tracked reason"

    change_reason = fields.Text(
        tracking=True, copy=False, help="Why this proof was changed (managers only)."
    )
    # The fields a proof is made of: writing any of them is an audited change.
    _reboot_proof_fields = frozenset()
    # The field of what a proof is about (a wipe's device): opened once the
    # proof is deleted, rather than a form of a deleted record.
    _reboot_proved_field = None

    def _reboot_proofs(self):
        """The records of `self` that prove something (all, unless narrowed)."""
        return self

    def _reboot_action_after_delete(self):
        """Where the user goes once these proofs are deleted (computed before)."""
        field = self._reboot_proved_field
        if not field:
            return {"type": "ir.actions.act_window_close"}
        # without the delete dialog's defaults in the context of what opens next
        return self[field]._get_records_action(
            name=self._fields[field]._description_string(self.env), context={}
        )

    def _reboot_changed_proof_fields(self, vals):
        """The fields of `vals` that make the proof (a change of them is audited)."""
        return self._reboot_proof_fields.intersection(vals)

    def write(self, vals):
        if self._reboot_changed_proof_fields(vals):
            self._reboot_proofs()._reboot_check_audited_change(
                vals.get("change_reason")
            )
        return super().write(vals)

    def _reboot_check_audited_change(self, reason):
        if not self:
            return
        self._reboot_check_proof_manager()
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Give the reason for changing %(records)s.",
                    records=", ".join(self.mapped("display_name")),
                )
            )

    def _reboot_check_proof_manager(self):
        if not self.env.user.has_group("reboot_base.group_reboot_manager"):
            raise AccessError(
                self.env._(
                    "%(records)s: this record is a proof, only a manager can change "
                    "or delete it.",
                    records=", ".join(self.mapped("display_name")),
                )
            )

    def action_reboot_delete_with_reason(self):
        """Open the dialog that asks why these proofs are deleted."""
        self._reboot_check_proof_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delete with a reason"),
            "res_model": "reboot.proof.delete",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_ids": self.ids},
        }
