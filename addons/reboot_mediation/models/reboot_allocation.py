from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RebootAllocation(models.Model):
    _inherit = "reboot.allocation"

    registration_ids = fields.One2many(
        "event.registration", "allocation_id", string="Workshop registrations"
    )
    accompanied = fields.Boolean(
        compute="_compute_accompanied",
        store=True,
        help="The beneficiary attended at least one digital-mediation workshop.",
    )
    contact_consent = fields.Boolean(
        string="Consent to be contacted",
        help="The beneficiary agreed to be invited by email to the workshops.",
    )
    # a beneficiary's contact: managers only (the portal writes it as superuser
    # for its commune, the invitations read it as superuser)
    contact_email = fields.Char(
        string="Invitation email", groups="reboot_base.group_reboot_manager"
    )

    @api.depends("registration_ids.state")
    def _compute_accompanied(self):
        for allocation in self:
            allocation.accompanied = any(
                r.state == "done" for r in allocation.registration_ids
            )

    @api.constrains("contact_email", "contact_consent")
    def _check_contact_consent(self):
        for allocation in self:
            if allocation.contact_email and not allocation.contact_consent:
                raise ValidationError(
                    self.env._("An email is kept only with the beneficiary's consent.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        allocations = super().create(vals_list)
        allocations._reboot_invite_first_steps()
        return allocations

    def _reboot_invite_first_steps(self):
        """Invite each beneficiary to the next first-steps workshop of its commune:
        by email when there is an address, otherwise on the mediator's call list."""
        todo = self.filtered(lambda a: not a.registration_ids and not a.accompanied)
        if not todo:
            return self.env["event.registration"]
        first_steps = self.env.ref("reboot_mediation.theme_first_steps")
        workshops = self.env["event.event"].search(
            [
                ("is_mediation_workshop", "=", True),
                ("reboot_theme_ids", "in", first_steps.ids),
                ("reboot_commune_id", "in", todo.commune_id.ids),
                ("date_begin", ">", fields.Datetime.now()),
            ],
            order="date_begin",
        )
        vals_list = []
        seats_left = {
            w: (w.seats_available if w.seats_limited else None) for w in workshops
        }
        for allocation in todo:
            workshop = next(
                (
                    w
                    for w in workshops
                    if w.reboot_commune_id == allocation.commune_id
                    and (seats_left[w] is None or seats_left[w] > 0)
                ),
                None,
            )
            if not workshop:
                continue
            if seats_left[workshop] is not None:
                seats_left[workshop] -= 1
            vals_list.append(
                {
                    "event_id": workshop.id,
                    "allocation_id": allocation.id,
                    "reboot_consent": allocation.contact_consent,
                    "email": allocation.contact_email or False,
                    "reboot_to_call": not allocation.contact_email,
                    "state": "open",
                }
            )
        # the officer's allocation invites its beneficiary: registrations are
        # written as superuser for the workshops of the allocation's commune
        registrations = (
            self.env["event.registration"]
            .sudo()
            .with_context(reboot_defer_event_mail=True)
            .create(vals_list)
        )
        template = self.env.ref("reboot_mediation.mail_template_workshop_invitation")
        for registration in registrations:
            if registration.email:
                # templates are an administrator's records; the mail goes to
                # the beneficiary who consented to it
                template.sudo().send_mail(registration.id)
            else:
                registration.event_id.activity_schedule(
                    "mail.mail_activity_data_call",
                    summary=self.env._(
                        "Invite the beneficiary of %(device)s (%(commune)s)",
                        # the serial only, for the mediator's to-do
                        device=registration.allocation_id.lot_id.sudo().name,
                        commune=registration.reboot_commune_id.name,
                    ),
                    user_id=registration.event_id.user_id.id or self.env.uid,
                )
        return registrations

    @api.model
    def _cron_invite_not_accompanied(self):
        """Daily: beneficiaries not yet accompanied get the next workshop near them."""
        return self.search([("accompanied", "=", False)])._reboot_invite_first_steps()
