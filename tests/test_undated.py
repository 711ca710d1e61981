"""Undated papers (issue 16): relative dates are kept unresolved — their words,
``relative: true``, no interval — and the paper is reported once."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from conftest import CORPUS
from rdflib import RDF, Dataset

from extractor.cli import main
from extractor.vocab import POL, TIME

SPEECH = "en-2021-22-budget-speech.txt"  # prints no date: corpus/papers.csv dates it 2021-02-24
FIRST_LINES = 120  # its introduction and economic review: `this year`, `last year` a dozen times each


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The opening of the 2021-22 Budget speech copied alone (no papers.csv row, so no date),
    built with `graph` once; and the same text dated with --reference-date."""
    root = tmp_path_factory.mktemp("undated")
    folder = root / "corpus"
    folder.mkdir()
    paper = folder / SPEECH
    paper.write_text("".join((CORPUS / SPEECH).read_text("utf-8").splitlines(keepends=True)[:FIRST_LINES]), "utf-8")
    capture = io.StringIO()
    with contextlib.redirect_stderr(capture):
        assert main(["graph", str(folder), "-o", str(root / "graphs"), "-q", "-j", "1"]) == 0
        assert main(["extract", str(paper), "-o", str(root / "dated"), "--reference-date", "2021-02-24"]) == 0
    return {"paper": paper, "graphs": root / "graphs", "err": capture.getvalue(),
            "undated": json.loads((root / "graphs" / f"{paper.stem}.facts.json").read_text("utf-8")),
            "dated": json.loads((root / "dated" / f"{paper.stem}.facts.json").read_text("utf-8"))}


def test_undated_relative_dates_kept_without_interval(undated: dict) -> None:  # type: ignore[type-arg]
    facts, dated = undated["undated"], undated["dated"]
    assert facts["paper"]["reference_date"] is None and dated["paper"]["reference_date"] == "2021-02-24"
    assert str(undated["err"]).count("no reference date") == 1 and "kept unresolved" in str(undated["err"])

    def relative(found: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        return [(d["where"], d["text"]) for d in found["dates"] if d.get("relative")]

    assert len(relative(dated)) > 10 and relative(facts) == relative(dated)  # each kept, at its place
    assert all((d["start"], d["end"], d["edtf"]) == (None, None, None) for d in facts["dates"] if d.get("relative"))
    absolute = [(d["where"], d["text"], d["start"], d["end"]) for d in dated["dates"] if not d.get("relative")]
    assert [(d["where"], d["text"], d["start"], d["end"]) for d in facts["dates"] if not d.get("relative")] == absolute


# fmt: off
RELATIVE_WORDS = [
    ("zh", "政府會於今年內推出計劃。", "於今年內"),
    ("zh", "我們會在未來五年增加名額。", "在未來五年"),
    ("en", "The scheme will be launched next year.", "next year"),
    ("en", "We will invest in the coming three years.", "in the coming three years"),
]
# fmt: on


@pytest.mark.parametrize(("lang", "text", "words"), RELATIVE_WORDS)
def test_undated_relative_words_found(lang: str, text: str, words: str) -> None:
    from extractor.recognizers.dates import find_dates

    found = [(m.text, m.value.get("relative"), m.value["start"], m.value["end"]) for m in find_dates(text, lang, None)]
    assert found == [(words, True, None, None)]


def test_undated_rdf_fact_without_interval(undated: dict, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[type-arg]
    """In RDF an unresolved date is an interval with no beginning, end or anchor, its words kept
    (`pol:originalText`), so a measure's link to it stays; the paper still conforms."""
    dataset = Dataset(default_union=True)
    dataset.parse(Path(undated["graphs"]) / f"{Path(undated['paper']).stem}.trig", format="trig")
    unplaced = {d for d in dataset.subjects(POL["originalText"], None)
                if (d, RDF.type, TIME["ProperInterval"]) in dataset and not (d, TIME["hasEnd"], None) in dataset
                and (d, TIME["hasBeginning"], None) not in dataset and (d, POL["anchoredTo"], None) not in dataset}
    words = {str(o) for d in unplaced for o in dataset.objects(d, POL["originalText"])}
    assert "this year" in words and any("last year" in w for w in words)
    assert main(["validate", str(undated["graphs"]), "-q"]) == 0
    capsys.readouterr()
    assert main(["graph", str(Path(undated["paper"]).parent), "-o", str(undated["graphs"]), "-q"]) == 0
    assert "no reference date" not in capsys.readouterr().err  # unchanged, not rebuilt: not reported again


def test_undated_info_counts_unresolved(undated: dict, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[type-arg]
    assert main(["info", "--json", str(undated["paper"])]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found["date_source"] == "none"
    (warning,) = [w for w in found["warnings"] if "no reference date" in w]
    relative = sum(1 for d in undated["undated"]["dates"] if d.get("relative"))
    assert f"{relative} relative date(s)" in warning and "kept unresolved" in warning
