"""The Chinese and English versions of one paper as one graph, and the report of where they disagree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from extractor.align import disagreements
from extractor.build import build_corpus, plan_units, read_pairs
from extractor.cli import main
from extractor.errors import InputError
from extractor.extract import extract
from extractor.rdf import PaperSource, bilingual_graph
from extractor.vocab import DCT, ELI, NIF, POL, SCHEMA, SKOS

ZH, EN = "zh-2024-pa-p78.txt", "en-2024-pa-p78.txt"


def pair_graph(corpus: Path, en_text: str | None = None, tmp: Path | None = None) -> Graph:
    from extractor.parse import parse_paper

    en_path = corpus / EN
    if en_text is not None and tmp is not None:
        en_path = tmp / EN
        en_path.write_text(en_text, "utf-8")
    docs = [parse_paper(corpus / ZH), parse_paper(en_path)]
    return bilingual_graph([(doc, extract(doc), PaperSource("zh-2024-pa-p78", "txt", "0" * 64)) for doc in docs])


def evidence_languages(graph: Graph, fact) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(graph.value(graph.value(span, NIF["referenceContext"]), DCT["language"]))
            for span in graph.objects(fact, POL["evidence"])}


def test_one_work_two_expressions(corpus: Path) -> None:
    graph = pair_graph(corpus)
    (work,) = set(graph.subjects(RDF.type, ELI["Work"]))
    languages = {str(graph.value(e, DCT["language"])) for e in graph.objects(work, ELI["is_realized_by"])}
    assert languages == {"zh-Hant", "en"}


@pytest.mark.parametrize("cls", [SCHEMA["MonetaryAmount"], POL["Ratio"]])
def test_every_amount_and_ratio_has_evidence_in_both_languages(corpus: Path, cls) -> None:  # type: ignore[no-untyped-def]
    graph = pair_graph(corpus)
    facts = set(graph.subjects(RDF.type, cls))
    assert facts
    for fact in facts:
        assert evidence_languages(graph, fact) == {"zh-Hant", "en"}, fact


def test_measures_pair_up_with_labels_in_three_scripts(corpus: Path) -> None:
    graph = pair_graph(corpus)
    measures = set(graph.subjects(RDF.type, POL["PolicyMeasure"]))
    assert len(measures) == 4
    labels = {m: {label.language: str(label) for label in graph.objects(m, SKOS["prefLabel"])} for m in measures}
    assert all(set(by_language) == {"zh-Hant", "zh-Hans", "en"} for by_language in labels.values())
    pairs = {(by_language["zh-Hant"], by_language["en"]) for by_language in labels.values()}
    assert ("創科加速器先導計劃", "I&T Accelerator Pilot Scheme") in pairs
    assert ("创科加速器先导计划" in {by_language["zh-Hans"] for by_language in labels.values()})


def test_versions_that_agree_give_an_empty_report(corpus: Path) -> None:
    assert disagreements(pair_graph(corpus)) == []
    assert main(["align", str(corpus / ZH), str(corpus / EN)]) == 0


def test_a_changed_value_is_named(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (corpus / EN).read_text("utf-8")
    assert "$180 million" in text
    (tmp_path / EN).write_text(text.replace("$180 million", "$190 million"), "utf-8")
    assert main(["align", str(corpus / ZH), str(tmp_path / EN)]) == 1
    report = capsys.readouterr().out
    assert "para_80" in report and "different values" in report
    assert "'1.8億元' = 180000000 HKD" in report and "'$190 million' = 190000000 HKD" in report
    found = disagreements(pair_graph(corpus, text.replace("$180 million", "$190 million"), tmp_path))
    assert [(d.kind, d.problem) for d in found] == [("amount", "different values")]


def test_a_value_in_one_version_only(corpus: Path, tmp_path: Path) -> None:
    text = (corpus / EN).read_text("utf-8").replace("$10 billion", "$10 billion and another $2 billion")
    found = disagreements(pair_graph(corpus, text, tmp_path))
    assert [(d.kind, d.problem, d.statements[0].quote) for d in found] == [("amount", "only in en", "$2 billion")]


def test_align_wants_the_chinese_version_first(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(corpus / EN), str(corpus / ZH)]) == 2
    assert "expected the Chinese version" in capsys.readouterr().err


def test_pairs_file_builds_one_graph(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in (ZH, EN):
        shutil.copy(corpus / name, folder / name)
    (folder / "pairs.csv").write_text(f"zh,en\n{ZH},{EN}\n", "utf-8")
    papers = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    report = build_corpus(papers, {p: p.stem for p in papers}, tmp_path / "graphs", pairs=read_pairs(folder))
    assert report.built == ["zh-2024-pa-p78+en-2024-pa-p78"]
    assert (tmp_path / "graphs" / "zh-2024-pa-p78+en-2024-pa-p78.trig").exists()
    assert (tmp_path / "graphs" / "en-2024-pa-p78.facts.json").exists()


def test_bad_pairs_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "pairs.csv").write_text("zh,en\nmissing.pdf,other.pdf\n", "utf-8")
    with pytest.raises(InputError, match=r"pairs.csv:2: missing.pdf is not a paper"):
        read_pairs(tmp_path)


def test_printed_lc_number_pairs_versions() -> None:
    zh, en, other = Path("a.pdf"), Path("b.pdf"), Path("c.pdf")
    printed = {zh: ("zh-Hant", "cb-4-123-24-25-01"), en: ("en", "cb-4-123-24-25-01"), other: ("en", None)}
    units = plan_units([zh, en, other], {zh: "a", en: "b", other: "c"}, [], printed)
    assert [(u.name, u.papers) for u in units] == [("a+b", (zh, en)), ("c", (other,))]
