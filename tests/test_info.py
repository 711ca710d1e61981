"""`legco-kg info`: what each paper holds, and the warnings the graphs cannot show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import CORPUS

from extractor.cli import main


def info(capsys, *args: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    assert main(["info", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_corpus_papers_with_their_dates_and_annexes(capsys) -> None:  # type: ignore[no-untyped-def]
    found = {Path(i["paper"]).name: i for i in info(capsys, str(CORPUS / "zh-2022-pa-full.pdf"),
                                                      str(CORPUS / "zh-2024-pa-itib.txt"))}
    pa = found["zh-2022-pa-full.pdf"]
    assert (pa["kind"], pa["reference_date"], pa["date_source"]) == ("policy-address", "2022-10-19", "papers.csv")
    assert pa["paragraphs"] == 150 and pa["gaps"] == [] and pa["annexes"] == ["annex1 附件 指定項目指標"]
    assert pa["warnings"] == [] and pa["facts"]["measures"] > 100
    itib = found["zh-2024-pa-itib.txt"]
    assert (itib["date_source"], itib["paragraphs"], len(itib["annexes"])) == ("printed", 31, 4)


def test_warnings_for_an_undated_paper_a_gap_and_a_missing_annex(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    paper = tmp_path / "paper.txt"
    paper.write_text("1. 政府會在明年推出「甲計劃」，詳情見附件。\n\n2. 我們會設立「乙基金」。\n\n5. 我們會檢討。\n",
                     encoding="utf-8")
    (found,) = info(capsys, str(paper))
    assert found["date_source"] == "none" and found["gaps"] == ["p3–p4"]
    warnings = " | ".join(found["warnings"])
    assert "no reference date" in warnings and "gaps: p3–p4" in warnings and "refers to an annex" in warnings


def test_text_overview_names_every_paper(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("zh-2024-pa-p78.txt", "en-2024-pa-p78.txt"):
        shutil.copy(CORPUS / name, folder / name)
    assert main(["info", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("warning: no reference date") == 2 and out.endswith("2 paper(s), 2 with warnings\n")
    assert main(["info", str(tmp_path / "empty")]) == 2
