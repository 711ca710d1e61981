"""Text exported by PDF-to-text tools and Markdown converters gives the paragraphs of the original.

The inputs are real paragraphs of two corpus papers, laid out the way the tools lay them
out: a paragraph number alone on its line, hard-wrapped lines, page numbers on lines of
their own (`- 12 -`, `12`, `第 12 頁`), form feeds or none, Markdown headings, bold and
escaped numbers (`2\\.`).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import parsed

from extractor.parse import parse_paper

PAPERS = [("zh-2024-pa-itib.txt", 2, 9), ("en-2021-22-budget-speech.txt", 2, 9)]


def numbered_paragraphs(doc, low: int, high: int) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {int(b.number): b.text for b in doc.blocks
            if b.kind == "paragraph" and b.number and b.number.isdigit() and low <= int(b.number) <= high}


def _wrap(text: str, zh: bool) -> list[str]:
    """Hard-wrap as a PDF line does: Chinese at about 38 characters, between two Chinese
    characters (a space or a figure is never cut), English at word boundaries."""
    if not zh:
        return textwrap.wrap(text, 78, break_on_hyphens=False)
    lines, line = [], ""
    for ch in text:
        if len(line) >= 38 and re.match(r"[\u3000-\u9fff\uff00-\uffef]", line[-1] + ch) and \
                re.match(r"[\u3000-\u9fff\uff00-\uffef]", ch):
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def pdftotext_layout(paragraphs: dict[int, str], zh: bool, page_number: str, form_feed: bool) -> str:
    out, page = [], 3
    for k, (number, text) in enumerate(sorted(paragraphs.items())):
        out += [f"{number}.", ""] + _wrap(text, zh) + [""]
        if k % 3 == 2:  # a page ends after every third paragraph
            out += [page_number.format(page), "\f" if form_feed else ""]
            page += 1
    return "\n".join(out)


def markdown_layout(paragraphs: dict[int, str], zh: bool, style: str) -> str:
    out = ["# " + ("行政長官 2024 年施政報告" if zh else "The 2021-22 Budget"), ""]
    for number, text in sorted(paragraphs.items()):
        if number % 4 == 0:
            out += ["## " + ("背景" if zh else "Background"), ""]
        out += [style.format(number) + text, ""]
    return "\n".join(out)


@pytest.mark.parametrize("name, low, high", PAPERS)
@pytest.mark.parametrize("page_number, form_feed", [("- {} -", True), ("{}", True), ("第 {} 頁", False),
                                                    ("{}", False), ("Page {}", False)])
def test_pdftotext_layout_gives_the_same_paragraphs(tmp_path: Path, name: str, low: int, high: int,
                                                   page_number: str, form_feed: bool) -> None:
    original = numbered_paragraphs(parsed(name), low, high)
    path = tmp_path / "export.txt"
    path.write_text(pdftotext_layout(original, name.startswith("zh"), page_number, form_feed), encoding="utf-8")
    doc = parse_paper(path)
    assert numbered_paragraphs(doc, low, high) == original
    assert not [b for b in doc.blocks if re.fullmatch(r"\W*(?:Page |第 )?\d+(?: 頁)?\W*", b.text)]


@pytest.mark.parametrize("name, low, high", PAPERS)
@pytest.mark.parametrize("style", ["{}. ", "{}\\. ", "**{}.** ", "{}.\n\n"])
def test_markdown_layout_gives_the_same_paragraphs(tmp_path: Path, name: str, low: int, high: int,
                                                   style: str) -> None:
    original = numbered_paragraphs(parsed(name), low, high)
    path = tmp_path / "export.md.txt"
    path.write_text(markdown_layout(original, name.startswith("zh"), style), encoding="utf-8")
    doc = parse_paper(path)
    assert numbered_paragraphs(doc, low, high) == original
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings.count("背景" if name.startswith("zh") else "Background") == 2


@pytest.mark.parametrize("lines, kept", [
    # figures alone on a line (a table exported cell by cell) are not page numbers
    (["Cash payout scheme", "", "71,008", "", "138", "", "Hong Kong permanent residents"], ["138"]),
    # a number alone between two page-numbered lines a page apart is
    (["First paragraph of text that runs on.", "", "11", "", "Second paragraph of text.", "", "12", ""], []),
])  # fmt: skip
def test_bare_numbers_are_page_numbers_only_in_sequence(tmp_path: Path, lines: list[str], kept: list[str]) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_paper(path)
    assert [b.text for b in doc.blocks if b.text.isdigit()] == kept


def test_number_after_a_heading_labels_the_paragraph_below(tmp_path: Path) -> None:
    """`N.` after a one-line heading goes down to the text after it; the heading keeps no number."""
    path = tmp_path / "heading.txt"
    path.write_text("行政長官 2024 年施政報告\n\n目的\n\n1.\n行政長官在 2024 年 10 月 16 日發表 2024 年《施政報告》。\n\n背景\n2.\n"
                    "創新科技（「創科」）是激活香港經濟高質量發展的重要引擎。\n", encoding="utf-8")
    doc = parse_paper(path)
    assert [(b.kind, b.number, b.text[:4]) for b in doc.blocks if b.where != "title"] == [
        ("heading", None, "目的"), ("paragraph", "1", "行政長官"), ("heading", None, "背景"), ("paragraph", "2", "創新科技")]


@pytest.mark.parametrize("name, low, high", PAPERS)
def test_markdown_list_items_stay_in_their_paragraph(tmp_path: Path, name: str, low: int, high: int) -> None:
    """`- ` list items under paragraph N are items of pN, not paragraphs of their own."""
    original = numbered_paragraphs(parsed(name), low, high)
    text = markdown_layout(original, name.startswith("zh"), "{}. ")
    first = f"{low}. {original[low]}\n"
    items = "- 推出先導計劃；\n- 成立新辦公室。\n" if name.startswith("zh") else "- launch a pilot scheme;\n- set up an office.\n"
    path = tmp_path / "list.md.txt"
    path.write_text(text.replace(first, first + "\n" + items), encoding="utf-8")
    doc = parse_paper(path)
    assert numbered_paragraphs(doc, low, high) == original
    listed = [(b.kind, b.where) for b in doc.blocks if b.text.startswith(("推出先導", "成立新", "launch a", "set up an"))]
    assert listed == [("item", f"p{low}"), ("item", f"p{low}")]
