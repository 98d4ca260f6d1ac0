# The two commands: `make run` (the service on the embedded default, with demo data) and `make test` (everything).
# Both start with `make setup`, which installs only what is missing, so the second run is fast.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEBS := tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng tesseract-ocr-osd poppler-utils qpdf \
        chromium chromium-driver dovecot-imapd fonts-dejavu-core
PYTHON ?= python3
# `make run PORT=8080` (or IMMEX_WEB_PORT / IMMEX_WEB_HOST in the environment) picks where the portal listens.
HOST ?= $(or $(IMMEX_WEB_HOST),127.0.0.1)
PORT ?= $(or $(IMMEX_WEB_PORT),8000)
export IMMEX_DATA_DIR ?= $(CURDIR)/var

.PHONY: debs setup run demo test lint typecheck pytest services bench clean messages

setup: debs $(STAMP)

debs:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi


$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

services:
	@bash scripts/services.sh

# The development server speaks plain HTTP on loopback, so its session cookie cannot be marked Secure there.
RUN_ENV := IMMEX_WEB_HOST=$(HOST) IMMEX_WEB_PORT=$(PORT) IMMEX_SECURE_COOKIES=$${IMMEX_SECURE_COOKIES:-false}

run: setup
	$(RUN_ENV) $(VENV)/bin/immex db upgrade
	$(RUN_ENV) $(VENV)/bin/immex demo
	$(RUN_ENV) $(VENV)/bin/immex serve

demo: setup
	$(RUN_ENV) $(VENV)/bin/immex demo

# Extract every portal and report message into the template and merge it into each language's catalogue; new
# messages arrive untranslated (tests/unit/test_web_i18n.py lists them until both languages have a text).
BABEL := PYTHONPATH=$(CURDIR) $(VENV)/bin/pybabel
messages:
	$(BABEL) extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output --omit-header \
	  -o web/translations/messages.pot .
	$(BABEL) update -i web/translations/messages.pot -d web/translations --no-wrap \
	  --no-fuzzy-matching --ignore-obsolete

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy

pytest: setup services
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

test: setup services lint typecheck
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

bench: setup services
	$(VENV)/bin/pip install -q '.[bench]'
	for b in text ocr extraction pedimento_arrangements discharge bundle email learning bombs cli_start; do $(PY) -m benchmarks.$$b || exit 1; done

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
