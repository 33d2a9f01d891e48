# Editors' entry points. `make translate build` is the main job; `make test` runs the tests.
# Every target installs what it needs first (system packages, then a virtualenv in .venv).

PYTHON ?= python3
VENV ?= .venv
LANGS ?= fr es it
BIN := $(VENV)/bin
L10N := $(BIN)/l10n
STAMP := $(VENV)/.installed

.PHONY: setup system libretranslate extract translate build review scores dashboard test lint bench clean

LT_VENV ?= .venv-libretranslate

setup: system $(STAMP) libretranslate

system:
	@scripts/install-system-packages.sh

# LibreTranslate in a virtualenv of its own (it pins its own argostranslate, flask and
# requests): the LibreTranslate engine's tests start real servers from it.
libretranslate:
	@PYTHON=$(PYTHON) scripts/install-libretranslate.sh $(LT_VENV)

# torch's CPU wheel goes in first: argostranslate depends on stanza, which would otherwise
# pull a multi-GB CUDA build of torch.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

extract: setup
	$(L10N) extract --lang "$(LANGS)"

translate: setup
	$(L10N) translate --lang "$(LANGS)"

build: setup
	$(L10N) build --lang "$(LANGS)"

review: setup
	$(L10N) status --lang "$(LANGS)"
	$(L10N) queue --lang "$(LANGS)" --summary

scores: setup
	$(L10N) score --lang "$(LANGS)"

dashboard: setup
	$(L10N) dashboard

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check l10n tests bench
	$(BIN)/ruff format --check l10n tests bench
	$(BIN)/mypy l10n

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf output reports .pytest_cache
