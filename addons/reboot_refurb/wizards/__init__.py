from . import (
    reboot_hardware_import_wizard,
    reboot_intake_wizard,
    reboot_state_correction,
    reboot_wipe_import_wizard,
)
