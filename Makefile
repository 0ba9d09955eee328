# Set-up and everyday commands. `make run` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng chromium chromium-driver
FIXTURE := fixtures/ct33.text.pdf

.PHONY: install system-deps run test lint bench clean

install: system-deps $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Tesseract with its Vietnamese (and English, for the damaged-OCR tests) data, and Chromium with its
# driver for the review page's browser test, from Debian's packages.
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="yes"; \
	if [ -z "$$missing" ]; then \
	  for lang in vie eng; do tesseract --list-langs 2>/dev/null | grep -qx $$lang || missing="yes"; done; \
	fi; \
	command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || missing="yes"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $(SYSTEM_PACKAGES) with apt-get"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else \
	    echo "Tesseract (vie/eng) or Chromium is missing. Run: sudo apt-get install -y $(SYSTEM_PACKAGES)"; \
	  fi; \
	fi

run: install
	$(VENV)/bin/directive-parser parse $(FIXTURE)

# The habits that keep the code livable run with the tests: stage layers, lint, types.
lint: install
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check src tests scripts bench
	$(VENV)/bin/ruff format --check src tests scripts bench
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest -q

bench: install
	$(PY) bench/bench_repair.py
	$(PY) bench/bench_batch.py

clean:
	rm -rf $(VENV) build *.egg-info
