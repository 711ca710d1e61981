"""The parsing stage as one call: a paper file → ``Document``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .ingest import load
from .structure import build_document
from .types import INSERTED, Block, Document

if TYPE_CHECKING:
    from .ingest.pdf import PdfPages


def paper_key(path: str | Path) -> str:
    """A paper's identifier: its file name without the suffix (`zh-2024-pa-itib`)."""
    return Path(path).stem


def parse_paper(path: str | Path, reference_date: date | None = None, source: str | Path | None = None) -> Document:
    """Read and lay out one paper; ``reference_date`` overrides the printed date. ``source`` is
    where its bytes are when not at ``path`` (a copy a cluster worker fetched): the document and
    any error still name ``path``, so the outputs are those of reading ``path`` itself."""
    if source is None:
        return build_document(load(path), paper_key(path), reference_date)
    try:
        raw = load(source)
    except InputError as err:
        raise type(err)(str(path), err.problem) from None
    return build_document(replace(raw, path=str(path)), paper_key(path), reference_date)


def parse_parts(path: str | Path, parts: Sequence[PdfPages], reference_date: date | None = None) -> Document:
    """`parse_paper` of a PDF whose pages were read in parts (by several workers), in order."""
    from .ingest.pdf import join_pages

    return build_document(join_pages(Path(path), parts), paper_key(path), reference_date)


def source_runs(block: Block) -> list[list[int]]:
    """Compress a block's offset map into ``[text_start, source_start, length]`` runs."""
    runs: list[list[int]] = []
    for index, offset in enumerate(block.offsets):
        if offset == INSERTED:
            continue
        if runs and runs[-1][0] + runs[-1][2] == index and runs[-1][1] + runs[-1][2] == offset:
            runs[-1][2] += 1
        else:
            runs.append([index, offset, 1])
    return runs


def document_json(doc: Document) -> dict[str, Any]:
    """The `parse --json` view: metadata and blocks in reading order, with provenance."""
    meta = doc.metadata
    return {
        "paper": doc.paper,
        "path": doc.path,
        "metadata": {
            "language": meta.language,
            "reference_date": meta.reference_date.isoformat() if meta.reference_date else None,
            "paper_number": meta.paper_number,
            "committee": meta.committee,
            "title": meta.title,
            "issued_by": list(meta.issued_by),
            "document_type": meta.document_type,
            "annexes": [{"where": a.where, "label": a.label, "title": a.title} for a in doc.annexes],
            "pages": len(doc.pages),
            # the page number printed on each page, in file order (null where none is printed)
            "page_labels": [page.label for page in doc.pages],
            **({"warnings": list(doc.warnings)} if doc.warnings else {}),
        },
        "blocks": [
            {
                "kind": b.kind,
                "number": b.number,
                "where": b.where,
                "pages": list(b.pages),
                "text": b.text,
                **({"cells": list(b.cells)} if b.kind == "table_row" else {}),
                **({"heads": list(b.heads)} if b.heads else {}),
                **({"footnotes": [{"at": at, "where": w} for at, w in b.footnote_refs]} if b.footnote_refs else {}),
                "source": source_runs(b),
            }
            for b in doc.blocks
        ],
    }
