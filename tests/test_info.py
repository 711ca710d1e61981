"""`legco-kg info`: what each paper holds, and the warnings the graphs cannot show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, parsed

from extractor.cli import main
from extractor.info import annex_key, long_last_paragraph


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


def test_warns_of_an_annex_referred_to_but_not_found(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Annexes found (附件一, 附件二) do not hide one the text names and the layout missed (附件三)."""
    paper = tmp_path / "paper.txt"
    paper.write_text("2024 年 10 月 28 日\n\n1. 政府會推出「甲計劃」，詳情見附件一及附件三。\n\n2. 我們會設立「乙基金」（附件二）。\n\n"
                     "附件一\n\n甲計劃的內容。\n\n附件二\n\n乙基金的內容。\n", encoding="utf-8")
    (found,) = info(capsys, str(paper))
    assert [a.split()[1] for a in found["annexes"]] == ["附件一", "附件二"]
    assert [w for w in found["warnings"] if "refers to" in w] == [
        "the text refers to 附件三, which the layout did not find (found: 附件一, 附件二)"]


# fmt: off
ANNEX_KEYS = [
    ("附件三", ("annex", "3")), ("Annex III", ("annex", "3")), ("ANNEX 3", ("annex", "3")),
    ("附錄 A", ("appendix", "A")), ("Appendix A", ("appendix", "A")), ("附錄Ｂ", ("appendix", "B")),
    ("Appendix 12", ("appendix", "12")), ("附件", None), ("Annex", None),
]
# fmt: on


@pytest.mark.parametrize(("label", "key"), ANNEX_KEYS)
def test_annex_reference_matches_its_label(label: str, key: tuple[str, str] | None) -> None:
    assert annex_key(label) == key


@pytest.mark.parametrize(("paper", "expected"), [
    # the Budget speech's Supplement (補編, PDF pages 69–81) is not an annex the layout knows:
    # it runs on in the last paragraph, p223, up to the appendices
    ("zh-2023-24-budget-speech.pdf", ("p223", 68, 82)),
    ("zh-2024-pa-itib.pdf", None),  # its last paragraph, p31, is on one page
])
def test_warns_of_a_last_paragraph_over_many_pages(paper: str, expected: tuple[str, int, int] | None) -> None:
    found = long_last_paragraph(parsed(paper))
    assert (found and (found[0], found[1][0], found[1][-1])) == expected
