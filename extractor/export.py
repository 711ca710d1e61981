"""Exports of paper graphs for the tools researchers already use.

The RDF is first read into one *property graph* (a networkx ``MultiDiGraph``): nodes for
papers, measures, organisations, KPI indicators and facts (amounts, quantities, dates,
durations, ratios, KPI observations), edges for the links between them. Evidence (quote,
sentence, paragraph, page, per language) becomes node attributes, so that a tool without
RDF still shows where a fact comes from. Each format is a writer of that one model, except
``jsonld``, which is the RDF itself. Output is deterministic: nodes and edges sorted, no
dates of the day.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, MissingInput, UnsupportedInput

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
VIEWER_DIR = Path(__file__).resolve().parent / "data"
FORMATS = ("graphml", "gexf", "jsonld", "cytoscape", "neo4j", "html")
#: ``--format all`` writes every format into a folder.
ALL = "all"
#: The file extension of each one-file format: it names the format when ``--format`` is
#: left out, and ``--format all`` writes ``legco-kg<extension>`` (neo4j: a folder ``neo4j/``).
EXTENSIONS = {"html": ".html", "graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "jsonld": ".jsonld"}
ALL_STEM = "legco-kg"
NEO4J_SUBFOLDER = "neo4j"
PAPER_SUFFIXES = (".pdf", ".txt")

#: Node types, in drawing and legend order.
NODE_TYPES = ("paper", "organisation", "measure", "indicator", "amount", "quantity", "date", "duration",
              "ratio", "kpi")
FACT_TYPES = ("amount", "quantity", "date", "duration", "ratio", "kpi")
#: Measure → fact predicates (local names of ``pol:``) → edge relation.
MEASURE_LINKS = {"hasAmount": "has_amount", "hasQuantity": "has_quantity", "hasDate": "has_date",
                 "hasDuration": "has_duration", "hasRatio": "has_ratio", "hasIndicator": "has_indicator"}
#: Attributes that hold lists (joined with ``LIST_SEPARATOR`` in the property graph, where
#: GraphML and GEXF have no list type); Neo4j gets them as ``string[]`` arrays.
LIST_ATTRIBUTES = {"aliases", "sectors", "responsible"}
LIST_SEPARATOR = "; "
RE_FACT = re.compile(r"^(?P<paper>.+/paper/[a-z0-9-]+)/fact/(?P<kind>[a-z]+)/[0-9a-f]+$")
RE_PAPER_GRAPH = re.compile(r"^(?P<paper>https://w3id\.org/legco-kg/id/paper/[a-z0-9-]+)/graph$")


class ExportError(InputError):
    """Bad input to an export: the message names the file or value and what was expected."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact is stated, in one language version."""

    language: str  # "zh" or "en"
    quote: str
    sentence: str
    paragraph: str  # the part's eId: para_9, att_2, fnote_1
    page: int | str | None  # as cited: the printed label (`56`, `iii`, `(3)`), else the PDF position
    pdf_page: int | None  # the position in the file


# --- reading the inputs ------------------------------------------------------------------------


def classify_inputs(inputs: Iterable[str]) -> tuple[list[Path], list[Path]]:
    """(graph files, paper files) of the inputs: ``.trig`` / ``.nq`` files and papers as
    given; a folder stands for its graphs when it has ``.trig`` files, else for its papers."""
    graphs: list[Path] = []
    papers: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            trig = sorted(p for p in path.glob("*.trig") if not p.name.startswith("."))
            found = trig or sorted(p for p in path.iterdir() if p.suffix.lower() in PAPER_SUFFIXES
                                   and not p.name.startswith("."))
            if not found:
                raise MissingInput(str(path), "no graphs (.trig) and no papers (.pdf, .txt) in this folder")
            (graphs if trig else papers).extend(found)
        elif not path.is_file():
            raise MissingInput(str(path), "no such file")
        elif path.suffix.lower() in (".trig", ".nq"):
            graphs.append(path)
        elif path.suffix.lower() in PAPER_SUFFIXES:
            papers.append(path)
        else:
            raise UnsupportedInput(str(path), "expected graphs (.trig, .nq), papers (.pdf, .txt) or a folder of them")
    return graphs, papers


def load_dataset(inputs: Iterable[str], progress: Callable[[int, int, str], None] | None = None) -> Any:
    """One rdflib ``Dataset`` of everything the inputs hold. Papers are built first (as
    ``legco-kg graph`` would, pairs by shared LC number included) in a temporary folder."""
    from rdflib import Dataset, URIRef

    from .store import current_store, rdflib_graph, stored_graphs

    inputs = list(inputs)
    store = current_store(inputs)
    if store is not None:  # the folder's store, kept by `legco-kg graph`: no TriG to parse
        dataset = Dataset()
        for iris in stored_graphs(inputs[0]).values():
            for iri in iris:
                rdflib_graph(store, iri, dataset.graph(URIRef(iri)))
        return dataset
    graph_files, papers = classify_inputs(inputs)
    dataset = Dataset()
    with tempfile.TemporaryDirectory(prefix="legco-kg-export-") as tmp:
        if papers:
            graph_files += _build_papers(papers, Path(tmp), progress)
        for number, path in enumerate(graph_files, start=1):
            if progress:
                progress(number, len(graph_files), f"reading {path.name}")
            try:
                dataset.parse(str(path), format="nquads" if path.suffix == ".nq" else "trig")
            except Exception as err:  # noqa: BLE001 (rdflib raises many unrelated types for bad syntax)
                raise UnsupportedInput(str(path), f"not readable RDF ({str(err).splitlines()[0]})") from None
    if not any(RE_PAPER_GRAPH.match(str(g.identifier)) for g in dataset.graphs() if len(g)):
        raise UnsupportedInput(" ".join(map(str, graph_files)),
                               "no paper graph <https://w3id.org/legco-kg/id/paper/{key}/graph> to export")
    return dataset


