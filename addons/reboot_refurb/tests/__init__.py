from . import (
    test_bench,
    test_cost,
    test_device,
    test_hardware,
    test_intake,
    test_integrity,
    test_labels,
    test_wipe,
)
from . import test_fuzz
