"""Printed page labels beside PDF positions (issue 16): read from the page furniture,
accepted only in step with a neighbouring page."""

from __future__ import annotations

import pytest
from conftest import parsed

from extractor.extract import extract
from extractor.page_labels import (
    accepted_labels,
    label_candidates,
    label_pages,
    page_value,
    parse_page_label,
)
from extractor.types import Line, Page, RawDocument

# Checked by eye against the PDFs (the foot or head of each page rendered with pdfplumber).
# fmt: off
PRINTED_LABELS = [
    # paper,                                 PDF page, printed label
    ("zh-2024-pa-itib.pdf",                  1,  "1"),     # `- 1 -` at the foot
    ("zh-2024-pa-itib.pdf",                  16, "16"),
    ("en-2020-21-budget-highlights.pdf",     1,  None),    # the first page prints no number
    ("en-2020-21-budget-highlights.pdf",     2,  "2"),     # `- 2 -` at the head
    ("en-2020-21-budget-highlights.pdf",     22, None),    # Appendix 1 opens unnumbered …
    ("en-2020-21-budget-highlights.pdf",     23, "2"),     # … and numbers its own pages: `2` at the foot
    ("en-2020-21-budget-highlights.pdf",     28, "2"),     # Appendix 2 starts again
    ("zh-2024-pa-full.pdf",                  9,  None),    # contents
    ("zh-2024-pa-full.pdf",                  10, "1"),     # the speech starts on its 10th PDF page
    ("zh-2024-pa-full.pdf",                  65, "56"),    # printed page 56
    ("zh-2023-24-budget-speech.pdf",         5,  "1"),
    ("zh-2023-24-budget-speech.pdf",         72, "(1)"),   # the supplement: `( 1 )`
    ("zh-2023-24-budget-speech.pdf",         83, "2"),     # the appendices: `— 2 —`
]
# fmt: on


@pytest.mark.parametrize(("paper", "pdf_page", "label"), PRINTED_LABELS)
def test_page_labels_printed_on_corpus_pages(paper: str, pdf_page: int, label: str | None) -> None:
    doc = parsed(paper)
    assert doc.pages[pdf_page - 1].number == pdf_page
    assert doc.page_label_of(pdf_page) == label


# fmt: off
LABEL_LINES = [
    ("- 12 -", (12, "arabic", "12")),
    ("— 2 —", (2, "arabic", "2")),
    ("第 3 頁", (3, "arabic", "3")),
    ("第三頁", (3, "arabic", "3")),
    ("Page 3", (3, "arabic", "3")),
    ("page 3 of 20", (3, "arabic", "3")),
    ("3/20", (3, "arabic", "3")),
    ("iii", (3, "roman", "iii")),
    ("XIV", (14, "roman", "XIV")),
    ("( 1 )", (1, "parenthesised", "(1)")),
    ("十二", (12, "arabic", "12")),
    ("iiii", None),               # not a roman numeral
    ("0", None),
    ("2024 年 10 月", None),
    ("(a)", None),                # an item label
    ("Annex I", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), LABEL_LINES)
def test_page_labels_parse_one_line(text: str, expected: tuple[int, str, str] | None) -> None:
    assert parse_page_label(text) == expected


def raw_pages(pages: list[list[str]]) -> RawDocument:
    """A made-up PDF: each page a list of lines, top to bottom."""
    lines, page_records, position = [], [], 0
    for number, texts in enumerate(pages, start=1):
        start = position
        for top, text in enumerate(texts):
            lines.append(Line(text, number, position, position + len(text), 50.0, 50.0 + 20 * top, 500.0,
                              62.0 + 20 * top, 12.0, tuple(range(position, position + len(text)))))
            position += len(text) + 1
        page_records.append(Page(number, start, position))
    return RawDocument("made-up.pdf", "pdf", "\n".join(t for p in pages for t in p) + "\n", tuple(page_records),
                       tuple(lines))


BODY = ["政府會推出新一輪計劃。", "資助院校研究。", "鼓勵更多機構參與。"]


# fmt: off
SEQUENCES = [
    # what each page prints at its foot (None: nothing),         labels expected
    ("numbered from the cover",     ["1", "2", "3", "4"],              ["1", "2", "3", "4"]),
    ("offset by front matter",      [None, None, "1", "2", "3"],       [None, None, "1", "2", "3"]),
    ("roman, then arabic",          ["i", "ii", "1", "2", "3"],        ["i", "ii", "1", "2", "3"]),
    ("a page skipped in a run",     ["5", None, "7", "8"],             ["5", None, "7", "8"]),
    ("a stray number, out of step", ["1", "2", "40", "4", "5"],        ["1", "2", None, "4", "5"]),
    ("one number alone",            [None, "7", None, None],           [None, None, None, None]),
    ("no printed numbers",          [None, None, None],                [None, None, None]),
]
# fmt: on


@pytest.mark.parametrize(("case", "feet", "expected"), SEQUENCES, ids=[c[0] for c in SEQUENCES])
def test_page_labels_accepted_only_in_step(case: str, feet: list[str | None], expected: list[str | None]) -> None:
    raw = raw_pages([BODY + ([foot] if foot else []) for foot in feet])
    pages, lines = label_pages(raw)
    assert [p.label for p in pages] == expected
    assert {raw.lines[i].text for i in lines} == {label for label in expected if label}


def test_page_labels_stray_number_in_body_beside_the_real_label() -> None:
    """A figure alone on the last body line of a page (`3`, a table cell) is not the page
    number, which the page prints at its foot in step with its neighbours."""
    raw = raw_pages([BODY + ["3", "- 1 -"], BODY + ["- 2 -"], BODY + ["- 3 -"]])
    candidates = label_candidates(raw)
    assert [(c.page, c.label) for c in candidates] == [(1, "3"), (1, "1"), (2, "2"), (3, "3")]
    assert {page: c.label for page, c in accepted_labels(candidates).items()} == {1: "1", 2: "2", 3: "3"}


@pytest.mark.parametrize(("label", "pdf_page", "cited"), [("56", 65, 56), ("iii", 3, "iii"), (None, 4, 4)])
def test_page_labels_cited_page_falls_back_to_pdf_page(label: str | None, pdf_page: int, cited: int | str) -> None:
    assert page_value(label, pdf_page) == cited


def test_page_labels_in_facts_evidence() -> None:
    """zh-2024-pa-full: 1.8 億元 of paragraph 80 is on printed page 20, the 29th PDF page."""
    facts = extract(parsed("zh-2024-pa-full.pdf"))
    amount = next(a for a in facts["amounts"] if a["where"] == "p80" and a["value"] == "180000000")
    assert (amount["page"], amount["pdf_page"]) == (20, 29)
    unnumbered = extract(parsed("zh-2024-pa-p78.txt"))  # a text file prints no page numbers
    assert all(a["page"] == a["pdf_page"] == 1 for a in unnumbered["amounts"])


def test_page_labels_docstring_examples() -> None:
    import doctest

    import extractor.page_labels as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
