"""Issue 14, cases 4 and 5: outputs never remove what legco-kg did not write.

Case 4: `export --format neo4j -o DIR` replaces a folder only when it holds a previous
export (its `.legco-kg-export` marker and the files the marker lists), never a folder of the
user's own `.csv`/`.sh` files. Case 5: `-o PATH` writes regular files only: a FIFO, a device
node, a socket or a folder is refused, a symlink is written through to its file, a dangling
symlink is refused, and `-o -` is standard output."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor import files
from extractor.cli import main

# zh-2024-pa-p78 p80, one paragraph: enough for a paper graph with a measure and an amount.
PAPER = "80. 政府將推出「創科加速器先導計劃」，並撥款1.8億元吸引初創企業服務機構。\n"
MARKER = ".legco-kg-export"
DATED = ["--reference-date", "2024-10-16"]  # no warning on stderr


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "p80.txt"
    path.write_text(PAPER, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trig(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The graph of the one-paragraph paper, built once."""
    folder = tmp_path_factory.mktemp("graphs")
    (folder / "p80.txt").write_text(PAPER, encoding="utf-8")
    assert main(["graph", str(folder / "p80.txt"), "-o", str(folder / "graphs"), "-q", "-j", "1"]) == 0
    return str(folder / "graphs" / "p80.trig")


def neo4j(trig: str, out: Path | str) -> int:
    return main(["export", "--format", "neo4j", "-q", trig, "-o", str(out)])


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- case 4: the neo4j folder ------------------------------------------------------------------


