"""docs/guide.md: its data-model diagram is the one generated from ontology/policy.ttl, its
SPARQL cookbook answers what it shows on graphs of corpus papers, and every label,
relationship type and property its Cypher queries name is in the Neo4j export's headers
(there is no Neo4j here to run them)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from extractor import export as x
from extractor import ontology_diagram as d
from extractor.query import format_result, query_graphs, unknown_terms

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide.md"
RE_BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
ELIDED = "…"


def blocks(kind: str) -> list[str]:
    return [body for language, body in RE_BLOCK.findall(GUIDE.read_text("utf-8")) if language == kind]


def sparql_with_answers() -> list[tuple[str, str]]:
    """(query, the answer shown) pairs: each sparql block and the text block after it."""
    found = RE_BLOCK.findall(GUIDE.read_text("utf-8"))
    return [(body, found[i + 1][1]) for i, (language, body) in enumerate(found)
            if language == "sparql" and i + 1 < len(found) and found[i + 1][0] == "text"]


def test_guide_diagram_is_current() -> None:
    assert d.main(["--check"]) == 0, "docs/guide.md's data-model diagram is stale: run `make guide`"


# fmt: off
DIAGRAM_LINES = [
    "  pol_PolicyMeasure --> schema_MonetaryAmount : hasAmount",   # an object property: domain → range
    "  prov_Entity <|-- pol_Fact",                                 # a subclass axiom
    "    +sourceBegin xsd_integer",                                # a datatype property of its domain
]
# fmt: on


@pytest.mark.parametrize("line", DIAGRAM_LINES)
def test_diagram_shows_properties_and_axioms_of_the_ontology(line: str) -> None:
    assert line in d.data_model().splitlines()


def test_diagram_follows_the_ontology(tmp_path: Path) -> None:
    changed = tmp_path / "policy.ttl"
    changed.write_text(d.POLICY_PATH.read_text("utf-8").replace("pol:hasAmount a owl:ObjectProperty",
                                                               "pol:hasMoney a owl:ObjectProperty"), "utf-8")
    diagram = d.data_model(changed)
    assert ": hasMoney" in diagram and ": hasAmount" not in diagram
    guide = GUIDE.read_text("utf-8")
    assert d.with_diagram(guide, diagram) != guide


def test_guide_has_a_cookbook() -> None:
    assert len(sparql_with_answers()) >= 5 and len(blocks("cypher")) >= 5


@pytest.mark.parametrize(("query", "shown"), sparql_with_answers())
def test_guide_sparql_answers_as_shown(query: str, shown: str, sample_and_pair_graphs: Path) -> None:
    assert unknown_terms(query) == []
    answer = format_result(query_graphs(query, sample_and_pair_graphs, "oxigraph"), "table").splitlines()
    lines = shown.splitlines()
    if lines[-1] == ELIDED:
        assert answer[:len(lines) - 1] == lines[:-1]
        assert len(answer) > len(lines)
    else:
        assert answer == lines


@pytest.fixture(scope="module")
def neo4j_headers(sample_and_pair_graphs: Path) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """Properties per label, the relationship types, and the relationships' properties of the
    Neo4j export of the sample papers."""
    files = x.to_neo4j(x.property_graph(x.load_dataset([str(sample_and_pair_graphs)])))
    properties: dict[str, set[str]] = {}
    for name, text in files.items():
        if name.startswith("nodes-"):
            rows = list(csv.reader(text.splitlines()))
            columns = {column.split(":")[0] for column in rows[0] if not column.startswith(":")}
            for label in rows[1][1].split(";"):
                properties.setdefault(label, set()).update(columns)
    rows = list(csv.reader(files["relationships.csv"].splitlines()))
    types = {row[2] for row in rows[1:]}
    return properties, types, {column.split(":")[0] for column in rows[0] if not column.startswith(":")}


RE_STRING = re.compile(r"'(?:[^'\\]|\\.)*'")
RE_NODE = re.compile(r"\((\w*)(?::(\w+))?\s*(\{[^}]*\})?\)")
RE_RELATIONSHIP = re.compile(r"\[(\w*):(\w+)\]")
RE_PROPERTY = re.compile(r"\b([a-z]\w*)\.(\w+)\b")


@pytest.mark.parametrize("cypher", blocks("cypher"))
def test_guide_cypher_names_what_the_neo4j_export_has(cypher: str, neo4j_headers) -> None:  # type: ignore[no-untyped-def]
    properties, types, relationship_properties = neo4j_headers
    code = RE_STRING.sub("''", cypher)
    variables: dict[str, set[str]] = {}
    for variable, label, mapping in RE_NODE.findall(code):
        if label:
            assert label in properties, f"no label {label} in the export ({sorted(properties)})"
            variables.setdefault(variable, set()).update(properties[label])
        for key in re.findall(r"(\w+)\s*:", mapping):
            assert key in properties[label], f"{label} has no property {key}"
    for variable, rel_type in RE_RELATIONSHIP.findall(code):
        assert rel_type in types, f"no relationship type {rel_type} in the export ({sorted(types)})"
        if variable:
            variables[variable] = relationship_properties
    used = RE_PROPERTY.findall(code)
    assert used
    for variable, name in used:
        assert variable in variables, f"{variable}.{name}: {variable} is bound to no label"
        assert name in variables[variable], f"{variable}.{name} is in no header of its label"
