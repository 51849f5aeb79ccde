# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_ENV := DEBUG=true DEMO_MODE=true

.PHONY: demo test lint format messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(DEMO_ENV) $(BIN)/python manage.py setup_demo
	@echo "Inclusief runs at http://127.0.0.1:8000  (stop with Ctrl+C)"
	$(DEMO_ENV) $(BIN)/python manage.py run_demo_server 127.0.0.1:8000

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/python -m ruff format .
	$(BIN)/python -m ruff check --fix .

# Refresh the message catalogue after changing UI text (needs GNU gettext), then compile
# it with polib so that users never need gettext installed.
messages: $(VENV)/.installed-test
	$(BIN)/python manage.py makemessages --locale en --no-obsolete --ignore ".venv/*" --ignore "var/*"
	$(BIN)/python manage.py compile_catalogues
