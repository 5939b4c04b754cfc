"""French everywhere a user looks on the demo database: the history its
stories left (chatter, activities), the suite's locations, and (in
test_e2e_screens and test_e2e_phone) every page the tests open."""

from french import english, text_of

# the records of the suite, by model: (model, domain)
SUITE_RECORDS = [
    ("reboot.pickup", []),
    ("reboot.tax.receipt", []),
    ("reboot.allocation", []),
    ("reboot.wipe", []),
    ("reboot.grant", []),
    ("stock.lot", [("reboot_device_type_id", "!=", False)]),
    # not the cancelled orders: the concurrency tests (test_concurrency.py)
    # commit theirs in the same database, in English, and cancel them
    (
        "sale.order",
        [
            ("partner_id.commercial_partner_id.is_commune", "=", True),
            ("state", "!=", "cancel"),
        ],
    ),
    (
        "stock.picking",
        [
            ("sale_id.partner_id.commercial_partner_id.is_commune", "=", True),
            ("sale_id.state", "!=", "cancel"),
        ],
    ),
    ("account.move", [("partner_id.commercial_partner_id.is_commune", "=", True)]),
    ("event.event", [("is_mediation_workshop", "=", True)]),
    ("event.registration", [("event_id.is_mediation_workshop", "=", True)]),
]


def test_demo_history_reads_in_french(server, users):
    """What the demo's stories left, not what the other tests did since."""
    admin = users["admin"]  # reads every message, notifications included
    found = {}
    for model, domain in SUITE_RECORDS:
        ids = admin.call(model, "search", domain)
        assert ids or model == "reboot.grant", f"the demo has no {model}"
        messages = admin.call(
            "mail.message",
            "search_read",
            [
                ("model", "=", model),
                ("res_id", "in", ids),
                ("id", "<=", server.demo_history_end),
            ],
            ["body", "subject"],
        )
        activities = admin.call(
            "mail.activity",
            "search_read",
            [
                ("res_model", "=", model),
                ("res_id", "in", ids),
                ("create_date", "<=", server.started_at),
            ],
            ["summary", "note"],
        )
        for text in [
            text_of(m["body"]) + " " + (m["subject"] or "") for m in messages
        ] + [(a["summary"] or "") + " " + text_of(a["note"]) for a in activities]:
            if english(text):
                found.setdefault(model, []).append(text.strip()[:120])
    assert not found, f"English left in the demo's history: {found}"


def test_the_suites_locations_are_named_in_french(users):
    """The triage location, made while the suite installs (in English), is
    named in the administrator's language."""
    warehouses = users["admin"].call(
        "stock.warehouse", "search_read", [], ["reboot_triage_loc_id"]
    )
    names = [w["reboot_triage_loc_id"][1] for w in warehouses]
    assert names and all(name.endswith("/À trier") for name in names), names
