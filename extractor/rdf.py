"""The RDF stage: a parsed Document and its facts → one named graph per paper.

What the graph holds, node by node, is the table in ``ontology/README.md``; every IRI
comes from ``vocab``. Facts are keyed by their language-independent fields, so the same
input always gives the same IRIs, and the zh and en statements of one fact meet in one
node. No blank nodes anywhere.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from .extract import sentence_spans
from .page_labels import page_value
from .recognizers.orgs import load_gazetteer
from .types import Block, Document
from .vocab import (
    CV,
    DCT,
    DOCO,
    DOCO_OF_KIND,
    EID_OF_KIND,
    ELI,
    ID,
    ITSRDF,
    NIF,
    ORG,
    POL,
    POLV,
    PREFIXES,
    PROV,
    QB,
    QUALIFIER,
    SCHEMA,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    SKOS,
    TIME,
    UNIT,
    UNIT_OF_UCUM,
    auto_iri,
    context_iri,
    day_iri,
    eid_of_where,
    expression_iri,
    fact_iri,
    fiscal_year_iri,
    graph_iri,
    measure_iri,
    month_iri,
    org_iri,
    paper_iri,
    series_iri,
    span_iri,
    subdivision_iri,
    year_iri,
)

#: A term of a paper graph, held as its N-Triples text (`<iri>`, `"text"@zh-Hant`,
#: `"5"^^<…#integer>`) from the start: an rdflib term costs microseconds to make and a few
#: hundred bytes to keep, and the N-Quads lines are made of this text anyway.
Term = str


def nt(iri: str) -> Term:
    """An IRI as a term."""
    return f"<{iri}>"


def iri_of(term: Term) -> str:
    """The IRI of an IRI term (what ``str(URIRef)`` gave, which fact IRIs hash)."""
    return term[1:-1]


class NTerms:
    """A vocabulary's terms as N-Triples text, each made (and checked by its namespace) once."""

    __slots__ = ("made", "namespace")

    def __init__(self, namespace: Any) -> None:
        self.namespace = namespace
        self.made: dict[str, Term] = {}

    def __getitem__(self, name: str) -> Term:
        term = self.made.get(name)
        if term is None:
            term = self.made[name] = nt(self.namespace[name])
        return term


NT_CV, NT_DCT, NT_DOCO, NT_ELI, NT_ID, NT_ITSRDF, NT_NIF, NT_ORG, NT_POL, NT_POLV, NT_PROV, NT_QB = map(
    NTerms, (CV, DCT, DOCO, ELI, ID, ITSRDF, NIF, ORG, POL, POLV, PROV, QB))
NT_SCHEMA, NT_SDMX_ATTRIBUTE, NT_SDMX_DIMENSION, NT_SDMX_MEASURE, NT_SKOS, NT_TIME, NT_UNIT = map(
    NTerms, (SCHEMA, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, SKOS, TIME, UNIT))
NT_RDF, NT_RDFS = NTerms(RDF), NTerms(RDFS)
NT_DOCO_OF_KIND = {kind: nt(iri) for kind, iri in DOCO_OF_KIND.items()}
NT_QUALIFIER = {qualifier: nt(iri) for qualifier, iri in QUALIFIER.items()}
NT_UNIT_OF_UCUM = {code: nt(iri) for code, iri in UNIT_OF_UCUM.items()}
XSD_INTEGER, XSD_DECIMAL, XSD_DATE, XSD_LANGUAGE = (str(XSD[name]) for name in ("integer", "decimal", "date", "language"))


def _term_maker(make_iri: Callable[..., URIRef]) -> Callable[..., Term]:
    """``make_iri`` (a ``vocab`` IRI scheme) giving a term."""
    def make_term(*args: Any) -> Term:
        return nt(make_iri(*args))

    make_term.__name__ = make_term.__qualname__ = f"nt_{make_iri.__name__}"
    return make_term


(nt_day_iri, nt_expression_iri, nt_fact_iri, nt_fiscal_year_iri, nt_measure_iri, nt_month_iri, nt_org_iri,
 nt_paper_iri, nt_series_iri, nt_subdivision_iri, nt_year_iri, nt_auto_iri) = map(_term_maker, (
    day_iri, expression_iri, fact_iri, fiscal_year_iri, measure_iri, month_iri, org_iri, paper_iri, series_iri,
    subdivision_iri, year_iri, auto_iri))


def nt_string(text: str) -> Term:
    """A plain string literal (rdflib's ``Literal(text)``)."""
    return _quoted(text)


def nt_lang(text: str, lang: str) -> Term:
    """A string in a language (``Literal(text, lang=lang)``; the tags here are fixed ones)."""
    return f"{_quoted(text)}@{lang}"


@lru_cache(maxsize=8192)
def nt_integer(number: int) -> Term:
    """An ``xsd:integer`` (offsets, positions and pages repeat: one string each)."""
    return f'"{number}"^^<{XSD_INTEGER}>'


def nt_date(iso: str) -> Term:
    """An ``xsd:date`` from its ISO form (rdflib's normal form of a date is the same)."""
    return _nt_typed(iso, XSD_DATE)


def _nt_typed(lexical: str, datatype: str) -> Term:
    return f"{_quoted(lexical)}^^<{datatype}>"

#: Facts-file category → (fact kind in IRIs, measure link property).
CATEGORIES = {
    "amounts": ("amount", NT_POL["hasAmount"]),
    "quantities": ("quantity", NT_POL["hasQuantity"]),
    "dates": ("date", NT_POL["hasDate"]),
    "durations": ("duration", NT_POL["hasDuration"]),
    "ratios": ("ratio", NT_POL["hasRatio"]),
}
#: Classes of the fact node of each category (besides ``pol:Fact``).
FACT_CLASS = {"amounts": NT_SCHEMA["MonetaryAmount"], "quantities": NT_SCHEMA["QuantitativeValue"],
              "dates": NT_TIME["ProperInterval"], "durations": NT_TIME["Duration"], "ratios": NT_POL["Ratio"]}
WORK_TYPE = {"discussion-paper": "worktype-legco-discussion-paper",
             "information-paper": "worktype-legco-information-paper",
             "legco-paper": "worktype-legco-paper", "policy-address": "worktype-policy-address",
             "budget-speech": "worktype-budget-speech"}
