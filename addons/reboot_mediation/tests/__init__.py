from . import test_anonymisation, test_coop, test_workshop
