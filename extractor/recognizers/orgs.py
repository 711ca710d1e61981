"""Organisations: the bilingual gazetteer (`ontology/organisations.csv`) matched longest
first, units it does not list found by their head word (`…署`, `…委員會`, `… Bureau`), plus
the spec's pronoun rules (`我們`/`we` → the issuing unit).

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


# Units the gazetteer does not list, found by their head word (`…局`, `…署`, `… Bureau`).
ZH_UNIT_HEAD = r"(?:管理局|委員會|辦公室|理事會|工作小組|基金會|協會|有限公司|公司|局|署|處)"
# What may not open a unit's name: punctuation, function words, and verbs that take the unit as object.
ZH_LEFT_EDGE = re.compile(r"[\s，。；：、（）「」『』《》〈〉,.;:()\[\]及和與或由向的將把對並]"
                          r"|新成立|新設立|成立|設立|籌組|推動|透過|通過|聯同|協助|委託|邀請|支持|資助|包括|例如|聯絡|夥拍|轄下|屬下|旗下")
RE_ZH_HEAD = re.compile(ZH_UNIT_HEAD)
# A head character that is the start of a longer word here (`處理`, `局面`, `署名`).
ZH_HEAD_WORD_GOES_ON = re.compile(r"處[理於置境事分罰方]|局[面限勢部長]|署[名理]")
# Common words ending in a head character (`佈局`, `大局`, `好處`, `當局`).
ZH_COMMON_WORD = re.compile(r"部署$|(?:佈|布|大|全|格|結|當|時|開|變|棋|賭|騙)局$|(?:好|用|益|難|之|到|長|短|該|此|相|共|住|去|出|深|高|遠|近|要)處$")
NOUN_TAGS = frozenset({"n", "nr", "nrt", "ns", "nt", "nz", "ng", "vn", "j", "l", "an", "eng", "nrfg"})
ZH_NAME_WINDOW = 14
ZH_NOT_A_NAME = re.compile(r"^(?:該|本|各|有關|相關|其他|這|此|上述|個別|政府部門|當|部門|業界|私營|上市|多個|不同|所有|一|兩|三|首|內地|海外|本地)")
RE_EN_UNIT = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][A-Za-z&'-]+\s+(?:(?:of|for|and|on|the)\s+)*){1,7}"
    r"(?:Bureau|Department|Office|Commission|Council|Committee|Authority|Corporation|Board|Agency|Unit|Company|Limited)"
    r"(?![A-Za-z])")
EN_NOT_A_NAME = re.compile(r"^(?:The|This|That|These|Each|Every|Our|Relevant|Other|Such|A|An|In|On|At|By|For|To|With)\s")


def discover_units(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Units named by a head word that the gazetteer does not list; their canonical name is
    the name as written. Skips spans a gazetteer match already covers."""
    found: list[Mention] = []
    if lang == "en":
        for m in RE_EN_UNIT.finditer(text):
            start, name = m.start(), m.group()
            while EN_NOT_A_NAME.match(name):
                cut = EN_NOT_A_NAME.match(name).end()  # type: ignore[union-attr]
                start, name = start + cut, name[cut:]
            words = name.split()
            # Two words name a kind of body (`Steering Committee`) unless the first is an acronym.
            if (len(words) >= 3 or (len(words) == 2 and words[0].isupper())) and not any(a < start + len(name) and start < b for a, b in taken):
                found.append(Mention("org", start, start + len(name), name, {"name": name, "en": name}))
        return found
    for head in RE_ZH_HEAD.finditer(text):
        if RE_ZH_HEAD.match(text, head.end()) or ZH_HEAD_WORD_GOES_ON.match(text, head.end() - 1):
            continue
        window_start = max(0, head.start() - ZH_NAME_WINDOW)
        window_start = max((e.end() for e in ZH_LEFT_EDGE.finditer(text, window_start, head.start())),
                           default=window_start)
        start = _noun_phrase_start(text, window_start, head.end())
        name = text[start:head.end()]
        if head.start() - start < 3 or ZH_NOT_A_NAME.match(name) or ZH_COMMON_WORD.search(name) \
                or any(a < head.end() and start < b for a, b in taken + [(x.start, x.end) for x in found]):
            continue
        if head.group() == "公司" and not _names_a_place_or_body(name):
            continue  # `保險公司`, `物業管理公司`: a kind of company, not one company
        found.append(Mention("org", start, head.end(), name, {"name": name, "en": None}))
    return found


def _names_a_place_or_body(name: str) -> bool:
    from ..nlp import zh_tokens

    return any(t.tag in ("ns", "nt", "nr", "nz", "eng") for t in zh_tokens(name))


def _noun_phrase_start(text: str, start: int, end: int) -> int:
    """Where the run of nouns that ends at ``end`` begins (jieba words and tags): the left
    edge of a unit's name, so that `督導各政策局` or `期望該處` are not names."""
    from ..nlp import zh_tokens

    tokens = zh_tokens(text[start:end])
    begin = end
    for token in reversed(tokens):
        if token.tag not in NOUN_TAGS:
            break
        begin = start + token.start
    return begin


def find_orgs(text: str, lang: str, gazetteer: Gazetteer, issuer: str | None = None) -> list[Mention]:
    """Gazetteer units in ``text`` (longest match wins), then units found by their head
    word (`discover_units`); ``我們``/``we`` become ``issuer``."""
    mentions: list[Mention] = []
    for m in gazetteer.pattern.finditer(text):
        surface = m.group()
        org = gazetteer.resolve(surface) or gazetteer.resolve(re.sub(r"\s+", " ", surface))
        if org is None:
            continue
        mentions.append(Mention("org", m.start(), m.end(), surface, {"name": org.zh, "en": org.en, "id": org.id}))
    mentions += discover_units(text, lang, [(x.start, x.end) for x in mentions])
    if issuer:
        org = gazetteer.resolve(issuer)
        name, en = (org.zh, org.en) if org else (issuer, None)
        taken = [(x.start, x.end) for x in mentions]
        for m in (RE_WE_EN if lang == "en" else RE_WE_ZH).finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                mentions.append(Mention("org", m.start(), m.end(), m.group(), {"name": name, "en": en, "pronoun": True}))
    return sorted(mentions, key=lambda x: x.start)
