"""`papers.csv` of a corpus folder: what a paper does not print about itself.

One row per paper file: ``file`` (a name in the folder), ``reference_date`` (YYYY-MM-DD, the
date relative expressions such as `今年` and `next year` are read against), ``kind`` (one of
``KINDS``), ``title``, ``language`` (``zh-Hant``, ``zh-Hans``, ``en``) and ``paired`` (the file
name of the paper's version in the other language). Every column but ``file`` may be empty.
The date the paper prints wins, and a row's date fills the gap where it prints none; the kind,
title and language of a row, written by a person, win over what the parser guessed.

Examples:
    >>> row = PaperRow("zh-2022-pa-full.pdf", reference_date=date(2022, 10, 19), kind="policy-address")
    >>> row.digest()[:12]
    '5e3964d13ba9'
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .errors import InputError
from .types import Document

FILE_NAME = "papers.csv"
COLUMNS = ("file", "reference_date", "kind", "title", "language", "paired")
#: Kinds of paper (the parser's `document_type`, and `eli:work_type` in the graph).
KINDS = ("policy-address", "budget-speech", "discussion-paper", "information-paper", "legco-paper")
LANGUAGES = ("zh-Hant", "zh-Hans", "en")


@dataclass(frozen=True)
class PaperRow:
    file: str
    reference_date: date | None = None
    kind: str | None = None
    title: str | None = None
    language: str | None = None
    paired: str | None = None

    def digest(self) -> str:
        """A hash of the row, so that changing it rebuilds its paper."""
        values = [self.file, self.reference_date.isoformat() if self.reference_date else "", self.kind or "",
                  self.title or "", self.language or "", self.paired or ""]
        return hashlib.sha256("\x1f".join(values).encode()).hexdigest()


def read_papers_csv(folder: Path) -> dict[str, PaperRow]:
    """The rows of ``folder/papers.csv`` by file name; none when the folder has no such file."""
    path = folder / FILE_NAME
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "file" not in reader.fieldnames \
                or not set(reader.fieldnames) <= set(COLUMNS):
            raise InputError(str(path), f"expected the columns {','.join(COLUMNS)} (file required), "
                                        f"got {','.join(reader.fieldnames or [])}")
        rows: dict[str, PaperRow] = {}
        for number, raw in enumerate(reader, start=2):
            row = _row(f"{path}:{number}", {k: (v or "").strip() for k, v in raw.items() if k})
            if row.file in rows:
                raise InputError(f"{path}:{number}", f"{row.file} has a row already")
            if not (folder / row.file).is_file():
                raise InputError(f"{path}:{number}", f"{row.file} is not a paper in {folder}")
            rows[row.file] = row
    return rows


def _row(where: str, raw: dict[str, str]) -> PaperRow:
    if not raw.get("file"):
        raise InputError(where, "expected a file name in the column file")
    when = None
    if raw.get("reference_date"):
        try:
            when = date.fromisoformat(raw["reference_date"])
        except ValueError:
            raise InputError(where, f"expected a reference_date as YYYY-MM-DD, got {raw['reference_date']!r}") from None
    kind, language = raw.get("kind") or None, raw.get("language") or None
    if kind is not None and kind not in KINDS:
        raise InputError(where, f"expected a kind of {', '.join(KINDS)}, got {kind!r}")
    if language is not None and language not in LANGUAGES:
        raise InputError(where, f"expected a language of {', '.join(LANGUAGES)}, got {language!r}")
    return PaperRow(raw["file"], when, kind, raw.get("title") or None, language, raw.get("paired") or None)


def rows_for(papers: list[Path]) -> dict[Path, PaperRow]:
    """The `papers.csv` row of each paper, read from the paper's own folder."""
    by_folder: dict[Path, dict[str, PaperRow]] = {}
    out = {}
    for paper in papers:
        rows = by_folder.setdefault(paper.parent, read_papers_csv(paper.parent))
        if paper.name in rows:
            out[paper] = rows[paper.name]
    return out


def complete(doc: Document, row: PaperRow | None) -> Document:
    """``doc`` with its row's kind, title and language, and its row's date where it prints none."""
    if row is None:
        return doc
    meta = doc.metadata
    issued_by = meta.issued_by
    if not issued_by and row.kind in ("policy-address", "budget-speech"):
        issued_by = ("香港特別行政區政府",)  # the Chief Executive's and the Financial Secretary's addresses
    filled = replace(meta, reference_date=meta.reference_date or row.reference_date,
                     document_type=row.kind or meta.document_type, title=row.title or meta.title,
                     language=row.language or meta.language, issued_by=issued_by)
    return doc if filled == meta else replace(doc, metadata=filled)


def undated_warning(doc: Document) -> str | None:
    """The warning for a paper with no reference date (its relative dates cannot be placed)."""
    if doc.metadata.reference_date is not None:
        return None
    return (f"warning: {doc.path}: no reference date (none printed, none in {FILE_NAME}, no --reference-date); "
            f"{UNRESOLVED_NOTE}")


#: What becomes of an undated paper's relative dates (said by `graph`, `extract` and `info`).
UNRESOLVED_NOTE = ("relative dates such as 今年 or next year are kept unresolved (their words, "
                   "\"relative\": true, no interval)")
