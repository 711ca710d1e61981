"""`legco-kg graph --dask ADDRESS`: papers built on a Dask cluster (here a local one of two
worker processes) give the bytes of a one-process build; bad papers and bad clusters are named."""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS

from extractor.cli import main
from test_build_parallel import tree  # the store compared by its record and quads, not RocksDB bytes

THREE = ["zh-2024-pa-p78.txt", "en-2024-pa-p78.txt", "zh-2024-pa-itib.txt"]


def corpus_of(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    if set(THREE[:2]) <= set(names):
        (folder / "pairs.csv").write_text("zh,en\nzh-2024-pa-p78.txt,en-2024-pa-p78.txt\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A cluster of two single-threaded worker processes on this machine, its dashboard off."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The three papers and a bad one, built in this process: the reference bytes."""
    folder = tmp_path_factory.mktemp("serial")
    papers = corpus_of(folder / "corpus", THREE)
    (papers / "broken.pdf").write_bytes(b"%PDF-1.4\n% not really a PDF\n")
    assert main(["graph", str(papers), "-o", str(folder / "out"), "-j", "1", "-q"]) == 2
    return papers, tree(folder / "out")


@pytest.mark.parametrize("corpus_url", [False, True], ids=["shared-folder", "fsspec-file-url"])
def test_cluster_build_gives_the_serial_bytes_and_skips_the_bad_paper(
        scheduler: str, serial: tuple[Path, dict[str, bytes]], corpus_url: bool, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    papers, expected = serial
    url = ["--corpus-url", papers.resolve().as_uri()] if corpus_url else []
    assert main(["graph", str(papers), "-o", str(tmp_path / "out"), "--dask", scheduler, *url]) == 2
    err = capsys.readouterr().err
    assert tree(tmp_path / "out") == expected
    assert len(expected) >= 3 * 3 and "zh-2024-pa-itib.trig" in expected and "broken.trig" not in expected
    assert "broken.pdf: damaged or truncated PDF" in err and "Traceback" not in err
    # one progress line per graph, in the corpus's order, then the summary naming the failure
    assert [line.split()[0] for line in err.splitlines() if line.startswith("[")] == ["[1/2]", "[2/2]"]
    assert err.splitlines()[-1].startswith("2 built, 0 unchanged") and ", 1 failed" in err.splitlines()[-1]


def test_a_copy_at_the_corpus_url_that_differs_is_reported(scheduler: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    here = corpus_of(tmp_path / "here", THREE[2:])
    there = corpus_of(tmp_path / "there", THREE[2:])
    with (there / THREE[2]).open("a", encoding="utf-8") as handle:
        handle.write("\n另一段。\n")
    assert main(["graph", str(here), "-o", str(tmp_path / "out"), "-q", "--dask", scheduler,
                 "--corpus-url", there.as_uri()]) == 2
    err = capsys.readouterr().err
    assert f"{here / THREE[2]}: the copy at {there.as_uri()}/{THREE[2]} differs from this machine's file" in err
    assert not (tmp_path / "out" / "zh-2024-pa-itib.trig").exists()


def test_without_the_extra_dask_is_named_with_the_install_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed: importing it fails
    papers = corpus_of(tmp_path / "corpus", THREE[2:])
    assert main(["graph", str(papers), "-o", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:8786"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["legco-kg: --dask needs Dask's distributed scheduler, which is not installed: "
                   "pip install 'legco-kg[cluster]'"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_scheduler_that_cannot_be_reached_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import extractor.cluster

    monkeypatch.setattr(extractor.cluster, "CONNECT_TIMEOUT", 2.0)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    papers = corpus_of(tmp_path / "corpus", THREE[2:])
    assert main(["graph", str(papers), "-o", str(tmp_path / "out"), "--dask", address]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"legco-kg: cannot reach the Dask scheduler at {address} (")
    assert not list((tmp_path / "out").glob("*.trig"))


@pytest.mark.parametrize(("arguments", "message"), [
    (["--corpus-url", "file:///tmp"], "--corpus-url says where Dask workers read the papers; give --dask ADDRESS too"),
    (["--dask", "tcp://127.0.0.1:8786", "--corpus-url", "nosuchprotocol://x/corpus"],
     "--corpus-url nosuchprotocol://x/corpus: "),
])
def test_bad_cluster_options_are_named(arguments: list[str], message: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    papers = corpus_of(tmp_path / "corpus", THREE[2:])
    assert main(["graph", str(papers), "-o", str(tmp_path / "out"), *arguments]) == 2
    assert capsys.readouterr().err.startswith(f"legco-kg: {message}")


def test_dask_is_imported_only_when_used() -> None:
    import subprocess

    code = ("import sys, extractor, extractor.cli, extractor.build, extractor.cluster; "
            "print(sorted(m for m in ('dask', 'distributed', 'fsspec') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(("kept", "shipped"), [
    (["zh", "en"], ["zh", "en"]),  # both versions read this run: their documents go to the worker
    (["zh"], ["zh"]),
    ([], []),  # known from the manifest: the worker reads the papers again
])
def test_a_graph_task_carries_the_documents_its_papers_reading_kept(kept: list[str], shipped: list[str],
                                                                     tmp_path: Path) -> None:
    from extractor.build import GraphUnit
    from extractor.cluster import _inputs_for

    out, papers = tmp_path / "out", {"zh": CORPUS / THREE[0], "en": CORPUS / THREE[1]}
    parsed = out / ".parsed-x"
    parsed.mkdir(parents=True)
    hashes = {paper: f"{ord(lang[0]):064x}" for lang, paper in papers.items()}
    for lang in kept:
        (parsed / hashes[papers[lang]]).write_bytes(lang.encode())
    names = {paper: paper.stem for paper in papers.values()}  # also Path → str: not the hashes
    unit = GraphUnit("zh+en", (papers["zh"], papers["en"]))
    task = (unit, "key", names, hashes, {}, parsed, out, None)  # as `build_corpus` gives `_build_task`
    assert _inputs_for(task, out) == {f".parsed-x/{hashes[papers[lang]]}": lang.encode() for lang in shipped}


def test_a_scheduler_without_workers_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import extractor.cluster
    from distributed import LocalCluster

    monkeypatch.setattr(extractor.cluster, "CONNECT_TIMEOUT", 2.0)
    papers = corpus_of(tmp_path / "corpus", THREE[2:])
    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as cluster:
        assert main(["graph", str(papers), "-o", str(tmp_path / "out"), "--dask", cluster.scheduler_address]) == 2
        address = cluster.scheduler_address
    assert capsys.readouterr().err.strip().splitlines() == [
        f"legco-kg: no Dask worker joined the scheduler at {address} within 2 s; start one on each machine: "
        f"dask worker {address}"]
    assert not any((tmp_path / "out").iterdir())
