"""Rewrite the answers of docs/guide.md's SPARQL cookbook from a real run (`make docs`).

Each ```sparql block followed by a ```text block is a query and its answer on the graphs of
three corpus papers (the ITIB paper's PDF and the p78 zh/en pair), the same papers
`tests/test_guide.py` builds to check them. An answer shown cut (its last line `…`) keeps
as many lines as it showed; any other is written whole.

    python docs/cookbook.py [--guide FILE]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAPERS = ["zh-2024-pa-itib.pdf", "zh-2024-pa-p78.txt", "en-2024-pa-p78.txt"]
PAIRS = [("zh-2024-pa-p78.txt", "en-2024-pa-p78.txt")]
ELIDED = "…"
RE_QUERY_AND_ANSWER = re.compile(r"```sparql\n(?P<query>.*?)```\n\n```text\n(?P<answer>.*?)```", re.DOTALL)


def build(folder: Path) -> Path:
    """The cookbook's papers built into ``folder/graphs``, as `legco-kg graph` builds them."""
    from extractor.build import build_corpus

    papers = folder / "corpus"
    papers.mkdir()
    for name in PAPERS:
        shutil.copy(ROOT / "corpus" / name, papers / name)
    files = sorted(papers.iterdir())
    build_corpus(files, {p: p.stem for p in files}, folder / "graphs",
                 pairs=[(papers / zh, papers / en) for zh, en in PAIRS])
    return folder / "graphs"


def answer(query: str, graphs: Path, shown: str) -> str:
    from extractor.query import format_result, query_graphs

    lines = format_result(query_graphs(query, graphs, "oxigraph"), "table").splitlines()
    kept = shown.splitlines()
    if kept and kept[-1] == ELIDED and len(lines) > len(kept) - 1:
        lines = lines[:len(kept) - 1] + [ELIDED]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--guide", default=str(ROOT / "docs" / "guide.md"))
    args = parser.parse_args(argv)
    guide_path = Path(args.guide)
    guide = guide_path.read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        graphs = build(Path(tmp))
        updated = RE_QUERY_AND_ANSWER.sub(
            lambda m: f"```sparql\n{m['query']}```\n\n```text\n{answer(m['query'], graphs, m['answer'])}```", guide)
    if updated != guide:
        from extractor.files import write_atomic

        write_atomic(guide_path, updated)
    count = len(RE_QUERY_AND_ANSWER.findall(updated))
    print(f"cookbook: {count} answer(s) run, {'rewritten' if updated != guide else 'unchanged'} in {guide_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
