"""Ratios in both languages: term values in order (government first for per-dollar forms)."""

from __future__ import annotations

import pytest

from extractor.recognizers.ratios import find_ratios

# fmt: off
CASES = [
    # --- gold ------------------------------------------------------------------------
    ("zh", "根據基金經理所募集的資金作出配對投資，每三元的資金將獲得政府出資一元，而政府對每個基金的出資介乎 1.5 億元到 2.5 億元。",
     [["1", "3"]], [["政府", "資金"]]),
    ("zh", "政府將撥款 1.8 億元推出「創科加速器先導計劃」，以 1（政府）：2（機構）的配對比例，資助上限為 3,000 萬元，",
     [["1", "2"]], [["政府", "機構"]]),
    ("zh", "並撥款1.8億元以1(政府):2(機構)的配對比例,資助上限為3,000萬元,", [["1", "2"]], [["政府", "機構"]]),
    ("zh", "以 1（政府） ：2（公司）的配對形式提供每家企業最多兩億元的資助。", [["1", "2"]], [["政府", "公司"]]),
    ("zh", "就研究人員/學者的薪酬，我們建議配對資助最高為 1（政府）：1（大學及其他來源）。就薪酬以外的開支，我們建議提供最高為 4（政府）：1（大學及其他來源）配對資助。",
     [["1", "1"], ["4", "1"]], [["政府", "大學及其他來源"], ["政府", "大學及其他來源"]]),
    ("zh", "由零售及餐飲業延伸至旅遊及個人服務界等，以一對一配對形式資助相關中小企應用現成基礎數碼方案", [["1", "1"]], None),
    ("zh", "(e) 政府出資 – 按照基金經理從業界籌集獲得的資金，以每三元的資金將獲得政府出資一元，", [["1", "3"]], None),
    ("en", "at a one-to-two matching ratio between the Government and the institution, up to a subsidy ceiling of $30 million",
     [["1", "2"]], [["the Government", "the institution"]]),
    # --- brief and spec examples -----------------------------------------------------
    ("en", "a matching ratio of 1 (Government) : 2 (CP)", [["1", "2"]], [["Government", "CP"]]),
    ("zh", "按 1:1 的比例配對", [["1", "1"]], None),
    ("en", "funded on a 1 : 1 basis", [["1", "1"]], None),
    ("en", "on a 1-to-1 basis", [["1", "1"]], None),
    ("en", "through one-to-one matching", [["1", "1"]], None),
    ("en", "matched on a dollar-for-dollar basis", [["1", "1"]], None),
    ("zh", "以一比二的比例", [["1", "2"]], None),
    ("zh", "綠白表比例由現時七比三逐步調整至六比四", [["7", "3"], ["6", "4"]], None),
    ("zh", "將綠白表比例由現時的 40:60 調整至 50:50", [["40", "60"], ["50", "50"]], None),
    ("en", "The Government will provide one dollar for every three dollars raised by the fund manager.",
     [["1", "3"]], [["the Government", ""]]),
    ("en", "For every $3 raised from the industry, the Government will put in $1.", [["1", "3"]], [["the Government", ""]]),
    ("en", "a 1:1:2 split", [["1", "1", "2"]], None),
]
NOTHING = [
    ("zh", "會議於上午 10:30 開始"),
    ("en", "The meeting starts at 10:30 am."),
    ("en", "under ISO 9001:2015"),
    ("zh", "提供一對一輔導服務"),
    ("en", "one-to-one mentoring for students"),
    ("zh", "與去年相比，增長百分之三"),
    ("zh", "設立 100 億元「創科產業引導基金」"),
    ("en", "the unemployment rate rose from 3.3 per cent to 6.6 per cent"),
]
# fmt: on


@pytest.mark.parametrize(("lang", "text", "values", "parties"), CASES)
def test_ratios(lang: str, text: str, values: list[list[str]], parties: list[list[str]] | None) -> None:
    mentions = find_ratios(text, lang)
    assert [[t["value"] for t in m.value["terms"]] for m in mentions] == values
    if parties is not None:
        assert [[t["party"] for t in m.value["terms"]] for m in mentions] == parties
    assert all(m.kind == "ratio" and m.text == text[m.start : m.end] for m in mentions)


@pytest.mark.parametrize(("lang", "text"), NOTHING)
def test_not_ratios(lang: str, text: str) -> None:
    assert find_ratios(text, lang) == []


def test_qualifier_where_written() -> None:
    text = "我們建議配對資助最高為 1（政府）：1（大學及其他來源）。另以 1（政府）：2（機構）配對。"
    first, second = find_ratios(text, "zh")
    assert first.value["qualifier"] == "at_most"
    assert first.text == "最高為 1（政府）：1（大學及其他來源）"
    assert "qualifier" not in second.value


def test_per_dollar_ratio_puts_government_first() -> None:
    (mention,) = find_ratios("每三元的資金將獲得政府出資一元", "zh")
    assert mention.value["terms"][0] == {"party": "政府", "value": "1"}
