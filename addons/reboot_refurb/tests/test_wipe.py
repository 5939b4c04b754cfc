import base64
import io
import json
import resource
import zipfile
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from .. import uploads
from ..intake import MAX_ROWS
from .common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestWipe(RebootRefurbCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._register(cls, ["WIPE-LT-1"])
        cls.other = cls._register(cls, ["WIPE-LT-2"])
        cls.Wipe = cls.env["reboot.wipe"].with_user(cls.technician)

    def _count(self):
        return self.env["reboot.wipe"].search_count([])

    def test_import_success(self):
        wipe = self.Wipe.import_nwipe_json(self._nwipe("S3Z1NB0K"), lot_id=self.lot.id)
        self.assertEqual(len(wipe), 1)
        self.assertEqual(wipe.lot_id, self.lot)
        self.assertEqual(wipe.drive_serial, "S3Z1NB0K")
        self.assertEqual(wipe.drive_model, "Samsung SSD 860")
        self.assertEqual(wipe.drive_size_gb, 256.1)
        self.assertEqual(wipe.result, "passed")
        self.assertTrue(wipe.verified)
        self.assertEqual(
            (wipe.tool, wipe.tool_version, wipe.rounds), ("nwipe", "0.38", 1)
        )
        self.assertEqual(str(wipe.date_start), "2026-11-02 06:13:20")
        self.assertEqual(wipe.duration_seconds, 1800)

    def test_failure_status_and_errors(self):
        failed = self.Wipe.import_nwipe_json(
            self._nwipe("FAIL-1", status="failure"), lot_id=self.lot.id
        )
        self.assertEqual(failed.result, "failed")
        self.assertIn("failure", failed.errors)
        errors = self.Wipe.import_nwipe_json(
            self._nwipe("FAIL-2", verify_errors=3), lot_id=self.lot.id
        )
        self.assertEqual(errors.result, "failed")
        self.assertIn("3 verify errors", errors.errors)

    def test_matching_a_known_drive(self):
        self.Wipe.import_nwipe_json(
            self._nwipe("KNOWN-DRV", status="failure"), lot_id=self.lot.id
        )
        again = self.Wipe.import_nwipe_json(self._nwipe("KNOWN-DRV"))
        self.assertEqual(again.lot_id, self.lot)
        self.assertEqual(again.result, "passed")

    def test_bad_reports_write_nothing(self):
        before = self._count()
        broken = json.loads(self._nwipe("X"))
        del broken["wipe_result"]
        bad_status = json.loads(self._nwipe("X"))
        bad_status["wipe_result"]["status"] = "maybe"
        bad_number = json.loads(self._nwipe("X"))
        bad_number["wipe_result"]["pass_errors"] = "none"
        no_serial = json.loads(self._nwipe(""))
        for text, expected in (
            ("{not json", "not valid JSON"),
            ("[1, 2]", "must be a JSON object"),
            (json.dumps(broken), "section wipe_result is missing"),
            (json.dumps(bad_status), "status must be success or failure"),
            (json.dumps(bad_number), "pass_errors must be a non-negative integer"),
            (json.dumps(no_serial), "serial_no is missing"),
            (self._nwipe("NEVER-SEEN"), "drive NEVER-SEEN is unknown"),
        ):
            with self.assertRefused(UserError, expected):
                self.Wipe.import_nwipe_json(text, lot_id=False)
        # One bad report in a batch: none of the batch is written.
        batch = json.dumps([json.loads(self._nwipe("GOOD-1")), broken])
        with self.assertRaises(UserError):
            self.Wipe.import_nwipe_json(batch, lot_id=self.lot.id)
        self.assertEqual(self._count(), before)

    def test_wizard_many_files_and_zip(self):
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zf:
            for serial in ("ZIP-1", "ZIP-2", "ZIP-3"):
                zf.writestr(f"nwipe_report_{serial}.json", self._nwipe(serial))
        attachments = (
            self.env["ir.attachment"]
            .with_user(self.technician)
            .create(
                [
                    {
                        "name": "reports.zip",
                        "datas": base64.b64encode(archive.getvalue()),
                    },
                    {
                        "name": "single.json",
                        "datas": base64.b64encode(self._nwipe("ONE-1").encode()),
                    },
                ]
            )
        )
        wizard = (
            self.env["reboot.wipe.import.wizard"]
            .with_user(self.technician)
            .create(
                {"attachment_ids": [(6, 0, attachments.ids)], "lot_id": self.other.id}
            )
        )
        action = wizard.action_import()
        wipes = self.env["reboot.wipe"].search(action["domain"])
        self.assertEqual(
            sorted(wipes.mapped("drive_serial")), ["ONE-1", "ZIP-1", "ZIP-2", "ZIP-3"]
        )
        self.assertEqual(wipes.lot_id, self.other)
        self.assertEqual(
            wipes.filtered(lambda w: w.drive_serial == "ZIP-2").report_name,
            "nwipe_report_ZIP-2.json",
        )
        self.assertFalse(attachments.exists(), "The uploaded files are not kept")

    def test_reports_named_after_their_devices(self):
        """A wipe station saves each report under the device's label: one
        archive of a morning's wipes lands on the right devices."""

        def archive(names):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as zf:
                for name, drive in names:
                    zf.writestr(name, self._nwipe(drive))
            return (
                self.env["ir.attachment"]
                .with_user(self.technician)
                .create(
                    {"name": "matin.zip", "datas": base64.b64encode(buffer.getvalue())}
                )
            )

        def run(names):
            return (
                self.env["reboot.wipe.import.wizard"]
                .with_user(self.technician)
                .create({"attachment_ids": [(6, 0, archive(names).ids)]})
                .action_import()
            )

        before = self._count()
        with self.assertRefused(UserError, "GHOST-1.json.*MRN-LT-0004_sda.json"):
            run([("WIPE-LT-1_sda.json", "NAMED-1"), ("GHOST-1.json", "NAMED-9")])
        self.assertEqual(self._count(), before)
        action = run(
            [("WIPE-LT-1_sda.json", "NAMED-1"), ("reports/WIPE-LT-2.json", "NAMED-2")]
        )
        wipes = self.env["reboot.wipe"].search(action["domain"])
        self.assertEqual(
            {w.drive_serial: w.lot_id for w in wipes},
            {"NAMED-1": self.lot, "NAMED-2": self.other},
        )

    def test_wizard_bad_file_writes_nothing(self):
        before = self._count()
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": "good.json",
                    "datas": base64.b64encode(self._nwipe("OK-9").encode()),
                },
                {"name": "bad.json", "datas": base64.b64encode(b"<html>")},
            ]
        )
        wizard = self.env["reboot.wipe.import.wizard"].create(
            {"attachment_ids": [(6, 0, attachments.ids)], "lot_id": self.other.id}
        )
        with self.assertRefused(UserError, "bad.json: not a valid JSON report"):
            wizard.action_import()
        self.assertEqual(self._count(), before)

    def test_erasure_status_says_what_the_records_prove(self):
        erased, destroyed, pending, unrecorded = self._register(
            ["ER-1", "ER-2", "ER-3", "ER-6"]
        )
        self.Wipe.import_nwipe_json(self._nwipe("D-ER-1"), lot_id=erased.id)
        self.env["reboot.wipe"].with_user(self.manager).create(
            {
                "lot_id": destroyed.id,
                "drive_serial": "D-ER-2",
                "method_level": "destroy",
                "result": "passed",
                "change_reason": "Disque broyé, certificat DEEE n° 4521",
            }
        )
        self.Wipe.import_nwipe_json(
            self._nwipe("D-ER-3", status="failure"), lot_id=pending.id
        )
        removed = self._register(
            ["ER-4"],
            pickup=self._received_pickup([(self.laptop, 1)], "donor_removed"),
        )
        monitor = self._register(["ER-5"], device_type=self.monitor)
        lots = erased | destroyed | pending | unrecorded | removed | monitor
        self.assertEqual(
            {
                lot.name: status
                for lot, status in lots._reboot_erasure_statuses().items()
            },
            {
                "ER-1": "erased",
                "ER-2": "destroyed",
                "ER-3": "not_erased",  # its only wipe failed
                "ER-6": "not_erased",  # no drive recorded, nothing wiped
                "ER-4": "donor_removed",
                "ER-5": "no_storage",
            },
        )

    def test_passed_wipe_is_immutable(self):
        wipe = self.Wipe.import_nwipe_json(self._nwipe("LOCKED-1"), lot_id=self.lot.id)
        with self.assertRefused(UserError, "only a manager"):
            wipe.write({"result": "failed"})
        with self.assertRefused(UserError, "only a manager"):
            wipe.unlink()
        as_manager = wipe.with_user(self.manager)
        with self.assertRefused(UserError, "reason"):
            as_manager.write({"drive_model": "Other"})
        as_manager.write(
            {"drive_model": "Samsung 870", "change_reason": "Typo in model"}
        )
        self.assertEqual(wipe.drive_model, "Samsung 870")
        with self.assertRefused(UserError, "reason"):
            as_manager.unlink()
        as_manager.with_context(reboot_change_reason="Duplicate import").unlink()
        self.assertFalse(wipe.exists())
        self.assertIn("Duplicate import", self.lot.message_ids[0].body)
        # A failed wipe is a fact too: removing it would hide its drive from
        # the ready gate. A manager removes one imported by mistake, with why.
        failed = self.Wipe.import_nwipe_json(
            self._nwipe("RETRY-1", status="failure"), lot_id=self.lot.id
        )
        with self.assertRefused(UserError, "only a manager"):
            failed.unlink()
        failed.with_user(self.manager).with_context(
            reboot_change_reason="Rapport d'un autre poste"
        ).unlink()
        self.assertFalse(failed.exists())

    def test_manager_deletes_a_passed_wipe_from_its_form(self):
        wipe = self.Wipe.import_nwipe_json(
            self._nwipe("FORM-DEL-1"), lot_id=self.lot.id
        )
        with self.assertRefused(UserError, "only a manager"):
            wipe.action_reboot_delete_with_reason()
        action = wipe.with_user(self.manager).action_reboot_delete_with_reason()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        with self.assertRaises(AssertionError):  # the reason is required
            wizard.save()
        wizard.reason = "Rapport importé sur le mauvais appareil"
        wizard.save().action_delete()
        self.assertFalse(wipe.exists())
        self.assertIn("mauvais appareil", self.lot.message_ids[0].body)

    def test_erasure_certificate(self):
        self.Wipe.import_nwipe_json(self._nwipe("CERT-1"), lot_id=self.lot.id)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "reboot_refurb.action_report_erasure_certificate", self.lot.ids
            )[0]
            .decode()
        )
        self.assertIn("CERT-1", html)
        self.assertIn("Samsung SSD 860", html)
        self.assertIn("Clear", html)
        self.assertIn("Passed", html)
        self.assertIn("NIST SP 800-88 Rev. 2", html)

    def test_mediator_cannot_read_wipes(self):
        from odoo.exceptions import AccessError
        from odoo.tests import new_test_user

        mediator = new_test_user(
            self.env,
            login="wipe_mediator",
            groups="reboot_base.group_reboot_mediator",
        )
        with self.assertRaises(AccessError):
            self.env["reboot.wipe"].with_user(mediator).search([])


