"""The researchers' questions in `queries/`, answered exactly on the sample paper (built
from its PDF), identically by rdflib and Oxigraph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor import query as q

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
ENGINES = ("rdflib", "oxigraph")
SAMPLE = "zh-2024-pa-itib.pdf"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from conftest import build_graphs

    graphs = build_graphs(tmp_path_factory.mktemp("sample"), [SAMPLE])
    return {engine: q.load(engine, q.graph_files(graphs)) for engine in ENGINES}


def answer(loaded: dict[str, object], name: str) -> list[dict[str, str]]:
    """The rows of a query as {variable: lexical value}, after checking both engines agree."""
    text = (QUERIES / name).read_text("utf-8")
    results = {engine: q.run(engine, loaded[engine], text) for engine in ENGINES}
    outputs = {engine: q.format_result(result, "csv") for engine, result in results.items()}
    assert outputs["rdflib"] == outputs["oxigraph"]
    result = results["oxigraph"]
    return [{v: (t.value if t is not None else "") for v, t in zip(result.variables, row)} for row in result.rows]


def slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def test_hkd_committed_per_responsible_unit(sample: dict[str, object]) -> None:
    rows = answer(sample, "hkd-per-unit.rq")
    assert [(slug(r["unit"]), r["unitLabel"], int(r["totalHKD"]), int(r["measures"])) for r in rows] == [
        ("hk-itib", "創新科技及工業局", 34680000000, 5),
        ("hk-government", "香港特別行政區政府", 11680000000, 3),
        ("hk-itvf-ac", "創科創投基金諮詢委員會", 1500000000, 1),
        ("hk-itvfc", "創科創投基金公司", 1500000000, 1),
    ]


def test_matching_ratios_with_their_terms(sample: dict[str, object]) -> None:
    rows = answer(sample, "matching-ratios.rq")
    assert [(r["measureLabel"], r["otherParty"], float(r["governmentShare"]), float(r["otherShare"]),
             float(r["governmentPercent"])) for r in rows] == [
        ("前沿科技研究支援計劃", "大學及其他來源", 1.0, 1.0, 50.0),
        ("前沿科技研究支援計劃", "大學及其他來源", 4.0, 1.0, 80.0),
        ("創科創投基金", "資金", 1.0, 3.0, 25.0),
        ("創科加速器先導計劃", "機構", 1.0, 2.0, 33.0),
    ]


def test_kpi_targets_due_in_2027_with_baselines(sample: dict[str, object]) -> None:
    rows = answer(sample, "kpi-targets-due.rq")
    got = {(r["indicatorLabel"], float(r["target"]), slug(r["targetQualifier"]), int(r["baselineYear"]),
            float(r["baseline"])) for r in rows}
    assert len(rows) == 8
    assert ("在「創科創投基金」下吸引在本地創科初創企業的累計私人投資", 4000000000.0, "qual-at-least", 2022,
            1700000000.0) in got
    assert ("在「大學科技初創企業資助計劃」下獲資助的非常早期初創企業的累計總數", 600.0, "qual-exact", 2022, 330.0) in got


def test_every_amount_with_its_sentence_paragraph_and_page(sample: dict[str, object]) -> None:
    rows = answer(sample, "amounts-with-evidence.rq")
    assert len(rows) == 19
    by_quote = {(r["part"], r["quote"]): r for r in rows}
    accelerator = by_quote[("para_15", "1.8 億元")]
    assert accelerator["page"] == "4" and accelerator["value"] == "180000000"
    assert accelerator["sentence"].startswith("為建立蓬勃的創科生態圈") and "1.8 億元" in accelerator["sentence"]
    assert by_quote[("para_14", "介乎 1.5 億元到 2.5 億元")]["min"] == "150000000"
    assert [(r["part"], r["page"]) for r in rows][:3] == [("para_9", "2"), ("para_12", "3"), ("para_13", "3")]


def test_measures_with_a_date_inside_fiscal_year_2025_26(sample: dict[str, object]) -> None:
    rows = answer(sample, "measures-in-fy-2025-26.rq")
    assert [(r["measureLabel"], r["dateText"], r["begin"], r["end"]) for r in rows] == [
        ("創科產業引導基金", "在 2025-26 年度內", "2025-04-01", "2026-03-31"),
        ("智方便", "在 2025 年或之前", "", "2025-12-31"),
    ]


def test_measures_per_target_sector(sample: dict[str, object]) -> None:
    rows = answer(sample, "measures-per-sector.rq")
    assert [(slug(r["sector"]), int(r["measures"])) for r in rows] == [
        ("sector-innovation-technology", 19), ("sector-data-digital", 7), ("sector-advanced-manufacturing", 5),
        ("sector-education-talent", 4), ("sector-artificial-intelligence", 3), ("sector-cybersecurity", 1),
    ]
    assert all(r["sectorLabel"] for r in rows)


def test_facts_in_one_language_only(sample: dict[str, object], tmp_path: Path) -> None:
    """None in a one-language paper; none in the agreeing p78 pair; one when a value is changed."""
    from conftest import CORPUS, build_graphs

    assert answer(sample, "one-language-facts.rq") == []
    corpus = tmp_path / "src"
    corpus.mkdir()
    shutil.copy(CORPUS / "zh-2024-pa-p78.txt", corpus)
    text = (CORPUS / "en-2024-pa-p78.txt").read_text("utf-8")
    (corpus / "en-2024-pa-p78.txt").write_text(text.replace("$10 billion", "$10 billion and another $2 billion"),
                                               "utf-8")
    graphs = build_graphs(tmp_path / "pair", ["zh-2024-pa-p78.txt", "en-2024-pa-p78.txt"],
                          [("zh-2024-pa-p78.txt", "en-2024-pa-p78.txt")], source=corpus)
    loaded = {engine: q.load(engine, q.graph_files(graphs)) for engine in ENGINES}
    rows = answer(loaded, "one-language-facts.rq")
    values = [(slug(r["type"]), r["language"], r["quote"]) for r in rows if not r["type"].endswith("Statement")]
    assert values == [("MonetaryAmount", "en", "$2 billion")]
