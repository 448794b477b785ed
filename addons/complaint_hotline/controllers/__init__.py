from . import open311, portal
