"""`legco-kg query`: prefixes, exact answers on a hand-written fixture under both engines,
byte-identical output across engines, and the error cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor import query as q
from extractor.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "query_fixture.trig"
QUERIES = ROOT / "queries"
ENGINES = ("rdflib", "oxigraph")
ID = "https://w3id.org/legco-kg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graphs folder holding the fixture and a merged .nq that must not be loaded."""
    folder = tmp_path_factory.mktemp("graphs")
    (folder / "papers.trig").write_bytes(FIXTURE.read_bytes())
    (folder / "legco-kg.nq").write_text(f"<{ID}x> <{ID}p> <{ID}y> <{ID}g> .\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def loaded() -> dict[str, object]:
    return {engine: q.load(engine, [FIXTURE]) for engine in ENGINES}


def run(loaded: dict[str, object], engine: str, text: str) -> q.Result:
    return q.run(engine, loaded[engine], text)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["query", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def without_store_note(err: str) -> str:
    """stderr without the line saying that a folder without `store/` is read from its TriG
    files (issue 15: Oxigraph reads a folder's store when it has one)."""
    lines = err.splitlines(keepends=True)
    if lines and lines[0].startswith("legco-kg: not using a store ("):
        lines = lines[1:]
    return "".join(lines)


# --- prefixes -----------------------------------------------------------------------------


def test_query_prefixes_file_is_generated_from_vocab() -> None:
    text = (QUERIES / "prefixes.rq").read_text(encoding="utf-8")
    assert text == q.prefix_block(), "regenerate with `python -m extractor.query > queries/prefixes.rq`"


def test_query_prefixes_file_agrees_with_vocab_prefixes() -> None:
    from extractor.vocab import BASE, PREFIXES

    text = (QUERIES / "prefixes.rq").read_text(encoding="utf-8")
    declared = dict(re.findall(r"^PREFIX\s+([\w-]+):\s+<([^>]+)>", text, re.MULTILINE))
    assert {name: declared[name] for name in PREFIXES} == {name: str(ns) for name, ns in PREFIXES.items()}
    assert set(declared) - set(PREFIXES) == {"rdf", "rdfs", "xsd", "owl"}
    assert re.findall(r"^BASE <([^>]+)>", text, re.MULTILINE) == [BASE]


# fmt: off
PROLOGUES = [
    # (query, has its own BASE, prefixes it declares)
    ("SELECT * WHERE { ?s ?p ?o }", False, set()),
    ("PREFIX pol: <http://example.org/pol#>\nSELECT * { ?s pol:x ?o }", False, {"pol"}),
    ("# a comment <with> PREFIX zz: <x>\nprefix ex: <http://e/>\n  PREFIX : <http://d/>\nASK {}", False, {"ex", ""}),
    ("BASE <http://example.org/>\nPREFIX a-b.c: <x/>\nSELECT ?s { ?s ?p ?o }", True, {"a-b.c"}),
    ("SELECT ?s { ?s ?p ?o } # PREFIX late: <http://l/>", False, set()),
]
# fmt: on


@pytest.mark.parametrize(("text", "has_base", "names"), PROLOGUES)
def test_query_declared_reads_only_the_prologue(text: str, has_base: bool, names: set[str]) -> None:
    assert q.declared(text) == (has_base, names)


def test_query_prepare_adds_base_and_only_missing_prefixes() -> None:
    own = "PREFIX pol: <http://example.org/pol#>\nSELECT ?s WHERE { ?s pol:x ?o }"
    prepared = q.prepare_query(own)
    assert prepared.startswith(f"BASE <{ID}>\n")
    assert prepared.endswith(own)
    assert "<https://w3id.org/legco-kg/ontology#>" not in prepared
    assert "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in prepared
    with_base = "BASE <http://example.org/>\nSELECT ?s WHERE { ?s ?p ?o }"
    assert "BASE <https://w3id.org" not in q.prepare_query(with_base)


@pytest.mark.parametrize("engine", ENGINES)
def test_query_own_prefix_and_base_win(loaded: dict[str, object], engine: str) -> None:
    relative = "ASK { <time/fy/2025-26> a time:ProperInterval }"
    assert run(loaded, engine, relative).boolean is True
    own_pol = "PREFIX pol: <http://example.org/pol#>\nASK { ?m a pol:PolicyMeasure }"
    assert run(loaded, engine, own_pol).boolean is False
    own_base = "BASE <https://w3id.org/legco-kg/id/time/>\nSELECT ?d { <fy/2025-26> time:hasEnd ?d }"
    assert run(loaded, engine, own_base).rows == ((q.Term("uri", f"{ID}time/day/2026-03-31"),),)


# --- exact answers under both engines -----------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_query_measure_amounts_table(capsys: pytest.CaptureFixture[str], graphs: Path, engine: str) -> None:
    code, out, _ = cli(capsys, str(QUERIES / "measure-amounts.rq"), "--graphs", str(graphs), "--engine", engine)
    assert code == 0
    assert out == (
        "measure                      name                      value       min        max        currency"
        "  qualifier           paper\n"
        "---------------------------  ------------------------  ----------  ---------  ---------  --------"
        "  ------------------  -------------------------\n"
        "<measure/auto-0a1b2c3d4e5f>  Research Matching Fund    3000000000                        HKD     "
        "  polv:qual-at-least  <paper/cb-4-123-24-25-01>\n"
        "<measure/auto-5f4e3d2c1b0a>  Smart Lamppost Programme              200000000  250000000  HKD     "
        "  polv:qual-approx    <paper/fc-2025-26-03>\n"
        "(2 rows)\n")


@pytest.mark.parametrize("engine", ENGINES)
def test_query_fiscal_year_csv(capsys: pytest.CaptureFixture[str], graphs: Path, engine: str) -> None:
    code, out, _ = cli(capsys, str(QUERIES / "fiscal-year-facts.rq"), "--graphs", str(graphs),
                       "--engine", engine, "--format", "csv")
    assert code == 0
    assert out == ("measure,date,begin,end\r\n"
                   f"{ID}measure/auto-0a1b2c3d4e5f,{ID}paper/cb-4-123-24-25-01/fact/date/333333333333,"
                   "2025-04-01,2026-03-31\r\n")


# fmt: off
ANSWERS = [
    # a day in both paper graphs is one node of the merged default graph
    ("SELECT (COUNT(?d) AS ?n) WHERE { ?d a time:Instant }",
     [[q.Term("literal", "2", XSD + "integer")]]),
    # decimals summed: rdflib says 3.0, Oxigraph 3
    ("SELECT (SUM(?v) AS ?total) WHERE { ?q a schema:QuantitativeValue ; schema:value ?v }",
     [[q.Term("literal", "3.0", XSD + "decimal")]]),
    (("SELECT ?party ?share WHERE { ?r pol:hasTerm ?t . ?t pol:party ?party ; pol:share ?share ;"
     " pol:position ?n } ORDER BY ?n"),
     [[q.Term("uri", "https://w3id.org/legco-kg/concept/party-government"), q.Term("literal", "1", XSD + "integer")],
      [q.Term("uri", "https://w3id.org/legco-kg/concept/party-other"), q.Term("literal", "2", XSD + "integer")]]),
    # Oxigraph lower-cases language tags; both give BCP 47 case
    ("SELECT ?label WHERE { <org/ogcio> skos:prefLabel ?label }",
     [[q.Term("literal", "Digital Policy Office", None, "en")],
      [q.Term("literal", "數字政策辦公室", None, "zh-Hant")]]),
    ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a pol:PolicyMeasure } } GROUP BY ?g",
     [[q.Term("uri", f"{ID}paper/cb-4-123-24-25-01/graph"), q.Term("literal", "1", XSD + "integer")],
      [q.Term("uri", f"{ID}paper/fc-2025-26-03/graph"), q.Term("literal", "1", XSD + "integer")]]),
    ("SELECT ?paper ?date WHERE { ?paper eli:date_document ?date . FILTER(?date >= '2025-03-01'^^xsd:date) }",
     [[q.Term("uri", f"{ID}paper/cb-4-123-24-25-01"), q.Term("literal", "2025-03-14", XSD + "date")]]),
    ("SELECT ?end WHERE { ?f pol:edtf '2025-04-01/' . OPTIONAL { ?f time:hasEnd ?end } }",
     [[None]]),
]
# fmt: on


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("text", "rows"), ANSWERS)
def test_query_exact_answers(loaded: dict[str, object], engine: str, text: str, rows: list[list[object]]) -> None:
    assert [list(row) for row in run(loaded, engine, text).rows] == rows


