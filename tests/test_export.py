"""`legco-kg export`: every format read back by the tool that consumes it (networkx,
rdflib, json, csv) and compared with the RDF it came from."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from extractor import export as x
from extractor.cli import main

ROOT = Path(__file__).resolve().parents[1]
ZH, EN = "zh-2024-pa-p78.txt", "en-2024-pa-p78.txt"
BASE = "https://w3id.org/legco-kg/id/"
PREFIXES = """PREFIX pol: <https://w3id.org/legco-kg/ontology#>
PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
"""


@pytest.fixture(scope="module")
def graphs(sample_and_pair_graphs: Path) -> Path:
    return sample_and_pair_graphs


@pytest.fixture(scope="module")
def dataset(graphs: Path) -> Dataset:
    return x.load_dataset([str(graphs)])


@pytest.fixture(scope="module")
def model(dataset: Dataset) -> nx.MultiDiGraph:
    return x.property_graph(dataset)


def count(dataset: Dataset, variables: str, pattern: str) -> int:
    """The number of distinct bindings of ``variables`` of a pattern in the paper graphs."""
    query = PREFIXES + f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT {variables} WHERE {{ GRAPH ?g {{ {pattern} }}
        FILTER(STRENDS(STR(?g), "/graph") && CONTAINS(STR(?g), "/paper/")) }} }}"""
    return int(next(iter(dataset.query(query)))[0])


def rdf_expectations(dataset: Dataset) -> tuple[Counter, Counter]:
    """Node counts per type and edge counts per relation, straight from the RDF."""
    nodes: Counter = Counter()
    for kind in x.FACT_TYPES:
        nodes[kind] = count(dataset, "?f", f'?f a pol:Fact FILTER(CONTAINS(STR(?f), "/fact/{kind}/"))')
    nodes["measure"] = count(dataset, "?m", "?m a pol:PolicyMeasure")
    nodes["indicator"] = count(dataset, "?i", "?i a pol:Indicator")
    nodes["paper"] = count(dataset, "?w", "?w a eli:Work")
    nodes["organisation"] = count(dataset, "?o", """{ ?s itsrdf:taIdentRef ?o FILTER(CONTAINS(STR(?o), "/org/")) }
        UNION { ?s cv:hasCompetentAuthority ?o } UNION { ?s dct:creator ?o } UNION { ?s pol:submittedTo ?o }""")
    edges: Counter = Counter()
    for local, relation in x.MEASURE_LINKS.items():
        edges[relation] = count(dataset, "?m ?f", f"?m pol:{local} ?f")
    edges["competent_authority"] = count(dataset, "?m ?o", "?m cv:hasCompetentAuthority ?o")
    edges["announced_in"] = count(dataset, "?m ?p", "?m pol:announcedIn ?p")
    edges["stated_in"] = sum(nodes[k] for k in x.FACT_TYPES)
    edges["indicator"] = nodes["kpi"]
    edges["creator"] = count(dataset, "?p ?o", "?p dct:creator ?o")
    edges["submitted_to"] = count(dataset, "?p ?o", "?p pol:submittedTo ?o")
    edges["mentioned_in"] = count(dataset, "?o ?g", '?s itsrdf:taIdentRef ?o FILTER(CONTAINS(STR(?o), "/org/"))')
    return +nodes, +edges


def amount_of(dataset: Dataset, measure_label: str) -> tuple[str, int, str, str]:
    """(measure IRI, HKD value, Chinese quote, English quote) of the amount of a measure of p78."""
    rows = list(dataset.query(PREFIXES + """SELECT ?m ?value ?zh ?en WHERE { GRAPH ?g {
        ?m skos:prefLabel ?label ; pol:hasAmount ?a . ?a schema:value ?value ;
           pol:evidence ?s1, ?s2 . ?s1 nif:anchorOf ?zh . ?s2 nif:anchorOf ?en .
        FILTER(CONTAINS(STR(?s1), "/zh-hant#") && CONTAINS(STR(?s2), "/en#") && STR(?label) = ?name) } }""",
                              initBindings={"name": __import__("rdflib").Literal(measure_label)}))
    assert len(rows) == 1, rows
    m, value, zh, en = rows[0]
    return str(m), int(value), str(zh), str(en)


# --- the property graph --------------------------------------------------------------------------


