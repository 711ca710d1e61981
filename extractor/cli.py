"""`legco-kg` command line: thin argparse subcommands over the library; the only place
where errors become messages and exit codes (0 ok, 2 bad input or usage)."""

from __future__ import annotations

import argparse
import os
import json
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import __version__
from .errors import CorruptPdf, ExtractorError, InputError
from .files import STDOUT, OutputError, check_folder, check_output, write_output

if TYPE_CHECKING:
    from .cluster import Cluster
    from .types import Document

T = TypeVar("T")
EXIT_BAD_INPUT = 2
STRICT_HELP = "a paper read with problems (data loss in a damaged PDF) is an error, not a warning"


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes of 1 or more, got {text!r}")
    return jobs


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; expected YYYY-MM-DD") from None


def expand_papers(inputs: Iterable[str], problems: list[str] | None = None) -> list[Path]:
    """Files as given; a directory stands for the papers (`.pdf`, `.txt`) inside it (an entry
    named like a paper that is not a file, such as a directory `x.pdf`, is listed, to be
    reported when read). A folder without papers adds a message to ``problems``."""
    from .ingest import SUPPORTED_SUFFIXES

    papers: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES
                           and not p.name.startswith(".") and p.name.upper() != "SOURCES.MD")
            if not found and problems is not None:
                problems.append(f"no papers (.pdf, .txt) in {item}")
            papers.extend(found)
        else:
            papers.append(path)
    return papers


def report_problems(problems: list[str]) -> int:
    """Print each problem as one message; returns their number."""
    for problem in problems:
        print(f"legco-kg: {problem}", file=sys.stderr)
    return len(problems)


def output_name(paper: Path, papers: list[Path]) -> str:
    """The output name of a paper: its stem, or `stem.suffix` when two versions of one
    paper (`x.pdf`, `x.txt`) are in the same run (the suffix as written when only its case
    tells two files apart)."""
    same_stem = [p for p in papers if p.stem == paper.stem]
    if len(same_stem) == 1:
        return paper.stem
    suffix = paper.suffix.lstrip(".")
    if sum(1 for p in same_stem if p.suffix.lower() == paper.suffix.lower()) > 1:
        return f"{paper.stem}.{suffix}"  # `paper.txt` and `paper.TXT`: the suffix as written
    return f"{paper.stem}.{suffix.lower()}"


def run_batch(papers: list[Path], work: Callable[[Path], T], progress: bool = False) -> tuple[list[tuple[Path, T]], int]:
    """Run ``work`` on every paper; a bad paper is reported on stderr and skipped.
    Returns the results and the number of papers that failed."""
    results: list[tuple[Path, T]] = []
    failures = 0
    for number, paper in enumerate(papers, start=1):
        if progress:
            print(f"[{number}/{len(papers)}] {paper}", file=sys.stderr, flush=True)
        try:
            results.append((paper, work(paper)))
        except InputError as err:
            failures += 1
            print(f"legco-kg: {err}", file=sys.stderr)
    return results, failures


def paper_reader(papers: list[Path], reference_date: date | None, strict: bool = False) -> Callable[[Path], Document]:
    """Parse a paper completed by its folder's `papers.csv` row, warning when it has no date or
    was read with problems (data loss in a damaged PDF; an error when ``strict``)."""
    from .papers import complete, rows_for, undated_warning
    from .parse import parse_paper

    rows = rows_for(papers)

    def read(paper: Path) -> Document:
        doc = complete(parse_paper(paper, reference_date), rows.get(paper))
        if strict and doc.warnings:
            raise CorruptPdf(str(paper), f"{doc.warnings[0]} (--strict)")
        for problem in doc.warnings:
            print(f"legco-kg: warning: {paper}: {problem}", file=sys.stderr)
        warning = undated_warning(doc)
        if warning:
            print(f"legco-kg: {warning}", file=sys.stderr)
        return doc

    return read


def output_folder(text: str, command: str) -> Path:
    """The folder of ``-o DIR``, refused early when it is something else (or ``-``)."""
    if text == STDOUT:
        raise OutputError("-o -", f"{command} writes files into a folder, not to standard output; "
                                  "give the folder with -o DIR")
    check_folder(text)
    return Path(text)


