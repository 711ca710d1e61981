"""`legco-kg graph`: build every paper of a corpus into `graphs/`, incrementally.

Per paper: `<name>.document.json` (the parsed Document), `<name>.facts.json` (the gold
format) and `<name>.trig` (its named graph). For the whole run: `reference.trig` (the
ontology and the reference data as named graphs) and `legco-kg.nq`, all of them merged
for loading elsewhere; and `store/`, an on-disk Oxigraph store of the same graphs that
queries open (see `extractor.store`), updated graph by graph. A paper is rebuilt only when
its file, the code or the ontology changed; `manifest.json` remembers what each output was
built from.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .files import write_atomic
from .papers import PaperRow
from .store import NQUADS as CACHE  # per-paper sorted N-Quads, merged into `MERGED`
from .store import nquads_path

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .cluster import Cluster

PACKAGE_DIR = Path(__file__).resolve().parent
ONTOLOGY_DIR = PACKAGE_DIR.parent / "ontology"
MANIFEST = "manifest.json"
MERGED = "legco-kg.nq"
REFERENCE = "reference.trig"
#: ontology file → the named graph it goes into in `reference.trig`.
REFERENCE_GRAPHS = {"policy.ttl": "graph/vocab", "reference.ttl": "graph/reference"}
#: Up to this many papers to read a worker, each PDF's pages are counted (from its page tree, some
#: 10 ms a PDF) to read the longest first; with more, file sizes give the order: enough papers
#: then keep every worker busy to the end.
COUNT_PAGES_UP_TO = 16
#: A long PDF is read in parts of at least this many pages, so that a worker's fair share of the
#: corpus is some `PARTS_A_WORKER` parts (its time is then ~10 % more CPU, for ~1 s less waiting).
MIN_PART_PAGES = 16
PARTS_A_WORKER = 6
#: A page's worth of bytes: of text (some 1,000 Chinese or 3,000 English characters), of a PDF.
TEXT_BYTES_A_PAGE = 3_000
PDF_BYTES_A_PAGE = 30_000
#: Niceness of local worker processes: the parent, which loads each graph into the store as it
#: lands, keeps pace with the workers instead of catching up alone once they are done.
WORKER_NICENESS = 10
#: Where this process reads a paper when not at its own path (a cluster worker sets it per task).
PAPER_SOURCE: ContextVar[Callable[[Path], Path | None]] = ContextVar("paper_source", default=lambda paper: None)


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


@dataclass(frozen=True)
class GraphUnit:
    """What one `.trig` is built from: one paper file, or the zh and en versions of one paper;
    ``others`` are further files of those versions (`x.txt` beside `x.pdf`), recorded, not read."""

    name: str
    papers: tuple[Path, ...]
    others: tuple[Path, ...] = ()


#: Of two files of one version of a paper (`x.pdf`, `x.txt`), the graph is read from the first
#: kind here: the PDF is the form LegCo publishes and keeps the pages that evidence cites
#: (`pol:page`), the footnotes and the annex labels; a text file is a copy of it.
SOURCE_PREFERENCE = (".pdf", ".txt")


def file_versions(papers: list[Path]) -> dict[Path, tuple[Path, ...]]:
    """Files that are one version of one paper (same folder and stem, `x.pdf` and `x.txt`):
    the file the graph is read from → the others. `paper.txt` and `paper.TXT` are two papers."""
    groups: dict[tuple[Path, str], list[Path]] = {}
    for paper in papers:
        groups.setdefault((paper.parent, paper.stem), []).append(paper)
    versions = {}
    for files in groups.values():
        suffixes = [f.suffix.lower() for f in files]
        if len(files) < 2 or len(set(suffixes)) != len(files) or not set(suffixes) <= set(SOURCE_PREFERENCE):
            continue
        primary, *others = sorted(files, key=lambda f: SOURCE_PREFERENCE.index(f.suffix.lower()))
        versions[primary] = tuple(others)
    return versions


def read_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """`pairs.csv` of a corpus folder (columns `zh`, `en`: file names in that folder)."""
    from .errors import InputError

    path = folder / "pairs.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = []
    for number, row in enumerate(rows, start=2):
        if not row.get("zh") or not row.get("en"):
            raise InputError(f"{path}:{number}", f"expected the columns zh,en with a file name in each, got {row}")
        zh, en = folder / row["zh"].strip(), folder / row["en"].strip()
        for file in (zh, en):
            if not file.is_file():
                raise InputError(f"{path}:{number}", f"{file.name} is not a paper in {folder}")
        pairs.append((zh, en))
    return pairs


def plan_units(papers: list[Path], names: dict[Path, str], pairs: list[tuple[Path, Path]],
               printed: dict[Path, tuple[str, str | None]]) -> list[GraphUnit]:
    """Group the papers into graphs: the given pairs, then a Chinese and an English paper
    that print the same LC paper number, then every other paper on its own.
    ``printed`` gives each paper's language and printed-number key (or None)."""
    from .errors import InputError

    paired: dict[Path, Path] = {}
    for zh, en in pairs:
        for file in (zh, en):
            if file in paired:
                raise InputError(str(file), "paired twice; a paper has one Chinese and one English version")
        paired[zh], paired[en] = en, zh
    by_number: dict[str, dict[str, list[Path]]] = {}
    for paper in papers:
        language, number = printed[paper]
        if number and paper not in paired:
            by_number.setdefault(number, {}).setdefault("en" if language == "en" else "zh", []).append(paper)
    for versions in by_number.values():
        if len(versions.get("zh", [])) == 1 and len(versions.get("en", [])) == 1:
            zh, en = versions["zh"][0], versions["en"][0]
            paired[zh], paired[en] = en, zh
    units, seen = [], set()
    for paper in papers:
        if paper in seen:
            continue
        if paper in paired:
            zh, en = (paper, paired[paper]) if printed[paper][0] != "en" else (paired[paper], paper)
            units.append(GraphUnit(f"{names[zh]}+{names[en]}", (zh, en)))
            seen.update((zh, en))
        else:
            units.append(GraphUnit(names[paper], (paper,)))
            seen.add(paper)
    return units


