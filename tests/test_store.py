"""`graphs/store/` (issue 15): kept by the build graph by graph, current or not by the
manifest, repaired after an interruption or corruption; opened by `query`; pushed to a real
Oxigraph server by `legco-kg load`."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import small_corpus

from extractor import store as st
from extractor.cli import main
from extractor.query import format_result, load_rdflib, query_graphs, run_rdflib

COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
DEFAULT_GRAPH_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
AMOUNTS = "SELECT ?v WHERE { ?a a schema:MonetaryAmount ; schema:value ?v } ORDER BY ?v"


def graph(*args: str) -> int:
    return main(["graph", *args, "-q"])


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    folder, out = small_corpus(tmp_path), tmp_path / "graphs"
    assert graph(str(folder), "-o", str(out), "-j", "1") == 0
    return folder, out


def answers(out: Path, query: str, engine: str = "oxigraph") -> str:
    return format_result(query_graphs(query, out, engine), "csv")


def from_trig(out: Path, query: str) -> str:
    """The answer of rdflib over the folder's TriG files: what the store must agree with."""
    return format_result(run_rdflib(load_rdflib(sorted(out.glob("*.trig"))), query), "csv")


def test_the_build_writes_a_current_store_that_answers_as_the_trig_files(built: tuple[Path, Path],
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    _, out = built
    assert (out / "store" / "CURRENT").is_file()
    assert st.disagreement(out) is None
    assert st.open_graphs(out).source == "store"
    for query in (COUNT_PER_GRAPH, DEFAULT_GRAPH_SIZE, AMOUNTS):
        assert answers(out, query) == from_trig(out, query), query
    assert "not using a store" not in capsys.readouterr().err
    state = json.loads((out / "store" / st.STATE).read_text("utf-8"))
    assert sorted(state["graphs"]) == ["a", "b", "c", "reference"] and state["pending"] == []


def test_an_edited_paper_replaces_its_graph_and_a_removed_one_leaves(built: tuple[Path, Path]) -> None:
    folder, out = built
    text = (folder / "a.txt").read_text("utf-8")
    (folder / "a.txt").write_text(text.replace("15億元", "25億元"), encoding="utf-8")
    (folder / "b.txt").unlink()
    assert graph(str(folder), "-o", str(out), "-j", "1") == 0
    assert st.disagreement(out) is None
    found = answers(out, AMOUNTS)
    assert "2500000000" in found and "1500000000" not in found and "180000000" not in found
    for query in (COUNT_PER_GRAPH, DEFAULT_GRAPH_SIZE):
        assert answers(out, query) == from_trig(out, query), query


def test_a_triple_two_papers_state_stays_in_the_default_graph_when_one_leaves(built: tuple[Path, Path]) -> None:
    """The default graph is the merge (a set): the vocabulary and a paper may state one triple."""
    folder, out = built
    shared = 'ASK { <https://w3id.org/legco-kg/id/org/hk-government> ?p ?o }'
    (folder / "c.txt").unlink()
    assert graph(str(folder), "-o", str(out), "-j", "1") == 0
    assert answers(out, shared) == from_trig(out, shared)
    assert answers(out, DEFAULT_GRAPH_SIZE) == from_trig(out, DEFAULT_GRAPH_SIZE)


def test_the_parent_process_alone_writes_the_store_with_two_workers(tmp_path: Path) -> None:
    folder, out = small_corpus(tmp_path), tmp_path / "graphs"
    assert graph(str(folder), "-o", str(out), "-j", "2") == 0
    assert st.disagreement(out) is None
    assert answers(out, COUNT_PER_GRAPH) == from_trig(out, COUNT_PER_GRAPH)


@pytest.mark.parametrize("moment", ["before the store update", "after the store update, before its record",
                                    "after the manifest entry, before the store update"])
def test_an_interrupted_store_update_is_seen_and_redone(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str], moment: str) -> None:
    folder, out = built
    text = (folder / "a.txt").read_text("utf-8")
    (folder / "a.txt").write_text(text.replace("15億元", "25億元"), encoding="utf-8")
    real_update = st.replace_update
    real_apply = st.StoreWriter._apply

    def interrupted_update(*args, **kwargs):  # type: ignore[no-untyped-def]
        if moment.startswith("after the store update"):
            return real_update(*args, **kwargs) + " ; CLEAR GRAPH <urn:x:never>"  # committed, then Ctrl-C
        raise KeyboardInterrupt

    class Interrupting:
        def __init__(self, inner):  # type: ignore[no-untyped-def]
            self.inner = inner

        def update(self, text: str) -> None:
            self.inner.update(text)
            if moment.startswith("after the store update"):
                raise KeyboardInterrupt

    def apply(self, name, texts, stamp):  # type: ignore[no-untyped-def]
        if moment.startswith("after the manifest"):
            raise KeyboardInterrupt
        if moment.startswith("before"):
            monkeypatch.setattr(st, "replace_update", interrupted_update)
        else:
            self._store = Interrupting(self._open())
        return real_apply(self, name, texts, stamp)

    monkeypatch.setattr(st.StoreWriter, "_apply", apply)
    assert graph(str(folder), "-o", str(out), "-j", "1") == 130
    monkeypatch.undo()
    assert st.disagreement(out) is not None  # the store is not trusted
    capsys.readouterr()
    found = answers(out, AMOUNTS)  # read from the TriG files, with a line saying so
    assert "2500000000" in found and "not using a store" in capsys.readouterr().err
    assert graph(str(folder), "-o", str(out), "-j", "1") == 0
    assert st.disagreement(out) is None
    assert answers(out, AMOUNTS) == from_trig(out, AMOUNTS)
    assert "2500000000" in answers(out, AMOUNTS) and "1500000000" not in answers(out, AMOUNTS)