@pytest.mark.parametrize("engine", ENGINES)
def test_query_select_star_columns_in_order_of_appearance(loaded: dict[str, object], engine: str) -> None:
    result = run(loaded, engine, "SELECT * WHERE { ?term pol:share ?share ; pol:party ?party }")
    assert result.variables == ("term", "share", "party")
    assert len(result.rows) == 2


# fmt: off
SAME_OUTPUT = [
    "SELECT * WHERE { ?m skos:prefLabel ?l ; pol:hasAmount ?a . OPTIONAL { ?a schema:value ?v } }",
    ("SELECT ?m (SUM(?v) AS ?s) (AVG(?v) AS ?mean) (MAX(?v) AS ?top) WHERE { ?m pol:hasQuantity/schema:value ?v }"
    " GROUP BY ?m"),
    "SELECT (1.50 AS ?dec) (1e0 AS ?dbl) (xsd:float('2.5') AS ?flt) (true AS ?b) ('x'@EN-gb AS ?l) WHERE {}",
    "SELECT DISTINCT ?type WHERE { ?x a ?type }",
    "SELECT ?s ?text WHERE { ?s nif:isString ?text }",
    "ASK { ?x schema:value 3000000000 }",
    "CONSTRUCT { ?m rdfs:label ?l ; pol:total ?v } WHERE { ?m skos:prefLabel ?l ; pol:hasQuantity/schema:value ?v }",
    "CONSTRUCT { [] rdfs:label ?l } WHERE { <org/itib> skos:prefLabel ?l }",
    "DESCRIBE <org/ogcio>",
]
# fmt: on


