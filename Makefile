# Vanban portal — every command sets itself up (virtualenv, packages, Chromium for the tests).
# See README.md. Only `make serve` and `make test` are needed day to day.

PY      ?= $(shell command -v python3.11 || command -v python3)
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SEEDS   ?= ../shared/seeds
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup serve build test test-fast test-slow lint chromium sample clean bench-search

help:
	@echo "make serve   – cài đặt, dựng và chạy cổng tại http://127.0.0.1:8000 / build and serve"
	@echo "make test    – kiểm tra toàn bộ (lint, types, tests, browser) / the whole test suite"
	@echo "make build   – dựng trang vào site/ / build the site into site/"
	@echo "make sample  – nhập lại các văn bản mẫu từ $(SEEDS) / re-import the sample documents"

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) chromium lint
	$(BIN)/pytest -q

test-fast: $(STAMP) lint
	$(BIN)/pytest -q -m "not browser and not slow"

test-slow: $(STAMP) chromium
	$(BIN)/pytest -q -m slow

sample: $(STAMP)
	$(BIN)/vanban import --force $(SEEDS)/*.txt

# 2,000 generated documents built with Pagefind and with MkDocs' own search, measured in
# Chromium (slow: several minutes; not part of `make test`). N=500 make bench-search
bench-search: $(STAMP) chromium
	$(BIN)/python scripts/bench_search.py --n $(or $(N),2000)

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache tests/_artifacts
