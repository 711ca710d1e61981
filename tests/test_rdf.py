"""The RDF stage on the sample papers: every fact of the facts file is one node of the
graph with its evidence, IRIs are deterministic, and `legco-kg graph` is incremental."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from extractor.build import build_corpus
from extractor.extract import extract
from extractor.rdf import PaperSource, paper_graph, to_trig
from extractor.registry import measure_id
from extractor.vocab import (
    ID,
    NIF,
    POL,
    POLV,
    QB,
    SCHEMA,
    TIME,
    eid_of_where,
    fact_iri,
    paper_key,
)

CLASS_OF_CATEGORY = {"amounts": SCHEMA["MonetaryAmount"], "quantities": SCHEMA["QuantitativeValue"],
                     "dates": TIME["ProperInterval"], "durations": TIME["Duration"], "ratios": POL["Ratio"]}


def build(name: str) -> tuple[dict, Graph]:
    from conftest import parsed

    doc = parsed(name)
    facts = extract(doc)
    return facts, paper_graph(doc, facts, PaperSource(paper_key(None, Path(name).stem), "txt", "0" * 64))


@pytest.mark.parametrize("name", ["zh-2024-pa-itib.txt", "zh-2024-pa-itib.pdf", "en-2021-22-budget-speech.txt",
                                  "zh-2024-pa-p78.txt"])
def test_graph_and_facts_file_agree(name: str) -> None:
    """One fact node per mention of each category, one observation per KPI end that has a period, one link
    per measure link."""
    facts, graph = build(name)
    for category, cls in CLASS_OF_CATEGORY.items():
        assert len(set(graph.subjects(RDF.type, cls))) == len(facts[category]), category
    dated = facts["paper"]["reference_date"] is not None  # an undated baseline is the paper's year
    kpi_ends = sum(1 for category in ("amounts", "quantities") for value in facts[category] if "kpi" in value
                   and (value["kpi"]["year"] is not None or (dated and value["kpi"]["role"] == "baseline")))
    assert len(set(graph.subjects(RDF.type, QB["Observation"]))) == kpi_ends
    links = sum(len(m["responsible"]) + sum(len(v) for v in m["links"].values()) for m in facts["measures"])
    assert len(set(graph.subjects(RDF.type, RDF.Statement))) == links
    # One node per measure, however often the paper names it (issue 13: `measure/{registry id}`).
    key = paper_key(None, Path(name).stem)
    assert len(set(graph.subjects(RDF.type, POL["PolicyMeasure"]))) == len({measure_id(m["name"], key)
                                                                            for m in facts["measures"]})
    for fact in graph.subjects(RDF.type, POL["Fact"]):
        assert list(graph.objects(fact, POL["evidence"])), fact


@pytest.mark.parametrize("name", ["zh-2024-pa-itib.pdf", "en-2021-22-budget-speech.txt"])
def test_spans_quote_their_context(name: str) -> None:
    _, graph = build(name)
    spans = set(graph.subjects(RDF.type, NIF["OffsetBasedString"]))
    assert len(spans) > 100
    for span in spans:
        begin = graph.value(span, NIF["beginIndex"]).toPython()
        end = graph.value(span, NIF["endIndex"]).toPython()
        text = str(graph.value(graph.value(span, NIF["referenceContext"]), NIF["isString"]))
        assert text[begin:end] == str(graph.value(span, NIF["anchorOf"])), span
        assert str(span).endswith(f"#char={begin},{end}")


def test_paragraph_15_of_the_sample_paper() -> None:
    """The worked example of the ontology design: 1.8 億元 in paragraph 15, page 4, with its ratio."""
    _, graph = build("zh-2024-pa-itib.pdf")
    amount = fact_iri("zh-2024-pa-itib", "amount", {"part": "para_15", "currency": "HKD", "qualifier": "exact",
                                                     "value": "180000000", "occurrence": 1})
    assert graph.value(amount, SCHEMA["value"]) == Literal(180000000)
    span = graph.value(amount, POL["evidence"])
    assert str(graph.value(span, NIF["anchorOf"])) == "1.8 億元"
    context = graph.value(span, NIF["referenceContext"])
    assert context == ID["paper/zh-2024-pa-itib/para_15__p_1/zh-hant"]
    assert Literal(4) in set(graph.objects(context, POL["page"]))
    ratios = [r for r in graph.subjects(RDF.type, POL["Ratio"])
              if "(政府)" in str(graph.value(graph.value(r, POL["evidence"]), NIF["anchorOf"]))
              or "（政府）" in str(graph.value(graph.value(r, POL["evidence"]), NIF["anchorOf"]))]
    shares = {(str(graph.value(t, POL["party"])), graph.value(t, POL["share"]).toPython())
              for r in ratios[:1] for t in graph.objects(r, POL["hasTerm"])}
    assert shares == {(str(POLV["party-government"]), Decimal(1)), (str(POLV["party-other"]), Decimal(2))}


def test_kpi_baseline_and_target() -> None:
    _, graph = build("zh-2024-pa-itib.txt")
    rows = {(str(graph.value(o, POL["observationRole"])).rsplit("-", 1)[1],
             str(graph.value(o, URIRef("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod"))).rsplit("/", 1)[1],
             graph.value(o, URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue")).toPython())
            for o in graph.subjects(RDF.type, QB["Observation"])}
    assert {("baseline", "2022", 330), ("target", "2027", 600)} <= rows


def test_fiscal_year_periods_name_their_interval() -> None:
    _, graph = build("zh-2024-pa-itib.txt")
    fiscal = {str(o) for o in graph.objects(None, TIME["intervalEquals"]) if "/time/fy/" in str(o)}
    assert str(ID["time/fy/2025-26"]) in fiscal


@pytest.mark.parametrize(("name", "words", "vagueness"), [
    ("zh-2024-pa-itib.txt", "於 2025 年年初", "vague-early"),
    ("zh-2024-pa-itib.txt", "在 2022 年年底", "vague-late"),
    ("en-2021-22-budget-speech.txt", "in late 2018", "vague-late"),
])
def test_vague_periods_keep_their_reading_and_wording(name: str, words: str, vagueness: str) -> None:
    _, graph = build(name)
    found = {(str(graph.value(d, POL["vagueness"])).rsplit("/", 1)[1], str(t))
             for d, t in graph.subject_objects(POL["originalText"])}
    assert any(v == vagueness and words in t for v, t in found), sorted(found)[:10]


def test_relative_periods_are_anchored_to_the_paper_date() -> None:
    """今年二月 in a paper of 28 October 2024 is February 2024, anchored to that day."""
    _, graph = build("zh-2024-pa-itib.txt")
    anchored = {d for d in graph.subjects(POL["anchoredTo"], ID["time/day/2024-10-28"])}
    months = {str(graph.value(d, TIME["intervalEquals"])) for d in anchored}
    assert str(ID["time/month/2024-02"]) in months
    assert all(graph.value(d, POL["anchoredTo"]) == ID["time/day/2024-10-28"] for d in graph.subjects(POL["anchoredTo"]))
    written = [d for d in graph.subjects(TIME["intervalEquals"], ID["time/year/2027"])]  # 2027 年
    assert written and not any(graph.value(d, POL["anchoredTo"]) for d in written)


def test_same_input_same_bytes_and_no_blank_nodes() -> None:
    first = to_trig([build("zh-2024-pa-p78.txt")[1]])
    second = to_trig([build("zh-2024-pa-p78.txt")[1]])
    assert first == second
    assert "_:" not in first and "[" not in first.replace("\\[", "")


@pytest.mark.parametrize(("where", "eid"), [("p9", "para_9"), ("annex2", "att_2"), ("fn1", "fnote_1"),
                                             ("title", "preface")])
def test_where_codes_become_eids(where: str, eid: str) -> None:
    assert eid_of_where(where) == eid


def test_bad_where_code_is_named() -> None:
    with pytest.raises(ValueError, match="'para9'"):
        eid_of_where("para9")


@pytest.mark.parametrize(("number", "name", "key"), [
    ("LC Paper No. CB(4)123/24-25(01)", "x", "cb-4-123-24-25-01"),
    ("立法會CB(4)123/24-25(01)號文件", "y", "cb-4-123-24-25-01"),
    ("立法會CB(3)634/2026(01)號文件", "z", "cb-3-634-2026-01"),
    (None, "zh-2024-pa-itib.txt", "zh-2024-pa-itib-txt"),
])
def test_paper_keys(number: str | None, name: str, key: str) -> None:
    assert paper_key(number, name) == key


def test_graph_is_incremental(tmp_path: Path, corpus: Path) -> None:
    papers_dir = tmp_path / "corpus"
    papers_dir.mkdir()
    for name in ("zh-2024-pa-p78.txt", "en-2024-pa-p78.txt"):
        shutil.copy(corpus / name, papers_dir / name)
    papers = sorted(papers_dir.iterdir())
    names = {p: p.stem for p in papers}
    out = tmp_path / "graphs"
    first = build_corpus(papers, names, out)
    assert sorted(first.built) == ["en-2024-pa-p78", "zh-2024-pa-p78"]
    merged = (out / "legco-kg.nq").read_bytes()
    again = build_corpus(papers, names, out)
    assert again.built == [] and len(again.unchanged) == 2
    assert (out / "legco-kg.nq").read_bytes() == merged
    (papers_dir / "en-2024-pa-p78.txt").write_text(
        (corpus / "en-2024-pa-p78.txt").read_text("utf-8").replace("$10 billion", "$12 billion"), "utf-8")
    changed = build_corpus(papers, names, out)
    assert changed.built == ["en-2024-pa-p78"]
    assert b"12000000000" in (out / "legco-kg.nq").read_bytes()
    build_corpus(papers[1:], {p: names[p] for p in papers[1:]}, out)  # one paper built alone adds to the folder
    assert (out / "en-2024-pa-p78.trig").exists() and b"en-2024-pa-p78" in (out / "legco-kg.nq").read_bytes()
    (papers_dir / "en-2024-pa-p78.txt").unlink()  # a paper gone from the folder read in full leaves with its outputs
    build_corpus(papers[1:], {p: names[p] for p in papers[1:]}, out, folders=[papers_dir])
    assert not (out / "en-2024-pa-p78.trig").exists() and not (out / "en-2024-pa-p78.facts.json").exists()
    assert b"en-2024-pa-p78" not in (out / "legco-kg.nq").read_bytes()


def test_every_unit_the_recognizer_writes_has_a_qudt_unit() -> None:
    from extractor.recognizers.quantities import EN_UNITS, ZH_UNITS
    from extractor.vocab import UNIT_OF_UCUM

    assert {*ZH_UNITS.values(), *EN_UNITS.values(), "1", "PFLOPS"} <= set(UNIT_OF_UCUM)
