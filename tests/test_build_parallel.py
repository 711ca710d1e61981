"""`legco-kg graph -j N`: papers read and built by N worker processes give the same bytes as one."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS

from extractor.cli import main

SMALL = ["zh-2024-pa-p78.txt", "en-2024-pa-p78.txt", "zh-2024-pa-itib.txt", "zh-2026-legco-cb3-634-01-uber-submission.pdf"]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; the store (RocksDB files, which no two runs write alike) as its
    record and its quads, sorted."""
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
             and (p.parent.name != "store" or p.name == "legco-kg-store.json")}
    if (folder / "store").is_dir():
        import pyoxigraph as ox

        store = ox.Store.read_only(str(folder / "store"))
        files["store quads"] = b"".join(sorted(str(quad).encode() + b"\n" for quad in store))
    return files


def corpus_of(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    (folder / "pairs.csv").write_text("zh,en\nzh-2024-pa-p78.txt,en-2024-pa-p78.txt\n", encoding="utf-8")
    return folder


def test_parallel_build_gives_the_serial_bytes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    papers = corpus_of(tmp_path / "corpus", SMALL)
    assert main(["graph", str(papers), "-o", str(tmp_path / "serial"), "-j", "1"]) == 0
    capsys.readouterr()
    assert main(["graph", str(papers), "-o", str(tmp_path / "parallel"), "-j", "3"]) == 0
    progress = capsys.readouterr().err.splitlines()
    serial, parallel = tree(tmp_path / "serial"), tree(tmp_path / "parallel")
    assert len(serial) >= 3 * 3 + 3 and serial == parallel
    # one progress line per graph, counting up as graphs land (the longest were sent first), then the summary
    assert [line.split()[0] for line in progress if line.startswith("[")] == ["[1/3]", "[2/3]", "[3/3]"]
    assert progress[-1].startswith("3 built, 0 unchanged")
    assert not list((tmp_path / "parallel").glob(".parsed-*")), "the parsed documents kept for the build are removed"


def test_parallel_build_reports_and_skips_a_bad_paper(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    papers = corpus_of(tmp_path / "corpus", SMALL[:3])
    (papers / "broken.pdf").write_bytes(b"%PDF-1.4\n% not really a PDF\n")
    assert main(["graph", str(papers), "-o", str(tmp_path / "out"), "-j", "2", "-q"]) == 2
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "Traceback" not in err
    assert (tmp_path / "out" / "zh-2024-pa-itib.trig").exists()
    assert not (tmp_path / "out" / "broken.trig").exists()


def test_bad_number_of_jobs_is_named(capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        main(["graph", str(CORPUS), "-j", "0"])
    except SystemExit as exit:
        assert exit.code == 2
    assert "expected a number of worker processes of 1 or more, got '0'" in capsys.readouterr().err


def test_reference_graphs_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    digests = set()
    for seed in range(4):
        out = tmp_path / str(seed)
        code = f"from pathlib import Path; from extractor.build import _write_reference; _write_reference(Path({str(out)!r}))"
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True)
        digests.add(hashlib.sha256((out / "reference.trig").read_bytes()).hexdigest())
    assert len(digests) == 1


def test_the_longest_papers_are_read_first_and_a_long_pdf_in_parts(tmp_path: Path) -> None:
    """Workers take the longest papers first, and a PDF longer than a worker's fair share in
    parts, so that none is left alone with one paper at the end."""
    from extractor.build import _PartTask, _read_papers

    sent: list[list[object]] = []

    def run(task, args):  # type: ignore[no-untyped-def]
        sent.append(list(args))
        return enumerate(None if isinstance(arg, _PartTask) else (None, {}) for arg in args)

    names = ["zh-2024-pa-p78.txt", "zh-2026-legco-cb3-634-01-uber-submission.pdf", "en-2020-21-budget-highlights.pdf",
             "en-2021-22-budget-speech.txt"]
    tasks = [(CORPUS / name, None, None, tmp_path / name) for name in names]
    assert set(_read_papers(run, tasks, jobs=2, split=True)) == {CORPUS / name for name in names}
    # some 38 pages of text (115 KB), the 34-page PDF in three parts, 4 PDF pages (of 1.1 MB), 1 KB of text
    reads, joins = sent
    pdf = "en-2020-21-budget-highlights.pdf"
    assert [(t.paper.name, t.pages) if isinstance(t, _PartTask) else t[0].name for t in reads] == [
        "en-2021-22-budget-speech.txt", (pdf, slice(0, 12)), (pdf, slice(12, 24)), (pdf, slice(24, None)),
        "zh-2026-legco-cb3-634-01-uber-submission.pdf", "zh-2024-pa-p78.txt"]
    assert [(t[0].name, len(t[4])) for t in joins] == [(pdf, 3)]
    _read_papers(run, tasks, jobs=2, split=False)
    assert not any(isinstance(t, _PartTask) for t in sent[2]) and sent[3] == []

    def failing(task, args):  # type: ignore[no-untyped-def]  # results as they finish: the last first
        return reversed([(index, f"page {arg.pages.start + 1} cannot be read" if isinstance(arg, _PartTask)
                          else (None, {})) for index, arg in enumerate(args)])

    # the first bad page's message, as reading the paper whole would give; nothing is joined
    assert _read_papers(failing, tasks, jobs=2, split=True)[CORPUS / names[2]] == ("page 1 cannot be read", None)


def test_a_pdf_read_in_parts_gives_the_bytes_of_one_read(tmp_path: Path) -> None:
    papers = tmp_path / "corpus"
    papers.mkdir()
    shutil.copy(CORPUS / "en-2020-21-budget-highlights.pdf", papers)  # 34 pages: three parts with -j 2
    assert main(["graph", str(papers), "-o", str(tmp_path / "serial"), "-j", "1", "-q"]) == 0
    assert main(["graph", str(papers), "-o", str(tmp_path / "parallel"), "-j", "2", "-q"]) == 0
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")


def test_a_pdf_counts_its_pages_without_reading_them(tmp_path: Path) -> None:
    import pdfplumber

    from extractor.ingest.pdf import page_count

    pdf = CORPUS / "zh-2024-pa-itib.pdf"
    with pdfplumber.open(pdf) as handle:
        assert page_count(pdf) == len(handle.pages) == 16
    (tmp_path / "broken.pdf").write_bytes(pdf.read_bytes()[:2000])
    assert page_count(tmp_path / "broken.pdf") is None
