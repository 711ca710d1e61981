# legco-kg workflow. `make graph` and `make test` do all the set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The viewer test drives the HTML export in Debian's chromium; installed once, with apt-get.
CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install test graph parse eval bench serve ontology validate exports screenshot clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

$(CHROMEDRIVER):
	@echo "installing Debian's chromium and chromium-driver (for tests/test_viewer.py)"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null

test: install $(CHROMEDRIVER)
	$(BIN)/python -m pytest

graph: install
	$(BIN)/legco-kg graph corpus/ -o graphs/

eval: install
	$(BIN)/legco-kg eval

ontology: install
	$(BIN)/python -m extractor.ontology_build

validate: install
	$(BIN)/legco-kg validate graphs/

bench: install
	$(BIN)/python -m extractor.bench corpus/
	@if ls graphs/*.trig >/dev/null 2>&1; then $(BIN)/python -m extractor.bench --queries graphs/; \
	else echo "note: graphs/ has no .trig files yet (make graph writes them); the query bench is skipped"; fi

exports: install
	@ls graphs/*.trig >/dev/null 2>&1 || $(MAKE) graph
	$(BIN)/legco-kg export --format html graphs/ -o exports/legco-kg.html
	$(BIN)/legco-kg export --format graphml graphs/ -o exports/legco-kg.graphml
	$(BIN)/legco-kg export --format gexf graphs/ -o exports/legco-kg.gexf
	$(BIN)/legco-kg export --format cytoscape graphs/ -o exports/legco-kg.cyjs
	$(BIN)/legco-kg export --format jsonld graphs/ -o exports/legco-kg.jsonld
	$(BIN)/legco-kg export --format neo4j graphs/ -o exports/neo4j

screenshot: install $(CHROMEDRIVER)
	$(BIN)/python docs/screenshot.py corpus/zh-2024-pa-itib.pdf docs/viewer.png

serve: install
	$(BIN)/legco-kg serve --graphs graphs/

clean:
	rm -rf $(VENV) .pytest_cache
