"""Hardware reports at the bench: real outputs of eReuse workbench-script,
lshw and smartctl (data/hardware_samples/SOURCES.md) fill the device record."""

import base64
import io
import json
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from ..demo_loader import nwipe_report
from .common import RebootRefurbCommon

DATA = Path(__file__).parent.parent / "data" / "hardware_samples"


def sample(name):
    return (DATA / name).read_text()


@tagged("post_install", "-at_install")
class TestHardwareReports(RebootRefurbCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the Dell of the workbench-script samples, the Dell and the HP of the
        # lshw samples, registered at intake under their serial numbers
        cls.dell, cls.e5530, cls.probook = cls._register(
            cls, ["5CQ6VY1", "D8FTRY1", "5CD7314HDY"]
        )
        cls.Lot = cls.env["stock.lot"].with_user(cls.technician)

    def _counts(self):
        self.env.invalidate_all()
        return (
            self.env["reboot.drive"].search_count([]),
            self.env["mail.message"].search_count([("model", "=", "stock.lot")]),
        )

    def test_a_workbench_snapshot_fills_the_device_and_records_its_drives(self):
        devices = self.Lot.import_hardware_report(
            sample("snapshot_workbench-script.json")
        )
        self.assertEqual(devices, self.dell)
        self.assertRecordValues(
            self.dell,
            [
                {
                    "reboot_manufacturer": "Dell",
                    "reboot_model": "Latitude E7240",
                    "reboot_cpu": "Intel Core i7-4600U",
                    "reboot_ram_gb": 16,
                    "reboot_screen_inch": 12.5,  # the built-in panel, not the monitor
                    "reboot_storage_gb": 756,
                    "reboot_storage_type": "ssd",
                    "reboot_drive_failing": False,
                    "reboot_grade_suggested": "a",  # 16 GB, SSDs, no battery
                    "reboot_grade": False,
                }
            ],
        )
        self.dell.with_user(self.technician).action_reboot_use_suggested_grade()
        self.assertEqual(self.dell.reboot_grade, "a")
        self.assertRecordValues(
            self.dell.reboot_drive_ids.sorted("serial"),
            [
                {
                    "serial": "S33HNX0J203755R",
                    "model": "Samsung SSD 850 EVO mSATA 500GB",
                    "size_gb": 500,
                    "kind": "ssd",
                    "smart_status": "passed",
                    "self_test": "passed",
                    "power_on_hours": 17702,
                    "failing": False,
                    "wipe_result": "none",
                },
                {
                    "serial": "TW0XXM305508539G1361",
                    "model": "LITEONIT LMT-256M6M mSATA 256GB",
                    "size_gb": 256,
                    "kind": "ssd",
                    "smart_status": "passed",
                    "self_test": "passed",
                    "power_on_hours": 0,
                    "failing": False,
                    "wipe_result": "none",
                },
            ],
        )
        # the same report again changes nothing; the legacy snapshot of the
        # same machine only adds what it says more precisely
        specs = self.dell.read(["reboot_model", "write_date"])
        counts = self._counts()
        self.Lot.import_hardware_report(sample("snapshot_workbench-script.json"))
        self.assertEqual(self.dell.read(["reboot_model", "write_date"]), specs)
        self.assertEqual(self._counts(), counts)
        self.Lot.import_hardware_report(
            sample("snapshot_workbench-script_legacy.json"), lot_id=self.dell.id
        )
        self.assertEqual(len(self.dell.reboot_drive_ids), 2)
        self.assertEqual(
            self.dell.reboot_drive_ids.mapped("power_on_hours"), [17703, 0]
        )

    def test_lshw_then_smartctl_flag_a_failing_drive(self):
        self.Lot.import_hardware_report(sample("e5530.lshw.json"))
        self.assertRecordValues(
            self.e5530,
            [
                {
                    "reboot_manufacturer": "Dell Inc.",
                    "reboot_model": "Latitude E5530 non-vPro",
                    "reboot_ram_gb": 8,
                    "reboot_battery_design_wh": 62.2,
                    "reboot_storage_gb": 500,
                    "reboot_grade_suggested": "b",  # 8 GB, a drive of unknown kind
                }
            ],
        )
        # lshw's drive only (the USB stick of the report is not the device's)
        self.assertEqual(self.e5530.reboot_drive_ids.serial, "TF755AWHKL0LHM")
        self.Lot.import_hardware_report(
            sample("smart-fail2.json"), lot_id=self.e5530.id
        )
        failing = self.e5530.reboot_drive_ids.filtered("failing")
        self.assertRecordValues(
            failing,
            [
                {
                    "serial": "MSK423Y20S3HBC",
                    "smart_status": "failed",
                    "reallocated_sectors": 1975,
                    "pending_sectors": 8,
                    "kind": "hdd",
                }
            ],
        )
        self.assertTrue(self.e5530.reboot_drive_failing)
        self.assertEqual(self.e5530.reboot_grade_suggested, "c")
        self.assertIn("MSK423Y20S3HBC", self.e5530.message_ids[0].body)
        self.assertIn("reallocated or pending sectors", failing.health_note)
        # said once: the same report again adds nothing
        counts = self._counts()
        self.Lot.import_hardware_report(
            sample("smart-fail2.json"), lot_id=self.e5530.id
        )
        self.assertEqual(self._counts(), counts)
        # an NVMe with media errors is failing too, though SMART says passed
        self.Lot.import_hardware_report(
            sample("smart-nvme-failed.json"), lot_id=self.probook.id
        )
        self.assertRecordValues(
            self.probook.reboot_drive_ids,
            [{"kind": "nvme", "nvme_media_errors": 7, "failing": True}],
        )

    def test_battery_wear_and_screen_of_a_wrapped_snapshot(self):
        lenovo = self._register(["PF0QMY5N"])
        self.Lot.import_hardware_report(
            sample("snapshot_pre-verifiable-credential.json")
        )
        self.assertRecordValues(
            lenovo,
            [
                {
                    "reboot_battery_design_wh": 57.0,
                    "reboot_battery_full_wh": 53.6,
                    "reboot_battery_health": 94,
                    "reboot_screen_inch": 14.0,
                    "reboot_storage_type": "nvme",
                    "reboot_grade_suggested": "a",  # battery at 94 %
                }
            ],
        )

    def test_an_unknown_device_is_registered_on_request(self):
        with self.assertRefused(UserError, "register it at intake first"):
            self.Lot.import_hardware_report(
                sample("snapshot_pre-verifiable-credential.json")
            )
        lenovo = self.Lot.import_hardware_report(
            sample("snapshot_pre-verifiable-credential.json"),
            intake_pickup_id=self.pickup.id,
        )
        self.assertRecordValues(
            lenovo,
            [
                {
                    "name": "PF0QMY5N",
                    "reboot_pickup_id": self.pickup.id,
                    "reboot_device_type_id": self.laptop.id,  # from the chassis
                    "reboot_state": "intake",
                    "reboot_model": "20HRCTO1WW",
                }
            ],
        )

    def test_a_report_that_contradicts_the_records_is_refused(self):
        before = self._counts()
        with self.assertRefused(UserError, "register it at intake first"):
            self.Lot.import_hardware_report(sample("smart-fail2.json"))
        with self.assertRefused(UserError, "is of device D8FTRY1, not of 5CQ6VY1"):
            self.Lot.import_hardware_report(
                sample("e5530.lshw.json"), lot_id=self.dell.id
            )
        desktop = self._register(["PF0QMY5N"], device_type=self.desktop)
        with self.assertRefused(UserError, "describes a Laptop, but PF0QMY5N"):
            self.Lot.import_hardware_report(
                sample("snapshot_pre-verifiable-credential.json")
            )
        self.Lot.import_hardware_report(sample("smart-fail2.json"), lot_id=desktop.id)
        with self.assertRefused(UserError, "recorded on another device"):
            self.Lot.import_hardware_report(
                sample("smart-fail2.json"), lot_id=self.probook.id
            )
        for hostile in ("", "[]", "{}", '{"data": {}}', "not json", '"text"', "1e999"):
            with self.assertRefused(UserError, "."):
                self.Lot.import_hardware_report(hostile)
        self.assertEqual(self._counts()[0], before[0] + 1)

    def test_a_batch_is_all_or_nothing(self):
        reports = [
            ("dell.json", json.loads(sample("snapshot_workbench-script.json"))),
            ("unknown.json", json.loads(sample("smart-nvme-failed.json"))),
        ]
        before = self._counts()
        with self.assertRefused(UserError, "unknown.json: no device has"):
            self.Lot._reboot_import_hardware_reports(reports)
        self.assertEqual(self._counts(), before)
        self.assertFalse(self.dell.reboot_model)

    def test_recorded_drives_gate_the_wipe_and_guide_nwipe(self):
        self.Lot.import_hardware_report(sample("snapshot_workbench-script.json"))
        self._pass_all_tests(self.dell)
        # nwipe's report of one drive finds its device without being told
        wipe = (
            self.env["reboot.wipe"]
            .with_user(self.technician)
            .import_nwipe_json(json.dumps(nwipe_report("S33HNX0J203755R")))
        )
        self.assertEqual(wipe.lot_id, self.dell)
        with self.assertRefused(UserError, "drive TW0XXM305508539G1361 has no passed"):
            self.dell.with_user(self.technician).action_reboot_mark_wiped()
        self.env["reboot.wipe"].with_user(self.technician).import_nwipe_json(
            json.dumps(nwipe_report("TW0XXM305508539G1361"))
        )
        self.dell.with_user(self.technician).action_reboot_mark_wiped()
        self.assertEqual(self.dell.reboot_state, "wiped")
        self.assertEqual(
            set(self.dell.reboot_drive_ids.mapped("wipe_result")), {"passed"}
        )
        # the passport a commune gets: specs, each drive's erasure, the CO2
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "reboot_refurb.action_report_device_passport", self.dell.ids
            )[0]
            .decode()
        )
        for text in (
            "Device passport",
            "Latitude E7240",
            "TW0XXM305508539G1361",
            "16 GB",
        ):
            self.assertIn(text, html)
        self.assertIn("182 kg CO2e", " ".join(html.split()))
        # a drive found later has not been erased: back to testing
        self.Lot.import_hardware_report(
            sample("smart-nvme-failed.json"), lot_id=self.dell.id
        )
        self.assertEqual(self.dell.reboot_state, "testing")

    def test_the_bench_imports_a_zip_of_reports(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("dell.json", sample("snapshot_workbench-script.json"))
            archive.writestr("hp.json", sample("test_isard_probook.lshw.json"))
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.technician)
            .create({"name": "bench.zip", "datas": base64.b64encode(buffer.getvalue())})
        )
        wizard = Form(
            self.env["reboot.hardware.import.wizard"].with_user(self.technician)
        )
        wizard.attachment_ids.add(attachment)
        action = wizard.save().action_import()
        self.assertEqual(
            self.env["stock.lot"].search(action["domain"]), self.dell | self.probook
        )
        self.assertEqual(self.probook.reboot_model, "HP ProBook 430 G4")

    def test_queries_do_not_grow_with_the_drives_or_the_devices(self):
        """One search of the devices, one of the drives and wipes they know,
        one insert of every new drive, one update of the devices whose specs
        change alike, one note on the devices with a failing drive: a batch
        of four devices (or of four drives each) costs what a batch of two
        devices of one drive costs."""
        failing = json.loads(sample("smart-fail2.json"))

        def report(lot, drives):
            smartctl = [
                failing | {"serial_number": f"{lot.name}-{i}"} for i in range(drives)
            ]
            lshw = {"class": "system", "serial": lot.name}
            return (f"{lot.name}.json", {"lshw": lshw, "smartctl": smartctl})

        def batch(names, drives):
            return [report(lot, drives) for lot in self._register(names)]

        Lot = self.env["stock.lot"]
        Lot._reboot_import_hardware_reports(batch(["WARM-1", "WARM-2"], 2))
        reports = batch(["Q-1", "Q-2"], 1)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        Lot._reboot_import_hardware_reports(reports)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        for names, drives in ((["Q-3", "Q-4"], 4), (["Q-5", "Q-6", "Q-7", "Q-8"], 1)):
            reports = batch(names, drives)
            with self.assertQueryCount(queries):
                Lot._reboot_import_hardware_reports(reports)
                self.env.flush_all()
        self.assertEqual(len(Lot.search([("name", "=", "Q-4")]).reboot_drive_ids), 4)


FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)


class _Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestHardwareReportsFuzz(RebootRefurbCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._register(cls, ["5CQ6VY1"])
        cls.snapshot = json.loads(sample("snapshot_workbench-script.json"))

    def _attempt(self, report):
        """Accepted, the report filled the device; refused, nothing changed."""
        self.env.invalidate_all()
        before = self.env["reboot.drive"].search_count([]), self.lot.read()[0]
        try:
            with self.env.cr.savepoint():
                try:
                    devices = (
                        self.env["stock.lot"]
                        .with_user(self.technician)
                        .import_hardware_report(json.dumps(report), lot_id=self.lot.id)
                    )
                except UserError as error:
                    self.assertTrue(error.args[0])
                    self.env.invalidate_all()
                    after = (
                        self.env["reboot.drive"].search_count([]),
                        self.lot.read()[0],
                    )
                    self.assertEqual(after, before)
                    return
                self.assertEqual(devices, self.lot)
                raise _Rollback
        except _Rollback:
            self.env.invalidate_all()

    @FUZZ
    @given(report=json_value)
    def test_any_json(self, report):
        self._attempt(report)

    @FUZZ
    @given(
        part=st.sampled_from(["smartctl", "inxi", "dmidecode", "lshw"]),
        value=json_value,
        as_text=st.booleans(),
    )
    def test_a_snapshot_with_one_part_replaced(self, part, value, as_text):
        report = json.loads(json.dumps(self.snapshot))
        report["data"][part] = json.dumps(value) if as_text else value
        self._attempt(report)

    @FUZZ
    @given(
        key=st.sampled_from(
            [
                "serial_number",
                "model_name",
                "user_capacity",
                "smart_status",
                "power_on_time",
                "ata_smart_attributes",
                "rotation_rate",
                "device",
            ]
        ),
        value=json_value,
    )
    def test_a_smartctl_output_with_one_value_replaced(self, key, value):
        report = json.loads(sample("smart-fail2.json"))
        report[key] = value
        self._attempt(report)
