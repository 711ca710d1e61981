"""Extraction stage: a ``Document`` → mentions per block → facts in the gold format.

Each block is normalised for matching (Simplified → Traditional, full-width → ASCII,
same length), every recognizer runs on it, and spans are reported on the original
block text. Measures are linked to the amounts, dates, ratios and units stated in the
same sentence (or table row) as any mention of the measure — its name, a short form, a
shorter variant or a generic word referring back to it (see ``link_measures``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .normalize import for_matching
from .page_labels import page_value
from .recognizers.amounts import capped_blocks, find_amounts
from .recognizers.clauses import item_lead_measure
from .recognizers.dates import PaperDates, find_dates
from .recognizers.durations import find_durations
from .recognizers.kpis import find_kpis
from .recognizers.measures import (
    find_measures,
    heading_measure,
    kpi_measure,
    table_measure,
    words,
)
from .recognizers.orgs import GOVERNMENT, find_orgs, load_gazetteer, submitting_body
from .recognizers.quantities import find_quantities
from .recognizers.sectors import find_sectors
from .recognizers.ratios import find_ratios
from .recognizers.table_amounts import at_most_notes, find_table_amounts, money_cells
from .types import Block, Document, Mention

# `；` joins clauses of one Chinese sentence, but ends a list item (`…；及`, `…；或`).
RE_ITEM_END = r"[；;](?=\s*(?:及|和|以及|或|and\b|or\b)(?![其時]))"
RE_SENTENCE_END = re.compile(rf"[。;!?！？]|{RE_ITEM_END}|\.(?=\s|$)")
VALUE_KINDS = {"amount": "amounts", "quantity": "quantities", "date": "dates", "duration": "durations",
               "ratio": "ratios"}


def block_mentions(block: Block, lang: str, doc: Document, issuer: str | None,
                   intro: str | None = None, paper_dates: PaperDates | None = None,
                   capped: bool = False) -> list[Mention]:
    """Every mention of one block, with its ``where`` set and text taken from the block;
    ``intro`` is the text that introduces the list an item belongs to (`…措施如下：`),
    ``paper_dates`` carries the paper's earlier date context (blocks in reading order), ``capped``
    says the block continues a list a cap opened before it (``amounts.capped_blocks``)."""
    text = for_matching(block.text)
    ref = doc.metadata.reference_date
    gazetteer = load_gazetteer()
    found: list[Mention] = []
    found += find_amounts(text, lang, capped)
    found += find_quantities(text, lang)
    found += find_ratios(text, lang)
    found += find_dates(text, lang, ref, paper_dates)
    found += find_durations(text, lang)
    found += find_orgs(text, lang, gazetteer, issuer)
    if block.heads:  # a table row under a money head (`$m`): its figures are amounts in that unit
        money = money_cells(block)
        found = [m for m in found if not any(a <= m.start < b for a, b in money)]
        found += find_table_amounts(block, text, at_most_notes(doc.blocks))
    measures = find_measures(text, lang)
    extra = None
    if block.kind == "table_row" and block.cell_spans and _is_data_row(block):
        a, b = block.cell_spans[0]
        extra = table_measure(text[a:b], a, lang)
    elif block.kind == "heading":
        extra = heading_measure(text, lang)
        if extra:  # the heading names the measure as a whole (its English words are an alias)
            measures = [m for m in measures if not (m.start < extra.end and extra.start < m.end)]
    elif block.where.startswith("annex") and block.kind in ("item", "paragraph") and lang != "en":
        extra = kpi_measure(text)
    if extra is None and block.kind == "item":
        extra = item_lead_measure(text, intro)
        if extra:  # the lead names the item's measure as a whole
            measures = [m for m in measures if not (m.start < extra.end and extra.start < m.end)]
    if extra and not any(m.start < extra.end and extra.start < m.end for m in measures):
        measures.append(extra)
    # A body the paper sets up (`成立「專責審批組」`) is a measure too (spec: Measures).
    for org in found:
        if org.kind == "org" and org.value.get("set_up") and not any(
                m.start < org.end and org.start < m.end for m in measures):
            measures.append(Mention("measure", org.start, org.end, org.text,
                                    {"name": org.value["name"], "type": "Office", "aliases": []}))
    # A quoted name that is a known organisation (`「數字政策辦公室」`) is that organisation,
    # unless the paper sets it up here (`成立「…」`) or lists it as a measure in a table.
    found += [m for m in measures if gazetteer.resolve(m.value["name"]) is None or block.kind == "table_row"
              or RE_SET_UP_BEFORE.search(text[max(0, m.start - 4):m.start])]
    out = []
    as_printed = {a: b for a, b in zip(text, block.text) if a != b}
    for m in found:
        original = block.text[m.start:m.end]
        if m.kind == "measure":
            # Names as printed (full-width brackets, `稅` kept), not as normalised for matching.
            name = original if m.value["name"] == text[m.start:m.end] else m.value["name"]
            aliases = [printed_name(alias, as_printed) for alias in m.value.get("aliases", [])]
            m = replace(m, value={**m.value, "name": printed_name(name, as_printed), "aliases": aliases})
        out.append(replace(m, text=original, where=block.where))
    return out


def printed_name(name: str, as_printed: dict[str, str]) -> str:
    """A name made of the matching text's characters, in the block's own characters (``as_printed``:
    matching character → printed one), with CJK compatibility ideographs (U+F900–FAFF, which
    some PDFs use for common characters) as their unified forms so names compare equal."""
    return "".join(_unified(as_printed.get(ch, ch)) for ch in name)


def _unified(ch: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", ch) if "\uf900" <= ch <= "\ufaff" else ch


RE_SET_UP_BEFORE = re.compile(r"(?:成立|設立|set up|establish)了?\s*「?$")


def list_intros(blocks: tuple[Block, ...] | list[Block]) -> list[str | None]:
    """For each item, the text of the paragraph that introduces its list (the last block before
    it that is not an item); ``None`` for other blocks."""
    intros: list[str | None] = []
    intro = None
    for block in blocks:
        if block.kind == "item":
            intros.append(intro)
        else:
            intros.append(None)
            if block.kind != "footnote":
                intro = block.text
    return intros


def _is_data_row(block: Block) -> bool:
    """Not a header row (`政策措施 | 工作進度／成果`) or a category row with one filled cell."""
    cells = [c for c in block.cells if c.strip()]
    return len(cells) >= 2 and not all(len(c) <= 8 for c in cells)


def _issuer(doc: Document) -> str | None:
    if doc.metadata.issued_by:
        return doc.metadata.issued_by[0]
    return GOVERNMENT if doc.metadata.document_type in ("policy-address", "budget-speech") else None


def sentence_spans(text: str, regex: re.Pattern[str] = RE_SENTENCE_END) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence of a block text, the unit that links values to measures."""
    spans, start = [], 0
    for m in regex.finditer(text):
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
    paper_dates = PaperDates()
    per_block = [(block, block_mentions(block, lang, doc, issuer, intro, paper_dates, capped))
                 for block, intro, capped in zip(doc.blocks, list_intros(doc.blocks), capped_blocks(doc.blocks))]
    index_of: dict[int, int] = {}  # id(mention) → its position in its category's list
    for number, (_block, mentions) in enumerate(per_block):
        for m in mentions:
            if m.kind in VALUE_KINDS:
                category = facts[VALUE_KINDS[m.kind]]
                index_of[id(m)] = len(category)
                category.append({"where": m.where, "text": m.text, **m.value, **_evidence(doc, number, m)})
            elif m.kind == "org":
                entry = orgs.setdefault(m.value["name"], {"name": m.value["name"], "en": m.value.get("en"),
                                                          "mentions": [], "where": [], "evidence": []})
                if m.text not in entry["mentions"]:
                    entry["mentions"].append(m.text)
                if m.where not in entry["where"]:
                    entry["where"].append(m.where)
                entry["evidence"].append(_evidence(doc, number, m))
    facts["organisations"] = list(orgs.values())
    mark_kpis(facts, per_block, lang, index_of)
    facts["measures"] = link_measures(doc, per_block, lang, index_of)
    for measure in facts["measures"]:
        measure["sectors"] = measure_sectors(doc, measure)
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
            **({"warnings": list(doc.warnings)} if doc.warnings else {}),
        },
        **facts,
    }


