"""Scoring details: what `legco-kg eval --details` lists as missed and spurious."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate import format_details, score_paper

GOLD = {
    "paper": {"file": "x"},
    "amounts": [{"where": "p9", "text": "100 億元", "currency": "HKD", "value": "10000000000"}],
    "organisations": [{"name": "創新科技及工業局"}],
    "measures": [
        {"name": "創科產業引導基金", "aliases": ["母基金"], "amounts": ["10000000000"], "responsible": ["創新科技及工業局"],
         "dates": []},
        {"name": "新田科技城", "aliases": [], "amounts": [], "responsible": [], "dates": []},
    ],
}
PRED = {
    "amounts": [{"where": "p9", "text": "100 億元", "currency": "HKD", "value": "10000000000", "block": 3,
                 "span": [2, 8]},
                {"where": "p10", "text": "5 億元", "currency": "HKD", "value": "500000000"}],
    "organisations": [{"name": "創新科技及工業局", "where": ["p9"]}],
    "measures": [
        {"name": "母基金", "aliases": [], "where": ["p9"], "amounts": ["10000000000", "500000000"], "responsible": [],
         "dates": []},
        {"name": "不同的子基金", "aliases": [], "where": ["p10"], "amounts": [], "responsible": [], "dates": []},
    ],
}


def test_score_paper_details_name_what_was_missed_and_spurious() -> None:
    details = score_paper(GOLD, PRED)["details"]
    assert details["amounts"]["fp"] == [PRED["amounts"][1]] and details["amounts"]["fn"] == []
    assert details["measures"] == {"fp": ["不同的子基金"], "fn": ["新田科技城"]}
    # A matched measure's links are reported under its gold name.
    assert details["links"] == {"fp": [("創科產業引導基金", "amount", ("value", "500000000"))],
                                "fn": [("創科產業引導基金", "responsible", "創新科技及工業局")]}
    assert details["organisations"] == {"fp": [], "fn": []}


def test_format_details_lines() -> None:
    lines = format_details(score_paper(GOLD, PRED), ("amounts", "measures", "links"))
    assert lines == [
        "  amounts       + p10 '5 億元' {'currency': 'HKD', 'value': '500000000'}",
        "  measures      - 新田科技城",
        "  measures      + 不同的子基金",
        "  links         - 創科產業引導基金 → responsible 創新科技及工業局",
        "  links         + 創科產業引導基金 → amount ('value', '500000000')",
    ]


@pytest.mark.parametrize("flag, listed", [([], False), (["--details"], True)])
def test_eval_details_option(tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: list[str], listed: bool) -> None:
    from extractor.cli import main

    corpus, gold_dir = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold_dir.mkdir()
    (corpus / "x.txt").write_text("1. 我們會推出「創科實習計劃」。\n", encoding="utf-8")
    gold = {"paper": {"file": "x", "reference_date": "2024-10-28"},
            "measures": [{"name": "新田科技城", "aliases": [], "amounts": [], "responsible": [], "dates": []}]}
    (gold_dir / "x.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert main(["eval", "--corpus", str(corpus), "--gold", str(gold_dir), "--no-targets", *flag]) == 0
    out = capsys.readouterr().out
    assert ("  measures      - 新田科技城" in out) is listed
    assert ("  measures      + 創科實習計劃" in out) is listed
