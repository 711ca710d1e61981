"""`legco-kg graph`: build every paper of a corpus into `graphs/`, incrementally.

Per paper: `<name>.document.json` (the parsed Document), `<name>.facts.json` (the gold
format) and `<name>.trig` (its named graph). For the whole run: `reference.trig` (the
ontology and the reference data as named graphs) and `legco-kg.nq`, all of them merged
for loading elsewhere. A paper is rebuilt only when its file, the code or the ontology
changed; `manifest.json` remembers what each output was built from.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .files import write_atomic

PACKAGE_DIR = Path(__file__).resolve().parent
ONTOLOGY_DIR = PACKAGE_DIR.parent / "ontology"
MANIFEST = "manifest.json"
MERGED = "legco-kg.nq"
REFERENCE = "reference.trig"
CACHE = ".nq"  # per-paper N-Quads, concatenated into the merged file
#: ontology file → the named graph it goes into in `reference.trig`.
REFERENCE_GRAPHS = {"policy.ttl": "graph/vocab", "reference.ttl": "graph/reference"}


def build_fingerprint() -> str:
    """A hash of the code and the ontology: any change rebuilds every paper."""
    digest = hashlib.sha256(__version__.encode())
    for folder, patterns in ((PACKAGE_DIR, ("**/*.py", "**/*.txt", "**/*.csv")), (ONTOLOGY_DIR, ("*.ttl", "*.csv"))):
        for path in sorted(p for pattern in patterns for p in folder.glob(pattern) if "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class BuildReport:
    built: list[str]
    unchanged: list[str]
    failed: list[str]


def build_corpus(papers: list[Path], names: dict[Path, str], out: Path, reference_date: Any = None,
                 progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Build the outputs of ``papers`` into ``out``; ``names`` gives each paper's output name."""
    from .errors import InputError

    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    fingerprint = build_fingerprint()
    if manifest.get("build") != fingerprint or manifest.get("reference_date") != _iso(reference_date):
        manifest = {"build": fingerprint, "reference_date": _iso(reference_date), "papers": {}}
    report = BuildReport([], [], [])
    for number, paper in enumerate(papers, start=1):
        name = names[paper]
        data = paper.read_bytes()
        source_hash = hashlib.sha256(data).hexdigest()
        entry = manifest["papers"].get(name)
        if entry and entry["sha256"] == source_hash and _outputs_exist(out, name):
            report.unchanged.append(name)
            continue
        if progress:
            progress(number, len(papers), str(paper))
        try:
            _build_paper(paper, name, source_hash, out, reference_date)
        except InputError as err:
            print(f"legco-kg: {err}", file=sys.stderr)
            report.failed.append(name)
            manifest["papers"].pop(name, None)
            continue
        manifest["papers"][name] = {"sha256": source_hash, "file": paper.name}
        report.built.append(name)
    current = {names[p] for p in papers}
    stale = [n for n in manifest["papers"] if n not in current]
    for name in stale:  # a paper removed from the corpus leaves the merged dataset too
        del manifest["papers"][name]
        for suffix in (".trig", ".facts.json", ".document.json"):
            (out / f"{name}{suffix}").unlink(missing_ok=True)
        (out / CACHE / f"{name}.nq").unlink(missing_ok=True)
    reference_changed = _write_reference(out)
    if report.built or stale or reference_changed or not (out / MERGED).exists():
        _write_merged(out, sorted(manifest["papers"]))
    write_atomic(manifest_path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return report


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _outputs_exist(out: Path, name: str) -> bool:
    return all((out / f"{name}{s}").exists() for s in (".trig", ".facts.json", ".document.json")) and \
        (out / CACHE / f"{name}.nq").exists()


def _build_paper(paper: Path, name: str, source_hash: str, out: Path, reference_date: Any) -> None:
    from .extract import extract
    from .parse import document_json, parse_paper
    from .rdf import PaperSource, paper_graph, to_nquads, to_trig
    from .vocab import paper_key

    doc = parse_paper(paper, reference_date)
    facts = extract(doc)
    source = PaperSource(paper_key(doc.metadata.paper_number, name), paper.suffix.lstrip(".").lower(), source_hash)
    graph = paper_graph(doc, facts, source)
    write_atomic(out / f"{name}.document.json",
                  json.dumps(document_json(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    write_atomic(out / f"{name}.facts.json", json.dumps(facts, ensure_ascii=False, indent=1) + "\n")
    write_atomic(out / CACHE / f"{name}.nq", to_nquads([graph]))
    write_atomic(out / f"{name}.trig", to_trig([graph]))


def _write_reference(out: Path) -> bool:
    """`reference.trig`: the ontology files as named graphs. Returns whether it changed."""
    sources = [(ONTOLOGY_DIR / f, g) for f, g in sorted(REFERENCE_GRAPHS.items()) if (ONTOLOGY_DIR / f).exists()]
    target = out / REFERENCE
    stamp = hashlib.sha256(b"".join(p.read_bytes() for p, _ in sources)).hexdigest()
    stamp_line = f"# built from ontology/ {stamp}\n"
    if target.exists() and target.read_text("utf-8").startswith(stamp_line):
        return False
    from rdflib import Graph

    from .rdf import to_nquads, to_trig
    from .vocab import ID

    graphs = []
    for path, graph_name in sources:
        graph = Graph(identifier=ID[graph_name])
        graph.parse(path, format="turtle")
        graphs.append(graph)
    write_atomic(out / CACHE / "reference.nq", to_nquads(graphs))
    write_atomic(target, stamp_line + to_trig(graphs))
    return True


def _write_merged(out: Path, names: list[str]) -> None:
    """All papers and the reference graphs as one sorted N-Quads file."""
    lines: set[str] = set()
    for name in ["reference", *names]:
        path = out / CACHE / f"{name}.nq"
        if path.exists():
            lines.update(line for line in path.read_text("utf-8").splitlines() if line)
    write_atomic(out / MERGED, "".join(f"{line}\n" for line in sorted(lines)))
