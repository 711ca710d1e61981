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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError, MissingInput, UnsupportedInput

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
    """The three ontology graphs, parsed once per run."""

    policy: Any  # rdflib.Graph
    reference: Any
    shapes: Any

    @classmethod
    def load(cls, directory: Path = ONTOLOGY_DIR) -> "Ontology":
        from rdflib import Graph

        graphs = []
        for name in ONTOLOGY_FILES:
            path = directory / name
            if not path.is_file():
                raise MissingInput(str(path), f"no such file; expected {', '.join(ONTOLOGY_FILES)} in the ontology folder")
            try:
                graphs.append(Graph().parse(path, format="turtle"))
            except Exception as err:  # rdflib raises several unrelated types for bad syntax
                raise UnsupportedInput(str(path), f"not valid Turtle ({_first_line(err)})") from None
        return cls(*graphs)


def trig_files(inputs: Iterable[str]) -> list[Path]:
    """Files as given; a folder stands for the ``.trig`` files inside it."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".trig" and not p.name.startswith("."))
            if not found:
                raise MissingInput(str(path), "no .trig files in this folder")
            files.extend(found)
        elif not path.exists():
            raise MissingInput(str(path), "no such file")
        else:
            files.append(path)
    return files


def paper_graphs(path: Path) -> list[Any]:
    """The paper graphs (``<paper/{key}/graph>``) of one TriG file, in IRI order."""
    from rdflib import Dataset

    dataset = Dataset()
    try:
        dataset.parse(path, format="trig")
    except Exception as err:
        raise UnsupportedInput(str(path), f"not TriG ({_first_line(err)})") from None
    graphs = sorted((g for g in dataset.graphs() if RE_PAPER_GRAPH.match(str(g.identifier)) and len(g)),
                    key=lambda g: str(g.identifier))
    if not graphs:
        raise UnsupportedInput(str(path), "no paper graph <https://w3id.org/legco-kg/id/paper/{key}/graph> in it")
    return graphs


def validate_graph(paper: Any, ontology: Ontology, file: str = "") -> PaperReport:
    """Validate one paper graph merged with the reference and policy graphs."""
    from pyshacl import validate
    from rdflib import Graph

    data = Graph()
    for source in (ontology.policy, ontology.reference, paper):
        for triple in source:
            data.add(triple)
    _conforms, report, _text = validate(
        data, shacl_graph=ontology.shapes, ont_graph=ontology.policy, inference="rdfs",
        advanced=True, allow_warnings=True, inplace=True,
    )
    return PaperReport(file, str(paper.identifier), len(paper), tuple(_results(report, data)))


def validate_paths(inputs: Iterable[str], ontology_dir: Path = ONTOLOGY_DIR) -> list[PaperReport]:
    """Reports for every paper graph of the given TriG files or folders. Bad input (a
    missing file, a file that is not TriG or has no paper graph) raises ``InputError``
    before anything is validated."""
    files = trig_files(inputs)
    ontology = Ontology.load(ontology_dir)
    loaded = [(path, paper_graphs(path)) for path in files]
    return [validate_graph(graph, ontology, str(path)) for path, graphs in loaded for graph in graphs]


def _results(report: Any, data: Any) -> list[Result]:
    from rdflib import RDF, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    names = _Names(data)
    out = []
    for node in report.subjects(RDF.type, sh.ValidationResult):
        def get(prop: str) -> Any:
            return report.value(node, sh[prop])

        path = get("resultPath")
        value = get("value")
        out.append(Result(
            severity=str(get("resultSeverity")).rpartition("#")[2],
            focus=names.short(get("focusNode")),
            path=names.path(report, path) if path is not None else None,
            value=names.short(value) if value is not None else None,
            message=str(get("resultMessage") or ""),
            shape=names.short(get("sourceShape")) if not _is_blank(get("sourceShape")) else "(property shape)",
            component=names.short(get("sourceConstraintComponent")),
        ))
    return sorted(set(out), key=lambda r: (SEVERITIES.get(r.severity, 3), r.focus, r.shape, r.path or "", r.message))


def _is_blank(term: Any) -> bool:
    from rdflib import BNode

    return isinstance(term, BNode)


class _Names:
    """Short forms of terms: prefixed names, instance IRIs relative to the id base."""

    def __init__(self, graph: Any) -> None:
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
