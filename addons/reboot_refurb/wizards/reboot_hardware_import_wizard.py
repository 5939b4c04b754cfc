from odoo import fields, models

from .. import uploads


class RebootHardwareImportWizard(models.TransientModel):
    _name = "reboot.hardware.import.wizard"
    _description = "Import hardware reports"

    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Hardware reports",
        help="workbench-script snapshots, lshw -json or smartctl --json outputs "
        "(JSON files), or zip archives of them.",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        domain="[('reboot_device_type_id', '!=', False)]",
        help="The device these reports describe. Leave empty to recognise each "
        "device by the serial number or the drive serials its report names.",
    )

    intake_pickup_id = fields.Many2one(
        "reboot.pickup",
        string="Register unknown devices in",
        domain="[('state', '=', 'received'), "
        "('picking_id.state', 'not in', ('done', 'cancel'))]",
        help="A report of a device nobody registered yet registers it in the "
        "intake of this received pickup. Left empty, such a report is refused.",
    )

    def action_import(self):
        self.ensure_one()
        reports = uploads.read_json_attachments(
            self.env,
            self.attachment_ids,
            self.env._("Add at least one hardware report."),
        )
        devices = self.env["stock.lot"]._reboot_import_hardware_reports(
            reports, lot_id=self.lot_id.id, intake_pickup_id=self.intake_pickup_id.id
        )
        self.attachment_ids.unlink()
        return devices._get_records_action(name=self.env._("Devices"), context={})
