from . import hr_contract
