"""Integrity checks for the organisation gazetteer ontology/organisations.csv."""

import csv
import json
import re
from pathlib import Path

import pytest

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
    assert 150 <= len(ROWS) <= 400


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
    for r in ROWS:
        for n in [r["zh"]] + _aliases(r, "zh_aliases"):
            assert re.search(r"[\u4e00-\u9fff]", n), (r["id"], n)


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


def _gold_cases():
    out = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for org in data.get("organisations", []):
            for m in org.get("mentions", []):
                if m in {"公司", "委員會", "諮詢委員會"}:
                    continue
                out.append(pytest.param(org, m, id=f"{path.stem}:{m}"))
    return out


@pytest.mark.parametrize("org,mention", _gold_cases())
def test_gold_mentions_resolve(org, mention):
    assert resolve(mention) == org["name"]


def _gold_orgs():
    out = {}
    for path in sorted(GOLD_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for org in data.get("organisations", []):
            out[org["name"]] = org
    return sorted(out.values(), key=lambda o: o["name"])


@pytest.mark.parametrize("org", _gold_orgs(), ids=lambda o: o["name"])
def test_gold_canonical_names_match(org):
    rows = [r for r in ROWS if r["zh"] == org["name"]]
    assert len(rows) == 1, org["name"]
    if org.get("en"):
        assert rows[0]["en"] == org["en"]
