"""Validate paper graphs against the SHACL shapes of ``ontology/shapes.ttl``.

Each named graph ``<paper/{key}/graph>`` of a TriG file is checked on its own, as ONE
rdflib ``Graph``: the paper graph ∪ ``reference.ttl`` ∪ ``policy.ttl``, with
``policy.ttl`` as the ontology graph, RDFS inference and SHACL Advanced Features.
pySHACL's handling of named graphs has changed between releases, and a paper graph alone
lacks the organisations and fiscal years it points to, so we merge and never hand it a
Dataset. A paper with no Violation conforms; Warnings are reported but do not fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MissingInput, UnsupportedInput

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_FILES = ("policy.ttl", "reference.ttl", "shapes.ttl")
RE_PAPER_GRAPH = re.compile(r"^https://w3id\.org/legco-kg/id/paper/[a-z0-9-]+/graph$")
SEVERITIES = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, with terms shortened for reading (``polsh:Span``)."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str  # the shape that produced it (sh:sourceShape), e.g. polsh:Span
    component: str  # e.g. sh:MinCountConstraintComponent


@dataclass(frozen=True, slots=True)
class PaperReport:
    file: str
    graph: str
    triples: int
    results: tuple[Result, ...] = field(default=())

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


@dataclass(frozen=True, slots=True)
class Ontology:
    """The three ontology graphs, parsed once per run, and the RDFS closure of policy ∪
    reference, computed once: each paper is validated as closure ∪ paper, on which pySHACL's
    RDFS inference gives the closure of policy ∪ reference ∪ paper (a closure is the same
    however much of it is computed first), adding only what the paper's triples entail."""

    policy: Any  # rdflib.Graph
    reference: Any
    shapes: Any
    closure: Any = None

    @classmethod
    def load(cls, directory: Path = ONTOLOGY_DIR) -> Ontology:
        from rdflib import Graph

        graphs = []
        for name in ONTOLOGY_FILES:
            path = directory / name
            if not path.is_file():
                raise MissingInput(str(path), f"no such file; expected {', '.join(ONTOLOGY_FILES)} in the ontology folder")
            try:
                graphs.append(Graph().parse(path, format="turtle"))
            except Exception as err:  # noqa: BLE001 (rdflib raises many unrelated types for bad syntax)
                raise UnsupportedInput(str(path), f"not valid Turtle ({_first_line(err)})") from None
        return cls(*graphs, closure=rdfs_closure(graphs[0], graphs[1]))


def rdfs_closure(*graphs: Any) -> Any:
    """The union of ``graphs`` closed under RDFS, as pySHACL's ``inference="rdfs"`` closes it."""
    import owlrl
    from pyshacl.inference import CustomRDFSSemantics
    from rdflib import Graph

    closure = Graph()
    for graph in graphs:
        for triple in graph:
            closure.add(triple)
    owlrl.DeductiveClosure(CustomRDFSSemantics).expand(closure)
    return closure


def trig_files(inputs: Iterable[str]) -> list[tuple[Path, bool]]:
    """(file, given by name) pairs: files as given; a folder stands for the ``.trig``
    files inside it, of which those without a paper graph (``reference.trig``) are skipped."""
    files: list[tuple[Path, bool]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".trig" and not p.name.startswith("."))
            if not found:
                raise MissingInput(str(path), "no .trig files in this folder")
            files.extend((p, False) for p in found)
        elif not path.exists():
            raise MissingInput(str(path), "no such file")
        else:
            files.append((path, True))
    return files


def paper_graphs(path: Path, required: bool = True) -> list[Any]:
    """The paper graphs (``<paper/{key}/graph>``) of one TriG file, in IRI order; a file
    without any is bad input when ``required``."""
    from rdflib import Dataset

    dataset = Dataset()
    try:
        dataset.parse(path, format="trig")
    except Exception as err:  # noqa: BLE001 (rdflib raises many unrelated types for bad syntax)
        raise UnsupportedInput(str(path), f"not TriG ({_first_line(err)})") from None
    graphs = sorted((g for g in dataset.graphs() if RE_PAPER_GRAPH.match(str(g.identifier)) and len(g)),
                    key=lambda g: str(g.identifier))
    if not graphs and required:
        raise UnsupportedInput(str(path), "no paper graph <https://w3id.org/legco-kg/id/paper/{key}/graph> in it")
    return graphs


