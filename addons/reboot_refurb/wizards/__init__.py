from . import reboot_intake_wizard, reboot_state_correction, reboot_wipe_import_wizard
