from . import test_automotive_deadlines
from . import test_automotive_vehicle
from . import test_automotive_access
from . import test_automotive_conduct
from . import test_automotive_sector
from . import test_automotive_zero
from . import test_automotive_zero_api
from . import test_automotive_ui
