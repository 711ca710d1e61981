"""Issue 14, cases 9, 11 and 12: bad input found by the hardening probe. Each case is one
message naming the path, exit 2, nothing half written, and the rest of a batch completes."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from conftest import small_corpus

from extractor import build
from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PDF = ROOT / "corpus" / "zh-2024-pa-itib.pdf"
def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process, as a user runs it (pdfminer's logging unconfigured)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT, check=False)


def messages(stderr: str) -> list[str]:
    """The messages of a run, without progress and summary lines and the warnings that the
    small papers print no date."""
    return [line for line in stderr.splitlines() if line.strip() and not re.match(r"^\[\d+/\d+\]", line)
            and " built, " not in line and "no reference date" not in line]


# --- case 9: a corrupt PDF read with data loss is reported ------------------------------------------


def _flip(kind: str) -> tuple[bytes, int]:
    """The bytes of zh-2024-pa-itib.pdf with one byte of its first page's content stream flipped,
    found deterministically: ``logged`` where pdfminer decompresses with data loss and logs it,
    ``silent`` where the stream cannot be decompressed at all (pdfminer then reads it as empty,
    saying nothing)."""
    from pdfminer.pdftypes import decompress_corrupted

    data = CORPUS_PDF.read_bytes()
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        raw = data[start:data.find(b"endstream", start)].rstrip(b"\r\n")
        try:
            if b"TJ" not in zlib.decompress(raw):
                continue
        except zlib.error:
            continue
        for position in range(len(raw) // 2, len(raw)):
            flipped = bytearray(raw)
            flipped[position] ^= 0xFF
            try:
                zlib.decompress(bytes(flipped))
                continue
            except zlib.error:
                pass
            logger = logging.getLogger("pdfminer")
            records: list[logging.LogRecord] = []
            handler = logging.Handler()
            handler.emit = records.append  # type: ignore[method-assign]
            logger.addHandler(handler)
            try:
                decompress_corrupted(bytes(flipped))
                found = "logged" if records else None
            except zlib.error:
                found = "silent"
            finally:
                logger.removeHandler(handler)
            if found == kind:
                out = bytearray(data)
                out[start + position] ^= 0xFF
                return bytes(out), start + position
    raise AssertionError(f"no byte to flip for {kind}")  # pragma: no cover


@pytest.fixture(scope="module", params=["logged", "silent"])
def corrupt_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data, _ = _flip(request.param)
    path = tmp_path_factory.mktemp(f"corrupt-{request.param}") / "itib.pdf"
    path.write_bytes(data)
    return path


def test_issue_14_case_9_data_loss_is_one_warning_not_pdfminer_lines(corrupt_pdf: Path) -> None:
    """zh-2024-pa-itib with one flipped byte: one message naming the file, no raw pdfminer line."""
    result = run_cli("parse", str(corrupt_pdf))
    assert result.returncode == 0, result.stderr
    lines = messages(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"legco-kg: warning: {corrupt_pdf}: ") and "data loss" in lines[0]
    assert "Data-loss while decompressing" not in result.stderr


def test_issue_14_case_9_strict_makes_data_loss_an_error(corrupt_pdf: Path, tmp_path: Path) -> None:
    result = run_cli("parse", "--strict", str(corrupt_pdf))
    assert result.returncode == 2 and result.stdout == ""
    lines = messages(result.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"legco-kg: {corrupt_pdf}: ") and "data loss" in lines[0]


def test_issue_14_case_9_facts_carry_the_data_loss(corrupt_pdf: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts"
    assert main(["extract", str(corrupt_pdf), "-o", str(out)]) == 0
    facts = json.loads((out / "itib.facts.json").read_text(encoding="utf-8"))
    assert any("data loss" in w for w in facts["paper"]["warnings"])
    assert "data loss" in capsys.readouterr().err
    strict = tmp_path / "strict"
    assert main(["extract", "--strict", str(corrupt_pdf), "-o", str(strict)]) == 2
    assert not strict.exists() or not any(strict.iterdir())


def test_issue_14_case_9_graph_strict_fails_the_paper_and_builds_the_rest(corrupt_pdf: Path, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_corpus(tmp_path, ("a.txt", "b.txt"))
    (folder / "itib.pdf").write_bytes(corrupt_pdf.read_bytes())
    out = tmp_path / "graphs"
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1", "--strict"]) == 2
    assert (out / "a.trig").exists() and (out / "b.trig").exists() and not (out / "itib.trig").exists()
    err = messages(capsys.readouterr().err)
    assert len(err) == 1 and str(folder / "itib.pdf") in err[0] and "data loss" in err[0]
    # Without --strict the paper is built, warned about, and its facts carry the warning.
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    err = messages(capsys.readouterr().err)
    assert len(err) == 1 and err[0].startswith(f"legco-kg: warning: {folder / 'itib.pdf'}: data loss")
    facts = json.loads((out / "itib.facts.json").read_text(encoding="utf-8"))
    assert any("data loss" in w for w in facts["paper"]["warnings"])
    # Unchanged, it is not rebuilt, but still reported; and --strict still fails it.
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    assert messages(capsys.readouterr().err) == err
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1", "--strict"]) == 2
    assert (out / "itib.trig").exists()  # a paper that fails keeps its outputs


def test_issue_14_case_9_an_intact_pdf_has_no_warnings(tmp_path: Path) -> None:
    out = tmp_path / "facts"
    assert main(["extract", "--strict", str(CORPUS_PDF), "-o", str(out)]) == 0
    facts = json.loads((out / "zh-2024-pa-itib.facts.json").read_text(encoding="utf-8"))
    assert "warnings" not in facts["paper"]


# --- case 11: stray entries of a corpus folder, unwritable output, full disk ------------------------


def _directory(path: Path) -> str:
    path.mkdir()
    return "is a directory"


def _dangling(path: Path) -> str:
    path.symlink_to(path.parent / "gone.txt")
    return "dangling symlink"


def _loop(path: Path) -> str:
    path.symlink_to(path)
    return "symlink loop"


def _unreadable(path: Path) -> str:
    # As root, file modes are ignored; /proc/self/mem is a regular file whose first byte
    # cannot be read (EIO) by anyone.
    path.symlink_to("/proc/self/mem")
    return "cannot read"


STRAYS = {"x.pdf": _directory, "x.txt": _dangling, "y.txt": _loop, "z.txt": _unreadable}


@pytest.mark.parametrize("name", sorted(STRAYS))
def test_issue_14_case_11_a_stray_entry_is_one_message_and_the_rest_is_built(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_corpus(tmp_path, ("a.txt", "b.txt"))
    problem = STRAYS[name](folder / name)
    out = tmp_path / "graphs"
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 2
    assert (out / "a.trig").exists() and (out / "b.trig").exists()
    err = messages(capsys.readouterr().err)
    assert err == [err[0]] and err[0].startswith(f"legco-kg: {folder / name}: ") and problem in err[0]
    # parse and extract of the folder: the same message, the good papers done
    assert main(["extract", str(folder), "-o", str(tmp_path / "facts")]) == 2
    assert {p.name for p in (tmp_path / "facts").iterdir()} == {"a.facts.json", "b.facts.json"}
    err = messages(capsys.readouterr().err)
    assert len(err) == 1 and problem in err[0]


def test_issue_14_case_11_a_stray_entry_keeps_the_outputs_of_its_folder(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A paper that cannot be read this time (a symlink whose target moved) is not "gone": its
    outputs stay."""
    folder = small_corpus(tmp_path, ("a.txt", "b.txt"))
    out = tmp_path / "graphs"
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    (folder / "b.txt").rename(tmp_path / "b.txt")
    (folder / "b.txt").symlink_to(tmp_path / "moved.txt")
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 2
    assert (out / "b.trig").exists() and (out / "b.facts.json").exists()


