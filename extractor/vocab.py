"""The graph's vocabulary and IRI scheme, shared by the RDF writer, the ontology
builder, the shapes tests and the queries (see ``ontology/README.md``).

Every IRI is built here so that the same fact always gets the same IRI (no blank
nodes; re-running gives byte-identical graphs). Terms are looked up with ``NS["term"]``
because rdflib's ``Namespace`` is a ``str`` and ``POL.index``-style names are methods.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/legco-kg/id/"
ID = Namespace(BASE)
POL = Namespace("https://w3id.org/legco-kg/ontology#")
POLV = Namespace("https://w3id.org/legco-kg/concept/")
POLU = Namespace("https://w3id.org/legco-kg/unit/")
POLSH = Namespace("https://w3id.org/legco-kg/shapes#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
DOCO = Namespace("http://purl.org/spar/doco/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
TIME = Namespace("http://www.w3.org/2006/time#")
ORG = Namespace("http://www.w3.org/ns/org#")
CV = Namespace("http://data.europa.eu/m8g/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")

PREFIXES: dict[str, Namespace] = {
    "pol": POL, "polv": POLV, "polu": POLU, "polsh": POLSH, "eli": ELI, "doco": DOCO, "nif": NIF,
    "itsrdf": ITSRDF, "prov": PROV, "schema": SCHEMA, "qudt": QUDT, "unit": UNIT, "time": TIME,
    "org": ORG, "cv": CV, "adms": ADMS, "qb": QB, "sdmx-dimension": SDMX_DIMENSION,
    "sdmx-measure": SDMX_MEASURE, "sdmx-attribute": SDMX_ATTRIBUTE, "skos": SKOS, "dct": DCT,
}

#: Fact kinds, the path segment of fact IRIs.
FACT_KINDS = ("amount", "quantity", "date", "duration", "ratio", "kpi", "link")

#: UCUM codes of the facts file → QUDT unit IRIs (or minted ``polu:`` units).
UNIT_OF_UCUM: dict[str, URIRef] = {
    "har": UNIT["HA"], "m2": UNIT["M2"], "%": UNIT["PERCENT"], "1": UNIT["NUM"],
    "PFLOPS": POLU["PetaFLOPS"], "t": UNIT["TONNE"], "[sft_i]": UNIT["FT2"], "km": UNIT["KiloM"],
    "km2": UNIT["KiloM2"], "MW": UNIT["MegaW"], "kW": UNIT["KiloW"], "m3": UNIT["M3"],
    "a": UNIT["YR"],  # ages (spec, decided: `六十五歲或以上`, `樓齡 50 年或以上`)
}

#: Gold-format qualifiers → ``polv:`` concepts.
QUALIFIER = {"exact": POLV["qual-exact"], "approx": POLV["qual-approx"],
             "at_least": POLV["qual-at-least"], "at_most": POLV["qual-at-most"]}

#: Block kinds → DoCO classes of their subdivision.
DOCO_OF_KIND = {"title": DOCO["FrontMatter"], "heading": DOCO["SectionTitle"], "paragraph": DOCO["Paragraph"],
                "item": DOCO["ListItem"], "table_row": DOCO["TableRow"], "footnote": DOCO["Footnote"],
                "signature": DOCO["Paragraph"]}
#: Block kinds → short eId segment (Akoma Ntoso style).
EID_OF_KIND = {"title": "p", "heading": "hdg", "paragraph": "p", "item": "item", "table_row": "tr",
               "footnote": "p", "signature": "sig"}

_WHERE = re.compile(r"^(?:(title)|p(\d+)|annex(\d+)|fn(\d+))$")


def slug(text: str) -> str:
    """Lower-case ASCII slug: ``CB(4)123/24-25(01)`` → ``cb-4-123-24-25-01``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def paper_key(printed_number: str | None, name: str) -> str:
    """The paper's IRI key: the ASCII core of its printed LC paper number, which both
    language versions print, else the slug of its file name."""
    if printed_number:
        core = re.search(r"[A-Z]+\s*\(\d\)\s*\d+/(?:\d{2}-\d{2}|\d{4})(?:\s*\(\d{2}\))?", printed_number)
        if core:
            return slug(core.group(0))
    key = slug(name)
    if not re.search(r"[a-z]", key):
        # `施政報告.txt`, `施政報告2024.txt`: a name with no Latin letters keeps its own key, a hash
        # of the whole name, so that two such papers never share an IRI.
        key = "paper-" + hashlib.sha256(name.encode()).hexdigest()[:12]
    return key


