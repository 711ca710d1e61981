"""Reading papers: a path → ``RawDocument``, dispatched on the file suffix."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, MissingInput, UnreadableInput, UnsupportedInput
from ..types import RawDocument

if TYPE_CHECKING:
    from .pdf import PdfPages

TEXT_SUFFIXES = {".txt", ".text", ".md"}
SUPPORTED_SUFFIXES = {".pdf", *TEXT_SUFFIXES}


#: What a file that is not a paper is, by its ``stat`` type.
_FILE_TYPES = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"))


def check_paper(path: str | Path) -> None:
    """Raise an ``InputError`` naming the path unless it is a regular file whose first byte
    can be read: missing, a dangling symlink or a symlink loop, a directory, a FIFO (which
    would block the reader forever) or another special file, unreadable. Nothing that could
    block is opened."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(str(path), "symlink loop; expected a paper file") from None
        if isinstance(err, FileNotFoundError):
            if path.is_symlink():
                raise MissingInput(str(path), f"dangling symlink to {os.readlink(path)}") from None
            raise MissingInput(str(path), "no such file") from None
        raise UnreadableInput(str(path), f"cannot read ({err.strerror})") from None
    if stat.S_ISDIR(mode):
        raise UnsupportedInput(str(path), "is a directory, not a paper")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_TYPES if test(mode)), "a special file")
        raise UnsupportedInput(str(path), f"not a regular file ({kind}); expected a paper file")
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as err:
        raise UnreadableInput(str(path), f"cannot read ({err.strerror or err})") from None


def load(path: str | Path) -> RawDocument:
    """Read a paper; raise an ``InputError`` that names the file and the problem."""
    path = Path(path)
    check_paper(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            from .pdf import read_pdf

            return read_pdf(path)
        if suffix in TEXT_SUFFIXES:
            from .text import read_text

            return read_text(path)
    except OSError as err:  # the file changed or went away after the check
        raise UnreadableInput(str(path), f"cannot read ({err.strerror or err})") from None
    raise UnsupportedInput(
        str(path), f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"
    )


def load_pages(path: str | Path, pages: slice) -> PdfPages:
    """Read some pages of a PDF paper (a worker's share of a long one; `parse.parse_parts` joins
    them); errors as `load`'s."""
    from .pdf import read_pages

    path = Path(path)
    check_paper(path)
    try:
        return read_pages(path, pages)
    except OSError as err:
        raise UnreadableInput(str(path), f"cannot read ({err.strerror or err})") from None
