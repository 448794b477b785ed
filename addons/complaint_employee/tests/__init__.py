from . import test_employee_access
from . import test_employee_deadlines
