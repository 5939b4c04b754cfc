from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    reboot_employee_id = fields.Many2one(
        "hr.employee",
        string="Repaired by",
        default=lambda self: self.env.user.employee_id,
    )
    reboot_minutes = fields.Integer(string="Minutes spent")
