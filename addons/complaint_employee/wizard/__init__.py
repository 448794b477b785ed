from . import complaint_employee_receipt_verify
