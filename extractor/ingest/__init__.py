"""Reading papers: a path → ``RawDocument``, dispatched on the file suffix."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, MissingInput, UnsupportedInput
from ..types import RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md"}
SUPPORTED_SUFFIXES = {".pdf", *TEXT_SUFFIXES}


def load(path: str | Path) -> RawDocument:
    """Read a paper; raise an ``InputError`` that names the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise MissingInput(str(path), "no such file")
    if path.is_dir():
        raise UnsupportedInput(str(path), "is a directory, not a paper")
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            from .pdf import read_pdf

            return read_pdf(path)
        if suffix in TEXT_SUFFIXES:
            from .text import read_text

            return read_text(path)
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    raise UnsupportedInput(
        str(path), f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"
    )
