# radtrack: `make run` serves the dashboard on the bundled data, `make test` runs everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: install browser run test test-fast lint format screenshots bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "Installing radtrack and its packages into $(VENV) (a few minutes the first time)..."
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# setuptools explains editable installs in a 12-line warning on every install: not for users
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install -e ".[dev]"
	touch $@

install: $(BIN)/.installed

# Debian's Chromium and ChromeDriver for the browser tests (installed when missing and root).
browser:
	@if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "Browser tests need: sudo apt-get install chromium chromium-driver"; fi; \
	fi

run: install
	$(BIN)/radtrack init
	$(BIN)/radtrack demo
	$(BIN)/radtrack serve --host $(HOST) --port $(PORT)

test: install browser
	$(BIN)/python -m pytest --headless

test-fast: install
	$(BIN)/python -m pytest -m "not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

screenshots: install browser
	$(BIN)/python scripts/screenshots.py

# Synthetic national dataset (SQLite and the local PostgreSQL), figures against #6's targets;
# writes var/bench.json. Takes a few minutes; never part of `make test`.
bench: install browser
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
