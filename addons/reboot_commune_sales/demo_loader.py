def load_demo(env):
    """Quotes and orders in every state, through the users' own steps."""
    ref = env.ref
    company = ref("base.main_company")
    if not company.chart_template:
        # Odoo loads the chart of accounts the company's country chose once
        # the whole installation is done, after the demo: its invoices need
        # the books now (the French chart for a database created in France).
        env["account.chart.template"].try_loading(False, company)
    laptop = ref("reboot_collect.device_type_laptop")
    desktop = ref("reboot_collect.device_type_desktop")
    SaleOrder = env["sale.order"]
    # Rouen: ordered, signed, delivered, invoiced; its laptops went to every
    # kind of beneficiary, its desktop is still to allocate.
    rouen = SaleOrder._reboot_create_quote_request(
        ref("reboot_commune_sales.partner_rouen_officer_demo"),
        {(laptop, "a"): 5, (desktop, "a"): 1},
        "Pour l'école Pasteur, la médiathèque et les familles suivies par le CCAS.",
        False,
        commitment_number="ENG-2026-0412",
    )
    rouen.action_quotation_sent()
    rouen.action_confirm()
    picking = rouen.picking_ids
    picking.action_assign()
    picking.move_ids.picked = True
    picking.button_validate()
    invoice = rouen._create_invoices()
    invoice.action_post()
    laptops = picking.move_line_ids.lot_id.filtered(
        lambda lot: lot.reboot_device_type_id == laptop
    ).sorted("name")
    commune = ref("reboot_commune_sales.partner_rouen_demo")
    beneficiaries = [
        {
            "beneficiary_type": "school",
            "beneficiary_name": "École élémentaire Pasteur",
        },
        {
            "beneficiary_type": "association",
            "beneficiary_name": "Secours populaire, antenne Rouen rive gauche",
        },
        {"beneficiary_type": "family", "household_ref": "CCAS-2026-0187"},
        {
            "beneficiary_type": "commune_service",
            "beneficiary_name": "Médiathèque Simone-de-Beauvoir",
        },
        {
            "beneficiary_type": "other",
            "beneficiary_name": "Mission locale de Rouen",
        },
    ]
    env["reboot.allocation"].create(
        [
            {"lot_id": lot.id, "commune_id": commune.id, **beneficiary}
            for lot, beneficiary in zip(laptops, beneficiaries, strict=True)
        ]
    )
    # Le Petit-Quevilly: quotation sent, waiting for the signature.
    quevilly = SaleOrder._reboot_create_quote_request(
        ref("reboot_commune_sales.partner_petit_quevilly_officer_demo"),
        {(laptop, "b"): 1},
        "Pour l'espace public numérique.",
        False,
    )
    quevilly.action_quotation_sent()
    # Sotteville-lès-Rouen: a fresh request to review.
    SaleOrder._reboot_create_quote_request(
        ref("reboot_commune_sales.partner_sotteville_officer_demo"),
        {(laptop, "c"): 1},
        "Pour une famille suivie par le CCAS.",
        False,
    )
    # Grand-Quevilly: a request that was cancelled.
    cancelled = SaleOrder._reboot_create_quote_request(
        ref("reboot_commune_sales.partner_grand_quevilly_officer_demo"),
        {(laptop, "b"): 1},
        "",
        False,
    )
    cancelled._action_cancel()
