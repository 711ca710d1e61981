"""The TriG and N-Quads the project writes itself are the graph rdflib's serialisers wrote:
parsed back with rdflib, isomorphic to the old writers' output, on a Chinese PDF and an
English text paper; and the same bytes whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from extractor.extract import extract
from extractor.rdf import (
    NT_POL,
    PaperGraph,
    PaperSource,
    Triples,
    _decimal,
    _nt_term,
    nt_date,
    nt_integer,
    nt_lang,
    nt_string,
    to_nquads,
    to_trig,
)
from extractor.vocab import PREFIXES, paper_key

XML_SCHEMA = "http://www.w3.org/2001/XMLSchema#"
PAPERS = ["zh-2024-pa-itib.pdf", "en-2024-pa-p78.txt"]


def triples(name: str) -> Triples:
    from conftest import parsed

    doc = parsed(name)
    return PaperGraph(doc, extract(doc), PaperSource(paper_key(None, Path(name).stem), "pdf", "0" * 64)).build()


def rdflib_trig(graph: Graph) -> str:
    """The writer the build used before: rdflib's TriG serialiser (slow; kept here as the reference)."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    named = dataset.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    return dataset.serialize(format="trig")


def rdflib_nquads(graph: Graph) -> str:
    dataset = Dataset()
    named = dataset.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    return "".join(f"{line}\n" for line in sorted(set(dataset.serialize(format="nquads").splitlines())) if line)


def parsed_back(text: str, format: str, name: str) -> Graph:
    dataset = Dataset()
    dataset.parse(data=text, format=format)
    graphs = [g for g in dataset.graphs() if len(g)]
    assert [str(g.identifier) for g in graphs] == [name]
    return graphs[0]


@pytest.mark.parametrize("name", PAPERS)
def test_written_graph_is_the_graph_rdflib_wrote(name: str) -> None:
    built = triples(name)
    graph = built.to_graph()
    assert len(graph) == len(built) > 500
    old_trig = parsed_back(rdflib_trig(graph), "trig", str(built.identifier))
    new_trig = parsed_back(to_trig([built]), "trig", str(built.identifier))
    assert isomorphic(new_trig, old_trig)
    assert len(new_trig) == len(built)
    # rdflib's N-Quads keep a decimal's lexical form (`3`) where its TriG wrote `3.0`: compare each with its own
    old_nquads = parsed_back(rdflib_nquads(graph), "nquads", str(built.identifier))
    assert isomorphic(parsed_back(to_nquads([built]), "nquads", str(built.identifier)), old_nquads)


@pytest.mark.parametrize("name", PAPERS)
def test_nquads_are_the_lines_rdflib_wrote(name: str) -> None:
    built = triples(name)
    assert to_nquads([built]) == rdflib_nquads(built.to_graph())


@pytest.mark.parametrize(("literal", "written"), [
    ('"1.8 億元"', '"1.8 億元"'),
    ('"He said \\"no\\"\\nthen \\\\ left"', '"He said \\"no\\"\\nthen \\\\ left"'),
    ('"180000000"^^xsd:integer', "180000000"),
    ('"1.5"^^xsd:decimal', "1.5"),
    ('"2024-10-16"^^xsd:date', '"2024-10-16"^^xsd:date'),
    ('"zh-Hant"^^xsd:language', '"zh-Hant"^^xsd:language'),
    ('"創科"@zh-Hant', '"創科"@zh-Hant'),
    ('<https://w3id.org/legco-kg/concept/qual-exact>', 'polv:qual-exact'),
    ('<https://w3id.org/legco-kg/id/time/fy/2025-26>', '<https://w3id.org/legco-kg/id/time/fy/2025-26>'),
])
def test_literals_are_written_as_turtle(literal: str, written: str) -> None:
    graph = Graph(identifier="https://w3id.org/legco-kg/id/paper/x/graph")
    graph.parse(data=f"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . "
                     f"<https://w3id.org/legco-kg/id/paper/x> <https://w3id.org/legco-kg/ontology#note> {literal} .",
                format="turtle")
    text = to_trig([graph])
    assert f"<https://w3id.org/legco-kg/id/paper/x> pol:note {written} .\n" in text
    assert isomorphic(parsed_back(text, "trig", str(graph.identifier)), graph)


