"""PDF papers via pdfplumber: characters → physical lines with geometry and provenance.

The raw text of a PDF is built here, one line per ``\\n``; every character of a
``Line`` keeps its offset in that text, its page and the line's bounding box.
Spaces are never put between two CJK characters (justified Chinese lines are
spread by gaps, not by spaces); a raised, smaller character is recorded as a
possible footnote mark; ruled tables become rows of cells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CorruptPdf, EmptyInput, EncryptedPdf, NoTextLayer, UnsupportedInput
from ..normalize import is_cjk
from ..types import Line, Page, RawDocument

#: A gap wider than this fraction of the font size between two non-CJK characters is a space.
DEFAULT_SPACE_GAP = 0.22
#: A character this much smaller than its line's dominant size, sitting high, is raised.
DEFAULT_RAISED_RATIO = 0.8
#: Pages with at least this many ruling lines/rects are searched for tables.
DEFAULT_MIN_TABLE_EDGES = 4

@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def read_pdf(path: Path) -> RawDocument:
    data_head = path.read_bytes()[:1024]
    if not data_head.strip():
        raise EmptyInput(str(path), "the file is empty")
    if b"%PDF-" not in data_head:
        raise UnsupportedInput(str(path), "not a PDF file (no %PDF- header)")
    import pdfplumber  # lazy: keeps `import extractor` cheap
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as err:
        raise _classify(path, err) from None
    except Exception as err:  # pdfminer raises many kinds on damaged files
        raise CorruptPdf(str(path), f"damaged or truncated PDF ({type(err).__name__}: {err})") from None
    builder = _TextBuilder()
    pages: list[Page] = []
    try:
        with pdf:
            for number, page in enumerate(pdf.pages, start=1):
                start = builder.position
                try:
                    _read_page(page, number, builder)
                except PdfminerException as err:
                    raise _classify(path, err) from None
                except Exception as err:
                    raise CorruptPdf(
                        str(path), f"page {number} cannot be read ({type(err).__name__}: {err})"
                    ) from None
                pages.append(Page(number, start, builder.position))
    except PdfminerException as err:
        raise _classify(path, err) from None
    if not pages:
        raise CorruptPdf(str(path), "the PDF has no pages")
    if not any(line.text.strip() for line in builder.lines):
        raise NoTextLayer(
            str(path), f"no text layer in {len(pages)} page(s): a scanned PDF needs OCR before legco-kg can read it"
        )
    text = "".join(builder.parts)
    if text.count("(cid:") > 20:
        raise NoTextLayer(str(path), "the fonts have no Unicode map (text extracts as (cid:NN) codes)")
    return RawDocument(str(path), "pdf", text, tuple(pages), tuple(builder.lines))


def _classify(path: Path, err: Exception) -> Exception:
    cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name or "encrypt" in str(cause).lower():
        return EncryptedPdf(str(path), "the PDF is encrypted; decrypt it (e.g. qpdf --decrypt) and try again")
    return CorruptPdf(str(path), f"damaged or truncated PDF ({name}: {cause})")


class _TextBuilder:
    """Accumulates the raw text and the lines pointing into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.position = 0
        self.lines: list[Line] = []

    def add(self, text: str, page: int, box: tuple[float, float, float, float], size: float,
            raised: frozenset[int] = frozenset(),
            cells: tuple[str, ...] | None = None) -> None:
        start = self.position
        offsets = tuple(range(start, start + len(text)))
        cell_spans: tuple[tuple[str, tuple[int, ...]], ...] = ()
        if cells is not None:
            # Cells are laid out in the raw text separated by a tab, like a TSV row.
            spans = []
            cursor = start
            for cell in cells:
                spans.append((cell, tuple(range(cursor, cursor + len(cell)))))
                cursor += len(cell) + 1
            cell_spans = tuple(spans)
        self.lines.append(Line(text, page, start, start + len(text), box[0], box[1], box[2], box[3], size,
                               offsets, raised, cell_spans))
        self.parts.append(text + "\n")
        self.position += len(text) + 1


