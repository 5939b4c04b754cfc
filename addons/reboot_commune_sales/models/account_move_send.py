import io
import logging

from odoo import api, fields, models, tools
from odoo.tools.pdf import (
    DictionaryObject,
    NameObject,
    NumberObject,
    OdooPdfFileReader,
    OdooPdfFileWriter,
)

_logger = logging.getLogger(__name__)


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _hook_invoice_document_after_pdf_report_render(self, invoice, invoice_data):
        """A Factur-X is a PDF/A-3. Odoo embeds the XML in every invoice PDF
        but takes any PDF whose second line is a binary comment (as
        wkhtmltopdf writes it) for a PDF/A already, and so never converts it:
        the invoice of a commune is converted here when it is not one."""
        result = super()._hook_invoice_document_after_pdf_report_render(
            invoice, invoice_data
        )
        if tools.config["test_enable"] or not invoice.commercial_partner_id.is_commune:
            return result  # under tests Odoo renders no PDF
        # the PDF Odoo has just given its Factur-X (same choice as Odoo's)
        pdf_values = (
            (
                not self.env.context.get("custom_template_facturx")
                and invoice.invoice_pdf_report_id
            )
            or invoice_data.get("pdf_attachment_values")
            or invoice_data.get("proforma_pdf_attachment_values")
        )
        if pdf_values and pdf_values["raw"]:
            pdfa = self._reboot_pdfa3(invoice, pdf_values["raw"])
            if pdfa:
                pdf_values["raw"] = pdfa
        return result

    @api.model
    def _reboot_pdfa3(self, invoice, pdf):
        """The PDF as a PDF/A-3 with Odoo's Factur-X metadata, or None when it
        is one already (it has its XMP metadata) or cannot be converted."""
        reader = OdooPdfFileReader(io.BytesIO(pdf), strict=False)
        if "/Metadata" in reader.trailer["/Root"]:
            return None
        writer = OdooPdfFileWriter()
        writer.cloneReaderDocumentRoot(reader)
        root = writer._root_object
        if "/Outlines" not in root:
            # Debian's wkhtmltopdf writes no outline, which Odoo's conversion
            # expects: an empty one
            root[NameObject("/Outlines")] = writer._addObject(
                DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
            )
        try:
            writer.convert_to_pdfa()
        except Exception:  # noqa: BLE001 - the PDF still goes, as Odoo sends it
            _logger.exception("Invoice %s: no PDF/A conversion", invoice.name)
            return None
        outlines = root["/Outlines"].getObject()
        if "/First" not in outlines:
            outlines[NameObject("/Count")] = NumberObject(0)  # no item to count
        writer.add_file_metadata(
            self.env["ir.qweb"]
            ._render(
                "account_edi_ubl_cii.account_invoice_pdfa_3_facturx_metadata",
                {"title": invoice.name, "date": fields.Date.context_today(self)},
            )
            .encode()
        )
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()
