"""Layout analysis: physical lines → the paper's blocks, with ``where`` codes and provenance.

The rules are LegCo paper conventions, not properties of one sample:
- page furniture (page numbers, running headers and footers, contents pages) is dropped;
- a paragraph starts at a printed number ``N.``, a sub-item at ``(a)``, ``(i)``,
  ``(一)``, a bullet, and otherwise where the layout breaks (a vertical gap, a short
  line ending a sentence, a change of font size);
- a paragraph interrupted by a page break or by the footnotes at the foot of a page
  is re-joined; Chinese line wraps join with no space, English with one, and a
  word hyphenated across lines is re-joined;
- annexes (附件一, 附錄 A, Annex I, Appendix 2, 附件︰指定項目指標) restart the numbering;
- an unruled table row keeps its wrapped lines, cell by cell; a number printed at the
  start of its first cell (`53. Cash payout scheme`) numbers it like a paragraph;
- in text exported from a PDF, a number alone on the line before its paragraph labels
  it, and page numbers on lines of their own (`- 12 -`, `第 12 頁`, `12`) are dropped;
- the unnumbered opening paragraph is ``p1``; in a paper that prints no paragraph
  numbers, paragraphs are counted in reading order.
Every character of a block keeps its offset into the raw text, hence its page.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from .normalize import is_cjk
from .numerals import parse_cn_number
from .page_labels import label_pages
from .types import INSERTED, Annex, Block, Document, Line, Metadata, Offsets, RawDocument

# `12.`, and `12\.` as Markdown exporters escape a number that is not a list item.
RE_PARA_NUMBER = re.compile(r"^(\d{1,3})\s?\\?[.．](?![\d.．])\s*")
RE_STANDALONE_NUMBER = re.compile(r"^(\d{1,3})\s?\\?[.．]?$")
RE_ITEM_LABEL = re.compile(
    r"^(?:[(（]\s*(?:[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6}|[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]"
    r"|(?:[a-z]|[ivx]{1,5})[.)](?=\s)"
    r"|[•●▪◦○■□◆◇·‧\-–—](?=\s|[^\-–—\d]))\s*"
)
RE_SECTION_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十\d]{1,3}[章節部][、\s]?)\s*")
RE_ANNEX_LABEL = re.compile(
    r"^(?P<word>附\s*件|附\s*錄|附\s*录|Annex|ANNEX|Appendix|APPENDIX)"
    r"\s*(?P<label>[一二三四五六七八九十]{1,3}|\d{1,2}|[IVXLC]{1,6}|[A-ZＡ-Ｚ])?"
    r"\s*(?:[：:︰﹕]\s*(?P<title>.+))?$"
)
RE_ANNEX_CONTINUED = re.compile(r"(續|\(?cont['’]?d\.?\)?|\(continued\))\s*\)?$", re.IGNORECASE)
FULLWIDTH_LETTERS = str.maketrans({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
RE_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s*|第\s*)?\d{1,3}(?:\s*頁)?(?:\s*[-–—])?$", re.IGNORECASE)
RE_TERMINAL = re.compile(r"[。．.!?！？；;：:]$|[。.!?！？][」』”’\")）]$")
RE_CLAUSE_PUNCT = re.compile(r"[，。；,;]")
RE_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|《[^》]*》|“[^”]*”")
RE_SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
#: a raised `註` after a word marks an unnumbered note, as a raised digit marks a numbered one
NOTE_WORDS = ("註", "注")
SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
RE_NOTE_MARK = re.compile(r"^\s*(?:\d{1,2}(?![.．\d])|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*|註|注|Note)")
RE_GROUPED_FIGURE = re.compile(r"\d,\d{3}")
RE_FIGURE = re.compile(r"\d[\d,.]*")
RE_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
RE_TOC_TITLE = re.compile(r"^(目\s*錄|目\s*录|內\s*容|Contents|CONTENTS|Table of Contents)$")
RE_TOC_ENTRY_END = re.compile(r"(\d{1,3}(\s*[-–—]\s*\d{1,3})?)$")
RE_ZH_DATE = re.compile(
    r"(?P<y>\d{4}|[二〇○零一三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?"
)
RE_EN_DATE = re.compile(
    r"(?:(?P<d>\d{1,2})\s+)?(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(?P<d2>\d{1,2}),)?\s+(?P<y>\d{4})"
)
_UNNAMED = re.compile(r"\(\?P<\w+>")
RE_DATE_ONLY = re.compile(
    "^(?:" + _UNNAMED.sub("(?:", RE_ZH_DATE.pattern) + "|" + _UNNAMED.sub("(?:", RE_EN_DATE.pattern) + ")"
    + r"(?:\s*(?:星期.|\(.+\)))?$"
)
RE_PAPER_NUMBER = re.compile(
    r"(立法會\s*[A-Z]{2,4}\s*\(\s*\d\s*\)\s*\d+\s*/\s*\d{2,4}(?:-\d{2})?(?:\s*\(\s*\d{2}\s*\))?\s*號文件"
    r"|LC\s+Paper\s+No\.?\s*[A-Z]{2,4}\s*\(\s*\d\s*\)\s*\d+\s*/\s*\d{2,4}(?:-\d{2})?(?:\s*\(\s*\d{2}\s*\))?)"
)
RE_COMMITTEE = re.compile(
    r"^(立法會.{0,40}(?:委員會|小組)|.{0,40}(?:事務委員會|小組委員會|Panel on .+|Subcommittee on .+|Committee)"
    r"|Legislative Council .{0,60}(?:Panel|Committee).*)$"
)
RE_UNIT_SUFFIX = re.compile(r"(局|署|處|辦公室|委員會|公司|團隊|政府|Bureau|Department|Office|Commission|Secretariat|Team)$")
#: A block longer than this is cut at sentence ends into blocks of the same part. The longest
#: paragraph of the corpus has 1,629 characters; a text pasted without line breaks is one line
#: of any length, and the recognizers work in time that grows with the square of a block's length.
DEFAULT_MAX_BLOCK_CHARS = 4000
RE_CUT_AFTER = re.compile(r"[。！？；]|[.!?;](?=\s)")
MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}


# --------------------------------------------------------------------------- text with a map


#: ``array`` type code of one character (``"u"`` is deprecated from Python 3.13, which adds ``"w"``).
CHAR_CODE = "w" if sys.version_info >= (3, 13) else "u"


@dataclass
class _Text:
    """A string with the raw-text offset of each character (``INSERTED`` for added ones).

    Both are arrays, 4 bytes a character each: every unit of a paper is held at once while
    it is laid out, and lists (a pointer a character, an int object an offset, a str object a
    CJK character) cost 40 to 120 bytes a character of the paper."""

    chars: array
    offsets: array

    def __post_init__(self) -> None:
        if not isinstance(self.chars, array):
            self.chars = array(CHAR_CODE, self.chars)
        if not isinstance(self.offsets, array):
            self.offsets = array("i", self.offsets)

    @classmethod
    def of_line(cls, line: Line) -> "_Text":
        return cls(array(CHAR_CODE, line.text), array("i", line.offsets))

    @property
    def text(self) -> str:
        return self.chars.tounicode()

    def slice(self, start: int, end: int | None = None) -> "_Text":
        return _Text(self.chars[start:end], self.offsets[start:end])

    def strip(self) -> "_Text":
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return self.slice(left, right)

    def drop(self, indices: set[int]) -> "_Text":
        return _Text(array(CHAR_CODE, [c for i, c in enumerate(self.chars) if i not in indices]),
                     array("i", [o for i, o in enumerate(self.offsets) if i not in indices]))

    def append(self, other: "_Text", joiner: str = "") -> None:
        for ch in joiner:
            self.chars.append(ch)
            self.offsets.append(INSERTED)
        self.chars.extend(other.chars)
        self.offsets.extend(other.offsets)


def _tidy(text: _Text) -> _Text:
    """Remove spaces between two CJK characters (justified or pasted text) and collapse runs."""
    drop: set[int] = set()
    chars = text.chars
    for i, ch in enumerate(chars):
        if ch in " \u3000\u00a0\t" and i not in drop:
            j = i
            while j < len(chars) and chars[j] in " \u3000\u00a0\t":
                j += 1
            before = chars[i - 1] if i > 0 else ""
            after = chars[j] if j < len(chars) else ""
            if before and after and is_cjk(before) and is_cjk(after) and not (chars[i] == "\t"):
                drop.update(range(i, j))
            elif j - i > 1:
                drop.update(range(i + 1, j))
    return text.drop(drop) if drop else text


# --------------------------------------------------------------------------- working records


@dataclass
class _Unit:
    """Lines grouped into one logical unit before classification."""

    lines: list[Line]
    text: _Text
    kind: str = "paragraph"
    label: str | None = None
    cells: tuple[str, ...] = ()
    cell_spans: tuple[tuple[int, int], ...] = ()
    #: footnote marks: (source offset of the character the mark follows, printed mark)
    marks: list[tuple[int, str]] = field(default_factory=list)
    size: float = 0.0
    footnote: bool = False
    #: an unruled table row being read: each cell's text and footnote marks
    cell_texts: list[tuple[_Text, list[tuple[int, str]]]] = field(default_factory=list)
    #: the head of each cell's column, for table rows under a head row
    heads: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.footnote:
            self.kind = "footnote"

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({line.page for line in self.lines}))

    @property
    def first(self) -> Line:
        return self.lines[0]


# --------------------------------------------------------------------------- furniture


def _furniture(raw: RawDocument) -> set[int]:
    """Indices of lines that are page furniture: page numbers, running headers and footers,
    contents pages and continuation labels (`附錄 A — 續`, `Appendix 1 (Cont'd)`)."""
    lines = raw.lines
    drop: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.text.strip():
            by_page.setdefault(line.page, []).append(i)
    if raw.kind == "pdf":
        sizes = Counter(round(lines[i].size or 0, 1) for ids in by_page.values() for i in ids)
        body_size = sizes.most_common(1)[0][0] if sizes else 12.0
        # Repeated text at the same position across pages (digits masked) is a running header/footer.
        positions: Counter[tuple[str, int]] = Counter()
        for ids in by_page.values():
            for i in ids[:2] + ids[-2:]:
                key = (re.sub(r"\d+", "#", lines[i].text.strip()), round((lines[i].top or 0) / 4))
                positions[key] += 1
        edge_tops: Counter[int] = Counter()
        for ids in by_page.values():
            if len(ids) >= 2:
                first, second = lines[ids[0]], lines[ids[1]]
                if (second.top or 0) - (first.bottom or 0) > 2.5 * body_size:
                    edge_tops[round((first.top or 0) / 4)] += 1
        for page, ids in by_page.items():
            for rank, i in enumerate(ids):
                line = lines[i]
                text = line.text.strip()
                at_edge = rank < 2 or rank >= len(ids) - 2
                if RE_ANNEX_LABEL.match(text) and not RE_ANNEX_CONTINUED.search(text):
                    continue  # an annex label is never furniture, even printed like a header
                if at_edge and RE_PAGE_NUMBER.match(text):
                    drop.add(i)
                elif at_edge and _repeated(positions[(re.sub(r"\d+", "#", text), round((line.top or 0) / 4))], text):
                    drop.add(i)
                elif rank == 0 and len(ids) >= 2 and edge_tops[round((line.top or 0) / 4)] >= 3 and (
                    (lines[ids[1]].top or 0) - (line.bottom or 0) > 2.5 * body_size
                ) and len(text) < 40:
                    drop.add(i)
                elif rank < 2 and RE_ANNEX_LABEL.match(text.split("—")[0].split(" -")[0].strip()) and RE_ANNEX_CONTINUED.search(text):
                    drop.add(i)
    else:
        drop.update(_text_page_numbers(lines))
    # Contents pages: a contents title (or a `段落`/`Paragraph` column head), and many
    # lines ending in paragraph numbers or ranges.
    for page, ids in by_page.items():
        texts = [lines[i].text.strip() for i in ids]
        if len(texts) < 4 or raw.kind != "pdf":
            continue
        heads = [re.sub(r"\s+", "", t) for t in texts[:4]]
        has_title = any(RE_TOC_TITLE.match(h) or h in ("段落", "段數", "段", "Paragraph", "Paragraphs") for h in heads)
        enders = sum(1 for t in texts if RE_TOC_ENTRY_END.search(t) and not RE_TERMINAL.search(t))
        if has_title and enders >= len(texts) / 3 or enders >= 0.7 * len(texts) and len(texts) >= 8:
            drop.update(ids)
    return drop


def _text_page_numbers(lines: tuple[Line, ...]) -> set[int]:
    """Page numbers that PDF-to-text tools leave on lines of their own: `- 12 -`,
    `第 12 頁`, `Page 12`, or a bare `12` set apart by a blank line or a page break.
    A bare number counts only beside another one a page away (`11` … `12`), so a
    figure alone on its line is kept."""
    def alone(i: int) -> bool:
        before = lines[i - 1] if i > 0 else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        return any(other is None or not other.text.strip() or other.page != lines[i].page for other in (before, after))

    found: set[int] = set()
    bare: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not RE_PAGE_NUMBER.match(text) or not alone(i):
            continue
        if text.isdigit():
            bare.append((i, int(text)))
        else:
            found.add(i)
    for k, (i, number) in enumerate(bare):
        if k and bare[k - 1][1] + 1 == number or k + 1 < len(bare) and bare[k + 1][1] == number + 1:
            found.add(i)
    return found


def _repeated(count: int, text: str) -> bool:
    """Printed at the same place on three pages or more: a running header or footer.
    A long line must repeat more often (a legend of table markers on every page of a
    table), so that a sentence that happens to recur is not taken for furniture."""
    return count >= 3 and len(text) < 80 or count >= 5


# --------------------------------------------------------------------------- line preparation


def _prepare(line: Line, kind: str) -> tuple[_Text, list[tuple[int, str]]]:
    """Strip, drop markup and footnote marks; return the text and the marks found.

    A mark is anchored to the source offset of the character it follows, so it keeps
    its place whatever joins and cuts happen to the text later."""
    raw = line.text
    marks: list[tuple[int, str]] = []
    drop: set[int] = set()
    if kind == "text":
        for m in re.finditer(r"\*\*|__", raw):
            drop.update(range(m.start(), m.end()))
        heading = RE_MARKDOWN_HEADING.match(raw)
        if heading:
            drop.update(range(heading.start(), heading.end()))
    # Footnote marks: superscript digits in text files, raised digits in PDFs.
    runs = [(m.start(), m.end()) for m in RE_SUPERSCRIPT.finditer(raw)]
    raised = sorted(line.raised)
    for i in raised:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    for a, b in runs:
        mark = raw[a:b].translate(SUPERSCRIPT_DIGITS)
        before = raw[:a].rstrip()
        if (mark.isdigit() or mark in NOTE_WORDS) and before:
            drop.update(range(a, b))
            marks.append((line.offsets[len(before) - 1], mark))
    text = _Text.of_line(line).drop(drop) if drop else _Text.of_line(line)
    return _tidy(text.strip()), marks


# --------------------------------------------------------------------------- grouping


def _body_metrics(lines: list[Line]) -> tuple[float, float, float, float]:
    """Dominant font size, left and right margins and line pitch of body text."""
    sizes = Counter(round(l.size or 0, 1) for l in lines if l.size and len(l.text) > 10)
    size = sizes.most_common(1)[0][0] if sizes else 12.0
    body = [l for l in lines if l.size and abs(l.size - size) < 0.6 and len(l.text) > 10]
    left = Counter(round(l.x0 or 0) for l in body).most_common(1)[0][0] if body else 0.0
    rights = sorted((l.x1 or 0) for l in body)
    right = rights[int(len(rights) * 0.9)] if rights else 0.0
    pitches: Counter[int] = Counter()
    for a, b in zip(body, body[1:]):
        if a.page == b.page and b.top and a.top and 0 < b.top - a.top < 3 * size:
            pitches[round(b.top - a.top)] += 1
    pitch = float(pitches.most_common(1)[0][0]) if pitches else size * 1.6
    return size, float(left), right, pitch


def _has_label(text: str) -> bool:
    return bool(RE_PARA_NUMBER.match(text) or RE_ITEM_LABEL.match(text) or RE_SECTION_LABEL.match(text)
                or RE_ANNEX_LABEL.match(text))


def _join(a: _Text, b: _Text) -> None:
    """Append a wrapped line: no space for CJK, one space for Latin, hyphens re-joined."""
    if not a.chars:
        a.append(b)
        return
    last, first = a.chars[-1], (b.chars[0] if b.chars else "")
    if last == "-" and len(a.chars) >= 2 and a.chars[-2].isalpha() and first.islower():
        a.chars.pop()
        a.offsets.pop()
        a.append(b)
    elif is_cjk(last) or (first and is_cjk(first)) or last in "/／-–" :
        a.append(b)
    else:
        a.append(b, " ")


def _footnote_lines(lines: list[Line], indices: list[int], body_size: float) -> set[int]:
    """Lines at the foot of a page, in a smaller font than the body text above them, that
    start with a note mark (`1`, `¹`, `*`, `註`): footnotes. A numbered item (`1. …`) is not."""
    found: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for i in indices:
        by_page.setdefault(lines[i].page, []).append(i)
    for ids in by_page.values():
        sizes = Counter(round(lines[i].size or 0, 1) for i in ids)
        page_size = body_size if sizes[round(body_size, 1)] else sizes.most_common(1)[0][0]
        if abs(page_size - body_size) > 1.5:
            continue  # no body text on this page (a table or appendix page)
        tail: list[int] = []
        for i in reversed(ids):
            line = lines[i]
            if line.size and line.size <= page_size - 0.9 and not line.cells:
                tail.append(i)
            else:
                break
        tail.reverse()
        while tail and not RE_NOTE_MARK.match(lines[tail[0]].text):
            tail.pop(0)
        found.update(tail)
    return found


def _group_pdf(raw: RawDocument, keep: list[int]) -> list[_Unit]:
    """PDF papers: a line continues the unit above when the layout says so (same column,
    same font size, normal line pitch, the line above running to the right margin);
    footnotes at the foot of a page are set aside so a paragraph cut by them re-joins."""
    lines = [raw.lines[i] for i in keep]
    size, left, right, pitch = _body_metrics(lines)
    notes = _footnote_lines(raw.lines, keep, size)
    units: list[_Unit] = []
    current: _Unit | None = None  # the unit the next line may continue
    note: _Unit | None = None  # the footnote being read
    for i in keep:
        line = raw.lines[i]
        text, marks = _prepare(line, "pdf")
        if not text.chars:
            continue
        if i in notes:
            mark = re.match(r"^(\d{1,2}|\*|註|注)\s*", text.text)
            if mark or note is None:
                body = text.slice(mark.end()) if mark else text
                note = _Unit([line], body, label=mark.group(1) if mark else None, size=line.size or 0, footnote=True)
                units.append(note)
            else:
                note.lines.append(line)
                _join(note.text, text)
            continue
        note = None
        if line.unruled:
            row = _unruled_cells(line)
            if current is not None and current.kind == "table_row" and current.lines[-1].unruled \
                    and not line.row_start and line.page == current.lines[-1].page \
                    and not RE_PARA_NUMBER.match(row[0][0].text):
                current.lines.append(line)
                for (cell, cell_marks), (old, old_marks) in zip(row, current.cell_texts):
                    if cell.chars:
                        _join(old, cell)
                    old_marks.extend(cell_marks)
                continue
            current = _Unit([line], _Text([], []), kind="table_row", size=line.size or 0, cell_texts=row)
            units.append(current)
            continue
        if line.cells:
            spans, cursor = [], 0
            for cell_text, _offsets in line.cells:
                spans.append((cursor, cursor + len(cell_text)))
                cursor += len(cell_text) + 1
            units.append(_Unit([line], _Text.of_line(line), kind="table_row",
                               cells=tuple(c for c, _ in line.cells), cell_spans=tuple(spans), size=line.size or 0))
            current = None
            continue
        if current is not None and RE_STANDALONE_NUMBER.match(text.text) and len(current.lines) <= 2 \
                and not current.label and (line.x1 or 0) <= (current.first.x0 or 0) + 2:
            # A paragraph number printed in the margin beside the paragraph's first line.
            current.label = f"{RE_STANDALONE_NUMBER.match(text.text).group(1)}."
            continue
        if current is not None and _continues_line(current, line, text.text, size, left, right, pitch):
            _join(current.text, text)
            current.marks.extend(marks)
            current.lines.append(line)
            continue
        current = _Unit([line], text, marks=list(marks), size=line.size or 0)
        units.append(current)
    for unit in units:
        if unit.cell_texts:
            _finish_row(unit)
    return units


def _unruled_cells(line: Line) -> list[tuple[_Text, list[tuple[int, str]]]]:
    """The cells of one line of an unruled table, each tidied, with its footnote marks
    (raised digits after a figure, `5,625²`) taken out as for running text."""
    cells = []
    cursor = 0
    for cell_text, offsets in line.cells:
        raised = frozenset(i - cursor for i in line.raised if cursor <= i < cursor + len(cell_text))
        cell_line = Line(cell_text, line.page, offsets[0] if offsets else line.start, line.end, offsets=offsets,
                         raised=raised)
        cells.append(_prepare(cell_line, "pdf") if cell_text else (_Text([], []), []))
        cursor += len(cell_text) + 1
    return cells


def _finish_row(unit: _Unit) -> None:
    """Lay an unruled row's cells out as its text, cells tab-separated, and take a
    paragraph number printed at the start of its first cell (`53. Cash payout scheme`)."""
    texts = [text for text, _ in unit.cell_texts]
    number = RE_PARA_NUMBER.match(texts[0].text) if texts else None
    if number and number.end() < len(texts[0].text):
        unit.label = f"{number.group(1)}."
        texts[0] = texts[0].slice(number.end())
    # The cells are joined by the tabs that separate them on the row's first line.
    first = unit.lines[0]
    tabs = [first.offsets[i] for i, ch in enumerate(first.text) if ch == "\t"]
    joined = _Text([], [])
    spans = []
    for k, text in enumerate(texts):
        if k:
            joined.append(_Text(["\t"], [tabs[k - 1]]))
        spans.append((len(joined.chars), len(joined.chars) + len(text.chars)))
        joined.append(text)
    unit.text = joined
    unit.cells = tuple(text.text for text in texts)
    unit.cell_spans = tuple(spans)
    unit.marks = [mark for _, marks in unit.cell_texts for mark in marks]


def _continues_line(unit: _Unit, line: Line, text: str, size: float, left: float, right: float,
                    pitch: float) -> bool:
    """Layout test: does ``line`` wrap on from the last line of ``unit``?"""
    previous = unit.lines[-1]
    if _has_label(text) or RE_ANNEX_LABEL.match(unit.text.text.strip()):
        return False
    line_size = line.size or size
    if abs(line_size - (previous.size or size)) > 0.6:
        return False
    latin_end = not is_cjk(unit.text.chars[-1]) if unit.text.chars else False
    slack = (6 if latin_end else 2.5) * line_size
    if (previous.x1 or 0) < right - slack:
        return False  # the line above stops short: its paragraph ended
    if (previous.x0 or 0) > left + 5 * line_size and not unit.label:
        return False  # centred or right-aligned lines (titles, sign-offs) stand alone
    if line.page != previous.page:
        return RE_TERMINAL.search(unit.text.text) is None
    gap = (line.top or 0) - (previous.top or 0)
    if gap <= 0 or gap > 1.2 * max(pitch, line_size * 1.1):
        return False
    # Same column: at the previous line's left edge, or the hanging indent after a label.
    x0 = line.x0 or 0
    if (previous.x0 or 0) - 4 * line_size <= x0 <= (previous.x0 or 0) + 1.5 * line_size:
        return True
    return bool(unit.label) or _has_label(unit.lines[0].text.strip()) and x0 <= (unit.first.x0 or 0) + 5 * line_size


def _group_text(raw: RawDocument, keep: list[int]) -> list[_Unit]:
    """Text papers: a non-blank line is a unit unless the file is hard-wrapped,
    in which case lines join until a blank line, a label or a sentence end on a short line."""
    nonblank = [raw.lines[i] for i in keep if raw.lines[i].text.strip()]
    lengths = sorted(len(l.text.strip()) for l in nonblank)
    median = lengths[len(lengths) // 2] if lengths else 0
    open_ended = sum(1 for l in nonblank if len(l.text.strip()) >= 20 and not RE_TERMINAL.search(l.text.strip()))
    wrapped = median <= 90 and open_ended >= 0.5 * max(1, sum(1 for l in nonblank if len(l.text.strip()) >= 20)) \
        and len(nonblank) >= 10 and lengths[-1] <= 110
    units: list[_Unit] = []
    current: _Unit | None = None
    numbered_by_margin: _Unit | None = None  # a unit whose number came on the line after its first
    number_ahead: _Text | None = None  # a number printed on the line before its paragraph
    for i in keep:
        line = raw.lines[i]
        if not line.text.strip():
            current = numbered_by_margin = None
            continue
        text, marks = _prepare(line, "text")
        previous = units[-1] if units else None
        standalone = RE_STANDALONE_NUMBER.match(text.text)
        if standalone and "." in text.text:
            if previous is not None and not previous.label and previous.kind == "paragraph" \
                    and len(previous.lines) == 1 and previous.lines[0] is raw.lines[i - 1] \
                    and not _heading_like(previous, True):
                # `N.` on a line of its own right after the paragraph's first line (PDF copy-paste).
                previous.label = f"{standalone.group(1)}."
                numbered_by_margin = previous
            else:
                # `N.` on a line of its own before its paragraph (PDF-to-text tools).
                number_ahead = text
                current = numbered_by_margin = None
            continue
        if number_ahead is not None and text.chars:
            number_ahead.append(text, " ")
            text, number_ahead = number_ahead, None
            current = None
        if numbered_by_margin is not None and not _has_label(text.text):
            _join(numbered_by_margin.text, text)
            numbered_by_margin.marks.extend(marks)
            numbered_by_margin.lines.append(line)
            continue
        if not text.chars:
            current = None
            continue
        if "\t" in line.text:
            cells_raw = line.text.split("\t")
            spans = []
            cursor = 0
            for cell in cells_raw:
                spans.append((cursor, cursor + len(cell)))
                cursor += len(cell) + 1
            full = _Text.of_line(line)
            units.append(_Unit([line], full, kind="table_row", cells=tuple(c.strip() for c in cells_raw),
                               cell_spans=tuple(spans)))
            current = None
            continue
        is_note = bool(re.match(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+", line.text))
        if is_note:
            mark = re.match(r"^\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+)", line.text).group(1).translate(SUPERSCRIPT_DIGITS)
            body = _Text.of_line(line)
            body = body.slice(len(line.text) - len(line.text.lstrip()) + len(mark)).strip()
            unit = _Unit([line], _tidy(body), footnote=True, label=mark)
            units.append(unit)
            current = None
            continue
        if wrapped and current is not None and not _has_label(text.text) \
                and not (RE_TERMINAL.search(current.text.text) and len(current.lines[-1].text.strip()) < median * 0.8):
            _join(current.text, text)
            current.marks.extend(marks)
            current.lines.append(line)
            continue
        current = _Unit([line], text, marks=list(marks))
        units.append(current)
        if not wrapped:
            current = None
    return units


# --------------------------------------------------------------------------- classification


def _label(unit: _Unit) -> None:
    """Split a printed label (``12.``, ``(a)``, ``•``, ``一、``) off the unit's text."""
    if unit.kind == "table_row" or unit.footnote:
        return
    text = unit.text.text
    for regex, kind in ((RE_PARA_NUMBER, "number"), (RE_SECTION_LABEL, "section"), (RE_ITEM_LABEL, "item")):
        m = regex.match(text)
        if not m or m.end() >= len(text):
            continue
        cut = m.end()
        label = m.group().strip()
        if kind == "item" and len(label) == 1:
            # A bullet followed by a printed label (`- (a) …`): the label is the better name.
            inner = RE_ITEM_LABEL.match(text[cut:])
            if inner and cut + inner.end() < len(text) and len(inner.group().strip()) > 1:
                label, cut = inner.group().strip(), cut + inner.end()
        unit.label = label if kind != "number" else f"{m.group(1)}."
        unit.kind = {"number": "paragraph", "section": "heading", "item": "item"}[kind]
        unit.text = unit.text.slice(cut)
        if kind == "item" and re.search(r"[一二三四五六七八九十]", label) and _heading_like(unit, True) \
                and not unit.text.text.endswith(("及", "和", "或", "and", "or")):
            unit.kind = "heading"
        return
    if unit.label and unit.label.endswith("."):  # margin number attached during grouping
        unit.kind = "paragraph"