def build_corpus(papers: list[Path], names: dict[Path, str], out: Path, reference_date: Any = None,
                 progress: Callable[[int, int, str], None] | None = None,
                 pairs: Sequence[tuple[Path, Path]] = (), jobs: int = 1,
                 rows: dict[Path, PaperRow] | None = None, folders: Sequence[Path] = (),
                 strict: bool = False, cluster: Cluster | None = None) -> BuildReport:
    """Build the outputs of ``papers`` into ``out``; ``names`` gives each paper's output name,
    ``pairs`` the (zh, en) versions to build into one graph, ``rows`` the `papers.csv` rows that
    complete them (changing a row rebuilds its paper). ``jobs`` worker processes read and build
    the papers, or the workers of a Dask ``cluster``; the outputs are the same bytes whatever
    their number.

    ``folders`` are the folders whose papers ``papers`` lists in full: the outputs of a graph
    built earlier from one of them whose papers are gone leave with them; nothing else is ever
    removed (a paper built alone adds to ``out``). The manifest is written as each graph's
    outputs land, and a graph being rebuilt has no entry, so an interrupted run never leaves
    outputs and manifest disagreeing. A paper read with problems (data loss in a damaged PDF)
    is warned about, or fails when ``strict``."""
    import tempfile
    from collections import deque

    from .store import StoreWriter, stamp_for
    from .vocab import paper_key, unique_keys

    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    fingerprint = build_fingerprint()
    if manifest.get("build") != fingerprint or manifest.get("reference_date") != _iso(reference_date):
        # Everything is rebuilt; the graphs stay listed (to merge and to clean up) until they are.
        graphs = {name: {**entry, "inputs": None} for name, entry in manifest.get("graphs", {}).items()}
        manifest = {"build": fingerprint, "reference_date": _iso(reference_date), "files": {}, "graphs": graphs}
    report = BuildReport([], [], [])
    store = StoreWriter(out)  # written here only, in the parent process, as each graph lands
    rows = rows or {}
    hashes = {paper: hashlib.sha256(paper.read_bytes()).hexdigest() for paper in papers}
    printed: dict[Path, tuple[str, str | None]] = {}
    parallel = jobs > 1 or cluster is not None
    with tempfile.TemporaryDirectory(dir=out, prefix=".parsed-") as parsed, _workers(jobs, cluster, out) as run, \
            _beside(parallel) as beside:
        loads: deque[Future[None]] = deque()
        # Language and printed number of each paper, from the manifest when the file is known; a paper
        # read for them is kept (pickled) for its build.
        unknown = [p for p in papers if hashes[p] not in manifest["files"]]
        tasks = [(p, reference_date, rows.get(p), Path(parsed) / hashes[p]) for p in unknown]
        read = _read_papers(run, tasks, jobs, split=jobs > 1 and cluster is None) if parallel \
            else {unknown[index]: result for index, result in run(_read_paper, tasks)}
        # `reference.trig` (the ontology parsed by rdflib: 0.3 s when new) is written while the first
        # graphs are built: before, it would hold up the parent's sending of the papers to read.
        reference = beside(_write_reference, out)
        for paper in (p for p in papers if p in read):  # messages in the order of the papers
            error, known = read[paper]
            if error:
                print(f"legco-kg: {error}", file=sys.stderr)
                report.failed.append(names[paper])
            else:
                manifest["files"][hashes[paper]] = known
        for paper in papers:
            if hashes[paper] in manifest["files"] and names[paper] not in report.failed:
                known = manifest["files"][hashes[paper]]
                if strict and known.get("warnings"):  # read with data loss: an error
                    print(f"legco-kg: {paper}: {known['warnings'][0]} (--strict)", file=sys.stderr)
                    report.failed.append(names[paper])
                    continue
                for problem in known.get("warnings", []):  # on every run, built or unchanged
                    print(f"legco-kg: warning: {paper}: {problem}", file=sys.stderr)
                printed[paper] = (known["language"], known["number"])
        readable = [p for p in papers if p in printed]
        versions = file_versions(readable)
        secondary = {other for others in versions.values() for other in others}
        readable = [p for p in readable if p not in secondary]
        units = plan_units(readable, names, [pair for pair in pairs if all(p in readable for p in pair)], printed)
        units = [GraphUnit(_version_name(u, names, versions), u.papers,
                           tuple(o for p in u.papers for o in versions.get(p, ()))) for u in units]
        stale = []
        for unit in units:
            inputs = [hashes[p] + (f"+{rows[p].digest()}" if p in rows else "") for p in (*unit.papers, *unit.others)]
            if manifest["graphs"].get(unit.name, {}).get("inputs") == inputs and _outputs_exist(out, unit, names):
                report.unchanged.append(unit.name)
            else:
                stale.append((unit, inputs))
        # A paper's key is its printed LC number (versions of one paper share it), else its file
        # name's, made unique where two names give one (`施政報告2024`, `財政預算2024`).
        printed_keys = {u.name: manifest["files"][hashes[u.papers[0]]]["number"] for u in units}
        keys = {**unique_keys({u.name: paper_key(None, u.name if u.others else names[u.papers[0]])
                               for u in units if not printed_keys[u.name]}),
                **{name: key for name, key in printed_keys.items() if key}}
        if parallel:
            stale.sort(key=lambda item: -_build_cost(item[0], hashes, Path(parsed)))
        tasks = [(unit, keys[unit.name], names, hashes, rows, Path(parsed), out, reference_date)
                 for unit, _ in stale]
        for unit, _ in stale:  # no entry while its outputs may be half replaced
            manifest["graphs"].pop(unit.name, None)
        manifest["merged"] = False
        _save(manifest_path, manifest)
        for done, (index, (error, warnings)) in enumerate(run(_build_task, tasks), start=len(report.unchanged) + 1):
            unit, inputs = stale[index]
            if progress:  # counting up, as graphs land (the longest were sent first)
                progress(done, len(units), " + ".join(map(str, unit.papers)))
            for warning in warnings:
                print(f"legco-kg: {warning}", file=sys.stderr)
            if error:
                print(f"legco-kg: {error}", file=sys.stderr)
                report.failed.append(unit.name)
                continue
            manifest["graphs"][unit.name] = {"inputs": inputs, "files": [p.name for p in (*unit.papers, *unit.others)],
                                             "names": [names[p] for p in (*unit.papers, *_other_outputs(unit, names))],
                                             "folder": str(unit.papers[0].parent.resolve())}
            _save(manifest_path, manifest)
            # loaded into the store beside, in the order the graphs land, while the next are built
            loads.append(beside(store.replace, unit.name, stamp_for(manifest, unit.name)))
            while loads and loads[0].done():  # a store that cannot be written stops the build at once
                loads.popleft().result()
            report.built.append(unit.name)
        reference_changed = reference.result()
        order = {unit.name: index for index, unit in enumerate(units)}
        report.built.sort(key=order.__getitem__)
        report.failed.sort(key=lambda name: order.get(name, -1))
        failed_files = {p.name for p in papers if names[p] in report.failed}
        failed_files |= {p.name for u in units if u.name in report.failed for p in (*u.papers, *u.others)}
        removed = _remove_stale(out, manifest, {u.name for u in units}, {str(f.resolve()) for f in folders},
                                {names[p] for u in units for p in (*u.papers, *u.others)}, failed_files)
        if folders:  # a whole folder was read: the files it no longer holds are forgotten
            manifest["files"] = {h: manifest["files"][h] for h in sorted(set(hashes.values()))
                                 if h in manifest["files"]}
        if report.built or reference_changed or removed or not manifest.get("merged", True) \
                or not (out / MERGED).exists():
            _write_merged(out, sorted(manifest["graphs"]))  # while the last graphs go into the store
        while loads:  # (no name for a future: a failed one would hold the store open through its traceback)
            loads.popleft().result()
    manifest["merged"] = True
    _save(manifest_path, manifest)
    store.sync(manifest)  # the reference graph, papers that left, an earlier run's interrupted update
    store.close()
    return report