PART_CLASS = {"preface": NT_DOCO["FrontMatter"], "para": NT_DOCO["Paragraph"], "att": NT_DOCO["Appendix"],
              "fnote": NT_DOCO["Footnote"]}
DURATION_UNIT = {"Y": NT_TIME["unitYear"], "M": NT_TIME["unitMonth"], "W": NT_TIME["unitWeek"], "D": NT_TIME["unitDay"]}
GOVERNMENT_PARTIES = {"政府", "特區政府", "香港特區政府", "政府出資", "government", "the government", "hksar government"}
MEDIA_TYPE = {"pdf": "application/pdf", "txt": "text/plain"}
KPI_DATASET = NT_ID["dataset/kpi"]
#: Kinds of paper that form one series each → (series id, its labels).
SERIES_OF_KIND = {
    "policy-address": ("policy-address", {"en": "Policy Address", "zh-Hant": "施政報告"}),
    "budget-speech": ("budget", {"en": "The Budget", "zh-Hant": "財政預算案"}),
}
#: The bound a qualified single value is (the value of an exact or approximate one is schema:value).
BOUND_OF_QUALIFIER = {"at_least": NT_SCHEMA["minValue"], "at_most": NT_SCHEMA["maxValue"]}


@dataclass(frozen=True, slots=True)
class MeasureNode:
    """A measure as written to the graph, for the other language version to join."""

    iri: Term
    type: str
    where: tuple[str, ...]
    links: frozenset[Term]
    labelled: frozenset[str] = frozenset()  # the languages it has a skos:prefLabel in
    measure_type: str | None = None  # its pol:measureType, when another version wrote it


@dataclass(frozen=True, slots=True)
class PaperSource:
    """Who the paper is in the graph: its IRI key and the file it was read from; ``others`` are
    the other files of the same version (`x.txt` beside `x.pdf`), as (file type, sha256)."""

    key: str
    file_type: str  # "pdf" or "txt"
    sha256: str
    others: tuple[tuple[str, str], ...] = ()


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _integer(text: str) -> Term:
    return nt_integer(int(Decimal(text)))


def _decimal(text: str) -> Term:
    return _nt_typed(format(_number(text), "f"), XSD_DECIMAL)


def _number(text: str) -> Decimal:
    """A facts-file number as a Decimal; fractions (``1/2``, ``1/3``) to 12 decimal places."""
    if "/" in text:
        numerator, _, denominator = text.partition("/")
        return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("1e-12")).normalize()
    return Decimal(text)


def _plain_number(text: str) -> str:
    """Canonical decimal string for fact keys: ``1.50`` → ``1.5``, ``10.0`` → ``10``."""
    return format(_number(text).normalize(), "f")


class Triples:
    """The triples of one named graph, as tuples of terms (N-Triples text).

    rdflib's ``Graph`` indexes every triple three ways (about 0.5 KB a triple with its terms)
    and its TriG writer looks up a prefixed name for every IRI; a paper graph is only added
    to and then written, so it is kept as a dict used as an ordered set, whose terms are
    strings shared by every triple that uses them, and written by ``to_trig``/``to_nquads``.
    Once ``run_size`` triples are held they are sorted and spilled to a run file in a temporary
    folder inside ``spill_folder`` (``sorted_runs``), so that a paper of any length holds one
    batch of triples; the writers read them back merged, in order. ``to_graph`` gives the
    rdflib ``Graph`` for queries."""

    __slots__ = ("described", "identifier", "runs", "triples")

    #: The predicates ``PaperGraph.add_once`` asks about: only their (subject, predicate)
    #: pairs are kept, not every triple's.
    ONCE_PREDICATES = frozenset({NT_POL["position"], NT_ELI["number"], NT_POL["vagueness"], NT_POL["anchoredTo"]})

    def __init__(self, identifier: URIRef, spill_folder: Path | None = None, run_size: int | None = None) -> None:
        from .sorted_runs import RUN_SIZE, SortedRuns

        self.identifier = identifier
        self.triples: dict[tuple[Term, Term, Term], None] = {}
        self.described: set[tuple[Term, Term]] = set()
        self.runs = SortedRuns(spill_folder, run_size or RUN_SIZE)

    def add(self, triple: tuple[Term, Term, Term]) -> None:
        self.triples[triple] = None
        if triple[1] in self.ONCE_PREDICATES:
            self.described.add((triple[0], triple[1]))
        if len(self.triples) >= self.runs.run_size:
            self.runs.add_run(sorted(self.triples))
            self.triples = {}

    def has(self, subject: Term, predicate: Term) -> bool:
        """Whether ``subject`` has some ``predicate`` (one of ``ONCE_PREDICATES``)."""
        if predicate not in self.ONCE_PREDICATES:
            raise ValueError(f"Triples.has answers for {sorted(self.ONCE_PREDICATES)} only, not {predicate}; "
                             f"add it to Triples.ONCE_PREDICATES")
        return (subject, predicate) in self.described

    def sorted(self) -> Iterator[tuple[Term, Term, Term]]:
        """The triples in order, each once."""
        if not self.runs.spilled:
            return iter(sorted(self.triples))
        return self.runs.sorted(sorted(self.triples))  # type: ignore[return-value]

    def close(self) -> None:
        """Let go of the triples, and remove their run files."""
        self.runs.close()
        self.triples, self.described = {}, set()

    def __iter__(self) -> Iterator[tuple[Term, Term, Term]]:
        """The triples: in the order they were added while none were spilled, else in order."""
        return self.sorted() if self.runs.spilled else iter(self.triples)

    def __len__(self) -> int:
        return sum(1 for _ in self.sorted()) if self.runs.spilled else len(self.triples)

    def to_graph(self) -> Graph:
        """The rdflib ``Graph`` of these triples (read from their N-Triples text)."""
        graph = Graph(identifier=self.identifier)
        graph.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in self), format="nt")
        return graph


