# Jobcenter Online: `make run` serves the demo on 127.0.0.1:8000, `make test` runs every test.
SHELL := /bin/bash
UV := $(shell scripts/ensure-uv.sh)
PYTHON := $(UV) run --frozen python
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint format messages serve worker check-deploy clean

setup: .venv/.synced node_modules/.installed

# Re-install only when the lockfiles change, so the second `make run` starts at once.
.venv/.synced: pyproject.toml uv.lock
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json .venv/.synced
	$(UV) run --frozen npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: setup
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py seed_demo --base-url http://$(HOST):$(PORT)
	@echo "Starting the web server, the background worker and the hourly reminder (Ctrl+C stops all) ..."
	@trap 'kill 0' EXIT INT TERM; \
	  $(PYTHON) manage.py db_worker --interval 1 & \
	  $(PYTHON) manage.py remind_document_requests --every 3600 & \
	  $(PYTHON) manage.py runserver --noreload $(HOST):$(PORT)

test: setup
	$(UV) run --frozen pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

lint: setup
	$(UV) run --frozen ruff check .

format: setup
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

# Translations: after changing texts, `make messages`, translate in the .po files, then again.
messages: setup
	cd src/jobcenter && ../../$(PYTHON) ../../manage.py makemessages -l en --no-obsolete -e html,txt,py,css
	cd src/jobcenter && ../../$(PYTHON) ../../manage.py compilemessages

clean:
	rm -rf .venv node_modules var/test-artifacts
