"""`legco-kg graph … --dask tcp://scheduler:8786`: the per-paper tasks of `extractor.build` run
on the workers of a Dask distributed cluster instead of local processes.

The client (the machine running `legco-kg graph`) plans the build exactly as a local one does,
sends each task to the cluster and writes what comes back: a worker runs the task in a
temporary folder of its own, standing in for the client's output folder, and returns the
bytes of the files the task wrote there. So no output folder needs to be shared and the
manifest and progress stay with the client. Papers are read by the workers from the same
path as the client's (a shared folder mounted at the same place on every machine), or from
an fsspec URL (``--corpus-url``), checked against the client's copy byte for byte.

Dask is imported only here, and only when ``--dask`` is used.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ExtractorError, InputError
from .files import write_atomic

INSTALL_HINT = "pip install 'legco-kg[cluster]'"
#: Seconds to reach the scheduler, and to wait for a first worker, before giving up.
CONNECT_TIMEOUT = 10.0
#: Tasks sent ahead per worker thread, so that no worker waits while the client writes.
IN_FLIGHT_PER_THREAD = 3
#: A paper's sha256, as `extractor.build` keys what it keeps of a paper.
RE_SHA256 = re.compile(r"[0-9a-f]{64}")


class ClusterError(ExtractorError, RuntimeError):
    """A cluster that cannot be used: not installed, not reachable, no workers, other code."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """Where to run: the scheduler's address, and where workers read the papers when they
    do not share the client's folder (``corpus_url``: an fsspec URL standing for ``corpus``)."""

    address: str
    corpus_url: str | None = None
    corpus: Path | None = None


@dataclass(frozen=True, slots=True)
class _Remote:
    """What a worker needs to know besides a task's arguments."""

    out: Path  # the client's output folder (as the task's arguments give it)
    cwd: Path  # the client's working folder: relative paper paths are read from it
    moves: tuple[int, ...] = ()  # the arguments that are the output folder or lie under it
    urls: tuple[tuple[Path, str, str], ...] = ()  # (paper, URL to fetch, its sha256) with --corpus-url


def require_dask() -> None:
    """Raise a `ClusterError` with the install command unless Dask's distributed is importable."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError(f"--dask needs Dask's distributed scheduler, which is not installed: {INSTALL_HINT}") from None


def check_corpus_url(url: str) -> None:
    """Refuse early a URL whose protocol fsspec does not know or whose backend is not installed here."""
    try:
        import fsspec.core
    except ImportError:
        raise ClusterError(f"--corpus-url needs fsspec, which is not installed: {INSTALL_HINT}") from None
    try:
        fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as err:
        raise ClusterError(f"--corpus-url {url}: {err}; expected an fsspec URL such as file:///mnt/corpus "
                           "(other protocols need their fsspec backend installed)") from None


@contextmanager
def dask_workers(cluster: Cluster, out: Path) -> Iterator[Callable[[Callable[[Any], Any], list[Any]], Iterator[Any]]]:
    """The `run(task, args)` of `extractor.build._workers` on a Dask cluster: results in the
    order of ``args``, each task's files written into ``out`` as its result comes back."""
    require_dask()
    from distributed import Client

    try:
        client = Client(cluster.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {cluster.address} ({err}); expected a running "
                           "`dask scheduler` there (tcp://HOST:8786)") from None
    try:
        _check_workers(client, cluster.address)

        def run(task: Callable[[Any], Any], args: list[Any]) -> Iterator[Any]:
            # A few tasks per worker thread in flight, not all: each carries its inputs, which
            # for a large corpus would not fit in the client's or the scheduler's memory at once.
            window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
            pending: deque[Any] = deque()
            for arg in args:
                pending.append(client.submit(_run_on_worker, task, arg, _remote_for(arg, cluster, out),
                                             _inputs_for(arg, out), pure=False))
                if len(pending) < window:
                    continue
                yield _receive(pending.popleft(), out)
            while pending:
                yield _receive(pending.popleft(), out)

        yield run
    finally:
        client.close()


def _receive(future: Any, out: Path) -> Any:
    """A task's result, once the files it wrote are written into ``out``."""
    result, files = future.result()
    future.release()
    for name, data in sorted(files.items()):
        write_atomic(out / name, data)
    return result


def _check_workers(client: Any, address: str) -> None:
    """At least one worker, and every worker running the client's code and ontology (else the
    outputs would differ from a local build's)."""
    from .build import build_fingerprint

    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (TimeoutError, OSError):
        raise ClusterError(f"no Dask worker joined the scheduler at {address} within {CONNECT_TIMEOUT:g} s; "
                           f"start one on each machine: dask worker {address}") from None
    ours = build_fingerprint()
    other = sorted(worker for worker, theirs in client.run(build_fingerprint).items() if theirs != ours)
    if other:
        raise ClusterError(f"the Dask worker(s) {', '.join(other)} run another legco-kg (code or ontology differ "
                           "from this machine's); install the same version on every machine")


