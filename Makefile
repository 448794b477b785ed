# The two commands of the project: `make run` and `make test`.
.PHONY: run test test-pure lint

run:            ## serve Odoo with every addon and demo data at http://localhost:8069
	bash scripts/run.sh

test:           ## pure tests + the whole Odoo suite on a fresh database
	bash scripts/test.sh

test-pure:      ## only the tests that need no Odoo
	.venv/bin/python -m pytest -q tests

lint:
	.venv/bin/python -m ruff check addons tests bench && .venv/bin/python -m ruff format --check addons tests bench
