import functools
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

_logger = logging.getLogger(__name__)

# Above this many items (devices, rows, communes...), a document or an import
# runs as a background job; the system parameter reboot_base.job_threshold
# changes it.
JOB_THRESHOLD = 2000


class RebootJob(models.Model):
    """Work that outlasts a request: a funder workbook, a donor dossier, the
    AGEC statements of every commune, a large import. The person who asked
    sees it here with its progress, may leave the page, and is notified when
    it is done (the file attached, or the records it made) or why it failed:
    a failed job leaves nothing half-done.

    It runs on OCA's queue_job: `_reboot_run` is the job. The work itself is a
    method of a wizard (a transient record), created again in the job from
    the values the person chose."""

    _name = "reboot.job"
    _inherit = ["mail.thread"]
    _description = "Background job"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Asked by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [
            ("queued", "Waiting"),
            ("started", "In progress"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        required=True,
        readonly=True,
        default="queued",
        tracking=True,
    )
    progress = fields.Integer(readonly=True, help="Percentage of the work done.")
    size = fields.Integer(readonly=True, help="How many items the job handles.")
    res_model = fields.Char(required=True, readonly=True)
    values = fields.Json(readonly=True)
    method = fields.Char(required=True, readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True)
    result_model = fields.Char(readonly=True)
    result_ids = fields.Json(readonly=True)
    result_count = fields.Integer(readonly=True)
    error = fields.Text(readonly=True)
    date_done = fields.Datetime(string="Finished on", readonly=True)

    # Starting -----------------------------------------------------------------

    @api.model
    def _reboot_threshold(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("reboot_base.job_threshold")
        )
        try:
            return int(value) if value else JOB_THRESHOLD
        except ValueError:
            return JOB_THRESHOLD

    @api.model
    def _reboot_start(self, wizard, method, name, size):
        """Queue `wizard.<method>()` as a job named `name`; the action that
        shows it to the person who asked."""
        wizard.ensure_one()
        # users read their jobs, the job alone writes them (sudo); the work
        # runs with the rights of the person who asked
        job = self.sudo().create(
            {
                "name": name,
                "user_id": self.env.uid,
                "company_id": self.env.company.id,
                "res_model": wizard._name,
                "values": wizard._reboot_job_values(),
                "method": method,
                "size": size,
            }
        )
        job.with_user(self.env.user).with_delay(description=name)._reboot_run()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Background job"),
            "res_model": self._name,
            "res_id": job.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # Running ------------------------------------------------------------------

    def _reboot_run(self):
        """The job: run the wizard's method, keep its result, notify.

        Errors the person can act on (a wrong file, a wrong state) fail the
        job with their message; anything else fails it too and is logged and
        raised for queue_job to keep the traceback. Either way, the work is
        rolled back to nothing: it runs inside a savepoint. A conflict with a
        concurrent transaction is not a failure: queue_job retries the job.

        The job's own record is written only by short transactions of their
        own (`_reboot_set_progress`, `_reboot_finish`), never by the work's:
        a row the work's transaction wrote after another transaction did
        would fail it ("could not serialize access due to concurrent update",
        REPEATABLE READ), and with it the work."""
        self.ensure_one()
        if self.state not in ("queued", "started"):
            return
        Wizard = self.env[self.res_model]
        if self.method not in getattr(Wizard, "_reboot_job_methods", ()):
            raise AccessError(
                f"{self.res_model}.{self.method} is not a background job's work"
            )
        self._reboot_set_progress(0, state="started")
        try:
            with self.env.cr.savepoint():
                wizard = Wizard.with_context(reboot_job_id=self.id).create(
                    self.values or {}
                )
                result = getattr(wizard, self.method)()
        except (UserError, ValidationError, AccessError) as error:
            self._reboot_fail(error.args[0] if error.args else str(error))
            return
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            # a concurrent transaction (a person editing the same records):
            # queue_job runs the job again a moment later; it stays started
            raise
        except Exception:
            _logger.exception("Background job %s (%s) failed", self.id, self.name)
            self._reboot_fail(
                self.env._(
                    "An unexpected error stopped the job; nothing was changed. "
                    "The administrator finds the details in the server's log "
                    "(job %(id)s).",
                    id=self.id,
                )
            )
            raise
        self._reboot_done(result)

    def _reboot_done(self, result):
        """Keep the result; the job is done once the work's transaction has
        committed (what it made is then there for everyone)."""
        # the wizard's values (a whole intake file, maybe) are no longer needed
        values = {
            "state": "done",
            "progress": 100,
            "date_done": fields.Datetime.now(),
            "values": False,
        }
        if isinstance(result, models.BaseModel):
            values.update(
                result_model=result._name,
                result_ids=result.ids,
                result_count=len(result),
            )
        elif result:
            content, filename = result
            # committed with the work
            values["attachment_id"] = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": filename,
                        "raw": content,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                )
                .id
            )
        self.env.cr.postcommit.add(
            functools.partial(self._reboot_finish, values, "success")
        )

    def _reboot_fail(self, reason):
        """Mark the job failed with `reason` and tell the person who asked, at
        once: the work's transaction is rolled back (to its savepoint, or
        whole by queue_job)."""
        self._reboot_finish(
            {
                "state": "failed",
                "error": reason,
                "date_done": fields.Datetime.now(),
                "values": False,
            },
            "danger",
        )

    def _reboot_finish(self, values, kind):
        """Write the job's end and tell the person who asked, in a transaction
        of its own."""
        with self.env.registry.cursor() as cr:
            job = self.with_env(self.env(cr=cr)).sudo()
            job.write(values)
            job._reboot_tell(job._reboot_end_message(), kind, job.attachment_id)
        self.invalidate_recordset()

    def _reboot_end_message(self):
        if self.state == "failed":
            return self.env._(
                "%(name)s failed: %(reason)s", name=self.name, reason=self.error
            )
        if self.attachment_id:
            return self.env._(
                "%(name)s is ready: %(file)s is attached.",
                name=self.name,
                file=self.attachment_id.name,
            )
        return self.env._(
            "%(name)s is done: %(count)s records.",
            name=self.name,
            count=self.result_count,
        )

    def _reboot_tell(self, message, kind, attachments=None):
        """`message` in the job's chatter, in the inbox of the person who
        asked (with the file), and on their screen if they are online."""
        self.message_post(
            body=message,
            attachment_ids=attachments.ids if attachments else [],
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        self.user_id._bus_send(
            "simple_notification",
            {"type": kind, "title": self.name, "message": message, "sticky": True},
        )
        self._reboot_send_progress(self.progress, self.state)

    def _reboot_send_progress(self, progress, state):
        """Tell the job's page, open in the browser of the person who asked,
        to show the progress (the reboot_job_progress field reloads it)."""
        self.sudo().user_id._bus_send(
            "reboot.job/progress",
            {"id": self.id, "progress": progress, "state": state},
        )

    def _reboot_set_progress(self, percent, state=None):
        """Write the job's progress with a cursor of its own, committed at
        once, so that the person who asked sees it while the job runs."""
        with self.env.registry.cursor() as cr:
            if state:
                cr.execute(
                    "UPDATE reboot_job SET progress = %s, state = %s WHERE id = %s",
                    (percent, state, self.id),
                )
            else:
                cr.execute(
                    "UPDATE reboot_job SET progress = %s WHERE id = %s",
                    (percent, self.id),
                )
            self.with_env(self.env(cr=cr))._reboot_send_progress(
                percent, state or "started"
            )
        self.invalidate_recordset(["progress", "state"])

    @api.model
    def _reboot_progress(self, done, total):
        """Report `done` of `total` items to the job running this work, if
        any (the wizard's methods call it; without a job it does nothing).
        Written every 5 % at most."""
        job_id = self.env.context.get("reboot_job_id")
        if not job_id or not total:
            return
        percent = min(99, int(100 * done / total))
        step = max(1, total // 20)
        if done % step == 0 or done == total:
            self.browse(job_id)._reboot_set_progress(percent)

    # Showing the result ---------------------------------------------------------

    def action_open_result(self):
        self.ensure_one()
        if self.attachment_id:
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self.attachment_id.id}?download=true",
                "target": "self",
            }
        if not self.result_model:
            raise UserError(self.env._("This job has no result (yet)."))
        return (
            self.env[self.result_model]
            .browse(self.result_ids or [])
            .exists()
            ._get_records_action(name=self.name)
        )


