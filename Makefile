# Kerjasama: the README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint venv messages clean bench

run: $(STAMP)  ## create the environment, load national master data and the demo, serve on http://127.0.0.1:8000 with a task worker
	$(BIN)/kerjasama setup
	$(BIN)/kerjasama serve --host $(HOST) --port $(PORT)

setup: $(STAMP)
	$(BIN)/kerjasama setup

test: $(STAMP)  ## the whole test suite (DB=postgres for PostgreSQL)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

messages: $(STAMP)  ## refresh and compile the Indonesian translations (needs GNU gettext)
	cd src/kerjasama && ../../$(BIN)/kerjasama manage makemessages -l id --no-obsolete --ignore "*/tests/*" --ignore "rulebook/*" --ignore "*/domain/*"
	$(BIN)/python -m kerjasama.core.i18n_compile

bench: $(STAMP)
	@for b in bench/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache test-artifacts