def _build_papers(papers: list[Path], out: Path, progress: Callable[[int, int, str], None] | None) -> list[Path]:
    from .build import build_corpus, read_pairs

    given = set(papers)
    pairs = [pair for folder in sorted({p.parent for p in papers}) for pair in read_pairs(folder)
             if set(pair) <= given]
    names = {p: p.stem if sum(q.stem == p.stem for q in papers) == 1 else f"{p.stem}.{p.suffix[1:].lower()}"
             for p in papers}
    report = build_corpus(papers, names, out, progress=progress, pairs=pairs)
    if report.failed:
        raise InputError(", ".join(report.failed), "could not be built into a graph")
    return sorted(out.glob("*.trig"))


# --- the property graph ------------------------------------------------------------------------


def property_graph(dataset: Any) -> Any:
    """The papers, measures, organisations, indicators and facts of ``dataset`` as a
    networkx ``MultiDiGraph``; node ids are IRIs relative to the id base."""
    return _Reader(dataset).graph()


class _Reader:
    def __init__(self, dataset: Any) -> None:
        from rdflib import RDF, RDFS, Graph, URIRef
        from rdflib.graph import ReadOnlyGraphAggregate

        from . import vocab

        self.v = vocab
        self.RDF, self.RDFS, self.URIRef = RDF, RDFS, URIRef
        self.papers = sorted(str(g.identifier) for g in dataset.graphs()
                             if len(g) and RE_PAPER_GRAPH.match(str(g.identifier)))
        graphs = [g for g in dataset.graphs() if len(g)]
        if not any(True for g in graphs for _ in g.triples((None, vocab.SKOS["notation"], None))):
            # no reference graph among the inputs: the organisations' names from the ontology
            graphs.append(Graph().parse(ONTOLOGY_DIR / "reference.ttl", format="turtle"))
        self.g = ReadOnlyGraphAggregate(graphs)  # read in place: copying the triples took longer than the rest
        self.dataset = dataset
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: set[tuple[str, str, str]] = set()
        self.edge_attrs: dict[tuple[str, str, str], dict[str, Any]] = {}

    # small helpers
    def short(self, iri: Any) -> str:
        text = str(iri)
        return text[len(self.v.BASE):] if text.startswith(self.v.BASE) else text

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        """Distinct objects in IRI/lexical order (a triple may stand in several graphs)."""
        return sorted(set(self.g.objects(subject, predicate)), key=str)

    def one(self, subject: Any, predicate: Any) -> Any:
        return min(self.g.objects(subject, predicate), default=None, key=str)

    def local(self, iri: Any) -> str | None:
        if iri is None:
            return None
        text = str(iri)
        return re.split(r"[#/]", text)[-1]

    def labels(self, node: Any) -> dict[str, str]:
        found: dict[str, str] = {}
        for predicate in (self.v.SKOS["prefLabel"], self.RDFS.label):
            for literal in sorted(self.g.objects(node, predicate), key=str):
                key = _label_key(getattr(literal, "language", None))
                found.setdefault(key, str(literal))
        return found

    def add_node(self, iri: Any, node_type: str, **attrs: Any) -> str:
        node_id = self.short(iri)
        labels = self.labels(iri)
        record = {"node_type": node_type, "iri": str(iri),
                  "label_zh": labels.get("label_zh"), "label_zh_hans": labels.get("label_zh_hans"),
                  "label_en": labels.get("label_en") or labels.get("label")}
        record.update((k, v) for k, v in attrs.items() if v is not None)
        record["label"] = record.get("label") or record["label_zh"] or record["label_en"] or node_id
        self.nodes[node_id] = {k: v for k, v in record.items() if v is not None and v != ""}
        return node_id

    def add_edge(self, source: str, target: str, relation: str, **attrs: Any) -> None:
        if source in self.nodes and target in self.nodes:
            self.edges.add((source, target, relation))
            if attrs:
                self.edge_attrs[(source, target, relation)] = {k: v for k, v in attrs.items() if v is not None}

    # the model
    def graph(self) -> Any:
        import networkx as nx

        self.read_papers()
        self.read_organisations()
        self.read_measures_and_indicators()
        self.read_facts()
        self.read_links()
        model = nx.MultiDiGraph(name="legco-kg")
        for node_id in sorted(self.nodes, key=lambda n: (NODE_TYPES.index(self.nodes[n]["node_type"]), n)):
            model.add_node(node_id, **self.nodes[node_id])
        for number, (source, target, relation) in enumerate(sorted(self.edges)):
            model.add_edge(source, target, key=f"e{number}", relation=relation,
                           **self.edge_attrs.get((source, target, relation), {}))
        return model

    def read_papers(self) -> None:
        v = self.v
        for graph_iri in self.papers:
            paper = self.URIRef(RE_PAPER_GRAPH.match(graph_iri)["paper"])  # type: ignore[index]
            titles = {_label_key(getattr(t, "language", None)): str(t) for t in
                      sorted(self.g.objects(paper, v.DCT["title"]), key=str)}
            day = self.one(paper, v.ELI["date_document"])
            self.add_node(paper, "paper", label_zh=titles.get("label_zh"), label_en=titles.get("label_en"),
                          label=titles.get("label_zh") or titles.get("label_en") or paper.split("/")[-1],
                          date=str(day) if day is not None else None,
                          identifier=_str(self.one(paper, v.DCT["identifier"])),
                          work_type=_concept(self.one(paper, v.ELI["work_type"]), "worktype-"))

    def read_organisations(self) -> None:
        """Organisations a paper names, issues or is submitted to."""
        v = self.v
        named: dict[str, set[str]] = defaultdict(set)
        paper_edges: list[tuple[str, str, str]] = []  # added once the organisation nodes exist
        for graph_iri in self.papers:
            paper = self.short(RE_PAPER_GRAPH.match(graph_iri)["paper"])  # type: ignore[index]
            graph = self.dataset.graph(self.URIRef(graph_iri))
            for target in graph.objects(None, v.ITSRDF["taIdentRef"]):
                if "/org/" in str(target):
                    named[str(target)].add(paper)
            for predicate, relation in ((v.DCT["creator"], "creator"), (v.POL["submittedTo"], "submitted_to")):
                for org in graph.objects(None, predicate):
                    named.setdefault(str(org), set())
                    paper_edges.append((paper, self.short(org), relation))
            for org in graph.objects(None, v.CV["hasCompetentAuthority"]):
                named.setdefault(str(org), set())
        for org_iri in sorted(named):
            org = self.URIRef(org_iri)
            abbreviations = sorted((str(a) for a in self.g.objects(org, v.SKOS["altLabel"])
                                    if re.fullmatch(r"[A-Z][A-Za-z&]{1,9}", str(a))), key=lambda a: (len(a), a))
            node = self.add_node(org, "organisation", org_type=_concept(self.one(org, v.ORG["classification"]), "orgtype-"),
                                 abbreviation=abbreviations[0] if abbreviations else None,
                                 in_gazetteer=self.one(org, v.SKOS["notation"]) is not None)
            for paper in sorted(named[org_iri]):
                self.add_edge(node, paper, "mentioned_in")
        for source, target, relation in paper_edges:
            self.add_edge(source, target, relation)

    def read_measures_and_indicators(self) -> None:
        v = self.v
        for indicator in sorted(set(self.g.subjects(self.RDF.type, v.POL["Indicator"])), key=str):
            self.add_node(indicator, "indicator")
        for measure in sorted(set(self.g.subjects(self.RDF.type, v.POL["PolicyMeasure"])), key=str):
            authorities = self.objects(measure, v.CV["hasCompetentAuthority"])
            responsible = LIST_SEPARATOR.join(self.labels(o).get("label_zh") or self.labels(o).get("label_en") or self.short(o)
                                    for o in authorities)
            sectors = LIST_SEPARATOR.join(sorted(_concept(s, "sector-") or "" for s in self.objects(measure, v.CV["sector"])))
            aliases = [str(a) for a in self.objects(measure, v.SKOS["altLabel"])]
            # One node per measure however many papers state it (`measure/{id}`, issue 13), with
            # an edge to each of them.
            papers = self.objects(measure, v.POL["announcedIn"])
            node = self.add_node(measure, "measure",
                                 measure_type=_concept(self.one(measure, v.POL["measureType"]), "type-"),
                                 sectors=sectors, responsible=responsible, aliases=LIST_SEPARATOR.join(aliases),
                                 papers=len(papers))
            for paper in papers:
                self.add_edge(node, self.short(paper), "announced_in")
            for org in authorities:
                self.add_edge(node, self.short(org), "competent_authority")

    def read_facts(self) -> None:
        v = self.v
        for fact in sorted(set(self.g.subjects(self.RDF.type, v.POL["Fact"])), key=str):
            match = RE_FACT.match(str(fact))
            if not match or match["kind"] not in FACT_TYPES:
                continue
            kind = match["kind"]
            evidence = self.evidence(fact)
            attrs: dict[str, Any] = {"paper": self.short(match["paper"]),
                                     "qualifier": _concept(self.one(fact, v.POL["qualifier"]), "qual-")}
            for item in evidence:
                attrs.setdefault("paragraph", item.paragraph)
                attrs[f"quote_{item.language}"] = item.quote
                attrs[f"sentence_{item.language}"] = item.sentence
                attrs[f"page_{item.language}"] = item.page
                attrs[f"pdf_page_{item.language}"] = item.pdf_page
            attrs.update(getattr(self, f"{kind}_values")(fact))
            attrs["value_text"] = value_text(kind, attrs)
            quotes = [attrs.get("quote_zh"), attrs.get("quote_en")]
            node = self.add_node(fact, kind, label=next((q for q in quotes if q), None),
                                 label_zh=attrs.get("quote_zh"), label_en=attrs.get("quote_en"), **attrs)
            self.add_edge(node, attrs["paper"], "stated_in")
            if kind == "kpi":
                self.add_edge(node, self.short(self.one(fact, v.POL["indicator"])), "indicator")

    def read_links(self) -> None:
        """Measure → fact edges, with the evidence of the link statement when there is one."""
        v = self.v
        statements: dict[tuple[str, str, str], list[Evidence]] = {}
        for link in self.g.subjects(self.RDF.type, self.RDF.Statement):
            key = (str(self.one(link, self.RDF.subject)), str(self.one(link, self.RDF.predicate)),
                   str(self.one(link, self.RDF.object)))
            statements[key] = self.evidence(link)
        for local, relation in MEASURE_LINKS.items():
            predicate = v.POL[local]
            for measure, target in self.g.subject_objects(predicate):
                attrs: dict[str, Any] = {}
                for item in statements.get((str(measure), str(predicate), str(target)), []):
                    attrs[f"quote_{item.language}"] = item.sentence or item.quote
                    attrs[f"page_{item.language}"] = item.page
                    attrs[f"pdf_page_{item.language}"] = item.pdf_page
                self.add_edge(self.short(measure), self.short(target), relation, **attrs)
        for (subject, predicate, target), found in statements.items():
            key = (self.short(subject), self.short(target), "competent_authority")
            if predicate == str(v.CV["hasCompetentAuthority"]) and key in self.edges:
                attrs = self.edge_attrs.setdefault(key, {})
                for item in found:
                    attrs[f"quote_{item.language}"] = item.sentence or item.quote
                    attrs[f"page_{item.language}"] = item.page
                    attrs[f"pdf_page_{item.language}"] = item.pdf_page

    def evidence(self, fact: Any) -> list[Evidence]:
        v = self.v
        found = []
        for span in self.objects(fact, v.POL["evidence"]):
            context = self.one(span, v.NIF["referenceContext"])
            language = str(self.one(context, v.DCT["language"]) or "")
            block = self.one(context, v.ELI["realizes"])
            part = self.one(block, v.ELI["is_part_of"]) if block is not None else None
            page, pdf_page = self.page_of(span, context)
            sentence = self.one(span, v.NIF["sentence"])
            found.append(Evidence("en" if language.startswith("en") else "zh", _str(self.one(span, v.NIF["anchorOf"])) or "",
                                  _str(self.one(sentence, v.NIF["anchorOf"])) if sentence is not None else "",
                                  str(part).rsplit("/", 1)[-1] if part is not None else "",
                                  page, pdf_page))
        return sorted(found, key=lambda e: e.language != "zh")

    def page_of(self, span: Any, context: Any) -> tuple[int | str | None, int | None]:
        """(page as cited, PDF page) of an evidence span; graphs written before spans carried
        their page have it on the block only, as a PDF position: its first page, then."""
        v = self.v
        pdf_page = _int(self.one(span, v.POL["pdfPage"]))
        if pdf_page is not None:
            return _page(self.one(span, v.POL["page"])), pdf_page
        pages = sorted(int(p) for p in self.objects(context, v.POL["page"]) if str(p).isdigit())
        return (pages[0], pages[0]) if pages else (None, None)

    # value attributes per fact kind (numbers as numbers, dates as ISO strings)
    def amount_values(self, fact: Any) -> dict[str, Any]:
        s = self.v.SCHEMA
        return {"currency": _str(self.one(fact, s["currency"])), "amount": _int(self.one(fact, s["value"])),
                "amount_min": _int(self.one(fact, s["minValue"])), "amount_max": _int(self.one(fact, s["maxValue"])),
                "role": _concept(self.one(fact, self.v.POL["amountRole"]), "role-")}

    def quantity_values(self, fact: Any) -> dict[str, Any]:
        s = self.v.SCHEMA
        return {"value": _float(self.one(fact, s["value"])), "value_min": _float(self.one(fact, s["minValue"])),
                "value_max": _float(self.one(fact, s["maxValue"])), "unit": self.local(self.one(fact, s["unitCode"])),
                "count_of": _str(self.one(fact, self.v.POL["countOf"]))}

    def date_values(self, fact: Any) -> dict[str, Any]:
        t = self.v.TIME
        begin, end = self.one(fact, t["hasBeginning"]), self.one(fact, t["hasEnd"])
        named = self.one(fact, t["intervalEquals"])
        anchor = self.one(fact, self.v.POL["anchoredTo"])
        return {"begin": _str(self.one(begin, t["inXSDDate"])) if begin is not None else None,
                "end": _str(self.one(end, t["inXSDDate"])) if end is not None else None,
                "edtf": _str(self.one(fact, self.v.POL["edtf"])),
                "period": self.short(named).removeprefix("time/") if named is not None else None,
                "vagueness": _concept(self.one(fact, self.v.POL["vagueness"]), "vague-"),
                "anchored_to": _str(self.one(anchor, t["inXSDDate"])) if anchor is not None else None}

    def duration_values(self, fact: Any) -> dict[str, Any]:
        s, t = self.v.SCHEMA, self.v.TIME
        return {"value": _float(self.one(fact, t["numericDuration"])), "value_min": _float(self.one(fact, s["minValue"])),
                "value_max": _float(self.one(fact, s["maxValue"])),
                "unit": (self.local(self.one(fact, t["unitType"])) or "").removeprefix("unit").lower() or None,
                "xsd_duration": _str(self.one(fact, t["hasXSDDuration"]))}

    def ratio_values(self, fact: Any) -> dict[str, Any]:
        v = self.v
        terms = sorted(self.objects(fact, v.POL["hasTerm"]), key=lambda t: int(self.one(t, v.POL["position"]) or 0))
        shares = {}
        written = []
        for term in terms:
            party = _concept(self.one(term, v.POL["party"]), "party-")
            share = _float(self.one(term, v.POL["share"]))
            shares.setdefault(f"{party}_share", share)
            written.append(f"{_number_text(share)} ({_str(self.one(term, self.RDFS.label)) or party})")
        return {"terms": " : ".join(written), "basis": _concept(self.one(fact, v.POL["ratioBasis"]), "basis-"), **shares}

    def kpi_values(self, fact: Any) -> dict[str, Any]:
        v = self.v
        year = self.one(fact, v.SDMX_DIMENSION["refPeriod"])
        indicator = self.one(fact, v.POL["indicator"])
        return {"value": _float(self.one(fact, v.SDMX_MEASURE["obsValue"])),
                "role": _concept(self.one(fact, v.POL["observationRole"]), "obs-"),
                "year": int(str(year).rsplit("/", 1)[-1]) if year is not None and str(year)[-4:].isdigit() else None,
                "unit": self.local(self.one(fact, v.SDMX_ATTRIBUTE["unitMeasure"])),
                "indicator": self.labels(indicator).get("label_zh") or self.labels(indicator).get("label_en")
                if indicator is not None else None}