@pytest.mark.parametrize("fmt", q.FORMATS)
@pytest.mark.parametrize("text", SAME_OUTPUT)
def test_query_output_identical_across_engines(capsys: pytest.CaptureFixture[str], graphs: Path,
                                               text: str, fmt: str) -> None:
    outputs = [cli(capsys, text, "--graphs", str(graphs), "--engine", e, "--format", fmt) for e in ENGINES]
    assert outputs[0][0] == outputs[1][0] == 0
    assert outputs[0][1] == outputs[1][1]
    assert outputs[0][1].strip()


def test_query_json_is_sparql_results_json(capsys: pytest.CaptureFixture[str], graphs: Path) -> None:
    text = "SELECT ?l ?v ?none WHERE { <org/itib> skos:prefLabel ?l . FILTER(lang(?l) = 'en') BIND(2.50 AS ?v) }"
    code, out, _ = cli(capsys, text, "--graphs", str(graphs), "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "head": {"vars": ["l", "v", "none"]},
        "results": {"bindings": [{
            "l": {"type": "literal", "value": "Innovation, Technology and Industry Bureau", "xml:lang": "en"},
            "v": {"type": "literal", "value": "2.5", "datatype": XSD + "decimal"}}]}}


@pytest.mark.parametrize("engine", ENGINES)
def test_query_ask_and_construct_output(capsys: pytest.CaptureFixture[str], graphs: Path, engine: str) -> None:
    assert cli(capsys, "ASK { ?x schema:value 2.5 }", "--graphs", str(graphs), "--engine", engine)[1] == "true\n"
    assert cli(capsys, "ASK { ?x schema:value 2.5 }", "--graphs", str(graphs), "--engine", engine,
               "--format", "json")[1] == '{"head": {}, "boolean": true}\n'
    code, out, _ = cli(capsys, "CONSTRUCT { <org/ogcio> org:subOrganizationOf ?p } WHERE "
                               "{ <org/ogcio> org:subOrganizationOf ?p }", "--graphs", str(graphs), "--engine", engine)
    assert code == 0
    assert out == ("@prefix org: <http://www.w3.org/ns/org#> .\n\n"
                   f"<{ID}org/ogcio> org:subOrganizationOf <{ID}org/itib> .\n\n")


