from odoo import fields, models

from .. import uploads


class RebootHardwareImportWizard(models.TransientModel):
    _name = "reboot.hardware.import.wizard"
    _inherit = ["reboot.job.wizard.mixin"]
    _description = "Import hardware reports"
    _reboot_job_methods = ("_reboot_import",)

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

    def _reports(self):
        return uploads.read_json_attachments(
            self.env,
            self.attachment_ids,
            self.env._("Add at least one hardware report."),
        )

    def action_import(self):
        """Import now, or in the background for many reports."""
        self.ensure_one()
        reports = self._reports()
        job = self._reboot_in_background(
            "_reboot_import",
            self.env._("Import of %(count)s hardware reports", count=len(reports)),
            len(reports),
        )
        if job:
            return job
        devices = self._reboot_import(reports)
        return devices._get_records_action(name=self.env._("Devices"), context={})

    def _reboot_import(self, reports=None):
        devices = self.env["stock.lot"]._reboot_import_hardware_reports(
            self._reports() if reports is None else reports,
            lot_id=self.lot_id.id,
            intake_pickup_id=self.intake_pickup_id.id,
        )
        self.attachment_ids.unlink()
        return devices
