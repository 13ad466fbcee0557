# Vanban portal — every command sets itself up (virtualenv, packages, Chromium for the tests).
# See README.md. Only `make serve` and `make test` are needed day to day.

PY      ?= $(shell command -v python3.11 || command -v python3)
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SEEDS   ?= ../shared/seeds
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# the only date a build writes (sitemap) is the last commit's, so two builds are identical
GIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(GIT_EPOCH),)
export SOURCE_DATE_EPOCH ?= $(GIT_EPOCH)
endif

DIST    ?= dist/vanban-site.zip

.PHONY: help setup serve build dist check test test-fast test-slow lint chromium poppler readers \
	sample \
	clean bench bench-serve bench-search

help:
	@echo "make serve   – cài đặt, dựng và chạy cổng tại http://127.0.0.1:8000 / build and serve"
	@echo "make check   – kiểm tra văn bản, dữ liệu, liên kết / check documents, data, links"
	@echo "make test    – kiểm tra toàn bộ (lint, check, tests, browser) / the whole test suite"
	@echo "make test-slow – chỉ các phép thử dài (fuzz) / only the long fuzz runs"
	@echo "make build   – dựng trang vào site/ / build the site into site/"
	@echo "make dist    – dựng trang và đóng gói thành $(DIST) / the built site as a zip"
	@echo "make sample  – nhập lại các văn bản mẫu từ $(SEEDS) / re-import the sample documents"

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

READY   := $(STAMP) readers
setup: $(READY)

chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# pdftoppm (Debian's poppler-utils): the print test turns Chromium's PDF into PNG pages
poppler:
	@command -v pdftoppm >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

# the readers' programs (vanban/sources.py): antiword for Word 97-2003 .doc, pdftotext for PDF
readers:
	@command -v antiword >/dev/null && command -v pdftotext >/dev/null || { \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install \
		-y -qq antiword poppler-utils >/dev/null; }

# --dirty: the first build starts from the build cache that `make build` has just brought
# up to date (a copy of it), and an edit renders only the pages it reaches
# (vanban/site/incremental.py); the search index stays the first build's until restarted
serve: build
	$(BIN)/mkdocs serve --strict --dirty -a 127.0.0.1:8000

# the build cache (.cache/vanban/, vanban/site/cache.py): only what changed since the last
# build is rendered again; CACHE=0 builds everything and leaves the cache alone
CACHE   ?= 1
build: $(READY)
	$(BIN)/vanban build $(if $(filter 0,$(CACHE)),--no-cache)

# VANBAN_SITE_URL=https://example.org/portal/ make dist   for canonical URLs and sitemap.xml
dist: build
	$(BIN)/python -m vanban.dist site $(DIST)

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/mypy

# `vanban check`: every problem of the documents, data files and links, as file:line — fix
check: $(READY)
	$(BIN)/vanban check

test: $(READY) chromium poppler lint check
	$(BIN)/pytest -q

test-fast: $(READY) lint check
	$(BIN)/pytest -q -m "not browser and not slow"

# the slow tests alone (long fuzz runs, a generated portal with its search index); `make test`
# runs them too
test-slow: $(READY) chromium
	$(BIN)/pytest -q -m slow

# build benchmark (CONTRIBUTING.md "Build performance"): N = 500, 1,000, 2,000 documents
# BENCH_ARGS="--with-4000" adds 4,000; "--runs 1" for a quicker look
bench: $(READY)
	$(BIN)/python scripts/bench_build.py $(BENCH_ARGS)

# mkdocs serve: seconds until an edited document is served again, at 500 documents
bench-serve: $(READY)
	$(BIN)/python scripts/bench_build.py --serve --sizes 500

sample: $(READY)
	$(BIN)/vanban import --force $(SEEDS)/*.txt

# 2,000 generated documents built with Pagefind and with MkDocs' own search, measured in
# Chromium (slow: several minutes; not part of `make test`). N=500 make bench-search
bench-search: $(READY) chromium
	$(BIN)/python scripts/bench_search.py --n $(or $(N),2000)

clean:
	rm -rf site .cache/vanban .pytest_cache .mypy_cache .ruff_cache tests/_artifacts
