"""Organisations: the bilingual gazetteer (`ontology/organisations.csv`) matched longest
first, plus the spec's pronoun rules (`我們`/`we` → the issuing unit).

Examples:
    >>> gazetteer = load_gazetteer()
    >>> [(m.text, m.value["name"]) for m in find_orgs("創科及工業局和數字辦", "zh", gazetteer)]
    [('創科及工業局', '創新科技及工業局'), ('數字辦', '數字政策辦公室')]
    >>> [m.value["name"] for m in find_orgs("the Government and HKSTPC", "en", gazetteer)]
    ['香港特別行政區政府', '香港科技園公司']
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..types import Mention

GAZETTEER_PATH = Path(__file__).resolve().parents[2] / "ontology" / "organisations.csv"
GOVERNMENT = "香港特別行政區政府"
RE_WE_ZH = re.compile(r"我們|我")
RE_WE_EN = re.compile(r"\b(?:we|We|our|Our)\b")


@dataclass(frozen=True)
class Organisation:
    id: str
    type: str
    parent: str | None
    zh: str
    en: str | None


@dataclass(frozen=True)
class Gazetteer:
    units: dict[str, Organisation]
    by_name: dict[str, str]  # surface form → id (English keys lower-cased)
    pattern: re.Pattern[str]

    def resolve(self, surface: str) -> Organisation | None:
        key = self.by_name.get(surface) or self.by_name.get(_en_key(surface))
        return self.units.get(key) if key else None


def _en_key(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).lower()


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    units: dict[str, Organisation] = {}
    by_name: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            org = Organisation(row["id"], row["type"], row["parent"] or None, row["zh"], row["en"] or None)
            units[org.id] = org
            for zh in [row["zh"], *filter(None, row["zh_aliases"].split("|"))]:
                by_name[zh.strip()] = org.id
            for en in [row["en"], *filter(None, row["en_aliases"].split("|"))]:
                if en.strip():
                    by_name[_en_key(en)] = org.id
    surfaces = sorted({*(k for k in by_name if not k.isascii()),
                       *(k for k in by_name if k.isascii())}, key=len, reverse=True)
    alternatives = []
    for surface in surfaces:
        if surface.isascii():
            # English: whole words, any case for names, exact case for abbreviations.
            body = re.escape(surface).replace(r"\ ", r"\s+")
            flags = "" if surface.upper() == surface else "(?i:"
            alternatives.append(rf"(?<![A-Za-z]){flags}(?:the\s+)?{body}{')' if flags else ''}(?![A-Za-z])")
        else:
            alternatives.append(re.escape(surface))
    return Gazetteer(units, by_name, re.compile("|".join(alternatives)))


def find_orgs(text: str, lang: str, gazetteer: Gazetteer, issuer: str | None = None) -> list[Mention]:
    """Gazetteer units in ``text`` (longest match wins); ``我們``/``we`` become ``issuer``."""
    mentions: list[Mention] = []
    for m in gazetteer.pattern.finditer(text):
        surface = m.group()
        org = gazetteer.resolve(surface) or gazetteer.resolve(re.sub(r"\s+", " ", surface))
        if org is None:
            continue
        mentions.append(Mention("org", m.start(), m.end(), surface, {"name": org.zh, "en": org.en, "id": org.id}))
    if issuer:
        org = gazetteer.resolve(issuer)
        name, en = (org.zh, org.en) if org else (issuer, None)
        taken = [(x.start, x.end) for x in mentions]
        for m in (RE_WE_EN if lang == "en" else RE_WE_ZH).finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                mentions.append(Mention("org", m.start(), m.end(), m.group(), {"name": name, "en": en, "pronoun": True}))
    return sorted(mentions, key=lambda x: x.start)
