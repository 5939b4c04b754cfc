from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    reboot_aidants_connect = fields.Boolean(
        string="Aidants Connect authorised",
        help="This mediator is authorised by Aidants Connect to carry out "
        "administrative procedures on a person's behalf.",
    )
