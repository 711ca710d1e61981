"""Issue 14, cases 2 and 3: the SPARQL endpoint (`legco-kg serve`) and `legco-kg query`
against a web page in the user's browser (CORS, DNS rebinding) and denial of service
(request bodies, memory, runaway queries, many clients, deeply nested queries)."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.query import QueryError, check_nesting, nesting_depth
from extractor.serve import make_server

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
ID = "https://w3id.org/legco-kg/id/"
ALLOWED = "https://notebook.example"
TIMEOUT = 6.0
SHORT = 0.5
MAX_MEMORY_MB = 64
ASK = "ASK { <org/ogcio> org:subOrganizationOf <org/itib> }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Sorting a cross product holds all of it: gigabytes within seconds without a cap.
MEMORY_HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
DEEP = 50_000


def graphs_folder(folder: Path) -> Path:
    (folder / "papers.trig").write_bytes((DATA / "query_fixture.trig").read_bytes())
    lines = [f"<{ID}paper/cross-join/graph> {{"]
    lines += [f"  <{ID}paper/cross-join/n{i}> <{ID}x#n> {i} ." for i in range(1000)]
    (folder / "cross-join.trig").write_text("\n".join(lines) + "\n}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return graphs_folder(tmp_path_factory.mktemp("graphs"))


def start(graphs: Path, **options: object) -> Iterator[tuple[str, int]]:
    server, _ = make_server(graphs, port=0, quiet=True, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[0], server.server_address[1]
    finally:
        server.shutdown()
        server.close()
        thread.join()


@pytest.fixture(scope="module")
def endpoint(graphs: Path) -> Iterator[tuple[str, int]]:
    """An endpoint that lets one origin read, with a small memory cap and a short threshold."""
    yield from start(graphs, timeout=TIMEOUT, workers=2, short=SHORT, max_memory=MAX_MEMORY_MB, cors=(ALLOWED,))


@pytest.fixture(scope="module")
def plain(graphs: Path) -> Iterator[tuple[str, int]]:
    """An endpoint with the default options."""
    yield from start(graphs, workers=1)


def request(address: tuple[str, int], method: str = "GET", path: str = "/query", body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode("utf-8")
    finally:
        connection.close()


def query_path(text: str) -> str:
    return "/query?" + urllib.parse.urlencode({"query": text})


# --- case 2: cross-origin reads and DNS rebinding ------------------------------------------------


def test_serve_no_cross_origin_reads_by_default(plain: tuple[str, int]) -> None:
    status, headers, _ = request(plain, path=query_path(ASK), headers={"Origin": "https://evil.example"})
    assert status == 200
    assert "access-control-allow-origin" not in headers
    status, headers, _ = request(plain, "OPTIONS", headers={"Origin": "https://evil.example",
                                                            "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in headers


def test_serve_cors_echoes_the_allowed_origin_only(endpoint: tuple[str, int]) -> None:
    status, headers, _ = request(endpoint, path=query_path(ASK), headers={"Origin": ALLOWED})
    assert status == 200
    assert headers["access-control-allow-origin"] == ALLOWED
    assert "Origin" in headers["vary"]
    status, headers, _ = request(endpoint, path=query_path(ASK), headers={"Origin": "https://evil.example"})
    assert status == 200 and "access-control-allow-origin" not in headers
    assert "Origin" in headers["vary"]
    _, headers, _ = request(endpoint, "OPTIONS", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST"})
    assert headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in headers["access-control-allow-methods"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "attacker.test:80", "127.0.0.1:1",
                                  "localhost.evil.example:{port}"])
def test_serve_refuses_other_hosts(plain: tuple[str, int], host: str) -> None:
    """DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 sends
    ``Host: evil.example:PORT``."""
    status, headers, body = request(plain, path=query_path(ASK), headers={"Host": host.format(port=plain[1])})
    assert status == 421
    assert body.count("\n") == 1 and body.startswith(f"Host {host.format(port=plain[1])!r} is not this endpoint")
    assert "access-control-allow-origin" not in headers


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_serve_accepts_its_own_host_names(plain: tuple[str, int], host: str) -> None:
    assert request(plain, path=query_path(ASK), headers={"Host": host.format(port=plain[1])})[0] == 200


def test_serve_refuses_a_request_without_host(plain: tuple[str, int]) -> None:
    with socket.create_connection(plain, timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        reply = sock.makefile("rb").read()
    assert reply.startswith((b"HTTP/1.0 421 ", b"HTTP/1.1 421 "))


# --- case 3: denial of service ------------------------------------------------------------------


def raw_post(address: tuple[str, int], length: str, body: bytes = b"ASK {}") -> tuple[int, str]:
    """A POST with a hand-written Content-Length; the connection stays open, so a server
    that waits for the end of the stream would never answer."""
    head = (f"POST /query HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\n"
            f"Content-Type: application/sparql-query\r\nContent-Length: {length}\r\n\r\n").encode()
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(head + body)
        response = http.client.HTTPResponse(sock)
        try:
            response.begin()
            return response.status, response.read().decode("utf-8")
        except TimeoutError:
            return 0, "(no answer within 10 s)"


@pytest.mark.parametrize(("length", "status"), [("-1", 400), ("-99999999", 400), ("abc", 400), ("1_0", 400),
                                                 ("+6", 400), ("6, 7", 400), ("2000000", 413)])
def test_serve_refuses_bad_content_length(plain: tuple[str, int], length: str, status: int) -> None:
    code, body = raw_post(plain, length)
    assert code == status, body
    assert body.startswith(f"Content-Length {length!r} ") and body.count("\n") == 1, body


def test_serve_reads_no_more_than_content_length(plain: tuple[str, int]) -> None:
    assert raw_post(plain, "6", b"ASK {}ASK { FILTER(false) }") == (200, '{"head":{},"boolean":true}')


def test_serve_query_out_of_memory_answers_503(endpoint: tuple[str, int]) -> None:
    started = time.monotonic()
    status, _, body = request(endpoint, path=query_path(MEMORY_HOG), timeout=60)
    assert (status, body.count("\n")) == (503, 1)
    assert body.startswith(f"query stopped: it needed more than the server's {MAX_MEMORY_MB} MB of memory"), body
    assert time.monotonic() - started < TIMEOUT
    for _ in range(4):  # the worker was replaced
        assert request(endpoint, path=query_path(ASK))[0] == 200


def test_serve_short_query_answers_while_two_runaways_run(endpoint: tuple[str, int]) -> None:
    answers: list[tuple[int, str]] = []

    def runaway() -> None:
        status, _, body = request(endpoint, path=query_path(RUNAWAY), timeout=60)
        answers.append((status, body))

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(SHORT + 1.0)  # both run long now
    started = time.monotonic()
    status, _, body = request(endpoint, path=query_path(ASK))
    assert (status, body) == (200, '{"head":{},"boolean":true}')
    assert time.monotonic() - started < 2.0
    # a third long query may not take the worker kept for short ones: stopped at SHORT seconds
    started = time.monotonic()
    status, _, body = request(endpoint, path=query_path(RUNAWAY), timeout=60)
    assert status == 503 and body.startswith("query stopped: 2 long queries are running"), body
    assert time.monotonic() - started < TIMEOUT - 2
    assert request(endpoint, path=query_path(ASK))[0] == 200
    for thread in threads:
        thread.join(60)
    assert [status for status, _ in answers] == [503, 503]
    assert all(body.startswith("query stopped: it ran longer than the server's timeout") for _, body in answers)


def test_serve_fifty_concurrent_clients_none_refused(graphs: Path) -> None:
    """50 clients connect at once while the server is busy (here: not yet accepting); the
    listen queue holds them all, none is dropped or reset, and all are answered."""
    clients = 50
    server, _ = make_server(graphs, port=0, workers=1, quiet=True)
    address = server.server_address[:2]
    outcomes: list[str] = []
    connected = threading.Barrier(clients + 1)
    lock = threading.Lock()

    def client() -> None:
        try:
            sock = socket.create_connection(address, timeout=2)  # a dropped SYN is sent again after 1 s only
        except OSError as err:
            connected.wait(10)
            with lock:
                outcomes.append(f"connect: {type(err).__name__}")
            return
        connected.wait(10)
        try:
            with sock:
                sock.settimeout(20)
                sock.sendall(f"GET / HTTP/1.0\r\nHost: {address[0]}:{address[1]}\r\n\r\n".encode())
                outcome = sock.makefile("rb").read().split(b"\r\n", 1)[0].decode()
        except OSError as err:
            outcome = type(err).__name__
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        for thread in threads:
            thread.start()
        connected.wait(10)
        serving.start()
        for thread in threads:
            thread.join(30)
    finally:
        if serving.is_alive():
            server.shutdown()
            serving.join()
        server.close()
    assert len(outcomes) == clients
    assert sorted(set(outcomes)) == ["HTTP/1.0 200 OK"], sorted(outcomes)


# --- deep nesting -------------------------------------------------------------------------------


# fmt: off
DEPTHS = [
    ("SELECT * { ?s ?p ?o }", 1),
    ("ASK { FILTER((1 + (2)) > 0) }", 4),
    ('SELECT * { ?s ?p "{{{{ (((" }  # }}}} ((((', 1),
    ("SELECT * { ?s ?p <http://x/a(b)> }", 1),
    ("SELECT * { ?s ?p [ ?q [ ?r ?t ] ] }", 3),
    ('SELECT * { ?s ?p """ { \n { """ }', 1),
]
# fmt: on


@pytest.mark.parametrize(("text", "depth"), DEPTHS)
def test_nesting_depth_counts_code_only(text: str, depth: int) -> None:
    assert nesting_depth(text) == depth


def test_check_nesting_refuses_deep_queries() -> None:
    check_nesting("SELECT * WHERE " + "{" * 1000 + "}" * 1000)
    with pytest.raises(QueryError, match=r"^the query nests brackets 50000 deep; at most 1000 are allowed"):
        check_nesting("SELECT * WHERE " + "{" * DEEP + "}" * DEEP)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_refuses_deep_nesting(graphs: Path, engine: str) -> None:
    """Before the fix Oxigraph's parser overflowed its stack: SIGSEGV, no message."""
    text = "ASK { FILTER(" + "(" * DEEP + "1" + ")" * DEEP + ") }"
    done = subprocess.run([sys.executable, "-m", "extractor.cli", "query", text, "--graphs", str(graphs),
                           "--engine", engine], check=False, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2, done.stderr[-500:]
    assert done.stderr == "legco-kg: the query nests brackets 50002 deep; at most 1000 are allowed\n"
    assert done.stdout == ""


def test_serve_refuses_deep_nesting(plain: tuple[str, int]) -> None:
    text = "SELECT * WHERE " + "{" * DEEP + "}" * DEEP
    status, _, body = request(plain, "POST", body=text.encode(),
                              headers={"Content-Type": "application/sparql-query"})
    assert (status, body) == (400, "the query nests brackets 50000 deep; at most 1000 are allowed\n")
    assert request(plain, path=query_path(ASK))[0] == 200


@pytest.mark.parametrize(("options", "message"), [
    (["--cors", "evil.example"], "legco-kg: --cors 'evil.example' is not an origin like https://example.org"),
    (["--cors", "https://a.example,https://b.example/path"],
     "legco-kg: --cors 'https://b.example/path' is not an origin like https://example.org"),
    (["--max-memory", "0"], "legco-kg: --max-memory 0 is not a number of megabytes (1 or more)"),
])
def test_serve_cli_refuses_bad_options(graphs: Path, capsys: pytest.CaptureFixture[str], options: list[str],
                                       message: str) -> None:
    from extractor.cli import main

    assert main(["serve", "--graphs", str(graphs), "--port", "0", *options]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_service_check_from_many_threads_leaves_the_parser_whole() -> None:
    """The endpoint checks queries for SERVICE in its request threads. pyparsing learns the
    arity of rdflib's parse actions on their first calls, which is not thread-safe: 16
    requests at once left the parser broken for the life of the server (``Param.postParse2()
    missing 1 required positional argument``), every later parse failing."""
    script = """if True:
        import threading
        from rdflib.plugins.sparql.parser import parseQuery
        from extractor.query import prepare_query, uses_service
        text = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a pol:PolicyMeasure . FILTER(?s != <x>) "
                "OPTIONAL { ?s ?p 'a'@en } } } GROUP BY ?g ORDER BY ?n LIMIT 3")
        barrier = threading.Barrier(16)
        def check():
            barrier.wait()
            assert not uses_service(text)
        threads = [threading.Thread(target=check) for _ in range(16)]
        [thread.start() for thread in threads]
        [thread.join() for thread in threads]
        parseQuery(prepare_query(text))
        print("ok")
    """
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert (done.returncode, done.stdout) == (0, "ok\n"), done.stderr[-800:]
