# `make demo` and `make test` work on a fresh machine with Python 3.11: they create .venv
# and install marsad with its pinned dependencies first (with the test tools, and the build
# tools of the gazetteer so that a test can rebuild it and compare).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
INSTALLED := $(VENV)/.installed

.PHONY: demo test bench schema clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test,build]'
	touch $@

demo: $(INSTALLED)
	$(VENV)/bin/marsad demo

test: $(INSTALLED)
	$(VENV)/bin/python -m pytest

bench: $(INSTALLED)
	for script in bench/*.py; do echo "== $$script"; $(VENV)/bin/python $$script || exit 1; done

schema: $(INSTALLED)
	$(VENV)/bin/python scripts/generate_schema.py

clean:
	rm -rf $(VENV) marsad.db marsad.db-wal marsad.db-shm
