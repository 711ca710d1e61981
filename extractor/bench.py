"""`make bench`: parse throughput in pages per second on the corpus PDFs, side by side with
pdfplumber's own `extract_text` on the same pages in the same run, and peak memory.

`python -m extractor.bench --pipeline corpus/ [--profile N]`: the whole serial pipeline
(parse, extract, RDF, write) against pdfplumber's `extract_text` on the same pages, in CPU
seconds, stage by stage (and the N functions with the most time).

`python -m extractor.bench --queries graphs/`: every ``queries/*.rq`` timed with rdflib and
with Oxigraph on a dataset of at least a million quads, made by replicating the paper
graphs under new paper keys (a corpus of that size is not at hand). Each engine loads once
in its own process; a query running over the limit is stopped and shown as a timeout.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import re
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_QUADS = 1_000_000
#: Seconds one query may take before it is reported as a timeout.
DEFAULT_QUERY_LIMIT = 120.0
#: Seconds an engine may take to load the dataset.
DEFAULT_LOAD_LIMIT = 1800.0
BENCH_ENGINES = ("rdflib", "oxigraph")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.bench", description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default="corpus", help="corpus folder for the parse bench")
    parser.add_argument("--queries", metavar="GRAPHS", help="bench queries/*.rq on the graphs of this folder instead")
    parser.add_argument("--store", metavar="GRAPHS",
                        help="bench an on-disk store of at least --quads quads made from the graphs of this folder: "
                             "its read-only open time and each query's time")
    parser.add_argument("--query-dir", default="queries", help="folder of .rq files (default: queries/)")
    parser.add_argument("--quads", type=int, default=DEFAULT_QUADS, help="least size of the replicated dataset")
    parser.add_argument("--limit", type=float, default=DEFAULT_QUERY_LIMIT, help="seconds per query per engine")
    parser.add_argument("--pipeline", action="store_true",
                        help="only the serial pipeline bench (parse, extract, RDF, write) beside pdfplumber")
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="with --pipeline: also print the N functions of the pipeline with the most time (cProfile)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.store:
        return bench_store(Path(args.store), Path(args.query_dir), args.quads, args.limit)
    if args.queries:
        return bench_queries(Path(args.queries), Path(args.query_dir), args.quads, args.limit)
    if args.pipeline:
        return bench_pipeline(Path(args.folder), args.profile)
    return bench_parse(Path(args.folder))


def bench_parse(folder: Path) -> int:
    import pdfplumber

    from .parse import parse_paper

    pdfs = sorted(folder.glob("*.pdf"))
    print(f"{'paper':<48}{'pages':>6}{'legco-kg p/s':>14}{'pdfplumber p/s':>16}{'ratio':>7}")
    total_pages = total_ours = total_theirs = 0.0
    for pdf in pdfs:
        start = time.perf_counter()
        with pdfplumber.open(pdf) as handle:
            pages = len(handle.pages)
            for page in handle.pages:
                page.extract_text()
        theirs = time.perf_counter() - start
        start = time.perf_counter()
        parse_paper(pdf)
        ours = time.perf_counter() - start
        total_pages += pages
        total_ours += ours
        total_theirs += theirs
        print(f"{pdf.name:<48}{pages:>6}{pages / ours:>14.1f}{pages / theirs:>16.1f}{ours / theirs:>7.2f}")
    if total_ours:
        print(f"{'all':<48}{int(total_pages):>6}{total_pages / total_ours:>14.1f}{total_pages / total_theirs:>16.1f}"
              f"{total_ours / total_theirs:>7.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB")
    bench_graph(folder)
    return 0


@dataclass
class PipelineTiming:
    """CPU seconds of one PDF: pdfplumber's `extract_text` on every page, and each stage of ours."""

    pages: int
    pdfplumber: float
    stages: dict[str, float]

    @property
    def ours(self) -> float:
        return sum(self.stages.values())


PIPELINE_STAGES = ("parse", "extract", "rdf", "write")


