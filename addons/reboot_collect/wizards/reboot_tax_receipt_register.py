import io

from odoo import api, fields, models

from odoo.addons.reboot_base.spreadsheet import xlsx_workbook


class RebootTaxReceiptRegister(models.TransientModel):
    _name = "reboot.tax.receipt.register"
    _inherit = ["reboot.download.mixin"]
    _description = "Yearly register of tax receipts"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def _get_receipts(self, year, company):
        return self.env["reboot.tax.receipt"].search(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("issued", "cancel")),
                ("date", ">=", f"{year}-01-01"),
                ("date", "<=", f"{year}-12-31"),
            ],
            order="name",
        )

    def _build_xlsx(self):
        self.ensure_one()
        receipts = self._get_receipts(self.year, self.company_id)
        states = dict(receipts._fields["state"]._description_selection(self.env))
        buffer = io.BytesIO()
        workbook = xlsx_workbook(buffer)
        sheet = workbook.add_worksheet(self.env._("Register %(year)s", year=self.year))
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        money = workbook.add_format({"num_format": "#,##0.00 €"})
        date_fmt = workbook.add_format({"num_format": "dd/mm/yyyy"})
        headers = [
            self.env._("Number"),
            self.env._("Issue date"),
            self.env._("Date of the gift"),
            self.env._("Donor"),
            self.env._("SIREN"),
            self.env._("Description of the goods"),
            self.env._("Declared value"),
            self.env._("Status"),
        ]
        sheet.write_row(0, 0, headers, bold)
        widths = [16, 12, 12, 32, 12, 48, 16, 12]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        row = 0
        for row, receipt in enumerate(receipts, start=1):
            sheet.write(row, 0, receipt.name)
            sheet.write_datetime(
                row, 1, fields.Datetime.to_datetime(receipt.date), date_fmt
            )
            if receipt.date_gift:
                sheet.write_datetime(
                    row, 2, fields.Datetime.to_datetime(receipt.date_gift), date_fmt
                )
            sheet.write(row, 3, receipt.donor_id.display_name)
            sheet.write(row, 4, receipt.donor_siren or "")
            sheet.write(row, 5, receipt.description or "")
            sheet.write_number(row, 6, receipt.declared_value, money)
            sheet.write(row, 7, states[receipt.state])
        total_row = row + 1
        sheet.write(total_row, 5, self.env._("Total of issued receipts"), bold)
        sheet.write_number(
            total_row,
            6,
            sum(
                receipts.filtered(lambda r: r.state == "issued").mapped(
                    "declared_value"
                )
            ),
            money,
        )
        sheet.freeze_panes(1, 0)
        workbook.close()
        return buffer.getvalue()

    def action_export(self):
        self.ensure_one()
        return self._reboot_download(
            self._build_xlsx(), f"registre_recus_fiscaux_{self.year}.xlsx"
        )
