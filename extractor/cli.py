"""`legco-kg` command line: thin argparse subcommands over the library; the only place
where errors become messages and exit codes (0 ok, 2 bad input or usage)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from . import __version__
from .errors import ExtractorError, InputError

T = TypeVar("T")
EXIT_BAD_INPUT = 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; expected YYYY-MM-DD") from None


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old content or the new, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def expand_papers(inputs: Iterable[str]) -> list[Path]:
    """Files as given; a directory stands for the papers (`.pdf`, `.txt`) inside it."""
    from .ingest import SUPPORTED_SUFFIXES

    papers: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            papers.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES
                                 and not p.name.startswith(".") and p.name.upper() != "SOURCES.MD"))
        else:
            papers.append(path)
    return papers


def output_name(paper: Path, papers: list[Path]) -> str:
    """The output name of a paper: its stem, or `stem.suffix` when two versions of one
    paper (`x.pdf`, `x.txt`) are in the same run."""
    if sum(1 for p in papers if p.stem == paper.stem) == 1:
        return paper.stem
    return f"{paper.stem}.{paper.suffix.lstrip('.').lower()}"


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


def cmd_parse(args: argparse.Namespace) -> int:
    from .parse import document_json, parse_paper

    papers = expand_papers(args.papers)
    outputs: list[str] = []
    results, failed = run_batch(papers, lambda p: parse_paper(p, args.reference_date))
    for _paper, doc in results:
        if args.json:
            outputs.append(json.dumps(document_json(doc), ensure_ascii=False, indent=None if len(papers) > 1 else 1))
        else:
            outputs.append(_document_text(doc))
    text = "\n".join(outputs) + ("\n" if outputs else "")
    if args.output and outputs:
        write_atomic(Path(args.output), text)
    elif outputs:
        sys.stdout.write(text)
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
    """Build the outputs of every paper of a corpus: the parsed document
    (`<paper>.document.json`) and its facts (`<paper>.facts.json`, the gold format).
    The RDF graph is the next stage."""
    from .extract import extract
    from .parse import document_json, parse_paper

    papers = expand_papers(args.papers)
    if not papers:
        print(f"legco-kg: no papers (.pdf, .txt) in {' '.join(args.papers)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out = Path(args.output)

    def build(paper: Path) -> None:
        doc = parse_paper(paper, args.reference_date)
        name = output_name(paper, papers)
        write_atomic(out / f"{name}.document.json",
                     json.dumps(document_json(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        write_atomic(out / f"{name}.facts.json", json.dumps(extract(doc), ensure_ascii=False, indent=1) + "\n")

    results, failed = run_batch(papers, build, progress=not args.quiet)
    print(f"{len(results)} paper(s) written to {out}/" + (f", {failed} failed" if failed else ""), file=sys.stderr)
    return EXIT_BAD_INPUT if failed else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract
    from .parse import parse_paper

    papers = expand_papers(args.papers)
    out = Path(args.output)
    results, failed = run_batch(papers, lambda p: extract(parse_paper(p, args.reference_date)),
                                progress=len(papers) > 1)
    for paper, facts in results:
        write_atomic(out / f"{output_name(paper, papers)}.facts.json",
                     json.dumps(facts, ensure_ascii=False, indent=1) + "\n")
    return EXIT_BAD_INPUT if failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import run_eval

    return run_eval(Path(args.corpus), Path(args.gold), strict=not args.no_targets,
                    details=args.details)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="legco-kg", description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"legco-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="lay out papers into blocks (title, paragraphs, items, tables, footnotes, annexes)")
    p.add_argument("papers", nargs="+", help="paper files (.pdf, .txt) or folders of them")
    p.add_argument("--json", action="store_true", help="print one JSON object per paper: {metadata, blocks}")
    p.add_argument("--reference-date", type=_date, help="the paper's date (YYYY-MM-DD) when none is printed")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of standard output")
    p.set_defaults(func=cmd_parse)

    e = sub.add_parser("extract", help="extract facts of papers into DIR/<paper>.facts.json (the gold format)")
    e.add_argument("papers", nargs="+", help="paper files or folders")
    e.add_argument("-o", "--output", required=True, help="output folder")
    e.add_argument("--reference-date", type=_date, help="date for papers that print none (YYYY-MM-DD)")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("eval", help="score every corpus paper that has a gold file; fail under the targets")
    v.add_argument("--corpus", default="corpus", help="folder of papers (default: corpus/)")
    v.add_argument("--gold", default="gold", help="folder of gold files (default: gold/)")
    v.add_argument("--no-targets", action="store_true", help="report only; do not fail under the targets")
    v.add_argument("--details", action="store_true",
                   help="also list every missed (-) and spurious (+) fact per paper and category")
    v.set_defaults(func=cmd_eval)

    g = sub.add_parser("graph", help="build the outputs of every paper in a corpus folder")
    g.add_argument("papers", nargs="+", help="paper files or folders (e.g. corpus/)")
    g.add_argument("-o", "--output", default="graphs", help="output folder (default: graphs/)")
    g.add_argument("--reference-date", type=_date, help="date for papers that print none (YYYY-MM-DD)")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    g.set_defaults(func=cmd_graph)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ExtractorError as err:
        print(f"legco-kg: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
