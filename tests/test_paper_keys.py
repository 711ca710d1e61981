"""Paper keys are unique in a corpus: file names without Latin letters, names that give one
slug, and names that differ only in case each make a paper of their own (issue: keys collided)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from extractor.cli import main

# zh-2024-pa-p78 p78 and zh-2022-pa-full p114, as two small papers
TEXTS = {
    "施政報告2024.txt": "78. 政府會推出新一輪15億元的「研究配對補助金計劃」，鼓勵更多機構資助院校研究。\n",
    "財政預算2024.txt": "114. 「公共交通費用補貼計劃」一直深受市民歡迎，以 500 元為上限。\n",
    "施政報告.txt": "80. 政府將推出「創科加速器先導計劃」，並撥款1.8億元。\n",
    "paper.txt": "1. 政府會推出「甲計劃」。\n",
    "paper.TXT": "1. 政府會推出「乙計劃」。\n",
}


def test_every_paper_is_a_paper_of_its_own(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "graphs"
    assert main(["graph", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    assert capsys.readouterr().err.splitlines()[-1].startswith("5 built, 0 unchanged")
    assert len(list(out.glob("*.facts.json"))) == 5 and {p.name for p in out.glob("paper.*.trig")} == {
        "paper.txt.trig", "paper.TXT.trig"}
    graphs = set()
    for trig in out.glob("*.trig"):
        if trig.name != "reference.trig":
            dataset = Dataset()
            dataset.parse(trig, format="trig")
            graphs |= {str(g.identifier) for g in dataset.graphs() if str(g.identifier).endswith("/graph")}
    assert len(graphs) == 5, graphs
