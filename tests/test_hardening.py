"""Cases found by the hardening probe: the build deletes only what it wrote, and an
interrupted build never leaves outputs and manifest disagreeing.

Issue 14's numbered cases, and where each is reproduced: 1–3 (SERVICE, CORS and Host, denial
of service) `test_hardening_serve.py`; 4–5 (an export's folder, `-o` onto special files)
`test_hardening_output.py`; 6–7 (outputs the build did not write, an interrupted build) here;
8 (paper keys) `test_paper_keys.py`; 9 and 11–12 (corrupt PDFs, stray files, FIFOs, one long
line) `test_hardening_ingest.py` and `test_hardening_output.py`, with the fuzz test in
`test_hardening_fuzz.py`; 10 (the hash seed) `test_build_parallel.py` and `test_rdf_write.py`;
13 (memory flat in the pages) `test_memory.py`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import small_corpus

from extractor import build
from extractor.cli import main

def graph(*args: str) -> int:
    return main(["graph", *args, "-q", "-j", "1"])


def test_graph_keeps_facts_files_it_did_not_write(tmp_path: Path) -> None:
    folder, out = small_corpus(tmp_path), tmp_path / "graphs"
    out.mkdir()
    mine = out / "hand-corrected.facts.json"
    mine.write_text('{"paper": {}}\n', encoding="utf-8")
    assert graph(str(folder), "-o", str(out)) == 0
    assert mine.read_text(encoding="utf-8") == '{"paper": {}}\n'


def test_building_one_paper_into_a_folder_adds_it(tmp_path: Path) -> None:
    folder, out = small_corpus(tmp_path), tmp_path / "graphs"
    assert graph(str(folder / "a.txt"), str(folder / "b.txt"), "-o", str(out)) == 0
    assert graph(str(folder / "c.txt"), "-o", str(out)) == 0
    assert {p.name for p in out.glob("*.trig")} == {"a.trig", "b.trig", "c.trig", "reference.trig"}
    assert {p.name for p in out.glob("*.facts.json")} == {"a.facts.json", "b.facts.json", "c.facts.json"}
    merged = (out / "legco-kg.nq").read_text(encoding="utf-8")
    assert "150000000" in merged and "180000000" in merged and '"500"' in merged


def test_a_paper_gone_from_the_folder_leaves_with_its_outputs(tmp_path: Path) -> None:
    folder, out = small_corpus(tmp_path), tmp_path / "graphs"
    assert graph(str(folder), "-o", str(out)) == 0
    (folder / "b.txt").unlink()
    assert graph(str(folder), "-o", str(out)) == 0
    assert not (out / "b.trig").exists() and not (out / "b.facts.json").exists()
    assert "180000000" not in (out / "legco-kg.nq").read_text(encoding="utf-8")
    assert (out / "a.trig").exists() and (out / "c.trig").exists()


@pytest.mark.parametrize("where", ["after the outputs, before the manifest entry", "before the merged file"])
def test_an_interrupted_build_is_made_good_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      where: str) -> None:
    folder, out = small_corpus(tmp_path), tmp_path / "graphs"
    assert graph(str(folder), "-o", str(out)) == 0
    original = (folder / "a.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(original.replace("15億元", "25億元"), encoding="utf-8")

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        if where.startswith("after"):
            real_build_unit(*args, **kwargs)
        raise KeyboardInterrupt  # as Ctrl-C (or kill -9) at that moment

    real_build_unit = build._build_unit
    target = "_build_unit" if where.startswith("after") else "_write_merged"
    monkeypatch.setattr(build, target, interrupted)
    assert graph(str(folder), "-o", str(out)) == 130
    monkeypatch.undo()
    assert "250000000" in (out / "a.trig").read_text(encoding="utf-8")  # the edited paper's outputs landed
    (folder / "a.txt").write_text(original, encoding="utf-8")  # the paper restored
    assert graph(str(folder), "-o", str(out)) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["merged"] is True
    for path in (out / "a.trig", out / "legco-kg.nq", out / "a.facts.json"):
        text = path.read_text(encoding="utf-8")
        assert "150000000" in text and "250000000" not in text, path.name
