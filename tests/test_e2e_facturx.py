"""The invoice PDF that the consortium sends to a commune, as Odoo produces it
on a live server (wkhtmltopdf, no test shortcut): a PDF/A-3 that embeds a
Factur-X XML of the EN 16931 profile, valid against the official XSD, with
the commune's Chorus Pro references."""

import base64
import io

import facturx
from lxml import etree
from pypdf import PdfReader


def test_the_pdf_sent_to_a_commune_is_a_facturx(users):
    manager, admin = users["manager"], users["admin"]
    rouen = admin.ref("reboot_commune_sales.partner_rouen_demo")
    [invoice] = manager.call(
        "account.move",
        "search",
        [
            ("partner_id", "=", rouen),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
        ],
        limit=1,
    )
    # what "Send & Print" does from the invoice, as the accountant
    context = dict(manager.context, active_model="account.move", active_ids=[invoice])
    wizard = manager.call(
        "account.move.send.wizard",
        "create",
        {"move_id": invoice, "sending_methods": ["manual"]},
        context=context,
    )
    manager.call(
        "account.move.send.wizard", "action_send_and_print", [wizard], context=context
    )
    [move] = manager.call("account.move", "read", [invoice], ["invoice_pdf_report_id"])
    assert move["invoice_pdf_report_id"], "no PDF was generated"
    [attachment] = manager.call(
        "ir.attachment", "read", [move["invoice_pdf_report_id"][0]], ["datas"]
    )
    pdf = base64.b64decode(attachment["datas"])

    # the embedded XML, checked against the XSD of the profile it declares
    filename, xml = facturx.get_xml_from_pdf(pdf, check_xsd=True)
    assert filename == "factur-x.xml"
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert b"<ram:BuyerReference>SERV-NUM</ram:BuyerReference>" in xml
    assert b"<ram:IssuerAssignedID>ENG-2026-0412</ram:IssuerAssignedID>" in xml
    assert b"90412873300014" in xml and b"21760540100009" in xml  # both SIRETs
    # a PDF/A-3 (the container Factur-X requires)
    xmp = PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert xmp is not None, "no XMP metadata"
    metadata = xmp.stream.get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in metadata
    # the level the PDF announces is the one its XML declares (Odoo's own
    # export says "EN 16931" here but EXTENDED in the XML)
    assert b"<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in metadata
    assert facturx.get_level(etree.fromstring(xml)) == "en16931"