def _version_name(unit: GraphUnit, names: dict[Path, str], versions: dict[Path, tuple[Path, ...]]) -> str:
    """A graph of a paper with two files (`x.pdf`, `x.txt`) is named by their stem (`x`)."""
    if len(unit.papers) == 1 and versions.get(unit.papers[0]):
        name = names[unit.papers[0]]
        suffix = unit.papers[0].suffix
        return name[: -len(suffix)] if name.lower().endswith(suffix.lower()) else name
    return unit.name


def _save(path: Path, manifest: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


#: ``run(task, args)``: ``task`` of each of ``args``, yielded as (the arg's index, its result).
Run = Callable[[Callable[[Any], Any], list[Any]], Iterator[tuple[int, Any]]]


@contextmanager
def _workers(jobs: int, cluster: Cluster | None = None, out: Path = Path(".")) -> Iterator[Run]:
    """A `Run`: on the workers of a Dask ``cluster`` (which send back the files a task writes
    into ``out``; results in the order of the args), in this process for one job, else in a
    pool of ``jobs`` processes that each load the pipeline once (results as they finish, so
    that the parent loads each graph into the store as soon as it lands)."""
    if cluster is not None:
        from .cluster import dask_workers

        with dask_workers(cluster, out) as run:
            yield lambda task, args: enumerate(run(task, args))
        return
    if jobs <= 1:
        yield lambda task, args: enumerate(map(task, args))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    def run(task: Callable[[Any], Any], args: list[Any]) -> Iterator[tuple[int, Any]]:
        futures = {pool.submit(task, arg): index for index, arg in enumerate(args)}
        for future in as_completed(futures):
            yield futures[future], future.result()

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker) as pool:
        yield run


