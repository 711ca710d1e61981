"""Plain-text papers: decode (UTF-8, UTF-8 BOM, UTF-16, Big5) and split into lines.

Provenance of a text paper is the character offset in the decoded file; a form
feed (``\\f``) starts a new page, so pasted page breaks keep their page numbers.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import EmptyInput, UndecodableText
from ..types import Line, Page, RawDocument

#: Tried in order after the byte-order marks; Big5-HKSCS is a superset of Big5 used
#: by older Hong Kong government text, cp950 the Windows variant.
FALLBACK_ENCODINGS = ("utf-8", "big5hkscs", "cp950")


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``UndecodableText`` naming what was tried."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: accept it when nearly every decoded character is plausible text.
    if len(data) % 2 == 0:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if sum(_plausible(ch) for ch in text) >= 0.95 * len(text):
                return text, encoding
    for encoding in FALLBACK_ENCODINGS[1:]:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UndecodableText(
        path, f"cannot decode the text: not UTF-8, UTF-16 or Big5 (tried {', '.join(FALLBACK_ENCODINGS)})"
    )


def _plausible(ch: str) -> bool:
    """Characters a paper is made of: ASCII, CJK, CJK and full-width punctuation, line breaks."""
    return ch in "\n\r\t\f" or "\u0020" <= ch <= "\u007e" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise UndecodableText(path, f"cannot decode the text: invalid {encoding} at byte {err.start}") from None


def read_text(path: Path) -> RawDocument:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyInput(str(path), "the file is empty")
    text, encoding = decode(str(path), data)
    if "\x00" in text:
        raise UndecodableText(str(path), "the text contains NUL characters (binary file?)")
    if not text.strip():
        raise EmptyInput(str(path), "the file has no text")
    lines: list[Line] = []
    pages: list[Page] = []
    page_number = 1
    page_start = 0
    position = 0
    for raw_line in text.splitlines(keepends=True):
        body = raw_line.rstrip("\r\n")
        if "\f" in body:
            # A form feed ends the page; text after it starts the next one.
            before, _, after = body.partition("\f")
            if before.strip():
                lines.append(_line(before, page_number, position))
            cut = position + len(before) + 1
            pages.append(Page(page_number, page_start, cut))
            page_number += 1
            page_start = cut
            if after.strip():
                lines.append(_line(after, page_number, cut))
        else:  # blank lines are kept: they separate paragraphs
            lines.append(_line(body, page_number, position))
        position += len(raw_line)
    pages.append(Page(page_number, page_start, len(text)))
    return RawDocument(str(path), "text", text, tuple(pages), tuple(lines), encoding)


def _line(body: str, page: int, start: int) -> Line:
    return Line(body, page, start, start + len(body), offsets=range(start, start + len(body)))
