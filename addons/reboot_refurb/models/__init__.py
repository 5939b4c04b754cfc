from . import (
    reboot_settings,
    reboot_checklist_item,
    reboot_drive,
    reboot_pickup,
    reboot_placement,
    reboot_test_result,
    reboot_wipe,
    repair_order,
    res_company,
    res_partner,
    stock_lot,
    stock_move_line,
)
