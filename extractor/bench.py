"""`make bench`: parse throughput in pages per second on the corpus PDFs, side by side with
pdfplumber's own `extract_text` on the same pages in the same run, and peak memory."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    import pdfplumber

    from .parse import parse_paper

    folder = Path((argv or sys.argv[1:] or ["corpus"])[0])
    pdfs = sorted(folder.glob("*.pdf"))
    print(f"{'paper':<48}{'pages':>6}{'legco-kg p/s':>14}{'pdfplumber p/s':>16}{'ratio':>7}")
    total_pages = total_ours = total_theirs = 0.0
    for pdf in pdfs:
        start = time.perf_counter()
        with pdfplumber.open(pdf) as handle:
            pages = len(handle.pages)
            for page in handle.pages:
                page.extract_text()
        theirs = time.perf_counter() - start
        start = time.perf_counter()
        parse_paper(pdf)
        ours = time.perf_counter() - start
        total_pages += pages
        total_ours += ours
        total_theirs += theirs
        print(f"{pdf.name:<48}{pages:>6}{pages / ours:>14.1f}{pages / theirs:>16.1f}{ours / theirs:>7.2f}")
    if total_ours:
        print(f"{'all':<48}{int(total_pages):>6}{total_pages / total_ours:>14.1f}{total_pages / total_theirs:>16.1f}"
              f"{total_ours / total_theirs:>7.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
