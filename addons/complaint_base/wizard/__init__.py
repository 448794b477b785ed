from . import complaint_penalty_statement
from . import complaint_callback_wizard
from . import complaint_registration_wizard
from . import complaint_import
from . import complaint_api_key_wizard
from . import complaint_penalty_appeal
from . import mail_compose_message
from . import complaint_call_wizard
