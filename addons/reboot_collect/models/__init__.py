from . import (
    reboot_settings,
    res_company,
    res_partner,
    stock_move,
    stock_picking_type,
    stock_warehouse,
    reboot_pickup,
    reboot_pickup_line,
    reboot_tax_receipt,
)
