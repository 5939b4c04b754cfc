from odoo import fields, models


class RebootChecklistItem(models.Model):
    _name = "reboot.checklist.item"
    _description = "Test checklist item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="How to run the test.")
    device_type_ids = fields.Many2many(
        "reboot.device.type",
        string="Device types",
        help="Devices of these types are tested on this item.",
    )
