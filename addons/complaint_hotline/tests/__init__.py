from . import test_hotline_access
