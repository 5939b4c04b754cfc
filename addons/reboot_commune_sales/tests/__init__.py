from . import test_commune
