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
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: run run-payments install demo test check format messages system-deps clean

run: demo ## Migrate, load the demo and serve it on http://127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

run-payments: demo ## The demo with payments on, against localstripe (a fake Stripe)
	$(MANAGE) run_with_localstripe $(HOST):$(PORT)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV) ## Create .venv from the lock file (exact versions)
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

test: check ## Lint, Django checks, then the whole test suite
	$(BIN)/pytest

check: install ## ruff, Django's system checks, no missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install ## Re-extract and compile translations (needs GNU gettext)
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=.tools
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools

system-deps: ## Debian packages some tests use: chromium (browser), gettext (as root)
	command -v chromium >/dev/null && command -v xgettext >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext)

clean:
	rm -rf $(VENV) $(TOOLS) db.sqlite3* media staticfiles .localstripe