@contextmanager
def _beside(parallel: bool) -> Iterator[Callable[..., Future[Any]]]:
    """``beside(call, *args)``: the parent's own work (the store, `reference.trig`), in a thread
    beside the build loop when workers build the papers, so that it overlaps theirs; else done
    at once, so that one job keeps to one core."""
    from concurrent.futures import Future, ThreadPoolExecutor

    if parallel:
        with ThreadPoolExecutor(max_workers=1) as thread:
            yield thread.submit
        return

    def at_once(call: Callable[..., Any], *args: Any) -> Future[Any]:
        done: Future[Any] = Future()
        done.set_result(call(*args))
        return done

    yield at_once


def _start_worker() -> None:
    """A local worker yields a little to the parent (`WORKER_NICENESS`), then loads the pipeline."""
    import os

    os.nice(WORKER_NICENESS)
    _load_pipeline()


def _page_count(paper: Path) -> int | None:
    """A PDF's pages as its page tree declares them (None for a text or a damaged PDF)."""
    from .ingest.pdf import page_count

    return page_count(paper) if paper.suffix.lower() == ".pdf" else None


def _size_in_pages(paper: Path) -> float:
    """About how many pages a paper has, from its size: a text's over a page's worth of text, a PDF's."""
    return paper.stat().st_size / (PDF_BYTES_A_PAGE if paper.suffix.lower() == ".pdf" else TEXT_BYTES_A_PAGE)


