"""Refresh each addon's i18n/<addon>.pot and i18n/fr.po from a database.

Usage: .venv/bin/python scripts/i18n.py DB [addon ...]
Existing French translations are kept; a new term that Odoo's own French
catalogues already translate (field labels of mixins, "Status", ...) takes
that translation; the others are added untranslated and listed. Obsolete
terms are dropped. The database must have the addons installed.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def export_pot(db, addon, odoo_path):
    with tempfile.NamedTemporaryFile(suffix=".pot") as tmp:
        subprocess.run(
            [
                str(ROOT / ".venv/bin/python"),
                f"{odoo_path}/odoo-bin",
                f"--addons-path={odoo_path}/addons,{odoo_path}/odoo/addons,{ROOT}/addons",
                "-d",
                db,
                f"--i18n-export={tmp.name}",
                f"--modules={addon}",
                "--log-level=warn",
            ],
            check=True,
        )
        return polib.pofile(tmp.name)


def odoo_catalogue(odoo_path):
    """msgid -> msgstr of the French catalogues of Odoo's addons we build on."""
    catalogue = {}
    modules = [
        "odoo/addons/base",
        "addons/mail",
        "addons/portal",
        "addons/stock",
        "addons/product",
        "addons/sale",
        "addons/event",
        "addons/hr",
        "addons/repair",
        "addons/web",
        "addons/contacts",
        "addons/sale_management",
    ]
    for module in modules:
        path = Path(odoo_path) / module / "i18n" / "fr.po"
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.msgstr and entry.msgid not in catalogue:
                    catalogue[entry.msgid] = entry.msgstr
    return catalogue


def main():
    import os

    db, *addons = sys.argv[1:]
    odoo_path = os.environ.get("ODOO_PATH", "/opt/odoo18")
    addons = addons or sorted(p.name for p in (ROOT / "addons").glob("reboot_*"))
    catalogue = odoo_catalogue(odoo_path)
    for addon in addons:
        i18n = ROOT / "addons" / addon / "i18n"
        i18n.mkdir(exist_ok=True)
        pot = export_pot(db, addon, odoo_path)
        pot.save(str(i18n / f"{addon}.pot"))
        po_path = i18n / "fr.po"
        old = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
        known = {entry.msgid: entry.msgstr for entry in old if entry.msgstr}
        po = polib.pofile(str(i18n / f"{addon}.pot"))
        po.metadata.update(
            {"Language": "fr", "Plural-Forms": "nplurals=2; plural=(n > 1);"}
        )
        missing = []
        for entry in po:
            entry.msgstr = known.get(entry.msgid) or catalogue.get(entry.msgid, "")
            if not entry.msgstr:
                missing.append(entry.msgid)
        po.save(str(po_path))
        print(f"{addon}: {len(po)} terms, {len(missing)} untranslated")
        for msgid in missing:
            print(f"  {msgid!r}")


if __name__ == "__main__":
    main()
