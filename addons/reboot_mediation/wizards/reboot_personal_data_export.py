import base64
import json

from odoo import fields, models
from odoo.exceptions import UserError


class RebootPersonalDataExport(models.TransientModel):
    """Right of access (GDPR art. 15 and 20): everything kept about one
    beneficiary, found by email, as a JSON file to send them."""

    _name = "reboot.personal.data.export"
    _description = "Export of one person's data"

    email = fields.Char(required=True)
    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def action_export(self):
        self.ensure_one()
        email = self.email.strip().lower()
        data = self.env["event.registration"].reboot_export_personal_data(email)
        if not data:
            raise UserError(
                self.env._("Nothing is kept about %(email)s.", email=self.email)
            )
        self.write(
            {
                "file": base64.b64encode(
                    json.dumps(
                        {"email": email, "records": data}, ensure_ascii=False, indent=2
                    ).encode()
                ),
                "filename": f"donnees_personnelles_{email}.json",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{self.filename}"
            "?download=true",
            "target": "self",
        }
