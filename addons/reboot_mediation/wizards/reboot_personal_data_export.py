import json

from odoo import fields, models
from odoo.exceptions import UserError


class RebootPersonalDataExport(models.TransientModel):
    """Right of access (GDPR art. 15 and 20): everything kept about one
    beneficiary, found by email, as a JSON file to send them."""

    _name = "reboot.personal.data.export"
    _inherit = ["reboot.download.mixin"]
    _description = "Export of one person's data"

    email = fields.Char(required=True)

    def action_export(self):
        self.ensure_one()
        email = self.email.strip().lower()
        data = self.env["event.registration"].reboot_export_personal_data(email)
        if not data:
            raise UserError(
                self.env._("Nothing is kept about %(email)s.", email=self.email)
            )
        content = json.dumps(
            {"email": email, "records": data}, ensure_ascii=False, indent=2
        ).encode()
        return self._reboot_download(content, f"donnees_personnelles_{email}.json")
