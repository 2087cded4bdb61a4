# Two entry points, both working from a fresh clone with Python 3.11+:
#   make run    set up .venv and open coffeechat
#   make test   set up .venv and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-real clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coffeechat needs Python 3.11 or newer; this is " + sys.version.split()[0] + " (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/coffeechat $(ARGS)

PYTEST_WORKERS ?= 2

test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# against a real small model (llama.cpp's server, built on first use: about 10 minutes); not in CI
test-real: $(STAMP)
	bash scripts/real_model.sh setup
	$(BIN)/python -m pytest tests_real -q -p no:cacheprovider $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) dist build .pytest_cache
