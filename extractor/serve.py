"""`legco-kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the graphs (Oxigraph).

The endpoint answers from an on-disk Oxigraph store (named graphs plus their merge as the
default graph, as `legco-kg query` sees them): a snapshot (hard links) of the folder's
`graphs/store/` when it is current, else the folder's TriG files loaded at start. Queries run in worker
processes that open that store read-only: a pyoxigraph query cannot be interrupted from
another thread, so a query that outlives ``--timeout`` is stopped by killing its worker
process (the work really stops), the client gets 503 with a message, and a fresh worker
takes the dead one's place. A worker's memory is capped (``RLIMIT_AS``), so a query that
would take more is stopped the same way.

Scheduling: ``workers`` long queries at once, plus one worker kept for short ones. A query
still running after ``short`` seconds becomes long; when ``workers`` long queries already
run it is stopped there (503), so two runaway queries never hold every worker.

Refused: updates (403; the store is read-only anyway), ``SERVICE`` calls (400; the
endpoint does not call out to other endpoints), queries nested deeper than
`query.MAX_NESTING` (400), other methods than GET/POST (405), a ``Host`` that is not this
endpoint (421: a web page could reach a loopback server through DNS rebinding), a bad or
too large ``Content-Length`` (400, 413). Cross-origin reads by web pages only for the
origins given (``cors``). Like `legco-kg query`, BASE and the project prefixes a query
does not declare are put first, and a query naming a term of the project's namespaces that
the ontology does not define is answered with a warning (header ``Legco-Kg-Warnings``).

For people, ``/`` in a browser is a query page (``extractor/data/query.html``): the
example queries of ``queries/``, an editor, and the answer as a table.
"""

from __future__ import annotations

import functools
import gc
import ipaddress
import json
import multiprocessing
import os
import queue
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import __version__
from .query import (
    BASE,
    QueryError,
    check_nesting,
    graph_files,
    load_oxigraph,
    prefixes,
    prepare_query,
    syntax_error,
    unknown_term_warnings,
    uses_service,
)

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2
#: Seconds after which a running query counts as long (see `WorkerPool`).
DEFAULT_SHORT = 2.0
#: Connections the kernel holds while the server is busy accepting (the standard library's 5
#: reset or dropped a few of 50 concurrent clients).
DEFAULT_BACKLOG = 128
#: Largest POST body taken (a query, not data).
MAX_BODY = 1 << 20
#: Seconds a client may take to send its request (or to read the answer), so a slow one
#: does not hold a thread for ever.
SOCKET_TIMEOUT = 60.0
RE_CONTENT_LENGTH = re.compile(r"[0-9]{1,20}")
RE_ORIGIN = re.compile(r"(?:https?://[^\s/?#,]+|\*)", re.IGNORECASE)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
#: Told to the pool by a worker that ran out of memory (and then exits).
OUT_OF_MEMORY = "out of memory"
ENDPOINT_PATHS = ("/query", "/sparql", "/")
#: Seconds a new worker may take to start and open the store (not counted in a query's time).
WORKER_START_LIMIT = 120.0
READY = "ready"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Media types offered per answer kind, in the server's order of preference (the first is
#: the default); values name pyoxigraph formats.
SOLUTION_TYPES = (
    ("application/sparql-results+json", "JSON"), ("application/json", "JSON"),
    ("text/csv", "CSV"), ("text/tab-separated-values", "TSV"),
    ("application/sparql-results+xml", "XML"), ("application/xml", "XML"),
)
BOOLEAN_TYPES = tuple(offer for offer in SOLUTION_TYPES if offer[1] in ("JSON", "XML"))
GRAPH_TYPES = (
    ("text/turtle", "TURTLE"), ("application/turtle", "TURTLE"), ("application/x-turtle", "TURTLE"),
    ("application/n-triples", "N_TRIPLES"), ("text/plain", "N_TRIPLES"),
    ("application/rdf+xml", "RDF_XML"), ("application/ld+json", "JSON_LD"),
)
TEXT_TYPES = {"text/csv", "text/tab-separated-values", "text/turtle", "text/plain", "application/n-triples"}

