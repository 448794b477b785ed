from . import automotive_recheck_wizard
from . import automotive_form_lost_wizard
