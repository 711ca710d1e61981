"""`papers.csv`: what a paper does not print about itself — its date above all — and the warning
for a paper that has no date at all."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import CORPUS

from extractor.cli import main
from extractor.errors import InputError
from extractor.papers import complete, read_papers_csv
from extractor.parse import parse_paper

HEADER = "file,reference_date,kind,title,language,paired\n"
# zh-2024-pa-p78 prints no date; paragraph 80 says `明年` (next year), which needs one.
P78 = "zh-2024-pa-p78.txt"


def corpus_with(tmp_path: Path, rows: str, names: tuple[str, ...] = (P78,)) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    if rows:
        (folder / "papers.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder


def test_the_project_corpus_dates_every_paper() -> None:
    rows = read_papers_csv(CORPUS)
    for paper in sorted(CORPUS.glob("*.pdf")) + sorted(CORPUS.glob("*.txt")):
        doc = complete(parse_paper(paper), rows.get(paper.name))
        assert doc.metadata.reference_date is not None, paper.name
        assert doc.metadata.document_type is not None, paper.name


def test_a_row_dates_a_paper_that_prints_no_date(tmp_path: Path) -> None:
    folder = corpus_with(tmp_path, f"{P78},2024-10-16,policy-address,,,\n")
    doc = complete(parse_paper(folder / P78), read_papers_csv(folder)[P78])
    assert doc.metadata.reference_date == date(2024, 10, 16)


def test_a_printed_date_wins_over_the_row(tmp_path: Path) -> None:
    folder = corpus_with(tmp_path, "zh-2024-pa-itib.txt,2020-01-01,,,,\n", ("zh-2024-pa-itib.txt",))
    doc = complete(parse_paper(folder / "zh-2024-pa-itib.txt"), read_papers_csv(folder)["zh-2024-pa-itib.txt"])
    assert doc.metadata.reference_date == date(2024, 10, 28)


@pytest.mark.parametrize("rows, message", [
    (f"{P78},16/10/2024,,,,\n", "expected a reference_date as YYYY-MM-DD, got '16/10/2024'"),
    (f"{P78},,speech,,,\n", "expected a kind of policy-address"),
    (f"{P78},,,,zh,\n", "expected a language of zh-Hant, zh-Hans, en, got 'zh'"),
    ("missing.txt,2024-10-16,,,,\n", "missing.txt is not a paper in"),
    (",2024-10-16,,,,\n", "expected a file name in the column file"),
    (f"{P78},,,,,\n{P78},,,,,\n", f"{P78} has a row already"),
])
def test_a_bad_row_is_named(tmp_path: Path, rows: str, message: str) -> None:
    folder = corpus_with(tmp_path, rows)
    with pytest.raises(InputError, match="papers.csv:[23]") as error:
        read_papers_csv(folder)
    assert message in str(error.value)


def test_a_bad_file_exits_2_and_writes_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = corpus_with(tmp_path, "")
    (folder / "papers.csv").write_text("name,date\nx,y\n", encoding="utf-8")
    assert main(["graph", str(folder), "-o", str(tmp_path / "out"), "-q", "-j", "1"]) == 2
    assert "expected the columns file,reference_date,kind,title,language,paired" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_undated_paper_is_reported_and_a_row_fixes_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "corpus"
    folder.mkdir()
    # zh-2024-pa-full p113's wording, in a paper that prints no date
    (folder / "pa.txt").write_text("1. 我們會在明年完成全港性交通習慣調查，並在 2024 年推展先導計劃。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    assert "pa.txt: no reference date" in capsys.readouterr().err
    undated = json.loads((out / "pa.facts.json").read_text(encoding="utf-8"))["dates"]
    assert [(d["text"], d["start"], d.get("relative")) for d in undated] == [("在明年", None, True),  # kept, unresolved
                                                                            ("在 2024 年", "2024-01-01", None)]
    (folder / "papers.csv").write_text(HEADER + "pa.txt,2022-10-19,policy-address,,,\n", encoding="utf-8")
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "no reference date" not in err and err.startswith("1 built, 0 unchanged")
    dated = json.loads((out / "pa.facts.json").read_text(encoding="utf-8"))["dates"]
    assert [(d["text"], d["start"], d["end"]) for d in dated] == [("在明年", "2023-01-01", "2023-12-31"),
                                                                 ("在 2024 年", "2024-01-01", "2024-12-31")]
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    assert capsys.readouterr().err.startswith("0 built, 1 unchanged")


def test_extract_reports_an_undated_paper(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = corpus_with(tmp_path, "")
    assert main(["extract", str(folder / P78), "-o", str(tmp_path / "out")]) == 0
    assert f"{P78}: no reference date" in capsys.readouterr().err
