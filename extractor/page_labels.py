"""Printed page labels: the page number a reader sees, beside the page's position in the file.

Researchers cite printed page numbers, and they are not PDF positions: the 2024 Policy
Address prints page 56 on its 65th PDF page (cover and contents come first), and an
appendix may restart its numbering. The label is read from the page furniture the layout
drops (`- 3 -`, `第3頁`, `Page 3`, `3/20`, a bare `3`, `iii` in front matter, `三`) and is
accepted only when a nearby page carries a label of the same numeral system with the same
difference between label and position: a run of pages numbered in step. A number that
happens to end a page of body text or a table has no such neighbour and is not taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .numerals import parse_cn_number
from .types import Page, RawDocument

#: Lines looked at on each page, from its top and from its foot: page numbers sit at the edges.
EDGE_LINES = 2
#: A page label is accepted when a page at most this many pages away is numbered in step with it
#: (a chapter opening or a full-page figure may print no number).
DEFAULT_MAX_GAP = 3

_CN_DIGITS = "〇零一二三四五六七八九十百"
RE_ARABIC_LABEL = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|p\.)\s*)?(?:第\s*)?(?P<n>\d{1,4})(?:\s*頁)?"
    r"(?:\s*(?:/|of|／)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
RE_CN_LABEL = re.compile(rf"^(?:[-–—]\s*)?(?:第\s*)?(?P<n>[{_CN_DIGITS}]{{1,6}})(?:\s*頁)?(?:\s*[-–—])?$")
RE_ROMAN_LABEL = re.compile(r"^(?:[-–—]\s*)?(?:(?i:page)\s*)?(?P<n>[ivxlc]{1,7}|[IVXLC]{1,7})(?:\s*[-–—])?$")
RE_PAREN_LABEL = re.compile(r"^[(（]\s*(?P<n>\d{1,3})\s*[)）]$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass(frozen=True, slots=True)
class PageLabel:
    """A page number printed on one page: its line, its value and how it is written."""

    page: int  # the PDF position, 1-based
    line: int  # index into ``RawDocument.lines``
    value: int
    system: str  # "arabic" (also 第三頁: the same count), "roman", "parenthesised" (`(3)`)
    label: str


def parse_roman(text: str) -> int | None:
    """The value of a well-formed roman numeral (`iv` → 4), else None (`iiii`, `vv`).

    >>> parse_roman("xiv"), parse_roman("IX"), parse_roman("vx")
    (14, 9, None)
    """
    lowered = text.lower()
    if not lowered or any(ch not in _ROMAN for ch in lowered):
        return None
    total = 0
    for ch, nxt in zip(lowered, lowered[1:] + " "):
        value = _ROMAN[ch]
        total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
    return total if total > 0 and to_roman(total) == lowered else None


def to_roman(value: int) -> str:
    """Lower-case roman numeral of ``value`` (1–399), the canonical spelling."""
    out = []
    for amount, digits in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while value >= amount:
            out.append(digits)
            value -= amount
    return "".join(out)


def parse_page_label(text: str) -> tuple[int, str, str] | None:
    """(value, numeral system, label) of a line that is only a page number, else None.

    Chinese numerals count like Arabic ones (`第三頁` is page 3, labelled `3`); a roman
    numeral keeps its spelling as the label (`iii`), since front matter is cited so, and a
    parenthesised number its brackets (`(3)`, a Budget's supplement numbered apart).

    >>> parse_page_label("- 12 -"), parse_page_label("第 3 頁"), parse_page_label("Page 3 of 20")
    ((12, 'arabic', '12'), (3, 'arabic', '3'), (3, 'arabic', '3'))
    >>> parse_page_label("iv"), parse_page_label("第十二頁"), parse_page_label("( 3 )"), parse_page_label("2024 年")
    ((4, 'roman', 'iv'), (12, 'arabic', '12'), (3, 'parenthesised', '(3)'), None)
    """
    text = re.sub(r"\s+", " ", text.strip())
    if m := RE_ARABIC_LABEL.match(text):
        value = int(m["n"])
        return (value, "arabic", str(value)) if value > 0 else None
    if m := RE_PAREN_LABEL.match(text):  # a supplement numbered apart from the speech: `( 3 )`
        value = int(m["n"])
        return (value, "parenthesised", f"({value})") if value > 0 else None
    if m := RE_ROMAN_LABEL.match(text):
        value = parse_roman(m["n"])
        return (value, "roman", m["n"]) if value else None
    if m := RE_CN_LABEL.match(text):
        try:
            value = int(parse_cn_number(m["n"]))
        except ValueError:
            return None
        return (value, "arabic", str(value)) if value > 0 else None
    return None


def label_candidates(raw: RawDocument) -> list[PageLabel]:
    """Every line at a page's top or foot that reads as a page number, in page order."""
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(raw.lines):
        if line.text.strip():
            by_page.setdefault(line.page, []).append(index)
    found = []
    for page, indices in sorted(by_page.items()):
        edges = indices[:EDGE_LINES] + [i for i in indices[-EDGE_LINES:] if i not in indices[:EDGE_LINES]]
        for index in edges:
            parsed = parse_page_label(raw.lines[index].text)
            if parsed:
                found.append(PageLabel(page, index, *parsed))
    return found


def accepted_labels(candidates: list[PageLabel], max_gap: int = DEFAULT_MAX_GAP) -> dict[int, PageLabel]:
    """Per page, the candidate numbered in step with a candidate of another page near it
    (same numeral system, same label − position); the first such one of a page wins."""
    by_step: dict[tuple[str, int], list[int]] = {}
    for c in candidates:
        by_step.setdefault((c.system, c.value - c.page), []).append(c.page)
    accepted: dict[int, PageLabel] = {}
    for c in candidates:
        if c.page in accepted:
            continue
        pages = by_step[(c.system, c.value - c.page)]
        if any(other != c.page and abs(other - c.page) <= max_gap for other in pages):
            accepted[c.page] = c
    return accepted


def label_pages(raw: RawDocument) -> tuple[tuple[Page, ...], frozenset[int]]:
    """The pages with their printed labels (None where none is printed or accepted), and
    the indices of the lines that carry them (page furniture)."""
    accepted = accepted_labels(label_candidates(raw))
    pages = tuple(replace(page, label=accepted[page.number].label) if page.number in accepted else page
                  for page in raw.pages)
    return pages, frozenset(label.line for label in accepted.values())


def page_value(label: str | None, pdf_page: int) -> int | str:
    """What a page is cited as: its printed label (a number when it is one), else its PDF position."""
    if label is None:
        return pdf_page
    return int(label) if label.isdigit() else label
