from . import test_hotline_access
from . import test_hotline_intake
from . import test_hotline_dispatch
from . import test_hotline_supervision
from . import test_hotline_assessment
from . import test_hotline_open311
from . import test_hotline_scale
