from . import (
    reboot_grant,
    reboot_impact_report,
    reboot_pickup,
    res_company,
    res_config_settings,
    stock_lot,
)
