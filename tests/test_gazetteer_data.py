"""Integrity checks for the organisation gazetteer ontology/organisations.csv."""

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import parsed

ROOT = Path(__file__).parents[1]
CSV_PATH = ROOT / "ontology" / "organisations.csv"
GOLD_DIR = ROOT / "gold"

HEADER = ["id", "type", "parent", "zh", "en", "zh_aliases", "en_aliases"]
TYPES = {
    "government", "bureau", "department", "office", "statutory-body", "public-company",
    "advisory-body", "legco", "legco-committee", "legco-panel", "mainland", "other",
}
ID_RE = re.compile(r"^[a-z0-9-]+$")
# Generic back-references that the extractor resolves from context, never via the gazetteer.
GENERIC = {"公司", "委員會", "諮詢委員會", "局", "署", "處", "辦", "會", "部", "中心", "小組", "政策局", "部門"}


def _read():
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


RAW = _read()
ROWS = [dict(zip(RAW[0], r)) for r in RAW[1:]]
BY_ID = {r["id"]: r for r in ROWS}


def _aliases(row, col):
    return [a.strip() for a in row[col].split("|") if a.strip()]


def _names(row):
    """All surface strings of a row: canonical names plus aliases."""
    names = [row["zh"].strip(), row["en"].strip()]
    names += _aliases(row, "zh_aliases") + _aliases(row, "en_aliases")
    return [n for n in names if n]


def _norm(s):
    s = s.strip()
    return s.lower() if s.isascii() else s


def _index():
    idx = {}
    for row in ROWS:
        for n in _names(row):
            idx.setdefault(_norm(n), row["zh"])
    return idx


INDEX = _index()


def resolve(mention):
    m = mention.strip()
    if m in INDEX:
        return INDEX[m]
    if m.isascii():
        low = m.lower()
        for cand in (low, re.sub(r"^the\s+", "", low), "the " + low):
            if cand in INDEX:
                return INDEX[cand]
    return None


def test_header_and_column_count():
    assert RAW[0] == HEADER
    for i, r in enumerate(RAW[1:], start=2):
        assert len(r) == len(HEADER), f"line {i}: {r}"


def test_row_count_reasonable():
    assert 150 <= len(ROWS) <= 800


def test_ids_unique_and_well_formed():
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not ID_RE.match(i)]
    assert not bad


def test_types_allowed():
    bad = [(r["id"], r["type"]) for r in ROWS if r["type"] not in TYPES]
    assert not bad


def test_parents_exist_and_acyclic():
    for r in ROWS:
        seen = {r["id"]}
        p = r["parent"]
        while p:
            assert p in BY_ID, f"{r['id']}: unknown parent {p}"
            assert p not in seen, f"{r['id']}: cycle through {p}"
            seen.add(p)
            p = BY_ID[p]["parent"]


def test_bureaux_hang_off_government():
    bad = [r["id"] for r in ROWS if r["type"] == "bureau" and r["parent"] != "hk-government"]
    assert not bad


def test_legco_bodies_hang_off_legco():
    for r in ROWS:
        if r["type"] in ("legco-committee", "legco-panel"):
            assert r["parent"] in ("legco", "legco-fc"), r["id"]
    for r in ROWS:
        if r["type"] == "legco-panel":
            assert r["zh"].startswith("立法會"), r["id"]


def test_every_row_has_zh_name():
    bad = [r["id"] for r in ROWS if not r["zh"].strip()]
    assert not bad


def test_no_surrounding_whitespace_or_empty_alias():
    for r in ROWS:
        for col in HEADER:
            assert r[col] == r[col].strip(), (r["id"], col)
        for col in ("zh_aliases", "en_aliases"):
            if r[col]:
                parts = r[col].split("|")
                assert all(p and p == p.strip() for p in parts), (r["id"], col)


