"""PDF papers via pdfplumber: characters → physical lines with geometry and provenance.

The raw text of a PDF is built here, one line per ``\\n``; every character of a
``Line`` keeps its offset in that text, its page and the line's bounding box.
Spaces are never put between two CJK characters (justified Chinese lines are
spread by gaps, not by spaces); a raised, smaller character is recorded as a
possible footnote mark (put back on its line when printed above the line's top);
ruled tables become rows of cells, and so do the lines of an unruled table laid
out in columns under a head that names a money unit (`Total Amount $m`, `(百萬元)`).
"""

from __future__ import annotations

import logging
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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

#: A line of column heads is short and names the money unit with one of these signs.
MAX_HEAD_CHARS = 80
#: A column head is a few words (`Beneficiary`, `2023-24`, `修訂預算`), never a sentence.
MAX_HEAD_RUN = 20
MONEY_SIGNS = frozenset("$元")
#: Characters of a ruled line drawn with text (`–––––––`) under a column of figures.
RULE_CHARS = frozenset("–—-_=─")


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class _Problems(logging.Handler):
    """Collects what pdfminer logs while a paper is read, with the page being read, so that
    its lines never reach the user raw; data loss becomes one warning of the paper."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.page: int | None = None
        self.data_loss: list[int | None] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "Data-loss" in record.getMessage():
            self.data_loss.append(self.page)

    def warnings(self) -> tuple[str, ...]:
        if not self.data_loss:
            return ()
        pages = sorted({p for p in self.data_loss if p is not None})
        where = f" on page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}" if pages else ""
        return (f"data loss while decompressing corrupted data{where}: the PDF is damaged and text may be missing",)


@contextmanager
def _pdfminer_problems() -> Iterator[_Problems]:
    """Route pdfminer's log lines to a ``_Problems`` while reading. pdfminer logs
    "Data-loss while decompressing corrupted data" when a Flate stream is damaged near its end,
    but says nothing when one cannot be decompressed at all (it reads it as empty,
    `pdfminer/pdftypes.py` `PDFStream.decode`), so that case is logged here too."""
    from pdfminer import pdftypes

    problems = _Problems()
    logger = logging.getLogger("pdfminer")
    real = pdftypes.decompress_corrupted

    def decompress_corrupted(data: bytes) -> bytes:
        try:
            return real(data)
        except zlib.error:
            logger.warning("Data-loss: a corrupted stream could not be decompressed at all")
            raise

    propagate = logger.propagate
    logger.addHandler(problems)
    logger.propagate = False
    pdftypes.decompress_corrupted = decompress_corrupted  # type: ignore[assignment]
    try:
        yield problems
    finally:
        pdftypes.decompress_corrupted = real  # type: ignore[assignment]
        logger.propagate = propagate
        logger.removeHandler(problems)


@dataclass(frozen=True)
class PdfPages:
    """Some pages of a PDF read on their own (a worker's share of a long paper): for each page,
    its number and the lines read from it (the arguments of each ``_TextBuilder.add``), and the
    pages where pdfminer reported data loss. `join_pages` makes the paper of them."""

    pages: tuple[tuple[int, tuple[tuple[Any, ...], ...]], ...]
    data_loss: tuple[int | None, ...]


def read_pdf(path: Path) -> RawDocument:
    return join_pages(path, [read_pages(path)])


def read_pages(path: Path, pages: slice = slice(None)) -> PdfPages:
    """Read the pages ``pages`` of the PDF at ``path`` (a slice of its pages, cut to those it
    has: the pages a damaged page tree declares may not be the pages it holds)."""
    with _pdfminer_problems() as problems:
        return PdfPages(_read_pages(path, problems, pages), tuple(problems.data_loss))


def join_pages(path: Path, parts: Sequence[PdfPages]) -> RawDocument:
    """The paper read from ``parts``, its pages in order: the same as reading it whole."""
    builder = _TextBuilder()
    pages: list[Page] = []
    for part in parts:
        for number, lines in part.pages:
            start = builder.position
            for line in lines:
                builder.add(*line)
            pages.append(Page(number, start, builder.position))
    if not pages:
        raise CorruptPdf(str(path), "the PDF has no pages")
    if not any(line.text.strip() for line in builder.lines):
        raise NoTextLayer(
            str(path), f"no text layer in {len(pages)} page(s): a scanned PDF needs OCR before legco-kg can read it"
        )
    text = "".join(builder.parts)
    if text.count("(cid:") > 20:
        raise NoTextLayer(str(path), "the fonts have no Unicode map (text extracts as (cid:NN) codes)")
    problems = _Problems()
    problems.data_loss = [page for part in parts for page in part.data_loss]
    return RawDocument(str(path), "pdf", text, tuple(pages), tuple(builder.lines), warnings=problems.warnings())


def _read_pages(path: Path, problems: _Problems, wanted: slice
                ) -> tuple[tuple[int, tuple[tuple[Any, ...], ...]], ...]:
    with path.open("rb") as handle:  # the head only: each worker reading a part of a long PDF checks it
        data_head = handle.read(1024)
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
    pages = []
    try:
        with pdf:
            every = pdf.pages
            for index in range(len(every))[wanted]:
                page, number = every[index], index + 1
                problems.page = number
                lines = _PageLines()
                try:
                    _read_page(page, number, lines)
                except PdfminerException as err:
                    raise _classify(path, err) from None
                except Exception as err:
                    raise CorruptPdf(
                        str(path), f"page {number} cannot be read ({type(err).__name__}: {err})"
                    ) from None
                pages.append((number, tuple(lines.added)))
                # pdfplumber keeps a page's characters, some 20 fields each, until the PDF is closed
                # (about 1.3 MB a page of a Policy Address): let them go once the page is read.
                page.close()
    except PdfminerException as err:
        raise _classify(path, err) from None
    return tuple(pages)


def page_count(path: Path) -> int | None:
    """The number of pages a PDF's page tree declares, read without reading any page (None
    when it cannot be read: the PDF's reading then says why)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        with _pdfminer_problems(), path.open("rb") as handle:
            count = resolve1(resolve1(PDFDocument(PDFParser(handle)).catalog["Pages"])["Count"])
    except Exception:  # noqa: BLE001 (pdfminer raises many kinds on damaged files)
        return None
    return count if isinstance(count, int) and count > 0 else None


def _classify(path: Path, err: Exception) -> Exception:
    cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name or "encrypt" in str(cause).lower():
        return EncryptedPdf(str(path), "the PDF is encrypted; decrypt it (e.g. qpdf --decrypt) and try again")
    return CorruptPdf(str(path), f"damaged or truncated PDF ({name}: {cause})")


class _PageLines:
    """A page's lines as read, before their place in the paper's text is known."""

    def __init__(self) -> None:
        self.added: list[tuple[Any, ...]] = []

    def add(self, text: str, page: int, box: tuple[float, float, float, float], size: float,
            raised: frozenset[int] = frozenset(),
            cells: tuple[str, ...] | None = None, unruled: bool = False, row_start: bool = False) -> None:
        self.added.append((text, page, box, size, raised, cells, unruled, row_start))


class _TextBuilder:
    """Accumulates the raw text and the lines pointing into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.position = 0
        self.lines: list[Line] = []

    def add(self, text: str, page: int, box: tuple[float, float, float, float], size: float,
            raised: frozenset[int] = frozenset(),
            cells: tuple[str, ...] | None = None, unruled: bool = False, row_start: bool = False) -> None:
        start = self.position
        offsets = range(start, start + len(text))
        cell_spans: tuple[tuple[str, range], ...] = ()
        if cells is not None:
            # Cells are laid out in the raw text separated by a tab, like a TSV row.
            spans = []
            cursor = start
            for cell in cells:
                spans.append((cell, range(cursor, cursor + len(cell))))
                cursor += len(cell) + 1
            cell_spans = tuple(spans)
        self.lines.append(Line(text, page, start, start + len(text), box[0], box[1], box[2], box[3], size,
                               offsets, raised, cell_spans, unruled, row_start))
        self.parts.append(text + "\n")
        self.position += len(text) + 1


def _chars(objs: list[dict[str, Any]]) -> list[_Char]:
    out = []
    for c in objs:
        if not c.get("upright", True):
            continue
        out.append(_Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"]))
    return out


def _read_page(page: Any, number: int, builder: _PageLines) -> None:
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
    groups = _cluster_lines(free)
    columns = _column_layout(groups)
    for index, group in enumerate(groups):
        if index in columns:
            items.append((min(c.top for c in group), 2, (group, columns[index])))
        else:
            items.append((min(c.top for c in group), 0, group))
    items.sort(key=lambda item: (item[0], item[1]))
    for _, kind, payload in items:
        if kind == 2:
            _add_unruled_line(builder, number, *payload)
        elif kind == 0:
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


def _add_unruled_line(builder: _PageLines, number: int, line: list[_Char],
                      layout: tuple[list[float], bool]) -> None:
    """One line of an unruled table, cut into cells at the gutters; raised marks keep
    their place (as indices into the tab-joined cells)."""
    gutters, row_start = layout
    texts = [_line_text(chars) if chars else ("", frozenset(), 0.0) for chars in _split_columns(line, gutters)]
    cells = tuple(text.strip() for text, _, _ in texts)
    if not any(cells):
        return
    raised: set[int] = set()
    cursor = 0
    for (text, marks, _), cell in zip(texts, cells):
        lead = len(text) - len(text.lstrip())
        raised.update(cursor + i - lead for i in marks if lead <= i < lead + len(cell))
        cursor += len(cell) + 1
    box = (min(c.x0 for c in line), min(c.top for c in line), max(c.x1 for c in line), max(c.bottom for c in line))
    size = max(size for _, _, size in texts)
    builder.add("\t".join(cells), number, box, size, frozenset(raised), cells=cells, unruled=True,
                row_start=row_start)


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


def _segments(line: list[_Char]) -> list[list[_Char]]:
    """Runs of a line's printed characters separated by a gap wider than the font size."""
    runs: list[list[_Char]] = []
    for ch in line:
        if not ch.text.strip():
            continue
        if runs and ch.x0 - runs[-1][-1].x1 <= ch.size:
            runs[-1].append(ch)
        else:
            runs.append([ch])
    return runs


def _column_layout(lines: list[list[_Char]]) -> dict[int, tuple[list[float], bool]]:
    """Lines of an unruled table whose head names a money unit (`Total Amount $m`,
    `(百萬元)`), each with the x positions of the gutters between its columns and
    whether it starts a row.

    The columns are those of the head line with the most runs (`Proposal`, `Total`,
    `Beneficiary`) among the short lines over the unit; the gutter between two heads is
    the widest stretch that no character of the table crosses. The table runs on below its head while a gutter
    stays open between every two heads and no line runs across one (a legend, a
    footnote, the next paragraph end it); small figures inside the columns (`*3`) stay."""
    from ..recognizers.table_amounts import money_head_scale

    found: dict[int, tuple[list[float], bool]] = {}
    for k, line in enumerate(lines):
        if k in found or len(line) > MAX_HEAD_CHARS or not any(c.text in MONEY_SIGNS for c in line):
            continue
        if not any(money_head_scale(_text_of(run)) for run in _segments(line)):
            continue
        size = _dominant_size(line)
        start = k
        while start > 0 and k - start < 3 and _gap(lines[start - 1], lines[start]) < size \
                and 0 < len(runs := _segments(lines[start - 1])) and all(len(run) <= MAX_HEAD_RUN for run in runs):
            start -= 1
        heads = max((_segments(lines[i]) for i in range(start, k + 1)), key=len)
        if len(heads) < 2:
            continue
        taken = sorted((c.x0, c.x1) for i in range(start, k + 1) for c in lines[i] if c.text.strip())
        gutters = _gutters(taken, heads, size)
        end = k + 1
        across: set[int] = set()  # a heading printed across the columns, inside the table
        while gutters and end < len(lines) and _gap(lines[end - 1], lines[end]) < 4 * size:
            wider = sorted(taken + [(c.x0, c.x1) for c in lines[end] if c.text.strip()])
            moved = _gutters(wider, heads, size)
            if moved and not any(_runs_across(lines[end], gutter) for gutter in moved):
                taken, gutters = wider, moved
            elif any(_is_row(lines[j], gutters) for j in _printed_after(lines, end, 3)):
                across.add(end)
            else:
                break
            end += 1
        if gutters and end > k + 1:
            body = [i for i in range(k + 1, end) if i not in across]
            starts = _row_starts(lines, body, gutters)
            found.update({i: (gutters, i == start) for i in range(start, k + 1)})
            found.update({i: (gutters, i in starts) for i in body})
    return found


def _printed_after(lines: list[list[_Char]], index: int, count: int) -> list[int]:
    """The next ``count`` lines after ``index`` that print something (not just spaces)."""
    return [j for j in range(index + 1, min(len(lines), index + 4 * count))
            if any(c.text.strip() for c in lines[j])][:count]


def _is_row(line: list[_Char], gutters: list[float]) -> bool:
    """Text in two columns or more, none of it running across a gutter: a table row."""
    columns = {_column_of(c, gutters) for c in line if c.text.strip()}
    return len(columns) >= 2 and not any(_runs_across(line, gutter) for gutter in gutters)


def _gutters(taken: list[tuple[float, float]], heads: list[list[_Char]], size: float) -> list[float] | None:
    """A gutter between every two heads, or ``None`` when the characters close one."""
    gutters = [_widest_gap(taken, left[-1].x1, right[0].x0, 0.5 * size) for left, right in zip(heads, heads[1:])]
    return None if None in gutters else gutters  # type: ignore[return-value]


def _row_starts(lines: list[list[_Char]], indices: list[int], gutters: list[float]) -> set[int]:
    """Lines that start a row of a table body. Where rows are set apart by extra space
    (a blank line), a line at the normal pitch wraps the row above; where every line is
    at the same pitch, each is a row. A ruled line (`–––––`) closes a row, and a line
    with figures in the same two columns or more as the line above is a row of its own
    (`財政儲備 733,169 685,111` over `相當於政府開支的月數 12 11`)."""
    body = [i for i in indices if any(c.text.strip() for c in lines[i])]
    figures = [{_column_of(c, gutters) for c in lines[i] if c.text.isdigit()} for i in body]
    tops = [min(c.top for c in lines[i] if c.text.strip()) for i in body]
    pitches = [b - a for a, b in zip(tops, tops[1:])]
    tight = Counter(round(p) for p in pitches).most_common(1)[0][0] if pitches else 0.0  # the usual line pitch
    spaced = any(p >= 1.6 * tight for p in pitches)
    starts = {body[0]} if body else set()
    for j, pitch in enumerate(pitches):
        ruled = all(c.text in RULE_CHARS for c in lines[body[j]] if c.text.strip())
        if not spaced or pitch >= 1.6 * tight or ruled or len(figures[j] & figures[j + 1]) >= 2:
            starts.add(body[j + 1])
    return starts


def _gap(above: list[_Char], below: list[_Char]) -> float:
    return min(c.top for c in below) - max(c.bottom for c in above)


def _runs_across(line: list[_Char], gutter: float) -> bool:
    """Does the line's text run on across ``gutter``, as prose does, rather than stop at it?"""
    printed = [c for c in line if c.text.strip()]
    return any(a.x1 <= gutter <= b.x0 and b.x0 - a.x1 < b.size or a.x0 < gutter < a.x1
               for a, b in zip(printed, printed[1:]))


def _widest_gap(taken: list[tuple[float, float]], lo: float, hi: float, least: float) -> float | None:
    """The middle of the widest x stretch in (lo, hi) that no character covers, if it is
    at least ``least`` wide."""
    best, best_width, reach = None, 0.0, lo
    for x0, x1 in taken:
        if x1 <= reach:
            continue
        if x0 > reach and min(x0, hi) - reach > best_width:
            best, best_width = (reach + min(x0, hi)) / 2, min(x0, hi) - reach
        reach = max(reach, x1)
        if reach >= hi:
            break
    if reach < hi and hi - reach > best_width:
        best, best_width = (reach + hi) / 2, hi - reach
    return best if best_width >= least else None


def _split_columns(line: list[_Char], gutters: list[float]) -> list[list[_Char]]:
    cells: list[list[_Char]] = [[] for _ in range(len(gutters) + 1)]
    for ch in line:
        cells[_column_of(ch, gutters)].append(ch)
    return cells


def _column_of(ch: _Char, gutters: list[float]) -> int:
    return sum(1 for gutter in gutters if (ch.x0 + ch.x1) / 2 > gutter)


def _text_of(run: list[_Char]) -> str:
    return "".join(c.text for c in run)


def _dominant_size(line: list[_Char]) -> float:
    sizes = Counter(round(c.size, 1) for c in line if c.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


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
    lines = _attach_raised(lines)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _attach_raised(lines: list[list[_Char]]) -> list[list[_Char]]:
    """A mark printed above the top of the line it belongs to (`^` before a figure, a
    footnote number after one) comes first when characters are sorted by top, so it
    starts a line of its own: put it back on the line, just below, that holds its centre."""
    merged: set[int] = set()
    for i, line in enumerate(lines):
        if len(line) > 8:
            continue
        printed = [c for c in line if c.text.strip()]
        if not printed or len(printed) > 4:
            continue
        centre = (min(c.top for c in printed) + max(c.bottom for c in printed)) / 2
        for j in range(i + 1, min(len(lines), i + 4)):
            target = [c for c in lines[j] if c.text.strip()]
            if not target:
                continue
            size = _dominant_size(target)
            body = [c for c in target if round(c.size, 1) == size]
            if max(c.size for c in printed) < 0.8 * size and \
                    min(c.top for c in body) - 0.5 <= centre <= max(c.bottom for c in body) + 0.5:
                lines[j].extend(line)
                merged.add(i)
                break
    return [line for i, line in enumerate(lines) if i not in merged]


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
