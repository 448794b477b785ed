from . import test_employee_access
from . import test_employee_anonymous
from . import test_employee_blindness
from . import test_employee_deadlines
from . import test_employee_identity
from . import test_employee_report
from . import test_employee_retaliation
from . import test_employee_purge
