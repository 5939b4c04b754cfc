"""Reading an intake file (the serials of a pickup, one device per row,
CSV or XLSX): bytes in, rows out, no database. The wizard checks and writes
them; every refusal here is a UserError in the user's language."""

import csv
import io
import itertools
import re

from odoo.exceptions import UserError

from . import uploads

# Columns of an intake file; only "serial" is required.
COLUMNS = {
    "serial": "name",
    "type": None,
    "model": "reboot_model",
    "cpu": "reboot_cpu",
    "ram_gb": "reboot_ram_gb",
    "storage_gb": "reboot_storage_gb",
    "storage_type": "reboot_storage_type",
    "screen_inch": "reboot_screen_inch",
    "battery_health": "reboot_battery_health",
    "os": "reboot_os",
}
INTEGER_COLUMNS = ("ram_gb", "storage_gb", "battery_health")
# Largest plausible value of each number column (and within PostgreSQL's integer).
MAXIMA = {
    "ram_gb": 65536,
    "storage_gb": 1000000,
    "battery_health": 100,
    "screen_inch": 100,
}
SERIAL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
MAX_ROWS = 20000


def read_file(env, raw, filename):
    """[(row label, {column: text})] of an intake file (CSV or XLSX), its
    first row naming the columns; a UserError in the user's language for a
    file that cannot be read or names an unknown column."""
    if filename.lower().endswith(".xlsx") or raw[:2] == b"PK":
        table = _read_xlsx(env, raw)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(env._("The file is neither UTF-8 CSV nor XLSX.")) from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            # row by row, stopped past the limit
            table = list(
                itertools.islice(
                    csv.reader(io.StringIO(text, newline=""), dialect), MAX_ROWS + 2
                )
            )
        except csv.Error as error:
            raise UserError(
                env._("The CSV file cannot be read: %(error)s", error=error)
            ) from None
    # blank rows are skipped, the others keep their number in the file
    table = [
        (number, row)
        for number, row in enumerate(table, start=1)
        if any((cell or "").strip() for cell in row)
    ]
    if not table:
        raise UserError(env._("The file is empty."))
    header = [(cell or "").strip().lower() for cell in table[0][1]]
    unknown = [name for name in header if name and name not in COLUMNS]
    if "serial" not in header or unknown:
        raise UserError(
            env._(
                "The first row must name the columns, among: %(columns)s "
                '("serial" is required). Unknown: %(unknown)s',
                columns=", ".join(COLUMNS),
                unknown=", ".join(unknown) or "-",
            )
        )
    rows = []
    for number, cells in table[1:]:
        values = {
            name: (cells[i] or "").strip() if i < len(cells) else ""
            for i, name in enumerate(header)
            if name
        }
        rows.append((env._("row %(n)s", n=number), values))
    return rows


def _read_xlsx(env, raw):
    import openpyxl  # noqa: PLC0415 - Odoo's own dependency, only needed here

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise UserError(env._("The XLSX file cannot be read.")) from None
    sheet = book.worksheets[0]
    try:
        # streamed (read_only), stopped past the row limit, columns bounded
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in itertools.islice(
                sheet.iter_rows(values_only=True, max_col=uploads.MAX_COLUMNS),
                MAX_ROWS + 2,
            )
        ]
    except Exception:  # noqa: BLE001 - a corrupt sheet is the user's file
        raise UserError(env._("The XLSX file cannot be read.")) from None
    finally:
        book.close()
