from odoo import SUPERUSER_ID, fields, models

# The beneficiary's boxes of the Cerfa 16216 (article 238 bis of the general
# tax code, and for work-integration bodies the labour code's articles).
TAX_RECEIPT_QUALITIES = [
    ("general_interest", "Organisation of general interest"),
    ("public_utility", "Association or foundation recognised of public utility"),
    (
        "integration_company",
        "Work-integration company or temporary work-integration company "
        "(labour code L. 5132-5 and L. 5132-6)",
    ),
    ("intermediary_association", "Intermediary association (labour code L. 5132-7)"),
    ("integration_workshop", "Work-integration workshop (labour code L. 5132-15)"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    reboot_may_issue_tax_receipts = fields.Boolean(
        string="May issue in-kind tax receipts",
        help="The organisation is of general interest and entitled to issue "
        "Cerfa 16216 receipts for gifts in kind.",
    )
    reboot_public_cession_ceiling = fields.Monetary(
        string="Free-cession ceiling of public donors (per unit)",
        currency_field="currency_id",
        default=300.0,
        help="The State, local authorities and their public bodies may give IT "
        "equipment for free only up to this value per unit: general code of "
        "public property, articles L3212-2 3° and L3212-3; 300 € set by the decree "
        "of 6 May 2022 (La Gazette des communes, 2022-05-10). Check the current "
        "text.",
    )
    # What the Cerfa 16216 says of the beneficiary and who signs it
    reboot_tax_receipt_quality = fields.Selection(
        TAX_RECEIPT_QUALITIES,
        string="Quality of the beneficiary",
        default="general_interest",
        help="The box of the Cerfa 16216 that says why gifts to the organisation "
        "open the reduction of article 238 bis of the general tax code.",
    )
    reboot_tax_receipt_object = fields.Text(
        string="Object of the organisation",
        help="The organisation's object as its statutes say it, printed on the "
        "tax receipts.",
    )
    reboot_tax_receipt_signatory = fields.Char(
        string="Signatory of tax receipts",
        help="Name of the person who signs the tax receipts.",
    )
    reboot_tax_receipt_signatory_function = fields.Char(
        string="Quality of the signatory", help="For instance: President, Treasurer."
    )

    def _reboot_managers(self):
        """The Reboot managers who work in this company: who gets its to-dos
        (a request to schedule, a quote to review)."""
        self.ensure_one()
        # reading a group's members is an administrator's right; the caller
        # only assigns them activities
        group = self.env.ref("reboot_base.group_reboot_manager").sudo()
        return group.users.filtered(
            lambda user: not user.share
            and user.active
            and user.id != SUPERUSER_ID
            and self in user.company_ids
        ).sudo(False)
