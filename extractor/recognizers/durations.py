"""Durations: lengths of time, written as ISO 8601 durations (spec: `十年` → `P10Y`).

A duration is a count with a unit of time and no position on the calendar: `十年`,
`12 個月`, `五至八年` (min `P5Y`, max `P8Y`), `three-year`, `two years in a row`,
`90 days`. A modified noun is still a duration (`a five-year plan` → `P5Y`).

Not durations:

* anything ``find_dates`` reads as a date: `未來五年`, `過去兩年`, `十年來`,
  `in the next three years` are windows on the calendar, and `2025 年` is a year;
* bare frequencies and ordinals: `每年`, `按季`, `annually`, `第三年`, `兩年一度` (but an interval
  with its length is a duration: `每四個月` → `P4M`, `every three years` → `P3Y`, spec, decided);
* `N 年前/後`, `three years ago`, ages (`20 years old`, `樓齡 50 年或以上`: quantities in `a`),
  anniversaries (`十週年`);
* the `五年` of a plan's name inside a title (《第十四個五年規劃》) or after 個 (十四個五年規劃).

Qualifiers, when written (durations need only these; the full table is in
``qualifiers.py``): 最長/最多/不超過/上限/up to/within/`N 個月內` → ``at_most``;
至少/不少於/超過/逾/at least/more than → ``at_least``; 約/左右/about/around →
``approx``. A range takes no qualifier from a trailing 內 (`五至八年內` is min/max).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from extractor.numerals import format_decimal, parse_cn_number, parse_en_number
from extractor.recognizers.dates import ZH_SMALL_CN, find_dates, in_title
from extractor.recognizers.quantities import age_spans
from extractor.types import Mention

__all__ = ["find_durations"]

_FOLD = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"－": "-", "．": ".", "\u2011": "-", "\u2013": "-"})

_CN_NUM_CHARS = "零〇○一二兩三四五六七八九十百千萬億"
# A count, not the tail of a spaced-out year (二 零 二 三年) or of 幾十年/數十年 (decades, vague).
ZH_N = (
    rf"(?:(?<![\d.,\-/])\d{{1,3}}(?:\.\d+)?(?![\d,])"
    rf"|(?<![{_CN_NUM_CHARS}幾數多])(?<![{_CN_NUM_CHARS}]\s){ZH_SMALL_CN}"
    # `百日` (a hundred days): 百 alone only before a day unit.
    rf"|(?<![{_CN_NUM_CHARS}幾數多])百(?=[日天]))"
)
ZH_QUALIFIERS = {
    "最長": "at_most", "最多": "at_most", "不超過": "at_most", "不多於": "at_most", "上限": "at_most",
    "最高": "at_most", "至少": "at_least", "不少於": "at_least", "最少": "at_least", "超過": "at_least",
    "多於": "at_least", "逾": "at_least", "大約": "approx", "約": "approx", "接近": "approx", "將近": "approx",
}  # fmt: skip
ZH_UNITS = {"年": "Y", "個月": "M", "月": "M", "個星期": "W", "星期": "W", "週": "W", "日": "D", "天": "D"}

RE_ZH_DURATION = re.compile(
    r"(?:(?P<q>" + "|".join(sorted(ZH_QUALIFIERS, key=len, reverse=True)) + r")\s*(?:為|可達|達|是|可)?\s*)?"
    # Not 第三年 (ordinal), 前一年/同一年 and 復常的一年 (a particular year), 十四個五年規劃
    # (a plan's name); 前十年 (疫情前十年) is ten years.
    rf"(?<![第個後同這那該首])(?!(?<=前)一)(?!(?<=的)一(?:年|個月))(?P<n>{ZH_N})(?:\s*(?:至|到|-|–|~)\s*(?P<n2>{ZH_N}))?\s*"
    r"(?P<u>個月|個星期|星期|週(?!年)|年|日|天)"
    r"(?P<half>半)?"
    # 一年三個月: a second component in months.
    rf"(?:\s*(?P<n3>{ZH_N})\s*個月)?"
    r"(?![度級代齡資輕青紀報薪息份鑑刊前後來底初末]|多[前後來]|一[度次檢])"
    r"(?P<tail>\s*(?:之內|以內|內|左右|或以上|以上))?"
)
# 半年: six months (not 上半年/下半年, halves of a calendar year); 半個月: half a month.
RE_ZH_HALF_YEAR = re.compile(r"(?<![上下前後每多])(?P<n>半)(?:個)?(?P<u>年|(?<=個)月)(?![度報結])")

EN_QUALIFIERS = {
    "up to": "at_most", "at most": "at_most", "a maximum of": "at_most", "maximum of": "at_most",
    "not exceeding": "at_most", "no more than": "at_most", "not more than": "at_most",
    "capped at": "at_most", "within": "at_most", "at least": "at_least", "not less than": "at_least",
    "no less than": "at_least", "a minimum of": "at_least", "minimum of": "at_least",
    "more than": "at_least", "about": "approx", "around": "approx", "approximately": "approx",
    "nearly": "approx", "almost": "approx", "roughly": "approx", "some": "approx",
}  # fmt: skip
_EN_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
EN_N = rf"(?:(?<![\d.,$])\d{{1,3}}(?:\.\d+)?(?![\d,])|\b{_EN_WORD}(?:-{_EN_WORD})?\b)"
_EN_QUALIFIER = "|".join(
    r"\s+".join(map(re.escape, k.split())) for k in sorted(EN_QUALIFIERS, key=len, reverse=True)
)
RE_EN_DURATION = re.compile(
    rf"(?i:(?:(?P<q>{_EN_QUALIFIER})\s+)?"
    rf"(?P<n>{EN_N})(?:\s*(?:-|to|–)\s*(?P<n2>{EN_N}))?(?P<half>\s+and\s+a\s+half)?(?:\s+more)?(?:\s+|\s*-\s*)"
    r"(?:(?:school|academic|financial|calendar)\s+)?(?P<u>years?|months?|weeks?|days?)\b"
    r"(?!\s*-?\s*(?:ago|old|of\s+age|later|earlier)\b|['’]s?\s+time)"
    r"(?P<row>\s+in\s+a\s+row)?)"
)
# `指定限期內（例如三個月）`: an example of a time limit is a ceiling (gold: the Uber submission).
RE_LIMIT_EXAMPLE_BEFORE = re.compile(r"內\s*[（(]\s*(?:例如|如|即|e\.g\.|i\.e\.)?\s*$")
# A capitalised count mid-sentence is part of a name ("the 14th Five-Year Plan").
RE_EN_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s*|\d\.)$")
RE_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
# A date reading wins; a fixed reference date lets relative windows (未來五年) be seen.
_ANY_REFERENCE = date(2000, 1, 1)


def _zh_num(s: str) -> Decimal:
    if s == "半":
        return Decimal("0.5")
    return Decimal(s) if RE_DECIMAL.fullmatch(s) else parse_cn_number(s)


def _iso(n: Decimal, unit: str, half: bool = False, months: Decimal | None = None) -> str:
    """P10Y, P12M, P1Y6M (一年半), P0.5Y is written P6M."""
    if unit == "Y" and n == Decimal("0.5"):
        return "P6M"
    out = f"P{format_decimal(n)}{unit}"
    if unit == "Y" and (half or months):
        out += f"{format_decimal((months or Decimal(0)) + (6 if half else 0))}M"
    return out


def find_durations(text: str, lang: str) -> list[Mention]:
    """Find durations in one block (no reference date needed).

    Examples:
        >>> [(m.text, m.value) for m in find_durations("基金期限最長十年，在五至八年內吸引企業", "zh")]
        [('最長十年', {'value': 'P10Y', 'qualifier': 'at_most'}), ('五至八年內', {'min': 'P5Y', 'max': 'P8Y'})]
        >>> [(m.text, m.value) for m in find_durations("inject $4,750 million to the ITF two years in a row", "en")]
        [('two years in a row', {'value': 'P2Y'})]
    """
    lang = "en" if lang.lower().startswith("en") else "zh"
    s = text.translate(_FOLD)
    # The spans dates and ages take, read only for a block with a duration candidate: most have
    # none, and reading the dates is most of the cost of this recognizer.
    taken: list[tuple[int, int]] | None = None
    found: list[Mention] = []
    if lang == "en":
        candidates = list(RE_EN_DURATION.finditer(s))
    else:
        candidates = sorted([*RE_ZH_DURATION.finditer(s), *RE_ZH_HALF_YEAR.finditer(s)], key=lambda m: m.start())
    last_end = 0
    for m in candidates:
        core_start = m.start("n")
        if lang == "en" and s[core_start].isupper() and not RE_EN_SENTENCE_START.search(s, 0, core_start):
            continue  # "the 14th Five-Year Plan": a capitalised count inside a name
        if m.start() < last_end or in_title(s, m.start(), lang):
            continue
        if taken is None:
            taken = [(d.start, d.end) for d in find_dates(text, lang, _ANY_REFERENCE)] + age_spans(text)
        if any(a < m.end() and core_start < b for a, b in taken):
            continue
        value = _value(m, lang)
        if value is None:
            continue
        if "qualifier" not in value and RE_LIMIT_EXAMPLE_BEFORE.search(s, 0, m.start()):
            value["qualifier"] = "at_most"
        end = m.end()
        found.append(Mention(kind="duration", start=m.start(), end=end, text=text[m.start() : end], value=value))
        last_end = end
    return found


def _value(m: re.Match[str], lang: str) -> dict[str, str] | None:
    g = m.groupdict()
    if lang == "en":
        unit = g["u"][0].upper()
        n = parse_en_number(g["n"])
        n2 = parse_en_number(g["n2"]) if g["n2"] else None
        qualifier = EN_QUALIFIERS.get(" ".join(g["q"].lower().split())) if g["q"] else None
        half, months = bool(g["half"]), None
    else:
        unit = ZH_UNITS[g["u"]]
        n = _zh_num(g["n"])
        n2 = _zh_num(g["n2"]) if g.get("n2") else None
        qualifier = ZH_QUALIFIERS.get(g["q"]) if g.get("q") else None
        half = bool(g.get("half"))
        months = _zh_num(g["n3"]) if g.get("n3") else None
        tail = (g.get("tail") or "").strip()
        if not qualifier and n2 is None:
            qualifier = {"左右": "approx", "以上": "at_least", "或以上": "at_least"}.get(tail, "at_most" if tail else None)
    if n <= 0 or (n2 is not None and n2 <= n):
        return None
    if unit != "Y" and (half or months):
        return None
    if n2 is not None:
        value = {"min": _iso(n, unit), "max": _iso(n2, unit)}
    else:
        value = {"value": _iso(n, unit, half, months)}
    if qualifier:
        value["qualifier"] = qualifier
    return value
