from . import complaint_team
from . import complaint_clock_kind
from . import res_company
from . import res_config_settings
from . import automotive_vehicle
from . import automotive_script
from . import complaint_complaint
from . import complaint_penalty