def _label_key(language: str | None) -> str:
    tag = (language or "").lower()
    if tag in ("zh-hans", "zh-cn"):
        return "label_zh_hans"
    if tag.startswith("zh"):
        return "label_zh"
    if tag.startswith("en"):
        return "label_en"
    return "label"


def _str(term: Any) -> str | None:
    return None if term is None else str(term)


def _page(term: Any) -> int | str | None:
    """A page label as written in the graph: a number, or the printed text (`iii`, `(3)`)."""
    if term is None:
        return None
    return int(term) if str(term).isdigit() else str(term)


def _int(term: Any) -> int | None:
    return None if term is None else int(str(term).split(".")[0])


def _float(term: Any) -> float | None:
    return None if term is None else float(str(term))


def _concept(term: Any, prefix: str) -> str | None:
    return None if term is None else str(term).rsplit("/", 1)[-1].removeprefix(prefix)


def _number_text(number: float | int | None) -> str:
    if number is None:
        return "?"
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.6g}" if abs(number) >= 1 else f"{number:g}"


#: QUDT / minted unit local names → how a reader writes them.
UNIT_TEXT = {"NUM": "", "PERCENT": "%", "HA": "ha", "M2": "m²", "KiloM": "km", "KiloM2": "km²", "FT2": "sq ft",
             "TONNE": "t", "MegaW": "MW", "KiloW": "kW", "PetaFLOPS": "petaFLOPS"}


