from . import test_employee_access
