# The portal's commands. Quick start: `make run` (serve with data) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test ci lint format setup install translations data static browser nginx clean

run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production: gunicorn, DJANGO_DEBUG=0, collected static files, migrations applied, the report loaded.
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (docs/deployment.md); WEB_CONCURRENCY sets the workers.
serve: export DJANGO_DEBUG = 0
serve: install
	$(PY) manage.py check --deploy --fail-level ERROR
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_report
	HOST=$(HOST) PORT=$(PORT) exec $(BIN)/gunicorn --config credit_portal/gunicorn.conf.py

test: setup browser nginx
	$(PY) -m pytest $(PYTEST_ARGS)

# Lint, then the suite on the database DATABASE_URL names (.ci/run does SQLite and PostgreSQL).
ci: lint test

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Everything a fresh clone needs before it can serve or test.
setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_report

install: $(STAMP) translations

# The .mo catalogs are built, not committed; compiled in pure Python (polib), so GNU gettext is not needed.
translations: $(STAMP)
	$(PY) manage.py compile_translations --verbosity 0

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "The portal needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) -V 2>&1)." \
	    "Install a newer Python, or name one: make run PYTHON=python3.12" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

# Browser tests drive Debian's Chromium; install it when missing and we may (root + apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing: browser tests will be skipped (install it: apt-get install chromium)"; \
	  fi; }

# The proxy configuration's test parses docs/nginx.conf with `nginx -t`; install Debian's nginx-light when missing.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's nginx-light to check docs/nginx.conf…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	  else \
	    echo "nginx is missing: the nginx configuration test will be skipped (install it: apt-get install nginx-light)"; \
	  fi; }

clean:
	rm -rf $(VENV) staticfiles portal.sqlite3 .pytest_cache .ruff_cache