def _items(arg: Any) -> tuple[Any, ...]:
    return arg if isinstance(arg, tuple) else (arg,)


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _papers_in(arg: Any) -> list[Path]:
    """The papers a task may read: its paper, or its graph's papers."""
    from .build import GraphUnit

    items = _items(arg)
    units = [p for item in items if isinstance(item, GraphUnit) for p in item.papers]
    return units or ([items[0]] if isinstance(items[0], Path) else [])


def _remote_for(arg: Any, cluster: Cluster, out: Path) -> _Remote:
    """The output paths that move to the worker's folder (the folder, and paths under it that
    are not files already there, such as a paper kept beside the outputs), and the papers'
    URLs with --corpus-url."""
    moves = tuple(index for index, item in enumerate(_items(arg))
                  if isinstance(item, Path) and _under(item, out) and not item.is_file())
    urls = []
    if cluster.corpus_url:
        for paper in _papers_in(arg):
            if cluster.corpus is None or paper.parent.resolve() != cluster.corpus.resolve():
                raise ClusterError(f"{paper} is not in {cluster.corpus}, the folder --corpus-url stands for")
            digest = hashlib.sha256(paper.read_bytes()).hexdigest()
            urls.append((paper, f"{cluster.corpus_url.rstrip('/')}/{paper.name}", digest))
    return _Remote(out, Path.cwd(), moves, tuple(urls))


def _inputs_for(arg: Any, out: Path) -> dict[str, bytes]:
    """The files under ``out`` a task reads, by their path in ``out``: a graph's build reads the
    documents its papers' reading kept (`extractor.build._build_unit`)."""
    from .build import GraphUnit

    items = _items(arg)
    papers = [p for item in items if isinstance(item, GraphUnit) for p in item.papers]
    hashes = next((item for item in items if isinstance(item, dict) and papers and papers[0] in item
                   and all(isinstance(v, str) and RE_SHA256.fullmatch(v) for v in item.values())), {})
    inputs = {}
    for folder in (item for item in items if isinstance(item, Path) and item != out and _under(item, out)):
        for paper in papers:
            kept = folder / hashes[paper] if paper in hashes else None
            if kept is not None and kept.is_file():
                inputs[str(kept.relative_to(out))] = kept.read_bytes()
    return inputs


def _run_on_worker(task: Callable[[Any], Any], arg: Any, remote: _Remote, inputs: dict[str, bytes]
                   ) -> tuple[Any, dict[str, bytes]]:
    """On a worker: run ``task`` with the client's output folder replaced by a temporary one
    (holding ``inputs``) and each paper read where this worker finds it; returns the result and
    the files the task wrote."""
    from .build import PAPER_SOURCE, _load_pipeline

    _load_pipeline()  # once per worker process: the loaders are cached
    with tempfile.TemporaryDirectory(prefix="legco-kg-out-") as tmp, \
            tempfile.TemporaryDirectory(prefix="legco-kg-papers-") as fetched:
        root = Path(tmp)
        for name, data in inputs.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        items = tuple(root / item.relative_to(remote.out) if index in remote.moves else item
                      for index, item in enumerate(_items(arg)))
        for index in remote.moves:
            items[index].parent.mkdir(parents=True, exist_ok=True)
        token = PAPER_SOURCE.set(lambda paper: _source(paper, remote, Path(fetched)))
        try:
            result = task(items if isinstance(arg, tuple) else items[0])
        finally:
            PAPER_SOURCE.reset(token)
        files = {name: p.read_bytes() for p in sorted(root.rglob("*"))
                 if p.is_file() and (name := str(p.relative_to(root))) not in inputs}
    return result, files


def _source(paper: Path, remote: _Remote, fetched: Path) -> Path | None:
    """Where this worker reads ``paper``: fetched from its URL (checked against the client's
    sha256), else the client's path (relative paths from the client's working folder)."""
    import socket

    from .errors import MissingInput

    for known, url, digest in remote.urls:
        if known == paper:
            import fsspec

            try:
                with fsspec.open(url, "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                raise MissingInput(str(paper), f"not found at {url} (--corpus-url) from the Dask worker on "
                                               f"{socket.gethostname()}") from None
            except OSError as err:
                raise InputError(str(paper), f"cannot read {url} (--corpus-url): {err}") from None
            if hashlib.sha256(data).hexdigest() != digest:
                raise InputError(str(paper), f"the copy at {url} differs from this machine's file; expected the "
                                             "same corpus at --corpus-url")
            copy = fetched / hashlib.sha256(str(paper).encode()).hexdigest()[:16] / paper.name
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data)
            return copy
    where = paper if paper.is_absolute() else remote.cwd / paper
    if not os.path.lexists(where):
        raise MissingInput(str(paper), f"no such file on the Dask worker on {socket.gethostname()} (looked at "
                                       f"{where}); expected the corpus in a folder shared at the same path on every "
                                       "machine, or --corpus-url URL")
    return where
