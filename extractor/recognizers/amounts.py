"""Money: `100 億元`, `港幣 5 億元`, `HK$1.8 billion`, ranges, qualifiers.

One grammar per writing system, run on every block whatever the paper's language
(Chinese papers quote `HK$`, English ones never write `億元`): a currency word or
sign next to a number is money; a number alone is not. A range is one mention with
``min``/``max``; its first number borrows the scale and currency of the second
(`介乎 1 至 3 億元`, `$150 to $250 million`). `每三元…一元` and `for every three
dollars` are ratios, so amounts inside them are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from extractor.numerals import (
    ARABIC,
    EN_NUMBER,
    ZH_NUMBER,
    format_decimal,
    parse_number,
)
from extractor.recognizers.qualifiers import AT_MOST, EXACT, qualify
from extractor.recognizers.ratios import per_dollar_spans
from extractor.types import Block, Mention

# Currency words: prefix (`港幣 5 億元`, `HK$1.8 billion`) or suffix (`5 億港元`).
ZH_PREFIX = {"港幣": "HKD", "港元": "HKD", "人民幣": "CNY", "美元": "USD", "歐元": "EUR"}
ZH_SUFFIX = {
    "港元": "HKD", "港幣": "HKD", "美元": "USD", "歐元": "EUR", "英鎊": "GBP", "日圓": "JPY",
    "日元": "JPY", "元人民幣": "CNY", "元港幣": "HKD", "元": "HKD",
}  # fmt: skip
SIGNS = {
    "HK$": "HKD", "US$": "USD", "RMB": "CNY", "HKD": "HKD", "USD": "USD", "CNY": "CNY",
    "S$": "SGD", "A$": "AUD", "NT$": "TWD", "£": "GBP", "€": "EUR", "$": "HKD",
}  # fmt: skip
EN_WORDS = {"dollar": "HKD", "dollars": "HKD", "yuan": "CNY", "renminbi": "CNY", "euros": "EUR"}
EN_COUNTRY = {"us": "USD", "hong kong": "HKD", "hk": "HKD", "singapore": "SGD", "australian": "AUD"}


def _alt(words: dict[str, str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# `元` that is not money: 元朗 (a district), 元素, 元件, 一元化, 元宵, 元旦, 元首.
ZH_SUFFIX_RE = rf"(?:{_alt(ZH_SUFFIX)})(?![朗素件化論宵旦首])"
# A Chinese-style number, possibly `三千多萬` / `100 餘億` (more than).
ZH_CORE = rf"(?:{ZH_NUMBER})(?:\s?[多餘]\s?[十百千萬億兆]*)?"
SIGN_RE = rf"(?:{_alt(SIGNS)})"


def _zh_amount(tag: str) -> str:
    """`港幣 5 億元` / `5 億港元` / `HK$100 億` / a bare number (callers check the currency)."""
    pre = rf"(?:(?P<{tag}pre>{_alt(ZH_PREFIX)}|{SIGN_RE})\s?)?"
    suf = rf"(?:\s?(?P<{tag}suf>{ZH_SUFFIX_RE}))?"
    return rf"{pre}(?P<{tag}num>{ZH_CORE}){suf}"


RE_ZH_RANGE = re.compile(
    rf"(?:(?:介乎|介於|由|從)\s?)?{_zh_amount('a')}\s?(?:至|到|-|–|—|~|～)\s?{_zh_amount('b')}(?:之間|不等)?"
)
RE_ZH_AMOUNT = re.compile(_zh_amount("x"))

EN_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|mn|bn)\b|(?:m|b)\b)"


def _en_signed(t: str) -> str:
    """`HK$1.8 billion`, `RMB 340 million`, `$400,000`."""
    return rf"(?P<{t}sign>{SIGN_RE})\s?(?P<{t}num>{ARABIC})(?P<{t}scale>{EN_SCALE})?"


# `five million dollars`, `1 billion US dollars`, `10 billion yuan`.
EN_WORDED = (
    rf"(?P<xwnum>{EN_NUMBER})\s+(?:(?P<xcountry>US|Hong Kong|HK|Singapore|Australian)\s+)?"
    rf"(?P<xword>{_alt(EN_WORDS)})\b"
)
RE_EN_AMOUNT = re.compile(rf"(?:{_en_signed('x')}|{EN_WORDED})", re.IGNORECASE)
RE_EN_RANGE = re.compile(
    rf"(?:(?P<between>between)\s+|from\s+)?{_en_signed('a')}"
    rf"\s*(?P<sep>to|and|-|–|—)\s*(?:(?P<bsign>{SIGN_RE})\s?)?(?P<bnum>{ARABIC})(?P<bscale>{EN_SCALE})?",
    re.IGNORECASE,
)
# English `from $5 million to $6 million` is a change (`raise the ceiling from … to …`);
# it is a range only after `ranging`/`varying`.
RE_RANGING_BEFORE = re.compile(r"\b(?:rang|vary|varie)\w*\s+$", re.IGNORECASE)
RE_BIG_UNITS = re.compile(r"[萬万億亿兆]")
RE_TRAILING_SCALE = re.compile(rf"^(?P<lead>{ARABIC}|[零〇一二三四五六七八九兩十百千點]+)\s?(?P<units>[十百千萬億兆]*[萬億兆])$")
# A Chinese numeral needs a digit (or a leading 十): `億元` (數以億元計) and the table
# header `(百萬元)` are not values.
RE_HAS_DIGIT = re.compile(r"[\d零〇一二三四五六七八九兩]|^十")


def _zh_value(core: str) -> tuple[Decimal, bool]:
    """Value of `三千多萬` → (30000000, True): the flag says `多`/`餘` (more than)."""
    core = core.strip()
    match = re.search(r"\s?[多餘]\s?", core)
    if not match:
        return parse_number(core), False
    number, scale = core[: match.start()], core[match.end() :]
    value = parse_number(number)
    if scale:
        value *= parse_number("1" + scale)
    return value, True


def _scale_of(core: str) -> Decimal:
    """The scale a range's first number borrows: `2.5 億` → 10^8, `3 千萬` → 10^7."""
    match = RE_TRAILING_SCALE.match(core.strip())
    if not match:
        return Decimal(1)
    return parse_number("1" + match["units"])


