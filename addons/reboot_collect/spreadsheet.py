"""Spreadsheets the suite hands out (funder report, AGEC statements, tax
receipt register, mediation activity): user text stays text.

A workshop named "=HYPERLINK(...)" or a comment starting with "+" must not
become a live formula in the funder's Excel (CSV/formula injection, OWASP)."""

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


def xlsx_workbook(buffer):
    """An xlsxwriter workbook in which user text is never a formula or a link."""
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
