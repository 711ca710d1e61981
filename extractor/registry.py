"""One measure across papers: the normal form of a measure's name and the curated registry.

A measure's identity is a function of one name and ``ontology/measures.csv`` only, never of
what other papers say, so each paper's graph is built alone (in parallel, incrementally) and
still names the measure with the IRI every other paper uses.

The normal form forgives what papers vary in without changing the measure: quotes and
brackets (`「創科創投基金」計劃` and `創科創投基金計劃`), full and half width, spaces, Chinese
and Arabic numerals (`第二期`, `第 2 期`), Simplified and Traditional characters, a place or
organisation put in front (`香港`, `政府`, `數碼港`), and in English case, articles, plurals
and hyphens. What it gets wrong the registry fixes: a row joins names that do not share a
normal form (`創科創投基金` and `Innovation and Technology Venture Fund`), and a name whose
normal form would be too general stays apart (scope ``paper``: `專責小組` is a different task
force in each paper).

Examples:
    >>> normal_form("「創科加速器先導計劃」"), normal_form("香港創科加速器先导计划")
    ('創科加速器先導計劃', '創科加速器先導計劃')
    >>> normal_form("The I&T Accelerator Pilot Schemes"), normal_form("i&t accelerator pilot scheme")
    ('i&t accelerator pilot scheme', 'i&t accelerator pilot scheme')
    >>> resolve("創科創投基金").id == resolve("Innovation and Technology Venture Fund").id
    True
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MEASURES_PATH = Path(__file__).resolve().parents[1] / "ontology" / "measures.csv"
COLUMNS = ("id", "name_zh", "name_en", "aliases", "type", "unit", "first_paper", "scope", "note")
#: ``shared``: one node in every paper that names it; ``paper``: a name too general to be one
#: measure across papers (`專責小組`, `pilot scheme`), one node per paper.
SCOPES = ("shared", "paper")
RE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Place and government words a paper may put in front of a measure's name (longest first).
ZH_PREFIXES = ("香港特別行政區政府", "香港特區政府", "特區政府", "香港特區", "本港", "香港", "政府", "本地")
EN_PREFIXES = ("hong kong special administrative region government", "hksar government", "hong kong sar government",
               "government of hong kong", "hong kong", "government", "hksar", "hk")
#: A prefix is dropped only when this much of the name is left, so that `香港園區` (the Hong
#: Kong Park of the Loop) is not read as any `園區`.
MIN_ZH_REST = 4
MIN_EN_REST_WORDS = 3
#: Nor when what is left does not start a name: a phase or an ordinal belongs to the name in
#: front (`數碼港第五期擴建計劃` is not any `第5期擴建計劃`), a particle to a sentence.
ZH_NOT_A_START = tuple("第是的之及和與或") + tuple("0123456789")
EN_NOT_A_START = ("of", "and", "for", "to", "phase", "stage", "s")
RE_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Quotes, brackets and punctuation that never tell two measures apart.
RE_ZH_DROP = re.compile(r"[\s「」『』《》〈〉【】\[\]()（）\"'“”‘’・·.,，、]")
RE_EN_DROP = re.compile(r"[\"“”‘’«»()\[\]{}.,;:!?]|'s\b|'")
RE_EN_DASH = re.compile(r"[-‐‑‒–—/]+")
RE_ZH_ORDINAL = re.compile(r"第([零〇一二三四五六七八九十百兩]+)(?=期|輪|階段|屆|批|代|號|季)")
RE_ZH_COUNTED = re.compile(r"([零〇一二兩三四五六七八九十百]+)(期|輪|階段|屆|年)")
EN_ARTICLES = {"the", "a", "an"}
EN_NOT_PLURAL = ("ss", "us", "is", "ics", "news")


@dataclass(frozen=True)
class RegisteredMeasure:
    """One row of ``ontology/measures.csv``."""

    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    type: str
    unit: str | None
    first_paper: str
    scope: str
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name_zh, self.name_en, *self.aliases) if n)


@dataclass(frozen=True)
class Registry:
    measures: dict[str, RegisteredMeasure]
    #: normal form of every name and alias → the row's id
    by_form: dict[str, str]


@dataclass(frozen=True)
class MeasureIdentity:
    """Who a measure name is: its IRI id, and the registry row when one names it."""

    id: str
    form: str
    registered: RegisteredMeasure | None
    scope: str  # "shared" or "paper"


def _cn_int(text: str) -> str:
    from .numerals import parse_cn_number

    try:
        return str(int(parse_cn_number(text.replace("兩", "二").replace("〇", "零"))))
    except (ValueError, ArithmeticError):
        return text


def _light_zh(name: str) -> str:
    from .normalize import to_traditional

    text = to_traditional(unicodedata.normalize("NFKC", name)).lower()
    text = RE_ZH_DROP.sub("", text)
    text = RE_ZH_ORDINAL.sub(lambda m: "第" + _cn_int(m.group(1)), text)
    return RE_ZH_COUNTED.sub(lambda m: _cn_int(m.group(1)) + m.group(2), text)


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(EN_NOT_PLURAL):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def _light_en(name: str) -> str:
    """Lower case, no articles, singular words; hyphens kept as `-` (so that `Hong Kong-Shenzhen`
    is not read as `Hong Kong` in front of a name) until ``_unhyphen``."""
    text = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    text = RE_EN_DASH.sub("-", text)
    text = RE_EN_DROP.sub(" ", text)
    text = re.sub(r"\s&\s", " and ", f" {text} ")
    words = ["-".join(_singular(part) for part in w.split("-") if part) for w in text.split() if w not in EN_ARTICLES]
    return " ".join(w for w in words if w)


def _unhyphen(form: str) -> str:
    return form if RE_CJK.search(form) else " ".join(form.replace("-", " ").split())


def _light(name: str) -> str:
    return _light_zh(name) if RE_CJK.search(name) else _light_en(name)


def light_form(name: str) -> str:
    """The normal form without dropping a prefix: what a registry name is first looked up by."""
    return _unhyphen(_light(name))


@lru_cache(maxsize=1)
def _prefixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Place words, then the gazetteer's organisation names, each language longest first."""
    from .recognizers.orgs import load_gazetteer

    gazetteer = load_gazetteer()
    zh = {_light_zh(n) for n in ZH_PREFIXES}
    en = {_light_en(n) for n in EN_PREFIXES}
    for name in gazetteer.by_name:
        if RE_CJK.search(name):
            if len(name) >= 2:
                zh.add(_light_zh(name))
        else:
            en.add(_light_en(name))
    en = {f for f in en if f}
    return tuple(sorted(zh, key=lambda n: (-len(n), n))), tuple(sorted(en, key=lambda n: (-len(n), n)))


