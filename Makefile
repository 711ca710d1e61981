# legco-kg workflow. `make graph` and `make test` do all the set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The viewer test drives the HTML export in Debian's chromium; installed once, with apt-get.
CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install test graph parse eval bench serve ontology validate exports screenshot clean

help:  ## this list
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## /  make \1\t/' | expand -t 18

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

$(CHROMEDRIVER):
	@echo "installing Debian's chromium and chromium-driver (for tests/test_viewer.py)"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null

test: install $(CHROMEDRIVER)  ## the whole test suite (installs chromium for the viewer test)
	$(BIN)/python -m pytest

graph: install  ## build the graphs of corpus/ into graphs/ (incremental, all cores)
	$(BIN)/legco-kg graph corpus/ -o graphs/

eval: install  ## score the gold papers; fails under the targets
	$(BIN)/legco-kg eval

ontology: install  ## regenerate ontology/reference.ttl and context.jsonld
	$(BIN)/python -m extractor.ontology_build

validate: install  ## check graphs/ against the SHACL shapes
	$(BIN)/legco-kg validate graphs/

bench: install  ## parse throughput beside pdfplumber, and the query bench
	$(BIN)/python -m extractor.bench corpus/
	@if ls graphs/*.trig >/dev/null 2>&1; then $(BIN)/python -m extractor.bench --queries graphs/; \
	else echo "note: graphs/ has no .trig files yet (make graph writes them); the query bench is skipped"; fi

exports: install  ## every export format of graphs/ into exports/ (rebuilding stale graphs first)
	$(BIN)/legco-kg graph corpus/ -o graphs/
	$(BIN)/legco-kg export --format all graphs/ -o exports/

screenshot: install $(CHROMEDRIVER)  ## docs/viewer.png
	$(BIN)/python docs/screenshot.py corpus/zh-2024-pa-itib.pdf docs/viewer.png

serve: install  ## a read-only SPARQL endpoint over graphs/
	$(BIN)/legco-kg serve --graphs graphs/

clean:  ## remove the virtualenv
	rm -rf $(VENV) .pytest_cache
