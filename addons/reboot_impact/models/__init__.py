from . import (
    reboot_settings,
    reboot_grant,
    reboot_impact_report,
    reboot_pickup,
    res_company,
    stock_lot,
)
