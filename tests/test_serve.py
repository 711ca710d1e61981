"""`legco-kg serve`: the SPARQL endpoint on a free loopback port, queried with SPARQLWrapper,
rdflib's SPARQLStore and plain HTTP."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.serve import make_server, negotiate

DATA = Path(__file__).parent / "data"
ID = "https://w3id.org/legco-kg/id/"
#: Triples of the cross-join graph: a 3-way join of them is 10⁹ rows, minutes of work.
CROSS_JOIN_TRIPLES = 1000
TIMEOUT = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("graphs")
    (folder / "papers.trig").write_bytes((DATA / "query_fixture.trig").read_bytes())
    lines = [f"<{ID}paper/cross-join/graph> {{"]
    lines += [f'  <{ID}paper/cross-join/n{i}> <{ID}x#n> {i} .' for i in range(CROSS_JOIN_TRIPLES)]
    (folder / "cross-join.trig").write_text("\n".join(lines) + "\n}\n", encoding="utf-8")
    server, quads = make_server(folder, port=0, timeout=TIMEOUT, workers=2, quiet=True)
    assert quads == 104 + CROSS_JOIN_TRIPLES
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.close()
        thread.join()


def sparql(url: str, text: str, fmt: str, method: str = "GET"):  # type: ignore[no-untyped-def]
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(url)
    client.setQuery(text)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.queryAndConvert()


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode("utf-8")


def get(url: str, query: str, accept: str | None = None, **params: str) -> tuple[int, str, str]:
    query_string = urllib.parse.urlencode({"query": query, **{k.replace("_", "-"): v for k, v in params.items()}})
    return http(f"{url}?{query_string}", headers={"Accept": accept} if accept else {})


LABELS = "SELECT ?label WHERE { <org/itib> skos:prefLabel ?label } ORDER BY ?label"


def test_serve_select_json_with_sparqlwrapper(endpoint: str) -> None:
    from SPARQLWrapper import JSON

    result = sparql(endpoint, LABELS, JSON)
    assert result == {"head": {"vars": ["label"]}, "results": {"bindings": [
        {"label": {"type": "literal", "value": "Innovation, Technology and Industry Bureau", "xml:lang": "en"}},
        {"label": {"type": "literal", "value": "創新科技及工業局", "xml:lang": "zh-hant"}},
    ]}}


def test_serve_select_csv_with_sparqlwrapper_post(endpoint: str) -> None:
    from SPARQLWrapper import CSV, POST

    text = "SELECT ?m ?v WHERE { ?m pol:hasAmount/schema:value ?v }"
    assert sparql(endpoint, text, CSV, POST).decode("utf-8") == (
        f"m,v\r\n{ID}measure/auto-0a1b2c3d4e5f,3000000000\r\n")


def test_serve_construct_turtle(endpoint: str) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.compare import isomorphic
    from SPARQLWrapper import TURTLE

    text = "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a pol:PolicyMeasure ; skos:prefLabel ?l . FILTER(lang(?l) = 'en') }"
    body = sparql(endpoint, text, TURTLE)
    assert body.startswith(b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")
    expected = Graph()
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    expected.add((URIRef(f"{ID}measure/auto-0a1b2c3d4e5f"), label, Literal("Research Matching Fund", lang="en")))
    expected.add((URIRef(f"{ID}measure/auto-5f4e3d2c1b0a"), label, Literal("Smart Lamppost Programme", lang="en")))
    assert isomorphic(Graph().parse(data=body, format="turtle"), expected)


def test_serve_rdflib_sparqlstore(endpoint: str) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(SPARQLStore(endpoint, returnFormat="json"))
    rows = graph.query("SELECT (COUNT(?m) AS ?n) WHERE { ?m a pol:PolicyMeasure }")
    assert [int(row[0]) for row in rows] == [2]


def test_serve_update_refused(endpoint: str) -> None:
    from SPARQLWrapper import JSON, POST

    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql(endpoint, "INSERT DATA { <a> <b> <c> }", JSON, POST)
    assert caught.value.code == 403
    assert caught.value.read() == b"SPARQL updates are refused: this endpoint is read-only\n"
    assert http(endpoint, b"INSERT DATA { <a> <b> <c> }", {"Content-Type": "application/sparql-update"})[0] == 403
    assert get(endpoint, "ASK { <a> <b> <c> }")[2] == '{"head":{},"boolean":false}'


def test_serve_service_refused(endpoint: str) -> None:
    from SPARQLWrapper import JSON
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed) as caught:
        sparql(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", JSON)
    assert "SERVICE calls are refused" in str(caught.value)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o .SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o .service <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o .SERVICE SILENT <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
])
def test_serve_service_refused_however_written(endpoint: str, text: str) -> None:
    status, _, body = get(endpoint, text)
    assert status == 400 and "SERVICE calls are refused" in body


def test_serve_runaway_query_stopped(endpoint: str) -> None:
    from SPARQLWrapper import JSON

    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql(endpoint, RUNAWAY, JSON)
    assert caught.value.code == 503
    assert caught.value.read().decode("utf-8").startswith(
        f"query stopped: it ran longer than the server's timeout of {TIMEOUT:g} s")
    # the killed worker was replaced: both workers answer again
    for _ in range(3):
        assert get(endpoint, "ASK { <org/ogcio> org:subOrganizationOf <org/itib> }")[:2] == (
            200, "application/sparql-results+json")


# fmt: off
NEGOTIATION = [
    (LABELS, None, 200, "application/sparql-results+json"),
    (LABELS, "text/csv;q=0.5, application/sparql-results+xml", 200, "application/sparql-results+xml"),
    (LABELS, "text/tab-separated-values", 200, "text/tab-separated-values; charset=utf-8"),
    (LABELS, "*/*", 200, "application/sparql-results+json"),
    (LABELS, "image/png", 406, "text/plain; charset=utf-8"),
    ("ASK {}", "text/csv", 406, "text/plain; charset=utf-8"),
    ("CONSTRUCT WHERE { <org/ogcio> ?p ?o }", "application/n-triples", 200, "application/n-triples; charset=utf-8"),
    ("CONSTRUCT WHERE { <org/ogcio> ?p ?o }", "application/rdf+xml", 200, "application/rdf+xml"),
    ("DESCRIBE <org/ogcio>", "text/*", 200, "text/turtle; charset=utf-8"),
]
# fmt: on


@pytest.mark.parametrize(("text", "accept", "status", "ctype"), NEGOTIATION)
def test_serve_accept_negotiation(endpoint: str, text: str, accept: str | None, status: int, ctype: str) -> None:
    assert get(endpoint, text, accept)[:2] == (status, ctype)


def test_serve_tsv_body_and_form_post(endpoint: str) -> None:
    body = urllib.parse.urlencode({"query": "SELECT ?c WHERE { ?a schema:currency ?c } ORDER BY ?c"}).encode()
    status, _, text = http(endpoint, body, {"Content-Type": "application/x-www-form-urlencoded",
                                             "Accept": "text/tab-separated-values"})
    assert (status, text) == (200, '?c\n"HKD"\n"HKD"\n')


def test_serve_dataset_parameters(endpoint: str) -> None:
    count = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a pol:PolicyMeasure }"
    status, _, text = get(endpoint, count, default_graph_uri=f"{ID}paper/fc-2025-26-03/graph")
    assert status == 200
    assert json.loads(text)["results"]["bindings"][0]["n"]["value"] == "1"


# fmt: off
REFUSALS = [
    ({"path": "?query=SELECT%20*%20%7B%20%3Fs%20%3Fp%20%7D"}, 400, "bad SPARQL (oxigraph parser): error at line 1"),
    ({"path": "?query=SELECT%20%3Fx%20%7B%20%3Fx%20zz%3Ap%20%3Fy%20%7D"}, 400,
     "bad SPARQL: prefix zz: is not declared"),
    ({"path": ""}, 400, "missing the query parameter (query=...)"),
    ({"path": "/../nowhere"}, 404, "no such path"),
    ({"path": "", "method": "DELETE"}, 405, "DELETE is refused: this endpoint is read-only"),
    ({"path": "", "data": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415,
     "Content-Type 'text/plain' is not application/sparql-query"),
]
# fmt: on


@pytest.mark.parametrize(("request_", "status", "message"), REFUSALS)
def test_serve_refusals_name_the_problem(endpoint: str, request_: dict, status: int, message: str) -> None:
    path = request_["path"]
    url = endpoint.rsplit("/", 1)[0] + "/nowhere" if path == "/../nowhere" else endpoint + path
    code, ctype, text = http(url, request_.get("data"), request_.get("headers"), request_.get("method"))
    assert (code, ctype) == (status, "text/plain; charset=utf-8")
    assert text.startswith(message), text


# fmt: off
ACCEPTS = [
    (None, "a"), ("", "a"), ("b/c", "b"), ("b/*;q=0.3, a/x;q=0.2", "b"), ("*/*;q=0.1, c/d", "c"),
    ("a/x;q=0", None), ("z/z", None), ("A/X", "a"),
]
# fmt: on


@pytest.mark.parametrize(("accept", "chosen"), ACCEPTS)
def test_serve_negotiate(accept: str | None, chosen: str | None) -> None:
    offers = (("a/x", "a"), ("b/c", "b"), ("c/d", "c"))
    result = negotiate(accept, offers)
    assert (result[1] if result else None) == chosen