def test_query_table_shortens_iris_and_measures_cjk_width() -> None:
    result = q.Result("select", ("a", "b"), (
        (q.Term("uri", "https://w3id.org/legco-kg/ontology#Fact"), q.Term("literal", "研究", None, "zh-Hant")),
        (q.Term("uri", "http://example.org/x"), q.Term("literal", "ab")),
    ))
    assert q.to_table(result).splitlines() == [
        "a" + " " * 23 + "b",
        "-" * 22 + "  " + "-" * 4,
        "pol:Fact" + " " * 16 + "研究",
        "<http://example.org/x>  ab",
        "(2 rows)",
    ]
    long = q.Result("select", ("t",), ((q.Term("literal", "研" * 50),),))
    assert q.to_table(long, cell_width=9).splitlines()[2] == "研研研研…"


# --- errors -------------------------------------------------------------------------------


# Oxigraph points past the closing parenthesis, rdflib at the FILTER; both count the user's
# lines, not the 28 lines of the prepared query.
@pytest.mark.parametrize(("engine", "where"), [("rdflib", "line 3, column 3"), ("oxigraph", "line 4, column 2")])
def test_query_bad_sparql_exits_2_naming_the_problem(capsys: pytest.CaptureFixture[str], graphs: Path,
                                                     engine: str, where: str) -> None:
    code, out, err = cli(capsys, "SELECT ?x WHERE {\n  ?x pol:p ?y .\n  FILTER(?y > )\n}",
                         "--graphs", str(graphs), "--engine", engine)
    assert (code, out) == (2, "")
    err = without_store_note(err)
    assert err.startswith(f"legco-kg: bad SPARQL ({engine} parser): ")
    assert where in err, err


@pytest.mark.parametrize("engine", ENGINES)
def test_query_undeclared_prefix_is_named(capsys: pytest.CaptureFixture[str], graphs: Path, engine: str) -> None:
    code, _, err = cli(capsys, "SELECT ?x WHERE { ?x zz:p ?y }", "--graphs", str(graphs), "--engine", engine)
    assert code == 2
    assert without_store_note(err).startswith("legco-kg: bad SPARQL: prefix zz: is not declared; declare it with PREFIX or use one of rdf:")


# fmt: off
BAD_INPUTS = [
    (["ASK {{}}", "--graphs", "{tmp}/missing"], "graphs folder '{tmp}/missing' does not exist"),
    (["ASK {{}}", "--graphs", "{tmp}"], "graphs folder '{tmp}' has no .trig files"),
    (["{tmp}/absent.rq", "--graphs", "{graphs}"], "query file '{tmp}/absent.rq' does not exist"),
    (["  ", "--graphs", "{graphs}"], "the query is empty"),
]
# fmt: on


@pytest.mark.parametrize(("argv", "message"), BAD_INPUTS)
def test_query_bad_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, graphs: Path,
                                 argv: list[str], message: str) -> None:
    (tmp_path / "legco-kg.nq").write_text("", encoding="utf-8")  # an .nq alone is not a graphs folder
    fill = {"tmp": str(tmp_path), "graphs": str(graphs)}
    code, out, err = cli(capsys, *[a.format(**fill) for a in argv])
    assert (code, out) == (2, "")
    assert err.startswith("legco-kg: " + message.format(**fill))


def test_query_bad_trig_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "broken.trig").write_text("<a> <b> .\n", encoding="utf-8")
    for engine in ENGINES:
        code, _, err = cli(capsys, "ASK {}", "--graphs", str(tmp_path), "--engine", engine)
        assert code == 2
        assert without_store_note(err).startswith(f"legco-kg: {tmp_path / 'broken.trig'}: not readable TriG ("), err


