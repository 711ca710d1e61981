"""Target sectors of a measure, from a bilingual keyword list (`ontology/sectors.csv`).

A sector named in the measure's own name wins; otherwise the sector whose keywords occur
most often in the sentences that mention the measure, when it occurs at least twice.
Keyword matching is a first approximation: it tags what a measure is about, not who
benefits, and says nothing for a measure whose text names no sector.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SECTORS_PATH = Path(__file__).resolve().parents[2] / "ontology" / "sectors.csv"
MIN_SENTENCE_HITS = 2


@dataclass(frozen=True, slots=True)
class Sector:
    id: str
    en: str
    zh: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=2)
def load_sectors(path: Path = SECTORS_PATH) -> tuple[Sector, ...]:
    sectors = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            keywords = [k for k in row["zh_keywords"].split("|") + row["en_keywords"].split("|") if k]
            pattern = re.compile("|".join(_keyword(k) for k in sorted(set(keywords), key=len, reverse=True)))
            sectors.append(Sector(row["id"], row["en"], row["zh"], pattern))
    return tuple(sectors)


def _keyword(word: str) -> str:
    """Chinese as written; English as whole words with a plural, in any case except for
    acronyms (`AI` is not `aid`)."""
    if not word.isascii():
        return re.escape(word)
    body = rf"(?<![A-Za-z]){re.escape(word)}(?:s|es)?(?![A-Za-z])"
    return body if word.upper() == word else f"(?i:{body})"


def find_sectors(name: str, sentences: list[str]) -> list[str]:
    """Sector ids of a measure called ``name`` that the ``sentences`` talk about."""
    sectors = load_sectors()
    named = [s.id for s in sectors if s.pattern.search(name)]
    if named:
        return named
    hits = Counter({s.id: sum(len(s.pattern.findall(text)) for text in sentences) for s in sectors})
    best = max(hits.values(), default=0)
    return [s.id for s in sectors if best >= MIN_SENTENCE_HITS and hits[s.id] == best]
