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
from .recognizers.measures import find_measures, heading_measure, kpi_measure, table_measure
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
    gazetteer = load_gazetteer()
    found: list[Mention] = []
    found += find_amounts(text, lang)
    found += find_quantities(text, lang)
    found += find_ratios(text, lang)
    found += find_dates(text, lang, ref)
    found += find_durations(text, lang)
    found += find_orgs(text, lang, gazetteer, issuer)
    measures = find_measures(text, lang)
    extra = None
    if block.kind == "table_row" and block.cell_spans and _is_data_row(block):
        a, b = block.cell_spans[0]
        extra = table_measure(text[a:b], a)
    elif block.kind == "heading":
        extra = heading_measure(text, lang)
        if extra:  # the heading names the measure as a whole (its English words are an alias)
            measures = [m for m in measures if not (m.start < extra.end and extra.start < m.end)]
    elif block.where.startswith("annex") and block.kind in ("item", "paragraph") and lang != "en":
        extra = kpi_measure(text)
    if extra and not any(m.start < extra.end and extra.start < m.end for m in measures):
        measures.append(extra)
    # A quoted name that is a known organisation (`「數字政策辦公室」`) is that organisation,
    # unless the paper sets it up here (`成立「…」`) or lists it as a measure in a table.
    found += [m for m in measures if gazetteer.resolve(m.value["name"]) is None or block.kind == "table_row"
              or RE_SET_UP_BEFORE.search(text[max(0, m.start - 4):m.start])]
    out = []
    for m in found:
        original = block.text[m.start:m.end]
        if m.kind == "measure":
            # Names as printed (full-width brackets kept), not as normalised for matching.
            m = replace(m, value={**m.value, "name": original if m.value["name"] == text[m.start:m.end]
                                  else m.value["name"]})
        out.append(replace(m, text=original, where=block.where))
    return out


RE_SET_UP_BEFORE = re.compile(r"(?:成立|設立|set up|establish)了?\s*「?$")


def _is_data_row(block: Block) -> bool:
    """Not a header row (`政策措施 | 工作進度／成果`) or a category row with one filled cell."""
    cells = [c for c in block.cells if c.strip()]
    return len(cells) >= 2 and not all(len(c) <= 8 for c in cells)


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
    per_block = [(block, block_mentions(block, lang, doc, issuer)) for block in doc.blocks]
    index_of: dict[int, int] = {}  # id(mention) → its position in its category's list
    for number, (_block, mentions) in enumerate(per_block):
        for m in mentions:
            if m.kind in VALUE_KINDS:
                category = facts[VALUE_KINDS[m.kind]]
                index_of[id(m)] = len(category)
                category.append({"where": m.where, "text": m.text, **m.value, **_evidence(number, m)})
            elif m.kind == "org":
                entry = orgs.setdefault(m.value["name"], {"name": m.value["name"], "en": m.value.get("en"),
                                                          "mentions": [], "where": [], "evidence": []})
                if m.text not in entry["mentions"]:
                    entry["mentions"].append(m.text)
                if m.where not in entry["where"]:
                    entry["where"].append(m.where)
                entry["evidence"].append(_evidence(number, m))
    facts["organisations"] = list(orgs.values())
    facts["measures"] = link_measures(doc, per_block, lang, index_of)
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


def _evidence(block_number: int, m: Mention) -> dict[str, Any]:
    """Where a mention sits: the index of its block in ``Document.blocks`` and its span in that block's text.
    Not scored; the RDF stage turns it into a NIF span."""
    return {"block": block_number, "span": [m.start, m.end]}


