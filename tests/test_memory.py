"""Issue 14 case 13 (flat memory): a worker's memory grows little with the pages of a paper, over
the whole build of one paper (parse, extract, RDF graph, outputs written), each size measured in a
fresh process: the paper's pipeline alone, and `build_corpus` (which also loads the graph into the
store). A bound on memory, not a timing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_hardening_ingest import _pages_pdf

#: MB of peak memory a page may add: a page here has 10 lines of 90 characters, with an amount and a
#: paragraph number in each (measured on the 2-core machine: 1.0 MB a page before issue 15, 0.39 with
#: the graph held whole and the store's load, 0.026 since the graph spills to sorted runs and the store
#: loads 50,000 quads at a time).
BOUND_MB_A_PAGE = 0.08
#: MB a page may add to the pipeline alone (parse, extract, graph, the four outputs), as one build
#: worker runs it: 0.33 with the graph as rdflib terms, 0.19 with its terms as N-Triples text, 0.04–0.05
#: with its triples spilled to sorted run files and written from them (what is left: the PDF's
#: lines and units while it is laid out, the document and the facts).
PIPELINE_BOUND_MB_A_PAGE = 0.08
#: The sizes compared: some 374 triples a page, so both hold more than `sorted_runs.RUN_SIZE`
#: (100,000: below it a graph is held whole, which is the flat part's constant).
SMALL_PAGES, LARGE_PAGES = 300, 600


def _pipeline_peak_mb(paper: Path, out: Path) -> float:
    code = ("import resource, sys; from pathlib import Path; from extractor.bench import time_pipeline; "
            "time_pipeline(Path(sys.argv[1]), Path(sys.argv[2])); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out.mkdir()
    result = subprocess.run([sys.executable, "-c", code, str(paper), str(out)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    assert (out / f"{paper.stem}.nq").exists()
    return float(result.stdout.split()[-1])


def _growth_a_page(tmp_path: Path, peak_mb) -> tuple[float, dict[int, float]]:  # type: ignore[no-untyped-def]
    """MB of peak memory each page adds, from a `SMALL_PAGES` to a `LARGE_PAGES` synthetic PDF, each
    measured by ``peak_mb(paper, out)`` in a fresh process."""
    peaks = {}
    for pages in (SMALL_PAGES, LARGE_PAGES):
        paper = tmp_path / f"p{pages}.pdf"
        paper.write_bytes(_pages_pdf(pages, lines=10))
        peaks[pages] = peak_mb(paper, tmp_path / f"out{pages}")
    return (peaks[LARGE_PAGES] - peaks[SMALL_PAGES]) / (LARGE_PAGES - SMALL_PAGES), peaks


def test_pipeline_memory_grows_by_less_than_the_bound_a_page(tmp_path: Path) -> None:
    per_page, peaks = _growth_a_page(tmp_path, _pipeline_peak_mb)
    assert per_page < PIPELINE_BOUND_MB_A_PAGE, f"{per_page:.2f} MB more for every page ({peaks})"


def _build_peak_mb(paper: Path, out: Path) -> float:
    code = ("import resource, sys; from pathlib import Path; from extractor.build import build_corpus; "
            "paper = Path(sys.argv[1]); build_corpus([paper], {paper: paper.stem}, Path(sys.argv[2])); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    result = subprocess.run([sys.executable, "-c", code, str(paper), str(out)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    assert (out / f"{paper.stem}.trig").exists()
    return float(result.stdout.split()[-1])


@pytest.mark.slow  # two fresh processes build 300- and 600-page PDFs
def test_build_memory_grows_by_less_than_the_bound_a_page(tmp_path: Path) -> None:
    per_page, peaks = _growth_a_page(tmp_path, _build_peak_mb)
    assert per_page < BOUND_MB_A_PAGE, f"{per_page:.2f} MB more for every page built ({peaks})"
