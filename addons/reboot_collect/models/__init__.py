from . import (
    ir_actions_report,
    reboot_audited_mixin,
    reboot_download_mixin,
    res_company,
    res_config_settings,
    res_partner,
    stock_move,
    stock_picking_type,
    reboot_device_type,
    reboot_pickup,
    reboot_pickup_line,
    reboot_tax_receipt,
)
