"""Quantities: areas, percentages, computing power, fractions and counted things.

Units follow UCUM (`公頃` → ``har``, `平方米` → ``m2``, `%`), computing power is
normalised to ``PFLOPS`` (`每秒浮點運算 300 千萬億次` → 300), and anything counted
with a Chinese classifier (`八所大學`, `2 500 名科研人員`) or an English plural noun
(`16 enterprises`) is unit ``1`` with ``of`` naming the thing counted.

Ages are quantities in UCUM ``a`` with ``of`` naming the age (`六十五歲或以上`, `樓齡達 50
年或以上`, `aged between 4 and 18`), and ranges of fractions or tenths are one mention
(`約三分之一至一半`, `一至兩成`), as the spec's Decided cases say.

What is *not* a quantity matters as much: ordinals (`第三個`, `Stage 1`), the
indefinite `一` + classifier (`一所研究中心`, `一個重要來源`), set phrases
(`一國兩制`, `十四五`), numbers inside names (`七人欖球賽`, `4項附屬法例小組委員會`),
durations (`12 個月`, `three years`), money, years and multipliers (`增加一倍`,
`seven times`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from extractor.numerals import (
    ARABIC,
    EN_NUMBER,
    EN_SMALL,
    ZH_NUMBER,
    format_decimal,
    parse_number,
)
from extractor.recognizers.qualifiers import EXACT, qualifier_before, qualify
from extractor.types import Mention

# ---- units -------------------------------------------------------------------------
ZH_UNITS = {
    "公頃": "har", "平方米": "m2", "平方公尺": "m2", "平方呎": "[sft_i]", "平方英尺": "[sft_i]",
    "平方公里": "km2", "立方米": "m3", "公里": "km", "公噸": "t", "兆瓦": "MW", "千瓦": "kW",
}  # fmt: skip
EN_UNITS = {
    "hectares": "har", "hectare": "har", "ha": "har", "square metres": "m2", "square metre": "m2",
    "square meters": "m2", "square meter": "m2", "sq m": "m2", "sq. m": "m2", "m2": "m2", "m²": "m2",
    "square feet": "[sft_i]", "sq ft": "[sft_i]", "square kilometres": "km2", "km2": "km2",
    "cubic metres": "m3", "cubic meters": "m3", "kilometres": "km", "km": "km", "tonnes": "t", "megawatts": "MW", "MW": "MW",
    "per cent": "%", "percent": "%", "%": "%",
}  # fmt: skip
# Computing power: scale of each unit in PFLOPS.
EN_FLOPS = {"petaflops": 1, "pflops": 1, "exaflops": 1000, "eflops": 1000, "teraflops": Decimal("0.001"), "tflops": Decimal("0.001")}

# Chinese classifiers of counted things, with words they begin that are not counts
# (`部門`, `條例`, `期間`, `所有`).
CLASSIFIERS: dict[str, tuple[str, ...]] = {
    "人次": (), "名": ("單", "稱", "義", "列", "字"), "人": ("工", "民幣", "員", "士", "均", "力", "口", "才", "手", "性", "權", "道", "心"),
    "間": ("隔", "接", "斷"), "家": ("庭", "居", "長", "屬"), "條": ("例", "件", "款", "文", "規"),
    "宗": ("旨", "教"), "項": (), "個": ("月", "百分點", "星期", "禮拜", "工作天", "工作日", "小時", "鐘", "別", "案", "人資料"),
    "份": ("子", "額"), "座": ("談",), "次": ("序", "要", "年", "日", "方"), "所": ("有", "得", "以", "需", "在", "謂", "述", "屬", "長", "負", "提", "募", "涉", "作", "採", "用", "指", "列", "訂", "擁", "推", "籌", "收", "投"),
    "期": ("間", "限", "內", "望", "貨", "刊"), "隻": (), "架": ("構",), "部": ("門", "分", "份", "長", "署", "委"),
    "棵": (), "張": (), "位": ("於", "置", "元"), "批": ("准", "出", "地", "核", "評", "次"), "類": ("似", "別"),
    "款": ("項",), "幅": ("度",), "層": ("面", "次"), "套": (), "輛": (), "艘": (), "戶": ("口", "籍"),
    "幢": (), "棟": (), "組": ("織", "成", "合"), "支": ("持", "援", "付", "出"), "枚": (), "台": ("灣",),
    "大": ("學", "會", "廈", "型", "量", "幅", "力", "約", "概", "多", "部", "小", "眾", "專", "灣", "樓", "堂", "廳", "家", "都", "規模", "中華", "氣", "陸", "致"),
    "場": ("所", "地", "館", "合", "景", "面", "內", "外", "上", "租", "價", "區"), "輪": ("候", "流", "胎", "椅", "船", "廓", "值", "班", "換", "車"),
    "方面": (), "伙": ("食", "伴", "計", "同"),
}  # fmt: skip
# Set phrases whose numerals count nothing.
IDIOMS = ("一國兩制", "一河兩岸", "一區兩園", "十四五", "二十大", "十九大", "十八大", "一帶一路", "三中全會", "兩岸四地", "一站式", "一條龍", "九龍")  # fmt: skip

CLASSIFIER_RE = "|".join(sorted(CLASSIFIERS, key=len, reverse=True))
ZH_UNIT_RE = "|".join(sorted(ZH_UNITS, key=len, reverse=True))
EN_UNIT_RE = "|".join(re.escape(u) for u in sorted(EN_UNITS, key=len, reverse=True))

# `三千多`, `100 餘`: more than.
ZH_CORE = rf"(?:{ZH_NUMBER})(?:\s?[多餘]\s?[十百千萬億兆]*)?"
RANGE_SEP = r"\s?(?:至|到|-|–|—|~|～)\s?"
RE_ZH_UNIT = re.compile(
    rf"(?P<a>{ZH_CORE})(?:\s?(?P<aunit>{ZH_UNIT_RE}|%))?(?:{RANGE_SEP}(?P<b>{ZH_CORE}))?\s?(?P<unit>{ZH_UNIT_RE}|%)"
)
RE_ZH_PERCENT = re.compile(rf"百分之\s?(?P<a>{ZH_NUMBER})(?:{RANGE_SEP}(?:百分之)?\s?(?P<b>{ZH_NUMBER}))?|(?P<all>百分百)")
# `八成`, `近四成`, `七成半`, `七成五` (tenths); not `成功`, `成立`, `完成`.
# `一至兩成`: a range of tenths (spec, decided: min 10 %, max 20 %).
RE_TENTHS = re.compile(r"(?<![\d.一二兩三四五六七八九十百千萬億第])(?:(?P<low>[一二兩三四五六七八九])\s?(?:至|到)\s?)?(?P<a>[一二兩三四五六七八九]|[1-9]\s?)成(?:(?P<half>半)|(?P<d>[一二三四五六七八九](?![成十百千萬億])))?(?![功立為本果長員效績交熟品份型分就年事像形效])")
RE_ZH_FLOPS = re.compile(rf"(?:每秒\s?(?:浮點運算)?\s?)?(?P<a>{ZH_NUMBER})\s?次(?:浮點運算)?")
RE_ZH_COUNT = re.compile(
    rf"(?P<a>{ZH_CORE})(?:{RANGE_SEP}(?P<b>{ZH_CORE}))?\s?(?P<cls>{CLASSIFIER_RE})"
    rf"(?:{RANGE_SEP}(?P<b2>{ZH_CORE})\s?(?P=cls))?"
)
RE_ZH_FRACTION = re.compile(rf"(?P<d>{ZH_NUMBER})\s?分之\s?(?P<n>{ZH_NUMBER})")
RE_ZH_HALF = re.compile(r"(?P<over>過)?(?:一半|半數)")
# `約三分之一至一半`: one range of fractions (spec, decided).
_ZH_FRACTION_OR_HALF = rf"(?:{ZH_NUMBER})\s?分之\s?(?:{ZH_NUMBER})|一半|半數"
RE_ZH_FRACTION_RANGE = re.compile(rf"(?P<a>{_ZH_FRACTION_OR_HALF}){RANGE_SEP}(?P<b>{_ZH_FRACTION_OR_HALF})")
# A number inside a name is no count (spec, decided): `香港國際七人欖球賽`, `三人籃球` (sports named by
# team size), `4 項附屬法例小組委員會` (a committee named by the items it examines).
RE_TEAM_SPORT_AFTER = re.compile(r"[欖足籃排手]球|賽|制")
# The thing counted: the words after the classifier, up to punctuation or a verb.
ZH_OF_STOP = r"(?:的|在|於|將|已|亦|也|均|都|為|把|被|由|從|至|及|與|和|或|等|共|增|正|須|需|可|提供|上升|下降|分別|包括|分類)"
RE_ZH_OF = re.compile(rf"(?:(?!{ZH_OF_STOP})[^\s，。、；：:「」『』《》（）()\d¹²³⁴⁵⁶⁷⁸⁹⁰,.]){{1,15}}")

EN_WORD_COUNT = r"\b(?:" + "|".join(w for w in EN_SMALL if len(w) > 2 and w != "one" and EN_SMALL[w] > 0) + r")\b"
RE_EN_UNIT = re.compile(
    rf"(?P<a>{EN_NUMBER})(?:\s?(?P<aunit>per cent|percent|%))?"
    rf"(?:(?:\s+(?P<sep>to|and|or)\s+|\s?(?P<dash>[-–])\s?)(?P<b>{EN_NUMBER}))?"
    rf"\s?(?P<unit>{EN_UNIT_RE})(?![A-Za-z])",
    re.IGNORECASE,
)
# `from 3.3 per cent … to`: after `from`, `X to Y` is a change, not a range.
RE_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
RE_EN_FLOPS = re.compile(rf"(?P<a>{EN_NUMBER})\s?(?P<unit>petaflops|pflops|exaflops|eflops|teraflops|tflops)\b", re.IGNORECASE)
RE_EN_FRACTION = re.compile(
    r"\b(?P<n>one|two|three|four|five|a)[- ](?P<d>half|halves|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths|tenth|tenths)\b"
    r"|(?<![\w-])(?P<half>half)\s+of\b",
    re.IGNORECASE,
)
EN_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
RE_EN_COUNT_NUMBER = re.compile(rf"(?:{ARABIC}|{EN_WORD_COUNT})(?:\s(?:thousand|million|billion))?(?![\w$%-])", re.IGNORECASE)
RE_EN_WORD = re.compile(r"\s+(?P<w>[A-Za-z][\w&'’-]*|I&T|R&D)")
# Words that end a counted noun phrase (function words, verbs) or that are not counted.
EN_STOP = {
    "of", "the", "and", "or", "to", "in", "for", "with", "by", "are", "is", "was", "were", "have", "has",
    "had", "be", "been", "will", "would", "from", "on", "at", "as", "that", "which", "who", "per", "than",
    "a", "an", "this", "these", "those", "its", "their", "our", "we", "it", "they", "can", "may", "also",
    "such", "into", "over", "under", "more", "less", "about", "around", "some", "each", "every", "up",
}  # fmt: skip
EN_NOT_COUNTED = {
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "quarters", "decades", "centuries",
    "times", "dollars", "cents", "points", "basis", "percentage", "degrees", "folds", "terms", "rounds",
    "sessions", "phases", "stages", "others", "ones", "thousands", "millions", "billions", "hundreds",
}  # fmt: skip
EN_IRREGULAR = {"people", "staff", "personnel", "talent", "talents", "children", "youth", "women", "men", "persons"}
EN_SINGULAR_S = ("ss", "us", "is", "ous", "ics")
# Labels whose number is a name, not a count: `Stage 1`, `Cyberport 5`, `Chapter 57`.
EN_LABELS = {
    "stage", "phase", "chapter", "cap", "paragraph", "para", "section", "no", "number", "schedule", "annex",
    "appendix", "part", "level", "grade", "series", "category", "type", "article", "item", "clause", "rule",
    "room", "floor", "block", "tower", "route", "page", "table", "chart", "figure", "version", "cyberport",
    "covid", "class", "batch", "round", "wave", "tranche", "district", "box", "lot", "unit", "station",
    "vol", "volume", "issue", "hub", "terminal", "aged", "age", "ages",
}  # fmt: skip
EN_TIME_BEFORE = {"last", "past", "next", "coming", "first", "previous", "recent", "following", "final", "initial", "latter", "former", "second"}
RE_EN_COUNT_RANGE = re.compile(rf"\s*(?P<sep>to|and|-|–)\s*(?P<b>{ARABIC}|{EN_WORD_COUNT})(?:\s(?:thousand|million|billion))?(?![\w$%-])", re.IGNORECASE)
RE_EN_IDIOM = re.compile(r"two systems\b", re.IGNORECASE)
RE_NUMBER_OF = re.compile(
    r"\bnumbers? of (?:the )?(?P<of>[\w&-]+(?: (?!(?:from|in|to|of|and|at|by|has|have|was|were|is|are)\b)[\w&-]+)?)",
    re.IGNORECASE,
)
RE_EN_CURRENCY_BEFORE = re.compile(r"(?:\$|HK\$|US\$|RMB|HKD|USD|CNY|£|€)\s?$", re.IGNORECASE)
RE_YEAR = re.compile(r"(?:19|20)\d\d")

# Ages are quantities in UCUM `a` (spec, decided), not durations: `六十五歲或以上`, `樓齡達 50 年
# 或以上但少於 70 年`, `車齡上限為12年`, `12 年車齡上限`, `aged between 4 and 18`.
AGE_WORDS = "樓齡|屋齡|車齡|船齡|機齡|年齡"
def _age_number(tag: str = "") -> str:
    return rf"(?P<a{tag}>{ZH_CORE})(?:{RANGE_SEP}(?P<b{tag}>{ZH_CORE}))?\s?"


RE_ZH_AGE = re.compile(
    rf"(?P<word>{AGE_WORDS})(?P<inner>上限|下限|超過|少於|不少於|不足)?(?:為|達|是|在)?\s?{_age_number()}[年歲]"
    rf"|{_age_number('2')}(?:歲|年\s?(?P<word2>{AGE_WORDS})(?P<bound>上限|下限|要求)?)"
)
# `樓齡達 50 年或以上但少於 70 年`: a second bound on the same age.
RE_ZH_AGE_MORE = re.compile(
    rf"\s?(?:或以上|或以下|以上|以下)?\s?(?:但|而|並|且|及)\s?(?P<q>少於|低於|不足|未滿|超過|多於)\s?{_age_number()}年"
)
RE_EN_AGE = re.compile(
    rf"\b(?:aged|age[sd]?\s+of|over\s+the\s+age\s+of|under\s+the\s+age\s+of)\s+(?P<between>between\s+)?(?P<a>{ARABIC}|{EN_WORD_COUNT})"
    rf"(?:\s+(?:and|to|-|–)\s+(?P<b>{ARABIC}|{EN_WORD_COUNT}))?"
    rf"|(?P<a2>{ARABIC}|{EN_WORD_COUNT})(?:\s?(?:-|–|to)\s?(?P<b2>{ARABIC}|{EN_WORD_COUNT}))?[\s-]years?[\s-]old\b",
    re.IGNORECASE,
)
RE_AGE_HINT = re.compile(r"[歲齡]|\bage|\bold\b", re.IGNORECASE)
AGE_BOUNDS = {"上限": "at_most", "要求": "at_most", "下限": "at_least", "少於": "at_most", "低於": "at_most",
              "不足": "at_most", "未滿": "at_most", "超過": "at_least", "多於": "at_least", "不少於": "at_least"}  # fmt: skip

Candidate = tuple[int, int, dict[str, str], int]  # start, end, value, priority (lower wins)


def _num(text: str) -> Decimal:
    """A count or measure, with `三千多` / `100 餘萬` read as the number written."""
    match = re.search(r"\s?[多餘]\s?", text)
    if not match:
        return parse_number(text)
    value = parse_number(text[: match.start()])
    scale = text[match.end() :].strip()
    return value * parse_number("1" + scale) if scale else value


def _more(text: str | None) -> bool:
    return bool(text) and re.search(r"[多餘]", text) is not None


def _values(a: str, b: str | None) -> dict[str, str]:
    low = _num(a)
    if b is None:
        return {"value": format_decimal(low)}
    high = _num(b)
    # `1 至 2 萬人`: the first number borrows the scale of the second.
    tail = re.search(r"[十百千萬億兆]*[萬億兆]$", b.strip())
    if tail and not re.search(r"[萬億兆]", a) and re.fullmatch(rf"(?:{ARABIC}|[零〇一二兩三四五六七八九十百千點]+)", a.strip()):
        low *= parse_number("1" + tail.group())
    if low >= high:
        raise ValueError("not a range")
    return {"min": format_decimal(low), "max": format_decimal(high)}


def _zh_number_ok(text: str, start: int, number: str) -> bool:
    """A Chinese count needs a digit, and is neither an ordinal nor part of a set phrase."""
    number = number.strip()
    if not re.search(r"[\d零〇一二兩三四五六七八九]", number) and not number.startswith("十"):
        return False
    before = text[max(0, start - 2) : start].rstrip()
    # 數十 / 數百 (several tens, hundreds), but 全數 / 總數 (all, the total) before a number
    several = before.endswith("數") and not before.endswith(("全數", "總數", "人數", "次數", "半數"))
    if several or before.endswith(("第", "每", "幾", "約第")) or (before and before[-1:].isascii() and before[-1:].isalpha()):
        return False
    if start > 0 and text[start - 1] in "-‑":
        return False
    return not any(
        idiom in text[max(0, start - len(idiom)) : start + len(idiom)] and text.find(idiom, max(0, start - len(idiom))) <= start
        for idiom in IDIOMS
    )


def _zh_fraction(text: str) -> str | None:
    """`三分之一` → "1/3", `一半` → "1/2" (the spec's rational strings)."""
    if text in ("一半", "半數"):
        return "1/2"
    match = RE_ZH_FRACTION.fullmatch(text)
    if match is None or match["d"].strip() in ("百", "千", "萬"):  # 百分之 is a percentage
        return None
    try:
        numerator, denominator = parse_number(match["n"]), parse_number(match["d"])
    except ValueError:
        return None
    if numerator != numerator.to_integral_value() or denominator != denominator.to_integral_value():
        return None
    return f"{format_decimal(numerator)}/{format_decimal(denominator)}"


def _zh_of(text: str, end: int) -> str:
    match = RE_ZH_OF.match(text, end)
    return match.group() if match else ""


def _age_candidates(text: str) -> list[Candidate]:
    """Ages in both languages (priority 0: an age is never a count or a duration)."""
    found: list[Candidate] = []
    if not RE_AGE_HINT.search(text):
        return found
    for m in RE_ZH_AGE.finditer(text):
        tag = "a" if m["a"] else "a2"
        if not _zh_number_ok(text, m.start(tag), m[tag]):
            continue
        try:
            value: dict[str, str] = {**_values(m[tag], m["b"] or m["b2"]), "unit": "a", "of": m["word"] or m["word2"] or "年齡"}
        except ValueError:
            continue
        if m["bound"] or m["inner"]:
            value["qualifier"] = AGE_BOUNDS[m["bound"] or m["inner"]]
        found.append((m.start(), m.end(), value, 0))
        more = RE_ZH_AGE_MORE.match(text, m.end())
        if more and _zh_number_ok(text, more.start("a"), more["a"]):
            try:
                second = {**_values(more["a"], more["b"]), "unit": "a", "of": value["of"]}
            except ValueError:
                continue
            found.append((more.start("q"), more.end(), {**second, "qualifier": AGE_BOUNDS[more["q"]]}, 0))
    for m in RE_EN_AGE.finditer(text):
        try:
            value = {**_values(m["a"] or m["a2"], m["b"] or m["b2"]), "unit": "a", "of": "age"}
        except ValueError:
            continue
        if m.group().lower().startswith("under"):
            value["qualifier"] = "at_most"
        elif m.group().lower().startswith("over"):
            value["qualifier"] = "at_least"
        found.append((m.start(), m.end(), value, 0))
    return found


def age_spans(text: str) -> list[tuple[int, int]]:
    """Where ages are written, so that the duration recognizer leaves them alone."""
    return [(start, end) for start, end, _, _ in _age_candidates(text)]


def _zh_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in RE_ZH_PERCENT.finditer(text):
        try:
            value = {"value": "100"} if m["all"] else _values(m["a"], m["b"])
        except ValueError:
            continue
        found.append((m.start(), m.end(), {**value, "unit": "%"}, 1))
    for m in RE_TENTHS.finditer(text):
        tenths = parse_number(m["a"]) * 10 + (5 if m["half"] else 0) + (parse_number(m["d"]) if m["d"] else 0)
        low = parse_number(m["low"]) * 10 if m["low"] else None
        value = {"min": format_decimal(low), "max": format_decimal(tenths)} if low and low < tenths else {"value": format_decimal(tenths)}
        found.append((m.start() if low else m.start("a"), m.end(), {**value, "unit": "%"}, 2))
    for m in RE_ZH_FRACTION_RANGE.finditer(text):
        low, high = _zh_fraction(m["a"]), _zh_fraction(m["b"])
        if low and high and Fraction(low) < Fraction(high):
            found.append((m.start(), m.end(), {"min": low, "max": high, "unit": "1", "of": _zh_of(text, m.end())}, 0))
    for m in RE_ZH_UNIT.finditer(text):
        unit = "%" if m["unit"] == "%" else ZH_UNITS[m["unit"]]
        if m["aunit"] and m["aunit"] != m["unit"] and not (m["aunit"] == "%" == m["unit"]):
            continue
        if not _zh_number_ok(text, m.start("a"), m["a"]):
            continue
        try:
            value = _values(m["a"], m["b"])
        except ValueError:
            continue
        if _more(m["a"]) or _more(m["b"]):
            value["qualifier"] = "at_least"
        found.append((m.start(), m.end(), {**value, "unit": unit}, 2))
    for m in RE_ZH_FLOPS.finditer(text):
        context = text[max(0, m.start() - 12) : m.end() + 6]
        if "浮點" not in context or not re.search(r"[萬億兆]", m["a"]):
            continue
        petaflops = parse_number(m["a"]) / Decimal(10**15)
        found.append((m.start(), m.end(), {"value": format_decimal(petaflops), "unit": "PFLOPS"}, 0))
    for m in RE_ZH_FRACTION.finditer(text):
        if m["d"].strip() in ("百", "千", "萬"):  # 百分之 is a percentage, 千分之 per mille
            continue
        try:
            fraction = f"{format_decimal(parse_number(m['n']))}/{format_decimal(parse_number(m['d']))}"
        except ValueError:
            continue
        found.append((m.start(), m.end(), {"value": fraction, "unit": "1", "of": _zh_of(text, m.end())}, 1))
    for m in RE_ZH_HALF.finditer(text):
        value = {"value": "1/2", "unit": "1", "of": ""}
        if m["over"]:
            value["qualifier"] = "at_least"
        found.append((m.start(), m.end(), value, 3))
    for m in RE_ZH_COUNT.finditer(text):
        cls, after = m["cls"], text[m.end() : m.end() + 4]
        if any(after.startswith(w) for w in CLASSIFIERS[cls]):
            continue
        if not _zh_number_ok(text, m.start("a"), m["a"]) or (m["a"].strip() in ("一", "壹") and not (m["b"] or m["b2"])):
            continue  # `一所研究中心` is "a", but `一至二人單位` is a range
        if cls == "人" and RE_TEAM_SPORT_AFTER.match(text, m.end()):
            continue
        if cls == "位" and text[max(0, m.start() - 2) : m.start()].endswith(("升", "降", "跌")):
            continue  # `上升兩位` (ranking places)
        if cls == "大" and (re.search(r"[\d]", m["a"]) or not re.match(r"[\u4e00-\u9fff]", after)):
            continue
        try:
            value = _values(m["a"], m["b"] or m["b2"])
        except ValueError:
            continue
        if _more(m["a"]) or _more(m["b"] or m["b2"]):
            value["qualifier"] = "at_least"
        of = _zh_of(text, m.end())
        if of.endswith("委員會") and cls != "個":  # `4項…委員會`: committees are counted with 個
            continue
        found.append((m.start(), m.end(), {**value, "unit": "1", "of": of}, 3))
    return found


def _en_noun_phrase(text: str, end: int) -> tuple[str, int] | None:
    """`R&D positions`, `co-investment partners` after a number: (phrase, end) or None."""
    words: list[str] = []
    pos = end
    for _ in range(4):
        match = RE_EN_WORD.match(text, pos)
        if not match:
            return None
        word = match["w"]
        lower = word.lower()
        if lower in EN_STOP or lower in EN_NOT_COUNTED:
            return None
        words.append(word)
        pos = match.end()
        plural = lower in EN_IRREGULAR or (
            lower.endswith("s") and len(lower) > 3 and not lower.endswith(EN_SINGULAR_S)
        )
        if plural:
            if lower.split("-")[-1] in EN_NOT_COUNTED:
                return None
            return " ".join(words), pos
    return None


def _en_of_context(text: str, start: int, end: int) -> str:
    """The thing a bare number counts: `the number of start-ups from around 1 100`."""
    match = None
    for match in RE_NUMBER_OF.finditer(text[max(0, start - 80) : start]):
        pass
    if match:
        return match["of"]
    after = re.match(r"\s+(?:are|were|is|was)\s+(?P<np>[\w&-]+(?:\s[\w&-]+)?)", text[end:])
    return after["np"] if after else ""


def _en_candidates(text: str, lang: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in RE_EN_UNIT.finditer(text):
        unit = EN_UNITS.get(m["unit"].lower(), EN_UNITS.get(m["unit"]))
        if unit is None or (m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start() - 1] == "$")):
            continue
        if m["aunit"] and EN_UNITS[m["aunit"].lower()] != unit:
            continue
        try:
            between = re.search(r"\bbetween\s+$", text[max(0, m.start() - 9) : m.start()], re.IGNORECASE)
            if m["b"] and between and (m["sep"] or "").lower() == "and":
                found.append((m.start() - len(between.group()), m.end(), {**_values(m["a"], m["b"]), "unit": unit}, 2))
                continue
            if m["b"] and ((m["sep"] or "").lower() in ("and", "or") or RE_FROM_BEFORE.search(text[max(0, m.start() - 6) : m.start()])):
                # `about 28 000 and 63 000 square metres`: two values sharing a unit.
                first = {"value": format_decimal(parse_number(m["a"])), "unit": unit}
                found.append((m.start("a"), m.end("aunit") if m["aunit"] else m.end("a"), first, 2))
                found.append((m.start("b"), m.end(), {"value": format_decimal(parse_number(m["b"])), "unit": unit, "_shared": "1"}, 2))
                continue
            value = _values(m["a"], m["b"]) if m["b"] else {"value": format_decimal(parse_number(m["a"]))}
        except ValueError:
            continue
        found.append((m.start(), m.end(), {**value, "unit": unit}, 2))
    for m in RE_EN_FLOPS.finditer(text):
        scale = Decimal(EN_FLOPS[m["unit"].lower()])
        found.append((m.start(), m.end(), {"value": format_decimal(parse_number(m["a"]) * scale), "unit": "PFLOPS"}, 0))
    for m in RE_EN_FRACTION.finditer(text):
        if m["half"]:
            previous = re.search(r"(\w+)\s+$", text[: m.start()])
            if previous and previous.group(1).lower() in EN_TIME_BEFORE | {"upper", "lower", "other", "the"}:
                continue
            value = "1/2"
        else:
            numerator = 1 if m["n"].lower() == "a" else EN_SMALL[m["n"].lower()]
            value = f"{numerator}/{EN_DENOMINATORS[m['d'].lower()]}"
            previous = re.search(r"(\w+)\s+$", text[: m.start()])
            if m["d"].lower().startswith("quarter") and (
                (previous and previous.group(1).lower() in EN_TIME_BEFORE)
                or (m.group()[len(m["n"])] == " " and not re.match(r"\s+of\s+(?!(?:\d|this|last|next|the (?:year|financial)))", text[m.end() :]))
            ):
                continue  # `four quarters of 2021-22`, `the remaining two quarters` are periods
        of = re.match(r"\s*(?:of\s+)?(?:the\s+)?(?P<np>[\w&-]+)", text[m.end() :])
        noun = of["np"] if of and of["np"].lower() not in ("them", "these", "those", "it", "which", "us", "all") else ""
        found.append((m.start(), m.end(), {"value": value, "unit": "1", "of": noun}, 1))
    if lang != "en":
        return found
    for m in RE_EN_COUNT_NUMBER.finditer(text):
        start, end, number = m.start(), m.end(), m.group()
        before = text[max(0, start - 30) : start]
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-‑$/.") or RE_EN_CURRENCY_BEFORE.search(before):
            continue
        previous = re.search(r"([A-Za-z.]+)\s*$", before)
        prev_word = previous.group(1).lower().rstrip(".") if previous else ""
        if prev_word in EN_LABELS or (prev_word in EN_TIME_BEFORE and not number[0].isdigit()):
            continue
        if RE_YEAR.fullmatch(number) or re.match(r"\s*(?:-|–|/|:|\.\d)", text[end:]):
            continue
        if previous and re.fullmatch(r"[A-Z]{2,}", previous.group(1)) or RE_EN_IDIOM.match(text, start):
            continue  # `BEPS 2.0`, `One Country, Two Systems`
        upper = RE_EN_COUNT_RANGE.match(text, end)
        if upper and upper["sep"].lower() == "and" and not re.search(r"\bbetween\s+$", before, re.IGNORECASE):
            upper = None  # `X and Y things` is a range only after `between`
        if upper and not RE_FROM_BEFORE.search(before):
            number_b, end_b = upper["b"], upper.end()
        else:
            number_b, end_b = None, end
        try:
            value = parse_number(number)
            values = _values(number, number_b) if number_b else {"value": format_decimal(value)}
        except ValueError:
            continue
        if value != value.to_integral_value():
            continue  # a count is whole: `2.0 proposals` is a version
        phrase = _en_noun_phrase(text, end_b)
        if upper and number_b is None and upper["sep"].lower() == "to" and (changed := _en_noun_phrase(text, upper.end())):
            # `from 20 to 37 economies`: the old value counts the same thing (spec, decided: two mentions)
            found.append((start, end, {**values, "unit": "1", "of": changed[0]}, 3))
        elif phrase:
            of, end = phrase
            if number_b and re.search(r"\bbetween\s+$", before, re.IGNORECASE):
                start -= len(re.search(r"between\s+$", before, re.IGNORECASE).group())
            found.append((start, end, {**values, "unit": "1", "of": of}, 3))
        elif number[0].isdigit() and qualifier_before(text, start, lang) and not re.match(r"\s*(?:per|%|[A-Za-z]+\s+(?:per cent|percent))", text[end:]):
            # `over 3 300 last year`: a qualified bare number counts the thing in context.
            if re.match(r"\s+(?:years?|months?|days?|weeks?|hours?|times|am|pm|a\.m|p\.m)\b", text[end:], re.IGNORECASE):
                continue
            found.append((start, end, {"value": format_decimal(value), "unit": "1", "of": _en_of_context(text, start, end)}, 4))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c[3], -(c[1] - c[0]), c[0])):
        if not any(cand[0] < e and s < cand[1] for s, e, _, _ in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])


def find_quantities(text: str, lang: str) -> list[Mention]:
    """Quantity mentions of one block, sorted by start.

    Examples:
        >>> [(m.text, m.value) for m in find_quantities("新田一帶可提供合共約 210 公頃的新創科用地", "zh")]
        [('約 210 公頃', {'value': '210', 'unit': 'har', 'qualifier': 'approx'})]
        >>> find_quantities("over 1 000 enterprises participated", "en")[0].value
        {'value': '1000', 'unit': '1', 'of': 'enterprises', 'qualifier': 'at_least'}
    """
    mentions: list[Mention] = []
    previous_qualifier = EXACT
    for start, end, value, _ in _select(_age_candidates(text) + _zh_candidates(text) + _en_candidates(text, lang)):
        default = value.pop("qualifier", EXACT)
        shared = value.pop("_shared", None)
        qualifier, start, end = qualify(text, start, end, lang, default)
        if shared and qualifier == EXACT:
            qualifier = previous_qualifier
        if mentions and start < mentions[-1].end:
            start = mentions[-1].end
        value["qualifier"] = qualifier
        previous_qualifier = qualifier
        mentions.append(Mention("quantity", start, end, text[start:end], value))
    return mentions
