"""make bench: the suite at the consortium's scale and beyond (issue "Performance").

Run by scripts/bench.sh inside Odoo (odoo-bin shell) on its own database with the
suite installed without demo data. Data are generated with a fixed seed. Every
scenario runs in a transaction that is rolled back, so they do not see each other.
"""

import gc
import json
import os
import random
import resource
import statistics
import threading
import time
import tracemalloc

import psycopg2

from odoo import Command, fields
from odoo.sql_db import connection_info_for

from odoo.addons.reboot_refurb.demo_loader import hardware_report, nwipe_report

random.seed(20261128)
RESULTS = []


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb():
    """The process's resident memory now (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


class MemoryWatch:
    """The most resident memory the process adds over what it held at the
    start (sampled every 20 ms by a thread): the memory a task costs."""

    def __enter__(self):
        gc.collect()
        self.start = self.peak = rss_mb()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.02)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, rss_mb())
        self.added_mb = self.peak - self.start


class Measure:
    def __init__(self, env, name, items):
        self.env, self.name, self.items = env, name, items

    def __enter__(self):
        self.env.flush_all()
        gc.collect()
        self.queries = self.env.cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds = time.perf_counter() - self.start
        self.count = self.env.cr.sql_log_count - self.queries
        if exc[0] is None:
            RESULTS.append(
                {
                    "scenario": self.name,
                    "items": self.items,
                    "seconds": self.seconds,
                    "queries": self.count,
                    "per_item": self.count / max(self.items, 1),
                    "peak_mb": peak_mb(),
                }
            )


def received_pickup(env, device_type, qty):
    donor = env["res.partner"].create(
        {
            "name": f"Bench donor {random.random()}",
            "is_company": True,
            "is_reboot_donor": True,
        }
    )
    pickup = env["reboot.pickup"].create(
        {
            "donor_id": donor.id,
            "scheduled_date": fields.Datetime.now(),
            "driver_id": env.uid,
            "line_ids": [
                Command.create({"device_type_id": device_type.id, "qty_declared": qty})
            ],
        }
    )
    pickup.action_schedule()
    pickup.action_collect()
    pickup.line_ids.qty_received = qty
    pickup.action_receive()
    return pickup


def serials(prefix, n):
    return [f"{prefix}-{i:06d}" for i in range(n)]


def native_receipt(env, product, names):
    """Odoo's own way: an incoming picking validated with the lot names."""
    picking_type = env.ref("stock.picking_type_in")
    picking = env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id": picking_type.default_location_dest_id.id,
            "move_ids": [
                Command.create(
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": len(names),
                        "product_uom": product.uom_id.id,
                        "location_id": picking_type.default_location_src_id.id,
                        "location_dest_id": picking_type.default_location_dest_id.id,
                    }
                )
            ],
        }
    )
    picking.action_confirm()
    move = picking.move_ids
    move.move_line_ids.unlink()
    env["stock.move.line"].create(
        [
            {
                "move_id": move.id,
                "picking_id": picking.id,
                "product_id": product.id,
                "product_uom_id": product.uom_id.id,
                "lot_name": name,
                "quantity": 1,
                "picked": True,
                "location_id": move.location_id.id,
                "location_dest_id": move.location_dest_id.id,
            }
            for name in names
        ]
    )
    picking.with_context(skip_backorder=True).button_validate()
    return picking