def _build_cost(unit: GraphUnit, hashes: dict[Path, str], parsed: Path) -> int:
    """How long building ``unit`` takes, as the size of its papers' parsed documents (else files)."""
    return sum((kept.stat().st_size if (kept := parsed / hashes[p]).exists() else p.stat().st_size)
               for p in unit.papers)


def _load_pipeline() -> None:
    """Load jieba's dictionary and the gazetteer once in a worker, before its first paper."""
    from .nlp import zh_tokens
    from .recognizers.orgs import load_gazetteer

    zh_tokens("政府")
    load_gazetteer()


@dataclass(frozen=True, slots=True)
class _PartTask:
    """Some pages of a long PDF, read by one worker and kept at ``keep`` to be joined."""

    paper: Path
    pages: slice
    keep: Path


def _read_papers(run: Run, tasks: list[Any], jobs: int,
                 split: bool) -> dict[Path, tuple[str | None, dict[str, Any] | None]]:
    """`_read_paper` of each task on ``jobs`` workers, the longest papers first, so that no
    worker is left alone with one at the end; with ``split``, a PDF longer than a worker's
    fair share of parts is read in parts by several workers, then joined by one."""
    import math

    count = len(tasks) <= COUNT_PAGES_UP_TO * jobs  # else enough papers keep every worker busy
    pages = {task[0]: _page_count(task[0]) if count else None for task in tasks}
    costs = {task[0]: pages[task[0]] or _size_in_pages(task[0]) for task in tasks}
    share = max(MIN_PART_PAGES, math.ceil(sum(costs.values()) / (PARTS_A_WORKER * jobs)))
    work: list[tuple[float, Any]] = []
    parts: dict[Path, list[Path]] = {}
    joins = []
    for task in tasks:
        paper, keep = task[0], task[3]
        number = math.ceil((pages[paper] or 0) / share) if split else 0
        if number < 2:
            work.append((costs[paper], task))
            continue
        size = math.ceil(costs[paper] / number)
        parts[paper] = [keep.with_name(f"{keep.name}.part{i}") for i in range(number)]
        work += [(size, _PartTask(paper, slice(i * size, (i + 1) * size if i < number - 1 else None), part))
                 for i, part in enumerate(parts[paper])]
        joins.append((*task, tuple(parts[paper])))
    work.sort(key=lambda item: -item[0])
    read: dict[Path, Any] = {}
    errors: dict[Path, list[tuple[int, str]]] = {}
    for index, result in run(_read_task, [task for _, task in work]):
        task = work[index][1]
        if isinstance(task, _PartTask):
            if result:
                errors.setdefault(task.paper, []).append((task.pages.start, result))
        else:
            read[task[0]] = result
    for paper in parts:
        if paper in errors:  # the first bad page's, as reading the paper whole would say
            read[paper] = (min(errors[paper])[1], None)
    joins = [task for task in joins if task[0] not in errors]
    read.update((joins[index][0], result) for index, result in run(_read_paper, joins))
    return read


def _read_task(task: Any) -> Any:
    return _read_part(task) if isinstance(task, _PartTask) else _read_paper(task)


def _read_part(task: _PartTask) -> str | None:
    """Read some pages of a paper into ``task.keep``; returns the error, if any."""
    import pickle

    from .errors import InputError
    from .ingest import load_pages

    try:
        pages = load_pages(task.paper, task.pages)
    except InputError as err:
        return str(err)
    task.keep.write_bytes(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL))
    return None


