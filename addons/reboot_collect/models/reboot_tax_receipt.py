from num2words import num2words

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.reboot_base.demo import demo_env

from .. import demo_loader

# What may still be written on an issued receipt: the reason a manager gives
# before cancelling it, and the chatter.
ISSUED_MUTABLE_FIELDS = frozenset({"cancel_reason", "message_main_attachment_id"})


def euros_in_french_words(amount):
    """1250.5 -> "mille deux cent cinquante euros et cinquante centimes", as a
    French receipt writes an amount in words ("un million d'euros")."""
    cents_total = round(amount * 100)
    units, cents = divmod(cents_total, 100)
    words = num2words(units, lang="fr")
    if words.endswith(("million", "millions", "milliard", "milliards")):
        words += " d'euros"
    else:
        words += " euro" if units <= 1 else " euros"
    if cents:
        words += f" et {num2words(cents, lang='fr')} centime{'s' if cents > 1 else ''}"
    return words


class RebootTaxReceipt(models.Model):
    _name = "reboot.tax.receipt"
    _description = "In-kind gift tax receipt (Cerfa 16216)"
    _inherit = ["portal.mixin", "mail.thread"]
    _order = "date desc, name desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    pickup_id = fields.Many2one(
        "reboot.pickup",
        string="Pickup",
        check_company=True,
        domain="[('state', '=', 'received')]",
        index="btree_not_null",
    )
    donor_id = fields.Many2one(
        "res.partner",
        string="Donor",
        required=True,
        index=True,
        check_company=True,
        compute="_compute_from_pickup",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('is_reboot_donor', '=', True)]",
    )
    donor_siren = fields.Char(
        string="Donor SIREN",
        compute="_compute_donor_siren",
        store=True,
        readonly=False,
        precompute=True,
    )
    description = fields.Text(
        string="Description of the goods",
        compute="_compute_from_pickup",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_gift = fields.Date(
        string="Date of the gift",
        compute="_compute_from_pickup",
        store=True,
        readonly=False,
        precompute=True,
    )
    date = fields.Date(string="Issue date", copy=False, tracking=True)
    declared_value = fields.Monetary(
        string="Value declared by the donor",
        tracking=True,
        help="The value the donor declares (cost price or net book value). "
        "The association records it; it never computes it.",
    )
    cancel_reason = fields.Text(tracking=True, copy=False)

    def init(self):
        # A number is used once only; drafts all wait with "/".
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS reboot_tax_receipt_number_uniq
            ON reboot_tax_receipt (company_id, name) WHERE state != 'draft'
            """
        )

    @api.depends("pickup_id")
    def _compute_from_pickup(self):
        for receipt in self:
            pickup = receipt.pickup_id
            if not pickup:
                continue
            receipt.donor_id = pickup.donor_id
            receipt.date_gift = fields.Date.to_date(pickup.scheduled_date)
            receipt.description = "\n".join(
                f"{line.qty_received} × {line.device_type_id.name}"
                for line in pickup.line_ids
                if line.qty_received
            )

    @api.depends("donor_id")
    def _compute_donor_siren(self):
        for receipt in self:
            receipt.donor_siren = receipt.donor_id._reboot_siren()

    def _reboot_amount_in_words(self):
        """The declared value in words, in the receipt's language."""
        self.ensure_one()
        lang = self.donor_id.lang or self.env.lang or ""
        if self.currency_id.name == "EUR" and lang.startswith("fr"):
            return euros_in_french_words(self.declared_value)
        return self.currency_id.with_context(lang=lang or None).amount_to_text(
            self.declared_value
        )

    def _reboot_quality_label(self):
        """The beneficiary's box of the Cerfa, in the receipt's language."""
        self.ensure_one()
        company = self.company_id.with_context(lang=self.donor_id.lang or self.env.lang)
        labels = dict(
            company._fields["reboot_tax_receipt_quality"]._description_selection(
                company.env
            )
        )
        return labels.get(company.reboot_tax_receipt_quality, "")

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for receipt in self:
            receipt.access_url = f"/my/tax_receipts/{receipt.id}"
        return result

    @api.constrains("declared_value")
    def _check_declared_value(self):
        for receipt in self:
            if receipt.declared_value < 0:
                raise ValidationError(
                    self.env._("The declared value cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            raise UserError(
                self.env._(
                    "A tax receipt is created as a draft and issued with its "
                    "“Issue” button, which gives it its number."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        # the state moves only in action_issue and action_cancel
        if "state" in vals:
            raise UserError(
                self.env._(
                    "A tax receipt is issued or cancelled with its buttons only; "
                    "a cancelled or issued receipt never goes back to draft."
                )
            )
        changed = {
            name
            for name in set(vals) - ISSUED_MUTABLE_FIELDS
            if not name.startswith(("message_", "activity_"))
        }
        if (changed and any(receipt.state != "draft" for receipt in self)) or (
            "cancel_reason" in vals and any(r.state == "cancel" for r in self)
        ):
            raise UserError(
                self.env._(
                    "An issued tax receipt cannot be changed; cancel it with a "
                    "reason and issue a new one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(receipt.state != "draft" for receipt in self):
            raise UserError(
                self.env._(
                    "Issued or cancelled tax receipts are kept: their number belongs "
                    "to the yearly sequence and cannot be deleted."
                )
            )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Tax receipt %(name)s", name=self.name)

    def action_issue(self):
        for receipt in self:
            company = receipt.company_id
            if not company.reboot_may_issue_tax_receipts:
                raise UserError(
                    self.env._(
                        "%(company)s is not set up to issue tax receipts for gifts "
                        "(Settings > Reboot).",
                        company=receipt.company_id.name,
                    )
                )
            if receipt.state != "draft":
                raise UserError(
                    self.env._(
                        "Tax receipt %(name)s is already issued or cancelled.",
                        name=receipt.name,
                    )
                )
            if receipt.declared_value <= 0:
                raise UserError(
                    self.env._(
                        "Enter the value declared by %(donor)s before issuing the "
                        "receipt.",
                        donor=receipt.donor_id.display_name,
                    )
                )
            missing = [
                label
                for label, value in (
                    (self.env._("the donor's SIREN"), receipt.donor_siren),
                    (self.env._("the description of the goods"), receipt.description),
                    (self.env._("the date of the gift"), receipt.date_gift),
                    (
                        self.env._("the object of %(company)s", company=company.name),
                        company.reboot_tax_receipt_object,
                    ),
                    (
                        self.env._("the signatory's name and quality (Settings)"),
                        company.reboot_tax_receipt_signatory
                        and company.reboot_tax_receipt_signatory_function,
                    ),
                )
                if not value
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "The tax receipt needs %(missing)s.",
                        missing=", ".join(missing),
                    )
                )
        for receipt in self.sorted(lambda r: (r.date or fields.Date.today(), r.id)):
            date = receipt.date or fields.Date.context_today(receipt)
            number = (
                self.env["ir.sequence"]
                .with_company(receipt.company_id)
                .next_by_code("reboot.tax.receipt", sequence_date=date)
            )
            super(RebootTaxReceipt, receipt).write(
                {"name": number, "date": date, "state": "issued"}
            )
        return True

    def action_cancel(self):
        for receipt in self:
            if receipt.state != "issued":
                raise UserError(self.env._("Only issued receipts can be cancelled."))
            if not (receipt.cancel_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason for cancelling %(name)s.", name=receipt.name
                    )
                )
        if not self.env.user.has_group("reboot_base.group_reboot_manager"):
            raise AccessError(self.env._("Only a manager can cancel a tax receipt."))
        super().write({"state": "cancel"})
        return True

    @api.model
    def _reboot_load_demo(self):
        """The demo's tax receipt issued (called by the demo data)."""
        return demo_loader.issue_tax_receipt(demo_env(self.env))
