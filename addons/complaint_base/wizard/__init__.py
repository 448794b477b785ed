from . import complaint_penalty_statement
from . import complaint_callback_wizard
