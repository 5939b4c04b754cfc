import json
import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import email_normalize, format_datetime
from odoo.tools.sql import escape_psql

from odoo.addons.reboot_base.demo import demo_env

from .. import demo_loader
from ..coop import AGE_BANDS, AUTONOMY, GENDERS, NOT_GIVEN, REDIRECTIONS, STATUSES

PERSONAL_FIELDS = ("name", "email", "phone")
# marks the software's own writes of the anonymous reference (a Python object:
# no client can send it)
_ASSIGN_REFERENCE = object()


def _redact(value, traces):
    """`value` with every trace replaced (case-insensitive), markup kept."""
    text = str(value)
    for trace in sorted(traces, key=len, reverse=True):
        text = re.sub(re.escape(trace), "[…]", text, flags=re.IGNORECASE)
    return Markup(text) if isinstance(value, Markup) else text


class EventRegistration(models.Model):
    _inherit = "event.registration"

    allocation_id = fields.Many2one(
        "reboot.allocation",
        string="Device received",
        index="btree_not_null",
        help="The refurbished device the beneficiary received.",
    )
    reboot_commune_id = fields.Many2one(
        "res.partner",
        string="Commune",
        compute="_compute_reboot_commune_id",
        store=True,
        readonly=False,
        domain="[('is_commune', '=', True)]",
    )
    reboot_consent = fields.Boolean(
        string="Consent to keep name and contact",
        tracking=True,
        help="The beneficiary agreed that their name and contact details are kept.",
    )
    reboot_consent_date = fields.Date(string="Consent date")
    reboot_reference = fields.Char(
        string="Anonymous reference",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Names the beneficiary on the attendance sheet when they gave no "
        "consent to keep their name.",
    )
    reboot_age_band = fields.Selection(AGE_BANDS, string="Age band", default=NOT_GIVEN)
    reboot_status = fields.Selection(STATUSES, string="Situation", default=NOT_GIVEN)
    reboot_gender = fields.Selection(GENDERS, string="Gender", default=NOT_GIVEN)
    reboot_autonomy = fields.Selection(
        AUTONOMY, string="Autonomy reached", tracking=True
    )
    reboot_redirection = fields.Selection(
        REDIRECTIONS,
        string="Redirected to",
        help="Where the mediator sent the beneficiary next, if anywhere.",
    )
    reboot_aptic_cheque_ids = fields.One2many(
        "reboot.aptic.cheque", "registration_id", string="Pass numérique cheques"
    )
    reboot_absent = fields.Boolean(string="Absent", tracking=True)
    reboot_to_call = fields.Boolean(
        string="To call",
        help="Invited without an email address: the mediator calls (through the "
        "commune) to confirm.",
    )

    @api.depends("allocation_id", "event_id.reboot_commune_id")
    def _compute_reboot_commune_id(self):
        for registration in self:
            registration.reboot_commune_id = (
                registration.allocation_id.commune_id
                or registration.event_id.reboot_commune_id
            )

    @api.constrains("reboot_consent", "name", "email", "phone", "partner_id")
    def _check_reboot_consent(self):
        """GDPR: a private person's name and contact are kept only with consent."""
        for registration in self:
            if (
                not registration.event_id.is_mediation_workshop
                or registration.reboot_consent
            ):
                continue
            if registration.partner_id or any(
                registration[field] for field in PERSONAL_FIELDS
            ):
                raise ValidationError(
                    self.env._(
                        "Record the beneficiary's consent before keeping their name "
                        "or contact details (%(workshop)s).",
                        workshop=registration.event_id.display_name,
                    )
                )

    @api.constrains("state", "reboot_absent", "reboot_autonomy")
    def _check_reboot_attendance(self):
        """Attendance is what happened: present or absent only once the
        workshop has started, present with the autonomy level reached."""
        now = fields.Datetime.now()
        for registration in self.filtered("event_id.is_mediation_workshop"):
            workshop = registration.event_id
            marked = registration.state == "done" or registration.reboot_absent
            if marked and workshop.date_begin > now:
                raise ValidationError(
                    self.env._(
                        "%(person)s: attendance is recorded once the workshop has "
                        "started (%(workshop)s starts on %(start)s).",
                        person=registration._reboot_label(),
                        workshop=workshop.name,
                        start=format_datetime(
                            self.env, workshop.date_begin, tz=workshop.date_tz
                        ),
                    )
                )
            if registration.state == "done" and not registration.reboot_autonomy:
                raise ValidationError(
                    self.env._(
                        "%(person)s: record the autonomy level reached before "
                        "marking them present.",
                        person=registration._reboot_label(),
                    )
                )
            if registration.state != "done" and registration.reboot_aptic_cheque_ids:
                raise ValidationError(
                    self.env._(
                        "%(person)s handed Pass numérique cheques: only a person "
                        "present hands cheques. Remove the cheques first.",
                        person=registration._reboot_label(),
                    )
                )

    def _reboot_check_reference_vals(self, vals):
        if (
            "reboot_reference" in vals
            and self.env.context.get("reboot_assign_reference") is not _ASSIGN_REFERENCE
        ):
            raise UserError(
                self.env._(
                    "The anonymous reference of a participant is given by the "
                    "software: it cannot be typed in or changed."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._reboot_check_reference_vals(vals)
        registrations = super().create(vals_list)
        workshops = registrations.filtered(
            lambda r: r.event_id.is_mediation_workshop and not r.reboot_reference
        )
        workshops._reboot_assign_references()
        return registrations

    def write(self, vals):
        self._reboot_check_reference_vals(vals)
        return super().write(vals)

    def _reboot_assign_references(self):
        # the references' counter (a technical record, any mediator draws from it)
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "reboot.mediation.participant")], limit=1)
        )
        for registration in self.with_context(
            reboot_assign_reference=_ASSIGN_REFERENCE
        ):
            registration.reboot_reference = sequence._next()

    @api.onchange("reboot_consent")
    def _onchange_reboot_consent(self):
        if self.reboot_consent and not self.reboot_consent_date:
            self.reboot_consent_date = fields.Date.context_today(self)
        if not self.reboot_consent:
            self.update(dict.fromkeys(PERSONAL_FIELDS, False) | {"partner_id": False})

    def _update_mail_schedulers(self):
        """Odoo runs the "after registration" mails of new registrations at
        once, committing as it goes. Invitations created inside a larger
        operation (an allocation from the portal, all or nothing) must stay in
        its transaction: their mails go through the scheduler's cron instead."""
        if self.env.context.get("reboot_defer_event_mail"):
            self.env.ref("event.event_mail_scheduler")._trigger()
            return
        return super()._update_mail_schedulers()

    def action_reboot_attended(self):
        self.write({"reboot_absent": False})
        self.action_set_done()
        return True

    def action_reboot_absent(self):
        self.write(
            {
                "reboot_absent": True,
                "reboot_autonomy": False,
                "reboot_redirection": False,
            }
        )
        self.action_cancel()
        return True

    def action_reboot_reset_attendance(self):
        """Undo a click on Attended or Absent: the person is registered again."""
        self.write({"reboot_absent": False})
        self.action_confirm()
        return True

    @api.model
    def _cron_anonymise_beneficiaries(self):
        """GDPR: erase names and contacts of beneficiaries whose last workshop is
        older than the retention setting; the anonymous profile stays."""
        anonymised = self.browse()
        for company in self.env["res.company"].search([]):
            days = company.reboot_retention_days
            if days <= 0:
                continue
            limit = fields.Datetime.subtract(fields.Datetime.now(), days=days)
            registrations = self.with_context(active_test=False).search(
                [
                    ("event_id.is_mediation_workshop", "=", True),
                    ("event_id.company_id", "in", [company.id, False]),
                    ("event_id.date_end", "<", limit),
                    "|",
                    "|",
                    "|",
                    ("name", "!=", False),
                    ("email", "!=", False),
                    ("phone", "!=", False),
                    ("partner_id", "!=", False),
                ]
            )
            # an email left at an allocation that never led to a registration
            # is kept no longer than a registration's
            stale = self.env["reboot.allocation"].search(
                [
                    ("contact_email", "!=", False),
                    ("company_id", "in", [company.id, False]),
                    ("date", "<", fields.Date.to_date(limit)),
                ]
            )
            registrations._reboot_erase_personal_data(
                registrations.allocation_id.filtered("contact_email") | stale
            )
            anonymised |= registrations
        return anonymised

    def _reboot_erase_personal_data(self, allocations):
        """Erase the name and contacts of these registrations (and the email of
        `allocations`), and every copy of them the database kept: the tracked
        old values, chatter messages and their mails, queued mails and
        attachments of the workshops, registrations and allocations concerned.
        The anonymous profile (age band, situation, autonomy) stays."""
        # Superuser: a retention job erases what no user may see any more.
        registrations = self.sudo()
        allocations = allocations.sudo()
        traces = {
            value.strip()
            for record in registrations
            for value in (record.name, record.email, record.phone, record.company_name)
            if value and len(value.strip()) >= 3
        } | {a.contact_email for a in allocations}
        # and what the person's fields held before (a corrected address), from
        # the tracking values, which only administrators read
        for tracked in (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "event.registration"),
                    ("mail_message_id.res_id", "in", registrations.ids),
                    ("field_id.name", "in", ["name", "email", "phone", "company_name"]),
                ]
            )
        ):
            traces |= {
                value.strip()
                for value in (tracked.old_value_char, tracked.new_value_char)
                if value and len(value.strip()) >= 3
            }
        documents = [
            ("event.registration", registrations.ids),
            ("event.event", registrations.event_id.ids),
            ("reboot.allocation", (allocations | registrations.allocation_id).ids),
        ]
        # the erasing write itself tracks nothing
        quiet = {"tracking_disable": True, "mail_notrack": True}
        registrations.with_context(**quiet).write(
            {
                "name": False,
                "email": False,
                "phone": False,
                "company_name": False,
                "partner_id": False,
                "reboot_consent": False,
            }
        )
        allocations.with_context(**quiet).write(
            {"contact_email": False, "contact_consent": False}
        )
        if traces:
            self._reboot_erase_traces(traces, documents)

    @api.model
    def _reboot_erase_traces(self, traces, documents):
        """Remove `traces` (names, emails, phones) from what the mail and
        attachment machinery kept about `documents` [(model, ids)]."""
        env = self.env(su=True)
        registration_ids = dict(documents)["event.registration"]

        def on_documents(model_field="model"):
            return expression.OR(
                [
                    [(model_field, "=", model), ("res_id", "in", ids)]
                    for model, ids in documents
                ]
            )

        def mentioning(*fields):
            return expression.OR(
                [[(field, "ilike", escape_psql(t))] for t in traces for field in fields]
            )

        # The registration's own chatter is about the person only (its mails,
        # their tracked old values): it goes, mails and tracking values with it.
        env["mail.message"].search(
            [("model", "=", "event.registration"), ("res_id", "in", registration_ids)]
        ).unlink()
        # On the workshops and allocations, what mentions the person is redacted.
        redacted = ("body", "subject", "email_from", "record_name")
        messages = env["mail.message"].search(
            expression.AND([on_documents(), mentioning(*redacted)])
        )
        # mails, queued or kept, to or about the person
        env["mail.mail"].search(
            expression.OR(
                [[("mail_message_id", "in", messages.ids)], mentioning("email_to")]
            )
        ).unlink()
        for message in messages:
            message.write(
                {
                    field: _redact(message[field], traces)
                    for field in redacted
                    if message[field]
                }
            )
        # files attached to the person's registration, and any attachment of
        # the workshops or allocations that names them
        env["ir.attachment"].search(
            expression.OR(
                [
                    [
                        ("res_model", "=", "event.registration"),
                        ("res_id", "in", registration_ids),
                    ],
                    expression.AND(
                        [
                            on_documents("res_model"),
                            mentioning("name", "index_content", "description"),
                        ]
                    ),
                ]
            )
        ).unlink()
        # to-dos about the person
        env["mail.activity"].search(
            expression.AND([on_documents("res_model"), mentioning("summary", "note")])
        ).unlink()
        # the live notifications the chatter sent (the bus keeps them a while),
        # also as JSON, where accents are escaped
        traces = traces | {json.dumps(t)[1:-1] for t in traces}
        env["bus.bus"].search(mentioning("message")).unlink()

    @api.model
    def reboot_export_personal_data(self, email):
        """Everything kept about one person (right of access), found by the
        exact email (normalised): a managers' duty, never a search."""
        if not self.env.user.has_group("reboot_base.group_reboot_manager"):
            raise AccessError(
                self.env._("Only a manager exports a person's personal data.")
            )
        email = email_normalize(email or "")
        if not email:
            return []
        # "ilike" with % and _ escaped finds the candidates; the normalised
        # comparison keeps only this person's address
        registrations = (
            self.with_context(active_test=False)
            .search(
                [
                    ("event_id.is_mediation_workshop", "=", True),
                    ("email", "ilike", escape_psql(email)),
                ]
            )
            .filtered(lambda r: email_normalize(r.email or "") == email)
        )
        allocations = (
            self.env["reboot.allocation"]
            .search([("contact_email", "ilike", escape_psql(email))])
            .filtered(lambda a: email_normalize(a.contact_email or "") == email)
        )
        return [
            {
                "workshop": r.event_id.name,
                "date": fields.Datetime.to_string(r.event_id.date_begin),
                "name": r.name or "",
                "email": r.email or "",
                "phone": r.phone or "",
                "consent": r.reboot_consent,
                "consent_date": fields.Date.to_string(r.reboot_consent_date) or "",
                "age_band": r.reboot_age_band or "",
                "status": r.reboot_status or "",
                "attended": r.state == "done",
            }
            for r in registrations
        ] + [
            {
                # the serial of the device the person received (a manager's
                # export; devices may sit in another company)
                "allocation": a.lot_id.sudo().name,
                "commune": a.commune_id.name,
                "date": fields.Date.to_string(a.date),
                "email": a.contact_email,
            }
            for a in allocations
        ]

    def _reboot_label(self):
        """What the attendance sheet shows: a name only with consent."""
        self.ensure_one()
        if self.reboot_consent and self.name:
            return self.name
        return self.reboot_reference or self.env._("Participant")

    @api.model
    def _reboot_load_demo(self):
        """The demo workshops' attendance and invitations (called by the demo
        data)."""
        return demo_loader.load_demo(demo_env(self.env))
