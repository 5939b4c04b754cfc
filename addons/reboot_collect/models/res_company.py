from odoo import SUPERUSER_ID, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    reboot_may_issue_tax_receipts = fields.Boolean(
        string="May issue in-kind tax receipts",
        help="The organisation is of general interest and entitled to issue "
        "Cerfa 16216 receipts for gifts in kind.",
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
