from . import grievance
