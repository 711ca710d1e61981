"""Unruled money tables, raised markers, annex labels with any colon, unnumbered notes (`註`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, parsed
from pdfgen import positioned_pdf

from extractor.extract import block_mentions, extract
from extractor.parse import parse_paper
from extractor.recognizers.table_amounts import money_head_scale
from extractor.structure import RE_ANNEX_LABEL
from extractor.types import INSERTED

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.mark.parametrize("head, scale", [
    ("$m", 10**6),  # en-2020-21 Budget highlights, proposals table
    ("Annual/ Total Amount $m", 10**6),
    ("2018-19 Actual ($ billion)", 10**9),  # en-2020-21, recurrent expenditure table
    ("($ million)", 10**6),
    ("$億", 10**8),
    ("百萬元", 10**6),  # zh Budget Speech appendices: `(百萬元)`
    ("（百萬元）", 10**6),
    ("金額（億元）", 10**8),
    ("港幣百萬元", 10**6),
    # not a money head
    ("Proposal", None),
    ("Beneficiary", None),
    ("($)", None),
    ("770 元 2,230 元 2,560 元", None),  # a data cell of the 2024-25 Budget Speech's salaries-tax table
    ("$100 1.50% 2.25%", None),  # a data cell of the 2023-24 stamp-duty table
    ("2019-20 Revised Estimate", None),
])  # fmt: skip
def test_money_head_scale(head: str, scale: int | None) -> None:
    assert money_head_scale(head) == scale


def _table_page(head_x: tuple[float, float, float], columns: tuple[float, float, float], unit: str,
                rows: list[tuple[str, str, str, str]]) -> bytes:
    """A page laid out like the Budget highlights' proposals table: three columns (text,
    a right-aligned figure, a count), each figure's marker printed small and raised above
    its left, rows set apart by a blank line. ``rows``: (text, marker, figure, count); a
    text of "" continues the row above on the next line."""
    left, figure_right, third = columns
    items = [(head_x[0], 760, 13, "Proposal"), (head_x[1], 760, 13, "Total"), (head_x[2], 760, 13, "Beneficiary"),
             (head_x[1] - 8, 745, 13, "Amount"), (head_x[1], 730, 13, unit)]
    y = 700.0
    for text, marker, figure, count in rows:
        if not text.startswith("~"):
            y -= 15  # the blank line between rows
        if figure:
            width = 7.2 * len(figure)
            if marker:
                items.append((figure_right - width - 5, y + 5, 8.5, marker))
            items.append((figure_right - width, y, 13, figure))
        items.append((left, y, 13, text.lstrip("~")))
        if count:
            items.append((third, y, 13, count))
        y -= 15
    items.append((72, 80, 10, "*: annual amount for recurrent measure; #: total for time-limited recurrent measure;"))
    return positioned_pdf([item for item in items if item[3]])


# Rows as printed in en-2020-21-budget-highlights.pdf (page 12; the profits-tax row is its 58th).
HIGHLIGHTS_ROWS = [
    ("53. Cash payout scheme", "^", "71,008", "Hong Kong permanent"),
    ("~", "#", "138", "residents aged 18 or"),
    ("~", "", "", "above"),
    ("54. Reduce profits tax for the year of", "", "2,000", "141 000 taxpayers"),
    ("~assessment 2019/20 by 100%, subject to a", "", "", ""),
    ("~ceiling of $20,000", "", "", ""),
    ("Sub-total for Revenue Measures", "", "1,219", ""),
]


def test_unruled_money_table_rows_cells_and_amounts(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    path.write_bytes(_table_page((175, 366, 458), (79, 404, 425), "$m", HIGHLIGHTS_ROWS))
    doc = parse_paper(path)
    rows = [b for b in doc.blocks if b.kind == "table_row" and b.heads]
    assert [r.cells for r in rows] == [
        ("Cash payout scheme", "^71,008 #138", "Hong Kong permanent residents aged 18 or above"),
        ("Reduce profits tax for the year of assessment 2019/20 by 100%, subject to a ceiling of $20,000", "2,000",
         "141 000 taxpayers"),  # the figure and the count stay in their own cells
        ("Sub-total for Revenue Measures", "1,219", ""),
    ]
    assert [r.where for r in rows] == ["p53", "p54", "p54"]  # a sub-total row belongs to the row above
    amounts = [(m.text, m.value["value"]) for r in rows for m in block_mentions(r, "en", doc, None)
               if m.kind == "amount"]
    assert amounts == [("^71,008", "71008000000"), ("#138", "138000000"), ("a ceiling of $20,000", "20000"),
                       ("2,000", "2000000000"), ("1,219", "1219000000")]
    counts = [m.text for r in rows for m in block_mentions(r, "en", doc, None) if m.kind == "quantity"]
    assert "141 000 taxpayers" in counts
    # the legend under the table runs across its columns: it is not a row
    assert not any(b.kind == "table_row" and "annual amount" in b.text for b in doc.blocks)
    for block in doc.blocks:
        for char, offset in zip(block.text, block.offsets):
            assert offset == INSERTED and char == " " or doc.source_text[offset] == char


def test_unruled_table_other_layout_million_head(tmp_path: Path) -> None:
    """Another column layout (narrower text column, `($ million)` head): same rows."""
    rows = [("1. Construct in Tseung Kwan O the first", "+", "15,175", "CMH"),
            ("~Chinese Medicine Hospital", "", "", ""),
            ("2. Provide Special Helping Measures to", "^", "6,897", "Passengers of outlying"),
            ("~outlying island ferry routes", "*", "261", "island ferry services")]
    path = tmp_path / "table.pdf"
    path.write_bytes(_table_page((120, 320, 430), (60, 365, 390), "($ million)", rows))
    doc = parse_paper(path)
    table = [b for b in doc.blocks if b.kind == "table_row" and b.heads]
    assert [(b.where, b.cells[1]) for b in table] == [("p1", "+15,175"), ("p2", "^6,897 *261")]
    amounts = [m.value["value"] for b in table for m in block_mentions(b, "en", doc, None) if m.kind == "amount"]
    assert amounts == ["15175000000", "6897000000", "261000000"]


def test_columns_without_a_money_head_stay_lines(tmp_path: Path) -> None:
    """Wide gaps alone do not make a table: a key-figures block without a unit head."""
    path = tmp_path / "figures.pdf"
    path.write_bytes(positioned_pdf([
        (72, 760, 13, "Operating expenditure"), (300, 760, 13, "528.2"), (400, 760, 13, "617.7"),
        (72, 745, 13, "Capital expenditure"), (300, 745, 13, "83.2"), (400, 745, 13, "113.4"),
    ]))
    doc = parse_paper(path)
    assert not [b for b in doc.blocks if b.kind == "table_row"]


def test_highlights_proposals_are_rows_p1_to_p94_with_the_gold_amounts() -> None:
    doc = parsed("en-2020-21-budget-highlights.pdf")
    numbered = [int(b.number) for b in doc.blocks if b.kind == "table_row" and b.number]
    assert numbered == list(range(1, 95))
    gold = json.loads((GOLD / "en-2020-21-budget-highlights.json").read_text(encoding="utf-8"))
    scope = set(gold["paper"]["scope"])
    amounts = [a for a in extract(doc)["amounts"] if a["where"] in scope]
    assert sorted((a["where"], a["value"]) for a in amounts) == sorted((a["where"], a["value"]) for a in gold["amounts"])
    # `^5,625²`: note 2 says the figure is the estimated maximum
    assert [a["qualifier"] for a in amounts if a["value"] == "5625000000"] == ["at_most"]
    assert {a["qualifier"] for a in amounts if a["text"][0] in "^#*+" and a["value"] != "5625000000"} == {"exact"}
    # the marker legend repeated under every page of the table is furniture, not a footnote
    notes = [b for b in doc.blocks if b.kind == "footnote"]
    assert not any("annual amount for recurrent measure" in b.text for b in notes)
    assert [b.text[:30] for b in notes[:3]] == ["This represents the estimated ", "This represents the estimated ",
                                                "The financial implication woul"]


@pytest.mark.parametrize("line, title", [
    ("附件︰指定項目指標", "指定項目指標"),  # zh-2022-pa-full.pdf (U+FE30)
    ("附件：指定項目指標", "指定項目指標"),  # zh-2024-pa-full.pdf
    ("附件: 指定項目指標", "指定項目指標"),
    ("Annex: Indicators", "Indicators"),
    ("附件一", None),
])  # fmt: skip
def test_annex_label_with_any_colon(line: str, title: str | None) -> None:
    m = RE_ANNEX_LABEL.match(line)
    assert m and m.group("title") == title


@pytest.mark.parametrize("line", ["附件列出了為指定項目訂立的指標", "Annexes are attached", "附件︰"])
def test_not_an_annex_label(line: str) -> None:
    m = RE_ANNEX_LABEL.match(line)
    assert not m or not (m.group("label") or m.group("title"))


def test_2022_policy_address_annex_and_unnumbered_notes() -> None:
    doc = parsed("zh-2022-pa-full.pdf")
    numbers = [int(b.number) for b in doc.blocks if b.kind == "paragraph" and b.where.startswith("p") and b.number]
    assert numbers == list(range(1, 151))
    assert [(a.where, a.title) for a in doc.annexes] == [("annex1", "指定項目指標")]
    annex = [b for b in doc.blocks if b.where == "annex1"]
    assert len(annex) > 100 and annex[0].pages[0] == 63
    assert not any(b.where == "p150" and b.pages[0] >= 63 for b in doc.blocks)
    # unnumbered notes: a raised `註` in the text links to the next note printed with `註`
    notes = [b for b in doc.blocks if b.kind == "footnote"]
    assert [b.where for b in notes] == ["fn1", "fn2", "fn3"]
    assert notes[1].text.startswith("新落成公屋單位（一至二人單位除外）")
    p29 = next(b for b in doc.blocks if b.where == "p29" and "印花稅" in b.text)
    assert "合資格外來人才如在今天" in p29.text and [w for _, w in p29.footnote_refs] == ["fn1"]
    assert (CORPUS / "zh-2022-pa-full.pdf").exists()


@pytest.mark.parametrize("name, label, first, value", [
    # Appendix A of both Budget Speeches: `(百萬元)` over the row labels, one row per line
    ("zh-2024-25-budget-speech.pdf", "投資收入", "65,357", "65357000000"),
    ("zh-2024-25-budget-speech.pdf", "總額", "513,920", "513920000000"),
    ("zh-2023-24-budget-speech.pdf", "總額", "493,396", "493396000000"),
    ("zh-2023-24-budget-speech.pdf", "資本投資基金", "423", "423000000"),
])  # fmt: skip
def test_unit_over_the_row_labels_is_the_whole_tables(name: str, label: str, first: str, value: str) -> None:
    doc = parsed(name)
    row = next(b for b in doc.blocks if b.kind == "table_row" and b.heads and b.cells[0] == label)
    assert row.cells[1] == first and row.heads[0] == "(百萬元)"
    amounts = [m for m in block_mentions(row, "zh-Hant", doc, None) if m.kind == "amount"]
    assert len(amounts) == len(row.cells) - 1 and amounts[0].value["value"] == value


@pytest.mark.parametrize("name", ["zh-2024-25-budget-speech.pdf", "zh-2023-24-budget-speech.pdf"])
def test_a_row_that_counts_months_is_not_money(name: str) -> None:
    """`相當於政府開支的月數 | 12 | 11` under `(百萬元)`: the row names its own measure."""
    doc = parsed(name)
    months = [b for b in doc.blocks if b.kind == "table_row" and b.heads and "相當於政府開支的月數" in b.cells[0]]
    assert months and all(b.cells[1][:2].isdigit() for b in months)  # a row of its own, not wrapped into the one above
    assert not [m for b in months for m in block_mentions(b, "zh-Hant", doc, None) if m.kind == "amount"]
    reserves = next(b for b in doc.blocks if b.kind == "table_row" and b.cells[0].startswith("財政儲備"))
    assert [m.kind for m in block_mentions(reserves, "zh-Hant", doc, None)].count("amount") == len(reserves.cells) - 1
