"""`legco-kg track` and `legco-kg diff`: the revision rules on records with real values of
the corpus, and an edited copy of zh-2024-pa-itib.txt (one amount and one date changed,
dated two days later) whose comparison must show exactly those two revisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import query as q
from extractor import track as t
from extractor.cli import main

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
ENGINES = ("rdflib", "oxigraph")
SOURCE = "zh-2024-pa-itib.txt"
REVISED = "zh-2024-pa-itib-revised.txt"
ACCELERATOR = "創科加速器先導計劃"
SPACE_CALL = "創新及科技支援計劃特別徵集（航天科技）"
PAPERS = {
    "pa-2022": t.Paper("pa-2022", "2022-10-19", "policy-address", "policy-address"),
    "pa-2024": t.Paper("pa-2024", "2024-10-16", "policy-address", "policy-address"),
    "pa-2024-p78": t.Paper("pa-2024-p78", "2024-10-16", "policy-address", "policy-address"),
    "pa-2025": t.Paper("pa-2025", "2025-09-17", "policy-address", "policy-address"),
    "budget-2024": t.Paper("budget-2024", "2024-02-28", "budget-speech", "budget-speech"),
}


def said(paper: str, **values: object) -> t.Statement:
    return t.Statement(measure=f"measure/{paper}", label=ACCELERATOR, paper=paper, **values)  # type: ignore[arg-type]


YEAR_2025 = t.DateValue("2025-01-01", "2025-12-31", "在 2025 年內")
THIS_YEAR_2024 = t.DateValue("2024-01-01", "2024-12-31", "在今年內", relative=True)
NEXT_FIVE_YEARS = t.DateValue("2024-10-28", "2029-10-27", "於未來五年", relative=True)
VC = "創科創投基金"
VC_TARGET = "在「創科創投基金」下吸引在本地創科初創企業的累計私人投資"

# fmt: off
COMPARISONS = [
    # (earlier statement, later statement, expected (change, was, now))
    (said("pa-2024", amounts=("HKD 180,000,000",)), said("pa-2025", amounts=("HKD 180,000,000",)), []),
    (said("pa-2024", amounts=("HKD 180,000,000", "HKD ≤ 30,000,000")),
     said("pa-2025", amounts=("HKD 200,000,000", "HKD ≤ 30,000,000")),
     [("amount", ("HKD 180,000,000",), ("HKD 200,000,000",))]),
    (said("pa-2024", dates=(YEAR_2025,)), said("pa-2025", dates=(t.DateValue("2026-01-01", "2026-12-31", "在 2026 年內"),)),
     [("date", ("2025-01-01 – 2025-12-31",), ("2026-01-01 – 2026-12-31",))]),
    # 今年 restated a year later has moved; 未來五年 restated two days later has not
    (said("pa-2024", dates=(THIS_YEAR_2024,)),
     said("pa-2025", dates=(t.DateValue("2025-01-01", "2025-12-31", "在今年內", relative=True),)),
     [("date", ("2024-01-01 – 2024-12-31",), ("2025-01-01 – 2025-12-31",))]),
    (said("pa-2024", dates=(NEXT_FIVE_YEARS,)),
     said("pa-2025", dates=(t.DateValue("2024-10-30", "2029-10-29", "於未來五年", relative=True),)), []),
    (said("pa-2024", targets=(t.Target(VC_TARGET, 2027, 4e9, "CCY_HKD"),)),
     said("pa-2025", targets=(t.Target(VC_TARGET, 2027, 5e9, "CCY_HKD"),)),
     [("target-raised", (f"{VC_TARGET}: HKD 4,000,000,000 by 2027",), (f"{VC_TARGET}: HKD 5,000,000,000 by 2027",))]),
    (said("pa-2024", targets=(t.Target("獲資助的非常早期初創企業的累計總數", 2027, 600.0, "NUM"),)),
     said("pa-2025", targets=(t.Target("獲資助的非常早期初創企業的累計總數", 2027, 500.0, "NUM"),)),
     [("target-lowered", ("獲資助的非常早期初創企業的累計總數: 600 NUM by 2027",),
       ("獲資助的非常早期初創企業的累計總數: 500 NUM by 2027",))]),
    (said("pa-2024", units=("香港特別行政區政府",)), said("pa-2025", units=("創新科技及工業局", "香港特別行政區政府")),
     [("unit", (), ("創新科技及工業局",))]),
    # ratios, quantities, the sentence and the paragraph are shown, not compared
    (said("pa-2024", ratios=("1 (政府) : 2 (機構)",), paragraph="para_80"),
     said("pa-2025", ratios=("1 (政府) : 1 (機構)",), paragraph="para_15"), []),
]
# fmt: on


@pytest.mark.parametrize(("earlier", "later", "expected"), COMPARISONS)
def test_track_compare_finds_each_kind_of_revision(earlier: t.Statement, later: t.Statement,
                                                   expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> None:
    found = t.compare(ACCELERATOR, [earlier], [later])
    assert [(r.change, r.was, r.now) for r in found] == expected


# fmt: off
SERIES = [
    # (papers stating the measure, expected (change, earlier papers, later papers))
    (["pa-2024", "pa-2025"], []),
    # the Policy Address and its excerpt are one edition: not compared with each other
    (["pa-2024", "pa-2024-p78"], [("dropped", ("pa-2024", "pa-2024-p78"), ("pa-2025",))]),
    (["pa-2022", "pa-2025"], [("dropped", ("pa-2022",), ("pa-2024", "pa-2024-p78"))]),
    # a Budget is another series: stating it there is no revision of the Policy Address
    (["budget-2024", "pa-2025"], []),
    (["pa-2025"], []),
]
# fmt: on


@pytest.mark.parametrize(("stated", "expected"), SERIES)
def test_track_revisions_compare_editions_of_one_series(stated: list[str],
                                                        expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> None:
    statements = [said(paper, amounts=("HKD 180,000,000",)) for paper in stated]
    assert [(r.change, r.earlier, r.later) for r in t.revisions(statements, PAPERS)] == expected


# fmt: off
SAME_MEASURE = [
    # (a label, the same measure written otherwise)
    ("創科加速器先導計劃", "「創科加速器先導計劃」"),
    ("I&T Accelerator Pilot Scheme", "Ｉ＆Ｔ  accelerator pilot scheme"),
    ("InnoHK 創新香港研發平台", "innohk創新香港研發平台"),
    ("ITVF", "itvf"),
]
# fmt: on


@pytest.mark.parametrize(("label", "written"), SAME_MEASURE)
def test_track_label_key_folds_width_case_and_space(label: str, written: str) -> None:
    assert t.label_key(label) == t.label_key(written)
    assert t.label_key(label) != t.label_key("創科實習計劃")


# --- the edited paper --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import edited_itib_graphs

    return edited_itib_graphs(tmp_path_factory.mktemp("edited"))


EXPECTED = [(SPACE_CALL, "date", ["2024-07-01 – 2024-07-31"], ["2024-09-01 – 2024-09-30"]),
            (ACCELERATOR, "amount", ["HKD 180,000,000"], ["HKD 200,000,000"])]


def same_name(label: str) -> str:
    """A label as the measure's name: the registry's preferred label drops the brackets of
    `（航天科技）`; both are one measure."""
    return next((name for name in (SPACE_CALL, ACCELERATOR, VC) if t.label_key(name) == t.label_key(label)), label)


def test_diff_of_the_edited_paper_shows_exactly_the_two_edits(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", SOURCE, "zh-2024-pa-itib-revised", str(edited), "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    found = json.loads(out)
    assert found["new"] == [] and found["dropped"] == [] and len(found["continued"]) + len(found["own"]) == 38
    changes = [(same_name(c["measure"]), r["change"], r["was"], r["now"]) for c in found["continued"]
               for r in c["changes"]]
    assert changes == EXPECTED
    assert found["earlier"]["date"] == "2024-10-28" and found["later"]["date"] == "2024-10-30"


@pytest.mark.parametrize(("name", "change"), [(ACCELERATOR, "amount"), ("創科加速器先導", "amount"),
                                              ("創新及科技支援計劃特別徵集(航天科技)", "date"), ("創新園", None)])
def test_track_of_the_edited_paper_marks_only_the_edit(edited: Path, name: str, change: str | None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["track", name, str(edited), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [s["paper"] for s in found["statements"]] == ["zh-2024-pa-itib", "zh-2024-pa-itib-revised"]
    assert [r["change"] for r in found["revisions"]] == ([change] if change else [])
    first = found["statements"][0]
    assert first["paper_date"] == "2024-10-28" and first["paragraph"] and first["page"] == 1


def test_track_names_the_closest_measures_when_none_matches(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["track", "創科加速器計劃", str(edited)]) == 2
    err = capsys.readouterr().err
    assert "no measure named '創科加速器計劃'" in err and "did you mean '創科加速器先導計劃'" in err


def test_diff_warns_for_papers_of_two_series(tmp_path: Path) -> None:
    corpus = t.Corpus({"a": PAPERS["budget-2024"], "b": PAPERS["pa-2024"]}, ())
    found = t.diff_papers(corpus, corpus.papers["a"], corpus.papers["b"])
    assert found.warnings and "not one series" in found.warnings[0]


def test_diff_names_an_unknown_paper(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "zh-2024-pa-itb", REVISED, str(edited)]) == 2
    assert "did you mean 'zh-2024-pa-itib'" in capsys.readouterr().err


# --- the queries, both engines -----------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded(edited: Path) -> dict[str, object]:
    return {engine: q.load(engine, q.graph_files(edited)) for engine in ENGINES}


def answer(loaded: dict[str, object], name: str) -> list[dict[str, str]]:
    """Rows as {variable: value}, cells of several values (`a | b`) sorted, after checking
    both engines give the same rows."""
    text = (QUERIES / name).read_text("utf-8")
    rows = {}
    for engine in ENGINES:
        result = q.run(engine, loaded[engine], text)
        rows[engine] = [{v: " | ".join(sorted(t.value.split(" | "))) if t is not None else ""
                         for v, t in zip(result.variables, row)} for row in result.rows]
    assert rows["rdflib"] == rows["oxigraph"]
    return rows["oxigraph"]


def test_measure_timeline_query_has_a_row_per_measure_and_paper(loaded: dict[str, object]) -> None:
    rows = answer(loaded, "measure-timeline.rq")
    accelerator = [r for r in rows if same_name(r["label"]) == ACCELERATOR]
    assert [(r["paper"].rsplit("/", 1)[-1], r["paperDate"], r["paragraph"], r["page"]) for r in accelerator] == [
        ("zh-2024-pa-itib", "2024-10-28", "para_15", "1"), ("zh-2024-pa-itib-revised", "2024-10-30", "para_15", "1")]
    assert [r["amounts"] for r in accelerator] == ["HKD 180000000 | HKD ≤30000000", "HKD 200000000 | HKD ≤30000000"]
    assert accelerator[0]["ratios"] == "1:2" and "創新科技及工業局" in accelerator[0]["units"]
    assert accelerator[0]["series"] == accelerator[1]["series"]
    venture = [r for r in rows if same_name(r["label"]) == VC]
    assert venture and all(f"{VC_TARGET}: 4000000000 (2027)" in r["kpiTargets"] for r in venture)
    assert len(rows) == 2 * 38


def test_revisions_query_finds_exactly_the_two_edits(loaded: dict[str, object]) -> None:
    rows = answer(loaded, "revisions.rq")
    assert [(same_name(r["name"]), r["change"], r["was"], r["now"]) for r in rows] == [
        (SPACE_CALL, "date", "2024-07-01/2024-07-31", "2024-09-01/2024-09-30"),
        (ACCELERATOR, "amount", "HKD 180000000", "HKD 200000000")]
    assert {(r["earlier"].rsplit("/", 1)[-1], r["later"].rsplit("/", 1)[-1]) for r in rows} == {
        ("zh-2024-pa-itib", "zh-2024-pa-itib-revised")}