def test_same_bytes_whatever_the_hash_seed() -> None:
    code = ("import sys; sys.path.insert(0, 'tests'); from test_rdf_write import triples; "
            "from extractor.rdf import to_nquads, to_trig; import hashlib; "
            "t = triples('en-2024-pa-p78.txt'); "
            "print(hashlib.sha256((to_trig([t]) + to_nquads([t])).encode()).hexdigest())")
    root = Path(__file__).resolve().parents[1]
    digests = {subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(digests) == 1


@pytest.mark.parametrize("fan_in", [2, 256])
def test_merged_file_is_the_same_bytes_merged_in_rounds(fan_in: int, sample_and_pair_graphs: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`legco-kg.nq` streamed from the sorted per-paper files: every quad once, sorted, the same
    bytes whether merged in one round or in rounds of two files."""
    import shutil

    from extractor import build

    out = tmp_path / "graphs"
    shutil.copytree(sample_and_pair_graphs, out)
    names = sorted(p.stem for p in (out / build.CACHE).glob("*.nq") if p.stem != "reference")
    assert len(names) >= 2
    monkeypatch.setattr(build, "MERGE_FAN_IN", fan_in)
    build._write_merged(out, names)
    lines = {line for p in (out / build.CACHE).glob("*.nq") for line in p.read_text("utf-8").splitlines(True)}
    assert (out / build.MERGED).read_text("utf-8") == "".join(sorted(lines))
    assert not list((out / build.CACHE).glob(".merge-*"))


@pytest.mark.parametrize(("made", "literal"), [
    (lambda: nt_string('He said "no"\nthen \\ left'), lambda: Literal('He said "no"\nthen \\ left')),
    (lambda: nt_lang("創科", "zh-Hant"), lambda: Literal("創科", lang="zh-Hant")),
    (lambda: nt_integer(180000000), lambda: Literal(180000000, datatype=URIRef(XML_SCHEMA + "integer"))),
    (lambda: nt_integer(-3), lambda: Literal(-3, datatype=URIRef(XML_SCHEMA + "integer"))),
    (lambda: nt_date("2024-10-16"), lambda: Literal("2024-10-16", datatype=URIRef(XML_SCHEMA + "date"))),
    (lambda: _decimal("1E+1"), lambda: Literal(Decimal("1E+1"), datatype=URIRef(XML_SCHEMA + "decimal"))),
    (lambda: _decimal("1/3"), lambda: Literal(Decimal("0.333333333333"), datatype=URIRef(XML_SCHEMA + "decimal"))),
    (lambda: _decimal("1e-7"), lambda: Literal(Decimal("1e-7"), datatype=URIRef(XML_SCHEMA + "decimal"))),
])
def test_terms_are_the_n_triples_rdflib_writes(made: Any, literal: Any) -> None:
    """The graph's terms are made as N-Triples text directly: the text rdflib's terms gave."""
    assert made() == _nt_term(literal())


def test_add_once_asks_only_about_the_predicates_it_keeps() -> None:
    graph = Triples(URIRef("https://w3id.org/legco-kg/id/paper/x/graph"))
    graph.add(("<https://w3id.org/legco-kg/id/paper/x>", NT_POL["position"], nt_integer(1)))
    assert graph.has("<https://w3id.org/legco-kg/id/paper/x>", NT_POL["position"])
    with pytest.raises(ValueError, match="ONCE_PREDICATES"):
        graph.has("<https://w3id.org/legco-kg/id/paper/x>", NT_POL["page"])


def test_nquads_sorted_as_terms_are_sorted_as_lines() -> None:
    """Quads are sorted as tuples of terms and written after: the order of their lines, even where
    one term begins another (`<x>`, `<x#y>`; `"a"`, `"a"@en`, `"a"@en-GB`, `"a"^^<…>`)."""
    graph = Triples(URIRef("https://w3id.org/legco-kg/id/paper/x/graph"))
    objects = ['"a"', '"a"@en', '"a"@en-GB', f'"a"^^<{XML_SCHEMA}string>', '"a b"', '"a\\"b"', "<https://e.org/x>",
               "<https://e.org/x#y>", "<https://e.org/x/y>", nt_integer(1), nt_integer(10)]
    for subject in ("<https://e.org/x>", "<https://e.org/x#y>", "<https://e.org/x-y>"):
        for obj in reversed(objects):
            graph.add((subject, NT_POL["note"], obj))
            graph.add((subject, "<https://e.org/x#y>", obj))
    lines = to_nquads([graph]).splitlines(True)
    assert lines == sorted(set(lines)) and len(lines) == 3 * 2 * len(objects)


@pytest.mark.parametrize("run_size", [7, 100])
def test_spilled_graph_is_written_in_the_same_bytes(run_size: int, tmp_path: Path) -> None:
    """A graph whose triples spilled to sorted run files (a run of 7 triples: more runs than
    `FAN_IN`, merged in rounds) writes the bytes the graph held in memory writes, each triple once
    though added again after its run was written; the run files go when it is closed."""
    from extractor.sorted_runs import FAN_IN

    held = triples("zh-2024-pa-itib.pdf")
    spilled = Triples(held.identifier, tmp_path, run_size)
    for triple in held:
        spilled.add(triple)
    for triple in list(held)[:50]:  # again, after their runs were written
        spilled.add(triple)
    assert len(held) // run_size > (FAN_IN if run_size == 7 else 1)
    assert list(tmp_path.glob(".sort-*/*.run"))
    assert to_nquads([spilled]) == to_nquads([held])
    assert to_trig([spilled]) == to_trig([held])
    assert len(spilled) == len(held)
    spilled.close()
    assert not list(tmp_path.iterdir())


def test_sorted_runs_merge_in_order_and_drop_repeats_when_unique(tmp_path: Path) -> None:
    from extractor.sorted_runs import SortedRuns

    records = [(f"s{n % 23}", str(n % 5)) for n in range(300)]
    for unique in (True, False):
        runs = SortedRuns(tmp_path, run_size=10, unique=unique)
        for record in records:
            runs.add(record)
        assert list(runs.sorted()) == (sorted(set(records)) if unique else sorted(records))
        runs.close()
    assert not list(tmp_path.iterdir())
