from stdnum.fr import siren, siret

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_reboot_donor = fields.Boolean(string="Donor", tracking=True)
    reboot_donor_kind = fields.Selection(
        [
            ("company", "Company"),
            ("public_body", "Public body"),
            ("association", "Association"),
            ("individual", "Individual"),
        ],
        string="Donor kind",
    )
    # Partners are everybody's: the suite's lists on them are for the users
    # of its records only, and the count (not sensitive) is computed as
    # superuser, so that reading a partner never needs the Reboot groups.
    reboot_pickup_ids = fields.One2many(
        "reboot.pickup",
        "donor_id",
        string="Pickups",
        groups="reboot_base.group_reboot_technician,base.group_portal",
    )
    reboot_pickup_count = fields.Integer(
        compute="_compute_reboot_pickup_count", compute_sudo=True
    )
    reboot_tax_receipt_ids = fields.One2many(
        "reboot.tax.receipt",
        "donor_id",
        string="Tax receipts",
        groups="reboot_base.group_reboot_manager,base.group_portal",
    )

    def _compute_reboot_pickup_count(self):
        counts = dict(
            self.env["reboot.pickup"]._read_group(
                [("donor_id", "in", self.commercial_partner_id.ids)],
                ["donor_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.reboot_pickup_count = counts.get(partner.commercial_partner_id, 0)

    @api.constrains("company_registry", "is_reboot_donor", "country_id")
    def _check_reboot_company_registry(self):
        for partner in self.filtered(
            lambda p: p.is_reboot_donor
            and p.company_registry
            and p.country_id.code in (False, "FR")
        ):
            number = partner.company_registry.replace(" ", "")
            if not (siret.is_valid(number) or siren.is_valid(number)):
                raise ValidationError(
                    self.env._(
                        "%(number)s is neither a valid SIRET (14 digits) nor a valid "
                        "SIREN (9 digits) for %(partner)s.",
                        number=partner.company_registry,
                        partner=partner.display_name,
                    )
                )

    def _reboot_siren(self):
        """The 9-digit SIREN of the partner's organisation, from its SIRET/SIREN
        ("" for no partner: a new tax receipt has no donor yet)."""
        if not self:
            return ""
        self.ensure_one()
        partner = self.commercial_partner_id
        number = (partner.siret or partner.company_registry or "").replace(" ", "")
        return number[:9] if len(number) in (9, 14) else ""

    def action_view_reboot_pickups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "reboot_collect.reboot_pickup_action"
        )
        action["domain"] = [("donor_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_donor_id": self.commercial_partner_id.id}
        return action
