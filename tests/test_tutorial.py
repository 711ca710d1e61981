"""The README's tutorial cannot drift: its outputs are what its commands print on a fresh
build of the corpus (`make docs` rewrites them, `docs/tutorial.py`)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))

import tutorial  # docs/tutorial.py, put on the path above

README = (ROOT / "README.md").read_text("utf-8")


@pytest.mark.slow  # the whole corpus built, then validated and queried: 2.2–3.5 min on 2 shared cores
def test_tutorial_outputs_are_the_corpus_answers(corpus_graphs: Path) -> None:
    updated, changed = tutorial.rewrite(README, corpus_graphs)
    diff = "".join(difflib.unified_diff(README.splitlines(keepends=True), updated.splitlines(keepends=True),
                                        "README.md", "README.md as `make docs` would write it", n=1))
    assert not changed, f"run `make docs`: the tutorial's outputs differ from the corpus graphs\n{diff}"


def test_tutorial_runs_every_command_block() -> None:
    """Every fenced block of the section that starts with the prompt is run; the section has
    the commands the tutorial describes."""
    commands = [e.command.split()[2:4] for e in tutorial.examples(README)]
    assert ["query", "queries/hkd-per-unit.rq"] in commands and ["query", "queries/matching-ratios.rq"] in commands
    assert ["validate", "-q"] in commands and len(commands) >= 7


# fmt: off
TABLES = [
    # (output, rows kept, expected)
    ("a  b\n-  -\n1  x\n2  y\n(2 rows)\n", 2, "a  b\n-  -\n1  x\n2  y\n(2 rows)\n"),
    ("a  b\n-  -\n1  x\n2  y\n3  z\n(3 rows)\n", 1, "a  b\n-  -\n1  x\n… 2 more rows\n(3 rows)\n"),
    ("a\n-\n(0 rows)\n", 5, "a\n-\n(0 rows)\n"),
    ("true\n", 1, "true\n"),
    ("11 paper graph(s) validated: 11 conform\n", 0, "11 paper graph(s) validated: 11 conform\n"),
]
# fmt: on


@pytest.mark.parametrize(("output", "rows", "expected"), TABLES)
def test_tutorial_long_answers_say_what_they_leave_out(output: str, rows: int, expected: str) -> None:
    assert tutorial.abridge(output, rows) == expected


def test_tutorial_command_over_several_lines() -> None:
    body = "$ .venv/bin/legco-kg query 'SELECT ?a WHERE {\n    ?a ?b ?c }'\na\n-\n(0 rows)\n"
    assert tutorial.split_command(body) == ("$ .venv/bin/legco-kg query 'SELECT ?a WHERE {\n    ?a ?b ?c }'\n",
                                            "a\n-\n(0 rows)\n")


def test_tutorial_refuses_other_commands(tmp_path: Path) -> None:
    with pytest.raises(tutorial.TutorialError, match="query` and `legco-kg validate` only"):
        tutorial.run("$ .venv/bin/legco-kg graph corpus/ -o /tmp/x\n", tmp_path)
