"""`python -m extractor.bench --queries`: the replicated dataset and the per-engine timing
harness (what is counted and stopped, never how fast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import bench

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/legco-kg/id/"
# query_fixture.trig: 93 quads in its two paper graphs, 11 in the reference graph
PAPER_QUADS, OTHER_QUADS = 93, 11


@pytest.fixture(scope="module")
def replica(tmp_path_factory: pytest.TempPathFactory) -> bench.Replica:
    return bench.replicate([DATA / "query_fixture.trig"], 500, tmp_path_factory.mktemp("bench") / "replica.nq")


def test_bench_replicate_counts(replica: bench.Replica) -> None:
    # ceil((500 - 11) / 93) = 6 copies of the paper graphs
    assert (replica.paper_quads, replica.other_quads, replica.copies) == (PAPER_QUADS, OTHER_QUADS, 6)
    assert replica.quads == OTHER_QUADS + PAPER_QUADS * 6 == 569
    lines = replica.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == 569


def test_bench_replicate_renames_papers_and_measures_only(replica: bench.Replica) -> None:
    text = replica.path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert sum(line.endswith(f"<{ID}graph/reference> .") for line in lines) == OTHER_QUADS
    key = "cb-4-123-24-25-01"
    graphs = {line.rsplit(" ", 2)[1] for line in lines}
    assert {f"<{ID}paper/{key}/graph>"} | {f"<{ID}paper/{key}-r{n}/graph>" for n in range(1, 6)} <= graphs
    assert (f"<{ID}measure/auto-0a1b2c3d4e5f-r5> <https://w3id.org/legco-kg/ontology#hasAmount> "
            f"<{ID}paper/{key}-r5/fact/amount/111111111111> <{ID}paper/{key}-r5/graph> .") in lines
    # organisations and days stay shared by every copy
    assert f"<{ID}paper/{key}-r2> <http://purl.org/dc/terms/creator> <{ID}org/itib> <{ID}paper/{key}-r2/graph> ." \
        in lines
    assert "org/itib-r" not in text and "time/day/2025-04-01-r" not in text
    assert "-r6" not in text


def test_bench_time_queries_counts_rows_and_stops_a_runaway(replica: bench.Replica) -> None:
    queries = [
        ("runaway.rq", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),  # 569³ rows
        ("fiscal-year-facts.rq", (ROOT / "queries" / "fiscal-year-facts.rq").read_text(encoding="utf-8")),
        ("measure-amounts.rq", (ROOT / "queries" / "measure-amounts.rq").read_text(encoding="utf-8")),
        ("bad.rq", "SELECT ?x WHERE { ?x zz:p ?y }"),
    ]
    for engine in bench.BENCH_ENGINES:
        load, timings = bench.time_queries(engine, replica.path, queries, limit=1.0)
        assert load is not None
        assert [(t.rows, t.problem) for t in timings[:3]] == [(None, "timeout"), (6, None), (12, None)], engine
        assert timings[3].rows is None and timings[3].problem


def test_bench_table() -> None:
    queries = [("a.rq", ""), ("long-name.rq", ""), ("c.rq", "")]
    results = {
        "rdflib": ((10.0, 2048.0), [bench.Timing(3, 0.5), bench.Timing(problem="timeout"), bench.Timing(2, 0.1)]),
        "oxigraph": ((1.25, 512.0), [bench.Timing(3, 0.01), bench.Timing(7, 2.0), bench.Timing(5, 0.1)]),
    }
    assert bench.format_bench(queries, results, 120).splitlines() == [
        "query              rows            rdflib s          oxigraph s",
        "a.rq                  3               0.500               0.010",
        "long-name.rq          7     > 120 (timeout)               2.000",
        "c.rq                2/5               0.100               0.100",
        "load: rdflib 10.0 s, 2,048 MiB; oxigraph 1.2 s, 512 MiB",
        "c.rq: the engines return different row counts rdflib 2, oxigraph 5",
    ]


def test_bench_queries_without_graphs_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--queries", str(tmp_path)]) == 2
    assert f"graphs folder '{tmp_path}' has no .trig files" in capsys.readouterr().err


def test_bench_queries_without_paper_graphs_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "reference.trig").write_text(f"<{ID}graph/reference> {{ <{ID}org/a> a <{ID}x> . }}\n",
                                             encoding="utf-8")
    assert bench.main(["--queries", str(tmp_path)]) == 2
    assert "no paper graphs (<…/paper/KEY/graph>) in " in capsys.readouterr().err