class PaperGraph:
    """Builds the named graph of one paper; one instance per paper."""

    def __init__(self, doc: Document, facts: dict[str, Any], source: PaperSource, graph: Triples | None = None,
                 counterparts: list[MeasureNode] | None = None) -> None:
        """``graph``: the graph to add to (the other language version's, for a pair);
        ``counterparts``: that version's measures, which this version's measures join."""
        self.doc = doc
        self.facts = facts
        self.source = source
        self.key = source.key
        self.lang = doc.metadata.language
        self.lang_tag = doc.metadata.language
        self.graph = graph if graph is not None else Triples(graph_iri(self.key))
        self.counterparts = list(counterparts or [])
        self.measure_nodes: list[MeasureNode] = []
        self.gazetteer = load_gazetteer()
        self.block_eids = _block_eids(doc.blocks)
        self.occurrences: Counter[str] = Counter()
        self.measure_types: dict[Term, str] = {}
        #: the languages each measure node has a skos:prefLabel in, in this graph (one per language)
        self.labelled: dict[Term, frozenset[str]] = {}
        self.sentence_cache: dict[int, list[tuple[int, int]]] = {}
        self.contexts: list[Term | None] = [None] * len(doc.blocks)
        self.language = _nt_typed(self.lang, XSD_LANGUAGE)

    # -- structure -------------------------------------------------------------------------
    def add(self, s: Term, p: Term, o: Term) -> None:
        self.graph.add((s, p, o))

    def add_once(self, s: Term, p: Term, o: Term) -> None:
        """Add unless ``s`` already has a ``p``: a part or block shared by the zh and en
        versions keeps the position and number of the version written first."""
        if not self.graph.has(s, p):
            self.add(s, p, o)

    def text(self, value: str) -> Term:
        return nt_lang(value, self.lang_tag)

    def label(self, node: Term, prop: Term, value: str) -> None:
        """A label in the paper's language; Traditional Chinese also gets its Simplified form."""
        self.add(node, prop, self.text(value))
        if self.lang == "zh-Hant":
            from .normalize import to_simplified

            self.add(node, prop, nt_lang(to_simplified(value), "zh-Hans"))

    def build(self) -> Triples:
        self.paper()
        self.structure()
        fact_iris = {category: self.values(category) for category in CATEGORIES}
        self.kpis()
        orgs = self.organisations()
        self.measures(fact_iris, orgs)
        return self.graph

    def paper(self) -> None:
        meta, work = self.doc.metadata, nt_paper_iri(self.key)
        expression = nt_expression_iri(self.key, self.lang)
        manifestation = nt(f"{iri_of(expression)}/{self.source.file_type}")
        for cls in (NT_ELI["Work"], NT_PROV["Entity"]):
            self.add(work, NT_RDF["type"], cls)
        self.add(work, NT_ELI["work_type"], NT_POLV[WORK_TYPE.get(meta.document_type or "", "worktype-other")])
        self.series(work)
        if meta.title:
            self.add(work, NT_DCT["title"], self.text(meta.title))
        if meta.reference_date:
            self.add(work, NT_ELI["date_document"], nt_date(meta.reference_date.isoformat()))
        if meta.paper_number:
            self.add(work, NT_DCT["identifier"], nt_string(meta.paper_number))
        for issuer in meta.issued_by:
            self.add(work, NT_DCT["creator"], self.org(issuer))
        if meta.committee:
            self.add(work, NT_POL["submittedTo"], self.org(meta.committee))
        self.add(work, NT_ELI["is_realized_by"], expression)
        self.add(expression, NT_RDF["type"], NT_ELI["Expression"])
        self.add(expression, NT_ELI["realizes"], work)
        self.add(expression, NT_DCT["language"], self.language)
        self.add(expression, NT_POL["textSource"], manifestation)
        for file_type, sha256 in ((self.source.file_type, self.source.sha256), *self.source.others):
            # Every file of this version is one manifestation of it; the text (and every offset)
            # was read from the `pol:textSource` one.
            file = nt(f"{iri_of(expression)}/{file_type}")
            self.add(expression, NT_ELI["is_embodied_by"], file)
            self.add(file, NT_RDF["type"], NT_ELI["Manifestation"])
            self.add(file, NT_ELI["embodies"], expression)
            self.add(file, NT_ELI["media_type"], nt_string(MEDIA_TYPE[file_type]))
            self.add(file, NT_POL["sha256"], nt_string(sha256))

    def series(self, work: Term) -> None:
        """The series the paper is one of: every Policy Address one, every Budget one, and the
        papers to one LegCo panel or committee one (`pol:series`)."""
        meta = self.doc.metadata
        if meta.document_type in SERIES_OF_KIND:
            series_id, labels = SERIES_OF_KIND[meta.document_type]
        elif meta.committee:
            org = self.gazetteer.resolve(meta.committee)
            if org is not None:
                series_id = f"papers-to-{org.id}"
                labels = {"zh-Hant": f"提交{org.zh}的文件", "en": f"Papers to the {org.en or org.zh}"}
            else:
                series_id = auto_iri("series", meta.committee).rsplit("/", 1)[1]
                labels = {"zh-Hant" if self.lang != "en" else "en": meta.committee}
        else:
            return
        series = nt_series_iri(series_id)
        self.add(work, NT_POL["series"], series)
        self.add(series, NT_RDF["type"], NT_POL["Series"])
        for lang, value in labels.items():
            self.add(series, NT_RDFS["label"], nt_lang(value, lang))

    def structure(self) -> None:
        work = nt_paper_iri(self.key)
        parts: dict[str, Term] = {}
        labels = {a.where: a.label for a in self.doc.annexes}
        for position, block in enumerate(self.doc.blocks):
            part_eid = eid_of_where(block.where)
            part = nt_subdivision_iri(self.key, part_eid)
            if part_eid not in parts:
                parts[part_eid] = part
                self.add(part, NT_RDF["type"], NT_ELI["WorkSubdivision"])
                self.add(part, NT_RDF["type"], PART_CLASS[part_eid.split("_")[0]])
                self.add(part, NT_ELI["is_part_of"], work)
                self.add(work, NT_ELI["has_part"], part)
                self.add_once(part, NT_POL["position"], nt_integer(len(parts)))
                number = labels.get(block.where) or part_eid.partition("_")[2]
                if number:
                    self.add_once(part, NT_ELI["number"], nt_string(number))
                if part_eid.startswith("att_"):
                    self.add(part, NT_ELI["is_annex_of"], work)
            sub = nt_subdivision_iri(self.key, self.block_eids[position])
            self.add(sub, NT_RDF["type"], NT_ELI["WorkSubdivision"])
            self.add(sub, NT_RDF["type"], NT_DOCO_OF_KIND[block.kind])
            self.add(sub, NT_ELI["is_part_of"], part)
            self.add(part, NT_ELI["has_part"], sub)
            self.add_once(sub, NT_POL["position"], nt_integer(position + 1))
            if block.number:
                self.add_once(sub, NT_ELI["number"], nt_string(block.number))
            ctx = self.context(position)
            for cls in (NT_ELI["Expression"], NT_NIF["Context"]):
                self.add(ctx, NT_RDF["type"], cls)
            self.add(ctx, NT_ELI["realizes"], sub)
            self.add(ctx, NT_DCT["language"], self.language)
            self.add(ctx, NT_NIF["isString"], nt_string(block.text))
            self.add(ctx, NT_NIF["beginIndex"], nt_integer(0))
            self.add(ctx, NT_NIF["endIndex"], nt_integer(len(block.text)))
            for pdf_page in block.pages:
                self.add_pages(ctx, pdf_page)

    def add_pages(self, node: Term, pdf_page: int) -> None:
        """``pol:page`` as a reader cites it (the printed label, else the PDF position: a
        number, or a string for `iii` or `(3)`) and ``pol:pdfPage``, the position in the file."""
        value = page_value(self.doc.page_label_of(pdf_page), pdf_page)
        self.add(node, NT_POL["page"], nt_integer(value) if isinstance(value, int) else nt_string(value))
        self.add(node, NT_POL["pdfPage"], nt_integer(pdf_page))

    def context(self, block_index: int) -> Term:
        context = self.contexts[block_index]
        if context is None:
            context = self.contexts[block_index] = nt(context_iri(self.key, self.block_eids[block_index], self.lang))
        return context

    def span(self, block_index: int, begin: int, end: int) -> Term:
        """The NIF span of ``text[begin:end]`` of one block, with its source offsets."""
        block = self.doc.blocks[block_index]
        ctx = self.context(block_index)
        span = nt(span_iri(iri_of(ctx), begin, end))
        for cls in (NT_NIF["OffsetBasedString"], NT_NIF["Phrase"]):
            self.add(span, NT_RDF["type"], cls)
        self.add(span, NT_NIF["referenceContext"], ctx)
        self.add(span, NT_NIF["beginIndex"], nt_integer(begin))
        self.add(span, NT_NIF["endIndex"], nt_integer(end))
        self.add(span, NT_NIF["anchorOf"], nt_string(block.text[begin:end]))
        source_begin, source_end = block.source_span(begin, end)
        self.add(span, NT_POL["sourceBegin"], nt_integer(source_begin))
        self.add(span, NT_POL["sourceEnd"], nt_integer(source_end))
        return span

    def evidence_span(self, evidence: dict[str, Any]) -> Term:
        """The span of a fact's evidence, tied (``nif:sentence``) to the sentence around it,
        so that a query can quote the whole sentence."""
        begin, end = evidence["span"]
        span = self.span(evidence["block"], begin, end)
        # The page of the quote itself: a block may run over a page break.
        self.add_pages(span, self.doc.page_of(self.doc.blocks[evidence["block"]].source_span(begin, end)[0]))
        sentence_begin, sentence_end = next(
            ((a, b) for a, b in self.sentences(evidence["block"]) if a <= begin < b), (begin, end))
        sentence = self.span(evidence["block"], sentence_begin, sentence_end)
        self.add(sentence, NT_RDF["type"], NT_NIF["Sentence"])
        self.add(span, NT_NIF["sentence"], sentence)
        return span

    def sentences(self, block_index: int) -> list[tuple[int, int]]:
        if block_index not in self.sentence_cache:
            text = self.doc.blocks[block_index].text
            self.sentence_cache[block_index] = [_strip_span(text, a, b) for a, b in sentence_spans(text)]
        return self.sentence_cache[block_index]

    # -- values ----------------------------------------------------------------------------
    def fact(self, kind: str, where: str, fields: dict[str, Any]) -> Term:
        """The IRI of the next fact of ``kind`` with these fields in this part; the
        occurrence number keeps two equal mentions of one part apart."""
        eid = eid_of_where(where)
        signature = f"{kind}|{eid}|{_canonical(fields)}"
        self.occurrences[signature] += 1
        return nt_fact_iri(self.key, kind, {"part": eid, **fields, "occurrence": self.occurrences[signature]})

    def values(self, category: str) -> list[Term]:
        kind, _ = CATEGORIES[category]
        iris = []
        for entry in self.facts.get(category, []):
            fields = _fact_fields(category, entry)
            node = self.fact(kind, entry["where"], fields)
            iris.append(node)
            for cls in (FACT_CLASS[category], NT_POL["Fact"]):
                self.add(node, NT_RDF["type"], cls)
            self.add(node, NT_POL["evidence"], self.evidence_span(entry))
            getattr(self, f"_{kind}")(node, entry)
        return iris

    def _bounds(self, node: Term, entry: dict[str, Any], number: Any) -> None:
        """Value or bounds: an at-least value is a lower bound (``schema:minValue``), an
        at-most value an upper bound (``schema:maxValue``), as ``ontology/shapes.ttl`` checks."""
        if entry.get("value") is not None:
            self.add(node, BOUND_OF_QUALIFIER.get(entry.get("qualifier") or "exact", NT_SCHEMA["value"]),
                     number(entry["value"]))
        if entry.get("min") is not None:
            self.add(node, NT_SCHEMA["minValue"], number(entry["min"]))
        if entry.get("max") is not None:
            self.add(node, NT_SCHEMA["maxValue"], number(entry["max"]))
        self.add(node, NT_POL["qualifier"], NT_QUALIFIER[entry.get("qualifier") or "exact"])

    def _amount(self, node: Term, entry: dict[str, Any]) -> None:
        self.add(node, NT_SCHEMA["currency"], nt_string(entry["currency"]))
        self.add(node, NT_POL["amountRole"], NT_POLV["role-unspecified"])
        self._bounds(node, entry, _integer)

    def _quantity(self, node: Term, entry: dict[str, Any]) -> None:
        fraction = any("/" in (entry.get(bound) or "") for bound in ("value", "min", "max"))  # 約三分之一至一半
        unit = NT_UNIT["FRACTION"] if fraction else NT_UNIT_OF_UCUM.get(entry["unit"])
        if unit is None:
            raise ValueError(f"quantity unit {entry['unit']!r} has no QUDT unit; expected one of {sorted(UNIT_OF_UCUM)}")
        self.add(node, NT_SCHEMA["unitCode"], unit)
        self._bounds(node, entry, _integer if entry["unit"] == "1" and not fraction else _decimal)
        if entry.get("of"):
            self.add(node, NT_POL["countOf"], self.text(entry["of"]))

    def _date(self, node: Term, entry: dict[str, Any]) -> None:
        start, end = entry.get("start"), entry.get("end")
        for prop, day in ((NT_TIME["hasBeginning"], start), (NT_TIME["hasEnd"], end)):
            if day:
                self.add(node, prop, nt_day_iri(day))
                self.add(nt_day_iri(day), NT_RDF["type"], NT_TIME["Instant"])
                self.add(nt_day_iri(day), NT_TIME["inXSDDate"], nt_date(day))
        if entry.get("edtf"):
            self.add(node, NT_POL["edtf"], nt_string(entry["edtf"]))
        named = _named_interval(start, end)
        if named is not None:
            self.add(node, NT_TIME["intervalEquals"], named)
        if entry.get("vague"):  # a reading of 年初 / late …: say which, and keep the words
            self.add_once(node, NT_POL["vagueness"], NT_POLV[f"vague-{entry['vague']}"])
            self.add(node, NT_POL["originalText"], self.text(entry["text"]))
        reference = self.doc.metadata.reference_date
        if entry.get("relative") and not reference:
            # An undated paper's 明年: a fact with no interval (nothing is known of when), its words kept.
            self.add(node, NT_POL["originalText"], self.text(entry["text"]))
        if entry.get("relative") and reference:  # resolved against the paper's date
            anchor = nt_day_iri(reference.isoformat())
            self.add_once(node, NT_POL["anchoredTo"], anchor)
            self.add(anchor, NT_RDF["type"], NT_TIME["Instant"])
            self.add(anchor, NT_TIME["inXSDDate"], nt_date(reference.isoformat()))

    def _duration(self, node: Term, entry: dict[str, Any]) -> None:
        unit = None
        bound = BOUND_OF_QUALIFIER.get(entry.get("qualifier") or "exact")  # 最長十年: at most ten years
        for field, prop in (("value", bound or NT_TIME["numericDuration"]), ("min", NT_SCHEMA["minValue"]),
                            ("max", NT_SCHEMA["maxValue"])):
            if entry.get(field):
                amount, unit = _iso_duration(entry[field])
                self.add(node, prop, _decimal(amount))
                if field == "value" and bound is None:
                    self.add(node, NT_TIME["hasXSDDuration"], _nt_term(Literal(entry[field], datatype=XSD.duration)))
        if unit:
            self.add(node, NT_TIME["unitType"], DURATION_UNIT[unit])
        self.add(node, NT_POL["qualifier"], NT_QUALIFIER[entry.get("qualifier") or "exact"])

    def _ratio(self, node: Term, entry: dict[str, Any]) -> None:
        government = False
        for position, term in enumerate(entry["terms"], start=1):
            term_iri = nt(f"{iri_of(node)}/term/{position}")
            is_government = term["party"].strip().lower() in GOVERNMENT_PARTIES
            government |= is_government
            self.add(node, NT_POL["hasTerm"], term_iri)
            self.add(term_iri, NT_RDF["type"], NT_POL["RatioTerm"])
            self.add(term_iri, NT_POL["party"], NT_POLV["party-government" if is_government else "party-other"])
            self.add(term_iri, NT_RDFS["label"], self.text(term["party"]))
            self.add(term_iri, NT_POL["share"], _decimal(term["value"]))
            self.add(term_iri, NT_POL["position"], nt_integer(position))
        if government:
            self.add(node, NT_POL["ratioBasis"], NT_POLV["basis-matching"])
        if entry.get("qualifier"):
            self.add(node, NT_POL["qualifier"], NT_QUALIFIER[entry["qualifier"]])

    def kpis(self) -> None:
        """Baseline and target observations of the values marked as KPIs
        (`由 2022 年的 330 間增加至 2027 年的 600 間`)."""
        for category in ("amounts", "quantities"):
            for value in self.facts.get(category, []):
                if "kpi" in value:
                    self.observation(value, money=category == "amounts")

    def observation(self, value: dict[str, Any], money: bool) -> None:
        kpi = value["kpi"]
        year = kpi["year"]
        if year is None and kpi["role"] == "baseline" and self.doc.metadata.reference_date:
            # `to increase from 7.4 million tonnes to …`: a baseline without a year is the
            # level when the paper was written.
            year = self.doc.metadata.reference_date.year
        if year is None:
            return  # Data Cube needs a period for every observation; the value stays a fact
        indicator = nt_auto_iri("indicator", self.key, kpi["indicator"])
        self.add(indicator, NT_RDF["type"], NT_POL["Indicator"])
        self.add(indicator, NT_SKOS["prefLabel"], self.text(kpi["indicator"]))
        unit = NT_UNIT[f"CCY_{value['currency']}"] if money else NT_UNIT_OF_UCUM[value["unit"]]
        number = next(value[f] for f in ("value", "min", "max") if value.get(f) is not None)
        fields = {"indicator": iri_of(indicator), "role": kpi["role"], "year": kpi["year"],
                  "value": _plain_number(number), "unit": iri_of(unit)}
        node = self.fact("kpi", value["where"], fields)
        for cls in (NT_QB["Observation"], NT_POL["Fact"]):
            self.add(node, NT_RDF["type"], cls)
        self.add(node, NT_QB["dataSet"], KPI_DATASET)
        self.add(KPI_DATASET, NT_RDF["type"], NT_QB["DataSet"])
        self.add(node, NT_POL["indicator"], indicator)
        self.add(node, NT_POL["observationRole"], NT_POLV[f"obs-{kpi['role']}"])
        self.add(node, NT_SDMX_DIMENSION["refPeriod"], nt_year_iri(year))
        whole = money or (value["unit"] == "1" and "/" not in number)
        self.add(node, NT_SDMX_MEASURE["obsValue"], _integer(number) if whole else _decimal(number))
        self.add(node, NT_SDMX_ATTRIBUTE["unitMeasure"], unit)
        self.add(node, NT_POL["qualifier"], NT_QUALIFIER[value.get("qualifier") or "exact"])
        self.add(node, NT_POL["evidence"], self.evidence_span(value))

    # -- entities --------------------------------------------------------------------------
    def org(self, name: str) -> Term:
        """A gazetteer organisation's IRI, or an ``org/auto-…`` node described here."""
        known = self.gazetteer.resolve(name)
        if known is not None:
            return nt_org_iri(known.id)
        iri = nt_auto_iri("org", name)
        self.add(iri, NT_RDF["type"], NT_ORG["Organization"])
        self.add(iri, NT_SKOS["prefLabel"], self.text(name))
        return iri

    def organisations(self) -> dict[str, tuple[Term, list[dict[str, Any]]]]:
        """Org mentions → spans pointing at the org; returns name → (IRI, evidence)."""
        found = {}
        for entry in self.facts.get("organisations", []):
            iri = self.org(entry["name"])
            found[entry["name"]] = (iri, entry.get("evidence", []))
            for evidence in entry.get("evidence", []):
                self.add(self.evidence_span(evidence), NT_ITSRDF["taIdentRef"], iri)
        return found

    def measures(self, fact_iris: dict[str, list[Term]],
                 orgs: dict[str, tuple[Term, list[dict[str, Any]]]]) -> None:
        """Each measure as the one node every paper naming it shares (``registry``); this graph
        holds what this paper says of it."""
        from .recognizers.measures import measure_type as measure_type_of
        from .registry import measure_id, resolve

        work = nt_paper_iri(self.key)
        for entry in self.facts.get("measures", []):
            first_where = entry["where"][0] if entry.get("where") else "title"
            links = {fact_iris[category][index] for category in CATEGORIES
                     for index in entry.get("links", {}).get(category, [])}
            identity = resolve(entry["name"])
            own = nt_measure_iri(measure_id(entry["name"], self.key))
            joined = self.counterpart(entry, links)
            node = joined or MeasureNode(own, entry.get("type") or "Initiative", tuple(entry.get("where", [])),
                                         frozenset(links))
            measure = node.iri
            registered = identity.registered if joined is None and identity.registered else None
            # One type per node: the registry's, else its name's head word's (`…基金` a fund), else
            # what the paper first called it.
            measure_type = registered.type if registered else node.measure_type or self.measure_types.setdefault(
                measure, measure_type_of(identity.form) or node.type)
            labelled = self.measure_labels(measure, identity, registered, entry,
                                           node.labelled | self.labelled.get(measure, frozenset()))
            self.labelled[measure] = labelled
            self.measure_nodes.append(MeasureNode(measure, node.type, node.where, node.links, labelled, measure_type))
            self.add(measure, NT_RDF["type"], NT_POL["PolicyMeasure"])
            if measure_type in ("Fund", "Scheme"):
                self.add(measure, NT_RDF["type"], NT_SCHEMA["FundingScheme"])
            self.add(measure, NT_POL["measureType"], NT_POLV[f"type-{measure_type.lower()}"])
            self.add(measure, NT_POL["announcedIn"], work)
            for sector in entry.get("sectors", []):
                self.add(measure, NT_CV["sector"], NT_POLV[f"sector-{sector}"])
            evidence = entry.get("evidence", [])
            for item in evidence:
                self.add(self.evidence_span(item), NT_ITSRDF["taIdentRef"], measure)
            blocks = {item["block"] for item in evidence}
            for category, (_, prop) in CATEGORIES.items():
                for index in entry.get("links", {}).get(category, []):
                    target = fact_iris[category][index]
                    self.add(measure, prop, target)
                    self.link(measure, prop, target, self.facts[category][index]["where"],
                              [self.facts[category][index]])
            for name in entry.get("responsible", []):
                org, org_evidence = orgs.get(name, (self.org(name), []))
                self.add(measure, NT_CV["hasCompetentAuthority"], org)
                near = [e for e in org_evidence if e["block"] in blocks] or evidence[:1]
                self.link(measure, NT_CV["hasCompetentAuthority"], org, first_where, near)

    def measure_labels(self, measure: Term, identity: Any, registered: Any, entry: dict[str, Any],
                       labelled: frozenset[str]) -> frozenset[str]:
        """`skos:prefLabel`: the registry's names, else the name as the paper writes it (without
        its quotation marks), so that every paper naming a curated measure gives its node the
        same one per language; a language the other version of the paper labelled already gets
        none; this paper's other wordings and aliases as `skos:altLabel`.
        Returns the languages the node now has a prefLabel in."""
        from .normalize import to_simplified
        from .registry import RE_CJK, display_name

        preferred: dict[str, str] = {}
        if registered is not None:
            preferred = {lang: name for lang, name in (("zh-Hant", registered.name_zh), ("en", registered.name_en))
                         if name}
        else:  # the paper's own wording, as a reader would search for it
            name = display_name(entry["name"])
            preferred = {"zh-Hant" if RE_CJK.search(name) else "en": name}
        if "zh-Hant" in preferred:
            preferred["zh-Hans"] = to_simplified(preferred["zh-Hant"])
        preferred = {lang: value for lang, value in preferred.items() if lang not in labelled}
        for lang, value in sorted(preferred.items()):
            self.add(measure, NT_SKOS["prefLabel"], nt_lang(value, lang))
        for name in (entry["name"], *entry.get("aliases", [])):
            lang = "zh-Hant" if RE_CJK.search(name) else "en"
            if lang != "en" and self.lang == "zh-Hans":
                lang = "zh-Hans"
            forms = [(name, lang)] + ([(to_simplified(name), "zh-Hans")] if lang == "zh-Hant" else [])
            for value, form_lang in forms:
                if preferred.get(form_lang) != value:
                    self.add(measure, NT_SKOS["altLabel"], nt_lang(value, form_lang))
        return labelled | frozenset(preferred)

    def counterpart(self, entry: dict[str, Any], links: set[Term]) -> MeasureNode | None:
        """The other version's measure this one is, by shared linked facts, else by type
        and paragraph (the first unclaimed one in reading order); each is claimed once."""
        wheres = set(entry.get("where", []))
        scored = [(len(links & c.links), c) for c in self.counterparts
                  if c.type == (entry.get("type") or "Initiative") and wheres & set(c.where)]
        scored = [(score, c) for score, c in scored if score or not (links and c.links)]
        if not scored:
            return None
        best = max(score for score, _ in scored)
        chosen = next(c for score, c in scored if score == best)
        self.counterparts.remove(chosen)
        return chosen

    def link(self, measure: Term, prop: Term, target: Term, where: str,
             evidence: Iterable[dict[str, Any]]) -> None:
        """A measure link as an ``rdf:Statement`` fact, so that it can carry evidence."""
        node = self.fact("link", where, {"subject": iri_of(measure), "predicate": iri_of(prop), "object": iri_of(target)})
        for cls in (NT_RDF["Statement"], NT_POL["Fact"]):
            self.add(node, NT_RDF["type"], cls)
        self.add(node, NT_RDF["subject"], measure)
        self.add(node, NT_RDF["predicate"], prop)
        self.add(node, NT_RDF["object"], target)
        for item in evidence:
            self.add(node, NT_POL["evidence"], self.evidence_span(item))