def test_nodes_and_edges_match_the_rdf(dataset: Dataset, model: nx.MultiDiGraph) -> None:
    nodes, edges = rdf_expectations(dataset)
    assert Counter(d["node_type"] for _, d in model.nodes(data=True)) == nodes
    assert Counter(d["relation"] for *_, d in model.edges(data=True)) == edges
    assert nodes["paper"] == 2 and nodes["amount"] > 10 and edges["has_amount"] > 5 and edges["competent_authority"]


def test_a_bilingual_fact_is_one_node_with_both_quotes(dataset: Dataset, model: nx.MultiDiGraph) -> None:
    measure, value, zh, en = amount_of(dataset, "Research Matching Grant Scheme")
    node = model.nodes[measure[len(BASE):]]
    assert (node["label_zh"], node["label_en"], node["measure_type"]) == ("研究配對補助金計劃", "Research Matching Grant Scheme",
                                                                        "scheme")
    [amount] = [t for _, t, d in model.out_edges(measure[len(BASE):], data=True) if d["relation"] == "has_amount"]
    fact = model.nodes[amount]
    assert (fact["amount"], fact["currency"], fact["quote_zh"], fact["quote_en"]) == (value, "HKD", zh, en)
    assert (value, zh, en) == (1_500_000_000, "15億元", "$1.5 billion")
    assert fact["value_text"] == "HKD 1,500,000,000" and fact["page_zh"] == 1 and fact["paragraph"] == "para_78"
    assert zh in fact["sentence_zh"] and en in fact["sentence_en"]


@pytest.mark.parametrize(("kind", "attrs"), [
    ("amount", {"amount": 10_000_000_000, "currency": "HKD", "qualifier": "exact", "value_text": "HKD 10,000,000,000"}),
    ("date", {"begin": "2024-01-01", "end": "2025-12-31", "edtf": "2024/2025"}),
    ("date", {"begin": "2025-01-01", "end": "2025-03-31", "vagueness": "early"}),
    ("date", {"begin": "2024-02-01", "end": "2024-02-29", "anchored_to": "2024-10-28", "period": "month/2024-02"}),
    ("ratio", {"government_share": 1.0, "other_share": 3.0, "basis": "matching"}),
    ("kpi", {"role": "baseline", "year": 2022, "value": 330.0}),
    ("duration", {"unit": "month", "value_max": 12.0, "qualifier": "at-most", "value_text": "≤ 12 month"}),
])
def test_typed_attributes_of_the_sample(model: nx.MultiDiGraph, kind: str, attrs: dict[str, object]) -> None:
    """Numbers stay numbers, dates ISO strings; one node of each kind in the sample has these."""
    found = [d for _, d in model.nodes(data=True) if d["node_type"] == kind
             and all(d.get(k) == v and type(d.get(k)) is type(v) for k, v in attrs.items())]
    assert found, f"no {kind} node with {attrs}"
    assert all(d["quote_zh"] and d["page_zh"] >= 1 for d in found)


@pytest.mark.parametrize(("kind", "attrs", "expected"), [
    ("amount", {"currency": "HKD", "amount": 10**10}, "HKD 10,000,000,000"),
    ("amount", {"currency": "HKD", "amount_min": 150_000_000, "amount_max": 250_000_000}, "HKD 150,000,000 – 250,000,000"),
    ("amount", {"currency": "HKD", "amount_min": 5 * 10**9, "qualifier": "at-least"}, "HKD ≥ 5,000,000,000"),
    ("amount", {"currency": "HKD", "amount": 3 * 10**8, "qualifier": "approx"}, "HKD ≈ 300,000,000"),
    ("quantity", {"value": 2500.0, "count_of": "名"}, "2,500 名"),
    ("quantity", {"value": 7.0, "unit": "PERCENT"}, "7%"),
    ("quantity", {"value": 1.5, "unit": "HA", "qualifier": "approx"}, "≈ 1.5 ha"),
    ("quantity", {"value_min": 50.0, "value_max": 100.0, "count_of": "家"}, "50 – 100 家"),
    ("duration", {"value_min": 5.0, "value_max": 8.0, "unit": "year"}, "5 – 8 year"),
    ("date", {"begin": "2025-04-01", "end": "2026-03-31", "period": "fy/2025-26"}, "fy/2025-26"),
    ("date", {"begin": "2024-10-28"}, "2024-10-28 – …"),
    ("date", {"begin": "2025-01-01", "end": "2025-01-01"}, "2025-01-01"),
    ("kpi", {"value": 600.0, "role": "target", "year": 2027, "unit": "NUM"}, "600 (target, 2027)"),
    ("kpi", {"value": 4e9, "role": "target", "year": 2027, "unit": "CCY_HKD", "qualifier": "at-least"},
     "HKD ≥ 4,000,000,000 (target, 2027)"),
    ("ratio", {"terms": "1 (政府) : 2 (機構)"}, "1 (政府) : 2 (機構)"),
])
def test_value_text(kind: str, attrs: dict[str, object], expected: str) -> None:
    assert x.value_text(kind, attrs) == expected


