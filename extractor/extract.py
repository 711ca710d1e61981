"""Extraction stage: a ``Document`` → mentions per block → facts in the gold format.

Each block is normalised for matching (Simplified → Traditional, full-width → ASCII,
same length), every recognizer runs on it, and spans are reported on the original
block text. Measures are linked to the amounts, dates, ratios and units stated in the
same sentence (or table row) as the measure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .normalize import for_matching
from .recognizers.amounts import find_amounts
from .recognizers.dates import find_dates
from .recognizers.durations import find_durations
from .recognizers.measures import find_measures
from .recognizers.orgs import GOVERNMENT, find_orgs, load_gazetteer
from .recognizers.quantities import find_quantities
from .recognizers.ratios import find_ratios
from .types import Block, Document, Mention

RE_SENTENCE_END = re.compile(r"[。；;!?！？]|\.(?=\s|$)")
VALUE_KINDS = {"amount": "amounts", "quantity": "quantities", "date": "dates", "duration": "durations",
               "ratio": "ratios"}


def block_mentions(block: Block, lang: str, doc: Document, issuer: str | None) -> list[Mention]:
    """Every mention of one block, with its ``where`` set and text taken from the block."""
    text = for_matching(block.text)
    ref = doc.metadata.reference_date
    found: list[Mention] = []
    found += find_amounts(text, lang)
    found += find_quantities(text, lang)
    found += find_ratios(text, lang)
    found += find_dates(text, lang, ref)
    found += find_durations(text, lang)
    found += find_orgs(text, lang, load_gazetteer(), issuer)
    gazetteer = load_gazetteer()
    # A quoted name that is a known organisation (`「數字政策辦公室」`) is that organisation.
    found += [m for m in find_measures(text, lang) if gazetteer.resolve(m.value["name"]) is None
              or re.search(r"成立|設立", text[max(0, m.start - 4):m.start])]
    return [replace(m, text=block.text[m.start:m.end], where=block.where) for m in found]


def _issuer(doc: Document) -> str | None:
    if doc.metadata.issued_by:
        return doc.metadata.issued_by[0]
    return GOVERNMENT if doc.metadata.document_type in ("policy-address", "budget-speech") else None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in RE_SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def extract(doc: Document) -> dict[str, Any]:
    """Facts of one paper in the gold format (`spec/gold-format.md`)."""
    lang = "en" if doc.metadata.language == "en" else "zh"
    issuer = _issuer(doc)
    facts: dict[str, Any] = {category: [] for category in VALUE_KINDS.values()}
    orgs: dict[str, dict[str, Any]] = {}
    measures: dict[str, dict[str, Any]] = {}
    for block in doc.blocks:
        if block.kind == "signature" and block.where == "title":
            continue
        mentions = block_mentions(block, lang, doc, issuer)
        for m in mentions:
            if m.kind in VALUE_KINDS:
                facts[VALUE_KINDS[m.kind]].append({"where": m.where, "text": m.text, **m.value})
            elif m.kind == "org":
                entry = orgs.setdefault(m.value["name"], {"name": m.value["name"], "en": m.value.get("en"),
                                                          "mentions": [], "where": []})
                if m.text not in entry["mentions"]:
                    entry["mentions"].append(m.text)
                if m.where not in entry["where"]:
                    entry["where"].append(m.where)
        _link_measures(block, mentions, measures, issuer)
    facts["organisations"] = list(orgs.values())
    facts["measures"] = list(measures.values())
    meta = doc.metadata
    return {
        "paper": {
            "file": doc.paper,
            "language": meta.language,
            "reference_date": meta.reference_date.isoformat() if meta.reference_date else None,
            "committee": meta.committee,
            "title": meta.title,
            "issued_by": list(meta.issued_by),
            "numbered_paragraphs": len({b.where for b in doc.blocks if b.kind == "paragraph" and b.where.startswith("p")}),
            "annexes": [a.label for a in doc.annexes],
            "footnotes": sum(1 for b in doc.blocks if b.kind == "footnote"),
        },
        **facts,
    }


def _link_measures(block: Block, mentions: list[Mention], measures: dict[str, dict[str, Any]],
                   issuer: str | None) -> None:
    """Measure → amounts, dates, ratios and responsible units in the same sentence or row."""
    spans = [(0, len(block.text))] if block.kind == "table_row" else _sentences(block.text)
    for start, end in spans:
        inside = [m for m in mentions if start <= m.start < end]
        for measure in (m for m in inside if m.kind == "measure"):
            # A short form introduced earlier (`「聯盟」`) refers back to its measure.
            name = next((key for key, e in measures.items() if measure.value["name"] in e["aliases"]),
                        measure.value["name"])
            entry = measures.setdefault(name, {
                "name": name, "aliases": [], "type": measure.value.get("type", "Initiative"),
                "where": [], "amounts": [], "responsible": [], "dates": [], "ratios": []})
            for alias in measure.value.get("aliases", []):
                if alias not in entry["aliases"]:
                    entry["aliases"].append(alias)
            if block.where not in entry["where"]:
                entry["where"].append(block.where)
            for m in inside:
                if m.kind == "amount":
                    value = m.value.get("value") or {"min": m.value.get("min"), "max": m.value.get("max")}
                    if value not in entry["amounts"]:
                        entry["amounts"].append(value)
                elif m.kind == "date":
                    when = {"start": m.value["start"], "end": m.value["end"]}
                    if when not in entry["dates"]:
                        entry["dates"].append(when)
                elif m.kind == "ratio":
                    values = {"values": [t["value"] for t in m.value["terms"]]}
                    if values not in entry["ratios"]:
                        entry["ratios"].append(values)
                elif m.kind == "org" and m.value["name"] not in entry["responsible"] and m.value["name"] != name:
                    entry["responsible"].append(m.value["name"])
