from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import email_normalize
from odoo.tools.sql import escape_psql

AGE_BANDS = [
    ("under_12", "Under 12"),
    ("12_18", "12–18"),
    ("18_24", "18–24"),
    ("25_39", "25–39"),
    ("40_59", "40–59"),
    ("60_69", "60–69"),
    ("70_plus", "70 and over"),
]
STATUSES = [
    ("school", "In school"),
    ("job_seeker", "Job seeker"),
    ("employed", "Employed"),
    ("retired", "Retired"),
    ("not_given", "Not given"),
]
GENDERS = [("female", "Female"), ("male", "Male"), ("not_given", "Not given")]
AUTONOMY = [
    ("fully_helped", "Fully helped"),
    ("partly", "Partly autonomous"),
    ("autonomous", "Autonomous"),
]
PERSONAL_FIELDS = ("name", "email", "phone")


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
    reboot_age_band = fields.Selection(AGE_BANDS, string="Age band")
    reboot_status = fields.Selection(STATUSES, string="Situation", default="not_given")
    reboot_gender = fields.Selection(GENDERS, string="Gender", default="not_given")
    reboot_autonomy = fields.Selection(
        AUTONOMY, string="Autonomy reached", tracking=True
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
        self.write({"reboot_absent": True, "reboot_autonomy": False})
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
            registrations.write(
                {
                    "name": False,
                    "email": False,
                    "phone": False,
                    "partner_id": False,
                    "reboot_consent": False,
                }
            )
            allocations = registrations.allocation_id.filtered("contact_email")
            allocations.write({"contact_email": False, "contact_consent": False})
            anonymised |= registrations
        return anonymised

    @api.model
    def reboot_export_personal_data(self, email):
        """Everything kept about one person (right of access), found by the
        exact email (normalised): a managers' duty, never a search."""
        if not self.env.user.has_group("reboot_collect.group_reboot_manager"):
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
        return self.env._("Participant %(ref)s", ref=self.barcode or self.id)