def test_layout_places_every_node_once_and_is_stable(model: nx.MultiDiGraph) -> None:
    positions = x.layout(model)
    assert set(positions) == set(model.nodes)
    assert len(set(positions.values())) == len(positions), "two nodes drawn on the same spot"
    assert positions == x.layout(model)


# --- GraphML and GEXF ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_back_graphml_and_gexf(model: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    text = getattr(x, f"to_{fmt}")(model)
    assert text == getattr(x, f"to_{fmt}")(model), "same graph, same bytes"
    assert "lastmodifieddate" not in text
    path = tmp_path / f"g.{fmt}"
    path.write_text(text, "utf-8")
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == model.number_of_nodes()
    assert back.number_of_edges() == model.number_of_edges()
    assert Counter(d["relation"] for *_, d in back.edges(data=True)) == Counter(
        d["relation"] for *_, d in model.edges(data=True))
    for node, data in model.nodes(data=True):
        read = back.nodes[node]
        assert read["node_type"] == data["node_type"] and read["label"] == data["label"]
        for key in ("amount", "amount_min", "amount_max", "year", "page_zh", "page_en"):
            if key in data:
                assert read[key] == data[key] and isinstance(read[key], int), (node, key)
        for key in ("value", "value_min", "value_max", "government_share"):
            if key in data:
                assert read[key] == data[key] and isinstance(read[key], float), (node, key)
        for key in ("label_zh", "label_en", "begin", "end", "quote_zh", "quote_en"):
            assert read.get(key) == data.get(key), (node, key)