def _column_heads(units: list[_Unit]) -> None:
    """Give each table row the heads of its columns: a row with a money unit in a cell
    (`$m`, `($ billion)`, `百萬元`) is a head row, and consecutive head rows stack
    (`2020-21` over `Estimate ($ billion)`); the heads hold over the rest of the table,
    a heading printed across it included, and end with the page of its last row."""
    from .recognizers.table_amounts import money_head_scale

    heads: tuple[str, ...] = ()
    previous_was_head = False
    last_page = 0
    for unit in units:
        if unit.footnote:
            continue
        if unit.kind != "table_row":
            previous_was_head = False
            if unit.pages[0] > last_page:
                heads = ()
            continue
        last_page = unit.pages[-1]
        is_head = any(money_head_scale(cell) for cell in unit.cells) \
            and not any(RE_GROUPED_FIGURE.search(cell) for cell in unit.cells)
        if is_head:
            if previous_was_head and len(heads) == len(unit.cells):
                heads = tuple(f"{a} {b}".strip() for a, b in zip(heads, unit.cells))
            else:
                heads = unit.cells
            if money_head_scale(heads[0]) and unit.lines[0].unruled:
                # The unit printed over the row labels (`(百萬元) | 修訂預算 | 預算`) is the whole table's.
                # (Not trusted in ruled tables: their rows come merged when no rule parts them.)
                heads = (heads[0],) + tuple(head if money_head_scale(head) or "%" in head else f"{head} {heads[0]}"
                                            for head in heads[1:])
            previous_was_head = True
            continue
        previous_was_head = False
        merged = not unit.lines[0].unruled and any(len(RE_FIGURE.findall(cell)) > 1 for cell in unit.cells)
        if len(heads) == len(unit.cells) and not merged:
            # (A ruled table's cell holding several figures is rows that no rule parted:
            # which figure belongs to which row label is lost.)
            unit.heads = heads


