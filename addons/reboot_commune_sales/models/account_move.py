from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    reboot_chorus_service_code = fields.Char(string="Chorus Pro service code")
    reboot_commitment_number = fields.Char(string="Commitment number")
    reboot_buyer_siret = fields.Char(
        string="Buyer SIRET", related="commercial_partner_id.company_registry"
    )
