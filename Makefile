# Peksos: `make run` serves the demo, `make test` runs every check. Both set up what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# Links, QR codes and e-mails carry SITE_URL: in the demo it is the address being served.
DEMO_ENV := SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} DEBUG=$${DEBUG:-1}
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock requirements-dev.lock | sha1sum | cut -c1-12)

.PHONY: run test lint bench soak faults setup messages demo-totp clean

setup: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Peksos needs Python 3.11 or newer."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: install python3-venv (apt-get install python3-venv)."; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock -r requirements-dev.lock
	@rm -f $(VENV)/.installed-* && touch $@

run: setup
	@scripts/system-packages run
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/"
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Tests run in parallel, one worker per core (pytest-xdist); PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= auto
# SKIP_LINT=1: CI's second run (PostgreSQL) tests the same tree the first run already linted.
test: setup $(if $(SKIP_LINT),,lint)
	@scripts/system-packages test
	@# pytest exits 5 when it collected no test: that is a failure here, not a pass.
	@$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$rc

bench: setup
	DEBUG=0 SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} \
	  PEKSOS_SIGNING_SECRET=bench-only-signing-secret-9876543210-zyxwvutsrqponmlkjihgfedcba \
	  $(BIN)/python -m bench.run $(BENCH_ARGS)

soak: setup
	DEBUG=0 SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} \
	  PEKSOS_SIGNING_SECRET=bench-only-signing-secret-9876543210-zyxwvutsrqponmlkjihgfedcba \
	  $(BIN)/python -m bench.soak $(SOAK_ARGS)

# The fault suite (faults/run.py): nginx, two app servers, its own PostgreSQL and Redis; not part of
# `make test`. FAULTS_ARGS=--quick for a short run.
faults: setup
	$(BIN)/python -m faults.run $(FAULTS_ARGS)

messages: setup
	@for app in core regions accounts credentials registry certification licensing accreditation practice ethics assemblies verifiers portal reports; do \
	  (cd $$app && ../$(BIN)/django-admin makemessages -l id -l en --no-obsolete >/dev/null) ; done
	@(cd config && ../$(BIN)/django-admin makemessages -l id -l en --no-obsolete >/dev/null)
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv >/dev/null

demo-totp: setup
	@DEBUG=1 $(BIN)/python manage.py demo_totp

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var staticfiles
