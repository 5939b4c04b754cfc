from . import (
    test_pickup,
    test_portal,
    test_tax_receipt,
    test_translations,
)
