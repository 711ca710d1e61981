"""The scale bench's own parts: the synthetic corpus of real papers under new names, which
papers it copies, and the memory table it prints (the run itself takes minutes: `make bench-scale`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS

from extractor.bench import _Sample, format_scale, scale_sources, synthetic_corpus
from extractor.cli import expand_papers


def test_scale_sources_are_the_small_papers_of_the_corpus() -> None:
    assert [p.name for p in scale_sources(CORPUS)] == [
        "en-2024-pa-p78.txt", "zh-2024-pa-itib.txt", "zh-2024-pa-p78.txt",
        "zh-2026-legco-cb3-634-01-uber-submission.pdf"]


@pytest.mark.parametrize(("count", "names"), [
    (1, ["s0001-en-2024-pa-p78.txt"]),
    (3, ["s0001-en-2024-pa-p78.txt", "s0002-zh-2024-pa-p78.txt", "s0003-en-2024-pa-p78.txt"]),
])
def test_synthetic_corpus_links_real_papers_under_new_names(count: int, names: list[str], tmp_path: Path) -> None:
    sources = [CORPUS / "en-2024-pa-p78.txt", CORPUS / "zh-2024-pa-p78.txt"]
    papers = synthetic_corpus(sources, count, tmp_path / "corpus")
    assert [p.name for p in papers] == names
    assert [p.name for p in expand_papers([str(tmp_path / "corpus")])] == names  # what `graph` will read
    for paper in papers:
        source = next(s for s in sources if paper.name.endswith(s.name))
        assert paper.read_bytes() == source.read_bytes()


def test_memory_table_has_a_row_per_tenth_of_the_graphs_and_the_peaks() -> None:
    samples = [_Sample(0.5, 0, 30.0, {11: 200.0, 12: 210.0})]
    samples += [_Sample(1.0 + n, n, 32.0 + n, {11: 250.0 + n, 12: 240.0}) for n in range(1, 21)]
    samples.append(_Sample(30.0, 20, 90.0, {}))  # the workers gone, the merged file being written
    table = format_scale(samples, {10: 120.0, 11: 275.0, 12: 241.0}, 10, 20, 40.0, 0).splitlines()
    assert table[0] == "20 papers in 40.0 s = 0.50 papers/s (exit 0)"
    assert table[1].split() == ["graphs", "built", "parent", "MiB", "worker", "1", "worker", "2"]
    assert table[2].split() == ["reading", "30", "200", "210"]
    assert table[3].split() == ["≤", "2", "34", "252", "240"]
    assert table[-2].split() == ["≤", "20", "90", "270", "240"]
    assert table[-1].split() == ["peak", "(VmHWM)", "120", "275", "241"]
    assert len(table) == 2 + 1 + 10 + 1