class RebootJobWizard(models.AbstractModel):
    """What a wizard needs to run its work in the background."""

    _name = "reboot.job.wizard.mixin"
    _description = "Work that may run in the background"

    # the methods a job may run on this wizard
    _reboot_job_methods = ()

    def _reboot_job_values(self):
        """The values to create this wizard again in the job: what the person
        chose. Read-only fields are what the work makes (a file to download,
        the records imported): not copied."""
        self.ensure_one()
        values = {}
        for name, field in self._fields.items():
            if (
                not field.store
                or field.automatic
                or field.readonly
                or field.type == "one2many"
            ):
                continue
            value = self[name]
            if field.type == "binary":
                value = value.decode() if isinstance(value, bytes) else value
            elif field.type == "many2one":
                value = value.id
            elif field.type == "many2many":
                value = value.ids
            elif field.type in ("date", "datetime"):
                value = field.to_string(value) if value else False
            values[name] = value
        return values

    def _reboot_in_background(self, method, name, size, weight=1):
        """Run `self.<method>()` as a background job named `name` when `size`
        items (devices, rows...), each weighing `weight` rows of a
        spreadsheet, pass the job threshold; the action that shows the job,
        or None: the caller then runs it at once. The method returns
        (content, filename) for a document, or the records it made."""
        self.ensure_one()
        Job = self.env["reboot.job"]
        if self.env.context.get("reboot_job_id") or size * weight <= (
            Job._reboot_threshold()
        ):
            return None
        return Job._reboot_start(self, method, name, size)
