from . import test_contract_watch
