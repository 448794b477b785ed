from . import courier_outlet_statement
