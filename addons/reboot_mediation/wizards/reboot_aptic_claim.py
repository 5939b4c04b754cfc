from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

COLUMNS = ["numero", "date", "atelier", "code_insee", "valeur"]


class RebootApticClaim(models.TransientModel):
    """The list of the Pass numérique cheques received over a period, for the
    reimbursement claim: one row per cheque, then the total."""

    _name = "reboot.aptic.claim"
    _inherit = ["reboot.period.export.mixin"]
    _description = "Pass numérique reimbursement claim"

    def _cheques(self):
        self.ensure_one()
        return self.env["reboot.aptic.cheque"].search(
            [
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("company_id", "in", self.env.companies.ids),
            ],
            order="date, number",
        )

    def _rows(self, cheques):
        rows = [
            {
                "numero": cheque.number,
                "date": fields.Date.to_string(cheque.date),
                "atelier": cheque.event_id.name,
                "code_insee": cheque.event_id.reboot_commune_id.insee_code or "",
                "valeur": cheque.value,
            }
            for cheque in cheques
        ]
        rows.append(
            {
                "numero": self.env._("Total: %(count)s cheques", count=len(cheques)),
                "date": "",
                "atelier": "",
                "code_insee": "",
                "valeur": sum(cheques.mapped("value")),
            }
        )
        return rows

    def action_export(self):
        self.ensure_one()
        cheques = self._cheques()
        if not cheques:
            raise UserError(
                self.env._(
                    "No Pass numérique cheque was received between %(start)s and "
                    "%(end)s.",
                    start=format_date(self.env, self.date_from),
                    end=format_date(self.env, self.date_to),
                )
            )
        return self._reboot_download_table(
            COLUMNS, self._rows(cheques), "pass_numerique"
        )
