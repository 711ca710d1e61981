# legco-kg workflow. `make graph` and `make test` do all the set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test graph parse eval bench serve ontology validate clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

test: install
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

serve: install
	$(BIN)/legco-kg serve --graphs graphs/

clean:
	rm -rf $(VENV) .pytest_cache