def test_no_name_shared_between_rows():
    owner = {}
    clashes = []
    for r in ROWS:
        for n in set(map(_norm, _names(r))):
            if n in owner and owner[n] != r["id"]:
                clashes.append((n, owner[n], r["id"]))
            owner.setdefault(n, r["id"])
    assert not clashes


def test_no_generic_or_single_character_aliases():
    for r in ROWS:
        for a in _aliases(r, "zh_aliases"):
            assert a not in GENERIC, (r["id"], a)
            assert len(a) >= 2, (r["id"], a)
        for a in _aliases(r, "en_aliases"):
            assert len(a) >= 2, (r["id"], a)


def test_zh_columns_have_no_latin_only_names():
    """Unless the unit is known by one name in both languages (`Uber`)."""
    for r in ROWS:
        for n in [r["zh"]] + _aliases(r, "zh_aliases"):
            assert re.search(r"[\u4e00-\u9fff]", n) or n == r["en"], (r["id"], n)


CASES = [
    ("創科及工業局", "創新科技及工業局"),
    ("ITIB", "創新科技及工業局"),
    ("數字辦", "數字政策辦公室"),
    ("DPO", "數字政策辦公室"),
    ("科技園公司", "香港科技園公司"),
    ("HKSTPC", "香港科技園公司"),
    ("HKSTP", "香港科技園公司"),
    ("港投公司", "香港投資管理有限公司"),
    ("HKIC", "香港投資管理有限公司"),
    ("OGCIO", "政府資訊科技總監辦公室"),
    ("the Government", "香港特別行政區政府"),
    ("The Government", "香港特別行政區政府"),
    ("特區政府", "香港特別行政區政府"),
    ("政府", "香港特別行政區政府"),
    ("Shenzhen Municipal Government", "深圳市政府"),
    ("深圳市人民政府", "深圳市政府"),
    ("Guangdong Provincial Government", "廣東省政府"),
    ("State Ministry of Science and Technology", "中華人民共和國科學技術部"),
    ("科技部", "中華人民共和國科學技術部"),
    ("財委會", "財務委員會"),
    ("Finance Committee", "財務委員會"),
    ("工商及創新科技事務委員會", "立法會工商及創新科技事務委員會"),
    ("Panel on Commerce, Industry, Innovation and Technology", "立法會工商及創新科技事務委員會"),
    ("港深創科園公司", "港深創新及科技園有限公司"),
    ("香港數碼港管理有限公司", "數碼港"),
    ("Cyberport", "數碼港"),
    ("證監會", "證券及期貨事務監察委員會"),
    ("金管局", "香港金融管理局"),
    ("HKMA", "香港金融管理局"),
    ("UGC", "大學教育資助委員會"),
    ("ITC", "創新科技署"),
    ("LegCo", "立法會"),
    ("中聯辦", "中央人民政府駐香港特別行政區聯絡辦公室"),
    ("創新及科技局", "創新及科技局"),
    ("Innovation and Technology Bureau", "創新及科技局"),
]


@pytest.mark.parametrize("mention,expected", CASES)
def test_known_mentions_resolve(mention, expected):
    assert resolve(mention) == expected


# Words whose unit depends on the paper: pronouns (the issuer) and generic words that refer
# back to a body named before. Checked in context on the papers (`test_context_mentions_resolve`).
CONTEXT_DEPENDENT = {"我", "我們", "we", "We", "I", "our", "Our", "公司", "委員會", "諮詢委員會", "小組委員會",
                     "附屬法例小組委員會", "專責小組", "工作組", "工作小組"}
# A post or team that names its unit (`房屋局局長`, `Uber 香港團隊`) is a mention of that unit.
RE_POST_OR_TEAM = re.compile(r"^(.+?)\s*(?:局長|署長|處長|香港團隊|團隊)$")
# A Council committee with the Council's name in front (`立法會與…小組委員會`).
RE_COUNCIL_PREFIX = re.compile(r"^立法會(.+委員會)$")


