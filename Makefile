# legco-kg workflow. `make graph` and `make test` do all the set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The browser tests (viewer, query page) drive Debian's chromium; installed once, with apt-get
# where it exists, with a CJK font so that screenshots show Chinese. Without apt-get they skip.
CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install browser test graph parse eval bench bench-scale serve ontology validate exports screenshot guide docs clean

help:  ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 20

install: $(STAMP)  ## the local virtualenv .venv (done by every other target on first use)

$(STAMP): pyproject.toml constraints.txt
	@echo "make install: creating the virtualenv $(VENV)/ with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	@echo "make install: upgrading pip"
	$(BIN)/pip install --quiet --upgrade pip
	@echo "make install: installing legco-kg and its pinned dependencies (constraints.txt: spaCy, jieba, rdflib," \
	  "pyoxigraph, pdfplumber ...); about a minute the first time"
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)
	@echo "make install: done; the command is $(BIN)/legco-kg"

browser:  ## chromium, chromium-driver and a CJK font for the browser tests (apt-get, where it exists)
	@if [ -x $(CHROMEDRIVER) ] && command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; then :; \
	elif command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium, chromium-driver and fonts-noto-cjk (for the browser tests)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	else echo "note: no apt-get here, so no chromium: the browser tests (tests/test_viewer.py," \
	  "tests/test_query_page.py) will be skipped"; fi

test: install browser  ## the whole test suite (installs chromium and a CJK font for the browser tests)
	$(BIN)/python -m pytest

graph: install  ## build the graphs of corpus/ into graphs/ (incremental, all cores)
	$(BIN)/legco-kg graph corpus/ -o graphs/

eval: install  ## score the gold papers; fails under the targets
	$(BIN)/legco-kg eval

ontology: install  ## regenerate ontology/reference.ttl and context.jsonld
	$(BIN)/python -m extractor.ontology_build

guide: install  ## regenerate the data-model diagram of docs/guide.md from ontology/policy.ttl
	$(BIN)/python -m extractor.ontology_diagram

validate: install  ## check graphs/ against the SHACL shapes
	$(BIN)/legco-kg validate graphs/

bench: install  ## parse throughput beside pdfplumber, and the query bench
	$(BIN)/python -m extractor.bench corpus/
	@if ls graphs/*.trig >/dev/null 2>&1; then $(BIN)/python -m extractor.bench --queries graphs/ && $(BIN)/python -m extractor.bench --store graphs/; \
	else echo "note: graphs/ has no .trig files yet (make graph writes them); the query bench is skipped"; fi

bench-scale: install  ## -j on all cores beside -j 1, then 1,000 papers with -j (minutes)
	$(BIN)/python -m extractor.bench corpus/ --cores
	$(BIN)/python -m extractor.bench corpus/ --scale 1000

exports: install  ## every export format of graphs/ into exports/ (rebuilding stale graphs first)
	$(BIN)/legco-kg graph corpus/ -o graphs/
	$(BIN)/legco-kg export --format all graphs/ -o exports/

screenshot: install browser  ## docs/viewer.png (refused without a CJK font: fc-list :lang=zh)
	$(BIN)/python docs/screenshot.py corpus/zh-2024-pa-itib.pdf docs/viewer.png

docs: graph  ## rerun the README tutorial's and docs/guide.md's queries and rewrite their outputs
	$(BIN)/python docs/tutorial.py --graphs graphs/
	$(BIN)/python docs/cookbook.py

serve: install  ## a read-only SPARQL endpoint over graphs/
	$(BIN)/legco-kg serve --graphs graphs/

clean:  ## remove the virtualenv
	rm -rf $(VENV) .pytest_cache
