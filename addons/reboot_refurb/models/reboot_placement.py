from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RebootPlacement(models.Model):
    """A job-discovery placement (PMSMP, Cerfa 13912) of a trainee at the workshop."""

    _name = "reboot.placement"
    _description = "Trainee placement (PMSMP)"
    _inherit = ["mail.thread"]
    _check_company_auto = True
    _order = "date_start desc, id desc"

    employee_id = fields.Many2one(
        "hr.employee",
        string="Trainee",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    prescriber_id = fields.Many2one(
        "res.partner",
        string="Prescriber",
        tracking=True,
        help="France Travail, Mission locale, Cap emploi… who prescribed the "
        "placement.",
    )
    tutor_id = fields.Many2one(
        "hr.employee", string="Tutor", tracking=True, check_company=True
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    hours = fields.Float(tracking=True)
    skills_assessed = fields.Text()
    outcome = fields.Selection(
        [
            ("ongoing", "Ongoing"),
            ("employment", "Employment"),
            ("training", "Training"),
            ("job_search", "Job search"),
            ("other", "Other"),
        ],
        default="ongoing",
        tracking=True,
    )
    agreement_file = fields.Binary(string="Signed agreement", attachment=True)
    agreement_filename = fields.Char()

    @api.constrains("date_start", "date_end", "hours")
    def _check_dates(self):
        for placement in self:
            if placement.date_end < placement.date_start:
                raise ValidationError(
                    self.env._("A placement cannot end before it starts.")
                )
            if placement.hours < 0:
                raise ValidationError(self.env._("Hours cannot be negative."))
