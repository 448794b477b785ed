from . import test_complaint
from . import test_complaint_validation
from . import test_complaint_access
from . import test_complaint_plugins
from . import test_complaint_settings
from . import test_complaint_ui
from . import test_complaint_deadlines
from . import test_complaint_escalation
