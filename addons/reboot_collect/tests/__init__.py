from . import (
    test_device_type,
    test_pickup,
    test_portal,
    test_spreadsheet,
    test_tax_receipt,
    test_translations,
)
