from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RebootGrant(models.Model):
    """A subsidy (e.g. the Métropole's 82,000 € over two years) and what was
    attributed to it through its analytic account."""

    _name = "reboot.grant"
    _description = "Grant"
    _inherit = ["mail.thread"]
    _check_company_auto = True
    _order = "date_from desc"

    name = fields.Char(required=True, tracking=True)
    funder_id = fields.Many2one(
        "res.partner", string="Funder", required=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic account",
        check_company=True,
        help="Revenues and costs attributed to the grant are posted on this account.",
    )
    revenue = fields.Monetary(compute="_compute_attributed")
    costs = fields.Monetary(compute="_compute_attributed")

    @api.constrains("date_from", "date_to", "amount")
    def _check_period(self):
        for grant in self:
            if grant.date_to < grant.date_from or grant.amount < 0:
                raise ValidationError(
                    self.env._("A grant needs a positive amount and a valid period.")
                )

    def _compute_attributed(self):
        for grant in self:
            revenue = costs = 0.0
            if grant.analytic_account_id:
                for (amount,) in self.env["account.analytic.line"]._read_group(
                    [
                        ("account_id", "=", grant.analytic_account_id.id),
                        ("date", ">=", grant.date_from),
                        ("date", "<=", grant.date_to),
                        ("amount", ">", 0),
                    ],
                    [],
                    ["amount:sum"],
                ):
                    revenue = amount or 0.0
                for (amount,) in self.env["account.analytic.line"]._read_group(
                    [
                        ("account_id", "=", grant.analytic_account_id.id),
                        ("date", ">=", grant.date_from),
                        ("date", "<=", grant.date_to),
                        ("amount", "<", 0),
                    ],
                    [],
                    ["amount:sum"],
                ):
                    costs = -(amount or 0.0)
            grant.revenue = revenue
            grant.costs = costs
