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
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
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
    parser.add_argument("--cores", action="store_true",
                        help="graph throughput (pages/s) on the corpus PDFs with -j 1 and on all cores (-j N), "
                             "beside pdfplumber's extract_text both ways")
    parser.add_argument("--scale", type=int, metavar="PAPERS",
                        help="build a synthetic corpus of this many papers (the folder's small papers hard-linked "
                             "under new names, in a temporary folder) with -j N: papers/s and memory per process")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes for --cores and --scale (default: the number of cores)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.store:
        return bench_store(Path(args.store), Path(args.query_dir), args.quads, args.limit)
    if args.cores or args.scale:
        code = bench_cores(Path(args.folder), args.jobs) if args.cores else 0
        return code or (bench_scale(Path(args.folder), args.scale, args.jobs) if args.scale else 0)
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
    import pdfplumber

    from .build import _json_pieces
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
    graph = bilingual_triples([(doc, facts, PaperSource("bench", "pdf", file_sha256(pdf.read_bytes())))],
                              spill_folder=out)
    lap("rdf")
    write_atomic(out / f"{pdf.stem}.document.json", _json_pieces(document_json(doc), sort_keys=True))
    write_atomic(out / f"{pdf.stem}.facts.json", _json_pieces(facts))
    del doc, facts
    write_atomic(out / f"{pdf.stem}.nq", nquad_lines([graph]))
    write_atomic(out / f"{pdf.stem}.trig", trig_pieces([graph]))
    graph.close()
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


# --- all cores, and a corpus of a thousand papers --------------------------------------------

def _load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def _cpu_seconds() -> float:
    """User and system CPU of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _pdfplumber_pages(pdf: Path) -> int:
    """pdfplumber's own `extract_text` on every page of ``pdf``; returns the number of pages."""
    import pdfplumber

    with pdfplumber.open(pdf) as handle:
        for page in handle.pages:
            page.extract_text()
        return len(handle.pages)


