# The README's commands. `make run` serves the demo; `make test` runs the suite.
# Only Python 3.11+ and make are needed: uv (pinned) installs everything else
# from uv.lock into .venv.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: run run-payments serve install demo test check format messages system-deps clean \
	bench bench-100k bench-search bench-impact bench-learning bench-studios browser-deps screenshots lighthouse \
	up lint-deploy

run: demo ## Migrate, load the demo and serve it on http://127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

run-payments: demo ## The demo with payments on, against localstripe (a fake Stripe)
	$(MANAGE) run_with_localstripe $(HOST):$(PORT)

serve: demo ## The demo served as production serves it (gunicorn, DEBUG off, WhiteNoise)
	DJANGO_SETTINGS_MODULE=market.settings.serve $(MANAGE) collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=market.settings.serve $(BIN)/gunicorn \
		-c market/gunicorn.conf.py --bind $(HOST):$(PORT)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV) ## Create .venv from the lock file (exact versions)
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

test: check browser-deps ## Lint, Django checks, then the whole test suite
	$(BIN)/pytest

# axe-core for the accessibility tests, from tools/axe's lock file, when npm is
# here (without it those tests skip, unless MARKET_REQUIRE_BROWSER is set).
browser-deps:
	@if command -v npm >/dev/null; then \
		mkdir -p $(TOOLS)/axe && cp tools/axe/package.json tools/axe/package-lock.json $(TOOLS)/axe/ && \
		npm ci --prefix $(TOOLS)/axe --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility tests will skip"; fi

screenshots: install ## Key pages of both sites at 1366 and 390 px in az, en, ru, into screenshots/
	$(BIN)/python tools/screenshots.py

lighthouse: install ## Lighthouse's four scores (mobile) for the home, a product and a course page
	mkdir -p $(TOOLS)/lighthouse && cp tools/lighthouse/package.json tools/lighthouse/package-lock.json $(TOOLS)/lighthouse/
	npm ci --prefix $(TOOLS)/lighthouse --no-audit --no-fund --loglevel=error
	$(BIN)/python tools/lighthouse.py

check: install lint-deploy ## ruff, Django's system checks, no missing migrations, deploy files linted
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Docker cannot run here: the Dockerfile (hadolint), the compose file (the
# Compose Specification's schema) and the entrypoint's syntax are checked
# instead; tests/market/ops/test_entrypoint.py runs the entrypoint itself.
lint-deploy: install ## Lint the Dockerfile, compose.yaml and deploy/entrypoint.sh
	$(BIN)/hadolint Dockerfile
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec compose.yaml
	sh -n deploy/entrypoint.sh
	bash -n deploy/entrypoint.sh
	@if command -v shellcheck >/dev/null; then shellcheck deploy/entrypoint.sh; \
	else echo "shellcheck not found (make system-deps installs it): skipped"; fi

# Every process of a deployment (Procfile: web, worker x2, scheduler) on this
# machine with honcho, against PostgreSQL and Redis, serving the demo as
# production serves it (market.settings.serve). The database is created when
# missing; release, load_demo and collectstatic run first (all idempotent).
UP_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/market_up
UP_REDIS_URL ?= rediscache://127.0.0.1:6379/2
UP_CONCURRENCY ?= web=1,worker=2,scheduler=1
UP_ENV := env DJANGO_SETTINGS_MODULE=market.settings.serve \
	DATABASE_URL='$(UP_DATABASE_URL)' REDIS_URL='$(UP_REDIS_URL)' \
	MARKET_TASKS_BACKEND=django_tasks_db.DatabaseBackend HOST='$(HOST)'
up: install ## web, workers and scheduler on http://127.0.0.1:8000 (PostgreSQL + Redis)
	@url='$(UP_DATABASE_URL)'; server=$${url%/*}; name=$${url##*/}; name=$${name%%\?*}; \
	if [ -z "$$(psql "$$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$$name'")" ]; then \
		echo "Creating the database $$name"; createdb --maintenance-db="$$server/postgres" "$$name"; fi
	$(UP_ENV) deploy/entrypoint.sh release
	$(UP_ENV) deploy/entrypoint.sh manage load_demo
	$(UP_ENV) deploy/entrypoint.sh manage collectstatic --noinput -v0
	$(UP_ENV) $(BIN)/honcho --env /dev/null start --port $(PORT) --concurrency $(UP_CONCURRENCY)

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install ## Re-extract and compile translations (needs GNU gettext)
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=.tools --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools

system-deps: ## Debian packages some tests use: chromium (browser), gettext, npm (axe-core), shellcheck (as root)
	command -v chromium >/dev/null && command -v xgettext >/dev/null && command -v npm >/dev/null \
		&& command -v shellcheck >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext shellcheck \
			$$(command -v npm >/dev/null || echo npm))

# Figures, not a test (tests/bench/search_bench.py). Each run builds its own
# database (a file in /tmp, or `market_bench` on BENCH_POSTGRES_URL) and drops
# it. With ELASTICSEARCH_URL set, the SQLite runs time Elasticsearch too (its
# figures do not depend on the SQL database). The 100,000 runs take minutes.
bench-search: install ## Search benchmark: 10,000 and 100,000 products on SQLite and PostgreSQL
	$(BIN)/python tests/bench/search_bench.py --products 10000 --database sqlite
	$(BIN)/python tests/bench/search_bench.py --products 100000 --database sqlite
	$(BIN)/python tests/bench/search_bench.py --products 10000 --database postgres \
		--postgres-url $(BENCH_POSTGRES_URL) --no-elasticsearch
	$(BIN)/python tests/bench/search_bench.py --products 100000 --database postgres \
		--postgres-url $(BENCH_POSTGRES_URL) --no-elasticsearch

clean:
	rm -rf $(VENV) $(TOOLS) db.sqlite3* media staticfiles .localstripe screenshots

bench-impact: install ## Impact dashboard: a year of 100,000 orders on PostgreSQL
	$(BIN)/python tests/bench/impact_bench.py --postgres-url $(BENCH_POSTGRES_URL)

bench-learning: install ## Kreativ Edu: 200 learners race for 50 seats (PostgreSQL and SQLite)
	$(BIN)/python tests/bench/learning_bench.py --database postgres \
		--postgres-url $(BENCH_POSTGRES_URL)
	$(BIN)/python tests/bench/learning_bench.py --database sqlite

bench-studios: install ## Studios: 30 and 100 people book one slot at once, and a quota race (PostgreSQL)
	$(BIN)/python tests/bench/studio_race_bench.py --postgres-url $(BENCH_POSTGRES_URL)

# Figures, not a test (tools/bench.py): the pages of both sites under gunicorn
# on PostgreSQL (BENCH_POSTGRES_URL) and Redis (db 9 of 127.0.0.1:6379),
# driven by wrk, with and without the page cache. BENCH_ARGS passes options:
# `make bench BENCH_ARGS="--keep"`, then `BENCH_ARGS="--reuse"` re-measures
# the kept database without building it again.
BENCH_PRODUCTS ?= 10000
BENCH_ARGS ?=
bench: install ## Page benchmark: demo + 10,000 products (BENCH_PRODUCTS), req/s, CPU, queries
	@command -v wrk >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(BIN)/python tools/bench.py --products $(BENCH_PRODUCTS) \
		--postgres-url $(BENCH_POSTGRES_URL) $(BENCH_ARGS)

bench-100k: ## The page benchmark with 100,000 products
	$(MAKE) bench BENCH_PRODUCTS=100000
