"""Shared fixtures: parsed sample papers, parsed once per test session."""

from __future__ import annotations

import shutil
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(Path(__file__).parent))  # tests/pdfgen.py


@lru_cache(maxsize=None)
def parsed(name: str):  # type: ignore[no-untyped-def]
    from extractor.parse import parse_paper

    return parse_paper(CORPUS / name)


def build_graphs(folder: Path, names: list[str], pairs: list[tuple[str, str]] = (),  # type: ignore[assignment]
                 source: Path = CORPUS) -> Path:
    """Build papers of ``source`` (copied into ``folder/corpus``) into ``folder/graphs`` as
    `legco-kg graph` does; returns the graphs folder."""
    from extractor.build import build_corpus

    papers_dir = folder / "corpus"
    papers_dir.mkdir(parents=True)
    for name in names:
        shutil.copy(source / name, papers_dir / name)
    papers = sorted(papers_dir.iterdir())
    out = folder / "graphs"
    build_corpus(papers, {p: p.stem for p in papers}, out,
                 pairs=[(papers_dir / zh, papers_dir / en) for zh, en in pairs])
    return out


@pytest.fixture
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def sample_and_pair_graphs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Graphs of the sample paper (PDF) and of the p78 zh/en pair, built once per session."""
    return build_graphs(tmp_path_factory.mktemp("graphs"), ["zh-2024-pa-itib.pdf", "zh-2024-pa-p78.txt",
                                                            "en-2024-pa-p78.txt"],
                        [("zh-2024-pa-p78.txt", "en-2024-pa-p78.txt")])


#: Small papers in the wording of zh-2024-pa-p78 p78 and p80 and zh-2022-pa-full p114.
SMALL_PAPERS = {
    "a.txt": "78. 政府會推出新一輪15億元的「研究配對補助金計劃」，鼓勵更多機構資助院校研究。\n",
    "b.txt": "80. 政府將推出「創科加速器先導計劃」，並撥款1.8億元吸引初創企業服務機構。\n",
    "c.txt": "114. 「公共交通費用補貼計劃」一直深受市民歡迎，以 500 元為上限。\n",
}


def small_corpus(tmp_path: Path, names: tuple[str, ...] = tuple(SMALL_PAPERS)) -> Path:
    """A folder ``tmp_path/corpus`` holding the named small papers."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(SMALL_PAPERS[name], encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus_graphs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graphs of the whole of `corpus/`, built as `make graph` builds them, once per session
    (about a minute on two cores): for tests that check what the README says of the corpus."""
    from extractor.cli import main

    out = tmp_path_factory.mktemp("corpus-graphs") / "graphs"
    assert main(["graph", str(CORPUS), "-o", str(out), "-q"]) == 0
    return out


#: An edited copy of zh-2024-pa-itib.txt for `track` and `diff`: its printed date (the
#: reference date) two days later, one amount (para 15, 創科加速器先導計劃: 1.8 億元 → 2 億元)
#: and one date (para 17, 創新及科技支援計劃特別徵集（航天科技）: 2024 年 7 月 → 9 月) changed.
ITIB_EDITS = [("2024 年 10 月 28 日", "2024 年 10 月 30 日"), ("撥款 1.8 億元推出", "撥款 2 億元推出"),
              ("於 2024 年 7 月推出", "於 2024 年 9 月推出")]


def edited_itib_graphs(folder: Path) -> Path:
    """zh-2024-pa-itib.txt and its edited copy `zh-2024-pa-itib-revised.txt`, both discussion
    papers (`papers.csv`), built with `legco-kg graph` into ``folder/graphs``."""
    from extractor.cli import main

    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    shutil.copy(CORPUS / "zh-2024-pa-itib.txt", corpus)
    text = (CORPUS / "zh-2024-pa-itib.txt").read_text("utf-8")
    for old, new in ITIB_EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (corpus / "zh-2024-pa-itib-revised.txt").write_text(text, "utf-8")
    (corpus / "papers.csv").write_text("file,reference_date,kind,title,language,paired\n"
                                       "zh-2024-pa-itib.txt,,discussion-paper,,,\n"
                                       "zh-2024-pa-itib-revised.txt,,discussion-paper,,,\n", "utf-8")
    assert main(["graph", str(corpus), "-o", str(folder / "graphs"), "-q", "-j", "1"]) == 0
    return folder / "graphs"
