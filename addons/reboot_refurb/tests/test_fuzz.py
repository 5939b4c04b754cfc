"""The importers fuzzed with hypothesis: whatever a technician feeds them (a
pasted list, a CSV or XLSX file, an nwipe JSON report), they either import it
correctly or refuse it with a UserError, and a refusal writes nothing.

The examples are derived from a fixed seed (`derandomize`), so a run is
reproducible and CI sees the same inputs every time."""

import base64
import io
import json
import zipfile
from unittest.mock import patch

import openpyxl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .. import uploads
from ..intake import COLUMNS, SERIAL_RE
from .common import RebootRefurbCommon

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class _Rollback(Exception):
    """Undo an accepted example, so the next one starts from the same data."""


# Cells as people type them: serial-like words, numbers in both notations,
# blanks, odd characters (NUL, emoji, quotes, separators).
odd_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20
)
serial_like = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,12}", fullmatch=True)
number_like = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["8", "16", "256", "14,1", "1e30", "nan", "-inf", "0x10", "½"]),
)
cell = st.one_of(serial_like, number_like, odd_text, st.just(""))
column_name = st.one_of(st.sampled_from(list(COLUMNS)), odd_text)
table = st.lists(column_name, min_size=1, max_size=5, unique=True).flatmap(
    lambda header: st.tuples(
        st.just(header),
        st.lists(
            st.lists(cell, min_size=len(header), max_size=len(header)), max_size=6
        ),
    )
)


