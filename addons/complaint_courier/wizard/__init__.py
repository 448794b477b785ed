from . import courier_outlet_statement
from . import complaint_registration_wizard
