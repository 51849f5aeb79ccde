# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_ENV := DEBUG=true DEMO_MODE=true

.PHONY: demo test test-fast lint format messages lock audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs take the versions pinned in requirements.lock (a package not in it is still free).
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(DEMO_ENV) $(BIN)/python manage.py setup_demo
	@echo "Inclusief runs at http://127.0.0.1:8000  (stop with Ctrl+C)"
	$(DEMO_ENV) $(BIN)/python manage.py run_demo_server 127.0.0.1:8000

# One test process per core (pytest-xdist); each has its own test database.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# Daily work: everything but the browser tests and the tests that take seconds each (markers
# slow_pdf and slow in pyproject.toml); CI runs all of them.
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto -m "not browser and not slow_pdf and not slow" -q $(PYTEST_ARGS)

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

# Pin every package that `pip install -e ".[test,postgres]"` resolves to today (README,
# "Dependencies: pinned and updated"); review the diff, run the tests, commit the lock.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --dry-run --ignore-installed --report var/lock-report.json -e ".[test,postgres]"
	$(BIN)/python .ci/write_lock.py var/lock-report.json requirements.lock

# Known vulnerabilities in the locked packages (pip-audit; an honest fallback when its
# vulnerability database cannot be reached, see .ci/audit_dependencies.py).
audit: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e ".[audit]"
	$(BIN)/python .ci/audit_dependencies.py