def _heading_like(unit: _Unit, zh: bool) -> bool:
    text = unit.text.text
    if unit.kind == "table_row" or unit.footnote or len(unit.lines) > 2:
        return False
    if RE_TERMINAL.search(text):
        return False
    if zh and RE_CLAUSE_PUNCT.search(RE_QUOTED.sub("", text)):
        return False
    if not zh and (len(text.split()) > 14 or re.search(r"[,;]\s", text)):
        return False
    limit = 45 if zh else 110
    return len(text) <= limit


def _is_salutation(text: str) -> bool:
    """`主席、各位議員、各位市民：`, `Mr President, Honourable Members…,`: a heading, not prose."""
    return len(text) <= 60 and text.endswith(("：", ":", ",", "，")) and not re.search(r"[。.;；]", text[:-1])


def _is_prose(unit: _Unit) -> bool:
    text = unit.text.text
    if _is_salutation(text):
        return False
    return unit.kind in ("paragraph", "item") and (
        bool(RE_TERMINAL.search(text)) and len(text) >= 12 or len(text) >= 60
    )


def _chinese_ratio(text: str) -> float:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return cjk / max(1, cjk + latin / 4)


def detect_language(text: str) -> str:
    """zh-Hant, zh-Hans or en, from the script mix (OpenCC tells Simplified from Traditional)."""
    sample = text[:20000]
    if _chinese_ratio(sample) < 0.3:
        return "en"
    from .normalize import simplified_ratio

    return "zh-Hans" if simplified_ratio(sample) > 0.5 else "zh-Hant"


