# Danube Cities Knowledge Hub. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# The project's own Python packages.
CODE := site home practices meetings resources search tests bench scripts

.DEFAULT_GOAL := help
.PHONY: help run test services opensearch browsers install lint format lock messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

run: install ## Set up everything (venv, database, demo content, admin) and serve on 127.0.0.1:$PORT
	@mkdir -p var
	$(MANAGE) compile_translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) sync_roles
	$(MANAGE) ensure_local_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: lint ## Lint, then run the whole test suite (SQLite by default; honours DATABASE_URL/SEARCH_URL)
	DJANGO_SETTINGS_MODULE=dcaht.settings.test $(MANAGE) makemigrations --check --dry-run
	$(MANAGE) compile_translations
	$(BIN)/pytest

services: ## Install (first time) and start PostgreSQL and Redis on 127.0.0.1
	bash scripts/services.sh up

opensearch: ## Fetch (first time) and start a single-node OpenSearch on 127.0.0.1:9200
	bash scripts/opensearch.sh start

browsers: ## Install (first time, with apt-get) Debian's Chromium for the end-to-end tests, and Java for the HTML checker
	bash scripts/browsers.sh

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@mkdir -p var
	@touch $@

lint: install ## Check formatting, lint rules and the layers' import contract (pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@# Wagtail's .public() reads one language's restrictions; a page's are every language's.
	@! grep -rn --include='*.py' '\.public()' $(CODE) || { echo "Use dcaht.privacy.public(pages), not .public()"; exit 1; }

format: install ## Format the code and apply safe lint fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: ## Re-resolve the lock files from pyproject.toml (needs uv: pip install uv)
	uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -q -o requirements.lock
	uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes -q -c requirements.lock -o requirements-dev.lock

messages: install ## Update the interface catalogues from the code (needs GNU gettext's xgettext)
	$(MANAGE) makemessages --no-obsolete --no-location $(foreach l,de sl es ru ro bg hu hr sr sk cs uk,-l $(l)) \
		--ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --ignore "bench/*" --ignore "home/demo/*"
	$(MANAGE) compile_translations

clean: ## Remove the virtualenv and local data (database, media, static)
	rm -rf $(VENV) var
