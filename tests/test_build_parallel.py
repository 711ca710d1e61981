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


def test_the_longest_papers_are_read_first(tmp_path: Path) -> None:
    """Workers take the longest papers first, so that none is left alone with one at the end."""
    from extractor.build import _read_cost

    papers = [CORPUS / name for name in ("zh-2024-pa-p78.txt", "zh-2026-legco-cb3-634-01-uber-submission.pdf",
                                         "zh-2024-pa-itib.pdf", "en-2021-22-budget-speech.txt")]
    order = sorted(papers, key=lambda paper: -_read_cost(paper, count_pages=True))
    # 16 PDF pages, some 38 pages of English text (115 KB), 4 PDF pages (of 1.1 MB), 1 KB of text
    assert [p.name for p in order] == ["en-2021-22-budget-speech.txt", "zh-2024-pa-itib.pdf",
                                       "zh-2026-legco-cb3-634-01-uber-submission.pdf", "zh-2024-pa-p78.txt"]


def test_a_pdf_counts_its_pages_without_reading_them(tmp_path: Path) -> None:
    import pdfplumber

    from extractor.ingest.pdf import page_count

    pdf = CORPUS / "zh-2024-pa-itib.pdf"
    with pdfplumber.open(pdf) as handle:
        assert page_count(pdf) == len(handle.pages) == 16
    (tmp_path / "broken.pdf").write_bytes(pdf.read_bytes()[:2000])
    assert page_count(tmp_path / "broken.pdf") is None