def bench_cores(folder: Path, jobs: int) -> int:
    """`legco-kg graph` on the folder's PDFs with one process and with ``jobs``, in pages per
    second, beside pdfplumber's `extract_text` on the same pages serially and in ``jobs``
    processes; the machine's load is printed before and after (a shared machine slows both)."""
    from concurrent.futures import ProcessPoolExecutor

    from .build import _load_pipeline, build_corpus
    from .cli import output_name
    from .papers import rows_for

    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        print(f"bench: no PDFs in {folder}/", file=sys.stderr)
        return 2
    print(f"cores: {len(pdfs)} PDFs of {folder}/, -j 1 and -j {jobs}; before: {_load_note()}")
    names = {p: output_name(p, pdfs) for p in pdfs}
    rows = rows_for(pdfs)
    _load_pipeline()  # the serial run starts warm, as the workers do (they are forked after this)
    context = multiprocessing.get_context("fork")
    seconds: dict[str, tuple[float, float]] = {}  # run → (wall seconds, CPU seconds of all its processes)

    def timed(label: str, work: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        result = work()
        seconds[label] = (time.perf_counter() - wall, _cpu_seconds() - cpu)
        return result

    pages = timed("pdfplumber -j 1", lambda: sum(map(_pdfplumber_pages, pdfs)))

    def pdfplumber_pool() -> None:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            list(pool.map(_pdfplumber_pages, pdfs))

    timed(f"pdfplumber -j {jobs}", pdfplumber_pool)
    outputs = []
    for run_jobs in (1, jobs):
        with tempfile.TemporaryDirectory(prefix="legco-kg-bench-") as out:
            timed(f"legco-kg graph -j {run_jobs}", lambda: build_corpus(pdfs, names, Path(out), rows=rows, jobs=run_jobs))
            # the store as its record: RocksDB's own files differ from run to run whatever they hold
            outputs.append({p.relative_to(out): p.read_bytes() for p in Path(out).rglob("*") if p.is_file()
                            and (p.parent.name != "store" or p.name == "legco-kg-store.json")})
    # CPU seconds over wall seconds: the cores a run had; under another load it is below ``jobs``.
    print(f"{'run':<24}{'seconds':>9}{'pages/s':>9}{'CPU s':>9}{'cores had':>11}")
    for label, (taken, cpu) in seconds.items():
        print(f"{label:<24}{taken:>9.1f}{pages / taken:>9.1f}{cpu:>9.1f}{cpu / taken:>11.2f}")
    (serial, serial_cpu), (parallel, parallel_cpu) = seconds["legco-kg graph -j 1"], seconds[f"legco-kg graph -j {jobs}"]
    speedup = serial / parallel
    print(f"{pages} pages; -j {jobs} is {speedup:.2f}× -j 1 (target ≥ {0.9 * jobs:.2f}×: 0.9 × {jobs} workers): "
          f"{'met' if speedup >= 0.9 * jobs else 'not met'}; it spent {parallel_cpu / serial_cpu:.2f}× the CPU of "
          f"-j 1; outputs {'identical' if outputs[0] == outputs[1] else 'DIFFER'}")
    print(f"after: {_load_note()}")
    return 0 if outputs[0] == outputs[1] else 1


#: Papers of the corpus small enough to copy a thousand times into a run of minutes.
SCALE_MAX_PAGES = 8
SCALE_MAX_TEXT_BYTES = 64 * 1024


def scale_sources(folder: Path) -> list[Path]:
    """The folder's papers of at most `SCALE_MAX_PAGES` pages (PDFs) or `SCALE_MAX_TEXT_BYTES` (text)."""
    import pdfplumber

    from .cli import expand_papers

    sources = []
    for paper in expand_papers([str(folder)]):
        if paper.suffix.lower() == ".pdf":
            with pdfplumber.open(paper) as handle:
                if len(handle.pages) <= SCALE_MAX_PAGES:
                    sources.append(paper)
        elif paper.stat().st_size <= SCALE_MAX_TEXT_BYTES:
            sources.append(paper)
    return sources


def synthetic_corpus(sources: list[Path], count: int, folder: Path) -> list[Path]:
    """``count`` papers in ``folder``: ``sources`` in turn, hard-linked (copied across file
    systems) as ``s0001-<name>`` …, so that every paper is a real one under a new name."""
    folder.mkdir(parents=True, exist_ok=True)
    papers = []
    for index in range(count):
        source = sources[index % len(sources)]
        target = folder / f"s{index + 1:04d}-{source.name}"
        try:
            os.link(source, target)
        except OSError:
            target.write_bytes(source.read_bytes())
        papers.append(target)
    return papers


def _memory(pid: int) -> tuple[float, float] | None:
    """(RSS, peak RSS) of a process in MiB, from /proc; None once it is gone."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@dataclass
class _Sample:
    seconds: float
    built: int  # graphs built so far (progress lines): 0 while the papers are read
    parent: float  # MiB
    workers: dict[int, float]  # pid → MiB


def bench_scale(folder: Path, count: int, jobs: int, interval: float = 0.5) -> int:
    """Build a synthetic corpus of ``count`` papers with `legco-kg graph -j jobs` in a child
    process, sampling the memory of that process and of each of its workers every ``interval``
    seconds: papers per second, and memory as the graphs are built (it should stay flat)."""
    import subprocess
    import threading

    if not Path("/proc/self/status").exists():
        print("bench: --scale samples memory from /proc (Linux)", file=sys.stderr)
        return 2
    sources = scale_sources(folder)
    if not sources:
        print(f"bench: no papers of at most {SCALE_MAX_PAGES} pages in {folder}/", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="legco-kg-scale-") as tmp:
        corpus = Path(tmp) / "corpus"
        synthetic_corpus(sources, count, corpus)
        print(f"scale: {count} papers ({', '.join(p.name for p in sources)} in turn, hard-linked) in {corpus}/, "
              f"-j {jobs}; before: {_load_note()}")
        command = [sys.executable, "-m", "extractor.cli", "graph", str(corpus), "-o", str(Path(tmp) / "out"),
                   "-j", str(jobs)]
        built = [0]
        lines: list[str] = []

        def follow(stream: Any) -> None:
            for line in stream:
                if line.startswith("["):
                    built[0] = int(line[1:line.index("/")])
                else:
                    lines.append(line.rstrip("\n"))

        start = time.perf_counter()
        child = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                 encoding="utf-8")
        reader = threading.Thread(target=follow, args=(child.stderr,), daemon=True)
        reader.start()
        samples: list[_Sample] = []
        peaks: dict[int, float] = {}
        while child.poll() is None:
            parent = _memory(child.pid)
            workers = {pid: m for pid in _children(child.pid) if (m := _memory(pid))}
            if parent:
                peaks[child.pid] = max(peaks.get(child.pid, 0.0), parent[1])
                for pid, (_, peak) in workers.items():
                    peaks[pid] = max(peaks.get(pid, 0.0), peak)
                samples.append(_Sample(time.perf_counter() - start, built[0], parent[0],
                                       {pid: m[0] for pid, m in workers.items()}))
            time.sleep(interval)
        elapsed = time.perf_counter() - start
        reader.join(5)
    print(format_scale(samples, peaks, child.pid, count, elapsed, child.returncode))
    print("\n".join(f"  {line}" for line in lines[-3:]))
    print(f"after: {_load_note()}")
    return 0 if child.returncode == 0 else 1


def format_scale(samples: list[_Sample], peaks: dict[int, float], parent: int, count: int, elapsed: float,
                 code: int) -> str:
    """Papers per second, then memory per tenth of the graphs built (MiB, the most seen in that
    tenth): the parent, and each worker by its rank; then the peaks."""
    workers = sorted({pid for s in samples for pid in s.workers})
    lines = [f"{count} papers in {elapsed:.1f} s = {count / elapsed:.2f} papers/s (exit {code})",
             f"{'graphs built':<16}{'parent MiB':>11}" + "".join(f"{f'worker {n + 1}':>11}" for n in range(len(workers)))]
    total = max((s.built for s in samples), default=0) or 1
    stages = [("reading", [s for s in samples if s.built == 0])]
    for tenth in range(1, 11):
        low, high = (tenth - 1) * total / 10, tenth * total / 10
        stages.append((f"≤ {round(high)}", [s for s in samples if low < s.built <= high]))
    for label, chosen in stages:
        if not chosen:
            continue
        seen = [[s.workers[pid] for s in chosen if pid in s.workers] for pid in workers]
        lines.append(f"{label:<16}{max(s.parent for s in chosen):>11.0f}"
                     + "".join(f"{max(rss):>11.0f}" if rss else f"{'-':>11}" for rss in seen))
    lines.append(f"{'peak (VmHWM)':<16}{peaks.get(parent, 0.0):>11.0f}"
                 + "".join(f"{peaks.get(pid, 0.0):>11.0f}" for pid in workers))
    return "\n".join(lines)


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


def _graphs_and_queries(graphs: Path, query_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The graph files of a folder and the (name, text) of each `queries/*.rq` but the prefixes."""
    from .query import graph_files

    queries = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(query_dir.glob("*.rq"))
               if p.name != "prefixes.rq"]
    return graph_files(graphs), queries


def bench_queries(graphs: Path, query_dir: Path, target: int = DEFAULT_QUADS,
                  limit: float = DEFAULT_QUERY_LIMIT) -> int:
    from .query import QueryError

    try:
        files, queries = _graphs_and_queries(graphs, query_dir)
    except QueryError as err:
        print(f"bench: {err}", file=sys.stderr)
        return 2
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

    from .query import MERGE_DEFAULT_GRAPH, QueryError

    try:
        files, queries = _graphs_and_queries(graphs, query_dir)
    except QueryError as err:
        print(f"bench: {err}", file=sys.stderr)
        return 2
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