def _cn_int(text: str) -> int:
    """`2024`, `二零二四` (digit by digit), `二十八`."""
    return int(parse_cn_number(text))


def parse_printed_date(text: str) -> date | None:
    """The first full date printed in ``text`` (`2024 年 10 月 28 日`, `28 October 2024`, `二零二四年二月二十八日`)."""
    for m in RE_ZH_DATE.finditer(text):
        if m.group("d"):
            try:
                return date(_cn_int(m.group("y")), _cn_int(m.group("m")), _cn_int(m.group("d")))
            except ValueError:
                continue
    for m in RE_EN_DATE.finditer(text):
        day = m.group("d") or m.group("d2")
        if day:
            try:
                return date(int(m.group("y")), MONTHS[m.group("mon")], int(day))
            except ValueError:
                continue
    return None


def build_document(raw: RawDocument, paper: str, reference_date: date | None = None) -> Document:
    """Turn a ``RawDocument`` into a ``Document`` of blocks with where codes and provenance."""
    pages, label_lines = label_pages(raw)
    furniture = _furniture(raw) | label_lines
    keep = [i for i in range(len(raw.lines)) if i not in furniture]
    units = _group_pdf(raw, keep) if raw.kind == "pdf" else _group_text(raw, keep)
    for unit in units:
        _label(unit)
    _column_heads(units)
    language = detect_language(" ".join(u.text.text for u in units[:400]))
    zh = language != "en"

    # -- annex starts: a label at the top of a page, a label line right after a sign-off,
    # or (text files) a standalone label line.
    annex_starts: dict[int, Annex] = {}
    labelled: list[int] = []
    for index, unit in enumerate(units):
        m = RE_ANNEX_LABEL.match(unit.text.text.replace("\u3000", " ").strip())
        if not m or unit.kind == "table_row" or len(unit.lines) > 1 and not m.group("title"):
            continue
        at_page_top = raw.kind == "text" or index == 0 or units[index - 1].pages[-1] < unit.pages[0] or \
            _is_first_on_page(unit, units, index)
        after_signoff = index > 0 and _is_signoff_tail(units, index)
        if at_page_top or after_signoff:
            labelled.append(index)
    real = [i for i in labelled if RE_ANNEX_LABEL.match(units[i].text.text.strip()).group("label")
            or RE_ANNEX_LABEL.match(units[i].text.text.strip()).group("title")]
    covers = [i for i in labelled if i not in real]
    if not real and covers:
        real, covers = covers, []
    seen_labels: set[str] = set()
    for index in real:
        m = RE_ANNEX_LABEL.match(units[index].text.text.strip())
        word = re.sub(r"\s+", "", m.group("word"))
        printed = (m.group("label") or "").translate(FULLWIDTH_LETTERS)
        label = word + ((" " if printed.isascii() else "") + printed if printed else "")
        label = label.translate(FULLWIDTH_LETTERS)
        if label in seen_labels and m.group("label"):
            continue  # the same label printed again (a cover page, then the annex's first page)
        seen_labels.add(label)
        annex_starts[index] = Annex(f"annex{len(annex_starts) + 1}", label, (m.group("title") or "").strip() or None)

    # -- body paragraphs
    first_annex = min(annex_starts) if annex_starts else (min(covers) if covers else len(units))
    if covers and annex_starts:
        first_annex = min(first_annex, min(covers))
    numbered = [i for i, u in enumerate(units[:first_annex]) if u.kind in ("paragraph", "table_row") and u.label]
    has_numbers = bool(numbered)
    first_number = int(units[numbered[0]].label[:-1]) if numbered else None  # type: ignore[index]
    # The sign-off can only follow the highest-numbered paragraph.
    last_numbered = max(numbered, key=lambda i: int(units[i].label[:-1]), default=-1)  # type: ignore[index]

    # Title block: units before the first body unit, minus the headings right before it.
    first_body = None
    for index, unit in enumerate(units[:first_annex]):
        if unit.kind in ("paragraph", "table_row") and unit.label:
            first_body = index
            break
        if unit.footnote or unit.kind == "table_row":
            continue
        if _is_prose(unit) and not RE_PAPER_NUMBER.search(unit.text.text) and not RE_DATE_ONLY.match(unit.text.text):
            first_body = index
            break
    if first_body is None:
        first_body = first_annex
    title_end = first_body
    back = 0
    while title_end > 1 and back < 2:
        candidate = units[title_end - 1]
        text = candidate.text.text
        short = len(text) <= 8 if zh else len(text.split()) <= 6
        if (short or _is_salutation(text)) and not RE_DATE_ONLY.match(text) \
                and not RE_COMMITTEE.match(text) and not RE_PAPER_NUMBER.search(text):
            candidate.kind = "heading"
            title_end -= 1
            back += 1
        else:
            break
    for unit in units[:title_end]:
        unit.kind = "title"

    blocks: list[Block] = []
    footnote_count = 0
    where_of_unit: list[str] = [""] * len(units)
    current_where = "title"
    zone_annex: Annex | None = None
    last_body_number = 0
    para_count = 0
    pending_headings: list[int] = []
    signoff_done = False
    annexes: list[Annex] = []
    text_annex_mode = False

    for index, unit in enumerate(units):
        if index < title_end:
            where_of_unit[index] = "title"
            continue
        if index in annex_starts:
            zone_annex = annex_starts[index]
            annexes.append(zone_annex)
            current_where = zone_annex.where
            unit.kind = "heading"
            where_of_unit[index] = current_where
            _flush(pending_headings, where_of_unit, current_where)
            continue
        if index in covers and zone_annex is None:
            # A cover page of the appendices (a bare `附錄`): it belongs to the first annex.
            unit.kind = "heading"
            nxt = next((annex_starts[i] for i in sorted(annex_starts) if i > index), None)
            where_of_unit[index] = nxt.where if nxt else current_where
            continue
        if unit.kind == "signature":
            where_of_unit[index] = current_where
            continue
        if unit.footnote:
            footnote_count += 1
            unit.kind = "footnote"
            where_of_unit[index] = f"fn{footnote_count}"
            continue
        if zone_annex is None and not text_annex_mode:
            # Body zone.
            if signoff_done and raw.kind == "text":
                # Content after the sign-off with no annex label (text papers pasted from PDFs).
                text_annex_mode = True
            else:
                if unit.kind in ("paragraph", "table_row") and unit.label:
                    n = int(unit.label[:-1])
                    if (last_body_number == 0 and n <= 2) or last_body_number < n <= last_body_number + 3 or (
                        last_body_number == 0 and first_number is not None and n == first_number
                    ):
                        last_body_number = n
                        para_count = n
                        current_where = f"p{n}"
                        if unit.kind != "table_row":
                            unit.kind = "paragraph"
                        where_of_unit[index] = current_where
                        _flush(pending_headings, where_of_unit, current_where)
                        continue
                    if unit.kind != "table_row":
                        unit.kind = "item"  # a numbered sub-item inside a paragraph
                    where_of_unit[index] = current_where
                    continue
                if unit.kind == "heading" or (unit.kind in ("paragraph",) and _heading_like(unit, zh)
                                              and not _continues(units, index)):
                    if index > last_numbered and _looks_like_signoff(units, index, last_body_number or para_count):
                        _mark_signoff(units, index, where_of_unit, current_where)
                        signoff_done = True
                        continue
                    unit.kind = "heading"
                    pending_headings.append(index)
                    continue
                if unit.kind == "item" or unit.kind == "table_row":
                    where_of_unit[index] = current_where if current_where != "title" else f"p{max(1, para_count)}"
                    continue
                # Unnumbered prose.
                if not has_numbers:
                    # No printed numbers: paragraphs are counted in reading order.
                    if not (_continues(units, index) and para_count):
                        para_count += 1
                        current_where = f"p{para_count}"
                elif last_body_number == 0:
                    # Before the first printed number: the opening paragraph is p1.
                    current_where = "p1"
                    if first_number == 2:
                        last_body_number = 1
                _flush(pending_headings, where_of_unit, current_where)
                where_of_unit[index] = current_where
                continue
        if text_annex_mode and (zone_annex is None or _text_annex_title(units, index, zh)):
            # A text paper whose annex labels were lost: the first line after the sign-off,
            # then each title line after finished content, starts the next annex.
            title = unit.text.text if _heading_like(unit, zh) else None
            zone_annex = Annex(f"annex{len(annexes) + 1}",
                               f"附件{_cn_numeral(len(annexes) + 1)}" if zh else f"Annex {len(annexes) + 1}", title)
            annexes.append(zone_annex)
            current_where = zone_annex.where
            unit.kind = "heading"
            where_of_unit[index] = current_where
            continue
        # Annex zone.
        if zone_annex is not None and zone_annex.title is None and unit.kind in ("paragraph", "heading") \
                and _heading_like(unit, zh) and index > 0 and where_of_unit[index - 1] == zone_annex.where \
                and units[index - 1].kind == "heading" and units[index - 1].text.text.startswith(("附", "Annex", "Appendix", "ANNEX", "APPENDIX")):
            zone_annex = replace(zone_annex, title=unit.text.text)
            annexes[-1] = zone_annex
        if unit.kind == "paragraph" and not unit.label and _heading_like(unit, zh) and not _continues(units, index):
            unit.kind = "heading"
        where_of_unit[index] = current_where
    # Headings still pending at the end belong to the last paragraph.
    for i in pending_headings:
        if not where_of_unit[i]:
            where_of_unit[i] = current_where

    # Re-join continuations (page breaks inside paragraphs, text-file paragraphs split by a
    # pasted page break or a footnote).
    merged = _merge_continuations(units, where_of_unit)

    # Footnote marks → footnote where codes: each mark links to the next footnote printed
    # with that mark at or after it in reading order.
    footnotes = [(i, u) for i, u in enumerate(units) if u.kind == "footnote"]
    for index, unit in merged:
        refs = []
        position = {offset: i for i, offset in enumerate(unit.text.offsets)}
        for anchor, mark in unit.marks:
            if anchor not in position:
                continue
            pos = position[anchor] + 1
            target = next((where_of_unit[i] for i, note in footnotes if i > index and _note_mark(note) == mark), None) \
                or next((where_of_unit[i] for i, note in footnotes if _note_mark(note) == mark), None)
            if target:
                refs.append((pos, target))
        if unit.kind == "footnote":
            number: str | None = _note_mark(unit) or None
        elif unit.kind in ("paragraph", "table_row") and unit.label and unit.label.endswith("."):
            number = unit.label[:-1]
        else:
            number = unit.label
        blocks.extend(_cut_long(Block(
            kind=unit.kind,  # type: ignore[arg-type]
            where=where_of_unit[index] or current_where,
            text=unit.text.text,
            offsets=Offsets(unit.text.offsets),
            pages=unit.pages,
            number=number,
            cells=unit.cells,
            cell_spans=unit.cell_spans,
            heads=unit.heads,
            footnote_refs=tuple(refs),
        ), raw))
    metadata = _metadata(raw, blocks, language, reference_date)
    return Document(paper=paper, path=raw.path, metadata=metadata, blocks=tuple(blocks),
                    source_text=raw.text, pages=pages, annexes=tuple(annexes), warnings=raw.warnings)