HELP_TEXT = """legco-kg SPARQL endpoint (read-only)

GET  /query?query=SELECT...            (URL-encoded query)
POST /query  application/sparql-query  (the query as body)
POST /query  application/x-www-form-urlencoded  (query=...)

SELECT and ASK: application/sparql-results+json (default), text/csv,
text/tab-separated-values, application/sparql-results+xml.
CONSTRUCT and DESCRIBE: text/turtle (default), application/n-triples,
application/rdf+xml, application/ld+json.
BASE <https://w3id.org/legco-kg/id/> and the legco-kg prefixes (pol:, eli:, schema:, ...)
are declared for you. Updates and SERVICE calls are refused. A query naming a pol:, polv:,
polu: or polsh: term the ontology does not define gets the header Legco-Kg-Warnings (a
JSON list: the term and the closest known one).

In a browser, / is a query page with the example queries.
"""


#: Response header with the query's warnings (unknown ontology terms), a JSON list of
#: strings in ASCII (HTTP header values are Latin-1).
WARNING_HEADER = "Legco-Kg-Warnings"
PAGE_FILE = Path(__file__).resolve().parent / "data" / "query.html"
EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "queries"
#: Files of ``queries/`` that are no examples.
NOT_EXAMPLES = ("prefixes.rq",)


def example_queries(directory: Path = EXAMPLES_DIR) -> list[dict[str, str]]:
    """The example queries the page offers: every ``.rq`` of ``queries/`` (none when the
    package is installed without the project folder), with its first comment line."""
    examples = []
    for path in sorted(directory.glob("*.rq")) if directory.is_dir() else []:
        if path.name in NOT_EXAMPLES:
            continue
        text = path.read_text(encoding="utf-8-sig")
        comments = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
        examples.append({"name": path.stem, "about": comments[0] if comments else "", "text": text})
    return examples


@functools.cache
def query_page() -> bytes:
    """The query page (`extractor/data/query.html`) with the examples, the prefixes and the
    endpoint's path inlined: one request, nothing else fetched."""
    data = {"endpoint": "query", "base": BASE, "prefixes": prefixes(), "warningHeader": WARNING_HEADER,
            "examples": example_queries()}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return PAGE_FILE.read_text(encoding="utf-8").replace("/*LEGCO_KG_PAGE*/", text, 1).encode("utf-8")


def wants_html(accept: str | None) -> bool:
    """Whether a client names HTML in ``Accept`` (a browser does; curl and SPARQL clients do
    not, and get the plain-text help)."""
    offer = negotiate(accept, (("text/plain", "text"), ("text/html", "html")))
    return bool(accept) and "text/html" in accept.lower() and offer is not None and offer[1] == "html"