def checked_files(inputs: Iterable[str]) -> list[tuple[Path, bool]]:
    """The TriG files of the inputs (as ``trig_files``), each read once quickly (Oxigraph's
    parser, nothing kept) to find bad input before anything is validated: a file that is not
    TriG or has no paper graph is named as rdflib names it. The papers are then loaded and
    validated one file at a time (``paper_graphs``)."""
    import pyoxigraph as ox

    inputs = list(inputs)
    files = trig_files(inputs)
    any_paper = False
    for path, required in files:
        try:
            has_paper = any(isinstance(q.graph_name, ox.NamedNode) and RE_PAPER_GRAPH.match(q.graph_name.value)
                            for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        except (SyntaxError, ValueError, OSError):
            has_paper = bool(paper_graphs(path, required))  # rdflib names the problem (or reads it after all)
        if not has_paper and required:
            raise UnsupportedInput(str(path), "no paper graph <https://w3id.org/legco-kg/id/paper/{key}/graph> in it")
        any_paper |= has_paper
    if not any_paper:
        raise UnsupportedInput(" ".join(inputs), "no paper graph <https://w3id.org/legco-kg/id/paper/{key}/graph> "
                                                 "in any .trig file")
    return files


def paper_sources(inputs: Iterable[str]) -> list[tuple[Path, Callable[[], list[Any]]]]:
    """(file, a reader of its paper graphs) for every input, checked for bad input first:
    the folder's current store (kept by `legco-kg graph`) when there is one, else the TriG
    files. Nothing is loaded yet, so papers can be validated one at a time."""
    from .store import current_store, rdflib_graph, stored_graphs

    inputs = list(inputs)
    store = current_store(inputs)
    if store is None:
        return [(path, lambda path=path, required=required: paper_graphs(path, required))
                for path, required in checked_files(inputs)]
    stored = sorted(stored_graphs(inputs[0]).items())
    if not any(RE_PAPER_GRAPH.match(iri) for _, iris in stored for iri in iris):
        raise UnsupportedInput(" ".join(inputs), "no paper graph <https://w3id.org/legco-kg/id/paper/{key}/graph> "
                                                 "in the store")
    return [(Path(inputs[0]) / name,
             lambda iris=iris: [rdflib_graph(store, iri) for iri in sorted(iris) if RE_PAPER_GRAPH.match(iri)])
            for name, iris in stored]


def merged(paper: Any, ontology: Ontology) -> Any:
    """The one graph a paper is validated as: paper ∪ reference ∪ policy."""
    from rdflib import Graph

    data = Graph()
    sources = (ontology.closure, paper) if ontology.closure is not None else (ontology.policy, ontology.reference, paper)
    for source in sources:
        for triple in source:
            data.add(triple)
    return data


def check(data: Any, ontology: Ontology) -> list[Result]:
    """Run the shapes on a merged graph (which RDFS inference extends in place)."""
    from pyshacl import validate

    with _parsed_once():
        _conforms, report, _text = validate(
            data, shacl_graph=ontology.shapes, ont_graph=ontology.policy, inference="rdfs",
            advanced=True, allow_warnings=True, inplace=True,
        )
    if not hasattr(report, "subjects"):  # pySHACL returns its exception for a shape it cannot run
        raise RuntimeError(f"the shapes could not be run: {report}")
    return _results(report, ontology.shapes)


_PARSED: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Any] = {}