def _read_paper(task: tuple[Any, ...]) -> tuple[str | None, dict[str, Any] | None]:
    """Parse one paper, task ``(paper, reference_date, row, keep[, parts])``: (error, None), or
    (None, its language and printed-number key), keeping the parsed document at ``keep`` for its
    build. A paper with ``parts`` was read in parts (`_read_part`) and is joined here."""
    import pickle

    from .errors import InputError
    from .papers import complete
    from .parse import parse_paper, parse_parts
    from .vocab import paper_key

    paper, reference_date, row, keep, *more = task
    try:
        if more:
            doc = complete(parse_parts(paper, [pickle.loads(part.read_bytes()) for part in more[0]], reference_date),
                           row)
        else:
            doc = complete(parse_paper(paper, reference_date, source=PAPER_SOURCE.get()(paper)), row)
    except InputError as err:
        return str(err), None
    keep.write_bytes(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    number = paper_key(doc.metadata.paper_number, "x") if doc.metadata.paper_number else None
    return None, {"language": doc.metadata.language, "number": number, "warnings": list(doc.warnings)}


def _build_task(task: tuple[GraphUnit, str, dict[Path, str], dict[Path, str], dict[Path, PaperRow], Path, Path, Any]
                ) -> tuple[str | None, list[str]]:
    """Build one graph's outputs: the error message of a bad paper (else ``None``) and the warnings."""
    from .errors import InputError

    unit, key, names, hashes, rows, parsed, out, reference_date = task
    try:
        return None, _build_unit(unit, key, names, hashes, rows, parsed, out, reference_date)
    except InputError as err:
        return str(err), []
    except OSError as err:  # an output that cannot be written (a full disk): this graph fails, the rest go on
        return f"{err.filename or out}: cannot write ({err.strerror or err})", []


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _other_outputs(unit: GraphUnit, names: dict[Path, str]) -> list[Path]:
    """The other files of the unit's versions that have output names of their own."""
    own = {names[p] for p in unit.papers}
    return [o for o in unit.others if names[o] not in own]


def _outputs_exist(out: Path, unit: GraphUnit, names: dict[Path, str]) -> bool:
    files = [out / f"{unit.name}.trig", nquads_path(out, unit.name)]
    files += [out / f"{names[p]}{suffix}" for p in (*unit.papers, *_other_outputs(unit, names))
              for suffix in (".facts.json", ".document.json")]
    return all(f.exists() for f in files)


def _remove_stale(out: Path, manifest: dict[str, Any], graphs: set[str], folders: set[str], outputs: set[str],
                  failed: set[str]) -> bool:
    """Remove the outputs of the graphs built earlier from one of ``folders`` (read in full
    this run) that this run did not build, unless one of their papers failed to read: only the
    files the manifest says the build wrote, never one of this run's ``outputs``. Returns
    whether a graph left (the merged dataset then changes)."""
    gone = [name for name, entry in manifest["graphs"].items()
            if name not in graphs and entry.get("folder") in folders and not set(entry.get("files", [])) & failed]
    for name in gone:
        entry = manifest["graphs"].pop(name)
        (out / f"{name}.trig").unlink(missing_ok=True)
        nquads_path(out, name).unlink(missing_ok=True)
        for paper in entry.get("names", []):
            if paper not in outputs:
                (out / f"{paper}.facts.json").unlink(missing_ok=True)
                (out / f"{paper}.document.json").unlink(missing_ok=True)
    return bool(gone)


def _build_unit(unit: GraphUnit, key: str, names: dict[Path, str], hashes: dict[Path, str],
                rows: dict[Path, PaperRow], parsed: Path, out: Path, reference_date: Any) -> list[str]:
    """Write the outputs of one graph, whose paper IRI key is ``key`` (its printed LC number, else
    its file name; unique in the corpus); returns the warnings about its papers."""
    import pickle

    from .extract import extract
    from .papers import complete, undated_warning
    from .parse import document_json, parse_paper
    from .rdf import PaperSource, bilingual_triples, nquad_lines, trig_pieces

    def read(paper: Path) -> tuple[Path, Any, dict[str, Any]]:
        kept = parsed / hashes[paper]
        doc = pickle.loads(kept.read_bytes()) if kept.exists() else complete(
            parse_paper(paper, reference_date, source=PAPER_SOURCE.get()(paper)), rows.get(paper))
        return paper, doc, extract(doc)

    versions = [read(paper) for paper in unit.papers]

    def source(paper: Path) -> PaperSource:
        others = tuple((o.suffix.lstrip(".").lower(), hashes[o]) for o in unit.others
                       if o.parent == paper.parent and o.stem == paper.stem)
        return PaperSource(key, paper.suffix.lstrip(".").lower(), hashes[paper], others)

    graph = bilingual_triples([(doc, facts, source(paper)) for paper, doc, facts in versions], spill_folder=out)
    # The other file of a version (`x.txt` beside `x.pdf`) keeps its own parsed document and facts
    # (`x.txt.facts.json`), which `legco-kg eval` and a reader may compare; the graph has one.
    for paper, doc, facts in versions + [read(o) for o in _other_outputs(unit, names)]:
        write_atomic(out / f"{names[paper]}.document.json", _json_pieces(document_json(doc), sort_keys=True))
        write_atomic(out / f"{names[paper]}.facts.json", _json_pieces(facts))
    warnings = [warning for _, doc, _ in versions if (warning := undated_warning(doc))]
    del versions, doc, facts  # written: the graph's files need neither
    write_atomic(nquads_path(out, unit.name), nquad_lines([graph]))
    write_atomic(out / f"{unit.name}.trig", trig_pieces([graph]))
    graph.close()
    return warnings


def _json_pieces(value: Any, sort_keys: bool = False) -> Iterator[str]:
    """``json.dumps(value, ensure_ascii=False, indent=1) + "\\n"`` in pieces, written as made."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=sort_keys).iterencode(value)
    yield "\n"


def _write_reference(out: Path) -> bool:
    """`reference.trig`: the ontology files as named graphs. Returns whether it changed."""
    sources = [(ONTOLOGY_DIR / f, g) for f, g in sorted(REFERENCE_GRAPHS.items()) if (ONTOLOGY_DIR / f).exists()]
    target = out / REFERENCE
    stamp = hashlib.sha256(b"".join(p.read_bytes() for p, _ in sources)).hexdigest()
    stamp_line = f"# built from ontology/ {stamp}\n"
    if target.exists() and nquads_path(out, "reference").exists() and target.read_text("utf-8").startswith(stamp_line):
        return False
    from rdflib import Graph

    from .rdf import to_nquads, to_trig
    from .vocab import ID

    graphs = []
    for path, graph_name in sources:
        graph = Graph(identifier=ID[graph_name])
        graph.parse(path, format="turtle")
        graphs.append(graph)
    write_atomic(nquads_path(out, "reference"), to_nquads(graphs))
    write_atomic(target, stamp_line + to_trig(graphs))
    return True


#: Most per-paper N-Quads files merged at once; more are merged in rounds through temporary files.
MERGE_FAN_IN = 256


def _write_merged(out: Path, names: list[str]) -> None:
    """All papers and the reference graphs as one sorted N-Quads file, merged from the sorted
    per-paper files a line at a time (a quad two graphs share written once), so that memory
    does not grow with the corpus."""
    import tempfile

    paths = [path for name in ["reference", *names] if (path := nquads_path(out, name)).exists()]
    if len(paths) <= MERGE_FAN_IN:
        _merge_sorted(paths, lambda lines: write_atomic(out / MERGED, lines))
        return
    with tempfile.TemporaryDirectory(dir=out / CACHE, prefix=".merge-") as rounds:
        while len(paths) > MERGE_FAN_IN:
            merged = []
            for number in range(0, len(paths), MERGE_FAN_IN):
                merged.append(Path(rounds) / f"{len(merged)}-{number}.nq")
                with merged[-1].open("w", encoding="utf-8", newline="") as handle:
                    _merge_sorted(paths[number:number + MERGE_FAN_IN], handle.writelines)
            paths = merged
        _merge_sorted(paths, lambda lines: write_atomic(out / MERGED, lines))


def _merge_sorted(paths: list[Path], write: Callable[[Iterator[str]], None]) -> None:
    """Hand ``write`` the lines of the sorted files ``paths`` in order, each line once."""
    import heapq
    from contextlib import ExitStack

    with ExitStack() as stack:
        files = [stack.enter_context(path.open(encoding="utf-8", newline="")) for path in paths]
        write(_unique(line for line in heapq.merge(*files) if line.strip()))


def _unique(lines: Iterator[str]) -> Iterator[str]:
    """Sorted lines without their repeats (each line ends with a newline)."""
    previous = None
    for line in lines:
        if not line.endswith("\n"):
            line += "\n"
        if line != previous:
            yield line
            previous = line
