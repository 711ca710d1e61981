# legco-kg workflow. `make graph` and `make test` do all the set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The viewer test drives the HTML export in Debian's chromium; installed once, with apt-get.
CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install test graph parse eval bench bench-scale serve ontology validate exports screenshot clean

help:  ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 20

install: $(STAMP)  ## the local virtualenv .venv (done by every other target on first use)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

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

bench-scale: install  ## -j on all cores beside -j 1, then 1,000 papers with -j (minutes)
	$(BIN)/python -m extractor.bench corpus/ --cores
	$(BIN)/python -m extractor.bench corpus/ --scale 1000

exports: install  ## every export format of graphs/ into exports/
	@ls graphs/*.trig >/dev/null 2>&1 || $(MAKE) graph
	$(BIN)/legco-kg export --format html graphs/ -o exports/legco-kg.html
	$(BIN)/legco-kg export --format graphml graphs/ -o exports/legco-kg.graphml
	$(BIN)/legco-kg export --format gexf graphs/ -o exports/legco-kg.gexf
	$(BIN)/legco-kg export --format cytoscape graphs/ -o exports/legco-kg.cyjs
	$(BIN)/legco-kg export --format jsonld graphs/ -o exports/legco-kg.jsonld
	$(BIN)/legco-kg export --format neo4j graphs/ -o exports/neo4j

screenshot: install $(CHROMEDRIVER)  ## docs/viewer.png
	$(BIN)/python docs/screenshot.py corpus/zh-2024-pa-itib.pdf docs/viewer.png

serve: install  ## a read-only SPARQL endpoint over graphs/
	$(BIN)/legco-kg serve --graphs graphs/

clean:  ## remove the virtualenv
	rm -rf $(VENV) .pytest_cache
