from . import (
    reboot_aptic_claim,
    reboot_mediation_export,
    reboot_personal_data_export,
    reboot_workshop_series,
)