def cmd_parse(args: argparse.Namespace) -> int:
    from .parse import document_json

    check_output(args.output)
    problems: list[str] = []
    papers = expand_papers(args.papers, problems)
    outputs: list[str] = []
    failed = report_problems(problems)
    results, failures = run_batch(papers, paper_reader(papers, args.reference_date, args.strict))
    failed += failures
    for _paper, doc in results:
        if args.json:
            outputs.append(json.dumps(document_json(doc), ensure_ascii=False, indent=None if len(papers) > 1 else 1))
        else:
            outputs.append(_document_text(doc))
    text = "\n".join(outputs) + ("\n" if outputs else "")
    if outputs:
        write_output(args.output, text)
    return EXIT_BAD_INPUT if failed else 0


def _document_text(doc) -> str:  # type: ignore[no-untyped-def]
    meta = doc.metadata
    lines = [f"# {doc.paper} ({meta.language}, {meta.reference_date or 'no date'})"]
    if meta.paper_number:
        lines.append(f"# {meta.paper_number}")
    for block in doc.blocks:
        number = f"{block.number} " if block.number else ""
        pages = ",".join(map(str, block.pages))
        lines.append(f"{block.where:<8} {block.kind:<9} p.{pages:<6} {number}{block.text}")
    return "\n".join(lines)


def cmd_graph(args: argparse.Namespace) -> int:
    """Build every paper of a corpus into the output folder (see `extractor.build`):
    document, facts and named graph per paper, the reference graphs and the merged dataset.
    Only papers whose file, code or ontology changed are rebuilt."""
    from .build import build_corpus, read_pairs
    from .ingest import check_paper
    from .papers import rows_for

    problems: list[str] = []
    papers = expand_papers(args.papers, problems)
    failed = report_problems(problems)
    if not papers and not args.pair:
        if not failed:
            print(f"legco-kg: no papers (.pdf, .txt) in {' '.join(args.papers) or 'the arguments'}", file=sys.stderr)
        return EXIT_BAD_INPUT
    pairs = [pair for item in args.papers if Path(item).is_dir() for pair in read_pairs(Path(item))]
    for zh, en in args.pair or []:
        pairs.append((Path(zh), Path(en)))
        papers.extend(p for p in (Path(zh), Path(en)) if p not in papers)
    unreadable = []
    for paper in papers:  # before anything is read: a FIFO would block, a directory is no paper
        try:
            check_paper(paper)
        except InputError as err:
            print(f"legco-kg: {err}", file=sys.stderr)
            unreadable.append(paper)
    papers = [p for p in papers if p not in unreadable]
    # A folder with an unreadable entry is not read in full: none of its outputs leave this run.
    folders = [Path(item) for item in args.papers if Path(item).is_dir()
               and not any(p.parent == Path(item) for p in unreadable)]
    out = output_folder(args.output, "graph")
    cluster = _cluster(args)
    started = time.perf_counter()

    def progress(number: int, total: int, label: str) -> None:
        print(f"[{number}/{total}] {time.perf_counter() - started:6.1f}s {label}", file=sys.stderr, flush=True)

    rows = rows_for(papers)
    pairs += [(paper, paper.parent / row.paired) for paper, row in rows.items()
              if row.paired and (paper, paper.parent / row.paired) not in pairs
              and (paper.parent / row.paired, paper) not in pairs and paper.parent / row.paired in papers]
    report = build_corpus(papers, {p: output_name(p, papers) for p in papers}, out, args.reference_date,
                          progress=None if args.quiet else progress, pairs=pairs, jobs=args.jobs, rows=rows,
                          folders=folders, strict=args.strict, cluster=cluster)
    print(f"{len(report.built)} built, {len(report.unchanged)} unchanged in {out}/"
          + (f", {len(report.failed)} failed" if report.failed else "")
          + f" ({time.perf_counter() - started:.1f}s)", file=sys.stderr)
    return EXIT_BAD_INPUT if report.failed or failed or unreadable else 0


