from odoo import api, fields, models
from odoo.exceptions import UserError


class RebootTestResult(models.Model):
    _name = "reboot.test.result"
    _description = "Test result of a device"
    _order = "lot_id, sequence, id"
    _check_company_auto = True

    lot_id = fields.Many2one(
        "stock.lot", string="Device", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="lot_id.company_id", store=True, index=True)
    item_id = fields.Many2one(
        "reboot.checklist.item", string="Test", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="item_id.sequence", store=True)
    result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail"), ("na", "Not applicable")],
    )
    note = fields.Char()
    employee_id = fields.Many2one(
        "hr.employee",
        string="Done by",
        default=lambda self: self.env.user.employee_id,
        check_company=True,
    )
    minutes = fields.Integer()
    date = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "lot_item_uniq",
            "unique(lot_id, item_id)",
            "A device is tested once per item.",
        ),
        ("minutes_positive", "CHECK(minutes >= 0)", "Minutes cannot be negative."),
    ]

    def write(self, vals):
        moved = [
            name
            for name in ("lot_id", "item_id")
            if name in vals and any(r[name].id != vals[name] for r in self)
        ]
        if moved:
            raise UserError(
                self.env._(
                    "A test result belongs to its device and its test: record the "
                    "result on the right device instead of moving it."
                )
            )
        changed = self.browse()
        if "result" in vals:
            vals.setdefault("date", fields.Datetime.now())
            changed = self.filtered(lambda r: r.result != (vals["result"] or False))
        res = super().write(vals)
        if vals.get("result") == "fail":
            changed._log_failures()
        changed._reboot_recheck_devices(self.env._("a test result changed"))
        return res

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("result"):
                vals.setdefault("date", fields.Datetime.now())
        results = super().create(vals_list)
        results.filtered(lambda r: r.result == "fail")._log_failures()
        results._reboot_recheck_devices(self.env._("a test was added"))
        return results

    def unlink(self):
        lots = self.lot_id
        res = super().unlink()
        lots._reboot_back_to_testing(
            self.env._("a test result was deleted"), always_in=("ready",)
        )
        return res

    def _reboot_recheck_devices(self, why):
        """A ready device's tests are its proof: any change sends it back to
        testing. A wiped device goes back when a test fails."""
        self.lot_id._reboot_back_to_testing(why, always_in=("ready",))

    def action_reboot_pass(self):
        self._reboot_mark("pass")
        return True

    def action_reboot_fail(self):
        self._reboot_mark("fail")
        return True

    def _reboot_mark(self, result):
        """The result, by whoever marks it (the bench's buttons)."""
        vals = {"result": result}
        if self.env.user.employee_id:
            vals["employee_id"] = self.env.user.employee_id.id
        self.write(vals)

    def _log_failures(self):
        for result in self:
            result.lot_id.message_post(
                body=self.env._(
                    "Test failed: %(test)s %(note)s",
                    test=result.item_id.name,
                    note=result.note or "",
                )
            )