def strip_prefix(form: str) -> str:
    """``form`` without a place or organisation in front (`香港微電子研發院` → `微電子研發院`),
    where enough of the name is left to still be a name: the longest prefix that leaves one."""
    zh, en = _prefix_lookup()
    if RE_CJK.search(form):
        # The candidates are the form's own beginnings, longest first: as many set lookups as
        # the form has characters, not one test for each of the thousands of prefixes.
        for length in range(len(form), 0, -1):
            rest = form[length:]
            if form[:length] in zh and len(rest) >= MIN_ZH_REST and not rest.startswith(ZH_NOT_A_START):
                return rest
        return form
    words = form.split()
    # Each run of the form's first words that is a prefix, in the order of ``_prefixes`` (longest first).
    for _, count in sorted((en[tuple(words[:count])], count) for count in range(1, len(words) + 1)
                           if tuple(words[:count]) in en):
        rest = words[count:]
        if len(rest) >= MIN_EN_REST_WORDS and rest[0] not in EN_NOT_A_START and not rest[0][0].isdigit():
            return " ".join(rest)
    return form


@lru_cache(maxsize=1)
def _prefix_lookup() -> tuple[frozenset[str], dict[tuple[str, ...], int]]:
    """``_prefixes`` to look up: the Chinese ones as a set; the English ones by their words, each
    with its place in the longest-first order (the first, where two differ only in spacing)."""
    zh, en = _prefixes()
    by_words: dict[tuple[str, ...], int] = {}
    for position, prefix in enumerate(en):
        by_words.setdefault(tuple(prefix.split()), position)
    return frozenset(zh), by_words