@contextmanager
def _parsed_once() -> Iterator[None]:
    """pySHACL hands rdflib every SPARQL target and constraint as text, and rdflib parses
    it again on every call (about half the time of a paper's validation). While pySHACL
    runs, keep each parsed and translated query, as rdflib's ``prepareQuery`` intends."""
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # type: ignore[no-untyped-def]
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items())))
            if key not in _PARSED:
                _PARSED[key] = processor.prepareQuery(strOrQuery, initNs=initNs, base=base)
            strOrQuery = _PARSED[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def validate_graph(paper: Any, ontology: Ontology, file: str = "") -> PaperReport:
    """Validate one paper graph merged with the reference and policy graphs."""
    return PaperReport(file, str(paper.identifier), len(paper), tuple(check(merged(paper, ontology), ontology)))


def iter_reports(inputs: Iterable[str], ontology_dir: Path = ONTOLOGY_DIR,
                 progress: Callable[[int, int, str], None] | None = None) -> Iterator[PaperReport]:
    """A report for every paper graph of the given TriG files or folders (bad input raises
    ``InputError`` before anything is validated), one at a time: each file is loaded, its
    papers validated and dropped before the next file is read, so memory does not grow with
    the number of papers;
    ``progress`` hears of each step (total 0: a step that is not counted)."""
    sources = paper_sources(inputs)
    if progress:
        progress(0, 0, "reading the ontology and its shapes")
    ontology = Ontology.load(ontology_dir)
    for number, (path, read) in enumerate(sources, start=1):
        if progress:
            progress(number, len(sources), f"reading {path}")
        for graph in read():
            if progress:
                name = str(graph.identifier).removeprefix("https://w3id.org/legco-kg/id/")
                progress(number, len(sources), f"validating <{name}> of {path}")
            yield validate_graph(graph, ontology, str(path))


def _results(report: Any, shapes: Any) -> list[Result]:
    from rdflib import RDF, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    names = _Names()
    out = []
    for node in report.subjects(RDF.type, sh.ValidationResult):
        get = {prop: report.value(node, sh[prop]) for prop in (
            "resultPath", "value", "resultSeverity", "focusNode", "resultMessage", "sourceShape",
            "sourceConstraintComponent")}
        path, value = get["resultPath"], get["value"]
        out.append(Result(
            severity=str(get["resultSeverity"]).rpartition("#")[2],
            focus=names.short(get["focusNode"]),
            path=names.path(report, path) if path is not None else None,
            value=names.short(value) if value is not None else None,
            message=str(get["resultMessage"] or ""),
            shape=names.short(_named_shape(shapes, get["sourceShape"])),
            component=names.short(get["sourceConstraintComponent"]),
        ))
    # every field in the key: results alike but for their value came out in the set's (hash-seeded) order
    return sorted(set(out), key=lambda r: (SEVERITIES.get(r.severity, 3), r.focus, r.shape, r.path or "", r.message,
                                           r.value or "", r.component))


def _named_shape(shapes: Any, shape: Any) -> Any:
    """The polsh: shape a result comes from: a property shape (a blank node) is reported
    as the named shape that holds it, through sh:property, sh:or lists and the like."""
    from rdflib import BNode

    seen = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = next(shapes.subjects(object=shape), None)
        if parent is None:
            break
        shape = parent
    return shape


class _Names:
    """Short forms of terms: prefixed names, instance IRIs relative to the id base."""

    def __init__(self) -> None:
        from rdflib import SH

        from .vocab import BASE, PREFIXES

        self.base = BASE
        self.prefixes = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
        self.prefixes.append((str(SH), "sh"))
        self.prefixes.append(("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"))
        self.prefixes.append(("http://www.w3.org/2000/01/rdf-schema#", "rdfs"))

    def short(self, term: Any) -> str:
        from rdflib import Literal, URIRef

        if isinstance(term, Literal):
            return repr(str(term)) if term.datatype is None or term.language else f"{term}^^{_local(term.datatype)}"
        if isinstance(term, URIRef):
            text = str(term)
            if text.startswith(self.base):
                return f"<{text[len(self.base):]}>"
            for namespace, prefix in self.prefixes:
                if text.startswith(namespace) and "/" not in text[len(namespace):]:
                    return f"{prefix}:{text[len(namespace):]}"
            return f"<{text}>"
        return str(term)

    def path(self, report: Any, path: Any) -> str:
        """A property path: ``pol:evidence``, ``^pol:hasTerm``, ``schema:value|…``."""
        from rdflib import RDF, BNode, Namespace

        sh = Namespace("http://www.w3.org/ns/shacl#")
        if not isinstance(path, BNode):
            return self.short(path)
        inverse = report.value(path, sh.inversePath)
        if inverse is not None:
            return "^" + self.short(inverse)
        alternatives = report.value(path, sh.alternativePath)
        if alternatives is not None:
            items = []
            while alternatives is not None and alternatives != RDF.nil:
                items.append(self.short(report.value(alternatives, RDF.first)))
                alternatives = report.value(alternatives, RDF.rest)
            return "|".join(items)
        return "(path)"


def _local(iri: Any) -> str:
    return "xsd:" + str(iri).rpartition("#")[2] if "XMLSchema#" in str(iri) else str(iri)


def _first_line(err: Exception) -> str:
    """rdflib's syntax errors span lines (`at line 3 of <>:` / `Bad syntax (…) at ^ in:`);
    keep the position and the reason on one line."""
    lines = [line.strip() for line in str(err).strip().splitlines() if line.strip()]
    if not lines:
        return type(err).__name__
    text = lines[0].rstrip(":")
    if len(lines) > 1:
        text += ": " + re.sub(r"\s*at \^ in:$", "", lines[1])
    return text[:200]


def format_report(report: PaperReport, quiet: bool = False) -> list[str]:
    """Lines for one paper: ``OK`` or a count, then one line per result (Violations only
    when quiet)."""
    name = report.graph.removeprefix("https://w3id.org/legco-kg/id/")
    shown = report.violations if quiet else list(report.results)
    if report.conforms:
        head = f"{report.file}: <{name}> OK" + (f" ({len(report.warnings)} warning(s))" if report.warnings else "")
        if quiet:
            return []
    else:
        head = (f"{report.file}: <{name}> {len(report.violations)} violation(s)"
                + (f", {len(report.warnings)} warning(s)" if report.warnings else ""))
    lines = [head]
    for r in shown:
        where = f" {r.path}" if r.path else ""
        value = f" = {r.value}" if r.value and r.value != r.focus else ""
        lines.append(f"  {r.severity}: {r.focus}{where}{value}: {r.message} [{r.shape}]")
    return lines
