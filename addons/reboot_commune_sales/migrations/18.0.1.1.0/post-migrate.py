"""18.0.1.1.0: commune invoices carry their Chorus Pro references in Odoo's
own fields (l10n_fr_facturx_chorus_pro), which its Factur-X export reads: the
service code in `buyer_reference` (BT-10), the engagement number in
`purchase_order_reference` (BT-13). The suite's own columns are copied there
and dropped. A commune's 14-digit registry number is its SIRET: it goes to
l10n_fr's `siret` where that is empty."""

from odoo.tools.sql import column_exists

MOVED = {
    "reboot_chorus_service_code": "buyer_reference",
    "reboot_commitment_number": "purchase_order_reference",
}


def migrate(cr, version):
    if not version:
        return
    for old, new in MOVED.items():
        if not column_exists(cr, "account_move", old):
            continue
        cr.execute(
            f"""
            UPDATE account_move SET {new} = {old}
             WHERE {old} IS NOT NULL AND {old} != ''
               AND ({new} IS NULL OR {new} = '')
            """  # noqa: S608 - the column names are the constants above
        )
        cr.execute(f"ALTER TABLE account_move DROP COLUMN {old}")
    cr.execute(
        """
        UPDATE res_partner
           SET siret = regexp_replace(company_registry, '\\s', '', 'g')
         WHERE is_commune
           AND (siret IS NULL OR siret = '')
           AND regexp_replace(company_registry, '\\s', '', 'g') ~ '^[0-9]{14}$'
        """
    )