def test_query_nq_is_not_loaded(loaded: dict[str, object], capsys: pytest.CaptureFixture[str], graphs: Path) -> None:
    code, out, _ = cli(capsys, f"ASK {{ <{ID}x> ?p ?o }}", "--graphs", str(graphs))
    assert (code, out) == (0, "false\n")


# --- canonical forms ----------------------------------------------------------------------

# fmt: off
LEXICAL = [
    ("3000000003.0", "decimal", "3000000003.0"), ("3000000003", "decimal", "3000000003.0"),
    ("1.50", "decimal", "1.5"), ("-0.0", "decimal", "0.0"), ("0.0500", "decimal", "0.05"),
    ("+007", "integer", "7"), ("1", "double", "1.0E0"), ("1.0E0", "double", "1.0E0"),
    ("0.00125", "double", "1.25E-3"), ("-1234.5", "float", "-1.2345E3"), ("INF", "double", "INF"),
    ("1", "boolean", "true"), ("abc", "integer", "abc"), ("2025-04-01", "date", "2025-04-01"),
]
# fmt: on


@pytest.mark.parametrize(("lexical", "datatype", "canonical"), LEXICAL)
def test_query_canonical_lexical(lexical: str, datatype: str, canonical: str) -> None:
    assert q.canonical_lexical(lexical, XSD + datatype) == canonical


@pytest.mark.parametrize(("tag", "cased"), [("zh-hant", "zh-Hant"), ("EN", "en"), ("zh-hant-hk", "zh-Hant-HK"),
                                            ("en-x-legco", "en-x-legco")])
def test_query_bcp47_case(tag: str, cased: str) -> None:
    assert q.bcp47_case(tag) == cased


SERVICE_CALLS = [
    "SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://x/> { ?s ?p ?o } }",
    # the probe's bypasses of a text test: a dot right before the keyword, lower case, SILENT
    "SELECT * { ?s ?p ?o .SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "SELECT * { ?s ?p ?o .service <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "SELECT * { ?s ?p ?o .SERVICE SILENT <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "SELECT * { OPTIONAL { ?s ?p ?o . FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?x } } } }",
]
NOT_SERVICE_CALLS = [
    "SELECT ?service { ?service rdfs:label 'SERVICE' } # SERVICE",
    "SELECT * { ?s ex:SERVICE <http://x/#SERVICE> }",
    "SELECT * { ?s pol:evidence ?o }",
]


@pytest.mark.parametrize("text", SERVICE_CALLS)
def test_query_service_found_in_the_parsed_query(text: str) -> None:
    assert q.uses_service(text)


@pytest.mark.parametrize("text", NOT_SERVICE_CALLS)
def test_query_service_word_in_names_strings_and_comments_is_no_call(text: str) -> None:
    assert not q.uses_service(text)


@pytest.mark.parametrize("text", SERVICE_CALLS[2:5])
def test_query_cli_refuses_service_calls(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from extractor.cli import main

    (tmp_path / "papers.trig").write_bytes((DATA / "query_fixture.trig").read_bytes())
    assert main(["query", text, "--graphs", str(tmp_path)]) == 2
    assert "SERVICE calls are refused" in capsys.readouterr().err


def test_query_text_or_file(tmp_path: Path) -> None:
    saved = tmp_path / "ask.sparql"
    saved.write_text("ASK { ?s ?p ?o }\n", encoding="utf-8")
    assert q.read_query(str(saved)) == "ASK { ?s ?p ?o }\n"
    long_text = "SELECT ?s WHERE { ?s ?p ?o . FILTER(CONTAINS(STR(?s), '" + "x" * 300 + "')) }"
    assert q.read_query(long_text) == long_text  # too long for a file name: it is the query


def test_query_module_imports_no_engine() -> None:
    import subprocess
    import sys

    code = "import sys, extractor.query, extractor.serve, extractor.bench; print(sorted(m for m in " \
           "('rdflib', 'pyoxigraph') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out == "[]\n"


@pytest.mark.parametrize(("asked", "chosen"), [("auto", "oxigraph"), ("oxigraph", "oxigraph"), ("rdflib", "rdflib")])
def test_auto_engine_is_oxigraph_whatever_the_size(asked: str, chosen: str) -> None:
    """Issue 15: Oxigraph loaded and answered faster than rdflib even on the smallest paper."""
    assert q.choose_engine(asked) == chosen


def test_an_unknown_engine_is_named() -> None:
    with pytest.raises(q.QueryError, match="'jena' is not one of auto, oxigraph, rdflib"):
        q.choose_engine("jena")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("condition", ['LANG(?l) = "zh-Hant"', 'LANG(?l) = "zh-hant"', '"ZH-HANT" = LANG(?l)'])
def test_language_tags_compare_alike_in_both_engines(loaded: dict[str, object], engine: str, condition: str) -> None:
    """Oxigraph lower-cases tags (`zh-hant`) where rdflib keeps them (`zh-Hant`); a comparison of
    tags is case-insensitive in both, and agrees with LANGMATCHES."""
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s skos:prefLabel ?l FILTER({condition}) }}"
    expected = 'SELECT (COUNT(*) AS ?n) WHERE { ?s skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "zh-Hant")) }'
    got = run(loaded, engine, count).rows[0][0].value
    assert got == run(loaded, engine, expected).rows[0][0].value and int(got) > 0


