import io
import json
from unittest.mock import patch

import openpyxl
import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.reboot_base.tests.common import perform_jobs

from .test_impact import ImpactData


@tagged("post_install", "-at_install")
class TestDocumentJobs(ImpactData, TransactionCase):
    """The funder workbook and the donor dossier above the job threshold: a
    background job, its progress, the file attached and the person who asked
    notified; a failed job says why and leaves nothing behind."""

    def setUp(self):
        super().setUp()
        # the job writes its progress with a cursor of its own: in a test,
        # the test's own transaction
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)

    def _threshold(self, value):
        self.env["ir.config_parameter"].sudo().set_param(
            "reboot_base.job_threshold", str(value)
        )

    def _funder_job(self, user=None):
        """The funder workbook of the donor asked as a job (their 6 devices
        pass the threshold), queued: the report, the job, queue_job's trap."""
        self._threshold(5)
        report = self._report(donor_id=self.donor.id)
        with trap_jobs() as trap:
            action = report.with_user(user or self.env.user).action_funder_xlsx()
        self.assertEqual(action["res_model"], "reboot.job")
        return report, self.env["reboot.job"].browse(action["res_id"]), trap

    def _progress_seen(self):
        """Record every progress the job reports."""
        seen = []
        original = type(self.env["reboot.job"])._reboot_set_progress

        def spy(job, percent, state=None):
            seen.append(percent)
            return original(job, percent, state=state)

        return seen, patch.object(
            type(self.env["reboot.job"]), "_reboot_set_progress", spy
        )

    def _job_writes(self):
        """Record the cursor of every write of a job."""
        cursors = []
        original = type(self.env["reboot.job"]).write

        def spy(jobs, vals):
            cursors.append(jobs.env.cr)
            return original(jobs, vals)

        return cursors, patch.object(type(self.env["reboot.job"]), "write", spy)

    def _notifications(self, partner):
        self.env.cr.precommit.run()  # the bus writes its notifications then
        return (
            self.env["bus.bus"]
            .sudo()
            .search([])
            .filtered(
                lambda n: json.loads(n.channel)[1:] == ["res.partner", partner.id]
            )
        )

    def test_small_document_stays_immediate(self):
        report = self._report(donor_id=self.donor.id)
        with trap_jobs() as trap:
            action = report.action_funder_xlsx()
        trap.assert_jobs_count(0)
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(report.file)

    def test_funder_workbook_as_a_job(self):
        report, job, trap = self._funder_job(self.manager)
        trap.assert_jobs_count(1)
        self.assertEqual(
            (job.state, job.size, job.user_id), ("queued", 6, self.manager)
        )
        self.assertFalse(report.file, "nothing is made inside the request")
        seen, spy = self._progress_seen()
        before = self._notifications(self.manager.partner_id)
        writes, write_spy = self._job_writes()
        with spy, write_spy:
            trap.perform_enqueued_jobs()
            self.assertEqual(job.state, "started", "done once the work committed")
            self.env.cr.postcommit.run()  # the work's transaction commits
        self.assertEqual(job.state, "done")
        # The job's record is written by transactions of its own only: in
        # production, the work's transaction writing the row after the
        # progress did fails ("could not serialize access", REPEATABLE READ).
        self.assertTrue(writes)
        self.assertNotIn(self.env.cr, writes)
        self.assertEqual(job.progress, 100)
        self.assertFalse(job.values, "the wizard's values are not kept")
        self.assertEqual(seen[0], 0, "the job says it started")
        self.assertIn(99, seen, "the device sheet reports its progress")
        # the same workbook as the one downloaded at once
        book = openpyxl.load_workbook(io.BytesIO(job.attachment_id.raw))
        devices = list(book["Devices"].iter_rows(values_only=True))
        self.assertEqual(len(devices), 1 + 6 + 1)
        self.assertEqual(devices[-1][7], 162.0)
        self.assertTrue(job.attachment_id.name.startswith("rapport_financeur_"))
        # the person who asked: a message in their inbox with the file, and a
        # notification on screen
        message = job.message_ids.filtered(
            lambda m: job.attachment_id in m.attachment_ids
        )
        self.assertIn(self.manager.partner_id, message.partner_ids)
        notifications = [
            json.loads(n.message)
            for n in (self._notifications(self.manager.partner_id) - before).sorted()
        ]
        self.assertIn("simple_notification", [n["type"] for n in notifications])
        # the job's page, if open, follows each step and the end
        news = [
            n["payload"] for n in notifications if n["type"] == "reboot.job/progress"
        ]
        self.assertEqual(news[0], {"id": job.id, "progress": 0, "state": "started"})
        self.assertEqual(news[-1], {"id": job.id, "progress": 100, "state": "done"})
        self.assertEqual([n["progress"] for n in news], seen + [100])
        self.assertEqual(
            job.with_user(self.manager).action_open_result()["type"],
            "ir.actions.act_url",
        )

    def test_donor_dossier_as_a_job_reports_each_part(self):
        self._threshold(50)  # 6 devices, a page each: weighs 60 rows
        report = self._report(donor_id=self.donor.id)
        with trap_jobs() as trap:
            action = report.action_donor_dossier()
        job = self.env["reboot.job"].browse(action["res_id"])
        seen, spy = self._progress_seen()
        with (
            spy,
            patch.object(
                type(self.env["ir.actions.report"]),
                "_reboot_pdf_in_one_run",
                lambda self_, ref, ids: b"%PDF-1.4 stub",
            ),
            patch(
                "odoo.addons.reboot_impact.models.reboot_impact_report.merged_pdf",
                lambda parts: b"".join(pdf for _title, pdf in parts),
            ),
        ):
            perform_jobs(self.env, trap)
        self.assertEqual(job.state, "done")
        sections = len(report._donor_dossier_sections())
        # a progress per part of the dossier, then done
        self.assertEqual(
            [p for p in seen if p],
            [int(100 * i / sections) for i in range(1, sections)] + [99],
        )
        self.assertEqual(job.attachment_id.raw, b"%PDF-1.4 stub" * sections)

    def test_failed_job_says_why_and_leaves_nothing(self):
        _report, job, trap = self._funder_job()
        partners = self.env["res.partner"].search_count([])

        reason = "Le modèle de rapport est introuvable."

        def broken(report_):
            # half-done work, then an error the person can act on
            self.env["res.partner"].create({"name": "Half-written"})
            raise UserError(reason)

        writes, write_spy = self._job_writes()
        with patch.object(type(self.Report), "_funder_xlsx", broken), write_spy:
            perform_jobs(self.env, trap)
        self.assertNotIn(self.env.cr, writes, "written apart from the work")
        self.assertEqual(job.state, "failed")
        self.assertEqual(job.error, "Le modèle de rapport est introuvable.")
        self.assertFalse(job.attachment_id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        told = job.message_ids.filtered("partner_ids")  # not the tracking
        self.assertIn("introuvable", told.body)
        last = json.loads(self._notifications(self.env.user.partner_id)[-1:].message)
        self.assertEqual(last["type"], "reboot.job/progress")
        self.assertEqual(last["payload"]["state"], "failed")

    def test_unexpected_error_fails_the_job_and_reaches_queue_job(self):
        _report, job, trap = self._funder_job()
        # not Odoo's assertRaises, which rolls back what the block wrote: the
        # job's failure is written by a cursor of its own, that outlives the
        # job's rolled back transaction (here the test's, in test mode)
        raised = None
        with (
            patch.object(type(self.Report), "_funder_xlsx", lambda r: 1 / 0),
            self.assertLogs("odoo.addons.reboot_base.models.reboot_job", "ERROR"),
        ):
            try:
                perform_jobs(self.env, trap)
            except ZeroDivisionError as error:
                raised = error
        self.assertTrue(raised, "queue_job gets the error, and its traceback")
        self.assertEqual(job.state, "failed")
        self.assertIn("nothing was changed", job.error)

    def test_a_concurrent_update_is_retried_not_failed(self):
        """The work met a concurrent transaction: queue_job retries the job
        (it gets the error), which stays started, nothing written."""
        _report, job, trap = self._funder_job()

        def conflict(report_):
            self.env["res.partner"].create({"name": "Half-written"})
            raise psycopg2.errors.SerializationFailure(
                "could not serialize access due to concurrent update"
            )

        partners = self.env["res.partner"].search_count([])
        raised = None
        with patch.object(type(self.Report), "_funder_xlsx", conflict):
            try:
                perform_jobs(self.env, trap)
            except psycopg2.errors.SerializationFailure as error:
                raised = error
        self.assertTrue(raised, "queue_job gets the error and retries")
        self.assertEqual(job.state, "started")
        self.assertFalse(job.error)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        # queue_job's retry: the job runs again, and is done
        job._reboot_run()
        self.env.cr.postcommit.run()
        self.assertEqual(job.state, "done")

    def test_jobs_are_private_and_run_only_their_work(self):
        _report, job, _trap = self._funder_job(self.manager)
        other = new_test_user(
            self.env, login="job_other", groups="reboot_base.group_reboot_manager"
        )
        self.assertFalse(
            self.env["reboot.job"].with_user(other).search([("id", "=", job.id)]),
            "another person does not see the job",
        )
        self.assertEqual(self.env["reboot.job"].with_user(self.manager).search([]), job)
        with self.assertRaises(AccessError):
            job.with_user(self.manager).write({"method": "unlink"})
        with self.assertRaises(AccessError):
            self.env["reboot.job"].with_user(self.manager).create(
                {"name": "x", "res_model": "res.users", "method": "unlink"}
            )
        # a job whose work is not a declared job method does not run
        job.sudo().method = "_funder_xlsx"
        with self.assertRaises(AccessError):
            job.with_user(self.manager)._reboot_run()
