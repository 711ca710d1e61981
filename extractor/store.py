"""`graphs/store/`: the on-disk Oxigraph store that queries start from.

`legco-kg graph` keeps it beside the TriG files: as each graph's outputs land, the store's
copy of that graph is replaced (a small SPARQL update drops the old one, then its sorted
N-Quads file, `.nq/<name>.nq`, is bulk-loaded twice: as named graphs and as default-graph
triples), a graph that left the folder is dropped, and `reference.trig` (ontology and
reference data) is loaded too. The
store's default graph is the RDF merge (a set) of its named graphs, as `legco-kg query`
sees a folder of TriG files.

The store cannot share a transaction with `manifest.json`, so it keeps its own record,
`graphs/store/legco-kg-store.json`: for each graph what it was loaded from (the manifest's
inputs for it, the build and the reference date). A graph is marked *pending* there before
its update and recorded after it, so an interruption (Ctrl-C, ``kill -9``) at any moment
leaves a record that says which graphs cannot be trusted. The store is *current* when its
record agrees with the manifest on every graph and nothing is pending; readers
(:func:`open_graphs`) use it only then, and the next build brings it up to date, or rebuilds
it from the graphs' sorted N-Quads files (`.nq/`) when it cannot be opened.

Only one process writes the store (the build's parent process; workers only write files).
Readers open it read-only, which pyoxigraph 0.5 allows many processes to do at once
(`query` beside `serve`), but not while a build is writing it: such an open fails, and the
reader falls back to the TriG files.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ExtractorError
from .files import write_atomic

STORE = "store"
#: The store's own record of what each graph was loaded from, inside the store folder.
STATE = "legco-kg-store.json"
STATE_FORMAT = 1
MANIFEST = "manifest.json"
REFERENCE = "reference"
#: A file of RocksDB's that every store folder has.
STORE_MARK = "CURRENT"


class StoreError(ExtractorError):
    """The store cannot be used (missing, out of date, corrupt): the message says why."""


def store_folder(graphs: str | Path) -> Path:
    return Path(graphs) / STORE


# --- the record --------------------------------------------------------------------------


def read_state(folder: Path) -> dict[str, Any] | None:
    """The store's record, or None when it is missing or unreadable."""
    try:
        state = json.loads((folder / STATE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT or not isinstance(state.get("graphs"), dict):
        return None
    return state


def _write_state(folder: Path, state: dict[str, Any]) -> None:
    write_atomic(folder / STATE, json.dumps(state, indent=1, sort_keys=True) + "\n")


def wanted_stamps(graphs: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """What the store must record for each graph to agree with ``manifest``: a paper
    graph's manifest inputs with the build and reference date; the reference graph's stamp
    line (the first of `reference.trig`, a hash of the ontology files)."""
    build = manifest.get("build"), manifest.get("reference_date")
    stamps: dict[str, Any] = {name: [entry.get("inputs"), *build]
                              for name, entry in manifest.get("graphs", {}).items()}
    reference = _first_line(graphs / f"{REFERENCE}.trig")
    if reference is not None:
        stamps[REFERENCE] = reference
    return stamps


def _first_line(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return handle.readline(512).decode("utf-8", "replace").rstrip("\n")
    except OSError:
        return None


def _read_manifest(graphs: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((graphs / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def disagreement(graphs: str | Path) -> str | None:
    """Why the store of a graphs folder cannot be used for its TriG files (None: it is
    current). Reads two small JSON files and lists the folder; opens nothing."""
    graphs = Path(graphs)
    folder = store_folder(graphs)
    if not (folder / STORE_MARK).is_file():
        return f"{folder}/ does not exist"
    manifest = _read_manifest(graphs)
    if manifest is None:
        return f"{graphs}/{MANIFEST} is missing or unreadable"
    state = read_state(folder)
    if state is None:
        return f"{folder}/{STATE} is missing or unreadable"
    if state.get("pending"):
        return f"the update of {', '.join(sorted(state['pending']))} in {folder}/ was interrupted"
    wanted = wanted_stamps(graphs, manifest)
    recorded = {name: entry.get("stamp") for name, entry in state["graphs"].items()}
    if recorded != wanted:
        names = sorted(n for n in set(recorded) | set(wanted) if recorded.get(n) != wanted.get(n))
        return f"{folder}/ disagrees with {MANIFEST} on {', '.join(names)}"
    trig = {p.stem for p in graphs.glob("*.trig") if not p.name.startswith(".")}
    if trig != set(wanted):
        return f"{graphs}/ holds TriG files the build did not list: {', '.join(sorted(trig - set(wanted)))}" \
            if trig - set(wanted) else f"{graphs}/ lacks the TriG files of {', '.join(sorted(set(wanted) - trig))}"
    return None


# --- writing (the build's parent process only) --------------------------------------------


def _iri_list(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(set(iris)))


def replace_update(old_iris: Iterable[str], new_iris: Iterable[str]) -> str:
    """The SPARQL update that makes room for graphs: the triples of ``old_iris`` and
    ``new_iris`` leave the default graph (the merge) unless another graph states them, and
    those graphs are dropped. The new graphs are then loaded from their file as a stream
    (``bulk_load``): no triple travels as SPARQL text, which cost ~5 KB a triple."""
    gone = sorted(set(old_iris) | set(new_iris))
    if not gone:
        return ""
    values = _iri_list(gone)
    return " ;\n".join(
        [f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
         f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h NOT IN ({', '.join(f'<{i}>' for i in gone)})) }} }}"]
        + [f"DROP SILENT GRAPH <{iri}>" for iri in gone])


#: Each graph's sorted N-Quads, written by the build beside its TriG file (`graphs/.nq/<name>.nq`).
NQUADS = ".nq"


def nquads_path(graphs: Path, name: str) -> Path:
    return graphs / NQUADS / f"{name}.nq"


#: Quads handed to Oxigraph's bulk loader at a time: it holds what it is given in memory (some
#: 0.9 KB a quad), so a long paper is loaded in batches, as fast, in flat memory.
LOAD_BATCH = 50_000


def _graph_counts(nquads: Path) -> dict[str, int]:
    """The named graphs of an N-Quads file written by the build (one quad a line, each ending
    in ``<graph> .``) and their sizes; a triple outside any named graph is refused."""
    counts: dict[str, int] = {}
    with nquads.open("rb") as lines:
        for line in lines:
            graph = line.rsplit(b" ", 2)[1]
            if not (graph.startswith(b"<") and graph.endswith(b">")):
                raise StoreError(f"{nquads}: a triple outside any named graph; expected one named graph per paper")
            name = graph[1:-1].decode("utf-8")
            counts[name] = counts.get(name, 0) + 1
    return counts


def _load_with_merge(store: Any, nquads: Path) -> None:
    """Load an N-Quads file's quads into their named graphs and their triples into the default
    graph (the merge), `LOAD_BATCH` lines at a time."""
    import pyoxigraph as ox
    from itertools import islice

    with nquads.open("rb") as lines:
        while batch := list(islice(lines, LOAD_BATCH)):
            store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)
            store.bulk_load(b"".join(line.rsplit(b" ", 2)[0] + b" .\n" for line in batch), format=ox.RdfFormat.N_QUADS)


@dataclass
class StoreWriter:
    """The build's handle on `graphs/store/`: opened on first use, by the parent process
    only. ``say`` prints one line to the user (stderr)."""

    graphs: Path
    say: Any = None
    _store: Any = None
    _state: dict[str, Any] | None = None

    @property
    def folder(self) -> Path:
        return store_folder(self.graphs)

    def _message(self, text: str) -> None:
        (self.say or (lambda line: print(line, file=sys.stderr, flush=True)))(f"legco-kg: {text}")

    def _open(self) -> Any:
        """The read-write store; a store that cannot be opened (corrupt) or has no readable
        record is rebuilt from the graphs' N-Quads files, with a message."""
        if self._store is not None:
            return self._store
        import pyoxigraph as ox

        existed = (self.folder / STORE_MARK).is_file()
        state = read_state(self.folder) if existed else None
        problem = None
        if existed and state is None:
            problem = f"its record {STATE} is missing or unreadable"
        if problem is None:
            try:
                self._store = ox.Store(str(self.folder))
            except (OSError, RuntimeError) as err:
                if "lock" in str(err).lower():
                    raise StoreError(f"{self.folder}/ is being written by another process (another "
                                     f"`legco-kg graph` into {self.graphs}/?): {err}") from err
                problem = f"it cannot be opened ({str(err).splitlines()[0]})"
        if problem:
            self._message(f"{self.folder}/: {problem}; rebuilding it from the graphs' N-Quads files ({NQUADS}/)")
            shutil.rmtree(self.folder, ignore_errors=True)
            self._store = ox.Store(str(self.folder))
            state = None
        self._state = state or {"format": STATE_FORMAT, "graphs": {}, "pending": []}
        if not state:
            self._store.clear()
            _write_state(self.folder, self._state)
        return self._store

    def replace(self, name: str, stamp: Any) -> None:
        """Replace the graphs of ``name`` in the store with those of its N-Quads file (the
        quads of `<name>.trig`, sorted) and record ``stamp`` for them."""
        nquads = nquads_path(self.graphs, name)
        self._apply(name, (nquads, _graph_counts(nquads)), stamp)

    def drop(self, name: str) -> None:
        """Remove the graphs of ``name`` from the store (its paper left the folder)."""
        self._apply(name, None, None)

    def _apply(self, name: str, source: tuple[Path, dict[str, int]] | None, stamp: Any) -> None:
        """Put the graphs of ``source`` (an N-Quads file and its graphs' sizes) in place of what
        ``name`` held; ``name`` is marked pending in the record (with every graph IRI it may
        hold) until the last step has committed, so an interruption between steps is seen and
        redone."""
        store = self._open()
        state = self._state
        assert state is not None
        counts = source[1] if source else {}
        old = state["graphs"].pop(name, {}).get("iris", [])
        pending_iris = state.setdefault("pending_iris", {})
        pending_iris[name] = sorted(set(old) | set(pending_iris.get(name, [])) | set(counts))
        state["pending"] = sorted(set(state.get("pending", [])) | {name})
        _write_state(self.folder, state)
        removal = replace_update(pending_iris[name], counts)
        if removal:
            store.update(removal)
        if source:
            _load_with_merge(store, source[0])
            state["graphs"][name] = {"stamp": stamp, "iris": sorted(counts), "quads": sum(counts.values())}
        state["pending"].remove(name)
        del pending_iris[name]
        _write_state(self.folder, state)

    def sync(self, manifest: dict[str, Any]) -> list[str]:
        """Make the store agree with ``manifest``: graphs it lists but the store lacks or holds
        from other inputs are (re)loaded from their TriG files, graphs it no longer lists are
        dropped, an interrupted update is redone. Returns the names changed. The store is opened
        even when its record agrees (a few milliseconds): that open finds a corrupt store."""
        self._open()
        if disagreement(self.graphs) is None:
            return []
        state = self._state
        assert state is not None
        pending = list(state.get("pending", []))
        if pending:
            self._message(f"{self.folder}/: the update of {', '.join(pending)} was interrupted; "
                          f"loading again from the N-Quads files ({NQUADS}/)")
        wanted = {name: stamp for name, stamp in wanted_stamps(self.graphs, manifest).items()
                  if (self.graphs / f"{name}.trig").exists() and nquads_path(self.graphs, name).exists()}
        changed = []
        for name in sorted(set(state["graphs"]) | set(pending) | set(wanted)):
            if name in pending or state["graphs"].get(name, {}).get("stamp") != wanted.get(name):
                self.replace(name, wanted[name]) if name in wanted else self.drop(name)
                changed.append(name)
        return changed

    def close(self) -> None:
        """Flush and close the store (the next opener, even read-only, sees every update)."""
        if self._store is not None:
            import gc

            self._store.flush()
            self._store = None
            gc.collect()


def stamp_for(manifest: dict[str, Any], name: str) -> Any:
    """The stamp the store records for graph ``name`` once it is loaded (see `wanted_stamps`)."""
    return [manifest["graphs"][name].get("inputs"), manifest.get("build"), manifest.get("reference_date")]


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenGraphs:
    """Graphs opened for querying: ``data`` is a `pyoxigraph.Store` (engine ``oxigraph``) or
    an rdflib ``Dataset`` (engine ``rdflib``); ``source`` says where they came from: the
    ``store`` folder (read-only) or the ``trig`` files (loaded now)."""

    engine: str
    data: Any
    source: str
    location: Path


def recorded_quads(graphs: str | Path) -> int:
    """The number of quads in the named graphs of the store, as its record counts them."""
    state = read_state(store_folder(graphs)) or {"graphs": {}}
    return sum(entry.get("quads", 0) for entry in state["graphs"].values())


def open_store(graphs: str | Path) -> Any:
    """`graphs/store/` opened read-only, when it is current; raises `StoreError` saying why
    not otherwise (it does not exist, disagrees with the manifest, is being written)."""
    import pyoxigraph as ox

    problem = disagreement(graphs)
    if problem:
        raise StoreError(problem)
    folder = store_folder(graphs)
    try:
        store = ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as err:  # corrupt, or a build writing it right now
        raise StoreError(f"{folder}/ cannot be opened ({str(err).splitlines()[0]})") from err
    if disagreement(graphs):  # a build started while it was being opened
        raise StoreError(f"{folder}/ changed while it was being opened")
    return store


def open_graphs(graphs: str | Path = "graphs", engine: str = "auto", say: Any = None) -> OpenGraphs:
    """The graphs of a folder, ready for SPARQL: for ``oxigraph`` (and ``auto``) the folder's
    store, opened read-only in a moment whatever its size, when it is current; otherwise its
    ``*.trig`` files loaded into memory, with one line (``say``, default stderr) saying why
    when the folder has a store. ``rdflib`` always loads the TriG files."""
    from .query import ENGINES, QueryError, graph_files, load_oxigraph, load_rdflib

    if engine == "auto":
        engine = "oxigraph"
    if engine not in ENGINES:
        raise QueryError(f"engine {engine!r} is not one of auto, {', '.join(ENGINES)}")
    graphs = Path(graphs)
    files = graph_files(graphs)  # the folder's own errors first (missing, no TriG)
    if engine == "oxigraph":
        try:
            return OpenGraphs(engine, open_store(graphs), STORE, store_folder(graphs))
        except StoreError as err:
            (say or (lambda line: print(line, file=sys.stderr, flush=True)))(
                f"legco-kg: not using a store ({err}); reading the TriG files of {graphs}/ instead"
                + (" (`legco-kg graph` brings the store up to date)" if store_folder(graphs).exists() else ""))
        return OpenGraphs(engine, load_oxigraph(files), "trig", graphs)
    return OpenGraphs(engine, load_rdflib(files), "trig", graphs)


# --- loading into another store (SPARQL 1.1 Graph Store HTTP Protocol) ---------------------

#: Seconds one graph's upload may take.
DEFAULT_LOAD_TIMEOUT = 600.0


def named_graphs(graphs: str | Path, say: Any = None) -> list[tuple[str, Any]]:
    """Each named graph of a folder as (IRI, a function giving its N-Triples bytes), in IRI
    order: from its store when current, else from its TriG files."""
    import pyoxigraph as ox

    store = open_graphs(graphs, "oxigraph", say).data

    def ntriples(graph: Any) -> bytes:
        triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, graph)]
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)

    names = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    return [(graph.value, lambda graph=graph: ntriples(graph)) for graph in names]


