# Jobcenter Online: `make run` serves the demo on 127.0.0.1:8000, `make test` runs every test.
SHELL := /bin/bash
UV := $(abspath $(shell scripts/ensure-uv.sh))
PYTHON := $(UV) run --frozen python
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint audit format messages serve worker check-deploy clean

setup: .venv/.synced node_modules/.installed

# Re-install only when the lockfiles change, so the second `make run` starts at once.
.venv/.synced: pyproject.toml uv.lock
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json .venv/.synced
	$(UV) run --frozen npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The demo runs the production process kinds: gunicorn (sync workers; WhiteNoise serves the
# static files; its configuration file is production's), the background worker (at a lower CPU
# priority, WORKER_NICE) and the periodic commands, supervised: one that dies is started again
# (scripts/supervise.py). WEB_WORKERS sizes the web server: one process per core, which served
# most on one box with the database on the same cores (docs/PERFORMANCE.md).
WEB_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# The demo logs citizens in with the demo BundID (SAML, accounts/demo_idp/saml_idp.py) when
# Debian's xmlsec1 is there to sign and check the messages.
run: export SAML_ENABLED ?= $(if $(shell command -v xmlsec1),true,false)
run: setup
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py seed_demo --base-url http://$(HOST):$(PORT)
	@echo "Starting the web server (gunicorn), the background worker and the periodic jobs (Ctrl+C stops all) ..."
	@# A demo clamd (test signatures only) when clamd is installed, so uploads are scanned end to end.
	@eval "$$(scripts/demo-clamd.sh start)"; trap 'scripts/demo-clamd.sh stop' EXIT; \
	$(PYTHON) scripts/supervise.py \
	  --service web "{python} -m gunicorn -c src/jobcenter/config/gunicorn.py \
	    jobcenter.config.wsgi:application --pythonpath src \
	    -b $(HOST):$(PORT) -w $(WEB_WORKERS)" \
	  --service worker "{python} manage.py db_worker --interval 1" \
	  --every remind 3600 "{python} manage.py remind_document_requests" \
	  --every flag-decisions 3600 "{python} manage.py flag_unretrieved_decisions" \
	  --every sweep-jobs 300 "{python} manage.py sweep_submission_jobs" \
	  --every sweep-handover 300 "{python} manage.py sweep_handover" \
	  --every sweep-uploads 300 "{python} manage.py sweep_uploads" \
	  --every drafts 86400 "{python} manage.py delete_expired_drafts" \
	  --every statistics 86400 "{python} manage.py build_statistics"

test: setup
	$(UV) run --frozen pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports

# Security audit: bandit over the application (every finding fixed or justified with `# nosec`
# and a reason) and pip-audit over the locked dependencies (docs/SECURITY.md).
audit: setup
	$(UV) run --frozen bandit -q -r src scripts
	scripts/audit-deps.sh

format: setup
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

# Translations: after changing texts, `make messages`, translate in the .po files, then again.
# Every language of settings.LANGUAGES but German (the source); tests/i18n checks both lists.
MESSAGE_LANGUAGES := en uk ar tr ru
messages: setup
	cd src/jobcenter && $(PYTHON) ../../manage.py makemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) --no-obsolete -e html,txt,py,css
	cd src/jobcenter && $(PYTHON) ../../manage.py compilemessages

clean:
	rm -rf .venv node_modules var/test-artifacts
