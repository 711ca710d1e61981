"""`legco-kg info`: a corpus overview, with the warnings a researcher cannot see in the graphs.

Per paper: its kind, its reference date and where the date came from, pages, blocks,
numbered paragraphs and the gaps in their numbering, annexes, footnotes, facts per category,
and warnings: no reference date (relative dates kept unresolved), gaps in the paragraph
numbering (a paragraph lost or merged by the layout), an annex the text refers to but
the layout did not find (none at all, or `附件三` when only 附件一 and 附件二 were found), and
a last paragraph running over many pages (an annex missed: its content then sits there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .numerals import parse_cn_number
from .page_labels import parse_roman
from .types import Document

# `附件一`, `附件`, `Annex II`, `Appendix 1` referred to in the body (`詳見附件二`, `at Annex`).
RE_ANNEX_REFERENCE = re.compile(r"附件[一二三四五六七八九十\d]*|附錄\s*[A-Z\d一二三四五六七八九十]?|\b(?:Annex|Appendix)\b")
# A numbered annex named in the text: `附件三`, `附錄 A`, `Annex II`, `Appendix 2`.
RE_NUMBERED_ANNEX = re.compile(
    r"(?P<word>附件|附錄|\b(?:Annex|ANNEX|Appendix|APPENDIX))\s*"
    r"(?P<number>[一二三四五六七八九十]{1,3}|\d{1,2}\b|[IVXL]{1,5}\b|[A-Z]\b)")
CN_NUMERALS = "一二三四五六七八九十"
FULLWIDTH = str.maketrans({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)} | {chr(0xFF10 + i): str(i) for i in range(10)})
#: A last paragraph printed over more pages than this is suspect (see ``long_last_paragraph``).
DEFAULT_MAX_PARAGRAPH_PAGES = 3
FACT_CATEGORIES = ("amounts", "quantities", "dates", "durations", "ratios", "organisations", "measures")


@dataclass
class PaperInfo:
    paper: str
    kind: str | None
    language: str
    reference_date: str | None
    date_source: str
    pages: int
    blocks: int
    paragraphs: int
    gaps: list[str]
    annexes: list[str]
    footnotes: int
    facts: dict[str, int]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def paragraph_gaps(doc: Document) -> list[str]:
    """Runs of paragraph numbers missing between the first and the last one found (`p12–p13`)."""
    numbers = sorted({int(b.where[1:]) for b in doc.blocks if re.fullmatch(r"p\d+", b.where)})
    gaps = []
    for before, after in zip(numbers, numbers[1:]):
        if after - before > 1:
            gaps.append(f"p{before + 1}" if after - before == 2 else f"p{before + 1}–p{after - 1}")
    return gaps


def missing_annex(doc: Document) -> bool:
    """Whether the body refers to an annex while the layout found none."""
    if doc.annexes:
        return False
    return any(RE_ANNEX_REFERENCE.search(b.text) for b in doc.blocks if b.where.startswith("p"))


def annex_key(label: str) -> tuple[str, str] | None:
    """An annex label as (series, number), so that a reference matches the label it names:
    `附件三` and `Annex III` are ("annex", "3"), `附錄 A` and `Appendix A` ("appendix", "A").
    None for a label without a number (`附件`, `the Annex`).

    >>> annex_key("附件三"), annex_key("Annex III"), annex_key("Appendix 2"), annex_key("附錄Ａ"), annex_key("附件")
    (('annex', '3'), ('annex', '3'), ('appendix', '2'), ('appendix', 'A'), None)
    """
    m = RE_NUMBERED_ANNEX.search(label.translate(FULLWIDTH))
    if not m:
        return None
    series = "appendix" if m["word"] in ("附錄", "Appendix", "APPENDIX") else "annex"
    number = m["number"]
    if number.isdigit():
        return series, str(int(number))
    if re.fullmatch(r"[IVXL]+", number):
        value = parse_roman(number)
        return (series, str(value)) if value else None
    if number[0] in CN_NUMERALS:
        return series, str(int(parse_cn_number(number)))
    return series, number


def unfound_annexes(doc: Document) -> list[str]:
    """Numbered annexes the body refers to (`詳見附件三`, `at Annex II`) that the layout did not
    find, while it found others (with none found, ``missing_annex`` says so once)."""
    if not doc.annexes:
        return []
    found = {annex_key(a.label) for a in doc.annexes}
    missing: dict[tuple[str, str], str] = {}
    for block in doc.blocks:
        if not block.where.startswith("p"):
            continue
        for m in RE_NUMBERED_ANNEX.finditer(block.text.translate(FULLWIDTH)):
            key = annex_key(m.group())
            if key and key not in found:
                missing.setdefault(key, m.group())
    return list(missing.values())


def long_last_paragraph(doc: Document, max_pages: int = DEFAULT_MAX_PARAGRAPH_PAGES) -> tuple[str, list[int]] | None:
    """The last numbered body paragraph and its pages, when it runs over more than ``max_pages``
    pages: a paper's closing paragraph is short, so an annex the layout missed (pages of
    indicators after the sign-off) is the likely cause."""
    numbered = [b for b in doc.blocks if re.fullmatch(r"p\d+", b.where)]
    if not numbered:
        return None
    last = max(numbered, key=lambda b: int(b.where[1:])).where
    pages = sorted({page for b in doc.blocks if b.where == last for page in b.pages})
    return (last, pages) if pages[-1] - pages[0] + 1 > max_pages else None


def paper_info(doc: Document, facts: dict[str, Any], date_source: str) -> PaperInfo:
    """What one paper holds and what is wrong with it; ``date_source`` says where its reference
    date came from (`printed`, `papers.csv`, `--reference-date`, or `none`)."""
    meta = doc.metadata
    gaps = paragraph_gaps(doc)
    info = PaperInfo(
        paper=doc.path, kind=meta.document_type, language=meta.language,
        reference_date=meta.reference_date.isoformat() if meta.reference_date else None, date_source=date_source,
        pages=len(doc.pages), blocks=len(doc.blocks),
        paragraphs=len({b.where for b in doc.blocks if re.fullmatch(r"p\d+", b.where)}), gaps=gaps,
        annexes=[f"{a.where} {a.label}" + (f" {a.title}" if a.title else "") for a in doc.annexes],
        footnotes=sum(1 for b in doc.blocks if b.kind == "footnote"),
        facts={category: len(facts.get(category, [])) for category in FACT_CATEGORIES})
    if meta.reference_date is None:
        unresolved = sum(1 for d in facts.get("dates", []) if d.get("relative") and not d.get("start") and not d.get("end"))
        info.warnings.append(f"no reference date: {unresolved} relative date(s) (今年, next year) kept unresolved, "
                             "with no interval; give one in papers.csv or with --reference-date")
    if gaps:
        info.warnings.append(f"paragraph numbering has gaps: {', '.join(gaps)}")
    if missing_annex(doc):
        info.warnings.append("the text refers to an annex but none was found: its content is in the last paragraph")
    unfound = unfound_annexes(doc)
    if unfound:
        info.warnings.append(f"the text refers to {', '.join(unfound)}, which the layout did not find "
                             f"(found: {', '.join(a.label for a in doc.annexes)})")
    long_last = long_last_paragraph(doc)
    if long_last:
        where, pages = long_last
        first, last = (doc.page_label_of(p) for p in (pages[0], pages[-1]))
        printed = f", printed {first}–{last}" if first and last else ""
        info.warnings.append(f"the last paragraph, {where}, runs over {pages[-1] - pages[0] + 1} pages "
                             f"(PDF pages {pages[0]}–{pages[-1]}{printed}): an annex the layout did not find?")
    if meta.document_type is None:
        info.warnings.append("kind of paper unknown: give one in papers.csv")
    return info


def format_info(infos: list[PaperInfo]) -> str:
    """One block of lines per paper, then a total."""
    lines = []
    for info in infos:
        lines.append(f"{info.paper}")
        lines.append(f"  kind {info.kind or '?'} · {info.language} · date {info.reference_date or 'none'} "
                     f"({info.date_source}) · {info.pages} pages · {info.blocks} blocks")
        lines.append(f"  paragraphs {info.paragraphs}" + (f" (gaps {', '.join(info.gaps)})" if info.gaps else "")
                     + f" · annexes {len(info.annexes)}" + (f" ({'; '.join(info.annexes)})" if info.annexes else "")
                     + f" · footnotes {info.footnotes}")
        lines.append("  facts " + " · ".join(f"{category} {count}" for category, count in info.facts.items()))
        lines += [f"  warning: {warning}" for warning in info.warnings]
    warned = sum(1 for info in infos if info.warnings)
    lines.append(f"{len(infos)} paper(s), {warned} with warnings")
    return "\n".join(lines) + "\n"
