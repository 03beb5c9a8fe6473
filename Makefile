# Two commands for a newcomer: `make run` and `make test`. Both are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DATA := data/oic-member-states.yaml data/53-45-pol.yaml data/56-46-pol.yaml

.PHONY: run dev test setup install migrate load messages static lint check clean

# Re-install only when the dependency list changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

load: migrate
	$(BIN)/python manage.py load_resolution $(DATA)

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

static: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

# The set-up's three independent parts run side by side (each is mostly one process on one
# core): the database (migrate, then load), the message catalogues, the static files.
setup: install
	@$(MAKE) --no-print-directory -j3 --output-sync=target load messages static

# Production settings (debug off), served over plain HTTP on this machine: DJANGO_HTTPS=false
# turns off the SSL redirect, Secure cookies and HSTS that a real deployment behind TLS keeps.
run: setup
	$(BIN)/python manage.py ensure_demo_user
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DJANGO_HTTPS=false $(BIN)/gunicorn tracker.wsgi:application --bind $(HOST):$(PORT) \
		--workers 2 --access-logfile -

# Development: Django's debug pages and auto-reload.
dev: setup
	$(BIN)/python manage.py ensure_demo_user
	DJANGO_DEBUG=true DJANGO_HTTPS=false $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs on every CPU core (pytest-xdist): each worker has its own test database (SQLite
# in memory, loaded once; on PostgreSQL test_<name>_gw0, _gw1…, copies of one seeded template
# that the first worker builds: tests/db_template.py). PYTEST_WORKERS=0: one process.
# It first does `make run`'s set-up (install, migrate, load the data files, static files,
# catalogues), so that after `make test` the same checkout also serves at once.
PYTEST_WORKERS ?= auto
test: setup
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# ruff (lint and format), mypy (the core, see [tool.mypy] in pyproject.toml), and the import layers
# (domain <- workflow <- surfaces, no cycle between parts): their one home is
# tests/test_architecture.py (grimp), run here on its own, with no database.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 0 -p no:randomly tests/test_architecture.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-output

# UN-scale benchmark (minutes: it generates 400,000 status updates on SQLite and PostgreSQL,
# serves them with 2 gunicorn workers and measures). Results: docs/benchmarks.md.
.PHONY: bench
bench: install
	$(BIN)/python -m benchmarks run $(BENCH_ARGS)
	$(MAKE) setup
	$(BIN)/python -m benchmarks.pdf --write  # report PDFs: first render and cached (53/45-POL)
	# #11: queries per page the same at 1x, 10x and 100x the seed (too slow to build for the suite)
	$(BIN)/python -m pytest -n 0 -p no:cacheprovider -s benchmarks/test_queries_100x.py
