"""The yearly AGEC statements (art. 58) as files: one row per commune, in the
columns of the national reuse declaration."""

import csv
import io

from odoo.addons.reboot_base.spreadsheet import csv_text, xlsx_workbook

AGEC_COLUMNS = [
    "annee",
    "siret",
    "raison_sociale",
    "type_produit_acquis",
    "montant_total",
    "montant_reemploi_et_reutilisation",
    "montant_produits_issus_don",
    "montant_produits_recycles",
    "commentaires",
]


def agec_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=AGEC_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: f"{v:.2f}" if isinstance(v, float) else csv_text(v)
                for k, v in row.items()
            }
        )
    return buffer.getvalue().encode("utf-8")


def agec_xlsx(rows):
    buffer = io.BytesIO()
    workbook = xlsx_workbook(buffer)
    sheet = workbook.add_worksheet("declaration")
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "0.00"})
    sheet.write_row(0, 0, AGEC_COLUMNS, bold)
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(AGEC_COLUMNS):
            value = row[column]
            if isinstance(value, float):
                sheet.write_number(r, c, value, money)
            else:
                sheet.write(r, c, value)
    sheet.set_column(0, len(AGEC_COLUMNS) - 1, 22)
    workbook.close()
    return buffer.getvalue()