def measure_sectors(doc: Document, measure: dict[str, Any]) -> list[str]:
    """The sectors a measure targets (not scored), from its name and the sentences that mention it."""
    sentences = []
    for item in measure["evidence"]:
        text = doc.blocks[item["block"]].text
        sentences.extend(text[a:b] for a, b in sentence_spans(text) if a <= item["span"][0] < b)
    return find_sectors(measure["name"], sentences)


def mark_kpis(facts: dict[str, Any], per_block: list[tuple[Block, list[Mention]]], lang: str,
              index_of: dict[int, int]) -> None:
    """Mark the values that are KPI baselines and targets (not scored): each gets a
    ``kpi`` field with its role, indicator and year; a target also points at its baseline."""
    for block, mentions in per_block:
        values = [m for m in mentions if m.kind in ("amount", "quantity") and id(m) in index_of]
        for kpi in find_kpis(block.text, values, lang):
            base = {"category": VALUE_KINDS[kpi.baseline.kind], "index": index_of[id(kpi.baseline)]}
            facts[base["category"]][base["index"]]["kpi"] = {
                "role": "baseline", "indicator": kpi.indicator, "year": kpi.baseline_year}
            facts[VALUE_KINDS[kpi.target.kind]][index_of[id(kpi.target)]]["kpi"] = {
                "role": "target", "indicator": kpi.indicator, "year": kpi.target_year, "baseline": base}


