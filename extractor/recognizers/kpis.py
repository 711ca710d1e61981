"""KPI baselines and targets: `由 2022 年的 330 間增加至 2027 年的 600 間`,
`from 330 in 2022 to 600 by 2027`.

Works on the value mentions already found in a block (amounts and quantities): a KPI is
a pair of them joined by the from … to grammar, each with the year it holds for. The
indicator is the clause before the `由` / `from`.
"""

from __future__ import annotations

import re
from itertools import pairwise
from dataclasses import dataclass

from ..types import Mention

YEAR_ZH = r"(?:(?P<{name}>(?:19|20)\d{{2}})\s*年(?:底|初|時|內)?\s*的?\s*)?"
RE_FROM_ZH = re.compile(r"由\s*" + YEAR_ZH.format(name="year") + r"$")
RE_TO_ZH = re.compile(r"^\s*(?:增加|增長|提升|提高|上升|擴大|擴展|倍增|減少|下降|降低|增|減)?(?:至|到)\s*"
                      + YEAR_ZH.format(name="year"))
RE_FROM_EN = re.compile(r"\bfrom\s+(?:a\s+baseline\s+of\s+)?$", re.IGNORECASE)
RE_YEAR_EN = re.compile(r"^\s*(?:in|at\s+end-?|at\s+the\s+end\s+of)\s*(?P<year>(?:19|20)\d{2})", re.IGNORECASE)
RE_TO_EN = re.compile(r"^\s*(?:in\s+(?P<year0>(?:19|20)\d{2})\s+)?to\s+", re.IGNORECASE)
RE_BY_EN = re.compile(r"\s*(?:in|by)\s+(?:(?:the\s+)?end[- ]?(?:of\s+)?)?(?P<year>(?:19|20)\d{2})", re.IGNORECASE)
CLAUSE_END = re.compile(r"[。；;：:\n]|(?<=[.!?])\s")
LEADING = re.compile(r"^(?:[\s\-•●▪*]+|\(?[0-9一二三四五六七八九十]+[.)）、]\s*|把|將|the\s+)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Kpi:
    """A baseline → target pair of value mentions in one block, with their years."""

    indicator: str
    baseline: Mention
    baseline_year: int | None
    target: Mention
    target_year: int | None


def find_kpis(text: str, values: list[Mention], lang: str) -> list[Kpi]:
    """KPIs among ``values`` (amount and quantity mentions of ``text``, in any order).
    A pair that prints no years takes those of the KPI before it in the same block."""
    ordered = sorted(values, key=lambda m: m.start)
    kpis: list[Kpi] = []
    for first, second in pairwise(ordered):
        found = _pair_zh(text, first, second) if lang != "en" else _pair_en(text, first, second)
        if found is None:
            continue
        clause_start, base_year, target_year = found
        if base_year is None and target_year is None and kpis:
            base_year, target_year = kpis[-1].baseline_year, kpis[-1].target_year
        indicator = _indicator(text, clause_start) or second.value.get("of") or ""
        if indicator and target_year is not None:
            kpis.append(Kpi(indicator, first, base_year, second, target_year))
    return kpis


def _pair_zh(text: str, first: Mention, second: Mention) -> tuple[int, int | None, int | None] | None:
    before = RE_FROM_ZH.search(text, max(0, first.start - 12), first.start)
    between = RE_TO_ZH.match(text[first.end:second.start])
    if before is None or between is None or first.end + between.end() != second.start:
        return None
    return before.start(), _year(before.group("year")), _year(between.group("year"))


def _pair_en(text: str, first: Mention, second: Mention) -> tuple[int, int | None, int | None] | None:
    before = RE_FROM_EN.search(text, max(0, first.start - 30), first.start)
    gap = text[first.end:second.start]
    base = RE_YEAR_EN.match(gap)
    rest = gap[base.end():] if base else gap
    to = RE_TO_EN.match(rest)
    if before is None or to is None or to.end() != len(rest):
        return None
    after = RE_BY_EN.match(text, second.end)
    base_year = _year(base.group("year")) if base else _year(to.group("year0"))
    return before.start(), base_year, _year(after.group("year")) if after else None


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _indicator(text: str, end: int) -> str:
    """The clause before ``end``, back to a full stop, semicolon or colon (commas stay inside:
    `…的累計總數，由 2022 年…` names the indicator `…的累計總數`)."""
    head = text[:end].rstrip(" ，,、")
    cut = max((m.end() for m in CLAUSE_END.finditer(head)), default=0)
    return LEADING.sub("", head[cut:]).strip(" ，,、")