def time_pipeline(pdf: Path, out: Path) -> PipelineTiming:
    """One PDF through the whole serial pipeline, as `legco-kg graph` builds it (parse, extract,
    the RDF graph, the four outputs written), and pdfplumber's `extract_text` on the same pages,
    in CPU seconds (the machine is shared: wall time measures the neighbours)."""
    import json

    import pdfplumber

    from .extract import extract
    from .files import write_atomic
    from .parse import document_json, parse_paper
    from .rdf import PaperSource, bilingual_triples, file_sha256, nquad_lines, trig_pieces

    start = time.process_time()
    with pdfplumber.open(pdf) as handle:
        pages = len(handle.pages)
        for page in handle.pages:
            page.extract_text()
            page.close()
    theirs = time.process_time() - start
    stages: dict[str, float] = {}
    clock = time.process_time()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.process_time()
        stages[stage] = now - clock
        clock = now

    doc = parse_paper(pdf)
    lap("parse")
    facts = extract(doc)
    lap("extract")
    graph = bilingual_triples([(doc, facts, PaperSource("bench", "pdf", file_sha256(pdf.read_bytes())))])
    lap("rdf")
    write_atomic(out / f"{pdf.stem}.document.json",
                 json.dumps(document_json(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    write_atomic(out / f"{pdf.stem}.facts.json", json.dumps(facts, ensure_ascii=False, indent=1) + "\n")
    write_atomic(out / f"{pdf.stem}.nq", nquad_lines([graph]))
    write_atomic(out / f"{pdf.stem}.trig", trig_pieces([graph]))
    lap("write")
    return PipelineTiming(pages, theirs, stages)


def bench_pipeline(folder: Path, profile: int = 0) -> int:
    """The serial pipeline on every corpus PDF beside pdfplumber's `extract_text`, in one process
    (jieba and the gazetteer loaded first, as a build worker does once)."""
    import cProfile
    import pstats

    from .nlp import zh_tokens
    from .recognizers.orgs import load_gazetteer

    zh_tokens("政府")
    load_gazetteer()
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        print(f"bench: no PDF papers in {folder}/", file=sys.stderr)
        return 2
    profiler = cProfile.Profile() if profile else None
    print(f"{'paper':<48}{'pages':>6}{'pdfplumber s':>13}{'ours s':>8}{'ratio':>7}  "
          + " ".join(f"{stage:>7}" for stage in PIPELINE_STAGES))
    timings = []
    with tempfile.TemporaryDirectory(prefix="legco-kg-bench-") as out:
        for pdf in pdfs:
            if profiler:
                profiler.enable()
            timing = time_pipeline(pdf, Path(out))
            if profiler:
                profiler.disable()
            timings.append(timing)
            print(f"{pdf.name:<48}{timing.pages:>6}{timing.pdfplumber:>13.2f}{timing.ours:>8.2f}"
                  f"{timing.ours / timing.pdfplumber:>7.2f}  " + " ".join(f"{timing.stages[s]:>7.2f}" for s in PIPELINE_STAGES))
    pages = sum(t.pages for t in timings)
    theirs, ours = sum(t.pdfplumber for t in timings), sum(t.ours for t in timings)
    stages = {s: sum(t.stages[s] for t in timings) for s in PIPELINE_STAGES}
    print(f"{'all':<48}{pages:>6}{theirs:>13.2f}{ours:>8.2f}{ours / theirs:>7.2f}  "
          + " ".join(f"{stages[s]:>7.2f}" for s in PIPELINE_STAGES))
    print(f"CPU a page: pdfplumber {theirs / pages * 1000:.1f} ms, legco-kg {ours / pages * 1000:.1f} ms "
          f"({', '.join(f'{s} {stages[s] / pages * 1000:.1f}' for s in PIPELINE_STAGES)}); "
          f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(profile)
    return 0


def bench_graph(folder: Path) -> None:
    """`legco-kg graph` throughput: every paper of the corpus built from scratch into a
    temporary folder in this process (pipelines loaded once), then the no-change rerun."""
    import tempfile

    from .build import build_corpus, read_pairs
    from .cli import expand_papers, output_name

    papers = expand_papers([str(folder)])
    names = {p: output_name(p, papers) for p in papers}
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        report = build_corpus(papers, names, Path(out), pairs=read_pairs(folder))
        cold = time.perf_counter() - start
        start = time.perf_counter()
        build_corpus(papers, names, Path(out), pairs=read_pairs(folder))
        warm = time.perf_counter() - start
    print(f"graph: {len(papers)} papers ({len(report.built)} graphs) in {cold:.1f}s = {len(papers) / cold:.2f} papers/s; "
          f"rerun with nothing changed {warm:.2f}s")


# --- queries on a replicated dataset ----------------------------------------------------------

# What a copy renames: the paper (and so everything under it) and the measures and
# indicators it announces; measures shared by every copy would join each copy's facts with
# every other copy's papers, which no real corpus does.
RE_COPIED_IRI = re.compile(r"<https://w3id\.org/legco-kg/id/(?:paper|measure|indicator)/[^/>#]+")
RE_PAPER_GRAPH = re.compile(r"^https://w3id\.org/legco-kg/id/paper/[^/]+/graph$")


@dataclass(frozen=True, slots=True)
class Replica:
    """A replicated dataset written as N-Quads: ``paper_quads`` × ``copies`` + ``other_quads``."""

    path: Path
    quads: int
    paper_quads: int
    other_quads: int
    copies: int


def replicate(files: list[Path], target: int, out: Path) -> Replica:
    """Write the quads of ``files`` to ``out`` (N-Quads) with the paper graphs repeated under
    new keys (``paper/{key}/…`` → ``paper/{key}-r{n}/…``, ``measure/auto-h`` →
    ``measure/auto-h-r{n}``, n ≥ 1, the originals kept) until there are at least ``target``
    quads. Reference and vocabulary graphs are written once; organisations and days stay
    shared, as across real papers."""
    import pyoxigraph as ox

    papers: list[Any] = []
    others: list[Any] = []
    for path in files:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            graph = quad.graph_name
            is_paper = isinstance(graph, ox.NamedNode) and RE_PAPER_GRAPH.match(graph.value)
            (papers if is_paper else others).append(quad)
    if not papers:
        raise ValueError(f"no paper graphs (<…/paper/KEY/graph>) in {', '.join(map(str, files))}")
    paper_text = ox.serialize(papers, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    copies = max(1, math.ceil((target - len(others)) / len(papers)))
    with out.open("w", encoding="utf-8") as handle:
        handle.write(ox.serialize(others, format=ox.RdfFormat.N_QUADS).decode("utf-8"))
        handle.write(paper_text)
        for n in range(1, copies):
            handle.write(RE_COPIED_IRI.sub(lambda m, n=n: f"{m.group(0)}-r{n}", paper_text))
    return Replica(out, len(others) + len(papers) * copies, len(papers), len(others), copies)


def _bench_worker(engine: str, nquads: str, conn: Any) -> None:
    """Load the dataset once, then time each query sent (rows fully read)."""
    from .query import MERGE_DEFAULT_GRAPH, prepare_query

    start = time.perf_counter()
    if engine == "rdflib":
        from rdflib import Dataset

        data: Any = Dataset(default_union=True)
        data.parse(nquads, format="nquads")
    elif engine == "store":  # an on-disk store (`graphs/store/`), opened as `legco-kg query` opens it
        import pyoxigraph as ox

        data = ox.Store.read_only(nquads)
    else:
        import pyoxigraph as ox

        data = ox.Store()
        data.load(path=nquads, format=ox.RdfFormat.N_QUADS)
        data.update(MERGE_DEFAULT_GRAPH)  # the merged default graph, as `legco-kg query` has it
    conn.send((time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    while (text := conn.recv()) is not None:
        start = time.perf_counter()
        try:
            rows = _count_rows(engine, data, prepare_query(text))
        except Exception as err:  # noqa: BLE001 (reported in the table, the bench goes on)
            conn.send(("error", f"{type(err).__name__}: {err}"))
            continue
        conn.send((rows, time.perf_counter() - start))


def _count_rows(engine: str, data: Any, text: str) -> int:
    if engine == "rdflib":
        result = data.query(text)
        if result.type == "ASK":
            return 1
        return len(result.graph) if result.type in ("CONSTRUCT", "DESCRIBE") else len(result.bindings)
    result = data.query(text)
    return 1 if isinstance(result, bool) or type(result).__name__ == "QueryBoolean" else sum(1 for _ in result)


@dataclass
class Timing:
    rows: int | None = None
    seconds: float | None = None
    problem: str | None = None  # "timeout" or an error


def time_queries(engine: str, nquads: Path, queries: list[tuple[str, str]], limit: float,
                 load_limit: float = DEFAULT_LOAD_LIMIT) -> tuple[tuple[float, float] | None, list[Timing]]:
    """Load time and memory (seconds, MiB after loading) and one `Timing` per query for one
    engine; a query over ``limit`` seconds is stopped by killing the worker (reloaded for
    the queries after it)."""
    context = multiprocessing.get_context("spawn")
    timings: list[Timing] = []
    load: tuple[float, float] | None = None
    worker = conn = None

    def start() -> tuple[Any, Any]:
        parent, child = context.Pipe()
        process = context.Process(target=_bench_worker, args=(engine, str(nquads), child), daemon=True)
        process.start()
        child.close()
        return process, parent

    try:
        for _name, text in queries:
            if worker is None:
                worker, conn = start()
                if not conn.poll(load_limit):
                    timings.append(Timing(problem=f"load over {load_limit:g} s"))
                    worker.kill()
                    worker = None
                    continue
                if load is None:
                    load = conn.recv()
                else:
                    conn.recv()
            conn.send(text)
            if conn.poll(limit):
                rows, seconds = conn.recv()
                timings.append(Timing(problem=seconds) if rows == "error" else Timing(rows, seconds))
            else:
                timings.append(Timing(problem="timeout"))
                worker.kill()
                worker.join()
                worker = None
    except EOFError:
        timings += [Timing(problem="worker died (memory?)")] * (len(queries) - len(timings))
    finally:
        if worker is not None:
            try:
                conn.send(None)
                worker.join(10)
            except OSError:
                pass
            worker.kill()
            worker.join()
    return load, timings


def _cell(timing: Timing, limit: float) -> str:
    if timing.problem == "timeout":
        return f"> {limit:g} (timeout)"
    if timing.problem:
        return "error"
    return f"{timing.seconds:.3f}"


def bench_queries(graphs: Path, query_dir: Path, target: int = DEFAULT_QUADS,
                  limit: float = DEFAULT_QUERY_LIMIT) -> int:
    from .query import QueryError, graph_files

    try:
        files = graph_files(graphs)
    except QueryError as err:
        print(f"bench: {err}", file=sys.stderr)
        return 2
    queries = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(query_dir.glob("*.rq"))
               if p.name != "prefixes.rq"]
    if not queries:
        print(f"bench: no queries (*.rq) in {query_dir}/", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="legco-kg-bench-") as tmp:
        start = time.perf_counter()
        try:
            replica = replicate(files, target, Path(tmp) / "replica.nq")
        except (ValueError, SyntaxError, OSError) as err:
            print(f"bench: {err}", file=sys.stderr)
            return 2
        print(f"dataset: {replica.quads:,} quads = {replica.paper_quads:,} paper quads × {replica.copies} copies "
              f"+ {replica.other_quads:,} reference/vocabulary quads ({time.perf_counter() - start:.1f} s to build)")
        results = {engine: time_queries(engine, replica.path, queries, limit) for engine in BENCH_ENGINES}
    print(format_bench(queries, results, limit))
    return 0


def bench_store(graphs: Path, query_dir: Path, target: int = DEFAULT_QUADS, limit: float = DEFAULT_QUERY_LIMIT) -> int:
    """The store `legco-kg query` opens, at scale: the replicated dataset bulk-loaded into an
    on-disk store in a temporary folder (with the merged default graph, as the build keeps it),
    then opened read-only in a fresh process (the open time) and every query timed on it."""
    import pyoxigraph as ox

    from .query import MERGE_DEFAULT_GRAPH, QueryError, graph_files

    try:
        files = graph_files(graphs)
    except QueryError as err:
        print(f"bench: {err}", file=sys.stderr)
        return 2
    queries = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(query_dir.glob("*.rq"))
               if p.name != "prefixes.rq"]
    with tempfile.TemporaryDirectory(prefix="legco-kg-bench-store-") as tmp:
        start = time.perf_counter()
        replica = replicate(files, target, Path(tmp) / "replica.nq")
        store = ox.Store(str(Path(tmp) / "store"))
        store.bulk_load(path=str(replica.path), format=ox.RdfFormat.N_QUADS)
        store.update(MERGE_DEFAULT_GRAPH)
        store.flush()
        del store
        print(f"store: {replica.quads:,} quads ({replica.copies} copies of the paper graphs) loaded in "
              f"{time.perf_counter() - start:.1f} s")
        opened, timings = time_queries("store", Path(tmp) / "store", queries, limit)
    width = max([len("query")] + [len(name) for name, _ in queries])
    print(f"open (read-only, in a new process): {opened[0]:.3f} s" if opened else "open: failed")
    print(f"{'query':<{width}}  {'rows':>9}  {'store s':>18}")
    for (name, _), timing in zip(queries, timings):
        rows = "-" if timing.rows is None else str(timing.rows)
        print(f"{name:<{width}}  {rows:>9}  {_cell(timing, limit):>18}")
    return 0


def format_bench(queries: list[tuple[str, str]], results: dict[str, tuple[tuple[float, float] | None, list[Timing]]],
                 limit: float) -> str:
    width = max([len("query")] + [len(name) for name, _ in queries])
    lines = [f"{'query':<{width}}  {'rows':>9}  {'rdflib s':>18}  {'oxigraph s':>18}"]
    notes = []
    for index, (name, _) in enumerate(queries):
        cells = {engine: results[engine][1][index] for engine in BENCH_ENGINES}
        counts = {cells[e].rows for e in BENCH_ENGINES if cells[e].rows is not None}
        rows = "/".join(str(c) for c in sorted(counts)) or "-"
        if len(counts) > 1:
            notes.append(f"{name}: the engines return different row counts "
                         + ", ".join(f"{e} {cells[e].rows}" for e in BENCH_ENGINES))
        for engine in BENCH_ENGINES:
            problem = cells[engine].problem
            if problem and problem != "timeout":
                notes.append(f"{name} ({engine}): {problem}")
        lines.append(f"{name:<{width}}  {rows:>9}  {_cell(cells['rdflib'], limit):>18}  "
                     f"{_cell(cells['oxigraph'], limit):>18}")
    loads = []
    for engine in BENCH_ENGINES:
        load = results[engine][0]
        loads.append(f"{engine} {load[0]:.1f} s, {load[1]:,.0f} MiB" if load else f"{engine} -")
    lines.append(f"load: {'; '.join(loads)}")
    return "\n".join(lines + notes)


if __name__ == "__main__":
    sys.exit(main())
