from . import hotline_order_wizard