def _chars(objs: list[dict[str, Any]]) -> list[_Char]:
    out = []
    for c in objs:
        if not c.get("upright", True):
            continue
        out.append(_Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"]))
    return out


def _read_page(page: Any, number: int, builder: _TextBuilder) -> None:
    chars = _chars(page.chars)
    tables = []
    if len(page.lines) + len(page.rects) >= DEFAULT_MIN_TABLE_EDGES and chars:
        tables = [t for t in page.find_tables()
                  if len(t.rows) >= 2 and _mostly_multicolumn(t, chars) and not _text_crosses_rules(t, chars)]
    # Emit free lines and table rows in reading order (by top).
    items: list[tuple[float, int, Any]] = []
    in_table = [False] * len(chars)
    for t_index, table in enumerate(tables):
        x0, top, x1, bottom = table.bbox
        for i, ch in enumerate(chars):
            cx = (ch.x0 + ch.x1) / 2
            cy = (ch.top + ch.bottom) / 2
            if x0 <= cx <= x1 and top <= cy <= bottom:
                in_table[i] = True
        for row in table.rows:
            items.append((row.bbox[1], 1, (row, chars)))
    free = [ch for ch, inside in zip(chars, in_table) if not inside]
    for group in _cluster_lines(free):
        items.append((min(c.top for c in group), 0, group))
    items.sort(key=lambda item: (item[0], item[1]))
    for _, kind, payload in items:
        if kind == 0:
            text, raised, size = _line_text(payload)
            if text.strip():
                box = (min(c.x0 for c in payload), min(c.top for c in payload),
                       max(c.x1 for c in payload), max(c.bottom for c in payload))
                builder.add(text, number, box, size, raised)
        else:
            row, all_chars = payload
            cells = []
            sizes: list[float] = []
            for cell in row.cells:
                if cell is None:  # covered by a merged cell: keep the column, empty
                    cells.append("")
                    continue
                cx0, ctop, cx1, cbottom = cell
                inside = [c for c in all_chars
                          if cx0 <= (c.x0 + c.x1) / 2 <= cx1 and ctop <= (c.top + c.bottom) / 2 <= cbottom]
                cell_lines = [_line_text(group)[0] for group in _cluster_lines(inside)]
                cells.append(_join_wrapped(cell_lines))
                sizes.extend(c.size for c in inside)
            if any(cells):
                size = Counter(round(s, 1) for s in sizes).most_common(1)[0][0] if sizes else 0.0
                builder.add("\t".join(cells), number, row.bbox, size, cells=tuple(cells))


def _mostly_multicolumn(table: Any, chars: list[_Char]) -> bool:
    """Most rows of a real table have text in two or more cells; boxes drawn behind
    highlighted lines of prose (found as one-cell "rows") do not."""
    def has_text(cell: tuple[float, float, float, float]) -> bool:
        x0, top, x1, bottom = cell
        return any(x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom for c in chars)

    rows = [sum(1 for cell in row.cells if cell is not None and cell[2] - cell[0] > 30 and has_text(cell))
            for row in table.rows]
    return sum(1 for n in rows if n >= 2) >= 0.6 * len(rows)


def _text_crosses_rules(table: Any, chars: list[_Char]) -> bool:
    """Decorative boxes are found as tables too; in a real table no line of text runs
    across a column rule (the characters on either side of a rule are apart)."""
    x0, top, x1, bottom = table.bbox
    rules = sorted({round(cell[2], 1) for row in table.rows for cell in row.cells if cell and cell[2] < x1 - 1})
    inside = [c for c in chars if x0 <= c.x0 and c.x1 <= x1 + 1 and top <= c.top and c.bottom <= bottom + 1]
    crossings = 0
    for rule in rules:
        for c in inside:
            if c.x0 < rule - 0.5 < c.x1 - 1:
                crossings += 1
        left = {round(c.top): c.x1 for c in inside if c.x1 <= rule + 0.5}
        for c in inside:
            if c.x0 >= rule - 0.5 and round(c.top) in left and c.x0 - left[round(c.top)] < 0.3 * c.size:
                crossings += 1
    return crossings > 2


def _cluster_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Group characters into lines: a character joins a line when its vertical centre
    falls inside the line's band (so a raised footnote mark or a large paragraph
    number printed beside smaller text stays on the same line)."""
    lines: list[list[_Char]] = []
    bands: list[tuple[float, float]] = []
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        centre = (ch.top + ch.bottom) / 2
        for index in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            top, bottom = bands[index]
            if top - 0.5 <= centre <= bottom + 0.5:
                lines[index].append(ch)
                bands[index] = (min(top, ch.top), max(bottom, ch.bottom)) if ch.size >= 0.8 * (bottom - top) else (top, bottom)
                break
        else:
            lines.append([ch])
            bands.append((ch.top, ch.bottom))
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(chars: list[_Char]) -> tuple[str, frozenset[int], float]:
    """Text of one line with spaces where the gaps are, never between CJK characters."""
    sizes = Counter(round(c.size, 1) for c in chars if c.text.strip())
    size = sizes.most_common(1)[0][0] if sizes else (chars[0].size if chars else 0.0)
    body_bottom = max((c.bottom for c in chars if round(c.size, 1) == size), default=0.0)
    out: list[str] = []
    length = 0
    raised: set[int] = set()
    previous: _Char | None = None
    pending_space = False
    for ch in chars:
        if not ch.text.strip():
            pending_space = True
            continue
        if previous is not None and previous.x1 - ch.x0 > 0.5 * ch.size and previous.text == ch.text:
            continue  # overprinted (fake bold) duplicate
        if previous is not None and out:
            gap = ch.x0 - previous.x1
            cjk_pair = is_cjk(previous.text[-1]) and is_cjk(ch.text[0])
            if not cjk_pair and (pending_space or gap > DEFAULT_SPACE_GAP * min(size, ch.size)):
                out.append(" ")
                length += 1
        if ch.size < DEFAULT_RAISED_RATIO * size and ch.bottom < body_bottom - 0.15 * size:
            raised.update(range(length, length + len(ch.text)))
        out.append(ch.text)
        length += len(ch.text)
        previous = ch
        pending_space = False
    return "".join(out), frozenset(raised), size


def _join_wrapped(lines: list[str]) -> str:
    """Join the wrapped lines of a table cell: no space after CJK, one after Latin text."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text and not (is_cjk(text[-1]) or is_cjk(line[0])):
            text += " "
        text += line
    return text