def _zh_currency(match: re.Match[str], tag: str) -> str | None:
    """The currency written with one number of a match, or None for a bare number."""
    pre, suf = match[f"{tag}pre"], match[f"{tag}suf"]
    if pre:
        return ZH_PREFIX.get(pre) or SIGNS.get(pre.upper(), "HKD")
    return ZH_SUFFIX[suf] if suf else None


def _valid_zh_number(text: str, start: int, core: str) -> bool:
    if not RE_HAS_DIGIT.search(core.strip()):
        return False
    # `數十億元`, `幾百萬元` (several …) and ordinals are not values.
    return not (start > 0 and text[start - 1] in "數幾第")


def _en_scale(scale: str | None) -> Decimal:
    return parse_number("1 " + scale.strip()) if scale and scale.strip() else Decimal(1)


Candidate = tuple[int, int, dict[str, str]]


def _zh_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in RE_ZH_RANGE.finditer(text):
        a_core, b_core, currency = m["anum"], m["bnum"], _zh_currency(m, "b")
        if currency is None or _zh_currency(m, "a") not in (None, currency):
            continue
        if text[max(0, m.start("anum") - 3) : m.start("anum")].endswith("百分之"):
            continue  # `增加百分之七至五千八百零二億元`: a rate, then the amount reached
        if not (_valid_zh_number(text, m.start("anum"), a_core) and _valid_zh_number(text, m.start("bnum"), b_core)):
            continue
        try:
            low, _ = _zh_value(a_core)
            high, _ = _zh_value(b_core)
        except ValueError:
            continue
        if not RE_BIG_UNITS.search(a_core):
            low *= _scale_of(b_core)
        if low >= high:
            continue
        found.append((m.start(), m.end(), {"currency": currency, "min": format_decimal(low), "max": format_decimal(high)}))
    for m in RE_ZH_AMOUNT.finditer(text):
        core, currency = m["xnum"], _zh_currency(m, "x")
        if currency is None or not _valid_zh_number(text, m.start("xnum"), core):
            continue
        try:
            value, more = _zh_value(core)
        except ValueError:
            continue
        entry = {"currency": currency, "value": format_decimal(value)}
        if more:
            entry["qualifier"] = "at_least"
        found.append((m.start(), m.end(), entry))
    return found


def _en_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in RE_EN_RANGE.finditer(text):
        if m["sep"].lower() == "and" and not m["between"]:
            continue
        if m.group().lower().startswith("from") and not RE_RANGING_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        b_scale = _en_scale(m["bscale"])
        a_scale = _en_scale(m["ascale"]) if m["ascale"] else b_scale
        try:
            low = parse_number(m["anum"]) * a_scale
            high = parse_number(m["bnum"]) * b_scale
        except ValueError:
            continue
        if low >= high or (not m["bsign"] and not m["bscale"] and m["sep"] in "-–—"):
            continue
        currency = SIGNS.get(m["asign"].upper(), "HKD")
        found.append((m.start(), m.end(), {"currency": currency, "min": format_decimal(low), "max": format_decimal(high)}))
    for m in RE_EN_AMOUNT.finditer(text):
        try:
            if m["xsign"]:
                currency = SIGNS.get(m["xsign"].upper(), "HKD")
                value = parse_number(m["xnum"]) * _en_scale(m["xscale"])
            else:
                country = (m["xcountry"] or "").lower()
                currency = EN_COUNTRY.get(country) or EN_WORDS[m["xword"].lower()]
                value = parse_number(m["xwnum"])
        except ValueError:
            continue
        found.append((m.start(), m.end(), {"currency": currency, "value": format_decimal(value)}))
    return found


