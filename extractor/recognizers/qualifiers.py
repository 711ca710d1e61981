"""Qualifier words shared by the amount, quantity, ratio and duration recognizers.

A qualifier says how a written value bounds the real one (normalisation.md):
``exact`` (default), ``approx``, ``at_least`` or ``at_most``. It is written before
the value (`不少於 6 億元`, `over $100 billion`), sometimes a few filler characters
away (`資助上限為 3,000 萬元`, `約共 2 500 名`, `不多於每年 2%`), or after it
(`100 億元左右`, `50 人以上`, `$5 million or more`).

Examples:
    >>> qualifier_before("資助上限為 ", 6, "zh")
    ('at_most', 2)
    >>> qualifier_before("attracted over ", 15, "en")
    ('at_least', 10)
"""

from __future__ import annotations

import re

APPROX, AT_LEAST, AT_MOST, EXACT = "approx", "at_least", "at_most", "exact"

# Chinese qualifier words, by class. Longer words win (`不超過` before `超過`).
ZH_QUALIFIERS: dict[str, tuple[str, ...]] = {
    APPROX: ("大約", "約為", "約", "接近", "將近", "近", "差不多", "大概", "估計約"),
    AT_LEAST: (
        "不少於", "不低於", "不下於", "至少", "最少為", "最少", "最低為", "超過", "超逾", "逾",
        "多於", "高於", "衝破", "突破", "最短", "超出",
    ),
    AT_MOST: (
        "不多於", "不超過", "不高於", "上限為", "上限是", "上限", "最高為", "最高可達", "最高",
        "最多為", "最多可", "最多", "限額為", "少於", "低於", "不足", "最長為", "最長", "至多",
    ),
}  # fmt: skip
# Words after the value: `100 億元左右`, `50 人以上`, `10 萬元以下`, `以 500 元為上限`.
ZH_QUALIFIERS_AFTER: dict[str, tuple[str, ...]] = {
    APPROX: ("左右", "上下"),
    AT_LEAST: ("以上", "或以上"),
    AT_MOST: ("以下", "或以下", "以內", "之內", "為上限", "為限"),
}
# Characters that may sit between a Chinese qualifier and its value without
# changing it: `約共`, `上限為`, `達`, `不多於每年`, `最多可獲`.
RE_ZH_FILLER = re.compile(r"(?:合共|總共|共|合計|為|是|達|可達|可獲|有|首[一二兩三四]季|每(?:宗個案|[年月季戶項間家名人個宗])|\s)*$")

EN_QUALIFIERS: dict[str, tuple[str, ...]] = {
    APPROX: (
        "about", "around", "approximately", "approx.", "roughly", "some", "nearly", "almost",
        "close to", "an estimated", "in the region of",
    ),
    AT_LEAST: (
        "over", "more than", "not less than", "no less than", "at least", "in excess of",
        "exceeded", "exceeding the", "surpassed", "upwards of", "a minimum of", "minimum of",
    ),
    AT_MOST: (
        "up to", "capped at", "not exceeding", "not more than", "no more than", "a maximum of",
        "maximum of", "at most", "a quota of", "a ceiling of", "ceiling of", "a cap of",
        "cap of", "less than", "fewer than", "under", "below", "within",
    ),
}  # fmt: skip
EN_QUALIFIERS_AFTER: dict[str, tuple[str, ...]] = {
    AT_LEAST: ("or more", "or above", "and above", "or over"),
    AT_MOST: ("or less", "or below", "or fewer", "at most"),
    APPROX: ("or so",),
}
# `up to a subsidy ceiling of`, `a total of about`: words between qualifier and value.
RE_EN_FILLER = re.compile(r"(?:\b(?:a total of|totalling|totaling|in total|a|an|the|each|per year|annually)\b|\s)*$", re.IGNORECASE)


def _alternation(table: dict[str, tuple[str, ...]]) -> str:
    words = sorted(((w, cls) for cls, ws in table.items() for w in ws), key=lambda p: -len(p[0]))
    return "|".join(re.escape(w) for w, _ in words)


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {w.lower(): cls for cls, ws in table.items() for w in ws}


