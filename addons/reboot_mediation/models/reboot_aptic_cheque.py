import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RebootApticCheque(models.Model):
    """A Pass numérique (APTIC) cheque handed by a beneficiary at a workshop.

    The structure is reimbursed on a claim that lists the cheques' numbers:
    each number is recorded once, on the attendance of the person who handed
    it."""

    _name = "reboot.aptic.cheque"
    _description = "Pass numérique cheque"
    _order = "date desc, number"
    _rec_name = "number"

    number = fields.Char(
        required=True, help="The number printed on the cheque.", index="trigram"
    )
    registration_id = fields.Many2one(
        "event.registration",
        string="Attendance",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('state', '=', 'done'), "
        "('event_id.is_mediation_workshop', '=', True)]",
    )
    event_id = fields.Many2one(
        related="registration_id.event_id", store=True, index=True, string="Workshop"
    )
    date = fields.Date(compute="_compute_date", store=True, index=True)
    company_id = fields.Many2one(
        related="registration_id.event_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    value = fields.Monetary(
        string="Face value",
        default=10.0,
        help="The value printed on the cheque (10 € for most Pass numérique cheques).",
    )

    _sql_constraints = [
        (
            "number_uniq",
            "unique(number, company_id)",
            "This cheque number is already recorded.",
        ),
        ("value_positive", "CHECK(value > 0)", "A cheque has a positive value."),
    ]

    @api.depends("event_id.date_begin", "event_id.date_tz")
    def _compute_date(self):
        for cheque in self:
            workshop = cheque.event_id
            cheque.date = (
                workshop.date_begin
                and fields.Datetime.context_timestamp(
                    workshop.with_context(tz=workshop.date_tz), workshop.date_begin
                ).date()
            )

    @api.model
    def _normalise_number(self, number):
        return re.sub(r"\s+", "", number or "").upper()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "number" in vals:
                vals["number"] = self._normalise_number(vals["number"])
        return super().create(vals_list)

    def write(self, vals):
        if "number" in vals:
            vals = dict(vals, number=self._normalise_number(vals["number"]))
        return super().write(vals)

    @api.constrains("number", "registration_id")
    def _check_attendance(self):
        for cheque in self:
            if not cheque.number:
                raise ValidationError(self.env._("A cheque needs its number."))
            registration = cheque.registration_id
            if (
                not registration.event_id.is_mediation_workshop
                or registration.state != "done"
            ):
                raise ValidationError(
                    self.env._(
                        "Cheque %(number)s: a Pass numérique cheque is recorded on "
                        "the attendance of a person present at a workshop.",
                        number=cheque.number,
                    )
                )