def _strip_span(text: str, begin: int, end: int) -> tuple[int, int]:
    """Narrow ``[begin, end)`` to leave out surrounding white space."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end


def _block_eids(blocks: Iterable[Block]) -> list[str]:
    """``{part eId}__{kind}_{n}``: n counts blocks of that kind within the part."""
    counts: Counter[tuple[str, str]] = Counter()
    eids = []
    for block in blocks:
        part = eid_of_where(block.where)
        kind = EID_OF_KIND[block.kind]
        counts[(part, kind)] += 1
        eids.append(f"{part}__{kind}_{counts[(part, kind)]}")
    return eids


def _canonical(fields: dict[str, Any]) -> str:
    from .vocab import canonical_json

    return canonical_json(fields)


def _fact_fields(category: str, entry: dict[str, Any]) -> dict[str, Any]:
    """The language-independent fields of a fact, which its IRI hashes."""
    def numbers(*names: str) -> dict[str, str]:
        return {n: _plain_number(entry[n]) for n in names if entry.get(n) is not None}

    if category == "amounts":
        return {"currency": entry["currency"], "qualifier": entry.get("qualifier") or "exact",
                **numbers("value", "min", "max")}
    if category == "quantities":
        return {"unit": entry["unit"], "qualifier": entry.get("qualifier") or "exact",
                **numbers("value", "min", "max")}
    if category == "dates":
        return {"start": entry.get("start"), "end": entry.get("end")}
    if category == "durations":
        return {n: entry[n] for n in ("value", "min", "max", "qualifier") if entry.get(n)}
    if category == "ratios":
        return {"shares": [_plain_number(t["value"]) for t in entry["terms"]]}
    raise ValueError(f"unknown facts category {category!r}; expected one of {', '.join(CATEGORIES)}")


def _iso_duration(text: str) -> tuple[str, str]:
    """``P10Y`` → (``10``, ``Y``); years and months together count in months
    (``P5Y6M`` → (``66``, ``M``)), as OWL-Time wants one number and one unit."""
    match = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?", text)
    parts = {u: Decimal(v) for u, v in zip("YMWD", match.groups()) if v is not None} if match else {}
    if not parts or (len(parts) > 1 and set(parts) != {"Y", "M"}):
        raise ValueError(f"duration {text!r} is not an ISO 8601 duration in years, months, weeks or days")
    if len(parts) == 2:
        return format(parts["Y"] * 12 + parts["M"], "f"), "M"
    (unit, amount), = parts.items()
    return format(amount, "f"), unit


def _named_interval(start: str | None, end: str | None) -> Term | None:
    """The fiscal year, calendar year or month a period is exactly equal to, if any."""
    if not start or not end:
        return None
    if start[5:] == "04-01" and end[5:] == "03-31" and int(end[:4]) == int(start[:4]) + 1:
        return nt_fiscal_year_iri(int(start[:4]))
    if start[:4] == end[:4] and start[5:] == "01-01" and end[5:] == "12-31":
        return nt_year_iri(start[:4])
    if start[:7] == end[:7] and start[8:] == "01" and _is_month_end(end):
        return nt_month_iri(start[:7])
    return None


def _is_month_end(day: str) -> bool:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).day == 1


def paper_graph(doc: Document, facts: dict[str, Any], source: PaperSource) -> Graph:
    """The named graph ``<paper/{key}/graph>`` of one paper, as an rdflib ``Graph``."""
    return PaperGraph(doc, facts, source).build().to_graph()


def bilingual_graph(versions: list[tuple[Document, dict[str, Any], PaperSource]]) -> Graph:
    """``bilingual_triples`` as an rdflib ``Graph``, for queries (``align``)."""
    return bilingual_triples(versions).to_graph()


def bilingual_triples(versions: list[tuple[Document, dict[str, Any], PaperSource]],
                      spill_folder: Path | None = None) -> Triples:
    """One named graph for the language versions of one paper (one Work, an Expression per
    language): a fact both versions state is one node with evidence in each language,
    and a measure both name is one node labelled in both. Its triples spill into a temporary
    folder inside ``spill_folder`` (the system's when None) while it is built."""
    if len({source.key for _, _, source in versions}) != 1:
        raise ValueError(f"versions of one paper must share a key; got {sorted({s.key for _, _, s in versions})}")
    graph = Triples(graph_iri(versions[0][2].key), spill_folder)
    nodes: list[MeasureNode] = []
    for doc, facts, source in versions:
        builder = PaperGraph(doc, facts, source, graph, nodes)
        builder.build()
        nodes = nodes + [n for n in builder.measure_nodes if n not in nodes]
    return graph


# -- writing ----------------------------------------------------------------------------------
# Written here rather than by rdflib's serialisers: its TriG writer looks for a prefixed name
# for every IRI and misses on every instance IRI (a third of a build went there), and both
# writers need the triples copied into a Dataset first. The N-Quads lines are those rdflib
# writes (``rdflib/plugins/serializers/nt.py``: IRIs as ``<…>``, literals with ``\``, ``\n``,
# ``"`` and ``\r`` escaped), so the merged file keeps its bytes.

#: A local name written as a prefixed name (``pol:hasAmount``); any other IRI is written whole.
RE_PREFIXED_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
RE_INTEGER = re.compile(r"[+-]?[0-9]+")
RE_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
RDF_TYPE = NT_RDF["type"]
#: The project's prefixes and the three every graph uses, as rdflib's writer added them.
WRITTEN_PREFIXES = {**{prefix: str(ns) for prefix, ns in PREFIXES.items()},
                    "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


def _nt_term(term: Any) -> str:
    """A term as N-Triples writes it."""
    if isinstance(term, Literal):
        if term.language:
            return f"{_quoted(str(term))}@{term.language}"
        if term.datatype is not None:
            return f"{_quoted(str(term))}^^<{term.datatype}>"
        return _quoted(str(term))
    if isinstance(term, URIRef):
        return f"<{term}>"
    return f"_:{term}"  # a blank node: none in paper or reference graphs (no blank nodes anywhere)


def _sorted_terms(graph: Triples | Graph) -> Iterator[tuple[Term, Term, Term]]:
    """A graph's triples as terms, in order: a ``Triples`` holds them so (each once); an rdflib
    ``Graph`` (the reference graphs read from ``ontology/``, small) has each term converted once."""
    if isinstance(graph, Triples):
        return graph.sorted()
    made: dict[Any, Term] = {}
    return iter(sorted(tuple(made.get(t) or made.setdefault(t, _nt_term(t)) for t in triple)  # type: ignore[misc]
                       for triple in graph))


class _TurtleTerms:
    """Terms as TriG writes them: IRIs of the project's vocabularies as prefixed names,
    plain numbers bare; each term formatted once while it is among the last ``CACHED`` ones."""

    #: Most formatted terms kept (a paper has about as many terms as triples).
    CACHED = 50_000

    def __init__(self) -> None:
        self.namespaces = sorted(((ns, prefix) for prefix, ns in WRITTEN_PREFIXES.items()), key=lambda x: -len(x[0]))
        self.cache: dict[Term, str] = {}

    def __call__(self, term: Term) -> str:
        text = self.cache.get(term)
        if text is None:
            if len(self.cache) >= self.CACHED:
                self.cache.clear()
            text = self.cache[term] = self._format(term)
        return text

    def _format(self, term: Term) -> str:
        if term.startswith("<"):
            iri = term[1:-1]
            for namespace, prefix in self.namespaces:
                if iri.startswith(namespace) and RE_PREFIXED_LOCAL.fullmatch(iri, len(namespace)):
                    return f"{prefix}:{iri[len(namespace):]}"
            return term
        if term.startswith('"') and term.endswith(">"):  # a typed literal: `"lexical"^^<datatype>`
            quoted, _, datatype = term.rpartition("^^")
            # Numbers bare, as rdflib's Turtle writer has them (a whole decimal gets `.0`,
            # `rdflib/term.py` `Literal._literal_n3`), so the graph read back is the same. (A
            # number's lexical form has nothing to escape: the quoted form is it in quotes.)
            lexical = quoted[1:-1]
            if datatype == f"<{XSD_INTEGER}>" and RE_INTEGER.fullmatch(lexical):
                return lexical
            if datatype == f"<{XSD_DECIMAL}>" and RE_INTEGER.fullmatch(lexical):
                return f"{lexical}.0"
            if datatype == f"<{XSD_DECIMAL}>" and RE_DECIMAL.fullmatch(lexical):
                return lexical
            return f"{quoted}^^{self(datatype)}"
        return term


def to_trig(graphs: Iterable[Triples | Graph]) -> str:
    """Named graphs as TriG, deterministically: one graph after another in the order of their
    names, each subject's triples together (subjects, predicates, objects in sorted order,
    ``rdf:type`` first as ``a``), with the project's prefixes."""
    return "".join(trig_pieces(graphs))


def trig_pieces(graphs: Iterable[Triples | Graph]) -> Iterator[str]:
    """``to_trig`` in pieces, made as they are written. A graph's triples are sorted as TriG
    writes them (by subject as written, then predicate and object) through sorted runs on disk
    (``sorted_runs``), so that the graph, however long, is never held whole."""
    from .sorted_runs import RUN_SIZE, SortedRuns

    terms = _TurtleTerms()
    for prefix, namespace in sorted(WRITTEN_PREFIXES.items()):
        yield f"@prefix {prefix}: <{namespace}> .\n"
    for graph in sorted(graphs, key=lambda g: str(g.identifier)):
        folder, run_size = (graph.runs.parent, graph.runs.run_size) if isinstance(graph, Triples) else (None, RUN_SIZE)
        rows = SortedRuns(folder, run_size, unique=False)
        for s, p, o in _sorted_terms(graph):
            # (subject as written, sort key: the predicate's IRI, predicate as written, object as
            # written, object): rdf:type sorts first; the object itself orders objects written alike
            rows.add((terms(s), "", "a", terms(o), o) if p == RDF_TYPE else (terms(s), p[1:-1], terms(p), terms(o), o))
        yield f"\n{terms(nt(graph.identifier))} {{\n"
        subject = predicate = None
        for row_subject, _key, row_predicate, obj, _ in rows.sorted():
            if row_subject != subject:
                if subject is not None:
                    yield " .\n\n"
                yield f"    {row_subject} {row_predicate} {obj}"
                subject, predicate = row_subject, row_predicate
            elif row_predicate != predicate:
                yield f" ;\n        {row_predicate} {obj}"
                predicate = row_predicate
            else:
                yield f",\n            {obj}"
        rows.close()
        if subject is not None:
            yield " .\n"
        yield "}\n"


def to_nquads(graphs: Iterable[Triples | Graph]) -> str:
    """Named graphs as N-Quads, one sorted line per quad."""
    return "".join(nquad_lines(graphs))


def nquad_lines(graphs: Iterable[Triples | Graph]) -> Iterator[str]:
    """The sorted lines of ``to_nquads``, each once, made one at a time as they are written.

    The quads are sorted as tuples of terms, which is the order of their lines: no term is the
    beginning of another but where the longer one goes on with a character (``@``, ``^``, ``-``
    or more of a name) above the space that follows a term in a line. So the lines, about
    0.3 KB each, are never all held at once, and a ``Triples`` gives its triples in order from
    its sorted runs: the graph is not held whole either."""
    import heapq

    def quads(graph: Triples | Graph) -> Iterator[tuple[Term, Term, Term, Term]]:
        name = nt(graph.identifier)
        return ((s, p, o, name) for s, p, o in _sorted_terms(graph))

    previous = None
    for quad in heapq.merge(*map(quads, graphs)):
        if quad != previous:
            yield f"{quad[0]} {quad[1]} {quad[2]} {quad[3]} .\n"
        previous = quad
