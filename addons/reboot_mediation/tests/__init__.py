from . import test_anonymisation, test_workshop
