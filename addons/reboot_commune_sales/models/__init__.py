from . import (
    account_move,
    product_pricelist_item,
    reboot_allocation,
    reboot_device_type,
    res_partner,
    sale_order,
    sale_order_line,
    stock_lot,
    stock_move,
    stock_move_line,
    stock_picking,
    stock_quant,
)
