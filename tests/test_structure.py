"""Layout of the sample papers: paragraphs, annexes, footnotes, tables, metadata, provenance."""

from __future__ import annotations

import re

import pytest
from conftest import parsed

from extractor.types import INSERTED

ALL_PAPERS = [
    "zh-2024-pa-itib.txt", "zh-2024-pa-itib.pdf", "zh-2024-pa-full.pdf", "zh-2024-25-budget-speech.pdf",
    "zh-2026-legco-cb3-634-01-uber-submission.pdf", "en-2020-21-budget-highlights.pdf",
    "en-2021-22-budget-speech.txt", "en-2024-pa-p78.txt", "zh-2024-pa-p78.txt",
]  # fmt: skip


def body_paragraph_wheres(doc) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    for block in doc.blocks:
        if block.kind == "paragraph" and block.where.startswith("p") and block.where not in seen:
            seen.append(block.where)
    return seen


@pytest.mark.parametrize("name", ["zh-2024-pa-itib.txt", "zh-2024-pa-itib.pdf"])
def test_itib_has_31_paragraphs_4_annexes_2_footnotes(name: str) -> None:
    doc = parsed(name)
    assert body_paragraph_wheres(doc) == [f"p{n}" for n in range(1, 32)]
    assert [a.where for a in doc.annexes] == ["annex1", "annex2", "annex3", "annex4"]
    assert [a.label for a in doc.annexes] == ["附件一", "附件二", "附件三", "附件四"]
    assert [b.where for b in doc.blocks if b.kind == "footnote"] == ["fn1", "fn2"]
    rows = [b for b in doc.blocks if b.kind == "table_row" and b.where == "annex1"]
    assert len(rows) >= 12
    assert all(len(row.cells) == 2 for row in rows)
    assert any(row.cells[0] == "數碼港人工智能超算中心投入運作" for row in rows)


@pytest.mark.parametrize("name", ["zh-2024-pa-itib.txt", "zh-2024-pa-itib.pdf"])
def test_itib_metadata(name: str) -> None:
    meta = parsed(name).metadata
    assert meta.language == "zh-Hant"
    assert meta.reference_date.isoformat() == "2024-10-28"
    assert meta.committee == "立法會工商及創新科技事務委員會"
    assert meta.title == "行政長官 2024 年施政報告 創新科技及工業局的政策措施"
    assert meta.issued_by == ("創新科技及工業局", "創新科技署", "數字政策辦公室")


@pytest.mark.parametrize("name", ["zh-2024-pa-itib.txt", "zh-2024-pa-itib.pdf"])
def test_itib_paragraphs_rejoined_across_page_breaks_and_footnotes(name: str) -> None:
    doc = parsed(name)
    p17 = "".join(b.text for b in doc.blocks if b.where == "p17" and b.kind == "paragraph")
    assert "有關的評審正在進行中。政府亦將在 InnoHK 研發平台下成立一所研究中心" in p17
    p20 = "".join(b.text for b in doc.blocks if b.where == "p20" and b.kind == "paragraph")
    assert "中試轉化基地及／或量產設施" in p20
    p18 = next(b for b in doc.blocks if b.where == "p18" and b.kind == "paragraph")
    assert "七個前沿科技領域，" in p18.text  # the footnote mark left the text …
    assert [w for _, w in p18.footnote_refs] == ["fn1"]  # … and links to its footnote
    note = next(b for b in doc.blocks if b.where == "fn1")
    assert note.text.startswith("即(i)人工智能")


def test_policy_address_paragraphs_1_to_228_once_in_order() -> None:
    doc = parsed("zh-2024-pa-full.pdf")
    numbers = [int(b.number) for b in doc.blocks if b.kind == "paragraph" and b.where.startswith("p") and b.number]
    assert numbers == list(range(1, 229))
    assert [(a.label, a.title) for a in doc.annexes] == [("附件", "指定項目指標")]
    annex_blocks = [b for b in doc.blocks if b.where == "annex1"]
    assert annex_blocks and all(b.pages[0] >= 71 for b in annex_blocks)
    # the contents pages are gone: no block comes from pages 3-9
    assert not [b for b in doc.blocks if set(b.pages) & set(range(3, 10))]
    # justified lines leave no spaces between CJK characters
    assert not any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", b.text) for b in doc.blocks)


def test_budget_speech_paragraphs_and_appendices() -> None:
    doc = parsed("zh-2024-25-budget-speech.pdf")
    assert body_paragraph_wheres(doc) == [f"p{n}" for n in range(1, 250)]
    assert [a.label for a in doc.annexes] == ["附錄 A", "附錄 B", "附錄 C"]
    assert doc.metadata.reference_date.isoformat() == "2024-02-28"
    assert doc.metadata.issued_by == ("香港特別行政區政府",)


def test_submission_paper_number() -> None:
    meta = parsed("zh-2026-legco-cb3-634-01-uber-submission.pdf").metadata
    assert meta.paper_number == "立法會CB(3)634/2026(01)號文件"
    assert meta.reference_date.isoformat() == "2026-06-04"


def test_english_text_paragraph_numbers() -> None:
    doc = parsed("en-2021-22-budget-speech.txt")
    assert body_paragraph_wheres(doc) == [f"p{n}" for n in range(1, 204)]
    p90 = next(b for b in doc.blocks if b.where == "p90" and b.kind == "paragraph")
    assert p90.number == "90" and p90.text.startswith("In the past three years, the Government allocated")
    assert doc.metadata.language == "en"


def test_english_pdf_sections_and_appendices() -> None:
    doc = parsed("en-2020-21-budget-highlights.pdf")
    assert doc.metadata.language == "en"
    assert [a.label for a in doc.annexes] == ["Appendix 1", "Appendix 2", "Appendix 3"]
    labelled = [b for b in doc.blocks if b.number == "(3)"]
    assert labelled and labelled[0].text == "Recurrent Government Expenditure"


def test_bilingual_excerpt_numbers_and_items() -> None:
    en = parsed("en-2024-pa-p78.txt")
    assert body_paragraph_wheres(en) == ["p78", "p79", "p80"]
    items = [b for b in en.blocks if b.kind == "item"]
    assert [(b.where, b.number) for b in items] == [("p79", "1."), ("p79", "2."), ("p79", "3.")]
    zh = parsed("zh-2024-pa-p78.txt")
    assert body_paragraph_wheres(zh) == ["p78", "p79", "p80"]
    assert zh.blocks[0].where == "title" and zh.blocks[0].text == "施政報告"


@pytest.mark.parametrize("name", ALL_PAPERS)
def test_every_character_maps_back_to_its_source(name: str) -> None:
    doc = parsed(name)
    for block in doc.blocks:
        assert len(block.offsets) == len(block.text)
        for char, offset in zip(block.text, block.offsets):
            if offset == INSERTED:
                assert char == " "
            else:
                assert doc.source_text[offset] == char, (block.where, char, offset)
        inside = [o for o in block.offsets if o != INSERTED]
        if inside:
            assert doc.page_of(inside[0]) == block.pages[0]
            assert doc.page_of(inside[-1]) == block.pages[-1]
