from . import reboot_tax_receipt_register
from . import reboot_proof_delete
