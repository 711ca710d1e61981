"""find_durations: lengths of time as ISO 8601 durations, in both languages."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.recognizers import durations as durations_module
from extractor.recognizers.durations import find_durations

GOLD = Path(__file__).resolve().parents[2] / "gold"


def _values(text: str, lang: str | None = None) -> list[dict[str, str]]:
    return [m.value for m in find_durations(text, lang or ("en" if text.isascii() else "zh"))]


# fmt: off
CASES = [
    # spec: 十年, 五年, 12 個月, 五至八年
    ("以期通過為期十年的投資，爭取更高回報。", [{"value": "P10Y"}]),
    ("建議將計劃延長五年。", [{"value": "P5Y"}]),
    ("參與者須於 12 個月完成。", [{"value": "P12M"}]),
    ("透過加速計劃在五至八年內吸引企業。", [{"min": "P5Y", "max": "P8Y"}]),
    # brief: 三個月, 兩年, qualifiers, days
    ("須在指定限期內（例如三個月）購買車輛。", [{"value": "P3M", "qualifier": "at_most"}]),
    ("首次登記稅寬減安排將獲延長兩年。", [{"value": "P2Y"}]),
    ("基金期限 – 最長十年（包括延長期）。", [{"value": "P10Y", "qualifier": "at_most"}]),
    ("當中的投資期最長為五年。", [{"value": "P5Y", "qualifier": "at_most"}]),
    ("須於 12 個月內成功募集資金。", [{"value": "P12M", "qualifier": "at_most"}]),
    ("審批須於 90 日內完成。", [{"value": "P90D", "qualifier": "at_most"}]),
    ("申請人可獲 90 日寬限期。", [{"value": "P90D"}]),
    ("作為植根香港超過十二年的一員", [{"value": "P12Y", "qualifier": "at_least"}]),
    ("至少三年的工作經驗", [{"value": "P3Y", "qualifier": "at_least"}]),
    ("不少於兩年", [{"value": "P2Y", "qualifier": "at_least"}]),
    ("不超過五年", [{"value": "P5Y", "qualifier": "at_most"}]),
    ("最多12 個月「還息不還本」", [{"value": "P12M", "qualifier": "at_most"}]),
    ("降至約 4.5 年", [{"value": "P4.5Y", "qualifier": "approx"}]),
    ("三年左右", [{"value": "P3Y", "qualifier": "approx"}]),
    ("共減少一年半，降至四年半。", [{"value": "P1Y6M"}, {"value": "P4Y6M"}]),
    ("公屋平均輪候時間下降了半年", [{"value": "P6M"}]),
    ("提前 5 至 9 個月上樓", [{"min": "P5M", "max": "P9M"}]),
    ("由連續 4 星期放寬", [{"value": "P4W"}]),
    ("延長計劃一年至明年六月", [{"value": "P1Y"}]),
    # Decided cases and the new gold: 百日, 半個月, 每四個月 (an interval with its length), 疫情前十年,
    # N 年或以上 (zh-2022-pa-full, zh-2023-24 and zh-2024-25 budget speeches)
    ("已向我提交首份百日工作報告。", [{"value": "P100D"}]),
    ("發放金額相當於半個月的綜合社會保障援助（綜援）標準金額", [{"value": "P0.5M"}]),
    ("每個獨立水錶帳戶會有獨立水費單供繳交水費，以及每四個月首十二立方米的水費寬免", [{"value": "P4M"}]),
    ("平均每年實質增長百分之三點七，高於疫情前十年的平均增長", [{"value": "P10Y"}]),
    ("輪候傳統公屋三年或以上人士可申請入住「簡約公屋」", [{"value": "P3Y", "qualifier": "at_least"}]),
    ("The licences are renewed every three years.", [{"value": "P3Y"}]),
    # en-2020-21-budget-highlights: `for six more months`, `for one year`
    ("Provide rental subsidy for six more months for recycling enterprises", [{"value": "P6M"}]),
    ("waive water and sewage charges for four more months for non-domestic households", [{"value": "P4M"}]),
    ("Waive the examination fees for pigs to be paid by slaughterhouse licensees for one year", [{"value": "P1Y"}]),
    # English
    ("I will inject $4,750 million per year to the ITF two years in a row.", [{"value": "P2Y"}]),
    ("The scheme will last for three years.", [{"value": "P3Y"}]),
    ("launching a three-year pilot scheme", [{"value": "P3Y"}]),
    ("The Bureau launched a five-year plan to improve it.", [{"value": "P5Y"}]),
    ("The waiver is extended for six months.", [{"value": "P6M"}]),
    ("Claims must be made within 90 days.", [{"value": "P90D", "qualifier": "at_most"}]),
    ("a repayment period of up to five years", [{"value": "P5Y", "qualifier": "at_most"}]),
    ("no more than 12 months", [{"value": "P12M", "qualifier": "at_most"}]),
    ("at least two years of experience", [{"value": "P2Y", "qualifier": "at_least"}]),
    ("about 18 months", [{"value": "P18M", "qualifier": "approx"}]),
    ("in the coming two to three years for public housing", [{"min": "P2Y", "max": "P3Y"}]),
    ("3-5 years", [{"min": "P3Y", "max": "P5Y"}]),
    ("one and a half years", [{"value": "P1Y6M"}]),
    ("the 30-year tranche", [{"value": "P30Y"}]),
]

NOT_DURATIONS = [
    "每年舉辦一次", "我們建議至少按季進行檢討", "the fees are revised annually", "計劃的第三年",
    # ages are quantities in `a` (Decided cases)
    "樓齡達 50 年或以上但少於 70 年的私人樓宇", "在車齡上限為12年的規定下", "或車輛即將超過 12 年車齡上限",
    "每名合資格的十八歲或以上永久性居民", "new arrival aged 18 or above", "Children aged between 4 and 18", "三年前推出", "兩年多前，我在參選時", "十週年慶典",
    "三年級學生", "「一年一檢」最低工資", "本港在疫後復常的一年", "相比前一年減少", "未來五年", "過去兩年",
    "十年來", "近三年", "於 2025 年推出", "自 2026-27 年起", "二零二五至二六年度", "《第十四個五年規劃》",
    "國家第十四個五年規劃", "過去幾十年的發展", "「十四五」規劃", "第 4 至 30 段", "2 500 名", "100 億元",
    "in the next five years", "over the past two years", "in the coming three school years",
    "three years ago", "a 20 years old vehicle", "per year", "once a year", "the 14th Five-Year Plan period",
    "in 2025", "2025-26", "year-on-year",
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_durations_table(text: str, expected: list[dict[str, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_durations_negative(text: str) -> None:
    assert _values(text) == []


def _gold_durations() -> list[tuple[str, dict[str, str]]]:
    rows = []
    for path in sorted(GOLD.glob("*.json")):
        paper = json.loads(path.read_text(encoding="utf-8"))
        lang = "en" if paper["paper"]["language"] == "en" else "zh"
        rows += [(lang, entry) for entry in paper.get("durations", [])]
    return rows


@pytest.mark.parametrize(("lang", "entry"), _gold_durations(), ids=lambda v: v["text"] if isinstance(v, dict) else v)
def test_durations_gold_entry_in_running_text(lang: str, entry: dict[str, str]) -> None:
    """Every gold duration, wrapped in a sentence, gives one mention with the gold value."""
    if lang == "zh":
        text = f"基金的期限為{entry['text']}，詳情見附件。"
    else:
        text = f"I will inject $4,750 million per year to the ITF {entry['text']} to sustain its schemes."
    (value,) = _values(text, lang)
    assert {k: v for k, v in value.items() if k != "qualifier"} == {
        k: entry[k] for k in ("value", "min", "max") if k in entry
    }
    if "qualifier" in entry:
        assert value["qualifier"] == entry["qualifier"]


def test_durations_mentions_carry_offsets_and_text() -> None:
    text = "基金期限最長十年，當中的投資期最長為五年。"
    found = find_durations(text, "zh")
    assert [m.text for m in found] == ["最長十年", "最長為五年"]
    assert all(m.kind == "duration" and text[m.start : m.end] == m.text for m in found)


def test_durations_doctests() -> None:
    assert doctest.testmod(durations_module).failed == 0


CN = {1: "一", 2: "兩", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
EN = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


@given(st.integers(1, 999), st.sampled_from([("年", "Y"), ("個月", "M"), ("日", "D")]))
def test_durations_property_zh_arabic(n: int, unit: tuple[str, str]) -> None:
    assert _values(f"計劃為期 {n} {unit[0]}，", "zh") == [{"value": f"P{n}{unit[1]}"}]


@given(st.integers(2, 10), st.sampled_from([("years", "Y"), ("months", "M"), ("days", "D")]), st.booleans())
def test_durations_property_en_words(n: int, unit: tuple[str, str], hyphen: bool) -> None:
    text = f"a {EN[n]}-{unit[0][:-1]} scheme" if hyphen else f"for {EN[n]} {unit[0]}."
    assert _values(text, "en") == [{"value": f"P{n}{unit[1]}"}]


@given(st.integers(1, 9), st.integers(1, 9))
def test_durations_property_zh_range(a: int, b: int) -> None:
    found = _values(f"在{CN[a]}至{CN[b]}年內吸引企業", "zh")
    assert found == ([{"min": f"P{a}Y", "max": f"P{b}Y"}] if a < b else [])
