from odoo import models

# Factur-X profile EN 16931 (the "COMFORT" profile Chorus Pro takes), instead
# of Odoo's EXTENDED guideline: what the suite writes fits the EN 16931 XSD.
FACTURX_EN16931 = "urn:cen.eu:en16931:2017"


class AccountEdiXmlCII(models.AbstractModel):
    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        vals = super()._export_invoice_vals(invoice)
        if invoice.commercial_partner_id.is_commune:
            vals["document_context_id"] = FACTURX_EN16931
            # Chorus Pro routes on the references the commune gave, never on
            # Odoo's fallbacks (the partner's internal reference for the
            # service code, the invoice's own number for the engagement).
            vals["buyer_reference"] = invoice.buyer_reference or ""
            vals["purchase_order_reference"] = invoice.purchase_order_reference or ""
        return vals

    def _export_invoice_constraints(self, invoice, vals):
        constraints = super()._export_invoice_constraints(invoice, vals)
        commune = invoice.commercial_partner_id
        if commune.is_commune:
            # Chorus Pro identifies both parties by their SIRET
            company = invoice.company_id
            if not company.siret:
                constraints["reboot_seller_siret"] = self.env._(
                    "The SIRET of %(company)s is missing (Settings > Companies): "
                    "Chorus Pro needs it on every invoice to a commune.",
                    company=company.name,
                )
            if not (commune.siret or commune.company_registry):
                constraints["reboot_buyer_siret"] = self.env._(
                    "The SIRET of %(commune)s is missing: Chorus Pro routes the "
                    "invoice on it.",
                    commune=commune.name,
                )
        return constraints