def _gold_papers():
    for path in sorted(GOLD_DIR.glob("*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))


def _paper_file(stem):
    return next(p.name for p in sorted(ROOT.joinpath("corpus").glob(stem + ".*")) if p.suffix in (".pdf", ".txt"))


@lru_cache(maxsize=None)
def _introduced(stem):
    """Names of the bodies a paper sets up or names by their head word, as written: the
    extractor emits them without a gazetteer row."""
    from extractor.normalize import for_matching
    from extractor.recognizers.orgs import find_orgs, load_gazetteer

    doc = parsed(_paper_file(stem))
    lang = "en" if doc.metadata.language == "en" else "zh"
    return {m.value["name"] for block in doc.blocks for m in find_orgs(for_matching(block.text), lang, load_gazetteer())
            if "id" not in m.value}


def _gold_cases():
    out = []
    for stem, data in _gold_papers():
        for org in data.get("organisations", []):
            for m in org.get("mentions", []):
                if m not in CONTEXT_DEPENDENT:
                    out.append(pytest.param(stem, org, m, id=f"{stem}:{m}"))
    return out


@pytest.mark.parametrize("stem,org,mention", _gold_cases())
def test_gold_mentions_resolve(stem, org, mention):
    if org["name"] in _introduced(stem):
        assert mention == org["name"] or org["name"] in mention
        return
    part = RE_POST_OR_TEAM.match(mention) or RE_COUNCIL_PREFIX.match(mention)
    assert resolve(mention) == org["name"] or (part and resolve(part.group(1)) == org["name"])


def _gold_orgs():
    out = {}
    for stem, data in _gold_papers():
        for org in data.get("organisations", []):
            out[org["name"]] = (stem, org)
    return sorted(out.values(), key=lambda o: o[1]["name"])


@pytest.mark.parametrize("stem,org", _gold_orgs(), ids=lambda o: o if isinstance(o, str) else o["name"])
def test_gold_canonical_names_match(stem, org):
    """Each gold unit is one gazetteer row with the gold's English name, unless the paper sets
    it up or names it by its head word (`「土地及房屋供應統籌組」`, `專責辦事處`)."""
    if org["name"] in _introduced(stem):
        assert not [r for r in ROWS if r["zh"] == org["name"]], "a body the paper sets up is not a gazetteer row"
        return
    rows = [r for r in ROWS if r["zh"] == org["name"]]
    assert len(rows) == 1, org["name"]
    if org.get("en"):
        assert rows[0]["en"] == org["en"]


# Mentions the extractor cannot resolve in context, with the reason.
UNRESOLVED_IN_CONTEXT = {
    ("zh-2024-pa-itib", "諮詢委員會"): "refers forward to the committee named in annex 3",
}


def _context_cases():
    out = []
    for stem, data in _gold_papers():
        for org in data.get("organisations", []):
            for m in org.get("mentions", []):
                if m in CONTEXT_DEPENDENT and (stem, m) not in UNRESOLVED_IN_CONTEXT:
                    out.append(pytest.param(stem, org["name"], m, id=f"{stem}:{m}"))
    return out


@lru_cache(maxsize=None)
def _paper_mentions(stem):
    """(text, name) of every organisation mention the extractor finds in the paper, each block
    read with the mentions of the blocks before it."""
    from extractor.extract import _issuer
    from extractor.normalize import for_matching
    from extractor.recognizers.orgs import find_orgs, load_gazetteer

    doc = parsed(_paper_file(stem))
    lang = "en" if doc.metadata.language == "en" else "zh"
    earlier = []
    for block in doc.blocks:
        earlier += find_orgs(for_matching(block.text), lang, load_gazetteer(), _issuer(doc), earlier)
    return {(m.text, m.value["name"]) for m in earlier}


@pytest.mark.parametrize("stem,name,mention", _context_cases())
def test_context_mentions_resolve(stem, name, mention):
    assert (mention, name) in _paper_mentions(stem)
