# Sozialraum: `make demo` and `make test` are all a newcomer needs (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
SOZIALRAUM := $(BIN)/sozialraum
CHROMIUM ?= /usr/bin/chromium
BERLIN_DATA := src/sozialraum/demo/berlin

# The first Python >= 3.12 we find: python3.12/python3.13 on PATH, else a pyenv installation
# (pyenv's shims refuse versions that are not selected, so ask each candidate to run).
PYTHON ?= $(shell for p in python3.12 python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3.12 \
	$$HOME/.pyenv/versions/3.13*/bin/python3.13; do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$p"; break; }; done)

.PHONY: help install compile-messages demo test test-postgres lint check-chromium demo-data messages clean

help:
	@echo "make demo   install everything, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   install everything and run the whole suite, browser tests included"
	@echo "make lint   ruff, mypy, makemigrations --check"

install: $(VENV)/.installed node_modules/.installed compile-messages

# Compiled catalogues (.mo) are build output, not committed; gettext's msgfmt makes them.
compile-messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "gettext is needed for the translations: apt-get install gettext"; exit 1; }
	@cd src/sozialraum && SECRET_KEY=compile ../../$(SOZIALRAUM) compilemessages --verbosity 0

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12). Install it, or run: make PYTHON=/path/to/python3.12"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end assets: apt-get install npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: install
	@mkdir -p var
	DEBUG=1 $(SOZIALRAUM) migrate --no-input
	DEBUG=1 $(SOZIALRAUM) load_demo
	@echo
	@echo "Sozialraum is running at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo "Log in at http://$(HOST):$(PORT)/de/konto/login/ with one of the demo accounts above."
	@echo "E-mails are sent by the background worker and printed here, in this terminal."
	@echo
	DEBUG=1 $(SOZIALRAUM) db_worker --no-reload --no-startup-delay & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(SOZIALRAUM) runserver $(HOST):$(PORT)

check-chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's Chromium for the browser tests (apt-get install chromium)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium"; exit 1; \
	  fi; }
	@test -x $(CHROMIUM) || { echo "Chromium is still missing at $(CHROMIUM)"; exit 1; }

test: install check-chromium
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	SECRET_KEY=lint $(BIN)/mypy
	SECRET_KEY=lint $(SOZIALRAUM) makemigrations --check --dry-run

messages: install
	cd src/sozialraum && SECRET_KEY=messages ../../$(SOZIALRAUM) makemessages -l de -l en -l ar --no-obsolete --no-location
	cd src/sozialraum && SECRET_KEY=messages ../../$(SOZIALRAUM) compilemessages

clean:
	rm -rf $(VENV) node_modules var staticfiles