def graph_url(url: str, iri: str) -> str:
    """The Graph Store Protocol address of one named graph: ``URL?graph=<iri>`` (§4.2,
    indirect graph identification), ``&graph=`` when the URL has a query already.

    >>> graph_url("http://localhost:7878/store", "https://w3id.org/legco-kg/id/paper/x/graph")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Flegco-kg%2Fid%2Fpaper%2Fx%2Fgraph'
    """
    from urllib.parse import quote

    return f"{url}{'&' if '?' in url else '?'}graph={quote(iri, safe='')}"


def load_into(graphs: str | Path, url: str, say: Any = None, timeout: float = DEFAULT_LOAD_TIMEOUT) -> int:
    """PUT every named graph of a graphs folder (one per paper, the reference and vocabulary
    graphs) to a Graph Store Protocol endpoint ``url`` (Oxigraph server ``…/store``, Fuseki
    ``…/DATASET/data``, GraphDB ``…/repositories/REPO/rdf-graphs/service``), replacing
    what the server held under each name; one line per graph to ``say``. Returns the number
    of graphs. A refused connection or an answer other than 2xx raises `StoreError`."""
    import time
    import urllib.error
    import urllib.request

    from urllib.parse import urlsplit

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise StoreError(f"--into {url!r} is not an http(s) URL of a Graph Store Protocol endpoint, "
                         "e.g. http://localhost:7878/store (Oxigraph) or http://localhost:3030/ds/data (Fuseki)")
    tell = say or (lambda line: print(line, file=sys.stderr, flush=True))
    count = 0
    started = time.perf_counter()
    items = list(named_graphs(graphs, say))
    for number, (iri, serialize) in enumerate(items, start=1):
        body = serialize()
        target = graph_url(url, iri)
        request = urllib.request.Request(target, data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{target}: the server answered {err.code} {err.reason}"
                             + (f" ({detail[0]})" if detail else "")) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(f"{url}: cannot reach the server ({getattr(reason, 'strerror', None) or reason})") from None
        count += 1
        triples = body.count(b"\n")
        tell(f"[{number}/{len(items)}] {time.perf_counter() - started:6.1f}s {iri} ({triples:,} triples)")
    return count


