from . import automotive_recheck_wizard