def bulk_ready_devices(env, device_type, n, grade="a", donor=None):
    """Bulk fixture: n ready devices in stock, written with SQL for speed."""
    product = device_type.product_id
    stock = env.ref("stock.stock_location_stock")
    env.flush_all()
    cr = env.cr
    prefix = f"R{random.randint(0, 10**9)}"
    cr.execute(
        """
        INSERT INTO stock_lot (name, product_id, company_id, reboot_state,
            reboot_grade, reboot_device_type_id, reboot_donor_id, create_uid,
            write_uid, create_date, write_date, reboot_ram_gb, reboot_storage_gb)
        SELECT %s || '-' || g, %s, %s, 'ready', %s, %s, %s, 1, 1,
               now() at time zone 'UTC', now() at time zone 'UTC',
               4 + (g %% 3) * 4, 128 * (1 + g %% 4)
        FROM generate_series(1, %s) g
        RETURNING id
        """,
        [
            prefix,
            product.id,
            env.company.id,
            grade,
            device_type.id,
            donor.id if donor else None,
            n,
        ],
    )
    lot_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO stock_quant (product_id, location_id, lot_id, company_id,
            quantity, reserved_quantity, in_date, create_uid, write_uid,
            create_date, write_date)
        SELECT %s, %s, id, %s, 1, 0, now() at time zone 'UTC', 1, 1,
               now() at time zone 'UTC', now() at time zone 'UTC'
        FROM unnest(%s) id
        """,
        [product.id, stock.id, env.company.id, lot_ids],
    )
    env.invalidate_all()
    return env["stock.lot"].browse(lot_ids)


def scenario_intake(env, n=1000, rounds=3):
    laptop = env.ref("reboot_collect.device_type_laptop")
    ours, native = [], []
    for r in range(rounds):
        pickup = received_pickup(env, laptop, n)
        with Measure(env, f"a. intake {n} serials (ours)", n) as m:
            env["reboot.intake.wizard"].register_serials(
                pickup.id, serials(f"OURS{r}", n), "laptop", validate=True
            )
        ours.append(m.seconds)
        with Measure(env, f"a. receive {n} serials (native Odoo)", n) as m:
            native_receipt(env, laptop.product_id, serials(f"NAT{r}", n))
        native.append(m.seconds)
    return statistics.median(ours) / statistics.median(native)


def scenario_nwipe(env, n=1000):
    desktop = env.ref("reboot_collect.device_type_desktop")
    pickup = received_pickup(env, desktop, n)
    lot_ids = env["reboot.intake.wizard"].register_serials(
        pickup.id, serials("WIPE", n), "desktop", validate=False
    )
    # Each device's drive is known (a first, failed wipe), as at a wipe station.
    env["reboot.wipe"].create(
        [
            {"lot_id": lot_id, "drive_serial": f"DRV-{i:06d}", "result": "failed"}
            for i, lot_id in enumerate(lot_ids)
        ]
    )
    text = json.dumps([nwipe_report(f"DRV-{i:06d}") for i in range(n)])
    with Measure(env, f"b. import {n} nwipe reports", n) as m:
        env["reboot.wipe"].import_nwipe_json(text)
    return n / m.seconds


def scenario_hardware(env, n=500):
    """A bench session's hardware reports: lshw of a laptop and smartctl of
    its failing drive (real outputs, see reboot_refurb/data/hardware_samples),
    read from their JSON text as the wizard does."""
    laptop = env.ref("reboot_collect.device_type_laptop")
    pickup = received_pickup(env, laptop, n)
    names = serials("HW", n)
    env["reboot.intake.wizard"].register_serials(
        pickup.id, names, "laptop", validate=False
    )
    texts = [hardware_report(name, f"{name}-D", failing=True) for name in names]
    with Measure(env, f"b. import {n} hardware reports", n) as m:
        env["stock.lot"]._reboot_import_hardware_reports(
            [(f"{name}.json", json.loads(text)) for name, text in zip(names, texts)]
        )
    return n / m.seconds


def scenario_catalogue(env, sizes=(100, 10000)):
    laptop = env.ref("reboot_collect.device_type_laptop")
    counts = {}
    previous = 0
    for size in sizes:
        bulk_ready_devices(env, laptop, size - previous)
        previous = size
        env["stock.lot"]._reboot_catalogue_offers()  # warm
        env.invalidate_all()
        with Measure(env, f"c. portal catalogue, {size} ready devices", size) as m:
            offers = env["stock.lot"]._reboot_catalogue_offers()
        assert sum(o["count"] for o in offers) >= size
        counts[size] = m.count
    return counts


def scenario_order(env, n=200):
    laptop = env.ref("reboot_collect.device_type_laptop")
    commune = env["res.partner"].create(
        {"name": "Bench commune", "is_company": True, "is_commune": True}
    )
    bulk_ready_devices(env, laptop, n, grade="b")
    order = env["sale.order"].create(
        {
            "partner_id": commune.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": laptop.product_id.id,
                        "reboot_grade": "b",
                        "product_uom_qty": n,
                    }
                )
            ],
        }
    )
    with Measure(env, f"d. commune order of {n}: confirm, reserve, deliver", n):
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.picked = True
        picking.button_validate()
    assert set(picking.move_line_ids.lot_id.mapped("reboot_state")) == {"sold"}


def scenario_impact(env, n):
    laptop = env.ref("reboot_collect.device_type_laptop")
    bulk_ready_devices(env, laptop, n)
    report = env["reboot.impact.report"].create(
        {"date_from": "2000-01-01", "date_to": "2100-12-31"}
    )
    with Measure(env, f"e. impact figures over {n} devices", n):
        figures = report._figures()
    assert figures["received"] >= n
    env.invalidate_all()
    with Measure(env, f"e. funder XLSX over {n} devices", n), MemoryWatch() as memory:
        report._funder_xlsx()
    if n > 100_000:
        return memory.added_mb
    # The process may reuse memory an earlier scenario freed, which its
    # resident size does not show: the Python memory the export allocates at
    # its peak, traced in a second (untimed) run, counts too.
    env.invalidate_all()
    gc.collect()
    tracemalloc.start()
    report._funder_xlsx()
    traced_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return max(memory.added_mb, traced_mb)


def scenario_dossier(env, n=600):
    desktop = env.ref("reboot_collect.device_type_desktop")
    donor = env["res.partner"].create(
        {"name": "Métropole (bench)", "is_company": True, "is_reboot_donor": True}
    )
    lots = bulk_ready_devices(env, desktop, n, donor=donor)
    env["reboot.wipe"].create(
        [
            {
                "lot_id": lot.id,
                "drive_serial": f"DOS-{lot.id}",
                "result": "passed",
                "drive_model": "WDC WD5000",
                "method_level": "clear",
                # a passed wipe without its nwipe report is a manager's statement
                "change_reason": "Bench fixture",
            }
            for lot in lots
        ]
    )
    report = env["reboot.impact.report"].create(
        {"donor_id": donor.id, "date_from": "2000-01-01", "date_to": "2100-12-31"}
    )
    server = os.environ.get("BENCH_SERVER_URL")
    if server:
        # as in real use: wkhtmltopdf fetches the reports' assets (stylesheets,
        # fonts, logo) from the running server
        env["ir.config_parameter"].set_param("report.url", server)
    with Measure(env, f"f. donor impact dossier, {n} devices", n) as measure:
        pdf = report._donor_dossier_pdf()
    assert pdf.startswith(b"%PDF")
    return {"seconds": measure.seconds, "mb": len(pdf) / 1e6, "server": bool(server)}


def vacuum(env):
    """Each scenario starts from the same tables: what the previous one wrote
    (rolled back) is vacuumed away, and the planner's statistics are fresh
    (autovacuum may be off)."""
    dbname, info = connection_info_for(env.cr.dbname)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def run(env, quick=False):
    scale = 10 if quick else 1
    repeats = 1 if quick else 3
    outcomes = {}

    def step(func, *args):
        """The scenario `repeats` times, each from vacuumed tables."""
        results = []
        for _repeat in range(repeats):
            vacuum(env)
            results.append(func(env, *args))
            env.cr.rollback()
            env.invalidate_all()
        outcomes[func.__name__] = results
        return results

    ratios = step(scenario_intake, 1000 // scale, 1 if quick else 3)
    step(scenario_intake, 250 // scale, 1)  # the same at another size: growth
    reports_per_second = step(scenario_nwipe, 1000 // scale)
    hardware_per_second = step(scenario_hardware, 500 // scale)
    catalogue = step(scenario_catalogue, (100, 10000 // scale))[0]
    step(scenario_order, 200 // scale)
    step(scenario_impact, 10000 // scale)
    funder_memory = step(scenario_impact, 100000 // scale)
    dossiers = step(scenario_dossier, 600 // scale)
    million = None
    if os.environ.get("BENCH_MILLION"):  # make bench BENCH_MILLION=1: once
        vacuum(env)
        million = scenario_impact(env, 1_000_000)
        env.cr.rollback()
        env.invalidate_all()
    # one line per scenario: the median of its repeats
    rows = {}
    for result in RESULTS:
        rows.setdefault(result["scenario"], []).append(result)
    width = max(len(name) for name in rows)
    print(f"repeats: {repeats} (medians), tables vacuumed before each run")
    print(
        f"{'scenario':<{width}}  {'items':>7}  {'seconds':>8}  {'queries':>8}  "
        f"{'q/item':>7}  {'peak MB':>8}"
    )
    for name, runs in rows.items():
        median = {
            key: statistics.median(r[key] for r in runs)
            for key in ("seconds", "queries", "per_item")
        }
        print(
            f"{name:<{width}}  {runs[0]['items']:>7}  {median['seconds']:>8.2f}  "
            f"{median['queries']:>8.0f}  {median['per_item']:>7.3f}  "
            f"{max(r['peak_mb'] for r in runs):>8.0f}"
        )
    print(f"nwipe_reports_per_second: {statistics.median(reports_per_second):.0f}")
    print(f"hardware_reports_per_second: {statistics.median(hardware_per_second):.0f}")
    sizes = sorted(catalogue)
    print(f"intake_vs_native_ratio: {statistics.median(ratios):.2f}")
    intake = rows[f"a. intake {1000 // scale} serials (ours)"]
    print(
        "intake_queries_per_serial: "
        f"{statistics.median(r['per_item'] for r in intake):.2f}"
    )
    print(f"catalogue_queries_100: {catalogue[sizes[0]]}")
    print(f"catalogue_queries_10000: {catalogue[sizes[-1]]}")
    label = f"{100 // scale}k"
    print(f"funder_xlsx_{label}_added_mb: {statistics.median(funder_memory):.0f}")
    if million is not None:
        print(f"funder_xlsx_1m_added_mb: {million:.0f}")
    n = 600 // scale
    print(f"dossier_{n}_server_up: {'yes' if dossiers[0]['server'] else 'no'}")
    print(
        f"dossier_{n}_seconds: {statistics.median(d['seconds'] for d in dossiers):.1f}"
    )
    print(f"dossier_{n}_mb: {statistics.median(d['mb'] for d in dossiers):.1f}")
