from . import test_courier_access
from . import test_courier_concurrency
from . import test_courier_deadlines
from . import test_courier_portal
from . import test_courier_schedule
from . import test_courier_statement
from . import test_courier_strikes
from . import test_courier_ui
