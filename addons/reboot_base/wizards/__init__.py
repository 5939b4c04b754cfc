from . import reboot_proof_delete