def value_text(kind: str, attrs: dict[str, Any]) -> str:
    """A fact's normalised value as one short line: ``HKD 10,000,000,000``,
    ``≥ 2,500 person``, ``2025-01-01 – 2025-03-31``, ``1 (政府) : 2 (機構)``."""
    qualifier = {"approx": "≈ ", "at-least": "≥ ", "at-most": "≤ "}.get(attrs.get("qualifier") or "", "")
    if kind in ("amount", "quantity", "duration", "kpi"):
        exact, low, high = ((attrs.get("amount"), attrs.get("amount_min"), attrs.get("amount_max")) if kind == "amount"
                            else (attrs.get("value"), attrs.get("value_min"), attrs.get("value_max")))
        if exact is not None:
            number = qualifier + _number_text(exact)
        elif low is not None and high is not None:
            number = f"{_number_text(low)} – {_number_text(high)}"
        elif low is not None:
            number = f"≥ {_number_text(low)}"
        else:
            number = f"≤ {_number_text(high)}"
        unit = attrs.get("count_of") or UNIT_TEXT.get(attrs.get("unit") or "", attrs.get("unit") or "")
        if kind == "amount" or unit.startswith("CCY_"):
            text = f"{attrs.get('currency') or unit.removeprefix('CCY_')} {number}"
        else:
            text = f"{number}{unit}" if unit == "%" else f"{number} {unit}".strip()
        if kind == "kpi":
            text += f" ({attrs.get('role', '')}{', ' + str(attrs['year']) if attrs.get('year') else ''})"
        return text
    if kind == "date":
        begin, end = attrs.get("begin"), attrs.get("end")
        if attrs.get("period"):
            return str(attrs["period"])
        if begin == end:
            return begin or ""
        return f"{begin or '…'} – {end or '…'}"
    if kind == "ratio":
        return str(attrs.get("terms", ""))
    return ""