def test_gexf_carries_positions_and_colours(model: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    path.write_text(x.to_gexf(model), "utf-8")
    back = nx.read_gexf(path)
    measure = next(n for n, d in model.nodes(data=True) if d["node_type"] == "measure")
    viz = back.nodes[measure]["viz"]
    assert viz["color"] == {"r": 0x15, "g": 0x65, "b": 0xC0, "a": 1.0}
    assert (viz["position"]["x"], viz["position"]["y"]) == x.layout(model)[measure]


# --- JSON-LD -------------------------------------------------------------------------------------


def test_jsonld_round_trips_into_an_isomorphic_graph(dataset: Dataset) -> None:
    text = x.to_jsonld(dataset)
    document = json.loads(text)
    assert document["@context"] == json.loads((ROOT / "ontology" / "context.jsonld").read_text("utf-8"))["@context"]
    back = Dataset()
    back.parse(data=text, format="json-ld")
    names = sorted(str(g.identifier) for g in dataset.graphs() if len(g))
    assert sorted(str(g.identifier) for g in back.graphs() if len(g)) == names
    for name in names:
        assert isomorphic(dataset.graph(URIRef(name)), back.graph(URIRef(name))), name
    assert x.to_jsonld(dataset) == text


def test_published_context_is_the_one_the_export_uses() -> None:
    published = json.loads((ROOT / "ontology" / "context.jsonld").read_text("utf-8"))
    assert published == x.jsonld_context()


# --- Cytoscape.js and Neo4j ----------------------------------------------------------------------


def test_cytoscape_elements(model: nx.MultiDiGraph) -> None:
    document = json.loads(x.to_cytoscape(model))
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    assert len(nodes) == model.number_of_nodes() and len(edges) == model.number_of_edges()
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert all(isinstance(n["position"]["x"], float) for n in nodes)
    amounts = [n["data"] for n in nodes if n["data"]["node_type"] == "amount" and "amount" in n["data"]]
    assert amounts and all(isinstance(a["amount"], int) for a in amounts)


def test_neo4j_import_files(model: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    assert main(["export", "--format", "neo4j", "-q", "-o", str(out), str(tmp_path / "none")]) == 2
    assert not out.exists(), "nothing written for bad input"
    files = x.to_neo4j(model)
    x._write_folder(out, files)
    node_ids: set[str] = set()
    for path in sorted(out.glob("nodes-*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        header = rows[0]
        assert header[:2] == ["id:ID", ":LABEL"]
        assert all(":" in column for column in header), header
        for row in rows[1:]:
            node_ids.add(row[0])
            for column, cell in zip(header, row):
                if cell and column.endswith(":long"):
                    int(cell)
                if cell and column.endswith(":double"):
                    float(cell)
                if cell and column.endswith(":date"):
                    assert len(cell) == 10 and cell[4] == "-"
    assert len(node_ids) == model.number_of_nodes()
    rows = list(csv.reader((out / "relationships.csv").open(encoding="utf-8")))
    assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(rows) - 1 == model.number_of_edges()
    assert all(r[0] in node_ids and r[1] in node_ids and r[2].isupper() for r in rows[1:])
    script = (out / "import.sh").read_text("utf-8")
    assert "neo4j-admin database import full" in script and "--relationships=relationships.csv" in script
    assert all(f"--nodes={p.name}" in script for p in out.glob("nodes-*.csv"))
    (out / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(x.ExportError, match="not a previous neo4j export"):
        x._write_folder(out, files)


# --- the command ---------------------------------------------------------------------------------


def test_export_command_writes_each_format(graphs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trig = str(graphs / "zh-2024-pa-p78+en-2024-pa-p78.trig")
    for fmt in ("graphml", "gexf", "jsonld", "cytoscape", "html"):
        out = tmp_path / f"p78.{fmt}"
        assert main(["export", "--format", fmt, trig, "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
        first = out.read_bytes()
        assert main(["export", "--format", fmt, trig, "-q", "-o", str(out)]) == 0
        assert out.read_bytes() == first, f"{fmt} export is not deterministic"
    assert "nodes" in capsys.readouterr().err
    assert main(["export", "--format", "cytoscape", "-q", trig]) == 0
    assert json.loads(capsys.readouterr().out)["elements"]["nodes"]


def test_export_of_papers_builds_them_first(tmp_path: Path, model: nx.MultiDiGraph) -> None:
    """Papers given directly are paired by the folder's pairs.csv, as `legco-kg graph` does."""
    from conftest import CORPUS

    out = tmp_path / "p78.graphml"
    assert main(["export", "--format", "graphml", "-q", str(CORPUS / ZH), str(CORPUS / EN), "-o", str(out)]) == 0
    back = nx.read_graphml(out)
    assert sum(d["node_type"] == "paper" for _, d in back.nodes(data=True)) == 1
    p78 = [n for n in model.nodes if "p78" in n or model.nodes[n]["node_type"] in ("organisation",)]
    assert {n for n, d in back.nodes(data=True) if d["node_type"] == "amount"} == {
        n for n in p78 if model.nodes[n]["node_type"] == "amount"}


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "html", "missing.trig"], "missing.trig: no such file"),
    (["--format", "html", "README.md"], "expected graphs (.trig, .nq), papers (.pdf, .txt)"),
    (["--format", "neo4j", "graphs"], "give the folder to write them to with -o DIR"),
    (["--format", "html", "ontology"], "no graphs (.trig) and no papers"),
])
def test_bad_input_is_named_and_nothing_is_written(args: list[str], message: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out.html"
    assert main(["export", *args, "-q"] + (["-o", str(out)] if "neo4j" not in args else [])) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_trig_without_paper_graphs_is_refused(graphs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "graphml", "-q", str(graphs / "reference.trig")]) == 2
    assert "no paper graph" in capsys.readouterr().err


# --- the format from -o, every format at once, Neo4j arrays ----------------------------------------


@pytest.mark.parametrize(("name", "check"), [
    ("p78.graphml", lambda path: nx.read_graphml(path).number_of_nodes()),
    ("p78.gexf", lambda path: nx.read_gexf(path).number_of_nodes()),
    ("p78.cyjs", lambda path: len(json.loads(path.read_text("utf-8"))["elements"]["nodes"])),
    ("p78.jsonld", lambda path: len(json.loads(path.read_text("utf-8"))["@graph"])),
    ("P78.HTML", lambda path: path.read_text("utf-8").count("<!DOCTYPE html>")),
])
def test_the_extension_of_o_names_the_format(name: str, check, graphs: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    assert main(["export", "-q", str(graphs / "zh-2024-pa-p78+en-2024-pa-p78.trig"), "-o", str(out)]) == 0
    assert check(out) >= 1


@pytest.mark.parametrize(("output", "message"), [
    ("p78.xml", "the extension '.xml' names no export format; known extensions: .html (html), .graphml (graphml), "
                ".gexf (gexf), .cyjs (cytoscape), .jsonld (jsonld)"),
    ("neo4j", "the extension '(none)' names no export format"),
    ("-", "standard output has no extension to tell the format"),
])
def test_an_extension_naming_no_format_is_refused(output: str, message: str, graphs: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "-q", str(graphs), "-o", output]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_format_all_reads_once_and_writes_every_format(graphs: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    trig = str(graphs / "zh-2024-pa-p78+en-2024-pa-p78.trig")
    reads: list[str] = []
    real_load = x.load_dataset
    monkeypatch.setattr(x, "load_dataset", lambda *a, **k: reads.append("read") or real_load(*a, **k))
    out = tmp_path / "exports"
    assert main(["export", "--format", "all", trig, "-o", str(out)]) == 0
    assert reads == ["read"]
    assert sorted(p.name for p in out.iterdir()) == ["legco-kg.cyjs", "legco-kg.gexf", "legco-kg.graphml",
                                                     "legco-kg.html", "legco-kg.jsonld", "neo4j"]
    err = capsys.readouterr().err
    assert "[6/6]" in err and "writing" in err and "in 6 formats" in err
    for fmt, extension in x.EXTENSIONS.items():  # the same bytes as the format alone
        alone = tmp_path / f"alone{extension}"
        assert main(["export", "-q", "--format", fmt, trig, "-o", str(alone)]) == 0
        assert alone.read_bytes() == (out / f"legco-kg{extension}").read_bytes(), fmt
    capsys.readouterr()
    assert main(["export", "-q", "--format", "all", trig, "-o", str(out)]) == 0, "its own folder is replaced"
    assert capsys.readouterr().err == "", "-q silences the progress"
    assert main(["export", "-q", "--format", "all", trig]) == 2
    assert "give the folder to write them to with -o DIR" in capsys.readouterr().err


def test_format_all_checks_every_output_first(graphs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "exports"
    (out / "neo4j").mkdir(parents=True)
    (out / "neo4j" / "mine.csv").write_text("a,b\n", "utf-8")
    assert main(["export", "-q", "--format", "all", str(graphs), "-o", str(out)]) == 2
    assert "not a previous neo4j export" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["neo4j"], "nothing written"


def test_neo4j_list_attributes_are_arrays(model: nx.MultiDiGraph, dataset: Dataset) -> None:
    """``aliases``, ``sectors`` and ``responsible`` are ``string[]`` columns whose cells are
    the items joined by neo4j-admin's array delimiter, ``;``."""
    files = x.to_neo4j(model)
    rows = list(csv.reader(files["nodes-measure.csv"].splitlines()))
    header = rows[0]
    for column in ("aliases", "sectors", "responsible"):
        assert f"{column}:string[]" in header, header
    aliases = header.index("aliases:string[]")
    measures = {row[0]: row for row in rows[1:]}
    expected = {
        str(m)[len(BASE):]: sorted({a.strip() for a in alts})
        for m, alts in _aliases_of_measures(dataset).items()}
    with_aliases = {node: names for node, names in expected.items() if names}
    assert with_aliases, "the fixture has measures with aliases"
    for node, names in with_aliases.items():
        assert sorted(measures[node][aliases].split(";")) == names  # each once, as an array
    assert "--array-delimiter=';'" in files["import.sh"]


def _aliases_of_measures(dataset: Dataset) -> dict[URIRef, list[str]]:
    found: dict[URIRef, list[str]] = {}
    query = PREFIXES + """SELECT ?m ?alias WHERE { GRAPH ?g { ?m a pol:PolicyMeasure OPTIONAL { ?m skos:altLabel ?alias } } }"""
    for measure, alias in dataset.query(query):
        names = found.setdefault(measure, [])
        if alias is not None and str(alias) not in names:
            names.append(str(alias))
    return found
