from odoo import api, fields, models

from ..hardware import drive_failing


class RebootDrive(models.Model):
    """A drive found in a device by its hardware report: the wipe gate asks
    for a passed wipe of each, and its health says whether a beneficiary's
    data may be trusted to it."""

    _name = "reboot.drive"
    _description = "Drive of a device"
    _check_company_auto = True
    _order = "lot_id, serial"
    _rec_name = "serial"

    lot_id = fields.Many2one(
        "stock.lot", string="Device", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    serial = fields.Char(required=True, index=True)
    model = fields.Char()
    size_gb = fields.Integer(string="Size (GB)")
    kind = fields.Selection(
        [("hdd", "HDD"), ("ssd", "SSD"), ("nvme", "NVMe"), ("emmc", "eMMC")],
        string="Type",
    )
    smart_status = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")],
        string="SMART",
        help="The drive's own verdict on its health (smartctl).",
    )
    self_test = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")],
        string="Last self-test",
    )
    power_on_hours = fields.Integer()
    reallocated_sectors = fields.Integer()
    pending_sectors = fields.Integer()
    nvme_percentage_used = fields.Integer(string="Wear (NVMe, %)")
    nvme_media_errors = fields.Integer(string="Media errors (NVMe)")
    failing = fields.Boolean(
        compute="_compute_failing",
        store=True,
        help="SMART failed, the last self-test failed, sectors are reallocated "
        "or pending, or an NVMe drive is worn out or has media errors: replace "
        "or destroy it rather than hand it to a beneficiary.",
    )
    health_note = fields.Char(string="Health", compute="_compute_failing", store=True)
    wipe_result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed"), ("none", "Not wiped")],
        string="Wipe",
        compute="_compute_wipe_result",
    )

    _sql_constraints = [
        (
            "serial_lot_uniq",
            "UNIQUE(lot_id, serial)",
            "A drive is recorded once on its device.",
        ),
    ]

    @api.depends(
        "smart_status",
        "self_test",
        "reallocated_sectors",
        "pending_sectors",
        "nvme_percentage_used",
        "nvme_media_errors",
    )
    def _compute_failing(self):
        labels = {
            "smart": self.env._("SMART failed"),
            "self_test": self.env._("self-test failed"),
            "sectors": self.env._("reallocated or pending sectors"),
            "nvme": self.env._("NVMe worn out or media errors"),
        }
        for drive in self:
            reasons = drive_failing(
                {
                    "smart_passed": {"passed": True, "failed": False}.get(
                        drive.smart_status
                    ),
                    "self_test_passed": {"passed": True, "failed": False}.get(
                        drive.self_test
                    ),
                    "reallocated_sectors": drive.reallocated_sectors,
                    "pending_sectors": drive.pending_sectors,
                    "nvme_percentage_used": drive.nvme_percentage_used,
                    "nvme_media_errors": drive.nvme_media_errors,
                }
            )
            drive.failing = bool(reasons)
            drive.health_note = ", ".join(labels[reason] for reason in reasons)

    @api.depends("serial", "lot_id.reboot_wipe_ids.result")
    def _compute_wipe_result(self):
        for drive in self:
            results = {
                wipe.result
                for wipe in drive.lot_id.reboot_wipe_ids
                if wipe.drive_serial == drive.serial
            }
            drive.wipe_result = (
                "passed" if "passed" in results else "failed" if results else "none"
            )
