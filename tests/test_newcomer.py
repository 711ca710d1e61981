"""A newcomer's first hour, on a fresh clone of the committed repository: `make graph`
builds the corpus, every tutorial command of the README prints what the README shows,
`legco-kg info` warns of an undated paper and of a missing annex, and the endpoint's query
page answers a preloaded example in a browser.

The clone is of the commit under test (`git rev-parse HEAD`), so uncommitted edits are not
seen. Nothing is downloaded: `make -o install` skips the virtualenv and `BIN` points at the
running interpreter's, with `PYTHONPATH` set to the clone, so it is the clone's code that runs
(a test checks). The corpus is built once for the module (about 40 s on two idle cores)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import start_browser

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EXAMPLE = "matching-ratios"
UNDATED = "en-2021-22-budget-speech.txt"  # prints no date; corpus/papers.csv dates it
UNDATED_LINES = 120  # its opening, which says `this year` and `last year`
ANNEXED = "zh-2024-pa-itib.txt"  # refers to 附件一 to 附件四, printed after paragraph 31
ANNEXED_LINES = 60  # paragraphs 1-15: the references without the annexes

pytestmark = pytest.mark.slow


def run(command: list[str], clone: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Runs a command in the clone with the clone's code first on the path."""
    env = {**os.environ, "PYTHONPATH": str(clone), "MAKEFLAGS": "", "MAKELEVEL": ""}
    return subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed repository cloned into a temporary folder, its corpus built by `make graph`."""
    if not shutil.which("git") or not shutil.which("make"):
        pytest.skip("the newcomer test needs git and make")
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    folder = tmp_path_factory.mktemp("newcomer") / "legco-kg"
    subprocess.run(["git", "clone", "--quiet", "--no-local", "--no-checkout", str(ROOT), str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "checkout", "--quiet", "--detach", commit], check=True)
    assert not any((folder / "graphs").glob("*.trig")), "a fresh clone has no graphs"
    built = run(["make", "-o", "install", "graph", f"BIN={BIN}"], folder)
    assert built.returncode == 0, f"make graph failed in the clone:\n{built.stdout}\n{built.stderr}"
    return folder


def test_newcomer_clone_runs_its_own_code(clone: Path) -> None:
    found = run([str(BIN / "python"), "-c", "import extractor; print(extractor.__file__)"], clone)
    assert Path(found.stdout.strip()) == clone / "extractor" / "__init__.py", found
    papers = {p.stem for p in (clone / "corpus").iterdir() if p.suffix in {".pdf", ".txt"}}
    # a pair's graph is `zh+en.trig`; a paper's .pdf and .txt are one graph
    built = {key for p in (clone / "graphs").glob("*.trig") for key in p.name.removesuffix(".trig").split("+")}
    assert built >= papers | {"reference"}, papers - built
    assert (clone / "graphs" / "legco-kg.nq").stat().st_size > 0
    assert (clone / "graphs" / "store" / "legco-kg-store.json").exists(), "make graph keeps the store"


def test_newcomer_tutorial_commands_print_what_the_readme_shows(clone: Path) -> None:
    checked = run([str(BIN / "python"), "docs/tutorial.py", "--check", "--graphs", str(clone / "graphs"),
                   "--readme", str(clone / "README.md")], clone)
    assert checked.returncode == 0, f"tutorial outputs differ on the clone:\n{checked.stderr}"


def test_newcomer_info_warns_of_an_undated_paper_and_a_missing_annex(clone: Path, tmp_path: Path) -> None:
    """Two corpus papers copied into a folder of their own: the Budget speech's opening
    without papers.csv (so undated), and the ITIB panel paper cut before its annexes."""
    for name, lines in ((UNDATED, UNDATED_LINES), (ANNEXED, ANNEXED_LINES)):
        text = (clone / "corpus" / name).read_text("utf-8").splitlines(keepends=True)
        (tmp_path / name).write_text("".join(text[:lines]), "utf-8")
    shown = run([str(BIN / "legco-kg"), "info", "--json", str(tmp_path)], clone)
    assert shown.returncode == 0, shown.stderr
    found = {Path(i["paper"]).name: i for i in json.loads(shown.stdout)}
    undated, annexed = found[UNDATED], found[ANNEXED]
    assert (undated["reference_date"], undated["date_source"]) == (None, "none")
    (no_date,) = [w for w in undated["warnings"] if w.startswith("no reference date")]
    relative = re.match(r"no reference date: (\d+) relative date\(s\)", no_date)
    assert relative and int(relative[1]) > 0 and "kept unresolved" in no_date, no_date
    assert (annexed["date_source"], annexed["annexes"]) == ("printed", [])
    assert [w for w in annexed["warnings"] if "refers to an annex but none was found" in w], annexed["warnings"]


@pytest.fixture(scope="module")
def endpoint(clone: Path) -> Iterator[str]:
    """`legco-kg serve` of the clone on its graphs, on a free port: the query page's URL."""
    env = {**os.environ, "PYTHONPATH": str(clone)}
    server = subprocess.Popen([str(BIN / "legco-kg"), "serve", "--graphs", "graphs", "--port", "0", "--workers", "1",
                               "-q"], cwd=clone, env=env, stderr=subprocess.PIPE, text=True)
    try:
        lines: list[str] = []
        while not lines or "ready at" not in lines[-1]:
            line = server.stderr.readline()  # type: ignore[union-attr]
            assert line, f"serve ended before it was ready: {lines}"
            lines.append(line)
        assert lines[:-1] == [], f"serve on a fresh build reads its store: {lines}"
        ready = re.search(r"\(query page: (http://127\.0\.0\.1:\d+/)\)", lines[-1])
        assert ready, lines[-1]
        yield ready[1]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def test_newcomer_query_page_answers_an_example_in_a_browser(clone: Path, endpoint: str) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    answered = run([str(BIN / "legco-kg"), "query", f"queries/{EXAMPLE}.rq", "--format", "json"], clone)
    expected = json.loads(answered.stdout)["results"]["bindings"]
    assert expected, "the example answers on the corpus"
    browser = start_browser()
    try:
        browser.get(endpoint)
        Select(browser.find_element("id", "example")).select_by_visible_text(EXAMPLE)
        browser.find_element("id", "run").click()
        WebDriverWait(browser, 60).until(lambda d: d.find_element("id", "status").text.endswith(" s")
                                         and "running" not in d.find_element("id", "status").text)
        assert browser.find_element("id", "status").text.startswith(f"{len(expected)} rows in ")
        assert len(browser.find_elements("css selector", "#results tbody tr")) == len(expected)
        cells = {td.text for td in browser.find_elements("css selector", "#results tbody td")}
        assert any("創科加速器先導計劃" in c for c in cells), cells
        assert browser.find_element("id", "error").text == ""
    finally:
        browser.quit()
