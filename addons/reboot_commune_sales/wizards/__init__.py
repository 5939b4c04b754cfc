from . import reboot_agec_export
