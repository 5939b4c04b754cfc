from . import (
    test_allocation,
    test_commune,
    test_concurrency,
    test_facturx,
    test_other_products,
    test_portal,
    test_sale_flow,
)