def _cut_long(block: Block, raw: RawDocument, limit: int = DEFAULT_MAX_BLOCK_CHARS) -> list[Block]:
    """``block``, or when it is longer than ``limit`` (and not a table row) the pieces it is cut
    into after the last sentence end before each limit (else the last space, else at the limit),
    so that every block has a bounded length and a paper is read in time linear in its length.
    The pieces keep the block's kind and part; the first keeps its number."""
    if len(block.text) <= limit or block.kind == "table_row":
        return [block]
    pieces = []
    start = 0
    while start < len(block.text):
        end = min(start + limit, len(block.text))
        if end < len(block.text):
            window = block.text[start + limit // 2:end]
            cuts = [m.end() for m in RE_CUT_AFTER.finditer(window)] or \
                [i + 1 for i, ch in enumerate(window) if ch.isspace()]
            if cuts:
                end = start + limit // 2 + cuts[-1]
        offsets = block.offsets[start:end]
        inside = [o for o in offsets if o != INSERTED]
        pages = tuple(page.number for page in raw.pages
                      if inside and page.start <= inside[-1] and inside[0] < page.end) or block.pages
        pieces.append(replace(block, text=block.text[start:end], offsets=offsets, pages=pages,
                              number=block.number if start == 0 else None,
                              footnote_refs=tuple((at - start, where) for at, where in block.footnote_refs
                                                  if start <= at < end or at == end == len(block.text))))
        start = end
    return pieces


def _note_mark(unit: _Unit) -> str:
    if unit.label:
        return unit.label
    m = re.match(r"^(\d{1,2}|\*|註|注)", unit.text.text)
    return m.group(1) if m else ""


def _cn_numeral(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def _flush(pending: list[int], where_of_unit: list[str], where: str) -> None:
    for i in pending:
        where_of_unit[i] = where
    pending.clear()


def _is_first_on_page(unit: _Unit, units: list[_Unit], index: int) -> bool:
    page = unit.pages[0]
    before = [u for u in units[max(0, index - 3):index] if page in u.pages and not u.footnote]
    return not before


def _continues(units: list[_Unit], index: int) -> bool:
    """Does this unit continue the previous paragraph, cut by a page break or a footnote?

    Only a long paragraph that stops mid-sentence is continued, and only by text that
    is not itself a heading: a short label line (`產學研區`) is never glued to it."""
    unit = units[index]
    if unit.label or unit.kind != "paragraph" or _heading_like(unit, True):
        return False
    j = index - 1
    while j >= 0 and units[j].kind == "footnote":
        j -= 1
    if j < 0:
        return False
    prev = units[j]
    prev_text = prev.text.text
    if prev.kind not in ("paragraph", "item") or len(prev_text) < 20 or RE_TERMINAL.search(prev_text):
        return False
    first = unit.text.text[:1]
    if is_cjk(prev_text[-1]) and is_cjk(first) and first not in "「『《":
        return True
    return first.islower()


def _merge_continuations(units: list[_Unit], where_of_unit: list[str]) -> list[tuple[int, _Unit]]:
    out: list[tuple[int, _Unit]] = []
    for index, unit in enumerate(units):
        if unit.kind == "paragraph" and not unit.label and _continues(units, index):
            # find the unit it continues among those already emitted
            for k in range(len(out) - 1, -1, -1):
                j, prev = out[k]
                if prev.kind == "footnote":
                    continue
                _join(prev.text, unit.text)
                prev.marks.extend(unit.marks)
                prev.lines.extend(unit.lines)
                break
            else:
                out.append((index, unit))
            continue
        out.append((index, unit))
    return out


def _looks_like_signoff(units: list[_Unit], index: int, last_number: int) -> bool:
    """A run of short unit names followed by a date line, after the last paragraph."""
    if last_number == 0:
        return False
    run = named = 0
    for unit in units[index:index + 6]:
        text = unit.text.text.strip()
        if RE_DATE_ONLY.match(text):
            return run >= 1 and named >= 1
        if len(text) > 30 or RE_TERMINAL.search(text) or unit.label:
            return False
        run += 1
        named += bool(RE_UNIT_SUFFIX.search(text))
    return False


def _mark_signoff(units: list[_Unit], index: int, where_of_unit: list[str], where: str) -> None:
    for j in range(index, min(len(units), index + 7)):
        units[j].kind = "signature"
        where_of_unit[j] = where
        if RE_DATE_ONLY.match(units[j].text.text.strip()):
            break


def _is_signoff_tail(units: list[_Unit], index: int) -> bool:
    return units[index - 1].kind == "signature" or bool(RE_DATE_ONLY.match(units[index - 1].text.text.strip())) and any(
        RE_UNIT_SUFFIX.search(u.text.text.strip()) or len(u.text.text) < 20 for u in units[max(0, index - 3):index - 1]
    )


def _text_annex_title(units: list[_Unit], index: int, zh: bool) -> bool:
    """In a text paper whose annex labels were lost: after finished content (a sentence end
    or a table), a title-like line directly followed by another heading-like line (a
    subtitle, a section heading, a labelled heading) starts an annex."""
    unit = units[index]
    if unit.label or unit.kind not in ("paragraph", "heading") or index + 1 >= len(units) or index == 0:
        return False
    text = unit.text.text
    if not _heading_like(unit, zh) or text.startswith(("（", "(")) or len(text) < 6:
        return False
    prev = units[index - 1]
    if not (prev.kind == "table_row" or prev.kind in ("paragraph", "item") and RE_TERMINAL.search(prev.text.text)):
        return False
    nxt = units[index + 1]
    if nxt.kind == "table_row" or nxt.footnote:
        return False
    return _heading_like(nxt, zh) or nxt.kind == "heading"


def _metadata(raw: RawDocument, blocks: list[Block], language: str, reference_date: date | None) -> Metadata:
    title_blocks = [b for b in blocks if b.where == "title"]
    title_text = "\n".join(b.text for b in title_blocks)
    printed = parse_printed_date(title_text)
    signoff = [b for b in blocks if b.kind == "signature"]
    if printed is None:
        for b in signoff:
            printed = parse_printed_date(b.text)
            if printed:
                break
    if printed is None:
        for b in blocks[:60]:
            printed = parse_printed_date(b.text)
            if printed:
                break
    number = None
    for b in blocks[:80]:
        m = RE_PAPER_NUMBER.search(b.text)
        if m:
            number = re.sub(r"\s+", "", m.group()) if m.group().startswith("立法會") else re.sub(r"\s+", " ", m.group())
            break
    committee = None
    for b in title_blocks:
        if RE_COMMITTEE.match(b.text.strip()) and not RE_PAPER_NUMBER.search(b.text):
            committee = b.text.strip()
            break
    title_parts = [b.text for b in title_blocks
                   if not RE_DATE_ONLY.match(b.text.strip()) and b.text.strip() != committee
                   and not RE_PAPER_NUMBER.search(b.text) and not re.search(r"[@＠]|電郵|E-?mail", b.text)
                   and not _is_salutation(b.text.strip())
                   and b.text.strip() not in ("討論文件", "資料文件", "Discussion Paper", "Information Paper", "For discussion", "For information")
                   and not re.match(r"^(香港特別行政區)?立法會$|^Legislative Council$", b.text.strip())]
    title = " ".join(title_parts).strip() or None
    issued = tuple(b.text.strip() for b in signoff if not RE_DATE_ONLY.match(b.text.strip()))
    if not issued and title and re.search(r"施政報告|財政預算案|Policy Address|Budget", title):
        # The Chief Executive's Policy Address and the Budget Speech are issued by the Government.
        issued = ("香港特別行政區政府",)
    doc_type = None
    for b in title_blocks:
        t = b.text.strip()
        if t in ("討論文件", "Discussion Paper", "For discussion"):
            doc_type = "discussion-paper"
        elif t in ("資料文件", "Information Paper", "For information"):
            doc_type = "information-paper"
    if doc_type is None and title:
        if re.search(r"施政報告|Policy Address", title):
            doc_type = "policy-address"
        elif re.search(r"預算案|Budget", title):
            doc_type = "budget-speech"
        elif number:
            doc_type = "legco-paper"
    return Metadata(
        language=language,  # type: ignore[arg-type]
        reference_date=reference_date or printed,
        paper_number=number,
        committee=committee,
        title=title,
        issued_by=issued,
        document_type=doc_type,
    )