@tagged("post_install", "-at_install")
class TestImportersFuzz(RebootRefurbCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._register(cls, ["FUZZ-LT-1"])

    def _state(self):
        """What an import may change: devices, receipt lines, wipes, receipt."""
        self.env.invalidate_all()
        return (
            self.env["stock.lot"].search_count([]),
            self.env["stock.move.line"].search_count([]),
            self.env["reboot.wipe"].search_count([]),
            self.pickup.picking_id.state,
        )

    def _attempt(self, run, check):
        """Run one import: a refusal must leave the data as it was; an
        accepted import is checked, then undone."""
        before = self._state()
        try:
            with self.env.cr.savepoint():
                try:
                    result = run()
                except UserError as error:
                    self.assertTrue(error.args[0], "a refusal says why")
                    self.assertEqual(self._state(), before, error.args[0])
                    return
                check(result)
                raise _Rollback
        except _Rollback:
            self.env.invalidate_all()

    def _intake(self, **vals):
        return (
            self.env["reboot.intake.wizard"]
            .with_user(self.technician)
            .create(
                {
                    "pickup_id": self.pickup.id,
                    "device_type_id": self.laptop.id,
                    "validate_receipt": False,
                    **vals,
                }
            )
        )

    def _check_lots(self, lots, serials):
        self.assertEqual(sorted(lots.mapped("name")), sorted(serials))
        self.assertTrue(all(SERIAL_RE.match(s) for s in serials))
        for lot in lots:
            self.assertEqual(lot.reboot_pickup_id, self.pickup)
            self.assertEqual(lot.reboot_state, "intake")
            self.assertGreaterEqual(lot.reboot_ram_gb, 0)
            self.assertLessEqual(lot.reboot_battery_health, 100)

    @FUZZ
    @given(lines=st.lists(st.one_of(serial_like, odd_text), max_size=8))
    @example(lines=["SN-OK-1", "SN\x00-NUL"])  # found: a NUL reached PostgreSQL
    def test_pasted_serials(self, lines):
        text = "\n".join(lines)
        expected = [line.strip() for line in text.splitlines() if line.strip()]

        def run():
            action = self._intake(serials_text=text).action_register()
            return self.env["stock.lot"].browse(action["domain"][0][2])

        self._attempt(run, lambda lots: self._check_lots(lots, expected))

    @FUZZ
    @given(data=table, delimiter=st.sampled_from([",", ";", "\t"]))
    # found: a carriage return inside a cell broke the CSV reader
    @example(data=(["serial", "model"], [["SN-CR-1", "Dell\rLatitude"]]), delimiter=",")
    # found: "nan" and "1e30" as RAM, a NUL in the model
    @example(data=(["serial", "ram_gb"], [["SN-NAN-1", "nan"]]), delimiter=";")
    @example(data=(["serial", "ram_gb"], [["SN-BIG-1", "1e30"]]), delimiter=";")
    @example(data=(["serial", "model"], [["SN-NUL-1", "HP\x00"]]), delimiter=",")
    def test_csv_file(self, data, delimiter):
        header, rows = data
        text = "\n".join(
            delimiter.join(cells) for cells in [header, *rows] if cells is not None
        )
        raw = text.encode("utf-8")

        def check(lots):
            # a CSV cell may hold the delimiter or a line break: what was
            # accepted must still be serial numbers taken from the file
            self.assertTrue(lots)
            for name in lots.mapped("name"):
                self.assertRegex(name, SERIAL_RE)
                self.assertIn(name, text)

        self._attempt_file(raw, "devices.csv", check)

    @FUZZ
    @given(data=table)
    def test_xlsx_file(self, data):
        header, rows = data
        # openpyxl refuses control characters: a spreadsheet never holds
        # them (the CSV test covers them)
        written = [
            ["".join(ch for ch in value if ch.isprintable()) for value in cells]
            for cells in [header, *rows]
        ]
        book = openpyxl.Workbook()
        for cells in written:
            book.active.append(cells)
        buffer = io.BytesIO()
        book.save(buffer)

        def check(lots):
            # accepted: one device per non-blank row, the serial column declared
            self.assertIn("serial", [h.strip().lower() for h in written[0]])
            self.assertEqual(len(lots), wizard_rows(written[1:]))

        self._attempt_file(buffer.getvalue(), "devices.xlsx", check)

    @FUZZ
    @given(raw=st.binary(max_size=300), name=st.sampled_from(["a.csv", "a.xlsx"]))
    def test_any_bytes(self, raw, name):
        def run():
            return self._intake(
                file=base64.b64encode(raw), filename=name
            ).action_register()

        self._attempt(run, lambda action: self.assertTrue(action["domain"]))

    def _attempt_file(self, raw, filename, check):
        def run():
            wizard = self._intake(file=base64.b64encode(raw), filename=filename)
            action = wizard.action_register()
            return self.env["stock.lot"].browse(action["domain"][0][2])

        self._attempt(run, check)

    @FUZZ
    @given(
        rows=st.lists(
            st.one_of(
                serial_like,
                odd_text,
                st.dictionaries(
                    st.sampled_from(list(COLUMNS)),
                    st.one_of(cell, st.integers(), st.floats(), st.none()),
                ),
            ),
            max_size=6,
        )
    )
    def test_register_serials_rpc(self, rows):
        def run():
            ids = (
                self.env["reboot.intake.wizard"]
                .with_user(self.technician)
                .register_serials(self.pickup.id, rows, "laptop", validate=False)
            )
            return self.env["stock.lot"].browse(ids)

        self._attempt(run, lambda lots: self.assertEqual(len(lots), len(rows)))

    # nwipe reports ---------------------------------------------------------

    @FUZZ
    @given(
        json_value=st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | odd_text,
            lambda children: st.lists(children, max_size=3)
            | st.dictionaries(odd_text, children, max_size=3),
            max_leaves=10,
        )
    )
    def test_nwipe_any_json(self, json_value):
        text = json.dumps(json_value)

        def check(wipes):
            self.assertTrue(wipes)
            self.assertEqual(wipes.lot_id, self.lot)

        self._attempt(
            lambda: self.env["reboot.wipe"]
            .with_user(self.technician)
            .import_nwipe_json(text, lot_id=self.lot.id),
            check,
        )

    @FUZZ
    @given(
        section=st.sampled_from(["report_metadata", "device", "wipe_result"]),
        key=st.sampled_from(
            [
                "serial_no",
                "size_bytes",
                "model",
                "status",
                "rounds_requested",
                "pass_errors",
                "verify_errors",
                "start_time",
                "end_time",
                "duration_seconds",
                "software",
                "version",
            ]
        ),
        value=st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-(2**70), 2**70),
            st.floats(),
            odd_text,
            st.sampled_from(["success", "failure", "SUCCESS", ""]),
            st.lists(st.integers(), max_size=2),
        ),
    )
    @example(section="wipe_result", key="rounds_requested", value=2**40)
    @example(section="device", key="model", value="WDC\x00")
    @example(section="device", key="serial_no", value="WD\x00123")
    @example(section="wipe_result", key="end_time", value=2**62)
    def test_nwipe_mutated_report(self, section, key, value):
        lot = self.lot
        report = json.loads(self._nwipe("DRIVE-FUZZ-1"))
        report[section][key] = value
        text = json.dumps(report)

        def check(wipes):
            self.assertEqual(len(wipes), 1)
            self.assertEqual(wipes.lot_id, lot)
            result = report["wipe_result"]
            self.assertEqual(
                wipes.verified,
                result["status"] == "success"
                and not result["pass_errors"]
                and not result["verify_errors"],
            )

        self._attempt(
            lambda: self.env["reboot.wipe"]
            .with_user(self.technician)
            .import_nwipe_json(text, lot_id=lot.id),
            check,
        )

    @FUZZ
    @given(
        flips=st.lists(
            st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6
        ),
        cut=st.one_of(st.none(), st.integers(0, 10**6)),
    )
    @example(flips=[], cut=30)  # an archive cut in the middle of its first member
    @example(flips=[(15, 0)], cut=None)  # a corrupted header
    def test_nwipe_zip_archive(self, flips, cut):
        """A zip of two reports, with bytes flipped or cut off: imported, or a
        UserError (never BadZipFile, zlib.error or EOFError), nothing written."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("a.json", self._nwipe("ZIP-FUZZ-A"))
            archive.writestr("b.json", self._nwipe("ZIP-FUZZ-B"))
        raw = bytearray(buffer.getvalue())
        for position, value in flips:
            raw[position % len(raw)] = value
        if cut is not None:
            raw = raw[: cut % len(raw)]
        attachment = self.env["ir.attachment"].create(
            {"name": "rapports.zip", "raw": bytes(raw)}
        )
        wizard = (
            self.env["reboot.wipe.import.wizard"]
            .with_user(self.technician)
            .create({"attachment_ids": [(6, 0, attachment.ids)], "lot_id": self.lot.id})
        )

        def check(_action):
            self.assertEqual(
                set(self.lot.reboot_wipe_ids.mapped("drive_serial"))
                & {"ZIP-FUZZ-A", "ZIP-FUZZ-B"},
                {"ZIP-FUZZ-A", "ZIP-FUZZ-B"},
            )

        self._attempt(wizard.action_import, check)


def wizard_rows(rows):
    """How many rows of a table the intake reads: the non-blank ones."""
    return sum(1 for cells in rows if any(c.strip() for c in cells))


@tagged("post_install", "-at_install")
class TestUploadLimitsFuzz(TransactionCase):
    """The size limits hold exactly, whatever the sizes (no database needed)."""

    @FUZZ
    @given(size=st.integers(0, 3000), limit=st.integers(1, 2000))
    def test_report_size_limit(self, size, limit):
        raw = b'{"x": "' + b"a" * size + b'"}'
        with patch.object(uploads, "MAX_REPORT_BYTES", limit):
            if len(raw) > limit:
                with self.assertRaisesRegex(UserError, "file too large"):
                    uploads.load_json(self.env, "r.json", raw)
            else:
                self.assertEqual(
                    uploads.load_json(self.env, "r.json", raw)["x"], "a" * size
                )

    @FUZZ
    @given(
        sizes=st.lists(st.integers(0, 400), max_size=12),
        member_limit=st.integers(1, 300),
        total_limit=st.integers(1, 2000),
        count_limit=st.integers(1, 10),
    )
    def test_zip_limits(self, sizes, member_limit, total_limit, count_limit):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for n, size in enumerate(sizes):
                archive.writestr(f"r{n}.json", b"a" * size)
        with (
            patch.object(uploads, "MAX_REPORT_BYTES", member_limit),
            patch.object(uploads, "MAX_ZIP_BYTES", total_limit),
            patch.object(uploads, "MAX_ZIP_MEMBERS", count_limit),
        ):
            refused = (
                len(sizes) > count_limit
                or any(size > member_limit for size in sizes)
                or sum(sizes) > total_limit
            )
            if refused:
                with self.assertRaises(UserError):
                    uploads.zip_members(self.env, "a.zip", buffer.getvalue(), ".json")
            else:
                members = uploads.zip_members(
                    self.env, "a.zip", buffer.getvalue(), ".json"
                )
                self.assertEqual([len(data) for _name, data in members], sizes)