@tagged("post_install", "-at_install")
class TestBoundedUploads(RebootRefurbCommon, TransactionCase):
    """Issue #16: every upload is bounded before it is decoded or inflated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._register(cls, ["BOUND-LT-1"])

    def _import(self, raw, name="rapports.zip"):
        attachment = self.env["ir.attachment"].create({"name": name, "raw": raw})
        return (
            self.env["reboot.wipe.import.wizard"]
            .with_user(self.technician)
            .create({"attachment_ids": [(6, 0, attachment.ids)], "lot_id": self.lot.id})
            .action_import()
        )

    def _intake_file(self, raw, filename):
        return (
            self.env["reboot.intake.wizard"]
            .with_user(self.technician)
            .create(
                {
                    "pickup_id": self.pickup.id,
                    "device_type_id": self.laptop.id,
                    "file": base64.b64encode(raw),
                    "filename": filename,
                }
            )
        )

    def test_a_zip_bomb_is_refused_without_inflating_it(self):
        # one member of 256 MiB of zeros: about 250 KB compressed
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            with archive.open("bombe.json", "w") as member:
                chunk = b"0" * (1024 * 1024)
                for _ in range(256):
                    member.write(chunk)
        raw = buffer.getvalue()
        self.assertLess(len(raw), 2 * 1024 * 1024)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        with self.assertRefused(UserError, "bombe.json: file too large"):
            self._import(raw)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
        self.assertLess(grown, 64 * 1024, "the worker's memory stays bounded")
        self.assertFalse(self.lot.reboot_wipe_ids)

    def test_too_many_members_and_corrupt_archives(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for n in range(uploads.MAX_ZIP_MEMBERS + 1):
                archive.writestr(f"r{n}.json", "{}")
        with self.assertRefused(UserError, "at most per archive"):
            self._import(buffer.getvalue())
        with self.assertRefused(UserError, "is not a readable zip archive"):
            self._import(b"PK\x03\x04" + b"\x00" * 200)

    def test_deeply_nested_json_is_a_clear_refusal(self):
        deep = "[" * 100_000 + "]" * 100_000
        with self.assertRefused(UserError, "nested too deeply"):
            self._import(deep.encode(), name="profond.json")
        with self.assertRefused(UserError, "nested too deeply"):
            self.env["reboot.wipe"].with_user(self.technician).import_nwipe_json(
                deep, lot_id=self.lot.id
            )

    def test_upload_and_row_limits(self):
        with patch.object(uploads, "MAX_UPLOAD_BYTES", 1000):
            with self.assertRefused(UserError, "is too large"):
                self._import(b"{}" + b" " * 2000, name="gros.json")
            wizard = self._intake_file(b"serial\n" + b"SN-1\n" * 400, "gros.csv")
            with self.assertRefused(UserError, "gros.csv is too large"):
                wizard.action_register()
        # the RPC entry point has the wizard's row limit
        rows = [f"SN-{n}" for n in range(MAX_ROWS + 1)]
        with self.assertRefused(UserError, "At most 20000 devices"):
            self.env["reboot.intake.wizard"].with_user(
                self.technician
            ).register_serials(self.pickup.id, rows)
        # a CSV is read no further than the limit
        text = "serial\n" + "".join(f"CSV-{n}\n" for n in range(MAX_ROWS + 500))
        wizard = self._intake_file(text.encode(), "long.csv")
        with self.assertRefused(UserError, "At most 20000 devices"):
            wizard.action_register()