def link_measures(doc: Document, per_block: list[tuple[Block, list[Mention]]], lang: str,
                  index_of: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Measures with their links, by the spec: amounts, dates, ratios and units stated in the
    same sentence or table row as the measure (or a later short form of it); units named in
    the title of the annex that lists the measure are responsible for it too.

    Besides the gold fields, each measure lists its ``evidence`` (every mention of it) and
    ``links``: per category, the positions in the facts lists of the linked mentions."""
    index_of = index_of or {}
    measures, alias_of = _collect_measures(per_block, lang)
    _merge_variants(measures, alias_of)
    annex_units = {annex.where: [o.value["name"] for o in find_orgs(for_matching(annex.title), lang, load_gazetteer())]
                   for annex in doc.annexes if annex.title}
    names = sorted({*measures, *alias_of}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
    for number, (block, mentions) in enumerate(per_block):
        spans = [(0, len(block.text))] if block.kind == "table_row" else _sentences(block.text)
        refs = [m for m in mentions if m.kind == "measure"]
        if pattern is not None:
            # Later mentions of a known name or short form (`聯盟`, `InnoHK`) refer back to it.
            taken = [(m.start, m.end) for m in refs]
            for hit in pattern.finditer(block.text):
                if not any(a < hit.end() and hit.start() < b for a, b in taken):
                    refs.append(Mention("measure", hit.start(), hit.end(), hit.group(), {"name": hit.group()},
                                        block.where))
        named = {alias_of.get(r.value["name"], r.value["name"]) for r in refs}
        if len(named) == 1 and block.kind == "paragraph":
            spans = [(0, len(block.text))]  # one measure in the paragraph: its values are that measure's
        for start, end in spans:
            inside = [m for m in mentions if start <= m.start < end]
            for ref in (r for r in refs if start <= r.start < end):
                entry = measures[alias_of.get(ref.value["name"], ref.value["name"])]
                if block.where not in entry["where"]:
                    entry["where"].append(block.where)
                entry["evidence"].append(_evidence(number, ref))
                for unit in annex_units.get(block.where, []):
                    if unit not in entry["responsible"]:
                        entry["responsible"].append(unit)
                _link(entry, inside, index_of)
    return list(measures.values())


def _collect_measures(per_block: list[tuple[Block, list[Mention]]], lang: str
                      ) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """One entry per measure: names joined by an alias given anywhere in the paper are one
    measure, named by the first name printed as a name (in a Chinese paper, the first
    Chinese one); ``alias_of`` maps every other name to it."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    primary: list[tuple[str, str]] = []  # (name, type) in reading order
    for _block, mentions in per_block:
        for m in mentions:
            if m.kind != "measure":
                continue
            primary.append((m.value["name"], m.value.get("type", "Initiative")))
            for alias in m.value.get("aliases", []):
                a, b = root(m.value["name"]), root(alias)
                if a != b:
                    parent[b] = a
    chosen: dict[str, tuple[str, str]] = {}
    for name, kind in primary:
        group = root(name)
        best = chosen.get(group)
        if best is None or (lang != "en" and best[0].isascii() and not name.isascii()):
            chosen[group] = (name, kind)
    measures: dict[str, dict[str, Any]] = {}
    for group, (name, kind) in chosen.items():
        measures[name] = {"name": name, "aliases": [], "type": kind, "where": [], "amounts": [], "responsible": [],
                          "dates": [], "ratios": [], "evidence": [],
                          "links": {category: [] for category in VALUE_KINDS.values()}}
    alias_of: dict[str, str] = {}
    for name in parent:
        canonical = chosen[root(name)][0] if root(name) in chosen else None
        if canonical is not None and name != canonical:
            alias_of[name] = canonical
            measures[canonical]["aliases"].append(name)
    return measures, alias_of


def is_variant(short: str, full: str) -> bool:
    """Whether ``short`` is a shorter form of the measure name ``full``: its end
    (`香港園區` of `河套香港園区`), or an abbreviation keeping its first character and head
    (`河套合作區` of `河套深港科技創新合作區`). English: a final run of three words or more.

    >>> is_variant("香港園區", "河套香港園區"), is_variant("河套合作區", "河套深港科技創新合作區")
    (True, True)
    >>> is_variant("深圳園區", "河套香港園區"), is_variant("Training Programme", "Technology Training Programme")
    (False, False)
    """
    if len(short) >= len(full) or not short:
        return False
    if short.isascii():
        lead = full[: len(full) - len(short)].split()
        return len(short.split()) >= 3 and full.endswith(" " + short) and all(w[:1].isupper() for w in lead)
    if len(short) < 4:
        return False
    if full.endswith(short):
        return True
    if short[0] != full[0] or short[-2:] != full[-2:]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _merge_variants(measures: dict[str, dict[str, Any]], alias_of: dict[str, str]) -> None:
    """A measure whose name is a shorter form of another's becomes that measure's alias."""
    for name in sorted(measures, key=len):
        fuller = next((other for other in measures if other != name and is_variant(name, other)), None)
        if fuller is None:
            continue
        entry = measures.pop(name)
        target = measures[fuller]
        for alias in (name, *entry["aliases"]):
            if alias != fuller and alias not in target["aliases"]:
                target["aliases"].append(alias)
            alias_of[alias] = fuller
        for alias, canonical in alias_of.items():
            if canonical == name:
                alias_of[alias] = fuller


def _link(entry: dict[str, Any], mentions: list[Mention], index_of: dict[int, int]) -> None:
    for m in mentions:
        if m.kind in VALUE_KINDS and id(m) in index_of and index_of[id(m)] not in entry["links"][VALUE_KINDS[m.kind]]:
            entry["links"][VALUE_KINDS[m.kind]].append(index_of[id(m)])
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
        elif m.kind == "org" and m.value["name"] not in entry["responsible"] and m.value["name"] != entry["name"]:
            entry["responsible"].append(m.value["name"])