# --- rdflib graphs from the store (validate, export) ----------------------------------------

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(term: Any) -> Any:
    """An Oxigraph term as rdflib reads it from the TriG files: numbers in the lexical form
    rdflib gives them (Oxigraph writes the decimal 1.0 as ``1``), language tags in BCP 47
    case, plain strings without a datatype."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    from .query import NUMERIC_TYPES, bcp47_case, canonical_lexical

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=bcp47_case(term.language))
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return Literal(term.value)
    value = canonical_lexical(term.value, datatype) if datatype in NUMERIC_TYPES else term.value
    return Literal(value, datatype=URIRef(datatype))


def rdflib_graph(store: Any, iri: str, graph: Any = None) -> Any:
    """The named graph ``iri`` of an Oxigraph store as an rdflib ``Graph`` (or added to ``graph``)."""
    import pyoxigraph as ox
    from rdflib import Graph, URIRef

    graph = Graph(identifier=URIRef(iri)) if graph is None else graph
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
        graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    return graph


def stored_graphs(graphs: str | Path) -> dict[str, list[str]]:
    """TriG file name → the graph IRIs the store holds from it, in file name order."""
    state = read_state(store_folder(graphs)) or {"graphs": {}}
    return {f"{name}.trig": entry.get("iris", []) for name, entry in sorted(state["graphs"].items(),
                                                                          key=lambda item: f"{item[0]}.trig")}


def current_store(inputs: Iterable[str]) -> Any:
    """The store of the one graphs folder ``inputs`` name, opened read-only, when it is
    current; None otherwise (other inputs, no store, or one that is not current: then a
    line says why, and the caller reads the TriG files)."""
    inputs = list(inputs)
    if len(inputs) != 1 or not Path(inputs[0]).is_dir() or not any(Path(inputs[0]).glob("*.trig")):
        return None
    try:
        return open_store(inputs[0])
    except StoreError as err:
        print(f"legco-kg: not using a store ({err}); reading the TriG files of {Path(inputs[0])}/ instead"
              + (" (`legco-kg graph` brings the store up to date)" if store_folder(inputs[0]).exists() else ""),
              file=sys.stderr, flush=True)
        return None
