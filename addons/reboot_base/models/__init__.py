from . import (
    ir_actions_report,
    product_product,
    reboot_audited_mixin,
    reboot_device_type,
    reboot_job,
    reboot_download_mixin,
    reboot_settings,
)