def _evidence(doc: Document, block_number: int, m: Mention) -> dict[str, Any]:
    """Where a mention sits: the index of its block in ``Document.blocks``, its span in that
    block's text, and the page its first character is printed on — ``page`` as a reader
    cites it (the printed label, else the PDF position) and ``pdf_page`` the position.
    Not scored; the RDF stage turns it into a NIF span."""
    pdf_page = doc.page_of(doc.blocks[block_number].source_span(m.start, m.end)[0])
    return {"block": block_number, "span": [m.start, m.end],
            "page": page_value(doc.page_label_of(pdf_page), pdf_page), "pdf_page": pdf_page}


def link_measures(doc: Document, per_block: list[tuple[Block, list[Mention]]], lang: str,
                  index_of: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Measures with their links, by the spec: amounts, dates, ratios and units stated in the
    same sentence or table row as the measure, or as a later mention of it — its name, a short
    form (`聯盟`, `InnoHK`), or a generic word that refers back to the latest measure of its kind
    (`基金`, `該計劃`, `the Fund`, `the scheme`); units named in the title of the annex that
    lists the measure are responsible for it too. A paragraph that names one measure links
    all its values to it; a paragraph that names none, right after one that names one, links
    its amounts and ratios to that measure (`我們建議…提供一筆介乎 1 億至 3 億元的資助`).

    Besides the gold fields, each measure lists its ``evidence`` (every mention of it) and
    ``links``: per category, the positions in the facts lists of the linked mentions."""
    index_of = index_of or {}
    per_block = _key_phrases(per_block)
    measures, alias_of = _collect_measures(per_block, lang)
    _merge_variants(measures, alias_of)
    annex_units = {annex.where: [o.value["name"] for o in find_orgs(for_matching(annex.title), lang, load_gazetteer())]
                   for annex in doc.annexes if annex.title}
    # Names printed as lower-case English phrases (`pilot scheme`) are too common to find again.
    names = sorted((n for n in {*measures, *alias_of} if PHRASE_KEY not in n), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
    recent: list[str] = []  # canonical names in the order they were last mentioned
    # A paper by a body outside the Government (a submission): what it asks for is the Government's to do.
    issuer = _issuer(doc)
    submitter = submitting_body(issuer, load_gazetteer())
    lead_in: tuple[str, list[Mention]] | None = None  # (where, units) of a paragraph ending in `：`
    previous: str | None = None  # the measure of the paragraph just read, when it named exactly one
    for number, (block, mentions) in enumerate(per_block):
        text = block.text
        spans = [(0, len(text))] if block.kind == "table_row" else sentence_spans(text)
        refs = [m for m in mentions if m.kind == "measure"]
        if pattern is not None:
            # Later mentions of a known name or short form (`聯盟`, `InnoHK`) refer back to it.
            taken = [(m.start, m.end) for m in refs]
            # A name inside a unit's name (`創科創投基金公司`) is not a mention of the measure.
            taken += [(m.start, m.end) for m in mentions if m.kind == "org" and m.end - m.start > 2]
            for hit in pattern.finditer(text):
                if not any(a < hit.end() and hit.start() < b for a, b in taken):
                    refs.append(Mention("measure", hit.start(), hit.end(), hit.group(), {"name": hit.group()},
                                        block.where))
        refs.sort(key=lambda r: r.start)
        refs, unresolved = _resolve_generic(text, lang, refs, recent, measures, alias_of)
        named = {alias_of.get(r.value["name"], r.value["name"]) for r in refs}
        if len(named) == 1 and block.kind in ("paragraph", "item"):
            # One measure in the paragraph: its values are that measure's (up to the end of a list item).
            spans = sentence_spans(text, re.compile(RE_ITEM_END))
        if block.kind == "paragraph" and not refs and not unresolved and previous is not None:
            # `我們建議…提供一筆介乎 1 億至 3 億元的資助` after the measure's paragraph: money it gives,
            # not every sum a following paragraph states (the reserves after a fund's paragraph).
            _link(measures[previous], [m for m in mentions if m.kind in ("amount", "ratio")
                                       and RE_FUNDING.search(_clause_around(text, m))], index_of)
        if block.kind != "footnote":
            previous = next(iter(named)) if block.kind == "paragraph" and len(named) == 1 else None
        asks = _asks(text, mentions, submitter)
        speakers = _speakers(text, lang, doc) + asks
        if lead_in is not None and lead_in[0] == block.where and block.kind in ("paragraph", "item"):
            # `我們會加大投資…，包括：` then the items: the lead-in's units do the items' measures.
            speakers = speakers + [replace(u, start=0, end=0) for u in lead_in[1]]
        if re.search(r"[：:]\s*$", text):
            lead_in = (block.where, [m for m in mentions if m.kind == "org" and _belongs(text, m, m, [])])
        elif lead_in is not None and lead_in[0] != block.where:
            lead_in = None
        for start, end in spans:
            inside = [m for m in mentions if start <= m.start < end and not any(a.start == m.start for a in asks)]
            inside += [m for m in speakers if start <= m.start < end]
            in_span = [r for r in refs if start <= r.start < end]
            owners = clause_owners(text, start, end, in_span, alias_of)
            for ref in in_span:
                entry = measures[alias_of.get(ref.value["name"], ref.value["name"])]
                if block.where not in entry["where"]:
                    entry["where"].append(block.where)
                entry["evidence"].append(_evidence(doc, number, ref))
                for unit in annex_units.get(block.where, []):
                    if unit not in entry["responsible"]:
                        entry["responsible"].append(unit)
                name = alias_of.get(ref.value["name"], ref.value["name"])
                _link(entry, [m for m in inside if _belongs(text, m, ref, refs)
                              and (owners is None or name in owners(m))], index_of)
        for ref in refs:
            name = alias_of.get(ref.value["name"], ref.value["name"])
            if name in recent:
                recent.remove(name)
            recent.append(name)
    for entry in measures.values():
        if submitter is not None:
            entry["responsible"] = _submission_units(entry["responsible"], submitter)
        del entry["_phrase"]
        entry["name"] = entry["name"].split(PHRASE_KEY)[0]
    return list(measures.values())


RE_CLAUSE_END = re.compile(r"[，,：:]")
# A clause that gives money or shares a cost: 資助, 撥款, 注資, 預留, 配對, funding, grant, inject …
RE_FUNDING = re.compile(r"資助|撥款|注資|預留|撥出|配對|提供.{0,12}(?:元|資金)|fund(?:ing|ed)?\b|grants?\b|inject|allocat|"
                        r"earmark|subsid|matching", re.IGNORECASE)


def _clause_around(text: str, m: Mention) -> str:
    """The clause (between `，。；` and their ASCII forms) that holds a mention."""
    start = max(text.rfind(ch, 0, m.start) for ch in "，。；,;") + 1
    ends = [i for i in (text.find(ch, m.end) for ch in "，。；,;") if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def clause_owners(text: str, start: int, end: int, refs: list[Mention], alias_of: dict[str, str]):  # type: ignore[no-untyped-def]
    """When a sentence names two or more measures, which of them a mention belongs to: the
    measures of its own clause, else those of the nearest clause before it that names one; a
    value said before any measure (`動用…元…，包括A、B`) and a unit named before any, the
    sentence's subject, belong to them all. ``None`` when the sentence names one measure
    (everything in it is that measure's)."""
    names = {alias_of.get(r.value["name"], r.value["name"]) for r in refs}
    if len(names) < 2:
        return None
    bounds = [start] + [m.end() for m in RE_CLAUSE_END.finditer(text, start, end)] + [end]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
    named = [{alias_of.get(r.value["name"], r.value["name"]) for r in refs if a <= r.start < b} for a, b in clauses]

    first = min(r.start for r in refs)

    def owners(m: Mention) -> set[str]:
        if m.kind == "org" and m.start < first:
            return names
        index = next((i for i, (a, b) in enumerate(clauses) if a <= m.start < b), len(clauses) - 1)
        return next((named[i] for i in range(index, -1, -1) if named[i]), names)

    return owners


PHRASE_KEY = "\x00"


def _key_phrases(per_block: list[tuple[Block, list[Mention]]]) -> list[tuple[Block, list[Mention]]]:
    """A lower-case English phrase (`pilot scheme`) names one measure only in its own block:
    the same words further on may name another, so each block's gets its own key."""
    out = []
    for number, (block, mentions) in enumerate(per_block):
        keyed = [replace(m, value={**m.value, "name": f"{m.value['name']}{PHRASE_KEY}{number}"})
                 if m.kind == "measure" and m.value["name"].isascii() and m.value["name"][:1].islower() else m
                 for m in mentions]
        out.append((block, keyed))
    return out


# Generic words that refer back to the latest measure of a type. `基金` and `園區` alone are
# nouns; `計劃`, `中心`, `平台` are also verbs or parts of other words, so they need a
# demonstrative (`該計劃`). English: `the Fund`, `the scheme`, `the Park`.
RE_GENERIC_ZH = re.compile(
    r"(?:(?<=[該此本這])|(?<=這項)|(?<=這個)|(?<=有關)|(?<![\u4e00-\u9fff])|(?<=[為向及和與在於由把對將從經即或作的]))"
    r"(基金|園區)(?!經理|公司|會|條例|管理人|投資者)"
    r"|(?:該|此|本|這項|這個|有關)(計劃|中心|平台|聯盟|研究|措施)"
)
RE_GENERIC_EN = re.compile(r"\b[Tt]he\s+(Fund|Scheme|Programme|Program|Park|Centre|Center|Hub|Platform|Alliance|Office|"
                           r"fund|scheme|programme|program)\b(?!\s+(?:of|for)\b)")
GENERIC_TYPES: dict[str, tuple[str, ...]] = {
    "基金": ("Fund",), "園區": ("Site",), "計劃": ("Programme", "Scheme", "Plan"), "中心": ("Facility",),
    "平台": ("Platform",), "聯盟": ("Alliance",), "研究": ("Study",), "措施": ("Initiative",),
    "fund": ("Fund",), "scheme": ("Scheme", "Programme"), "programme": ("Programme", "Scheme"),
    "program": ("Programme", "Scheme"), "park": ("Site",), "centre": ("Facility",), "center": ("Facility",),
    "hub": ("Facility",), "platform": ("Platform",), "alliance": ("Alliance",), "office": ("Office",),
}
#: How many measures mentioned since a generic word's measure may stand between them.
GENERIC_REACH = 3


def _resolve_generic(text: str, lang: str, refs: list[Mention], recent: list[str],
                     measures: dict[str, dict[str, Any]], alias_of: dict[str, str]) -> tuple[list[Mention], int]:
    """``refs`` plus the generic back-references of ``text``, each named after the measure of
    its type mentioned last (in this block before it, or in the blocks before); one that
    finds no measure of its type among the last few mentioned is left out (and counted)."""
    regex = RE_GENERIC_EN if lang == "en" else RE_GENERIC_ZH
    out = list(refs)
    unresolved = 0
    for hit in regex.finditer(text):
        start, end = hit.span()
        if any(r.start < end and start < r.end for r in refs):
            continue  # part of a name (`創科產業引導基金`, `the Innovation and Technology Fund`)
        word = (hit.group(1) or hit.group(2) or "").lower()
        kinds = GENERIC_TYPES.get(word, ())
        before = [alias_of.get(r.value["name"], r.value["name"]) for r in refs if r.end <= start]
        order = [n for n in recent if n not in before] + before
        candidates = [n for n in reversed(order[-GENERIC_REACH:]) if measures[n]["type"] in kinds]
        if candidates:
            out.append(Mention("measure", start, end, hit.group(), {"name": candidates[0]}))
        else:
            unresolved += 1
    return sorted(out, key=lambda r: r.start), unresolved


def _speakers(text: str, lang: str, doc: Document) -> list[Mention]:
    """`I` in an English Policy Address or Budget Speech: the HKSAR Government speaking."""
    if lang != "en" or doc.metadata.document_type not in ("policy-address", "budget-speech"):
        return []
    return [Mention("org", m.start(), m.end(), "I", {"name": GOVERNMENT}) for m in re.finditer(r"\bI\b", text)]


def _submission_units(units: list[str], submitter: str) -> list[str]:
    """Who does a measure a submission names: the Government when it is asked for it (the
    submitter named beside the ask is context) or when no one is named (spec: what a submission
    asks the Government to do is the Government's); the submitter for what it does itself."""
    if not units:
        return [GOVERNMENT]
    return [u for u in units if u != submitter] if GOVERNMENT in units else units


# `我們建議…`, `we urge the Government to…`: a submitter asking for a measure.
RE_ASK_AFTER = re.compile(r"^\s*(?:亦|也|謹|強烈)?(?:建議|促請|要求|籲請|呼籲|期望|希望|認為(?:政府)?應)|^\s+(?:also\s+)?(?:recommend|urge|propose|"
                          r"call on|request|suggest)", re.IGNORECASE)


def _asks(text: str, mentions: list[Mention], submitter: str | None) -> list[Mention]:
    """The Government, for each time the submitting body asks for something in ``text`` (at the
    place of the submitter's `我們`, which then does not count as responsible)."""
    if submitter is None:
        return []
    return [Mention("org", m.start, m.start, m.text, {"name": GOVERNMENT}) for m in mentions
            if m.kind == "org" and m.value["name"] == submitter and RE_ASK_AFTER.match(text[m.end:])]


RE_SETS_UP_BEFORE = re.compile(r"(?:成立|設立|新設|增設|籌組|set up|establish)\S{0,2}「?\s*$", re.IGNORECASE)
# A unit named as the one addressed or consulted is not doing the measure (`向立法會提交`).
RE_RECIPIENT_BEFORE = re.compile(r"(?:向|尋求|請|\bto|\bfrom)\s*(?:the\s+)?「?$", re.IGNORECASE)
# A date that dates a document (`去年的《施政報告》`, `2024 年《施政報告》`) or a unit set up
# (`今年 7 月成立的「數字政策辦公室」`) is not a date of the measure.
RE_DATES_DOCUMENT = re.compile(r"^\s*(?:的)?\s*[《「]")
RE_DATES_NOUN_AFTER = re.compile(r"^\s*(?:成立|設立|推出|公布|發表|落成|啟用)的\s*[「《]?")


def _belongs(text: str, m: Mention, ref: Mention, refs: list[Mention]) -> bool:
    """Whether a value or unit of the sentence belongs to the measure ``ref`` (and not to a
    document, a unit set up, or a word it modifies)."""
    if m.kind == "date":
        after = text[m.end:]
        if RE_DATES_DOCUMENT.match(after) and not any(r.start - m.end in range(4) for r in refs):
            return False
        clause = RE_DATES_NOUN_AFTER.match(after)
        if clause:
            return ref.start == m.end + clause.end()
    if m.kind == "org":
        if m.value.get("set_up") and RE_SETS_UP_BEFORE.search(text[max(0, m.start - 6):m.start]):
            return False  # a body set up here (`成立「專責審批組」`) does not do the sentence's other measures
        if any(r.start == m.start for r in refs):
            return True  # the owner that opens a measure's name (`數碼港人工智能超算中心`)
        if any(r.start < m.start < r.end for r in refs):
            return False  # inside a measure's name (`數字政府及智慧城市方案`)
        if RE_RECIPIENT_BEFORE.search(text[max(0, m.start - 10):m.start]):
            return False
        if _modifies_noun(text, m):
            return False
    return True


def _modifies_noun(text: str, m: Mention) -> bool:
    """`政府高級人員`, `消防處牌照`, `政府及公營機構的…`: a unit's name used to qualify the noun after it."""
    following = text[m.end:m.end + 12]
    if not following or not ("\u4e00" <= following[0] <= "\u9fff") or m.text in ("我們", "我", "本局"):
        return False
    if re.match(r"[及和與][^，。；、]{1,8}?的", following):
        return True
    from .nlp import zh_tokens

    tokens = zh_tokens(following[:4])
    return bool(tokens) and tokens[0].tag in ("n", "b", "nz", "j", "l", "f") and tokens[0].text not in NOUN_VERBS


# Words jieba tags as nouns that are verbs after a unit (`我們計劃`, `政府建議`).
NOUN_VERBS = words("計劃 研究 建議 決定 支持 會 一直 正 亦 將 已 現 預計 目標 政策")


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
    named_as_such: set[str] = set()  # names printed as names (quoted, capitalised, listed), not phrases
    for _block, mentions in per_block:
        for m in mentions:
            if m.kind != "measure":
                continue
            primary.append((m.value["name"], m.value.get("type", "Initiative")))
            if m.value.get("form") != "phrase":
                named_as_such.add(m.value["name"])
            for alias in m.value.get("aliases", []):
                if is_bare_head(alias):
                    continue  # `「…計劃」（計劃）`: a word every scheme is called, not a name to find paper-wide
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
                          "links": {category: [] for category in VALUE_KINDS.values()},
                          "_phrase": not any(n in named_as_such for n in parent if root(n) == group)}
    alias_of: dict[str, str] = {}
    for name in parent:
        canonical = chosen[root(name)][0] if root(name) in chosen else None
        if canonical is not None and name != canonical:
            alias_of[name] = canonical
            measures[canonical]["aliases"].append(name)
    return measures, alias_of


#: Words every measure of a kind is called (`「…計劃」（計劃）`): as a short form they name no one
#: measure paper-wide (a short form such as `聯盟` or `合作區` does, in the papers that define it).
BARE_HEADS = words("計劃 基金 平台 中心 措施 研究 方案 項目 fund scheme programme program centre center platform "
                   "initiative project")


def is_bare_head(name: str) -> bool:
    """Whether a name is only a word every measure of its kind is called (`計劃`, `the Scheme`)."""
    return re.sub(r"^(?:the\s+|該|本|此)", "", name.strip(), flags=re.IGNORECASE).lower() in BARE_HEADS


def is_variant(short: str, full: str) -> bool:
    """Whether ``short`` is a shorter form of the measure name ``full``: its end
    (`香港園區` of `河套香港園区`), or an abbreviation keeping its first character and head
    (`河套合作區` of `河套深港科技創新合作區`). English: a final run of three words or more.

    >>> is_variant("香港園區", "河套香港園區"), is_variant("河套合作區", "河套深港科技創新合作區")
    (True, True)
    >>> is_variant("深圳園區", "河套香港園區"), is_variant("Training Programme", "Technology Training Programme")
    (False, False)
    """
    # `創科` is the usual short form of `創新及科技` / `創新科技` (`港深創新及科技園`, `港深創科園`).
    short, full = _abbreviated(short), _abbreviated(full)
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


def _abbreviated(name: str) -> str:
    return re.sub("創新及?科技", "創科", name)


def _merge_variants(measures: dict[str, dict[str, Any]], alias_of: dict[str, str]) -> None:
    """A measure named only by an unquoted phrase that is a shorter form of another measure's
    name becomes that measure's alias (`香港園區` of `河套香港園區`); names printed as names stay
    apart (`創新及科技基金` and `建造業創新及科技基金` are two funds)."""
    for name in sorted(measures, key=lambda n: len(_abbreviated(n))):
        if not measures[name]["_phrase"]:
            continue
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
