"""Money in table columns headed by a unit: `$m`, `($ million)`, `$億`, `百萬元`.

A figure in such a column is the cell times the column's unit (`71,008` under `$m`
→ HKD 71 008 000 000). Markers printed before a figure (`^ # * + Ω`, explained in a
legend) are not part of the number; a footnote mark after it (`5,625²`) is not
either, but a footnote that says the figure is a maximum (`estimated maximum`,
`up to`, `ceiling`, `上限`) makes the amount ``at_most``. Sub-total and total rows
are amounts like any other row.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.numerals import format_decimal
from extractor.types import Block, Mention

RE_MONEY_HEAD = re.compile(
    r"(?:^|\s|[(（])(?P<sign>HK\$|\$|港幣|港元)?\s?(?P<scale>m|mn|million|bn|billion|億|百萬|千萬|萬|千)?"
    r"\s?(?P<yuan>港?元)?\s*[)）]?$",
    re.IGNORECASE,
)
RE_FIGURE_WITH_UNIT = re.compile(
    r"\d\s?(?:港?元|億|百萬|萬|千|m|mn|million|bn|billion)(?![A-Za-z])|\$\s?\d", re.IGNORECASE
)
SCALES = {"m": 10**6, "mn": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9,
          "億": 10**8, "百萬": 10**6, "千萬": 10**7, "萬": 10**4, "千": 10**3}
# A figure in a money cell, with the marker printed before it (`^71,008`); not a part
# of a year (`2020-21`), a date or a percentage.
RE_CELL_FIGURE = re.compile(
    r"(?<![\dA-Za-z.,/-])(?P<mark>[\^#*+\u03a9\u2126@§†‡]\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w.,%/-])"
)
# A row label that ends naming a count or a share (`相當於政府開支的月數`): its figures
# are not in the table's money unit.
RE_NOT_MONEY_ROW = re.compile(r"(?:月數|百分比|比率|人數|數目|\bpercentage|\bnumber|\bratio)[\s\d.,%]*$", re.IGNORECASE)
RE_MAXIMUM_NOTE = re.compile(
    r"\bmaximum\b|\bup to\b|\bceiling\b|\bcapped\b|\bnot exceeding\b|上限|最高|最多|不超過|封頂", re.IGNORECASE
)


def money_head_scale(head: str) -> int | None:
    """The multiplier a column head gives its cells: `$m` → 10^6, `($ billion)` → 10^9,
    `百萬元` → 10^6, `$億` → 10^8; ``None`` when the head is not a money unit."""
    text = head.strip()
    if RE_FIGURE_WITH_UNIT.search(text):
        return None  # `2,910 元`: a value in a data row, not a head
    m = RE_MONEY_HEAD.search(text)
    if not m or not (m.group("sign") or m.group("yuan")):
        return None
    if not m.group("scale") and not m.group("yuan"):
        return None  # a bare `$` column
    return SCALES.get((m.group("scale") or "").lower(), 1)


def find_table_amounts(block: Block, text: str, at_most_notes: frozenset[str] = frozenset()) -> list[Mention]:
    """Amounts in the cells of a table row whose column head is a money unit.

    ``text`` is the block text normalised for matching (same length); ``at_most_notes``
    are the where-codes of footnotes that say their figure is a maximum."""
    if block.kind != "table_row" or not block.heads or not block.cell_spans:
        return []
    if RE_NOT_MONEY_ROW.search(block.cells[0]):
        return []  # `相當於政府開支的月數 12 11`: the row names its own measure
    refs = dict(block.footnote_refs)
    found = []
    for (start, end), head in zip(block.cell_spans, block.heads):
        scale = money_head_scale(head)
        if scale is None:
            continue
        for m in RE_CELL_FIGURE.finditer(text, start, end):
            value = Decimal(m.group("num").replace(",", "")) * scale
            capped = refs.get(m.end()) in at_most_notes
            found.append(Mention("amount", m.start(), m.end(), block.text[m.start():m.end()], {
                "currency": "HKD", "value": format_decimal(value), "qualifier": "at_most" if capped else "exact",
            }))
    return found


def money_cells(block: Block) -> list[tuple[int, int]]:
    """Spans of the cells under a money head: other recognizers leave their figures alone."""
    return [span for span, head in zip(block.cell_spans, block.heads) if money_head_scale(head) is not None]


def at_most_notes(blocks: tuple[Block, ...]) -> frozenset[str]:
    """Footnotes saying the figure they mark is a maximum (`This represents the estimated
    maximum expenditure`, `以上限計算`)."""
    return frozenset(b.where for b in blocks if b.kind == "footnote" and RE_MAXIMUM_NOTE.search(b.text))