# --- layout ------------------------------------------------------------------------------------

#: Diameters (drawing units) of nodes in the layout and viewer.
NODE_SIZE = {"paper": 40.0, "organisation": 22.0, "measure": 18.0, "indicator": 14.0}
FACT_SIZE = 9.0
GAP = 6.0


def layout(model: Any) -> dict[str, tuple[float, float]]:
    """Deterministic positions: organisations in the middle; around them one cluster per
    paper, its measures (each ringed by its facts) on rings round the paper, then the facts
    no measure claims. Linear in the number of nodes, unlike force layouts."""
    clusters: dict[str, list[tuple[str, list[str]]]] = {p: [] for p, d in model.nodes(data=True)
                                                         if d["node_type"] == "paper"}
    placed: set[str] = set(clusters)
    home = _home_papers(model)
    for node, data in model.nodes(data=True):  # measures and indicators, with their facts around them
        if data["node_type"] in ("measure", "indicator") and home.get(node) in clusters:
            children = sorted(t for _, t in model.out_edges(node) if model.nodes[t]["node_type"] in FACT_TYPES
                              and t not in placed) if data["node_type"] == "measure" else \
                sorted(s for s, _ in model.in_edges(node) if s not in placed)
            placed.update(children)
            placed.add(node)
            clusters[home[node]].append((node, children))
    for node, data in model.nodes(data=True):
        if node not in placed and data["node_type"] in FACT_TYPES and home.get(node) in clusters:
            clusters[home[node]].append((node, []))
            placed.add(node)
    positions: dict[str, tuple[float, float]] = {}
    organisations = [n for n, d in model.nodes(data=True) if d["node_type"] == "organisation"]
    centre_radius = _rings([(n, []) for n in organisations], model, 0.0, 0.0, positions, first_ring=0.0)
    relative: dict[str, dict[str, tuple[float, float]]] = {}
    radii: dict[str, float] = {}
    for paper, items in clusters.items():
        relative[paper] = {paper: (0.0, 0.0)}
        radii[paper] = _rings(items, model, 0.0, 0.0, relative[paper], first_ring=NODE_SIZE["paper"])
    diameters = [2 * radii[p] + 4 * GAP for p in clusters]
    ring = max(sum(diameters) / (2 * math.pi), centre_radius + max(radii.values(), default=0) + 8 * GAP)
    angle = 0.0
    for paper, diameter in zip(clusters, diameters):
        angle += diameter / ring / 2
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        for node, (x, y) in relative[paper].items():
            positions[node] = (x + cx, y + cy)
        angle += diameter / ring / 2
    leftover = [n for n in model.nodes if n not in positions]  # facts of papers not in the export
    _rings([(n, []) for n in leftover], model, 0.0, 0.0, positions, first_ring=ring * 2 + 100)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