def test_issue_14_neo4j_export_keeps_a_folder_of_the_users_own_csv_and_sh_files(
        trig: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The probe's case: a folder of the user's `.csv` and `.sh` files looked like an export."""
    out = tmp_path / "mine"
    out.mkdir()
    (out / "budget.csv").write_text("year,amount\n2024,1\n", encoding="utf-8")
    (out / "run.sh").write_text("#!/bin/sh\necho mine\n", encoding="utf-8")
    before = tree(out)
    assert neo4j(trig, out) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "not a previous neo4j export" in err and len(err.strip().splitlines()) == 1
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"], "no staging folder left behind"


def test_neo4j_export_replaces_its_own_previous_export(trig: str, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    assert neo4j(trig, out) == 0
    marker = (out / MARKER).read_text(encoding="utf-8").splitlines()
    assert {"import.sh", "relationships.csv"} <= set(marker) and set(marker[1:]) == {
        p.name for p in out.iterdir() if p.name != MARKER}
    first = tree(out)
    assert neo4j(trig, out) == 0
    assert tree(out) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j"]


def test_neo4j_export_keeps_a_file_the_user_added_to_a_previous_export(
        trig: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "neo4j"
    assert neo4j(trig, out) == 0
    (out / "notes.csv").write_text("mine\n", encoding="utf-8")
    before = tree(out)
    assert neo4j(trig, out) == 2
    err = capsys.readouterr().err
    assert "notes.csv" in err and str(out) in err
    assert tree(out) == before


def test_neo4j_export_into_an_empty_folder(trig: str, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    out.chmod(0o750)
    assert neo4j(trig, out) == 0
    assert (out / "import.sh").exists() and (out / MARKER).exists()
    assert stat.S_IMODE(out.stat().st_mode) == 0o750, "the folder keeps its mode"


@pytest.mark.parametrize("kind", ["file", "fifo"])
def test_neo4j_export_refuses_a_path_that_is_no_folder(kind: str, trig: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("mine\n", encoding="utf-8")
    else:
        os.mkfifo(out)
    assert neo4j(trig, out) == 2
    assert f"{out}: is a" in capsys.readouterr().err
    assert (out.read_text(encoding="utf-8") == "mine\n") if kind == "file" else stat.S_ISFIFO(out.lstat().st_mode)


def test_neo4j_export_to_standard_output_is_refused(trig: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert neo4j(trig, "-") == 2
    assert "-o -" in capsys.readouterr().err
    assert not (tmp_path / "-").exists()


# --- case 5: -o PATH ---------------------------------------------------------------------------


def make_special(path: Path, kind: str) -> Iterator[None]:
    """Make a special file at ``path``; a context for the socket, which must stay bound."""
    if kind == "fifo":
        os.mkfifo(path)
        yield
    elif kind == "char device":
        # a private copy of /dev/null (major 1, minor 3): replacing it harms nothing
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs CAP_MKNOD")
        yield
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
        except OSError as err:  # path too long for AF_UNIX
            pytest.skip(f"cannot bind a socket at {path}: {err}")
        try:
            yield
        finally:
            server.close()
    else:
        path.mkdir()
        yield


IS_KIND = {"fifo": stat.S_ISFIFO, "char device": stat.S_ISCHR, "socket": stat.S_ISSOCK, "folder": stat.S_ISDIR}
WORDS = {"fifo": "FIFO", "char device": "character device", "socket": "socket", "folder": "folder"}


@pytest.mark.parametrize("kind", list(IS_KIND))
def test_issue_14_parse_output_refuses_special_files(kind: str, paper: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = Path(f"/tmp/lk-{os.getpid()}-{kind[0]}") if kind == "socket" else tmp_path / "out"
    special = make_special(out, kind)
    next(special)
    try:
        assert main(["parse", *DATED, str(paper), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert f"{out}: is a {WORDS[kind]}" in err and len(err.strip().splitlines()) == 1
        assert IS_KIND[kind](out.lstat().st_mode), f"the {kind} was replaced"
        assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")) == []
    finally:
        next(special, None)
        if kind == "socket":
            out.unlink(missing_ok=True)


@pytest.mark.skipif(not os.path.exists("/dev/null") or not stat.S_ISCHR(os.stat("/dev/null").st_mode),
                    reason="no /dev/null device here")
@pytest.mark.parametrize("command", [["parse", *DATED], ["export", "--format", "cytoscape", "-q"]])
def test_issue_14_dev_null_is_not_replaced(command: list[str], paper: Path, trig: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """As root, `-o /dev/null` used to rename a regular file over the device."""
    source = str(paper) if command[0] == "parse" else trig
    try:
        assert main([*command, source, "-o", "/dev/null"]) == 2
        assert "/dev/null: is a character device" in capsys.readouterr().err
    finally:
        replaced = not stat.S_ISCHR(os.lstat("/dev/null").st_mode)
        if replaced and os.geteuid() == 0:  # put the device back for everyone else on the machine
            os.remove("/dev/null")
            os.mknod("/dev/null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
            os.chmod("/dev/null", 0o666)
        assert not replaced, "/dev/null was replaced by a regular file"


def test_issue_14_output_through_a_symlink_writes_its_file(paper: Path, tmp_path: Path) -> None:
    """The link stays a link (as with the shell's `>`); its file gets the new content, atomically."""
    target = tmp_path / "runs" / "2024.txt"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.txt"
    link.symlink_to(Path("runs") / "2024.txt")
    assert main(["parse", *DATED, str(paper), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("runs") / "2024.txt")
    assert "創科加速器先導計劃" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640, "the file keeps its mode"
    assert sorted(p.name for p in target.parent.iterdir()) == ["2024.txt"]


def test_issue_14_output_to_a_dangling_symlink_is_refused(paper: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "out.txt"
    link.symlink_to(tmp_path / "gone" / "out.txt")
    assert main(["parse", *DATED, str(paper), "-o", str(link)]) == 2
    err = capsys.readouterr().err
    assert f"{link}: is a symlink to {tmp_path / 'gone' / 'out.txt'}, which does not exist" in err
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_issue_14_output_keeps_the_mode_of_the_file_it_replaces(paper: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    assert main(["parse", *DATED, str(paper), "-o", str(out)]) == 0
    assert "創科加速器先導計劃" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", [["parse", *DATED], ["parse", "--json", *DATED],
                                     ["export", "--format", "cytoscape", "-q"], ["export", "--format", "jsonld", "-q"]])
def test_issue_14_dash_is_standard_output(command: list[str], paper: Path, trig: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source = str(paper) if command[0] == "parse" else trig
    monkeypatch.chdir(tmp_path)
    assert main([*command, source, "-o", "-"]) == 0
    assert "創科加速器先導計劃" in capsys.readouterr().out
    assert not (tmp_path / "-").exists()
    assert main([*command, source, "-o", "./-"]) == 0, "a file named - is still reachable as ./-"
    assert "創科加速器先導計劃" in (tmp_path / "-").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["extract", *DATED], ["graph", "-q", "-j", "1", *DATED]])
def test_folder_outputs_refuse_dash(command: list[str], paper: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*command, str(paper), "-o", "-"]) == 2
    assert "-o -" in capsys.readouterr().err
    assert not (tmp_path / "-").exists()


def test_output_under_a_file_is_one_line(paper: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n", encoding="utf-8")
    assert main(["parse", *DATED, str(paper), "-o", str(blocker / "out.txt")]) == 2
    assert main(["extract", *DATED, str(paper), "-o", str(blocker)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(str(blocker) in line and "not a folder" in line for line in err), err
    assert blocker.read_text(encoding="utf-8") == "mine\n"


def test_write_atomic_refuses_a_fifo_in_the_library(tmp_path: Path) -> None:
    out = tmp_path / "pipe"
    os.mkfifo(out)
    with pytest.raises(files.OutputError, match="is a FIFO"):
        files.write_atomic(out, "text\n")
    assert stat.S_ISFIFO(out.lstat().st_mode)


def test_neo4j_export_through_a_symlink_replaces_the_folder_it_names(trig: str, tmp_path: Path) -> None:
    real = tmp_path / "exports" / "neo4j-2024"
    link = tmp_path / "neo4j"
    assert neo4j(trig, real) == 0
    link.symlink_to(real)
    first = tree(real)
    assert neo4j(trig, link) == 0
    assert link.is_symlink() and tree(real) == first
    assert sorted(p.name for p in real.parent.iterdir()) == ["neo4j-2024"], "no staging or old folder left"


def test_output_error_crosses_processes() -> None:
    """`legco-kg graph` writes in worker processes; their errors are pickled back."""
    import pickle

    err = pickle.loads(pickle.dumps(files.OutputError("graphs/a.trig", "is a FIFO (named pipe)")))
    assert str(err) == "graphs/a.trig: is a FIFO (named pipe)" and err.path == "graphs/a.trig"
