"""End to end on the gold papers: parse → extract → score, by the gold format's rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import CORPUS

from extractor.evaluate import TARGETS, score_file
from extractor.extract import extract

GOLD = Path(__file__).resolve().parents[1] / "gold"
# Categories whose target holds on the sample paper (all of them).
HOLDING = ("amounts", "quantities", "dates", "durations", "ratios", "organisations", "measures", "links")


def scores(name: str) -> dict:  # type: ignore[type-arg]
    gold = json.loads((GOLD / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
    return score_file(CORPUS / name, gold)


@pytest.mark.parametrize("name", ["zh-2024-pa-itib.txt", "zh-2024-pa-itib.pdf"])
def test_sample_paper_meets_targets(name: str) -> None:
    result = scores(name)
    for category in HOLDING:
        assert result[category].f1 >= TARGETS[category], (category, result[category])
    assert result["qualifier_accuracy"] >= TARGETS["qualifier_accuracy"]


def test_text_and_pdf_agree_within_002() -> None:
    txt, pdf = scores("zh-2024-pa-itib.txt"), scores("zh-2024-pa-itib.pdf")
    for category in HOLDING:
        assert abs(txt[category].f1 - pdf[category].f1) <= 0.02, category


@pytest.mark.parametrize("name", ["en-2024-pa-p78.txt", "zh-2024-pa-p78.txt", "en-2021-22-budget-speech.txt"])
def test_other_gold_papers_values(name: str) -> None:
    result = scores(name)
    for category in ("amounts", "quantities", "dates", "ratios", "organisations"):
        assert result[category].f1 >= 0.9, (category, result[category])


def test_facts_file_has_every_category(tmp_path: Path) -> None:
    from extractor.cli import main

    assert main(["extract", str(CORPUS / "zh-2024-pa-p78.txt"), "-o", str(tmp_path)]) == 0
    facts = json.loads((tmp_path / "zh-2024-pa-p78.facts.json").read_text(encoding="utf-8"))
    assert set(facts) == {"paper", "amounts", "quantities", "dates", "durations", "ratios", "organisations", "measures"}
    assert {"where": "p80", "text": "1(政府):2(機構)"}.items() <= facts["ratios"][0].items()


def test_simplified_chinese_gives_the_same_values(tmp_path: Path) -> None:
    """`亿元`, `不少于`, `立法会`: converted for matching, spans stay on the original text."""
    from extractor.normalize import to_simplified
    from extractor.parse import parse_paper

    traditional = "13. 獲甄選的基金經理負責成立不少於 6 億元的基金，並於 2025 年年初向立法會提交方案，以 1（政府）：2（機構）配對。"
    simplified = to_simplified(traditional)
    assert "亿元" in simplified and "不少于" in simplified and "立法会" in simplified
    for name, text in (("t.txt", traditional), ("s.txt", simplified)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    facts = {name: extract(parse_paper(tmp_path / name, date(2024, 10, 28))) for name in ("t.txt", "s.txt")}
    assert parse_paper(tmp_path / "s.txt").metadata.language == "zh-Hans"
    for category in ("amounts", "dates", "ratios"):
        strip = [{k: v for k, v in e.items() if k not in ("text",)} for e in facts["t.txt"][category]]
        assert strip == [{k: v for k, v in e.items() if k not in ("text",)} for e in facts["s.txt"][category]]
    assert facts["s.txt"]["amounts"][0]["text"] == "不少于 6 亿元"
    assert {o["name"] for o in facts["s.txt"]["organisations"]} == {"立法會", "香港特別行政區政府"}


@pytest.mark.slow  # the session's build of the whole corpus, when the tutorial's test does not make it first
def test_graph_builds_every_corpus_paper(corpus_graphs: Path) -> None:
    """`legco-kg graph corpus/` (the session's build, shared with the README tutorial's test)."""
    names = sorted(p.name for p in corpus_graphs.glob("*.facts.json"))
    assert "zh-2024-pa-itib.pdf.facts.json" in names and "zh-2024-pa-itib.txt.facts.json" in names
    assert len(names) == len(list(corpus_graphs.glob("*.document.json"))) == 11


@pytest.mark.parametrize("name", ["zh-2024-pa-itib.pdf", "en-2024-pa-p78.txt"])
def test_evidence_spans_quote_their_block(name: str) -> None:
    """Every mention's (block, span) is the exact text it reports; measure links point at linked values."""
    from conftest import parsed

    doc = parsed(name)
    facts = extract(doc)
    quoted = 0
    for category in ("amounts", "quantities", "dates", "durations", "ratios"):
        for fact in facts[category]:
            start, end = fact["span"]
            block = doc.blocks[fact["block"]]
            assert block.text[start:end] == fact["text"] and block.where == fact["where"], fact
            quoted += 1
    for org in facts["organisations"]:
        for ev in org["evidence"]:
            start, end = ev["span"]
            assert doc.blocks[ev["block"]].text[start:end] in org["mentions"]
    assert quoted >= 5
    for measure in facts["measures"]:
        assert measure["evidence"], measure["name"]
        for index in measure["links"]["amounts"]:
            amount = facts["amounts"][index]
            assert (amount.get("value") or {"min": amount.get("min"), "max": amount.get("max")}) in measure["amounts"]