def _home_papers(model: Any) -> dict[str, str]:
    """The paper each node is drawn with: its own, the one that states it, or announces it."""
    home: dict[str, str] = {}
    for source, target, data in sorted(model.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        if data["relation"] in ("stated_in", "announced_in"):
            home.setdefault(source, target)
    for source, target, data in model.edges(data=True):
        if data["relation"] == "indicator" and target not in home and source in home:
            home[target] = home[source]
    for node in sorted(model.nodes):  # an indicator: the paper of its first observation
        if model.nodes[node]["node_type"] == "indicator":
            sources = sorted(s for s, _ in model.in_edges(node) if s in home)
            if sources:
                home[node] = home[sources[0]]
    return home


def _size(model: Any, node: str) -> float:
    return NODE_SIZE.get(model.nodes[node]["node_type"], FACT_SIZE)


def _rings(items: list[tuple[str, list[str]]], model: Any, cx: float, cy: float,
           positions: dict[str, tuple[float, float]], first_ring: float) -> float:
    """Put each (node, satellites) item on concentric rings round (cx, cy), the node in the
    middle of its satellites; returns the outer radius used."""
    slots = []
    for node, children in items:
        child_ring = (max(len(children) * (FACT_SIZE + 2), 2 * math.pi * (_size(model, node) + FACT_SIZE))
                      / (2 * math.pi)) if children else 0.0
        slots.append((node, children, child_ring, 2 * (child_ring + (FACT_SIZE if children else _size(model, node) / 2))
                      + GAP))
    inner, index, outer = first_ring, 0, first_ring
    while index < len(slots):
        centre = 0.0 if inner == 0 else inner + slots[index][3] / 2  # the very first item: the middle
        row, used = [slots[index]], slots[index][3]
        index += 1
        while centre and index < len(slots) and used + slots[index][3] <= 2 * math.pi * centre:
            row.append(slots[index])
            used += slots[index][3]
            index += 1
        widest = max(slot for *_, slot in row)
        if centre:
            centre = max(centre, inner + widest / 2)
        angle = 0.0
        for node, children, child_ring, slot in row:
            angle += math.pi * slot / used
            x, y = cx + centre * math.cos(angle), cy + centre * math.sin(angle)
            positions[node] = (x, y)
            for number, child in enumerate(children):
                turn = 2 * math.pi * number / len(children)
                positions[child] = (x + child_ring * math.cos(turn), y + child_ring * math.sin(turn))
            angle += math.pi * slot / used
        outer = centre + widest / 2
        inner = outer + GAP
    return outer


# --- writers -----------------------------------------------------------------------------------

#: Node colours (viewer, GEXF viz), one per node type.
COLOURS = {"paper": "#37474f", "organisation": "#6a1b9a", "measure": "#1565c0", "indicator": "#00838f",
           "amount": "#ef6c00", "quantity": "#2e7d32", "date": "#c62828", "duration": "#ad1457",
           "ratio": "#f9a825", "kpi": "#4e342e"}


def _with_positions(model: Any) -> Any:
    positions = layout(model)
    placed = model.copy()
    for node, (x, y) in positions.items():
        placed.nodes[node]["x"], placed.nodes[node]["y"] = x, y
    return placed


def to_graphml(model: Any) -> str:
    """GraphML for yEd, Gephi and Cytoscape: typed keys (long, double, boolean, string)."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(_with_positions(model), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def to_gexf(model: Any) -> str:
    """GEXF 1.2 for Gephi: typed attributes, and positions, colours and sizes (viz)."""
    import networkx as nx

    placed = _with_positions(model)
    for node, data in placed.nodes(data=True):
        red, green, blue = (int(COLOURS[data["node_type"]][i:i + 2], 16) for i in (1, 3, 5))
        data["viz"] = {"position": {"x": data.pop("x"), "y": data.pop("y"), "z": 0.0},
                       "color": {"r": red, "g": green, "b": blue, "a": 1.0}, "size": _size(placed, node) / 2}
    for _, _, data in placed.edges(data=True):
        data["label"] = data["relation"]
    buffer = io.BytesIO()
    nx.write_gexf(placed, buffer, encoding="utf-8", prettyprint=True)
    # networkx stamps the day of writing; the same graph must give the same bytes
    return re.sub(r' lastmodifieddate="[^"]*"', "", buffer.getvalue().decode("utf-8"), count=1)


def to_cytoscape(model: Any) -> str:
    """Cytoscape.js elements JSON (also read by Cytoscape desktop), with positions."""
    positions = layout(model)
    nodes = [{"data": {"id": node, "name": data["label"], **data},
              "position": {"x": positions[node][0], "y": positions[node][1]}}
             for node, data in model.nodes(data=True)]
    edges = [{"data": {"id": key, "source": source, "target": target, "interaction": data["relation"], **data}}
             for source, target, key, data in model.edges(keys=True, data=True)]
    document = {"format_version": "1.0", "generated_by": "legco-kg", "target_cytoscapejs_version": "~3",
                "data": {"name": "legco-kg"}, "elements": {"nodes": nodes, "edges": edges}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


NEO4J_LABELS = {"paper": "Paper", "organisation": "Organisation", "measure": "Measure", "indicator": "Indicator"}
DATE_ATTRIBUTES = {"date", "begin", "end", "anchored_to"}
#: ``neo4j-admin database import``'s default array delimiter (``--array-delimiter``).
NEO4J_ARRAY_DELIMITER = ";"


def to_neo4j(model: Any) -> dict[str, str]:
    """CSV files for ``neo4j-admin database import full``: one nodes file per node type
    (``id:ID``, ``:LABEL``, typed columns) and one relationships file, plus ``import.sh``."""
    files: dict[str, str] = {}
    for node_type in NODE_TYPES:
        rows = [(node, data) for node, data in model.nodes(data=True) if data["node_type"] == node_type]
        if not rows:
            continue
        columns = sorted({k for _, data in rows for k in data} - {"node_type"})
        header = ["id:ID", ":LABEL"] + [f"{c}:{_neo4j_type(c, [d.get(c) for _, d in rows])}" for c in columns]
        label = NEO4J_LABELS.get(node_type) or f"Fact;{node_type.capitalize()}"
        files[f"nodes-{node_type}.csv"] = _csv([header] + [[node, label] + [_neo4j_value(d.get(c), c) for c in columns]
                                                           for node, d in rows])
    edges = list(model.edges(data=True))
    columns = sorted({k for _, _, data in edges for k in data} - {"relation"})
    header = [":START_ID", ":END_ID", ":TYPE"] + [f"{c}:{_neo4j_type(c, [d.get(c) for *_, d in edges])}" for c in columns]
    files["relationships.csv"] = _csv([header] + [[s, t, d["relation"].upper()] + [_neo4j_value(d.get(c)) for c in columns]
                                                  for s, t, d in edges])
    arguments = " ".join(f"--nodes={name}" for name in files if name.startswith("nodes-"))
    files["import.sh"] = ("#!/bin/sh\n# Import into an empty Neo4j 5 database (stop the database first).\n"
                          "cd \"$(dirname \"$0\")\"\n"
                          f"neo4j-admin database import full --multiline-fields=true "
                          f"--array-delimiter='{NEO4J_ARRAY_DELIMITER}' {arguments} "
                          "--relationships=relationships.csv \"${1:-neo4j}\"\n")
    return files


def _neo4j_type(column: str, values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if column in DATE_ATTRIBUTES:
        return "date"
    if column in LIST_ATTRIBUTES:
        return "string[]"
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


def _neo4j_value(value: Any, column: str = "") -> str:
    if value is None:
        return ""
    if column in LIST_ATTRIBUTES:  # an array: each item once, none empty, in the tool's delimiter
        items = dict.fromkeys(item.strip() for item in str(value).split(LIST_SEPARATOR))
        return NEO4J_ARRAY_DELIMITER.join(item for item in items if item)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def jsonld_context() -> dict[str, Any]:
    """The published ``@context`` (``ontology/context.jsonld``): the graph's prefixes, and
    the id base so that node ids read ``paper/…``, ``measure/…``."""
    from rdflib.namespace import OWL, RDF, RDFS, XSD

    from .vocab import BASE, PREFIXES

    context: dict[str, Any] = {"@base": BASE}
    namespaces = {**{k: str(v) for k, v in PREFIXES.items()},
                  "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL)}
    context.update(sorted(namespaces.items()))
    return {"@context": context}


def to_jsonld(dataset: Any) -> str:
    """JSON-LD 1.1 of every named graph of ``dataset``, compacted with the published context
    (inlined, so that it loads offline): node objects sorted by id, properties by name."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, XSD

    context = jsonld_context()["@context"]
    base = context["@base"]
    namespaces = sorted(((v, k) for k, v in context.items() if not k.startswith("@")), key=lambda kv: -len(kv[0]))

    def compact(iri: str, relative: bool) -> str:
        if relative and iri.startswith(base) and ":" not in iri[len(base):].split("/", 1)[0]:
            return iri[len(base):]
        for namespace, prefix in namespaces:
            if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def value(term: Any) -> Any:
        if isinstance(term, URIRef):
            return {"@id": compact(str(term), True)}
        if not isinstance(term, Literal):
            raise ExportError(str(term), "a blank node; the graphs have none, so this is not a legco-kg graph")
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is None or term.datatype == XSD.string:
            return str(term)
        return {"@value": str(term), "@type": compact(str(term.datatype), False)}

    graphs = []
    for graph in sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier)):
        nodes: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for subject, predicate, obj in graph:
            if not isinstance(subject, URIRef):
                raise ExportError(str(subject), "a blank node; the graphs have none, so this is not a legco-kg graph")
            node = nodes[compact(str(subject), True)]
            if predicate == RDF.type and isinstance(obj, URIRef):
                node["@type"].append(compact(str(obj), False))
            else:
                node[compact(str(predicate), False)].append(value(obj))
        objects = []
        for node_id in sorted(nodes):
            body: dict[str, Any] = {"@id": node_id}
            for key in sorted(nodes[node_id], key=lambda k: (k != "@type", k)):
                values = sorted(nodes[node_id][key], key=lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True))
                body[key] = values[0] if len(values) == 1 else values
            objects.append(body)
        name = str(graph.identifier)
        graphs.append({"@id": compact(name, True), "@graph": objects})
    document = {"@context": context, "@graph": graphs}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_html(model: Any, title: str = "legco-kg") -> str:
    """One self-contained HTML file: the viewer's HTML, CSS and JavaScript (shipped in
    ``extractor/data/``, no library, nothing fetched) with the graph and its layout inlined."""
    positions = layout(model)
    index = {node: number for number, node in enumerate(model.nodes)}
    counts = defaultdict(int)
    for _, data in model.nodes(data=True):
        counts[data["node_type"]] += 1
    payload = {
        "title": title,
        "labelZoom": 0.8,
        "types": [{"type": t, "colour": COLOURS[t], "size": NODE_SIZE.get(t, FACT_SIZE), "count": counts[t]}
                  for t in NODE_TYPES if counts[t]],
        "nodes": [{"id": node, "t": data["node_type"], "l": data["label"], "x": positions[node][0], "y": positions[node][1],
                   "a": {k: v for k, v in data.items() if k not in ("node_type", "label")}}
                  for node, data in model.nodes(data=True)],
        "edges": [[index[s], index[t], data["relation"]] + ([attrs] if (attrs := {k: v for k, v in data.items()
                                                                                   if k != "relation"}) else [])
                  for s, t, data in model.edges(data=True)],
        "timelines": _timelines(model),
    }
    # "</" inside a script element would end it early
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    page = (VIEWER_DIR / "viewer.html").read_text("utf-8")
    for marker, content in (("/*LEGCO_KG_CSS*/", (VIEWER_DIR / "viewer.css").read_text("utf-8")),
                            ("/*LEGCO_KG_JS*/", (VIEWER_DIR / "viewer.js").read_text("utf-8")),
                            ("/*LEGCO_KG_TITLE*/", _html_escape(title)),
                            ("/*LEGCO_KG_DATA*/", text)):
        page = page.replace(marker, content, 1)
    return page