def _select(candidates: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Longest first at each position, no overlaps, none inside a per-dollar ratio."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        start, end, _ = cand
        if any(start < e and s < end for s, e in blocked):
            continue
        if any(start < e and s < end for s, e, _ in chosen):
            continue
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])


# `上限由 A 增至 B`, `cap … from A to B`: the new value is the new cap (the old one's
# span starts at its cap word, see ``qualifiers.RE_ZH_CAP_FROM``).
RE_CAP_START = re.compile(r"(?:上限|限額)由|(?:ceiling|cap|maximum|limit)\b", re.IGNORECASE)
# `subject to a ceiling of – For each rateable domestic property $1,500 per quarter; …`,
# `上限如下：`: a cap that introduces a list bounds every value of the list (gold: en-2020-21 p56).
RE_LIST_CAP = re.compile(
    r"\b(?:ceiling|cap|maximum|limit)s?\s+(?:of|is|are|as\s+follows)\s*[–—:-]|上限(?:為|如下)?\s*[：:—–]",
    re.IGNORECASE,
)
RE_SENTENCE_END = re.compile(r"。|\.(?:\s|$)")  # list items may be set off by `；`
RE_CHANGED_TO = re.compile(r"\s*(?:增加至|增至|提高至|提升至|上調至|調高至|調升至|to)\s*", re.IGNORECASE)


def _list_cap_spans(text: str, continued: bool = False) -> list[tuple[int, int]]:
    """From each list-introducing cap to the end of its sentence (from the start of the text
    when it ``continued`` a list a cap opened in an earlier block)."""
    starts = ([0] if continued else []) + [m.end() for m in RE_LIST_CAP.finditer(text)]
    spans = []
    for start in starts:
        end = RE_SENTENCE_END.search(text, start)
        spans.append((start, end.start() if end else len(text)))
    return spans


def capped_blocks(blocks: Sequence[Block]) -> list[bool]:
    """For each block, whether it continues a list that a cap left open at the end of an earlier
    block of the same paragraph (`subject to a ceiling of –` ending a table cell, its items in
    the next lines: gold en-2020-21 p56). The list ends with its paragraph, a sentence, or a
    heading or table row (a new section) other than the first item's lead right after the cap."""
    capped, open_in, just_opened = [], None, False
    for block in blocks:
        continued = open_in == block.where and (just_opened or block.kind not in ("heading", "table_row"))
        capped.append(continued)
        spans = _list_cap_spans(block.text, continued)
        opens = bool(spans) and spans[-1][1] == len(block.text)
        just_opened = opens and not continued
        open_in = block.where if opens else None
    return capped


def find_amounts(text: str, lang: str, capped: bool = False) -> list[Mention]:
    """Money mentions of one block, sorted by start; ``capped``: the block continues a list
    that a cap opened before it (see ``capped_blocks``).

    Examples:
        >>> [m.value for m in find_amounts("資助上限為 3,000 萬元。", "zh")]
        [{'currency': 'HKD', 'value': '30000000', 'qualifier': 'at_most'}]
        >>> [(m.text, m.value["min"]) for m in find_amounts("It costs $150 million to $250 million.", "en")]
        [('$150 million to $250 million', '150000000')]
    """
    candidates = _zh_candidates(text) + _en_candidates(text)
    cap_spans = _list_cap_spans(text, capped)
    mentions: list[Mention] = []
    for start, end, entry in _select(candidates, per_dollar_spans(text)):
        default = entry.pop("qualifier", EXACT)
        qualifier, start, end = qualify(text, start, end, lang, default)
        if mentions and start < mentions[-1].end:  # a qualifier cannot reach into the previous mention
            start = mentions[-1].end
        new_cap = bool(mentions) and RE_CAP_START.match(mentions[-1].text) is not None \
            and RE_CHANGED_TO.fullmatch(text, mentions[-1].end, start) is not None
        if qualifier == EXACT and (new_cap or any(a <= start < b for a, b in cap_spans)):
            qualifier = AT_MOST
        entry["qualifier"] = qualifier
        mentions.append(Mention("amount", start, end, text[start:end], entry))
    return mentions