def _cluster(args: argparse.Namespace) -> Cluster | None:
    """The Dask cluster of ``--dask`` (Dask imported only then), checked before any work."""
    from .cluster import Cluster, ClusterError, check_corpus_url, require_dask

    if args.corpus_url and not args.dask:
        raise ClusterError("--corpus-url says where Dask workers read the papers; give --dask ADDRESS too")
    if not args.dask:
        return None
    require_dask()
    corpus = None
    if args.corpus_url:
        folders = [Path(item) for item in args.papers if Path(item).is_dir()]
        if len(folders) != 1 or len(folders) != len(args.papers) or args.pair:
            raise ClusterError("--corpus-url stands for one corpus folder; expected one folder, "
                               f"got {' '.join(args.papers) or 'none'}")
        check_corpus_url(args.corpus_url)
        corpus = folders[0]
    return Cluster(args.dask, args.corpus_url, corpus)


def cmd_align(args: argparse.Namespace) -> int:
    """Report where the Chinese and English versions of one paper disagree; exit 1 when they do."""
    from .align import disagreements, report_text
    from .extract import extract
    from .parse import parse_paper
    from .rdf import PaperSource, bilingual_graph, file_sha256
    from .vocab import paper_key

    versions = []
    for path, expected in ((Path(args.zh), "zh"), (Path(args.en), "en")):
        if not path.is_file():
            raise InputError(str(path), "no such paper file")
        doc = parse_paper(path, args.reference_date)
        if doc.metadata.language.startswith("zh") != (expected == "zh"):
            raise InputError(str(path), f"expected the {'Chinese' if expected == 'zh' else 'English'} version, "
                                        f"but the paper is in {doc.metadata.language}")
        versions.append((path, doc))
    key = paper_key(versions[0][1].metadata.paper_number, versions[0][0].stem)
    graph = bilingual_graph([(doc, extract(doc), PaperSource(key, path.suffix.lstrip(".").lower(),
                                                            file_sha256(path.read_bytes())))
                             for path, doc in versions])
    found = disagreements(graph)
    if args.json:
        sys.stdout.write(json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(report_text(found))
    return 1 if found else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract

    out = output_folder(args.output, "extract")
    problems: list[str] = []
    papers = expand_papers(args.papers, problems)
    failed = report_problems(problems)
    read = paper_reader(papers, args.reference_date, args.strict)
    results, failures = run_batch(papers, lambda p: extract(read(p)), progress=len(papers) > 1)
    failed += failures
    for paper, facts in results:
        try:
            write_output(out / f"{output_name(paper, papers)}.facts.json",
                         json.dumps(facts, ensure_ascii=False, indent=1) + "\n")
        except OutputError as err:
            failed += 1
            print(f"legco-kg: {err}", file=sys.stderr)
    return EXIT_BAD_INPUT if failed else 0


def cmd_info(args: argparse.Namespace) -> int:
    """A corpus overview with its warnings (see `extractor.info`)."""
    from .extract import extract
    from .info import format_info, paper_info
    from .papers import complete, rows_for
    from .parse import parse_paper

    papers = expand_papers(args.papers or ["corpus"])
    if not papers:
        print(f"legco-kg: no papers (.pdf, .txt) in {' '.join(args.papers or ['corpus'])}", file=sys.stderr)
        return EXIT_BAD_INPUT
    rows = rows_for(papers)

    def describe(paper: Path):  # type: ignore[no-untyped-def]
        doc = parse_paper(paper, args.reference_date)
        row = rows.get(paper)
        source = ("--reference-date" if args.reference_date else "printed" if doc.metadata.reference_date
                  else "papers.csv" if row and row.reference_date else "none")
        doc = complete(doc, row)
        return paper_info(doc, extract(doc), source)

    results, failed = run_batch(papers, describe, progress=len(papers) > 1 and not args.json)
    infos = [info for _, info in results]
    if args.json:
        sys.stdout.write(json.dumps([info.as_json() for info in infos], ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(format_info(infos))
    return EXIT_BAD_INPUT if failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import run_eval

    return run_eval(Path(args.corpus), Path(args.gold), strict=not args.no_targets,
                    details=args.details, only=args.paper)


def cmd_query(args: argparse.Namespace) -> int:
    from .query import format_result, query_graphs, read_query, unknown_term_warnings

    text = read_query(args.query)
    result = query_graphs(text, args.graphs, args.engine, allow_service=args.allow_service)
    for warning in unknown_term_warnings(text):  # a misspelt term matches nothing: say why the answer may be empty
        print(f"legco-kg: warning: {warning}", file=sys.stderr, flush=True)
    sys.stdout.write(format_result(result, args.format))
    return 0


def cmd_track(args: argparse.Namespace) -> int:
    """One measure's timeline across the papers of a graphs folder, revisions marked."""
    from .track import find_measure, read_corpus, timeline_json, timeline_text

    corpus = read_corpus(Path(args.graphs), args.engine)
    timeline = find_measure(corpus, args.name)
    if args.json:
        sys.stdout.write(json.dumps(timeline_json(timeline, corpus.papers), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(timeline_text(timeline, corpus.papers))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """The measures two papers of one series state: new, continued (with changes), dropped;
    exit 1 when anything differs (like diff)."""
    from .track import diff_json, diff_papers, diff_text, find_paper, read_corpus

    corpus = read_corpus(Path(args.graphs), args.engine)
    folder = _corpus_folder(Path(args.graphs))
    earlier, later = (find_paper(corpus, name, folder) for name in (args.paper_a, args.paper_b))
    found = diff_papers(corpus, earlier, later)
    for warning in found.warnings:
        print(f"legco-kg: warning: {warning}", file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(diff_json(found), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(diff_text(found))
    return 1 if found.new or found.dropped or found.changes else 0


def _corpus_folder(graphs: Path) -> Path | None:
    """The folder the graphs were built from (recorded in `manifest.json`), where a paper's
    file name is looked up."""
    try:
        manifest = json.loads((graphs / "manifest.json").read_text("utf-8"))
        folders = {unit.get("folder") for unit in manifest.get("graphs", {}).values() if unit.get("folder")}
    except (OSError, ValueError, AttributeError):
        return None
    return Path(min(folders)) if len(folders) == 1 else None


def cmd_export(args: argparse.Namespace) -> int:
    """Export graphs (or papers, built on the way) for a visualisation tool."""
    from .export import export

    started = time.perf_counter()

    def progress(number: int, total: int, label: str) -> None:
        if not args.quiet:
            print(f"[{number}/{total}] {time.perf_counter() - started:6.1f}s {label}", file=sys.stderr, flush=True)

    if args.format == "neo4j" and not args.output:
        raise InputError("--format neo4j", "writes several CSV files; give the folder to write them to with -o DIR")
    summary = export(args.inputs or ["graphs"], args.format, args.output,  # the text: -o ./- is a file named -
                     title=args.title, progress=progress)
    if not args.quiet:
        print(f"{summary} ({time.perf_counter() - started:.1f}s)", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.graphs, host=args.host, port=args.port, timeout=args.timeout, workers=args.workers,
          store_dir=args.store, quiet=args.quiet, allow_service=args.allow_service, cors=args.cors or (),
          max_memory=args.max_memory)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    """Push every named graph of a graphs folder to a Graph Store Protocol endpoint."""
    from .store import load_into

    started = time.perf_counter()
    count = load_into(args.graphs, args.into)
    print(f"{count} graphs loaded into {args.into} ({time.perf_counter() - started:.1f}s)", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate every paper graph of TriG files against the SHACL shapes: 0 when all
    conform (Warnings allowed), 1 when any Violation, 2 for bad input."""
    from .validate import ONTOLOGY_DIR, format_report, iter_reports

    started = time.perf_counter()

    def progress(number: int, total: int, label: str) -> None:  # total 0: a step that is not counted
        if not args.quiet:
            counter = f"[{number}/{total}] " if total else ""
            print(f"{counter}{time.perf_counter() - started:6.1f}s {label}", file=sys.stderr, flush=True)

    failed = total = 0
    ontology = Path(args.ontology) if args.ontology else ONTOLOGY_DIR
    for report in iter_reports(args.paths or ["graphs"], ontology, progress):
        total += 1
        failed += not report.conforms
        for line in format_report(report, quiet=args.quiet):
            print(line, flush=True)
    print(f"{total} paper graph(s) validated: {total - failed} conform" + (f", {failed} with violations" if failed else ""),
          file=sys.stderr)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legco-kg", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn Legislative Council papers (PDF or text, Chinese or English) into a policy knowledge graph: "
                    "measures with their amounts, dates, ratios and responsible units, each traced to its paragraph.",
        epilog="usual order: legco-kg info corpus/ → legco-kg graph corpus/ → legco-kg query queries/measure-amounts.rq\n"
               "each command has its own --help, with an example")
    parser.add_argument("--version", action="version", version=f"legco-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="lay out papers into blocks (title, paragraphs, items, tables, footnotes, annexes)")
    p.add_argument("papers", nargs="+", help="paper files (.pdf, .txt) or folders of them")
    p.add_argument("--json", action="store_true", help="print one JSON object per paper: {metadata, blocks}")
    p.add_argument("--reference-date", type=_date, help="the paper's date (YYYY-MM-DD) when none is printed")
    p.add_argument("-o", "--output", help="write to this file (atomically; a regular file or a symlink to one) "
                                                "instead of standard output; - is standard output")
    p.add_argument("--strict", action="store_true", help=STRICT_HELP)
    p.set_defaults(func=cmd_parse)

    e = sub.add_parser("extract", help="extract facts of papers into DIR/<paper>.facts.json (the gold format)")
    e.add_argument("papers", nargs="+", help="paper files or folders")
    e.add_argument("-o", "--output", required=True, help="output folder")
    e.add_argument("--reference-date", type=_date, help="date for papers that print none (YYYY-MM-DD)")
    e.add_argument("--strict", action="store_true", help=STRICT_HELP)
    e.set_defaults(func=cmd_extract)

    a = sub.add_parser("align", help="report where the Chinese and English versions of a paper disagree "
                                     "(exit 1 when they do)")
    a.add_argument("zh", help="the Chinese version (.pdf or .txt)")
    a.add_argument("en", help="the English version (.pdf or .txt)")
    a.add_argument("--json", action="store_true", help="print the disagreements as JSON")
    a.add_argument("--reference-date", type=_date, help="date for papers that print none (YYYY-MM-DD)")
    a.set_defaults(func=cmd_align)

    i = sub.add_parser("info", help="a corpus overview: per paper its kind, date, paragraphs, annexes, facts "
                                     "and warnings (no date, numbering gaps, a missing annex)")
    i.add_argument("papers", nargs="*", help="paper files or folders (default: corpus/)")
    i.add_argument("--reference-date", type=_date, help="date for papers that print none (YYYY-MM-DD)")
    i.add_argument("--json", action="store_true", help="print a JSON list, one object per paper")
    i.set_defaults(func=cmd_info)

    v = sub.add_parser("eval", help="score every corpus paper that has a gold file; fail under the targets")
    v.add_argument("--corpus", default="corpus", help="folder of papers (default: corpus/)")
    v.add_argument("--gold", default="gold", help="folder of gold files (default: gold/)")
    v.add_argument("--no-targets", action="store_true", help="report only; do not fail under the targets")
    v.add_argument("--paper", metavar="TEXT", help="score only the papers whose file name contains TEXT")
    v.add_argument("--details", action="store_true",
                   help="also list every missed (-) and spurious (+) fact per paper and category")
    v.set_defaults(func=cmd_eval)

    g = sub.add_parser("graph", help="build the outputs of every paper in a corpus folder")
    g.add_argument("papers", nargs="*", help="paper files or folders (e.g. corpus/)")
    g.add_argument("-o", "--output", default="graphs", help="output folder (default: graphs/)")
    g.add_argument("--reference-date", type=_date, help="date for papers that print none (YYYY-MM-DD)")
    g.add_argument("--pair", nargs=2, action="append", metavar=("ZH", "EN"),
                   help="build the Chinese and English versions of one paper into one graph (repeatable); "
                        "a folder's pairs.csv (columns zh,en) and a shared LC paper number pair them too")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    g.add_argument("--strict", action="store_true", help=STRICT_HELP)
    g.add_argument("-j", "--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                   help="papers read and built at once, each worker loading the pipeline once "
                        "(default: the number of cores); the outputs are the same bytes for any N")
    g.add_argument("--dask", metavar="ADDRESS",
                   help="run the papers on a Dask cluster (tcp://scheduler:8786) instead of local processes; "
                        "the workers read the papers from the same path (a shared folder) or --corpus-url, and send "
                        "the outputs back (needs pip install 'legco-kg[cluster]')")
    g.add_argument("--corpus-url", metavar="URL",
                   help="with --dask: where the workers read the corpus folder's papers, an fsspec URL "
                        "(file:///mnt/corpus; other protocols with their fsspec backend), the same files as here")
    g.set_defaults(func=cmd_graph)

    q = sub.add_parser("query", help="run a SPARQL query (a .rq file or the text) over the graphs of a folder")
    q.add_argument("query", help="a .rq file or SPARQL text; the prefixes of queries/prefixes.rq it does not "
                                 "declare, and BASE <https://w3id.org/legco-kg/id/>, are put first")
    q.add_argument("--graphs", default="graphs", help="folder of .trig graphs, with the store legco-kg graph keeps "
                                                      "in it (default: graphs/)")
    q.add_argument("--allow-service", action="store_true",
                   help="let the query call other endpoints with SERVICE (refused by default)")
    q.add_argument("--engine", choices=("auto", "rdflib", "oxigraph"), default="auto",
                   help="query engine (default: auto = Oxigraph, which opens the folder's store/ when it is "
                        "current, else loads the TriG files; rdflib always loads the TriG files); both give "
                        "identical output")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="SELECT output: aligned table, SPARQL CSV or SPARQL JSON results (default: table); "
                        "ASK prints true/false, CONSTRUCT and DESCRIBE print Turtle")
    q.set_defaults(func=cmd_query)

    t = sub.add_parser("track", help="one measure's timeline across the papers (paper, date, paragraph, page, "
                                     "what it says), revisions marked")
    t.add_argument("name", help="the measure's name in any language (case and width do not matter); a part of "
                                "the name will do when only one measure has it")
    t.add_argument("graphs", nargs="?", default="graphs", help="folder of .trig graphs (default: graphs/)")
    t.add_argument("--json", action="store_true", help="print the statements and revisions as JSON")
    t.add_argument("--engine", choices=("auto", "rdflib", "oxigraph"), default="auto",
                   help="query engine (default: auto, as for query)")
    t.set_defaults(func=cmd_track)

    d = sub.add_parser("diff", help="the measures two papers of one series state: new, continued (with their "
                                    "changes) and dropped (exit 1 when they differ)")
    d.add_argument("paper_a", metavar="PAPER_A", help="the earlier paper: its key (zh-2022-pa-full) or file name")
    d.add_argument("paper_b", metavar="PAPER_B", help="the later paper")
    d.add_argument("graphs", nargs="?", default="graphs", help="folder of .trig graphs (default: graphs/)")
    d.add_argument("--json", action="store_true", help="print new, continued and dropped measures as JSON")
    d.add_argument("--engine", choices=("auto", "rdflib", "oxigraph"), default="auto",
                   help="query engine (default: auto, as for query)")
    d.set_defaults(func=cmd_diff)

    from .export import ALL, EXTENSIONS, FORMATS

    x = sub.add_parser("export", help="export graphs for Gephi, Cytoscape, yEd, Neo4j, JSON-LD tools or a browser")
    x.add_argument("inputs", nargs="*", help="graphs (.trig, .nq), papers (.pdf, .txt) or folders of either "
                                             "(default: graphs/); papers are built into graphs first")
    x.add_argument("--format", choices=(*FORMATS, ALL),
                   help="graphml/gexf (Gephi, yEd, Cytoscape), jsonld (RDF with ontology/context.jsonld), "
                        "cytoscape (Cytoscape.js JSON), neo4j (CSV files for neo4j-admin import), "
                        f"html (an offline viewer), {ALL} (every format into the folder -o DIR, the graphs "
                        "read once); default: the extension of -o ("
                        + ", ".join(EXTENSIONS.values()) + ")")
    x.add_argument("-o", "--output", help="file to write (atomically; a regular file or a symlink to one; - or "
                                                "none: standard output); for neo4j and all a folder")
    x.add_argument("--title", help="title of the html viewer (default: legco-kg and the papers' count)")
    x.add_argument("-q", "--quiet", action="store_true", help="no progress or summary lines")
    x.set_defaults(func=cmd_export)

    s = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint over the graphs of a folder (Oxigraph)")
    s.add_argument("--graphs", default="graphs", help="folder of .trig graphs (default: graphs/)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    s.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run before it is stopped "
                                                                 "(default: 30)")
    s.add_argument("--workers", type=int, default=2,
                   help="long queries (over 2 s) run at once, one process each, plus one process kept for "
                        "short queries (default: 2)")
    s.add_argument("--max-memory", type=int, metavar="MB",
                   help="memory one query's worker may take before the query is stopped (default: a quarter "
                        "of the machine's memory)")
    s.add_argument("--cors", action="append", metavar="ORIGIN",
                   help="let web pages of this origin (https://host[:port], or *) read the answers; repeat or "
                        "give a comma list (default: no cross-origin reads)")
    s.add_argument("--store", help="keep the Oxigraph store in this folder (default: a temporary folder)")
    s.add_argument("-q", "--quiet", action="store_true",
                   help="no start-up progress and no line per request (the line with the URL stays)")
    s.add_argument("--allow-service", action="store_true",
                   help="let queries call other endpoints with SERVICE (federation; refused by default)")
    s.set_defaults(func=cmd_serve)

    ld = sub.add_parser("load", help="put each named graph of a graphs folder (one per paper, plus the reference "
                                     "graphs) into a triple store over the SPARQL 1.1 Graph Store Protocol")
    ld.add_argument("graphs", nargs="?", default="graphs", help="graphs folder (default: graphs/)")
    ld.add_argument("--into", required=True, metavar="URL",
                    help="the store's Graph Store Protocol URL: Oxigraph http://HOST:7878/store, Fuseki "
                         "http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service")
    ld.set_defaults(func=cmd_load)

    c = sub.add_parser("validate", help="check paper graphs (TriG) against the SHACL shapes of ontology/shapes.ttl")
    c.add_argument("paths", nargs="*", help="TriG files or folders of them (default: graphs/)")
    c.add_argument("--ontology", help="folder with policy.ttl, reference.ttl, shapes.ttl (default: the project's ontology/)")
    c.add_argument("-q", "--quiet", action="store_true",
                   help="print only papers with violations, and only the violations; no progress lines")
    c.set_defaults(func=cmd_validate)
    for name, command in sub.choices.items():
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        command.description = next(a.help for a in sub._choices_actions if a.dest == name)
        command.epilog = f"example:\n  {EXAMPLES[name]}"
    return parser


#: One example per subcommand, shown by its --help.
EXAMPLES = {
    "parse": "legco-kg parse corpus/zh-2024-pa-itib.pdf --json -o itib.json",
    "extract": "legco-kg extract corpus/zh-2024-pa-itib.pdf -o facts/",
    "align": "legco-kg align corpus/zh-2024-pa-p78.txt corpus/en-2024-pa-p78.txt",
    "info": "legco-kg info corpus/",
    "eval": "legco-kg eval --details --paper zh-2022",
    "graph": "legco-kg graph corpus/ -o graphs/ -j 2",
    "query": "legco-kg query queries/measure-amounts.rq --format csv",
    "track": "legco-kg track 創科創投基金 graphs/",
    "diff": "legco-kg diff zh-2022-pa-full zh-2024-pa-full graphs/",
    "export": "legco-kg export graphs/ -o exports/legco-kg.html   (or --format all -o exports/)",
    "serve": "legco-kg serve --graphs graphs/ --port 7878",
    "validate": "legco-kg validate graphs/",
    "load": "legco-kg load graphs/ --into http://localhost:7878/store",
}


def _unknown_command(argv: list[str], commands: Iterable[str]) -> str | None:
    """The message for a mistyped command (`grpah`), with the closest command names."""
    import difflib

    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or first in commands:
        return None
    close = difflib.get_close_matches(first, list(commands), n=2, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"legco-kg: unknown command {first!r}{hint} (commands: {', '.join(commands)})"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    commands = next(a for a in parser._subparsers._group_actions if isinstance(a, argparse._SubParsersAction)).choices
    unknown = _unknown_command(sys.argv[1:] if argv is None else argv, commands)
    if unknown:
        print(unknown, file=sys.stderr)
        return EXIT_BAD_INPUT
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ExtractorError as err:
        print(f"legco-kg: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:  # e.g. an output that cannot be written (a folder under a file, a full disk)
        print(f"legco-kg: {err.filename or 'output'}: {err.strerror or err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
