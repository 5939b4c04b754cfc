"""Issue #16: the retention job leaves no trace of a person anywhere: a dump
of the whole database and the filestore are searched after it ran."""

import os
import subprocess
import uuid

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import config
from odoo.tools.misc import exec_pg_environ, find_pg_tool


def _where(dump, trace):
    """The tables of a pg_dump that still hold `trace`, with the line."""
    found = []
    table = None
    for line in dump.splitlines():
        if line.startswith(b"COPY "):
            table = line.split(b" ")[1].decode()
        elif trace in line:
            found.append(f"{table}: {line[:300]!r}")
    return found


@tagged("post_install", "-at_install")
class TestAnonymisationLeavesNothing(TransactionCase):
    def _dump_and_files(self, dbname):
        """The data of the whole database, and every file of its filestore."""
        dump = subprocess.run(
            [find_pg_tool("pg_dump"), "--data-only", "--no-owner", dbname],
            env=exec_pg_environ(),
            capture_output=True,
            check=True,
            timeout=600,
        ).stdout
        files = b""
        for folder, _dirs, names in os.walk(config.filestore(dbname)):
            for name in names:
                with open(os.path.join(folder, name), "rb") as handle:
                    files += handle.read()
        return dump, files

    def test_dump_and_filestore_hold_no_trace(self):
        # pg_dump reads committed data only: this test commits in its own
        # cursor, and removes what it committed at the end.
        # pylint: disable=invalid-commit
        marker = uuid.uuid4().hex[:12]
        name = f"Awa Trace{marker}"
        email = f"awa.{marker}@example.com"
        # committed in their own transaction, as the cron's work is
        with self.registry.cursor() as cr:
            env = self.env(cr=cr)
            company = env.company
            retention = company.reboot_retention_days
            company.reboot_retention_days = 365
            begin = fields.Datetime.subtract(fields.Datetime.now(), days=400)
            workshop = env["event.event"].create(
                {
                    "name": f"Atelier {marker}",
                    "event_type_id": env.ref(
                        "reboot_mediation.event_type_mediation_workshop"
                    ).id,
                    "date_begin": begin,
                    "date_end": fields.Datetime.add(begin, hours=2),
                }
            )
            registration = env["event.registration"].create(
                {
                    "event_id": workshop.id,
                    "name": name,
                    "email": f"old.{marker}@example.com",
                    "phone": "0611223344",
                    "reboot_consent": True,
                    "reboot_age_band": "quarante_cinquante_neuf",
                }
            )
            # a corrected address: the old one sits in the tracking values
            registration.email = email
            workshop.message_post(
                body=f"Appeler {name} ({email}) pour le prochain atelier",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            env["ir.attachment"].create(
                {
                    "name": f"liste_{marker}.txt",
                    "res_model": "event.event",
                    "res_id": workshop.id,
                    "raw": f"{name};{email}\n".encode(),
                    "mimetype": "text/plain",
                }
            )
            env["mail.mail"].create(
                {
                    "email_to": email,
                    "subject": "Votre atelier",
                    "body_html": f"<p>Bonjour {name}</p>",
                }
            )
            cr.commit()
            try:
                env["event.registration"]._cron_anonymise_beneficiaries()
                cr.commit()
                env["ir.attachment"]._gc_file_store_unsafe()
                cr.commit()
                dump, files = self._dump_and_files(cr.dbname)
                self.assertIn(f"Atelier {marker}".encode(), dump, "the dump is real")
                dump = dump.replace(f"Atelier {marker}".encode(), b"")
                for trace in (marker, "0611223344", "6 11 22 33 44"):
                    self.assertFalse(
                        _where(dump, trace.encode()), f"{trace} is in the database"
                    )
                    self.assertNotIn(trace.encode(), files, f"{trace} is in a file")
                registration.invalidate_recordset()
                self.assertFalse(registration.name or registration.email)
                self.assertEqual(
                    registration.reboot_age_band, "quarante_cinquante_neuf"
                )
            finally:
                registration.unlink()
                workshop.unlink()
                company.reboot_retention_days = retention
                cr.commit()