ZH_LOOKUP = _lookup(ZH_QUALIFIERS)
EN_LOOKUP = _lookup(EN_QUALIFIERS)
ZH_AFTER_LOOKUP = _lookup(ZH_QUALIFIERS_AFTER)
EN_AFTER_LOOKUP = _lookup(EN_QUALIFIERS_AFTER)
# A qualifier that ends the text before the value (after fillers are removed).
# `最近`, `附近` are not 近; `超過` inside `不超過` is handled by longest-first order.
RE_ZH_BEFORE = re.compile(rf"(?<![最附鄰接將])(?:{_alternation(ZH_QUALIFIERS)})$")
RE_EN_BEFORE = re.compile(
    rf"\b(?:up to\s+(?:a|the)\s+(?:\w+\s+)?(?:ceiling|cap|maximum|limit)\s+of"
    rf"|(?:a|the)\s+(?:\w+\s+)?(?:ceiling|cap|maximum|limit)\s+of|{_alternation(EN_QUALIFIERS)})\s*$",
    re.IGNORECASE,
)
# A cap that changes: `資助上限由 600萬元增至 700萬元`, `the borrowing limit of the Programme
# from $200 billion to $300 billion`: both values are ceilings (gold: en-2020-21 p73).
RE_ZH_CAP_FROM = re.compile(r"(?:上限|限額)由[^，。；,\d]{0,6}$")
RE_EN_CAP_FROM = re.compile(r"\b(?:ceiling|cap|maximum|limit)\s+(?:of\s+(?:[\w’'-]+\s+){0,6})?from\s+$", re.IGNORECASE)
RE_ZH_AFTER = re.compile(rf"\s*(?:{_alternation(ZH_QUALIFIERS_AFTER)})")
RE_EN_AFTER = re.compile(rf"\s+(?:{_alternation(EN_QUALIFIERS_AFTER)})\b", re.IGNORECASE)
#: how far back a qualifier may start (characters).
WINDOW = 40


def _classify_en(phrase: str) -> str:
    phrase = " ".join(phrase.lower().split())
    if phrase in EN_LOOKUP:
        return EN_LOOKUP[phrase]
    return AT_MOST  # the `… ceiling/cap/maximum of` family


def qualifier_before(text: str, start: int, lang: str) -> tuple[str, int] | None:
    """The qualifier written just before ``text[start:]`` and where it begins.

    Chinese qualifiers are looked for in either language's paper (Chinese papers
    quote English and vice versa, but Chinese words never occur in English prose).

    Examples:
        >>> qualifier_before("投資不少於兩億元", 5, "zh")
        ('at_least', 2)
        >>> qualifier_before("up to a subsidy ceiling of ", 27, "en")
        ('at_most', 0)
    """
    window_start = max(0, start - WINDOW)
    before = text[window_start:start]
    # Chinese: strip fillers, then a qualifier must end exactly there.
    match = RE_ZH_BEFORE.search(before.rstrip())  # `限額為`, `最低為`: the filler is part of the word
    if match is None:
        filler = RE_ZH_FILLER.search(before)
        match = RE_ZH_BEFORE.search(before[: filler.start()] if filler else before)
    if match:
        return ZH_LOOKUP[match.group()], window_start + match.start()
    cap_start = max(0, start - 2 * WINDOW)  # `limit of the Government Bond Programme from`
    cap = RE_ZH_CAP_FROM.search(text, cap_start, start) or RE_EN_CAP_FROM.search(text, cap_start, start)
    if cap:
        return AT_MOST, cap.start()
    en = RE_EN_BEFORE.search(before)
    if en is None:
        stripped = RE_EN_FILLER.search(before)
        if stripped and stripped.start() < len(before):
            en = RE_EN_BEFORE.search(before[: stripped.start()] + " ")
    if en:
        phrase = en.group().strip()
        return _classify_en(phrase), window_start + en.start()
    return None


def qualifier_after(text: str, end: int, lang: str) -> tuple[str, int] | None:
    """The qualifier written just after ``text[:end]`` and where it ends.

    Examples:
        >>> qualifier_after("100 億元左右。", 6, "zh")
        ('approx', 8)
        >>> qualifier_after("$5 million or more", 10, "en")
        ('at_least', 18)
    """
    match = RE_ZH_AFTER.match(text, end)
    if match:
        return ZH_AFTER_LOOKUP[match.group().strip()], match.end()
    match = RE_EN_AFTER.match(text, end)
    if match:
        return EN_AFTER_LOOKUP[" ".join(match.group().lower().split())], match.end()
    return None


def qualify(text: str, start: int, end: int, lang: str, default: str = EXACT) -> tuple[str, int, int]:
    """(qualifier, start, end) of a value span widened to take in its qualifier words.

    A word before the value wins over one after it (`約 100 億元以上` is rare and
    `約` is the stronger statement).

    Examples:
        >>> qualify("不少於 6 億元的基金", 4, 8, "zh")
        ('at_least', 0, 8)
        >>> qualify("about $2 billion", 6, 16, "en")
        ('approx', 0, 16)
    """
    qualifier = default
    before = qualifier_before(text, start, lang)
    if before:
        qualifier, start = before
    after = qualifier_after(text, end, lang)
    if after:
        if not before:
            qualifier = after[0]
        end = after[1]
    return qualifier, start, end
