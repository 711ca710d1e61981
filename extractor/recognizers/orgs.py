"""Organisations: the bilingual gazetteer (`ontology/organisations.csv`) matched longest
first, bodies the paper sets up (`成立「…工作組」`, `set up a task force`), units the
gazetteer does not list found by their head word (`…署`, `…委員會`, `… Bureau`), generic
words that refer back to a body named before (`專責小組`, `the committee`), and the
spec's pronoun rules (`我們`/`we` → the issuing unit).

Examples:
    >>> gazetteer = load_gazetteer()
    >>> [(m.text, m.value["name"]) for m in find_orgs("創科及工業局和數字辦", "zh", gazetteer)]
    [('創科及工業局', '創新科技及工業局'), ('數字辦', '數字政策辦公室')]
    >>> [m.value["name"] for m in find_orgs("the Government and HKSTPC", "en", gazetteer)]
    ['香港特別行政區政府', '香港科技園公司']
    >>> [m.text for m in set_up_bodies("屋宇署會成立「專責審批組」，加快審批", "zh")]
    ['專責審批組']
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..types import Mention

GAZETTEER_PATH = Path(__file__).resolve().parents[2] / "ontology" / "organisations.csv"
GOVERNMENT = "香港特別行政區政府"
RE_WE_ZH = re.compile(r"我們|我")
# `I` as the speaker, at the start of a clause (`I propose`, `, I will`), not a numeral (`Part I of`).
RE_WE_EN = re.compile(r"\b(?:we|We|our|Our)\b|(?<![A-Za-z] )\bI(?=\s+[a-z])")
RE_ASCII_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Organisation:
    id: str
    type: str
    parent: str | None
    zh: str
    en: str | None


@dataclass(frozen=True)
class Gazetteer:
    """Names are matched in two passes, so that neither pays for the other's script: Chinese
    names (any name with a non-ASCII character) by their first two characters at the
    characters that can open one, English names by their first word at the start of each
    ASCII word (with an optional `the`)."""

    units: dict[str, Organisation]
    by_name: dict[str, str]  # surface form → id (English keys lower-cased)
    zh_names: dict[str, list[str]]  # first two characters → names, longest first
    zh_openers: re.Pattern[str]  # a character that opens a Chinese name
    en_names: dict[str, re.Pattern[str]]  # first word, lower-cased → its names, longest first

    def resolve(self, surface: str) -> Organisation | None:
        key = self.by_name.get(surface) or self.by_name.get(_en_key(surface))
        return self.units.get(key) if key else None

    def matches(self, text: str) -> list[tuple[int, int, Organisation]]:
        """Non-overlapping gazetteer names in ``text``, leftmost and then longest first."""
        found = []
        position = 0
        while opener := self.zh_openers.search(text, position):
            start = opener.start()
            name = next((n for n in self.zh_names.get(text[start:start + 2], ()) if text.startswith(n, start)), None)
            if name:
                found.append((start, start + len(name)))
            position = start + (len(name) if name else 1)
        words = list(RE_ASCII_WORD.finditer(text))
        for i, word in enumerate(words):
            # An article opens the match of the name after it (`the Government`).
            key = words[i + 1].group() if word.group() in ("the", "The") and i + 1 < len(words) else word.group()
            pattern = self.en_names.get(key.lower())
            m = pattern.match(text, word.start()) if pattern else None
            if m:
                found.append((word.start(), m.end()))
        out: list[tuple[int, int, Organisation]] = []
        for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
            if out and start < out[-1][1]:
                continue
            org = self.resolve(text[start:end]) or self.resolve(re.sub(r"\s+", " ", text[start:end]))
            if org:
                out.append((start, end, org))
        return out


def _en_key(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).lower()


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    units: dict[str, Organisation] = {}
    by_name: dict[str, str] = {}
    english: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            org = Organisation(row["id"], row["type"], row["parent"] or None, row["zh"], row["en"] or None)
            units[org.id] = org
            for zh in [row["zh"], *filter(None, row["zh_aliases"].split("|"))]:
                by_name[zh.strip()] = org.id
            for en in [row["en"], *filter(None, row["en_aliases"].split("|"))]:
                if en.strip():
                    by_name[_en_key(en)] = org.id
                    english.add(re.sub(r"^the\s+", "", en.strip(), flags=re.IGNORECASE))
    zh_names: dict[str, list[str]] = {}
    for name in sorted((n for n in by_name if not n.isascii()), key=len, reverse=True):
        zh_names.setdefault(name[:2], []).append(name)
    en_alternatives: dict[str, list[str]] = {}
    for name in sorted(english, key=len, reverse=True):
        # Whole words, any case for names, exact case for abbreviations (`WHO`, not `who`).
        body = re.escape(name).replace(r"\ ", r"\s+")
        if name.upper() != name:
            body = f"(?i:{body})"
        en_alternatives.setdefault(RE_ASCII_WORD.match(name).group().lower(), []).append(body)  # type: ignore[union-attr]
    openers = "".join(sorted({re.escape(name[0]) for name in zh_names}))
    en_names = {word: re.compile(rf"(?:[Tt]he\s+)?(?:{'|'.join(bodies)})(?![A-Za-z])")
                for word, bodies in en_alternatives.items()}
    return Gazetteer(units, by_name, zh_names, re.compile(f"[{openers}]"), en_names)


# Words that name a body, at the end of its name (`…工作組`, `… Task Force`).
ZH_BODY_HEAD = r"(?:專責小組|工作小組|督導小組|行動小組|工作組|統籌組|審批組|專組|小組委員會|委員會|辦公室|辦事處)"
EN_BODY_HEAD = r"(?:Task\s+Force|Taskforce|Working\s+Group|Steering\s+Committee|Committee|Office|Unit|Council)"
# Setting a body up: `成立`, `設立`, `籌組`, and a post or unit that chairs or leads it (`主持`, `領導`).
ZH_SET_UP = r"(?:成立|設立|新設|增設|籌組|主持|領導|帶領)(?:並(?:領導|主持))?了?(?:一個|一隊|新的|個)?"
# A body the paper names in quotes (`「公營房屋項目行動工作組」`) or sets up without quotes (`成立專責小組`);
# an unquoted name is the run after the verb, after its last `的` (`成立匯聚專家的專責小組`).
RE_ZH_SET_UP = re.compile(rf"「(?P<quoted>[^「」\s，。；]{{0,24}}?{ZH_BODY_HEAD})」"
                          rf"|{ZH_SET_UP}(?P<named>[^「」\s，。；：、（）()]{{0,20}}?{ZH_BODY_HEAD})(?!{ZH_BODY_HEAD}|[會組處室])")
RE_EN_SET_UP = re.compile(
    r"\b(?:set(?:ting)?\s+up|establish(?:ed|es|ing)?|form(?:ed|s|ing)?|creat(?:e|ed|es|ing))\s+(?:an?|the)\s+(?:new\s+)?"
    rf"(?P<named>(?:[A-Z][\w'-]*\s+)*{EN_BODY_HEAD}(?:\s+(?:on|for)(?:\s+(?:the|and|of|[A-Z][\w'-]*))+)?"
    r"|(?:(?:dedicated|special|joint|inter-bureau|inter-departmental)\s+)?(?:task\s*force|working\s+group|steering\s+committee))")


# `四個工作組`: a number of bodies, not one body's name.
RE_ZH_COUNTED = re.compile(r"[一二三四五六七八九十兩多數幾]+[個隊間所家]")


def set_up_bodies(text: str, lang: str) -> list[Mention]:
    """Bodies that ``text`` sets up or introduces by name (`成立「專責審批組」`, `由我領導的
    「推廣香港新優勢專責小組」`, `set up a joint working group`), named as written. The spec
    makes each both an organisation and a measure; a name shorter than four characters
    (`成立小組`) is a kind of body, not one body."""
    found = []
    for m in (RE_EN_SET_UP if lang == "en" else RE_ZH_SET_UP).finditer(text):
        group = "quoted" if lang != "en" and m.group("quoted") else "named"
        start, name = m.start(group), m.group(group)
        if lang != "en":
            cut = name.rfind("的") + 1
            start, name = start + cut, name[cut:]
        if len(name) >= 4 and not RE_ZH_COUNTED.match(name):
            found.append(Mention("org", start, start + len(name), name,
                                 {"name": name, "en": name if lang == "en" else None, "set_up": True}))
    return found


# Generic words that refer back to the body named most recently with the same ending, when
# they stand alone: after punctuation, a demonstrative or a function word (`在專責小組的指導下`,
# `。公司即將推出`), not inside a longer name or phrase (`上市公司`, `相關委員會`, `四個工作小組`).
RE_ZH_BACK_REFERENCE = re.compile(r"(?:^|(?<=[\s，。；：、（）()「」『』該此本這其在由向與和及的為請使讓供望並而但經令對跟同]))"
                                  r"(?:附屬法例小組委員會|小組委員會|諮詢委員會|專責小組|工作小組|工作組|委員會|公司)")
RE_EN_BACK_REFERENCE = re.compile(r"\b[Tt]he\s+(?:[Tt]ask\s*[Ff]orce|[Ww]orking\s+[Gg]roup|[Ss]ubcommittee|[Cc]ommittee)\b")


def _back_references(text: str, lang: str, earlier: Sequence[Mention], mentions: Sequence[Mention]) -> list[Mention]:
    """Each generic word outside ``mentions`` as the body last named before it (in ``earlier``
    blocks or earlier in ``text``) whose name ends with that word; none when there is none."""
    found = []
    for m in (RE_EN_BACK_REFERENCE if lang == "en" else RE_ZH_BACK_REFERENCE).finditer(text):
        if _overlaps(m.start(), m.end(), _spans(mentions)):
            continue
        word = re.sub(r"^the\s+", "", m.group(), flags=re.IGNORECASE).lower().replace(" ", "")
        before = [*earlier, *(x for x in mentions if x.end <= m.start())]
        referent = next((x for x in reversed(before) if not x.value.get("pronoun")
                         and any(n.lower().replace(" ", "").endswith(word) for n in (x.text, x.value["name"]))), None)
        if referent:
            found.append(Mention("org", m.start(), m.end(), m.group(), {**referent.value, "back_reference": True}))
    return found


# Posts that hold their bureau or department's name (`Secretary for Housing`); a Chinese post
# (`房屋局局長`) needs no rule, as the gazetteer finds the bureau inside it.
RE_EN_POST = re.compile(r"\b(?:Secretary\s+for|Director\s+of)\s+((?:[A-Z][a-z]+|and|the)(?:,?\s+(?:[A-Z][a-z]+|and|the))*)")


def _posts(text: str, gazetteer: Gazetteer, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for m in RE_EN_POST.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        words = m.group(1).split()
        while words:  # the longest portfolio that names a unit (`Secretary for Development will`)
            portfolio = " ".join(words)
            org = next(filter(None, map(gazetteer.resolve, (f"{portfolio} Bureau", f"{portfolio} Department",
                                                              f"Department of {portfolio}"))), None)
            if org:
                end = m.start(1) + len(portfolio)
                found.append(Mention("org", m.start(), end, text[m.start():end], {"name": org.zh, "en": org.en, "id": org.id}))
                break
            words.pop()
    return found


# A name with a quoted part (`「創科創投基金」諮詢委員會`): the quoted name of a measure and a head word.
RE_ZH_QUOTED_PART = re.compile(rf"「([^「」]{{2,20}})」({ZH_BODY_HEAD}|公司|有限公司)")


def _quoted_parts(text: str, gazetteer: Gazetteer, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for m in RE_ZH_QUOTED_PART.finditer(text):
        org = gazetteer.resolve(m.group(1) + m.group(2))
        if org and not _overlaps(m.start(), m.end(), taken):
            found.append(Mention("org", m.start(), m.end(), m.group(), {"name": org.zh, "en": org.en, "id": org.id}))
    return found


# Units the gazetteer does not list, found by their head word (`…局`, `…署`, `… Bureau`).
ZH_UNIT_HEAD = r"(?:管理局|委員會|辦公室|理事會|工作小組|工作組|統籌組|審批組|基金會|協會|有限公司|公司|局|署|處)"
# What may not open a unit's name: punctuation, function words, and verbs that take the unit as object.
ZH_LEFT_EDGE = re.compile(r"[\s，。；：、（）「」『』《》〈〉,.;:()\[\]及和與或由向的將把對並]"
                          r"|新成立|新設立|成立|設立|籌組|推動|透過|通過|聯同|協助|委託|邀請|支持|資助|包括|例如|聯絡|夥拍|轄下|屬下|旗下")
RE_ZH_HEAD = re.compile(ZH_UNIT_HEAD)
# A head character that is the start of a longer word here (`處理`, `局面`, `署名`), or of a post (`署長`).
ZH_HEAD_WORD_GOES_ON = re.compile(r"處[理於置境事分罰方長]|局[面限勢部長]|署[名理長]")
# Common words ending in a head character (`佈局`, `大局`, `好處`, `當局`).
ZH_COMMON_WORD = re.compile(r"部署$|(?:佈|布|大|全|格|結|當|時|開|變|棋|賭|騙)局$|(?:好|用|益|難|之|到|長|短|該|此|相|共|住|去|出|深|高|遠|近|要)處$")
NOUN_TAGS = frozenset({"n", "nr", "nrt", "ns", "nt", "nz", "ng", "vn", "j", "l", "an", "eng", "nrfg"})
ZH_NAME_WINDOW = 14
ZH_NOT_A_NAME = re.compile(r"^(?:該|本|各|有關|相關|其他|這|此|上述|個別|政府部門|當|部門|業界|私營|上市|多個|不同|所有|一|兩|三|首|內地|海外|本地)"
                           r"|^(?:附屬)?法例小組委員會$")
# A LegCo subcommittee on subsidiary legislation is named by what the legislation is about.
RE_ZH_SUBLEG_COMMITTEE = re.compile(r"與[^，。；：、「」\s]{2,30}?有關的[0-9一二三四五六七八九十兩]+項附屬法例小組委員會")
RE_EN_UNIT = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][A-Za-z&'-]+\s+(?:(?:of|for|and|on|the)\s+)*){1,7}"
    r"(?:Bureau|Department|Office|Commission|Council|Committee|Authority|Corporation|Board|Agency|Unit|Company|Limited)"
    r"(?![A-Za-z])")
EN_NOT_A_NAME = re.compile(r"^(?:The|This|That|These|Each|Every|Our|Relevant|Other|Such|A|An|In|On|At|By|For|To|With)\s")
# An English name of a body takes the article (`the Labour Department`); without it, capitalised
# words before a head are table text run together (`150 Local SMEs Trade Development Council`).
RE_EN_ARTICLE_BEFORE = re.compile(r"(?:^|[^A-Za-z])[Tt]he\s+$")


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
            if (len(words) >= 3 or (len(words) == 2 and words[0].isupper())) \
                    and RE_EN_ARTICLE_BEFORE.search(text, 0, start) and not _overlaps(start, start + len(name), taken):
                found.append(Mention("org", start, start + len(name), name, {"name": name, "en": name}))
        return found
    for m in RE_ZH_SUBLEG_COMMITTEE.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            found.append(Mention("org", m.start(), m.end(), m.group(), {"name": m.group(), "en": None}))
    for head in RE_ZH_HEAD.finditer(text):
        if RE_ZH_HEAD.match(text, head.end()) or ZH_HEAD_WORD_GOES_ON.match(text, head.end() - 1):
            continue
        window_start = max(0, head.start() - ZH_NAME_WINDOW)
        window_start = max((e.end() for e in ZH_LEFT_EDGE.finditer(text, window_start, head.start())),
                           default=window_start)
        start = _noun_phrase_start(text, window_start, head.end())
        name = text[start:head.end()]
        if head.start() - start < 3 or ZH_NOT_A_NAME.search(name) or RE_ZH_COUNTED.match(name) or ZH_COMMON_WORD.search(name) \
                or _overlaps(start, head.end(), taken + [(x.start, x.end) for x in found]):
            continue
        if head.group() == "公司" and not _names_a_place_or_body(name[:-2]):
            continue  # `保險公司`, `物業管理公司`: a kind of company, not one company
        found.append(Mention("org", start, head.end(), name, {"name": name, "en": None}))
    return found


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


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


def find_orgs(text: str, lang: str, gazetteer: Gazetteer, issuer: str | None = None,
              earlier: Sequence[Mention] | None = None) -> list[Mention]:
    """Gazetteer units in ``text`` (longest match wins), posts that name their bureau, bodies
    the text sets up (`set_up_bodies`), units found by their head word (`discover_units`);
    ``我們``/``we`` become ``issuer``. Given ``earlier`` (the organisation mentions of the
    paper's earlier blocks, oldest first), generic words (`專責小組`, `the committee`) become
    the body named most recently before them with the same ending."""
    mentions = [Mention("org", start, end, text[start:end], {"name": org.zh, "en": org.en, "id": org.id})
                for start, end, org in gazetteer.matches(text)]
    if lang == "en":
        mentions += _posts(text, gazetteer, _spans(mentions))
    else:
        mentions += _quoted_parts(text, gazetteer, _spans(mentions))
    mentions += [m for m in set_up_bodies(text, lang) if not _overlaps(m.start, m.end, _spans(mentions))]
    mentions += discover_units(text, lang, _spans(mentions))
    mentions.sort(key=lambda x: x.start)
    if earlier is not None:
        mentions += _back_references(text, lang, earlier, mentions)
    if issuer:
        name, en = issuer_name(issuer, gazetteer)
        taken = _spans(mentions)
        for m in (RE_WE_EN if lang == "en" else RE_WE_ZH).finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                mentions.append(Mention("org", m.start(), m.end(), m.group(), {"name": name, "en": en, "pronoun": True}))
    return sorted(mentions, key=lambda x: x.start)


def issuer_name(issuer: str, gazetteer: Gazetteer) -> tuple[str, str | None]:
    """Canonical names of the unit that issues a paper, else the name it signs with."""
    org = _issuing_unit(issuer, gazetteer)
    return (org.zh, org.en) if org else (issuer, None)


GOVERNMENT_TYPES = frozenset({"government", "bureau", "department", "office"})


def submitting_body(issuer: str | None, gazetteer: Gazetteer) -> str | None:
    """The canonical name of a paper's issuer when it is a body outside the Government (a
    submission, where `我們` ask the Government to act), else None."""
    if issuer is None:
        return None
    org = _issuing_unit(issuer, gazetteer)
    return None if org and org.type in GOVERNMENT_TYPES else issuer_name(issuer, gazetteer)[0]


def _issuing_unit(issuer: str, gazetteer: Gazetteer) -> Organisation | None:
    """The unit a signature names: all of it, or the first unit in it (`Uber 香港團隊` → Uber)."""
    return gazetteer.resolve(issuer) or next((org for _, _, org in gazetteer.matches(issuer)), None)


def _spans(mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]
