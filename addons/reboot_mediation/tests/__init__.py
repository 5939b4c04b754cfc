from . import test_workshop
