# Two commands for a fresh clone: `make play` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: play test test-thorough lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

play: $(STAMP_RUN)
	$(BIN)/cardgame

test: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The suite is CPU-bound, but its workers also wait (for subprocesses, the browser, Pilot's
	# idle checks): on two cores four workers keep both busy (measured back to back on an idle
	# machine: -n 3 65 s, -n 4 57 s, -n 5 58 s). loadgroup keeps the browser tests on one
	# worker. Bytecode is cached even where the environment says not to write it: recompiling
	# every module in every worker costs seconds.
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 4 --dist loadgroup -q

# Every Hypothesis property with its full example count (see tests/helpers/profiles.py).
test-thorough: $(STAMP_TEST)
	HYPOTHESIS_PROFILE=thorough $(MAKE) test

lint: $(STAMP_TEST)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP_TEST)
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