RE_QUOTE_MARKS = re.compile(r"[「」『』“”\"]")


def display_name(name: str) -> str:
    """A measure's name as a label: the paper's wording without quotation marks and with its
    spaces collapsed; case, script, hyphens and prefixes as written (`Anti‑epidemic Fund`, not
    the normal form `anti epidemic fund`)."""
    return " ".join(RE_QUOTE_MARKS.sub("", name).split())


def normal_form(name: str) -> str:
    """The form two names of one measure share; see the module docstring."""
    return _unhyphen(strip_prefix(_light(name)))


@lru_cache(maxsize=4)
def load_registry(path: Path = MEASURES_PATH) -> Registry:
    """``ontology/measures.csv``, read once per process; a bad row is named with what was expected."""
    from .errors import InputError

    measures: dict[str, RegisteredMeasure] = {}
    by_form: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputError(str(path), f"expected the columns {','.join(COLUMNS)}, got {','.join(reader.fieldnames or [])}")
        for number, row in enumerate(reader, start=2):
            where = f"{path}:{number}"
            row = {k: (v or "").strip() for k, v in row.items()}
            if not RE_ID.match(row["id"]) or row["id"].startswith("auto-"):
                raise InputError(where, f"expected an id of lower-case ASCII words joined by '-' "
                                        f"(not auto-…), got {row['id']!r}")
            if row["id"] in measures:
                raise InputError(where, f"the id {row['id']} has a row already")
            if not (row["name_zh"] or row["name_en"]):
                raise InputError(where, "expected a name_zh or a name_en")
            scope = row["scope"] or "shared"
            if scope not in SCOPES:
                raise InputError(where, f"expected a scope of {', '.join(SCOPES)}, got {scope!r}")
            entry = RegisteredMeasure(row["id"], row["name_zh"], row["name_en"],
                                      tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
                                      row["type"] or "Initiative", row["unit"] or None, row["first_paper"], scope,
                                      row["note"])
            measures[entry.id] = entry
            for name in entry.names:
                form = light_form(name)
                if by_form.get(form, entry.id) != entry.id:
                    raise InputError(where, f"the name {name!r} is already a name of {by_form[form]}; "
                                            "a name belongs to one measure")
                by_form[form] = entry.id
    return Registry(measures, by_form)


def resolve(name: str, registry: Registry | None = None) -> MeasureIdentity:
    """The identity of a measure name: the registry row its light form, else its normal form,
    names; else ``auto-`` and a hash of its normal form."""
    registry = registry if registry is not None else load_registry()
    light = light_form(name)
    form = normal_form(name)
    found = registry.by_form.get(light) or registry.by_form.get(form)
    if found:
        entry = registry.measures[found]
        return MeasureIdentity(entry.id, form, entry, entry.scope)
    return MeasureIdentity("auto-" + hashlib.sha256(form.encode("utf-8")).hexdigest()[:12], form, None, "shared")


def measure_id(name: str, paper_key: str, registry: Registry | None = None) -> str:
    """The id in ``measure/{id}`` of a measure ``name`` as one paper names it: shared by every
    paper, except for a name of scope ``paper``, which is that paper's own."""
    identity = resolve(name, registry)
    if identity.scope == "paper":
        digest = hashlib.sha256(f"{paper_key}\x1f{identity.id}".encode()).hexdigest()[:12]
        return f"auto-{digest}"
    return identity.id


def same_measure(a: str, b: str, registry: Registry | None = None) -> bool:
    """Whether two names (of two papers) are one measure."""
    identity_a, identity_b = resolve(a, registry), resolve(b, registry)
    return identity_a.scope == "shared" and identity_a.id == identity_b.id