def _timelines(model: Any) -> list[dict[str, Any]]:
    """Measures stated in several papers, with their revisions, for the viewer's side panel."""
    from .track import model_timelines

    return model_timelines(model)


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the command -------------------------------------------------------------------------------

WRITERS: dict[str, Callable[..., Any]] = {"graphml": to_graphml, "gexf": to_gexf, "cytoscape": to_cytoscape,
                                          "neo4j": to_neo4j, "html": to_html}


NEO4J_FOLDER = "a previous neo4j export"


def format_of_output(output: str | Path | None) -> str:
    """The format named by the extension of ``-o`` (``.graphml``, ``.gexf``, ``.cyjs``,
    ``.jsonld``, ``.html``), for a command given no ``--format``."""
    from .files import STDOUT

    known = ", ".join(f"{extension} ({fmt})" for fmt, extension in EXTENSIONS.items())
    if output is None or (isinstance(output, str) and output == STDOUT):
        raise ExportError("--format", f"standard output has no extension to tell the format; give --format "
                                      f"{'|'.join(FORMATS)}|{ALL}, or -o FILE ending in one of {known}")
    suffix = Path(output).suffix.lower()
    for fmt, extension in EXTENSIONS.items():
        if suffix == extension:
            return fmt
    raise ExportError(str(output), f"the extension {suffix or '(none)'!r} names no export format; known extensions: "
                                   f"{known}; neo4j writes a folder (--format neo4j -o DIR), --format all every "
                                   "format into a folder")


