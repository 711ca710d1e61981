"""Ratios: `1（政府）：2（機構）`, `1:1`, `一對一配對`, `one-to-two matching`, `每三元…一元`.

A ratio is the list of its terms in the order written, each ``{party, value}``.
The one exception is the per-dollar form (`每三元的資金將獲得政府出資一元`,
`one dollar for every three dollars`): the spec writes the government's share
first. Clock times (`10:30`) are not ratios; `一對一` is one only where it is about
matching or funding (`一對一配對`), not `一對一輔導` (one-on-one coaching).
"""

from __future__ import annotations

import re

from extractor.numerals import EN_SMALL, format_decimal, parse_number
from extractor.recognizers.qualifiers import qualifier_before
from extractor.types import Mention

CN_SMALL_NUMBER = r"[零〇一二兩三四五六七八九十百]+"
NUM = rf"(?:\d+(?:\.\d+)?|{CN_SMALL_NUMBER})"
EN_WORD = r"(?:" + "|".join(w for w in EN_SMALL if len(w) > 2 and EN_SMALL[w] <= 20) + r")"
EN_NUM = rf"(?:\d+(?:\.\d+)?|{EN_WORD})"
PARTY = r"[（(](?P<party>[^（()）]{1,40})[）)]"

# `1（政府）：2（機構）`, `1 (Government) : 2 (CP)`, `4（政府）比 1（大學）`.
RE_TERM = re.compile(rf"(?P<value>{NUM})\s*{PARTY}")
RE_PAREN_RATIO = re.compile(
    rf"{NUM}\s*[（(][^（()）]{{1,40}}[）)](?:\s*(?:[：:]|比|to)\s*{NUM}\s*[（(][^（()）]{{1,40}}[）)])+"
)
# `1:1`, `1 : 2`, `1:1:2`; the lookarounds keep clock times and references out later.
RE_COLON_RATIO = re.compile(r"(?<![\d:.,])(\d+(?:\.\d+)?)(\s*)[：:](\s*)(\d+(?:\.\d+)?)((?:\s*[：:]\s*\d+(?:\.\d+)?)*)(?![\d:])")
# `一比一`, `1 比 2`, `一對一配對`.
RE_ZH_RATIO = re.compile(rf"(?P<a>{NUM})\s?(?P<op>比|對)\s?(?P<b>{NUM})")
RE_ZH_FUNDING = re.compile(r"^.{0,3}(?:配對|比例|配款|資助|出資|形式|方式|基礎)")
RE_ZH_FUNDING_BEFORE = re.compile(r"(?:比例|配對|比率)(?:為|是|以|按)?\s?$")
# `one-to-one`, `1-to-2`, `dollar-for-dollar`; without hyphens only before matching/ratio/basis.
RE_EN_TO = re.compile(
    rf"\b(?P<a>{EN_NUM})(?:-to-|\s+to\s+(?=(?:{EN_NUM})\s+(?:matching|match|ratio|basis)\b))(?P<b>{EN_NUM})\b"
    r"(?P<tail>(?:\s+(?:matching|match|funding|grant|co-funding))?(?:\s+(?:ratio|basis|scheme|arrangement))?)",
    re.IGNORECASE,
)
RE_EN_DOLLAR_FOR_DOLLAR = re.compile(r"\bdollar[- ]for[- ]dollar\b", re.IGNORECASE)
RE_EN_BETWEEN = re.compile(
    r"\s+between\s+(?P<p1>.+?)\s+and\s+(?P<p2>.+?)(?=[,.;:()]|\s+(?:for|to|in|on|of|with|which|that|will|is|are)\b|$)",
    re.IGNORECASE,
)
# `每三元的資金將獲得政府出資一元`: for every N dollars … M dollars.
RE_ZH_PER_DOLLAR = re.compile(rf"每\s?(?P<n>{NUM})\s?元(?P<mid>[^，。；、\d]{{0,30}}?)(?P<m>{NUM})\s?元")
# `one dollar … for every three dollars`, `$1 for every $3`, and the reverse order.
EN_DOLLAR = rf"(?:\$\s?(?:\d+(?:\.\d+)?)|{EN_NUM}\s+dollars?)"
RE_EN_PER_DOLLAR = re.compile(
    rf"(?P<m>{EN_DOLLAR})(?P<mid>[^.;]{{0,60}}?)\bfor\s+every\s+(?P<n>{EN_DOLLAR})"
    rf"|\bfor\s+every\s+(?P<n2>{EN_DOLLAR})(?P<mid2>[^.;]{{0,80}}?)(?P<m2>{EN_DOLLAR})",
    re.IGNORECASE,
)
RE_GOVERNMENT = re.compile(r"政府|\bthe Government\b|\bGovernment\b")
# The raised funds named after `每三元的`: `資金`, `私人投資`.
RE_ZH_FUNDS = re.compile(r"^的?(?P<party>[^，。；\s將會可由]{1,8}?)(?=將|會|可|由|，|獲|$)")


def _value(number: str) -> str:
    number = number.strip().lower()
    if number.startswith("$"):
        number = number[1:]
    number = re.sub(r"\s+dollars?$", "", number)
    if number in EN_SMALL:
        return str(EN_SMALL[number])
    return format_decimal(parse_number(number))


