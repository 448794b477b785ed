from . import portal
from . import intake
from . import api
from . import rating
from . import uploads