def export(inputs: Iterable[str], fmt: str | None, output: str | Path | None, title: str | None = None,
           progress: Callable[[int, int, str], None] | None = None) -> str:
    """Write ``inputs`` in format ``fmt`` to ``output`` (a file; standard output when None
    or ``"-"``; a folder for neo4j and for ``all``) and return a one-line summary. Without
    ``fmt``, the extension of ``output`` names it. Nothing is written unless all of it can
    be; the output paths are checked before the work (see ``extractor.files``)."""
    from .files import STDOUT, check_output, owned_files, write_output

    if fmt is None:
        fmt = format_of_output(output)
    if fmt == ALL:
        return export_all(inputs, output, title, progress)
    if fmt not in FORMATS:
        raise ExportError(fmt, f"unknown export format; expected one of {', '.join(FORMATS)} or {ALL}")
    if fmt == "neo4j":
        if output is None or (isinstance(output, str) and output == STDOUT):
            raise ExportError("-o -" if output else "--format neo4j",
                              "neo4j writes several CSV files, not one stream; give the folder to write them to "
                              "with -o DIR")
        owned_files(output, NEO4J_FOLDER)
    else:
        check_output(output)
    dataset = load_dataset(inputs, progress)
    if progress:
        progress(1, 1, f"writing {fmt} to {'standard output' if output in (None, STDOUT) else output}")
    if fmt == "jsonld":
        text = to_jsonld(dataset)
        summary = _jsonld_summary(dataset)
    else:
        model = property_graph(dataset)
        summary = f"{model.number_of_nodes()} nodes, {model.number_of_edges()} edges"
        if fmt == "neo4j":
            assert output is not None
            _write_folder(Path(output), to_neo4j(model))
            return f"{summary} written to {output}/ (run {output}/import.sh)"
        text = _render(fmt, model, title)
    write_output(output, text)
    return summary if output is None or output == STDOUT else f"{summary} written to {output}"


def export_all(inputs: Iterable[str], folder: str | Path | None, title: str | None = None,
               progress: Callable[[int, int, str], None] | None = None) -> str:
    """Every format into ``folder``: ``legco-kg.html``, ``.graphml``, ``.gexf``, ``.cyjs``,
    ``.jsonld`` and the folder ``neo4j/``, from one reading of the graphs (reading is most
    of an export's time). Every output is checked before anything is read."""
    from .files import STDOUT, check_folder, check_output, owned_files, write_output

    if folder is None or (isinstance(folder, str) and folder == STDOUT):
        raise ExportError("-o -" if folder else "--format all",
                          "all writes one file per format, not one stream; give the folder to write them to with -o DIR")
    check_folder(folder)
    files = {fmt: Path(folder) / f"{ALL_STEM}{extension}" for fmt, extension in EXTENSIONS.items()}
    for path in files.values():
        check_output(path)
    owned_files(Path(folder) / NEO4J_SUBFOLDER, NEO4J_FOLDER)
    dataset = load_dataset(inputs, progress)
    model = property_graph(dataset)
    steps = len(files) + 1
    for number, (fmt, path) in enumerate(files.items(), start=1):
        if progress:
            progress(number, steps, f"writing {path}")
        write_output(path, to_jsonld(dataset) if fmt == "jsonld" else _render(fmt, model, title))
    if progress:
        progress(steps, steps, f"writing {Path(folder) / NEO4J_SUBFOLDER}/")
    _write_folder(Path(folder) / NEO4J_SUBFOLDER, to_neo4j(model))
    return (f"{model.number_of_nodes()} nodes, {model.number_of_edges()} edges, {_jsonld_summary(dataset)} "
            f"written to {folder}/ in {steps} formats")


def _render(fmt: str, model: Any, title: str | None) -> str:
    """The text of a one-file property-graph format."""
    if fmt == "html":
        papers = sum(1 for _, d in model.nodes(data=True) if d["node_type"] == "paper")
        return to_html(model, title or f"legco-kg — {papers} paper{'s' if papers != 1 else ''}")
    return WRITERS[fmt](model)


def _jsonld_summary(dataset: Any) -> str:
    return f"{sum(len(g) for g in dataset.graphs())} triples in {sum(1 for g in dataset.graphs() if len(g))} graphs"


def _write_folder(folder: Path, files: dict[str, str]) -> None:
    """Write the files into ``folder`` all at once (a new folder beside it, swapped in),
    with the marker that makes it legco-kg's. An existing folder is replaced only when it
    holds that marker and nothing but the files it lists: never a folder of the user's own
    ``.csv`` and ``.sh`` files."""
    from .files import OutputError, write_folder

    try:
        write_folder(folder, files, NEO4J_FOLDER, executable=["import.sh"])
    except OutputError as err:
        raise ExportError(err.path, err.problem) from None