def _term(party: str, value: str) -> dict[str, str]:
    return {"party": party.strip(), "value": _value(value)}


Candidate = tuple[int, int, list[dict[str, str]]]


def _per_dollar(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in RE_ZH_PER_DOLLAR.finditer(text):
        funds = RE_ZH_FUNDS.match(m["mid"])
        other = funds["party"] if funds else ""
        if "政府" in m["mid"]:
            terms = [_term("政府", m["m"]), _term(other, m["n"])]
        else:
            terms = [_term(other, m["n"]), _term("", m["m"])]
        found.append((m.start(), m.end(), terms))
    for m in RE_EN_PER_DOLLAR.finditer(text):
        if m["m"]:
            given, every, around = m["m"], m["n"], text[max(0, m.start() - 60) : m.end()]
        else:
            given, every, around = m["m2"], m["n2"], m.group()
        if RE_GOVERNMENT.search(around):
            terms = [_term("the Government", given), _term("", every)]
        else:
            terms = [_term("", every), _term("", given)]
        found.append((m.start(), m.end(), terms))
    return found


def per_dollar_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `每三元…一元` / `for every three dollars` ratios (not money for amounts)."""
    return [(start, end) for start, end, _ in _per_dollar(text)]


def _is_clock(m: re.Match[str], text: str) -> bool:
    """`10:30`, `2:00` (no spaces, two-digit minutes) are times, unless a ratio word is near."""
    a, b = m.group(1), m.group(4)
    if len(a) >= 4 or len(b) >= 4:  # `ISO 9001:2015`
        return True
    near = text[max(0, m.start() - 12) : m.end() + 12]
    if re.search(r"比例|比率|配對|ratio|match", near, re.IGNORECASE):
        return False
    spaced = m.group(2) or m.group(3)
    return not spaced and len(b) == 2 and "." not in a + b and int(a) <= 24


def _candidates(text: str) -> list[Candidate]:
    found = _per_dollar(text)
    for m in RE_PAREN_RATIO.finditer(text):
        terms = [_term(t["party"], t["value"]) for t in RE_TERM.finditer(m.group())]
        found.append((m.start(), m.end(), terms))
    for m in RE_COLON_RATIO.finditer(text):
        if _is_clock(m, text) or (m.start() > 0 and text[m.start() - 1].isalpha() and text[m.start() - 1].isascii()):
            continue
        values = [m.group(1), m.group(4), *re.findall(r"\d+(?:\.\d+)?", m.group(5))]
        found.append((m.start(), m.end(), [_term("", v) for v in values]))
    for m in RE_ZH_RATIO.finditer(text):
        if m["a"].isdigit() != m["b"].isdigit():
            continue
        after, before = text[m.end() : m.end() + 6], text[max(0, m.start() - 6) : m.start()]
        if m["op"] == "對" and not (RE_ZH_FUNDING.match(after) or RE_ZH_FUNDING_BEFORE.search(before)):
            continue
        if m["op"] == "比" and re.match(r"[較例率賽]", text[m.start("op") + 1 : m.start("op") + 2]):
            continue
        party = "資助" if "資助" in after else ""
        found.append((m.start(), m.end(), [_term(party, m["a"]), _term("", m["b"])]))
    for m in RE_EN_TO.finditer(text):
        end, p1, p2 = m.end(), "", ""
        between = RE_EN_BETWEEN.match(text, m.end()) if m["tail"] else None
        if between:
            end, p1, p2 = between.end(), between["p1"], between["p2"]
        elif not m["tail"] and not re.match(r"\d", m["a"]):
            # `one-to-one` alone may be `one-to-one mentoring`; need a ratio word nearby.
            if not re.search(r"match|ratio|basis|fund", text[m.end() : m.end() + 30], re.IGNORECASE):
                continue
        found.append((m.start(), end, [_term(p1, m["a"]), _term(p2, m["b"])]))
    for m in RE_EN_DOLLAR_FOR_DOLLAR.finditer(text):
        found.append((m.start(), m.end(), [_term("", "1"), _term("", "1")]))
    return found


def find_ratios(text: str, lang: str) -> list[Mention]:
    """Ratio mentions of one block, sorted by start.

    Examples:
        >>> [t["value"] for m in find_ratios("以 1（政府）：2（機構）的配對比例", "zh") for t in m.value["terms"]]
        ['1', '2']
        >>> find_ratios("a one-to-two matching ratio between the Government and the institution", "en")[0].value
        {'terms': [{'party': 'the Government', 'value': '1'}, {'party': 'the institution', 'value': '2'}]}
    """
    chosen: list[Candidate] = []
    for cand in sorted(_candidates(text), key=lambda c: (-(c[1] - c[0]), c[0])):
        if not any(cand[0] < e and s < cand[1] for s, e, _ in chosen):
            chosen.append(cand)
    mentions: list[Mention] = []
    for start, end, terms in sorted(chosen, key=lambda c: c[0]):
        value: dict[str, object] = {"terms": terms}
        qualified = qualifier_before(text, start, lang)
        if qualified and qualified[0] != "exact" and (not mentions or qualified[1] >= mentions[-1].end):
            value["qualifier"], start = qualified
        mentions.append(Mention("ratio", start, end, text[start:end], value))
    return mentions
