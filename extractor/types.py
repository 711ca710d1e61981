"""Plain, frozen records passed between the stages: file → Document → mentions → facts.

Every stage returns new records; nothing is mutated after construction. Character
offsets are code points (Python ``str`` indices), ``start`` inclusive, ``end`` exclusive.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, overload

Lang = Literal["zh-Hant", "zh-Hans", "en"]
BlockKind = Literal["title", "heading", "paragraph", "item", "table_row", "footnote", "signature"]

#: Offset used in a block's source map for a character the parser inserted
#: (a space joining two English lines); it has no position in the source.
INSERTED = -1


class Offsets:
    """A block's character offsets, 4 bytes each (a tuple of ints takes 36 a character, and a
    paper holds one offset per character it has), immutable and hashable like the tuple it
    stands for: indexing, slicing (an ``Offsets``), ``len``, iteration, equality with any
    sequence of the same ints."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[int] = ()) -> None:
        self._items = items if isinstance(items, array) else array("i", items)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Offsets: ...
    def __getitem__(self, index: int | slice) -> int | Offsets:
        if isinstance(index, slice):
            return Offsets(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[int]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Offsets):
            return self._items == other._items
        if isinstance(other, (tuple, list, range, array)):
            return len(other) == len(self._items) and all(a == b for a, b in zip(self._items, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._items))

    def __repr__(self) -> str:
        return f"Offsets({list(self._items)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Offsets, (self._items,))


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the source: its 1-based position in the file, its slice of
    ``RawDocument.text`` and the page number printed on it (``label``, `56`, `iii`), if any."""

    number: int
    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A physical line of the source, before layout analysis.

    ``start``/``end`` index ``RawDocument.text``; ``x0``/``top``/``x1``/``bottom`` are
    PDF points (``None`` for text files); ``size`` is the dominant font size.
    """

    text: str
    page: int
    start: int
    end: int
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    size: float | None = None
    #: offsets into ``RawDocument.text`` of each character of ``text`` (same length); a line
    #: is laid out contiguously, so it is ``range(start, end)`` (a few bytes, not one int a character).
    offsets: range | tuple[int, ...] = ()
    #: characters printed raised (superscript footnote marks), as indices into ``text``.
    raised: frozenset[int] = frozenset()
    #: cells when the line is a row of a ruled table, each cell (text, offsets).
    cells: tuple[tuple[str, range | tuple[int, ...]], ...] = ()
    #: the cells come from an unruled table laid out in columns: a row may wrap over
    #: several lines (a ruled table's row is one line already).
    unruled: bool = False
    #: this line of an unruled table starts a row (the lines after it, until the next
    #: start, wrap the same row)
    row_start: bool = False


@dataclass(frozen=True, slots=True)
class RawDocument:
    """The source as read: the concatenated page texts and its physical lines."""

    path: str
    kind: Literal["pdf", "text"]
    text: str
    pages: tuple[Page, ...]
    lines: tuple[Line, ...]
    encoding: str | None = None
    #: problems met reading the file that did not stop it (data loss in a damaged PDF).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """A logical unit of the paper in reading order.

    ``offsets[i]`` is the position in ``Document.source_text`` of ``text[i]``
    (``INSERTED`` for a joining space), so every character can be traced to its page.
    """

    kind: BlockKind
    where: str
    text: str
    offsets: Offsets | tuple[int, ...]
    pages: tuple[int, ...]
    number: str | None = None
    section: str | None = None
    cells: tuple[str, ...] = ()
    #: (start, end) of each cell within ``text`` for table rows.
    cell_spans: tuple[tuple[int, int], ...] = ()
    #: for table rows, the head of each cell's column (`Proposal`, `Total Amount $m`).
    heads: tuple[str, ...] = ()
    #: footnote marks in the text: (index in text, footnote where-code).
    footnote_refs: tuple[tuple[int, str], ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets ``[a, b)`` covering ``text[start:end]`` (skips inserted chars)."""
        inside = [o for o in self.offsets[start:end] if o != INSERTED]
        if not inside:
            raise ValueError(f"span {start}:{end} of block {self.where} has no source characters")
        return inside[0], inside[-1] + 1


@dataclass(frozen=True, slots=True)
class Metadata:
    language: Lang
    reference_date: date | None
    paper_number: str | None = None
    committee: str | None = None
    title: str | None = None
    issued_by: tuple[str, ...] = ()
    document_type: str | None = None


@dataclass(frozen=True, slots=True)
class Annex:
    where: str
    label: str
    title: str | None


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed paper: metadata, blocks in reading order, and the source they point into."""

    paper: str
    path: str
    metadata: Metadata
    blocks: tuple[Block, ...]
    source_text: str
    pages: tuple[Page, ...]
    annexes: tuple[Annex, ...] = ()
    #: problems met reading the file (``RawDocument.warnings``): the facts may be incomplete.
    warnings: tuple[str, ...] = ()

    def page_of(self, source_offset: int) -> int:
        """The 1-based page holding ``source_text[source_offset]``."""
        for page in self.pages:
            if page.start <= source_offset < page.end:
                return page.number
        raise ValueError(f"offset {source_offset} is outside the source text (0..{len(self.source_text)})")

    def page_label_of(self, pdf_page: int) -> str | None:
        """The printed label of the page at 1-based position ``pdf_page`` (None if none printed)."""
        return self.pages[pdf_page - 1].label if 0 < pdf_page <= len(self.pages) else None


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised span of one block, with its normalised value.

    ``kind`` is one of amount, quantity, date, duration, ratio, org, measure;
    ``value`` holds the normalised fields of the gold format for that kind
    (e.g. ``{"currency": "HKD", "value": "10000000000", "qualifier": "exact"}``).
    """

    kind: str
    start: int
    end: int
    text: str
    value: dict[str, Any] = field(default_factory=dict)
    where: str = ""
    block: int = -1