def negotiate(accept: str | None, offers: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The offer the ``Accept`` header prefers (by q, then by the client's order), the first
    offer when there is no header, None when nothing offered is acceptable."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = []
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        quality = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if parts[0] and quality > 0:
            ranges.append((-quality, position, parts[0].lower()))
    for _, _, media_range in sorted(ranges):
        kind, _, sub = media_range.partition("/")
        for offer in offers:
            offer_kind = offer[0].partition("/")[0]
            if media_range == offer[0] or (sub == "*" and kind in ("*", offer_kind)):
                return offer
    return None


def content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type in TEXT_TYPES else media_type


@dataclass(frozen=True, slots=True)
class Job:
    """One query for a worker: the user's text, its prepared form, the Accept header and
    the protocol's dataset parameters."""

    query: str
    prepared: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


Answer = tuple[int, str, bytes]


def text_answer(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8")


def answer(store: Any, job: Job) -> Answer:
    """Run one job on a store and serialise the answer in the negotiated format."""
    import pyoxigraph as ox

    options: dict[str, Any] = {}
    try:
        if job.default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
        if job.named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    except ValueError as err:
        return text_answer(400, f"bad default-graph-uri or named-graph-uri: {err}")
    try:
        result = store.query(job.prepared, **options)
    except SyntaxError as err:
        return text_answer(400, str(syntax_error("oxigraph", job.prepared, job.query, err)))
    if isinstance(result, ox.QueryTriples):
        offers = GRAPH_TYPES
    elif isinstance(result, ox.QueryBoolean):
        offers = BOOLEAN_TYPES
    else:
        offers = SOLUTION_TYPES
    chosen = negotiate(job.accept, offers)
    if chosen is None:
        names = ", ".join(dict.fromkeys(media for media, _ in offers))
        return text_answer(406, f"no answer format matches Accept: {job.accept}; this query can give {names}")
    media_type, format_name = chosen
    formats = ox.RdfFormat if offers is GRAPH_TYPES else ox.QueryResultsFormat
    try:
        if format_name == "TURTLE":  # with the project prefixes it uses, for readers
            triples = list(result)
            iris = {term.value for t in triples for term in t if isinstance(term, ox.NamedNode)}
            iris |= {term.datatype.value for t in triples for term in t  # xsd:integer …, not implicit types
                     if isinstance(term, ox.Literal) and not term.language and term.datatype.value != XSD_STRING}
            used = {name: ns for name, ns in prefixes().items() if any(iri.startswith(ns) for iri in iris)}
            body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used)
        else:
            body = result.serialize(format=getattr(formats, format_name))
    except Exception as err:  # noqa: BLE001 (evaluation is lazy: any error surfaces while serialising)
        return text_answer(500, f"the query failed: {err}")
    return 200, content_type(media_type), body or b""


def default_max_memory() -> int:
    """A quarter of the machine's memory, in MB (1024 when it cannot be told)."""
    try:
        return max(64, os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 4 >> 20)
    except (ValueError, OSError, AttributeError):
        return 1024


def cap_memory(megabytes: int) -> None:
    """Let this process's address space grow by ``megabytes`` over what it holds now (the
    interpreter, pyoxigraph, the opened store); past it allocations fail: Oxigraph aborts
    the process, Python raises MemoryError."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            now = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    except (ImportError, OSError, StopIteration, ValueError):
        return  # no RLIMIT_AS or no /proc (not Linux): not capped
    limit = now + (megabytes << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def worker_main(store_path: str, conn: Any, max_memory: int | None = None) -> None:
    """A worker process: answer jobs from the pipe until it closes (or the pool kills it);
    with ``max_memory`` (MB) its memory is capped, and it exits after running out."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path)
    except OSError as err:
        conn.send(f"cannot open the store {store_path}: {err}")
        return
    if max_memory:
        cap_memory(max_memory)
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(answer(store, job))
        except MemoryError:
            conn.send(OUT_OF_MEMORY)
            return
        except Exception as err:  # noqa: BLE001 (keep the worker; the client gets the reason)
            conn.send(text_answer(500, f"the query failed: {err}"))


@dataclass
class Worker:
    process: Any
    conn: Any
    ready: bool = False

    def wait_ready(self) -> str | None:
        """None once the worker has opened the store, else why it has not."""
        if self.ready:
            return None
        try:
            if not self.conn.poll(WORKER_START_LIMIT):
                return f"a query worker did not start within {WORKER_START_LIMIT:g} s"
            hello = self.conn.recv()
        except (EOFError, OSError):
            return "a query worker died while starting"
        self.ready = hello == READY
        return None if self.ready else str(hello)


@dataclass
class WorkerPool:
    """Worker processes over a read-only store; a job that outlives ``timeout`` is stopped
    by killing its worker, which is replaced, and so is one that runs out of ``max_memory``
    MB (None: not capped).

    ``size`` queries may run long (longer than ``short`` seconds) at once; the pool has one
    worker more, so a short query finds a free worker while ``size`` runaways run. A query
    that turns long while ``size`` others are long is stopped at ``short`` seconds."""

    store_path: str
    size: int = DEFAULT_WORKERS
    timeout: float = DEFAULT_TIMEOUT
    short: float = DEFAULT_SHORT
    max_memory: int | None = None
    _idle: queue.Queue[Worker] = field(default_factory=queue.Queue)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _long: int = 0
    _closed: bool = False

    def __post_init__(self) -> None:
        if self.size < 1:
            raise ValueError(f"workers must be 1 or more, not {self.size}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be more than 0 seconds, not {self.timeout}")
        if self.short <= 0:
            raise ValueError(f"short must be more than 0 seconds, not {self.short}")
        if self.max_memory is not None and self.max_memory < 1:
            raise ValueError(f"max-memory must be 1 MB or more, not {self.max_memory}")
        # spawn: the HTTP server is threaded, and forking a threaded process is unsafe
        self._context = multiprocessing.get_context("spawn")
        self._all: list[Worker] = []
        started = [self._start() for _ in range(self.size + 1)]
        for worker in started:
            problem = worker.wait_ready()
            if problem:
                self.close()
                raise QueryError(problem)
            self._idle.put(worker)

    def _start(self) -> Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=worker_main, args=(self.store_path, child, self.max_memory),
                                        daemon=True, name="legco-kg-query-worker")
        process.start()
        child.close()
        worker = Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        with self._lock:
            self._all.remove(worker)
        if not self._closed:
            self._idle.put(self._start())

    def run(self, job: Job) -> Answer:
        """The answer to a job; the query gets ``timeout`` seconds from when a started
        worker takes it (waiting for a free worker is limited to ``timeout`` too)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_answer(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                    "try again later")
        problem = worker.wait_ready()
        if problem:
            self._replace(worker)
            return text_answer(500, f"{problem}; the query was not answered")
        deadline = time.monotonic() + self.timeout
        try:
            worker.conn.send(job)
            done = worker.conn.poll(min(self.short, self.timeout))
            if not done and self.short < self.timeout:
                with self._lock:
                    turns_long = self._long < self.size
                    self._long += turns_long
                if not turns_long:
                    self._replace(worker)
                    return text_answer(503, f"query stopped: {self.size} long queries are running, the most at once, "
                                            f"so it could run {self.short:g} s only; try again later or narrow it")
                try:
                    done = worker.conn.poll(max(0.0, deadline - time.monotonic()))
                finally:
                    with self._lock:
                        self._long -= 1
            if done:
                result: Answer | str = worker.conn.recv()
                if result == OUT_OF_MEMORY:
                    self._replace(worker)
                    return self.out_of_memory()
                self._idle.put(worker)
                return result  # type: ignore[return-value]
        except (EOFError, OSError):
            worker.process.join(5)
            code = worker.process.exitcode
            self._replace(worker)
            if self.max_memory and code == -signal.SIGABRT:  # Rust's answer to a failed allocation
                return self.out_of_memory()
            return text_answer(500, f"the query worker died (exit code {code}); the query was not answered")
        self._replace(worker)
        return text_answer(503, f"query stopped: it ran longer than the server's timeout of {self.timeout:g} s; "
                                "narrow it (more specific patterns, LIMIT) or ask for a longer --timeout")

    def out_of_memory(self) -> Answer:
        return text_answer(503, f"query stopped: it needed more than the server's {self.max_memory} MB of memory; "
                                "narrow it (more specific patterns, LIMIT) or ask for a larger --max-memory")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            worker.process.kill()
            worker.process.join()
            worker.conn.close()


def count_quads(store: Any) -> int:
    """Quads in the named graphs of a store (its default graph is their merge)."""
    count = next(iter(store.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")))["n"]
    return int(count.value)


def snapshot_store(graphs: str | Path, directory: Path) -> int:
    """A private copy of the folder's current store (`graphs/store/`) in ``directory``, made
    of hard links to its table files (which RocksDB never changes, only deletes) and copies of
    the rest, so the workers can open it read-only while a later `legco-kg graph` rewrites the
    store itself; returns the quad count. Raises `StoreError` when the store is not current
    and OSError when it cannot be linked (another file system)."""
    from .store import STATE, disagreement, open_store, recorded_quads, store_folder

    open_store(graphs)  # current and readable, else StoreError saying why
    source = store_folder(graphs)
    directory.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.name == "LOCK":
            continue
        if path.suffix == ".sst":
            os.link(path, directory / path.name)
        else:
            shutil.copy2(path, directory / path.name)
    if disagreement(graphs):  # a build wrote it meanwhile: the copy may be torn
        from .store import StoreError

        raise StoreError(f"{source}/ changed while it was being copied")
    (directory / STATE).unlink(missing_ok=True)
    return recorded_quads(graphs)


def build_store(files: list[Path], directory: Path) -> int:
    """Load the graph files into an on-disk store (replacing what it held); returns the
    number of quads in the named graphs."""
    import pyoxigraph as ox

    directory.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(directory))
    store.clear()
    load_oxigraph(files, store)
    count = count_quads(store)
    store.flush()
    del store
    gc.collect()  # close the read-write instance before workers open it read-only
    return count


class Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol, query operation only (§2.1)."""

    server: Endpoint
    server_version = f"legco-kg/{__version__}"
    timeout = SOCKET_TIMEOUT

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def parse_request(self) -> bool:
        """The request line and headers, refused (421) unless ``Host`` names this endpoint:
        a web page can make the browser send requests to a loopback server under its own
        name, once that name resolves to 127.0.0.1 (DNS rebinding)."""
        if not super().parse_request():
            return False
        host = self.headers.get("Host")
        if host is None or not self.server.host_allowed(host):
            self.close_connection = True
            shown = "(none)" if host is None else repr(host)
            self.send_text(421, f"Host {shown} is not this endpoint; ask for {self.server.url}")
            return False
        return True

    def allowed_origin(self) -> str | None:
        """The value of ``Access-Control-Allow-Origin`` for this request, if any."""
        origin = self.headers.get("Origin") if self.headers else None
        allowed = self.server.cors
        if "*" in allowed:
            return "*"
        return origin if origin and origin in allowed else None

    def send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        origin = self.allowed_origin()
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", WARNING_HEADER)
        self.send_header("Vary", "Accept, Origin" if self.server.cors else "Accept")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_text(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self.send(*text_answer(status, message), extra=extra)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            self.send_text(404, f"no such path {url.path!r}; the endpoint is /query")
            return
        self.dispatch(parse_qs(url.query, keep_blank_values=True), url.path)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            self.send_text(404, f"no such path {url.path!r}; the endpoint is /query")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        length = self.body_length()
        if length is None:
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self.refuse_update()
            return
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        else:
            self.send_text(415, f"Content-Type {ctype or '(none)'!r} is not application/sparql-query or "
                                "application/x-www-form-urlencoded")
            return
        self.dispatch(params, url.path)

    def body_length(self) -> int | None:
        """The request body's length from ``Content-Length`` (0 without one), or None once
        a bad or too large one has been refused; the body is never read past it."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self.send_text(411, f"Transfer-Encoding {self.headers['Transfer-Encoding']!r} is not taken; "
                                "send the query with a Content-Length")
            return None
        values = {value.strip() for value in self.headers.get_all("Content-Length") or []}
        if not values:
            return 0
        text = values.pop() if len(values) == 1 else ", ".join(sorted(values))
        if not RE_CONTENT_LENGTH.fullmatch(text):
            self.close_connection = True
            self.send_text(400, f"Content-Length {text!r} is not a number of bytes (0 to {MAX_BODY})")
            return None
        if int(text) > MAX_BODY:
            self.close_connection = True
            self.send_text(413, f"Content-Length {text!r} is over the limit of {MAX_BODY} bytes for a query")
            return None
        return int(text)

    def refuse_update(self) -> None:
        self.send_text(403, "SPARQL updates are refused: this endpoint is read-only")

    def refuse_method(self) -> None:
        self.send_text(405, f"{self.command} is refused: this endpoint is read-only and answers GET and POST queries",
                       {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = refuse_method

    def do_OPTIONS(self) -> None:
        extra = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self.allowed_origin():  # a CORS preflight, for an origin given with --cors
            extra.update({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                          "Access-Control-Allow-Headers": "Accept, Content-Type"})
        self.send(204, "text/plain", b"", extra)

    def dispatch(self, params: dict[str, list[str]], path: str) -> None:
        if "update" in params:
            self.refuse_update()
            return
        queries = params.get("query")
        if not queries:
            if path == "/" and self.command in ("GET", "HEAD") and wants_html(self.headers.get("Accept")):
                self.send(200, "text/html; charset=utf-8", query_page())
            elif path == "/" and self.command in ("GET", "HEAD"):
                self.send_text(200, HELP_TEXT)
            else:
                self.send_text(400, "missing the query parameter (query=...)")
            return
        if len(queries) > 1:
            self.send_text(400, f"{len(queries)} query parameters; send one")
            return
        text = queries[0]
        try:
            check_nesting(text)
        except QueryError as err:
            self.send_text(400, str(err))
            return
        if not self.server.allow_service and uses_service(text):
            self.send_text(400, "SERVICE calls are refused: this endpoint does not query other endpoints")
            return
        job = Job(text, prepare_query(text), self.headers.get("Accept"),
                  tuple(params.get("default-graph-uri", ())), tuple(params.get("named-graph-uri", ())))
        warnings = unknown_term_warnings(text)
        extra = {WARNING_HEADER: json.dumps(warnings)} if warnings else None
        self.send(*self.server.pool.run(job), extra=extra)


class Endpoint(ThreadingHTTPServer):
    """The HTTP server with its worker pool and store folder. ``cors``: origins whose web
    pages may read the answers (``*`` any); none by default."""

    daemon_threads = True
    request_queue_size = DEFAULT_BACKLOG

    def __init__(self, address: tuple[str, int], pool: WorkerPool, store_dir: Path, own_store: bool,
                 quiet: bool = False, allow_service: bool = False, cors: tuple[str, ...] = ()) -> None:
        super().__init__(address, Handler)
        self.allow_service = allow_service
        self.cors = cors
        self.pool = pool
        self.store_dir = store_dir
        self.own_store = own_store
        self.quiet = quiet
        self.hosts = host_names(address[0], self.server_address[0], self.server_address[1])

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{bracketed(host)}:{port}/query"

    @property
    def page_url(self) -> str:
        """The query page, for people (`/`)."""
        return self.url.removesuffix("query")

    def host_allowed(self, host: str) -> bool:
        """Whether a ``Host`` header names this endpoint: its address or, bound to a loopback
        address, a loopback name; bound to every address (0.0.0.0, ::), also this machine's
        names and any IP address (an address is no DNS name, so no rebinding). The port must
        be ours (80 when left out)."""
        name, port = split_host(host)
        if port != self.server_address[1]:
            return False
        if name in self.hosts:
            return True
        if is_unspecified(self.server_address[0]):
            try:
                ipaddress.ip_address(name.strip("[]"))
                return True
            except ValueError:
                return False
        return False

    def close(self) -> None:
        self.server_close()
        self.pool.close()
        if self.own_store:
            shutil.rmtree(self.store_dir, ignore_errors=True)


def bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def is_unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def split_host(host: str) -> tuple[str, int | None]:
    """A ``Host`` header as (lower-case name, port); port 80 when it has none, None when bad."""
    host = host.strip().lower()
    match = re.fullmatch(r"(\[[0-9a-f:.]+\]|[^\s:\[\]]+)(?::([0-9]{1,5}))?", host)
    if not match:
        return host, None
    return match.group(1), int(match.group(2) or 80)


def host_names(given: str, bound: str, port: int) -> frozenset[str]:
    """The names a ``Host`` header may give for a server bound to ``bound`` (as asked:
    ``given``): those two and, for a loopback or every-address bind, the loopback names;
    for every address also this machine's names."""
    names = {given.lower(), bracketed(bound).lower(), bracketed(given).lower()}
    try:
        loopback = given == "localhost" or ipaddress.ip_address(bound).is_loopback
    except ValueError:
        loopback = False
    if loopback or is_unspecified(bound):
        names.update(LOOPBACK_HOSTS)
    if is_unspecified(bound):
        names.update(name.lower() for name in (socket.gethostname(), socket.getfqdn()) if name)
    return frozenset(names)


def check_origins(origins: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Origins for ``--cors`` (each may be a comma list), checked: ``scheme://host[:port]``
    or ``*``."""
    out: list[str] = []
    for item in origins:
        for origin in (part.strip() for part in item.split(",")):
            if not RE_ORIGIN.fullmatch(origin):
                raise QueryError(f"--cors {origin!r} is not an origin like https://example.org "
                                 "(scheme, host and port only) or *")
            out.append(origin.rstrip("/"))
    return tuple(dict.fromkeys(out))


def check_options(cors: tuple[str, ...] | list[str], max_memory: int | None) -> tuple[str, ...]:
    """Check ``--cors`` and ``--max-memory`` before any work (loading a corpus takes a while);
    returns the origins."""
    origins = check_origins(cors)
    if max_memory is not None and max_memory < 1:
        raise QueryError(f"--max-memory {max_memory} is not a number of megabytes (1 or more)")
    return origins


def make_server(graphs: str | Path = "graphs", host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS, store_dir: str | Path | None = None,
                quiet: bool = False, allow_service: bool = False, cors: tuple[str, ...] | list[str] = (),
                max_memory: int | None = None, short: float = DEFAULT_SHORT) -> tuple[Endpoint, int]:
    """Build the store and the server (not yet serving); returns it and the quad count.
    ``allow_service`` lets queries call other endpoints (federation), refused by default;
    ``cors`` names the origins whose web pages may read answers; ``max_memory`` caps each
    query worker (MB, default a quarter of the machine's memory); ``short``: seconds after
    which a query counts as long (see `WorkerPool`)."""
    origins = check_options(cors, max_memory)
    files = graph_files(graphs)
    own = store_dir is None
    directory = Path(tempfile.mkdtemp(prefix="legco-kg-store-", dir=snapshot_parent(graphs))) if own \
        else Path(store_dir)  # type: ignore[arg-type]
    try:
        quads = open_quads(graphs, files, directory, own, quiet)
        pool = WorkerPool(str(directory), workers, timeout, short,
                          default_max_memory() if max_memory is None else max_memory)
    except BaseException:
        if own:
            shutil.rmtree(directory, ignore_errors=True)
        raise
    try:
        return Endpoint((host, port), pool, directory, own, quiet, allow_service, origins), quads
    except OSError as err:
        pool.close()
        if own:
            shutil.rmtree(directory, ignore_errors=True)
        raise QueryError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err


def snapshot_parent(graphs: str | Path) -> str | None:
    """Where the snapshot goes: the temporary folder, or the graphs folder itself when the
    temporary folder is on another file system (hard links cannot cross file systems)."""
    try:
        if os.stat(tempfile.gettempdir()).st_dev != os.stat(graphs).st_dev:
            return str(graphs)
    except OSError:
        pass
    return None


def open_quads(graphs: str | Path, files: list[Path], directory: Path, own: bool, quiet: bool = False) -> int:
    """Fill ``directory`` with the store the workers open: a snapshot of `graphs/store/`
    when it is current (a moment, whatever its size), else the TriG files loaded (with one
    line saying why; also when ``own`` is false: ``--store DIR`` is loaded from the TriG
    files). Returns the quad count."""
    from .store import StoreError, store_folder

    if own:
        try:
            return snapshot_store(graphs, directory)
        except (StoreError, OSError) as err:
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir()
            if not quiet or store_folder(graphs).exists():
                print(f"legco-kg: not using a store ({err}); reading the TriG files of {graphs}/ instead",
                      file=sys.stderr, flush=True)
    return build_store(files, directory)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def serve(graphs: str | Path = "graphs", host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS, store_dir: str | Path | None = None,
          quiet: bool = False, allow_service: bool = False, cors: tuple[str, ...] | list[str] = (),
          max_memory: int | None = None) -> None:
    """Serve until interrupted (Ctrl-C). Start-up says what it is doing (loading takes a
    while on a large corpus) unless ``quiet``; the line with the URL is always printed."""
    check_options(cors, max_memory)
    if not quiet:
        count = len(graph_files(graphs))
        print(f"legco-kg: loading {count} graph file{'s' if count != 1 else ''} of {graphs}/ and starting "
              f"{workers + 1} query workers…", file=sys.stderr, flush=True)
    started = time.monotonic()
    server, quads = make_server(graphs, host, port, timeout, workers, store_dir, quiet, allow_service, cors,
                                max_memory)
    print(f"legco-kg: SPARQL endpoint ready at {server.url} (query page: {server.page_url}) over {quads} quads "
          f"of {graphs}/ in {time.monotonic() - started:.1f} s (read-only; a query stops after {timeout:g} s or "
          f"{server.pool.max_memory} MB; Ctrl-C ends)", file=sys.stderr, flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` ends it as Ctrl-C does: workers and store removed
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
