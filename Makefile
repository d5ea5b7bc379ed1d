# Two commands: `make run` sets everything up and serves the archive;
# `make test` sets everything up and runs the whole suite. Both are idempotent.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup deps dev-deps db browser lint format serve clean-db bench bench-deps cluster-test backup restore

run: deps db
	$(MANAGE) ensure_demo_editor --site http://$(HOST):$(PORT)
	@echo "Serving the archive at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

# The bench's tests (tests/bench/) need its peers too: bench-deps.
test: dev-deps bench-deps db browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

setup: deps db

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed; installing Debian's python3-venv"; \
	  rm -rf $(VENV); apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run pip only when the pinned requirements change.
$(VENV)/.deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.deps

$(VENV)/.bench-deps: requirements.txt requirements-bench.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@ $(VENV)/.deps

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps
bench-deps: $(VENV)/.bench-deps

# Starts the embedded PostgreSQL (or uses DATABASE_URL), migrates, loads the seeds.
db:
	$(MANAGE) migrate --no-input
	$(MANAGE) load_seeds

# Browser tests drive Debian's Chromium. Installed with apt where apt is available;
# elsewhere the browser tests skip with a message (or fail under REQUIRE_BROWSER=1).
browser:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && \
	  { echo "Installing Debian's chromium for the browser tests"; \
	    apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq chromium; }; } ; } || \
	  echo "No /usr/bin/chromium and no apt-get: browser tests will be skipped"

lint: dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-style serving: gunicorn (gunicorn.conf.py), DEBUG off, static files from whitenoise.
# Needs SECRET_KEY (50+ random characters) and ALLOWED_HOSTS in the environment; WEB_CONCURRENCY
# sets the workers. HTTPS is assumed (README "Security headers"): SECURE_SSL_REDIRECT=false to try
# it over plain HTTP on loopback, TRUSTED_PROXIES=127.0.0.1 behind a local nginx.
serve: deps db
	DEBUG=false $(MANAGE) collectstatic --no-input
	DEBUG=false HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py

clean-db:
	rm -rf var/postgres

# The whole database in pg_dump's custom format, to var/backups/archive-<UTC time>.dump
# (README "Backup and restore"); `make restore FILE=...` reads one back, in one transaction.
backup: deps
	$(MANAGE) backup

restore: deps
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/archive-....dump"; exit 2; }
	$(MANAGE) restore "$(FILE)"

# The multi-server deployment on this machine (deploy/, README "Running on real hosts"):
# PostgreSQL 15 primary and hot standby, PgBouncer, Redis, two gunicorn app servers and
# nginx, from Debian's packages (installed by the script), all on loopback. Starts it all,
# runs tests_cluster/ (locust for the load) and stops it all, even when a test fails.
cluster-test: dev-deps bench-deps
	deploy/cluster.sh test

# The benchmark (bench/, docs/PERFORMANCE.md): a synthetic corpus in its own database,
# measured in process beside its SQL floor and Datasette, then under gunicorn with locust.
# Quick run: make bench BENCH_ARTICLES=2000 BENCH_DURATION=10 BENCH_FLAGS="--requests 50"
BENCH_ARTICLES ?= 100000
BENCH_SEED ?= 1
# Another size gets another database (archive_bench_2000), so a quick run never replaces the full corpus.
BENCH_DB ?= archive_bench$(if $(filter 100000,$(BENCH_ARTICLES)),,_$(BENCH_ARTICLES))
BENCH_FLAGS ?=

bench: export ARCHIVE_DB_NAME = $(BENCH_DB)
bench: bench-deps
	deploy/cluster.sh install
	$(MANAGE) migrate --no-input
	$(MANAGE) synthesize --articles $(BENCH_ARTICLES) --seed $(BENCH_SEED) --reuse
	$(MANAGE) check_facets
	DEBUG=false SECRET_KEY=$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')} $(MANAGE) collectstatic --no-input -v 0
	$(BIN)/python bench/run.py $(BENCH_FLAGS)
	$(BIN)/python bench/import_scaling.py
