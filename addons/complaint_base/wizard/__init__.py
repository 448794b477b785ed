from . import complaint_penalty_statement
