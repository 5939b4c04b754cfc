# Reboot Ecosystème – Odoo 18.0 suite
ODOO_PATH ?= /opt/odoo18
VENV ?= .venv
PYTHON ?= python3
DB ?= reboot
PORT ?= 8069
export ODOO_PATH VENV PYTHON

.PHONY: help setup test odoo-tests upgrade-test run lint bench load

help:
	@echo "make run    serve the demo database '$(DB)' on http://localhost:$(PORT)"
	@echo "make test   fresh database, every addon installed, every test run"
	@echo "make lint   ruff and pylint-odoo's mandatory checks"
	@echo "make odoo-tests  Odoo's own tests of stock, sale, repair, event... with the suite installed"
	@echo "make upgrade-test  the previous release's demo database upgrades to this checkout, nothing lost"
	@echo "make bench  the benchmark at scale (QUICK=1 for a 1/10 smoke run)"
	@echo "make load   the production profile under 20 commune officers and 2 managers (loopback)"

setup:
	@bash scripts/bootstrap.sh

test: setup
	@bash scripts/test.sh

odoo-tests: setup
	@bash scripts/odoo_tests.sh

upgrade-test: setup
	@bash scripts/upgrade_test.sh

run: setup
	@DB=$(DB) PORT=$(PORT) bash scripts/run.sh

lint: setup
	@bash scripts/lint.sh

bench: setup
	@bash scripts/bench.sh

load: setup
	@bash scripts/load.sh