@pytest.mark.parametrize("command", ["graph", "extract", "parse"])
def test_issue_14_case_11_an_unwritable_output_folder_is_one_message(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_corpus(tmp_path, ("a.txt", "b.txt"))
    blocker = tmp_path / "somefile"
    blocker.write_text("not a folder\n", encoding="utf-8")
    target = blocker / "out"
    args = [command, str(folder), "-o", str(target)] + (["-q", "-j", "1"] if command == "graph" else [])
    assert main(args) == 2
    err = messages(capsys.readouterr().err)
    assert err and all(line.startswith(f"legco-kg: {target}") for line in err), err
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def _full_disk(real):  # type: ignore[no-untyped-def]
    def write(path: Path, text: str) -> None:
        if path.name.startswith("b."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text)
    return write


def test_issue_14_case_11_a_full_disk_fails_the_paper_and_the_rest_completes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = small_corpus(tmp_path, ("a.txt", "b.txt")), tmp_path / "graphs"
    monkeypatch.setattr(build, "write_atomic", _full_disk(build.write_atomic))
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 2
    assert (out / "a.trig").exists() and not (out / "b.trig").exists()
    err = messages(capsys.readouterr().err)
    assert len(err) == 1 and str(out / "b.") in err[0] and "No space left on device" in err[0]
    from extractor import files

    real_take_over = files._take_over

    def full_disk(tmp, before):  # type: ignore[no-untyped-def]
        if Path(tmp).name.startswith(".b."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
        real_take_over(tmp, before)

    monkeypatch.setattr(files, "_take_over", full_disk)  # inside the write, as a full disk fails it
    facts = tmp_path / "facts"
    assert main(["extract", str(folder), "-o", str(facts)]) == 2
    assert [p.name for p in facts.iterdir()] == ["a.facts.json"]
    err = messages(capsys.readouterr().err)
    assert len(err) == 1 and str(facts / "b.facts.json") in err[0] and "No space left on device" in err[0]


# --- case 12: a FIFO, empty folders, a directory named like a paper, one very long line --------------


@pytest.mark.parametrize("command", ["parse", "extract", "graph"])
def test_issue_14_case_12_a_fifo_is_refused_before_it_is_opened(command: str, tmp_path: Path) -> None:
    folder = small_corpus(tmp_path, ("a.txt", "b.txt"))
    fifo = folder / "fifo.txt"
    os.mkfifo(fifo)
    args = [command, str(folder)] + {"parse": [], "extract": ["-o", str(tmp_path / "facts")],
                                     "graph": ["-o", str(tmp_path / "graphs"), "-q", "-j", "1"]}[command]
    result = run_cli(*args, timeout=60)  # raises TimeoutExpired when the FIFO is opened (it hangs)
    assert result.returncode == 2
    lines = messages(result.stderr)
    assert len(lines) == 1 and lines[0] == f"legco-kg: {fifo}: not a regular file (a FIFO); expected a paper file"
    if command == "parse":
        assert "研究配對補助金計劃" in result.stdout and "創科加速器先導計劃" in result.stdout


@pytest.mark.parametrize("command", ["parse", "extract", "graph"])
@pytest.mark.parametrize("folder_name", ["empty", "dir.pdf"])
def test_issue_14_case_12_a_folder_without_papers_is_a_message(
        command: str, folder_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    (folder / "notes.csv").write_text("x\n", encoding="utf-8")
    args = [command, str(folder)] + {"parse": [], "extract": ["-o", str(tmp_path / "facts")],
                                     "graph": ["-o", str(tmp_path / "graphs"), "-q", "-j", "1"]}[command]
    assert main(args) == 2
    err = messages(capsys.readouterr().err)
    assert err == [f"legco-kg: no papers (.pdf, .txt) in {folder}"]


def test_issue_14_case_12_a_folder_without_papers_does_not_stop_the_batch(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_corpus(tmp_path, ("a.txt", "b.txt"))
    (tmp_path / "empty").mkdir()
    assert main(["parse", str(tmp_path / "empty"), str(folder / "a.txt")]) == 2
    captured = capsys.readouterr()
    assert "研究配對補助金計劃" in captured.out
    assert messages(captured.err) == [f"legco-kg: no papers (.pdf, .txt) in {tmp_path / 'empty'}"]


def test_issue_14_case_12_a_directory_named_like_a_paper_is_not_a_paper(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_corpus(tmp_path, ("a.txt", "b.txt"))
    (folder / "x.pdf").mkdir()
    assert main(["parse", str(folder)]) == 2
    captured = capsys.readouterr()
    assert "研究配對補助金計劃" in captured.out and "創科加速器先導計劃" in captured.out
    assert messages(captured.err) == [f"legco-kg: {folder / 'x.pdf'}: is a directory, not a paper"]


def _one_line(chars: int) -> str:
    """Real corpus text (zh-2024-pa-itib) with its line breaks taken out, repeated to ``chars``."""
    text = (ROOT / "corpus" / "zh-2024-pa-itib.txt").read_text(encoding="utf-8").replace("\n", "")
    return (text * (chars // len(text) + 1))[:chars]


def _cpu_seconds(path: Path) -> float:
    from extractor.extract import extract
    from extractor.parse import parse_paper

    started = time.process_time()
    extract(parse_paper(path))
    return time.process_time() - started


def test_issue_14_case_12_one_long_line_is_read_in_linear_time(tmp_path: Path) -> None:
    """An 850 KB single-line text took 49 s (quadratic in the block length): doubling the length
    now roughly doubles the time (a quadratic step would make it 4x)."""
    from extractor.extract import extract

    extract(__import__("extractor.parse", fromlist=["parse_paper"]).parse_paper(ROOT / "corpus" / "zh-2024-pa-p78.txt"))
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(_one_line(40_000), encoding="utf-8")  # about 120 KB
    large.write_text(_one_line(80_000), encoding="utf-8")  # about 240 KB
    t_small = _cpu_seconds(small)
    t_large = _cpu_seconds(large)
    assert t_large < 10, f"{t_large:.1f}s for 80,000 characters on one line"
    assert t_large < 3.0 * max(t_small, 0.2), f"{t_small:.2f}s → {t_large:.2f}s for twice the text"


@pytest.mark.parametrize("kind", ["sentences", "no sentence end", "no space"])
def test_issue_14_case_12_a_long_line_keeps_its_text_and_provenance(kind: str, tmp_path: Path) -> None:
    """The line is cut into blocks of bounded length (at sentence ends when it has them), and
    every character is kept, traced to its place in the file."""
    from extractor.parse import parse_paper
    from extractor.structure import DEFAULT_MAX_BLOCK_CHARS

    path = tmp_path / "long.txt"
    text = {"sentences": _one_line(30_000), "no sentence end": "the Government will launch a scheme " * 700, "no space": "創科" * 5000}[kind]
    path.write_text(text, encoding="utf-8")
    doc = parse_paper(path)
    assert "".join(b.text for b in doc.blocks) == text.strip()
    assert max(len(b.text) for b in doc.blocks) <= DEFAULT_MAX_BLOCK_CHARS
    if kind == "sentences":
        assert all(b.text.endswith(("。", "；", "！", "？")) for b in doc.blocks[:-1])
    for block in doc.blocks:
        assert all(doc.source_text[o] == ch for o, ch in zip(block.offsets, block.text))


# --- case 13: memory does not grow with every page read -----------------------------------------------


def _pages_pdf(pages: int, lines: int = 50) -> bytes:
    """A PDF of ``pages`` A4 pages, each printing ``lines`` lines of text in Helvetica."""
    from pdfgen import _pdf

    line = "The Government will launch the I&T Accelerator Pilot Scheme with HK$180 million (para %d)."
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for page in range(pages):
        ops = [b"BT /F1 9 Tf 40 800 Td 14 TL"]
        ops += [b"(" + (line % (page * lines + n)).encode() + b") Tj T*" for n in range(lines)]
        stream = b"\n".join(ops + [b"ET"])
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * page))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _pdf(objects)


def _peak_mb(path: Path) -> float:
    """Peak resident memory (MB) of a fresh process that reads the PDF."""
    code = ("import resource, sys; from pathlib import Path; from extractor.ingest.pdf import read_pdf; "
            "raw = read_pdf(Path(sys.argv[1])); "
            "print(len(raw.pages), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}, check=True)
    return float(result.stdout.split()[1])


def test_issue_14_case_13_memory_does_not_grow_by_a_page_held_for_every_page(tmp_path: Path) -> None:
    """pdfplumber keeps every page's characters (a dict of some 20 fields each) until the PDF is
    closed: about 1.3 MB a page of a Policy Address, 9 MB a page here. A page's caches are now let go
    once it is read (0.2 MB a page here: the lines and their character offsets stay)."""
    few, many = tmp_path / "few.pdf", tmp_path / "many.pdf"
    few.write_bytes(_pages_pdf(4))
    many.write_bytes(_pages_pdf(44))
    per_page = (_peak_mb(many) - _peak_mb(few)) / 40
    assert per_page < 1.0, f"{per_page:.2f} MB more for every page read (4,500 characters a page)"
