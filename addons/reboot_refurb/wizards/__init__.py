from . import reboot_intake_wizard, reboot_wipe_import_wizard
