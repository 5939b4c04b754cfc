from . import (
    reboot_settings,
    event_event,
    event_registration,
    event_type,
    reboot_allocation,
    reboot_aptic_cheque,
    reboot_mediation_theme,
    res_company,
    res_users,
)
