from odoo import api, fields, models
from odoo.exceptions import AccessError


class RebootSettings(models.TransientModel):
    """The suite's settings of a company, for the Reboot managers (Odoo's
    Settings page is the administrators'). Each addon adds the settings it
    needs: fields named as the company's fields they set."""

    _name = "reboot.settings"
    _description = "Reboot settings"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("company_id")
    def _compute_display_name(self):
        # the page's title in the breadcrumb, not "New"
        for settings in self:
            settings.display_name = self.env._("Reboot settings")

    def _reboot_company_fields(self):
        """The fields of this form that set the company's of the same name."""
        return []

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env.company
        for name in self._reboot_company_fields():
            if name in fields_list:
                field = company._fields[name]
                values[name] = field.convert_to_write(company[name], company)
        return values

    def action_save(self):
        self.ensure_one()
        if not (
            self.env.user.has_group("reboot_base.group_reboot_manager")
            and self.company_id in self.env.user.company_ids
        ):
            raise AccessError(
                self.env._(
                    "Only a Reboot manager of %(company)s changes its settings.",
                    company=self.company_id.name,
                )
            )
        # the suite's settings of the manager's own company, checked above;
        # the company's identity (name, address, taxes) stays an administrator's
        self.company_id.sudo().write(
            {name: self[name] for name in self._reboot_company_fields()}
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "The settings of %(company)s are saved.",
                    company=self.company_id.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
