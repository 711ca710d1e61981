"""`legco-kg info`: a corpus overview, with the warnings a researcher cannot see in the graphs.

Per paper: its kind, its reference date and where the date came from, pages, blocks,
numbered paragraphs and the gaps in their numbering, annexes, footnotes, facts per category,
and warnings: no reference date (relative dates kept unresolved), gaps in the paragraph
numbering (a paragraph lost or merged by the layout), and an annex the text refers to but
the layout did not find (its content then sits in the last paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .types import Document

# `附件一`, `附件`, `Annex II`, `Appendix 1` referred to in the body (`詳見附件二`, `at Annex`).
RE_ANNEX_REFERENCE = re.compile(r"附件[一二三四五六七八九十\d]*|附錄\s*[A-Z\d一二三四五六七八九十]?|\b(?:Annex|Appendix)\b")
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