def unique_keys(keys: dict[str, str]) -> dict[str, str]:
    """``keys`` (output name → paper key) with every key that more than one output name shares
    (`paper.txt` and `paper.TXT`) made unique by a hash of that name."""
    counts: dict[str, int] = {}
    for key in keys.values():
        counts[key] = counts.get(key, 0) + 1
    return {name: key if counts[key] == 1 else f"{key}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
            for name, key in keys.items()}


def paper_iri(key: str) -> URIRef:
    return ID[f"paper/{key}"]


def graph_iri(key: str) -> URIRef:
    return ID[f"paper/{key}/graph"]


def eid_of_where(where: str) -> str:
    """Gold `where` code → Akoma Ntoso eId: ``p9`` → ``para_9``, ``annex2`` → ``att_2``,
    ``fn1`` → ``fnote_1``, ``title`` → ``preface``."""
    match = _WHERE.match(where)
    if not match:
        raise ValueError(f"where code {where!r} is not one of title, p<N>, annex<K>, fn<N>")
    title, para, annex, note = match.groups()
    if title:
        return "preface"
    if para:
        return f"para_{para}"
    if annex:
        return f"att_{annex}"
    return f"fnote_{note}"


def lang_segment(lang: str) -> str:
    """BCP 47 tag as an IRI segment: ``zh-Hant`` → ``zh-hant``."""
    return lang.lower()


def subdivision_iri(key: str, eid: str) -> URIRef:
    return ID[f"paper/{key}/{eid}"]


def expression_iri(key: str, lang: str) -> URIRef:
    return ID[f"paper/{key}/{lang_segment(lang)}"]


def context_iri(key: str, eid: str, lang: str) -> URIRef:
    """The text of one block subdivision in one language (a ``nif:Context``)."""
    return ID[f"paper/{key}/{eid}/{lang_segment(lang)}"]


def span_iri(context: URIRef, begin: int, end: int) -> URIRef:
    """RFC 5147 fragment of a context: ``…/para_9__p_1/zh-hant#char=34,40``."""
    return URIRef(f"{context}#char={begin},{end}")


def canonical_json(key: dict[str, Any]) -> str:
    return json.dumps(key, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def fact_iri(key: str, kind: str, fields: dict[str, Any]) -> URIRef:
    """A fact's IRI from its language-independent fields (never surface text, language
    or offsets), so the zh and en readings of one statement get one node."""
    if kind not in FACT_KINDS:
        raise ValueError(f"fact kind {kind!r} is not one of {', '.join(FACT_KINDS)}")
    digest = hashlib.sha256(canonical_json({"kind": kind, **fields}).encode("utf-8")).hexdigest()[:12]
    return ID[f"paper/{key}/fact/{kind}/{digest}"]


def org_iri(org_id: str) -> URIRef:
    return ID[f"org/{org_id}"]


def auto_iri(kind: str, *parts: str) -> URIRef:
    """IRI of an entity no curated list names (``measure/auto-…``, ``org/auto-…``)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return ID[f"{kind}/auto-{digest}"]


def day_iri(iso: str) -> URIRef:
    return ID[f"time/day/{iso}"]


def month_iri(year_month: str) -> URIRef:
    return ID[f"time/month/{year_month}"]


def year_iri(year: int | str) -> URIRef:
    return ID[f"time/year/{year}"]


def fiscal_year_iri(start_year: int) -> URIRef:
    """HK fiscal year starting 1 April ``start_year``: ``time/fy/2025-26``."""
    return ID[f"time/fy/{fiscal_year_notation(start_year)}"]


def fiscal_year_notation(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def measure_iri(measure_id: str) -> URIRef:
    """One measure in every paper that names it (``registry.measure_id``)."""
    return ID[f"measure/{measure_id}"]


def series_iri(series_id: str) -> URIRef:
    """A series of papers: ``series/policy-address``, ``series/budget``, ``series/papers-to-{org}``."""
    return ID[f"series/{series_id}"]