# --- unknown terms of the project's namespaces ---------------------------------------------------

# fmt: off
UNKNOWN_TERMS = [
    ("SELECT ?m WHERE { ?m a pol:PolicyMeasure ; pol:hasAmount ?a }", []),
    ("SELECT ?m WHERE { ?m pol:hasAmmount ?a }", [("pol:hasAmmount", "pol:hasAmount")]),
    ("SELECT ?m WHERE { ?m a pol:Policymeasure }", [("pol:Policymeasure", "pol:PolicyMeasure")]),
    ("ASK { ?a pol:qualifier polv:qual-exactt }", [("polv:qual-exactt", "polv:qual-exact")]),
    ("ASK { ?m <https://w3id.org/legco-kg/ontology#announcedIN> ?p }", [("pol:announcedIN", "pol:announcedIn")]),
    ("PREFIX p: <https://w3id.org/legco-kg/ontology#>\nASK { ?m p:hasDat ?d }", [("p:hasDat", "p:hasDate")]),
    ("ASK { ?m pol:zzzzqqqq ?d }", [("pol:zzzzqqqq", None)]),
    # not the project's namespaces, or not code: no warning
    ("ASK { ?m schema:valu ?v . ?m rdfs:label 'pol:hasAmmount' } # pol:Nothing", []),
    ("ASK { ?m pol:hasAmount ?a. ?a a pol:Fact.}", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), UNKNOWN_TERMS)
def test_query_unknown_terms_with_the_closest_known(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert q.unknown_terms(text) == expected


def test_query_example_queries_use_known_terms_only() -> None:
    for path in sorted(QUERIES.glob("*.rq")):
        assert q.unknown_terms(path.read_text("utf-8")) == [], path.name


def test_query_cli_warns_of_unknown_terms_on_stderr(capsys: pytest.CaptureFixture[str], graphs: Path) -> None:
    code, out, err = cli(capsys, "SELECT ?m WHERE { ?m pol:hasAmmount ?a }", "--graphs", str(graphs))
    assert (code, out) == (0, "m\n-\n(0 rows)\n")
    assert err == (f"legco-kg: not using a store ({graphs}/store/ does not exist); reading the TriG files of "
                   f"{graphs}/ instead\n"
                   "legco-kg: warning: pol:hasAmmount is not a term of the legco-kg ontology; "
                   "did you mean pol:hasAmount?\n")


def test_query_unknown_terms_are_bounded() -> None:
    """A query of many made-up terms costs one closest-match search for the first few only."""
    import time

    text = "ASK { " + " ".join(f"?s pol:madeUp{i} ?o ." for i in range(20000)) + " }"
    started = time.perf_counter()
    found = q.unknown_terms(text)
    assert [term for term, _ in found] == [f"pol:madeUp{i}" for i in range(q.MAX_UNKNOWN_TERMS)]
    assert time.perf_counter() - started < 2.0
