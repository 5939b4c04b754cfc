def load_demo(env):
    """The demo pickups through the planners' and drivers' steps: scheduled,
    collected, received (with the counts found at the workshop) or
    cancelled."""
    ref = env.ref
    metropole, bank = (
        ref("reboot_collect.pickup_metropole_demo"),
        ref("reboot_collect.pickup_bank_demo"),
    )
    firm, firm_collected = (
        ref("reboot_collect.pickup_firm_demo"),
        ref("reboot_collect.pickup_firm_collected_demo"),
    )
    (metropole | bank | firm | firm_collected).action_schedule()
    (metropole | bank | firm_collected).action_collect()
    desktop = ref("reboot_collect.device_type_desktop")
    laptop = ref("reboot_collect.device_type_laptop")
    smartphone = ref("reboot_collect.device_type_smartphone")
    received = {desktop: 298, laptop: 202}
    for line in metropole.line_ids:
        line.qty_received = received.get(line.device_type_id, 100)
    for line in bank.line_ids:
        line.qty_received = 25 if line.device_type_id == smartphone else 40
    (metropole | bank).action_receive()
    ref("reboot_collect.pickup_cancelled_demo").action_cancel()


def issue_tax_receipt(env):
    """The bank's gift gets its tax receipt."""
    env.ref("reboot_collect.tax_receipt_bank_demo").action_issue()
