from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # a count, not sensitive: computed as superuser for any reader of a partner
    reboot_device_count = fields.Integer(
        string="Devices given",
        compute="_compute_reboot_device_count",
        compute_sudo=True,
    )

    def _compute_reboot_device_count(self):
        counts = dict(
            self.env["stock.lot"]._read_group(
                [("reboot_donor_id", "in", self.commercial_partner_id.ids)],
                ["reboot_donor_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.reboot_device_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_reboot_devices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "reboot_refurb.stock_lot_action_device"
        )
        action["domain"] = [("reboot_donor_id", "=", self.commercial_partner_id.id)]
        return action
