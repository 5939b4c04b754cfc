"""Spreadsheets the suite hands out (funder report, AGEC statements, tax
receipt register, mediation activity): user text stays text.

A workshop named "=HYPERLINK(...)" or a comment starting with "+" must not
become a live formula in the funder's Excel (CSV/formula injection, OWASP)."""

import csv
import io

import xlsxwriter

# xlsxwriter turns strings starting with "=" into formulas and URLs into
# links unless told not to: every string is written as a string.
XLSX_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}
# What a spreadsheet reading a CSV takes for the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def xlsx_workbook(buffer, streamed=False, tmpdir=None):
    """An xlsxwriter workbook in which user text is never a formula or a link.

    `streamed`: xlsxwriter's constant_memory mode, for sheets of any length:
    each row goes to a temporary file as soon as the next one is written (rows
    must then be written in order), the memory used stays the same;
    `tmpdir`: where those files go."""
    if streamed:
        options = dict(
            XLSX_OPTIONS, in_memory=False, constant_memory=True, tmpdir=tmpdir
        )
        return xlsxwriter.Workbook(buffer, options)
    return xlsxwriter.Workbook(buffer, XLSX_OPTIONS)


def csv_text(value):
    """A CSV cell of user text that no spreadsheet evaluates: text starting like
    a formula is prefixed with an apostrophe, as OWASP recommends. Numbers are
    left alone (format them after this)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_row(row):
    """csv_text on every cell of a dict row."""
    return {key: csv_text(value) for key, value in row.items()}


def table_file(columns, rows, file_format, sheet_name):
    """A plain table (a header row, then one row per dict of `rows`) as CSV
    (UTF-8) or XLSX bytes, user text kept as text."""
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_row(row) for row in rows)
        return buffer.getvalue().encode("utf-8")
    buffer = io.BytesIO()
    workbook = xlsx_workbook(buffer)
    sheet = workbook.add_worksheet(sheet_name)
    bold = workbook.add_format({"bold": True, "bg_color": "#FDE9D9"})
    sheet.write_row(0, 0, columns, bold)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [row[c] for c in columns])
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, len(columns) - 1, 14)
    workbook.close()
    return buffer.getvalue()
