"""Rewrite the answers in README.md's "Tutorial for researchers" from real runs (`make docs`).

Every fenced block of that section whose first line is `$ .venv/bin/legco-kg …` holds a
command and its output. The script runs each command (in process, on the graphs folder
given, `graphs/` by default) and writes what it printed below it, so the tutorial cannot
drift from the graphs. A long answer keeps its first rows and says, on a line of its own,
how many it leaves out (`… 44 more rows`); rows and columns are never cut silently.

    python docs/tutorial.py [--graphs DIR] [--readme FILE] [--check]

`--check` writes nothing: it exits 1 naming each block whose output differs (the test
`tests/test_tutorial.py` runs it on the corpus graphs).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Tutorial for researchers"
PROMPT = "$ .venv/bin/legco-kg "
#: Rows of a table answer written out; the others are counted on a `… N more rows` line.
DEFAULT_MAX_ROWS = 12
RE_FENCE = re.compile(r"^```\n(?P<body>\$ .*?)^```$", re.MULTILINE | re.DOTALL)
RE_ROW_COUNT = re.compile(r"^\((?P<n>\d+) rows?\)$")


class TutorialError(Exception):
    """A tutorial command that cannot be run: the message names it and what went wrong."""


@dataclass(frozen=True)
class Example:
    """One fenced block: where its body sits in the README, its command lines and output."""

    start: int
    end: int
    command: str  # as printed, prompt and continuation lines included
    output: str


def section_bounds(readme: str) -> tuple[int, int]:
    """[start, end) of the tutorial section: from its heading to the next `## ` heading."""
    start = readme.find(f"\n{SECTION}\n")
    if start < 0:
        raise TutorialError(f"README has no {SECTION!r} section")
    following = readme.find("\n## ", start + len(SECTION) + 2)
    return start + 1, following + 1 if following >= 0 else len(readme)


def split_command(body: str) -> tuple[str, str]:
    """(command, output) of a block body: the command runs over as many lines as its quotes
    need (a query written over several lines), the output is the rest."""
    lines = body.splitlines(keepends=True)
    for count in range(1, len(lines) + 1):
        command = "".join(lines[:count])
        try:
            shlex.split(command[2:])
        except ValueError:  # an open quote: the command goes on
            continue
        return command, "".join(lines[count:])
    raise TutorialError(f"unclosed quote in the tutorial command {lines[0].strip()!r}")


def examples(readme: str) -> list[Example]:
    """The command blocks of the tutorial section, in order."""
    first, last = section_bounds(readme)
    found = []
    for match in RE_FENCE.finditer(readme, first, last):
        if not match["body"].startswith(PROMPT):
            continue
        command, output = split_command(match["body"])
        found.append(Example(match.start("body"), match.end("body"), command, output))
    return found


def run(command: str, graphs: Path) -> str:
    """What ``legco-kg`` prints for one tutorial command, run on ``graphs`` (standard output,
    then standard error)."""
    from extractor.cli import main

    args = shlex.split(command[len(PROMPT):])
    if not args or args[0] not in ("query", "validate"):
        raise TutorialError(f"the tutorial runs `legco-kg query` and `legco-kg validate` only, got {command.strip()!r}")
    if args[0] == "query":
        args += ["--graphs", str(graphs)]
    elif not [a for a in args[1:] if not a.startswith("-")]:
        args.append(str(graphs))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    if code != 0 and args[0] == "query":
        raise TutorialError(f"{command.strip()!r} exited {code}: {err.getvalue().strip()}")
    # what a terminal shows: `validate` prints its summary on standard error, and the files it
    # names as `graphs/x.trig`, as the tutorial's reader sees them, whatever folder it ran on
    return (out.getvalue() + err.getvalue()).replace(f"{graphs}/", "graphs/")


def abridge(output: str, max_rows: int = DEFAULT_MAX_ROWS) -> str:
    """A table answer with at most ``max_rows`` rows, then a `… N more rows` line for the rest,
    and its `(N rows)` total; any other output as it is.

    >>> print(abridge("a  b\\n-  -\\n1  x\\n2  y\\n3  z\\n(3 rows)\\n", 2), end="")
    a  b
    -  -
    1  x
    2  y
    … 1 more row
    (3 rows)
    """
    lines = output.splitlines(keepends=True)
    if len(lines) < 3 or not RE_ROW_COUNT.match(lines[-1].strip()) or not set(lines[1].strip()) <= {"-", " "}:
        return output
    rows = lines[2:-1]
    if len(rows) <= max_rows:
        return output
    hidden = len(rows) - max_rows
    return "".join(lines[:2] + rows[:max_rows] + [f"… {hidden} more row{'s' if hidden > 1 else ''}\n", lines[-1]])


def rewrite(readme: str, graphs: Path, max_rows: int = DEFAULT_MAX_ROWS) -> tuple[str, list[str]]:
    """The README with every tutorial output replaced by a real run, and the commands whose
    output changed (first line of each)."""
    changed = []
    parts, cursor = [], 0
    for example in examples(readme):
        output = abridge(run(example.command, graphs), max_rows)
        if output != example.output:
            changed.append(example.command.splitlines()[0])
        parts += [readme[cursor:example.start], example.command, output]
        cursor = example.end
    parts.append(readme[cursor:])
    return "".join(parts), changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", default=str(ROOT / "graphs"), help="graphs folder the commands run on")
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when an output differs")
    args = parser.parse_args(argv)
    graphs, readme_path = Path(args.graphs), Path(args.readme)
    if not any(graphs.glob("*.trig")):
        print(f"tutorial: no .trig files in {graphs}: build them first (make graph)", file=sys.stderr)
        return 2
    readme = readme_path.read_text("utf-8")
    try:
        updated, changed = rewrite(readme, graphs)
    except TutorialError as err:
        print(f"tutorial: {err}", file=sys.stderr)
        return 2
    if args.check:
        for command in changed:
            print(f"tutorial: output differs: {command}", file=sys.stderr)
        return 1 if changed else 0
    if updated != readme:
        from extractor.files import write_atomic

        write_atomic(readme_path, updated)
    print(f"tutorial: {len(examples(updated))} command(s) run, {len(changed)} output(s) rewritten in {readme_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
