"""Sorting more records than memory should hold: an external sort. Records are held a batch at a
time; a full batch is sorted and written out as a run file, and the runs are merged when the
records are read back, so that a paper's graph costs memory for one batch, not for every triple."""

from __future__ import annotations

import heapq
import marshal
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: Records held in memory before they are sorted and written out as one run (a triple of a
#: paper graph costs about 170 bytes: some 17 MB). A paper of the corpus (at most ~60,000
#: triples) is never spilled, which would cost it ~10 % more time; a longer one holds one run.
RUN_SIZE = 100_000
#: Most runs merged at once (each open file reads ahead one chunk); more are merged in rounds
#: into longer runs first.
FAN_IN = 64
#: Records written (and read back) together in a run file, as one ``marshal`` value.
CHUNK = 256

Record = tuple[Any, ...]


class SortedRuns:
    """Tuples of strings (or numbers) added in any order and read back sorted, each once when
    ``unique``. Runs go to a temporary folder made inside ``folder`` (the system's when None)
    on the first spill, removed by ``close`` or when this object is dropped."""

    __slots__ = ("__weakref__", "_buffer", "_folder", "_made", "_remove", "_runs", "parent", "run_size", "unique")

    def __init__(self, folder: Path | None = None, run_size: int = RUN_SIZE, unique: bool = True) -> None:
        self.parent = folder
        self.run_size = run_size
        self.unique = unique
        self._buffer: list[Record] = []
        self._runs: list[Path] = []
        self._folder: Path | None = None
        self._remove: weakref.finalize | None = None
        self._made = 0

    @property
    def spilled(self) -> bool:
        return bool(self._runs)

    def add(self, record: Record) -> None:
        self._buffer.append(record)
        if len(self._buffer) >= self.run_size:
            self._buffer.sort()
            self.add_run(self._buffer)
            self._buffer = []

    def add_run(self, records: Iterable[Record]) -> None:
        """Write records already in order as one run."""
        path = self._new_path()
        with path.open("wb") as handle:
            chunk: list[Record] = []
            for record in records:
                chunk.append(record)
                if len(chunk) == CHUNK:
                    marshal.dump(chunk, handle)
                    chunk = []
            if chunk:
                marshal.dump(chunk, handle)
        self._runs.append(path)

    def sorted(self, tail: Iterable[Record] = ()) -> Iterator[Record]:
        """Every record added, and those of ``tail`` (in order already), in order."""
        self._buffer.sort()
        while len(self._runs) > FAN_IN:  # the first runs merged into one, until few enough are left
            first, self._runs = self._runs[:FAN_IN], self._runs[FAN_IN:]
            self.add_run(self._merged([_read_run(run) for run in first]))
            for run in first:
                run.unlink()
        return self._merged([*(_read_run(run) for run in self._runs), iter(self._buffer), iter(tail)])

    def close(self) -> None:
        """Remove the run files; the records go with them."""
        if self._remove is not None:
            self._remove()
        self._runs, self._buffer = [], []

    def _merged(self, streams: list[Iterator[Record]]) -> Iterator[Record]:
        merged = heapq.merge(*streams)
        return _unique(merged) if self.unique else merged

    def _new_path(self) -> Path:
        if self._folder is None:
            if self.parent is not None:
                self.parent.mkdir(parents=True, exist_ok=True)
            self._folder = Path(tempfile.mkdtemp(dir=self.parent, prefix=".sort-"))
            self._remove = weakref.finalize(self, shutil.rmtree, self._folder, True)
        self._made += 1
        return self._folder / f"{self._made}.run"


def _read_run(path: Path) -> Iterator[Record]:
    with path.open("rb") as handle:
        while True:
            try:
                chunk = marshal.load(handle)
            except EOFError:
                return
            yield from chunk


def _unique(records: Iterator[Record]) -> Iterator[Record]:
    """Sorted records without their repeats."""
    previous = None
    for record in records:
        if record != previous:
            yield record
            previous = record
