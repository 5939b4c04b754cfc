from . import reboot_tax_receipt_register