@pytest.mark.parametrize("damage", ["a table file deleted", "CURRENT garbled", "record deleted"])
def test_a_corrupt_store_is_rebuilt_from_the_trig_files(built: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                                        damage: str) -> None:
    folder, out = built
    expected = answers(out, COUNT_PER_GRAPH)
    folder_of_store = out / "store"
    if damage.startswith("a table"):
        for table in folder_of_store.glob("*.sst"):
            table.unlink()
    elif damage.startswith("CURRENT"):
        (folder_of_store / "CURRENT").write_text("MANIFEST-999999\n", encoding="utf-8")
    else:
        (folder_of_store / st.STATE).unlink()
    capsys.readouterr()
    answers(out, COUNT_PER_GRAPH)  # falls back (or fails to open) without a traceback
    assert graph(str(folder), "-o", str(out), "-j", "1") == 0
    assert "rebuilding it from the graphs' N-Quads files (.nq/)" in capsys.readouterr().err
    assert st.disagreement(out) is None
    assert answers(out, COUNT_PER_GRAPH) == expected


def test_a_folder_without_a_store_is_read_from_its_trig_files_with_a_line(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    fixture = Path(__file__).parent / "data" / "query_fixture.trig"
    (tmp_path / "papers.trig").write_bytes(fixture.read_bytes())
    opened = st.open_graphs(tmp_path)
    assert opened.source == "trig"
    assert capsys.readouterr().err.count("\n") == 1


def test_the_store_opens_in_well_under_a_second(built: tuple[Path, Path]) -> None:
    _, out = built
    started = time.perf_counter()
    st.open_graphs(out)
    assert time.perf_counter() - started < 0.5


# --- legco-kg load, into a real Oxigraph server ---------------------------------------------

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """The `oxigraph` server (PyPI package `oxigraph`, a test dependency) on a free port."""
    if not Path(OXIGRAPH).is_file():
        pytest.skip("the oxigraph server binary is not installed (pip install -c constraints.txt oxigraph)")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "server"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {process.stderr.read().decode()}")  # type: ignore[union-attr]
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def server_counts(url: str) -> str:
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": COUNT_PER_GRAPH}).encode(),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode("utf-8")


def test_load_puts_every_graph_into_an_oxigraph_server(built: tuple[Path, Path], oxigraph_server: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _, out = built
    capsys.readouterr()
    for _ in range(2):  # a second load replaces, never adds
        assert main(["load", str(out), "--into", f"{oxigraph_server}/store"]) == 0
    err = capsys.readouterr().err
    assert err.count("[1/5]") == 2 and "/paper/" in err and "graph/reference" in err
    assert server_counts(oxigraph_server) == answers(out, COUNT_PER_GRAPH)


@pytest.mark.parametrize(("path", "expected"), [("/nothere", "answered 404"), ("/query", "answered 4")])
def test_load_names_the_url_and_status_of_a_refusal(built: tuple[Path, Path], oxigraph_server: str,
                                                    capsys: pytest.CaptureFixture[str], path: str,
                                                    expected: str) -> None:
    _, out = built
    assert main(["load", str(out), "--into", oxigraph_server + path]) == 2
    err = capsys.readouterr().err
    assert f"{oxigraph_server}{path}?graph=" in err and expected in err


def test_load_names_a_server_that_is_not_there(built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out = built
    url = f"http://127.0.0.1:{free_port()}/store"
    assert main(["load", str(out), "--into", url]) == 2
    assert f"{url}: cannot reach the server" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["export", "--format", "jsonld"], ["export", "--format", "graphml"],
                                     ["validate"]])
def test_export_and_validate_read_the_store_and_print_the_same_bytes(built: tuple[Path, Path], tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    command: list[str]) -> None:
    _, out = built
    copy = tmp_path / "trig-only"
    copy.mkdir()
    for trig in out.glob("*.trig"):
        shutil.copy(trig, copy / trig.name)
    outputs = []
    for folder in (out, copy):
        capsys.readouterr()
        code = main([*command, str(folder)] + (["-q"] if command[0] == "export" else []))
        stdout, err = capsys.readouterr()
        outputs.append((code, stdout.replace(str(folder), "GRAPHS")))
        assert ("not using a store" in err) == (folder == copy)
    assert outputs[0] == outputs[1]
    assert outputs[0][0] in (0, 1) and outputs[0][1]


def test_serve_answers_from_a_snapshot_of_the_store_while_a_build_rewrites_it(built: tuple[Path, Path]) -> None:
    """`serve` and `query` side by side, and a build meanwhile: the endpoint's workers open a
    hard-linked copy of the store, which the build's writes and compactions do not touch."""
    import threading

    from extractor.serve import make_server

    folder, out = built
    server, quads = make_server(out, port=0, workers=1, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert quads == st.recorded_quads(out) > 0
        before = urllib.request.urlopen(server.url + "?" + urllib.parse.urlencode({"query": COUNT_PER_GRAPH}),
                                        timeout=30).read()
        assert answers(out, AMOUNTS) == from_trig(out, AMOUNTS)  # query beside serve, both read-only
        (folder / "b.txt").unlink()
        assert graph(str(folder), "-o", str(out), "-j", "1") == 0
        after = urllib.request.urlopen(server.url + "?" + urllib.parse.urlencode({"query": COUNT_PER_GRAPH}),
                                       timeout=30).read()
        assert after == before  # the snapshot it started with
        assert "180000000" not in answers(out, AMOUNTS)  # while the folder's store has moved on
    finally:
        server.shutdown()
        server.close()
        thread.join()


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.0, 1.5, 2.0, 3.0])
def test_a_build_killed_at_any_moment_leaves_store_and_manifest_agreeing_or_untrusted(tmp_path: Path,
                                                                                       delay: float) -> None:
    """kill -9 of a real `legco-kg graph` process at several moments: afterwards the store is
    current and answers as the TriG files, or readers do not trust it; the next build makes it
    current."""
    folder, out = small_corpus(tmp_path), tmp_path / "graphs"
    command = [sys.executable, "-m", "extractor.cli", "graph", str(folder), "-o", str(out), "-q", "-j", "1"]
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(command, cwd=root, stderr=subprocess.DEVNULL,
                               env={**__import__("os").environ, "PYTHONPATH": str(root)})
    time.sleep(delay)
    process.kill()
    process.wait()
    if (out / "manifest.json").exists() and st.disagreement(out) is None:
        assert answers(out, COUNT_PER_GRAPH) == from_trig(out, COUNT_PER_GRAPH)
    assert graph(str(folder), "-o", str(out), "-j", "1") == 0
    assert st.disagreement(out) is None
    assert answers(out, COUNT_PER_GRAPH) == from_trig(out, COUNT_PER_GRAPH)
