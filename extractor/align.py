"""`legco-kg align ZH EN`: where the Chinese and English versions of a paper disagree.

Works on the bilingual graph (``rdf.bilingual_graph``), where a value both versions
state is one fact node with evidence in both languages. A value fact with evidence in
one language only is a disagreement: when the other version has a one-language fact of
the same kind in the same paragraph, the two state different values for the same fact;
otherwise the value is present in one version only. A measure labelled in one language
only is named in one version only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rdflib import RDF, Graph, URIRef

from .vocab import ELI, NIF, POL, QB, SCHEMA, SKOS, TIME, DCT

VALUE_KINDS = {SCHEMA["MonetaryAmount"]: "amount", SCHEMA["QuantitativeValue"]: "quantity",
               TIME["ProperInterval"]: "date", TIME["Duration"]: "duration", POL["Ratio"]: "ratio",
               QB["Observation"]: "kpi"}
LANGUAGES = ("zh-Hant", "en")


@dataclass(frozen=True, slots=True)
class Statement:
    """One version's reading of a fact: the quote, its paragraph and its normalised value."""

    language: str
    part: str
    quote: str
    value: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    kind: str  # amount, quantity, date, duration, ratio, kpi, measure
    problem: str  # "different values" or "only in zh-Hant" / "only in en"
    statements: tuple[Statement, ...]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def disagreements(graph: Graph) -> list[Disagreement]:
    """Every disagreement between the language versions in a bilingual paper graph."""
    one_sided: dict[tuple[str, str], dict[str, list[Statement]]] = {}
    for cls, kind in VALUE_KINDS.items():
        for fact in sorted(set(graph.subjects(RDF.type, cls))):
            readings = [_reading(graph, fact, span) for span in graph.objects(fact, POL["evidence"])]
            languages = {r.language for r in readings}
            if len(languages) == 1:
                (language,) = languages
                first = min(readings, key=lambda r: (r.part, r.quote))
                one_sided.setdefault((first.part, kind), {}).setdefault(language, []).append(first)
    found = []
    for (_part, kind), by_language in sorted(one_sided.items()):
        zh, en = by_language.get("zh-Hant", []), by_language.get("en", [])
        for a, b in zip(zh, en):
            found.append(Disagreement(kind, "different values", (a, b)))
        for extra in zh[len(en):] + en[len(zh):]:
            found.append(Disagreement(kind, f"only in {extra.language}", (extra,)))
    for measure in sorted(set(graph.subjects(RDF.type, POL["PolicyMeasure"]))):
        labels = {label.language: str(label) for label in graph.objects(measure, SKOS["prefLabel"])}
        present = [language for language in LANGUAGES if language in labels]
        if len(present) == 1:
            found.append(Disagreement("measure", f"only in {present[0]}",
                                      (Statement(present[0], "", labels[present[0]], str(measure)),)))
    return found


def is_bilingual(graph: Graph) -> bool:
    languages = {str(o) for o in graph.objects(None, DCT["language"])}
    return set(LANGUAGES) <= languages


def _reading(graph: Graph, fact: URIRef, span: URIRef) -> Statement:
    context = graph.value(span, NIF["referenceContext"])
    language = str(graph.value(context, DCT["language"]))
    block = graph.value(context, ELI["realizes"])
    part = graph.value(block, ELI["is_part_of"])
    part_name = str(part).rsplit("/", 1)[-1] if part is not None else ""
    return Statement(language, part_name, str(graph.value(span, NIF["anchorOf"])), _value(graph, fact))


def _value(graph: Graph, fact: URIRef) -> str:
    """A short normalised form of a fact's value: `180000000 HKD`, `2025-01-01..2025-03-31`, `1:2`."""
    if (fact, RDF.type, POL["Ratio"]) in graph:
        terms = sorted(graph.objects(fact, POL["hasTerm"]), key=lambda t: graph.value(t, POL["position"]).toPython())
        return ":".join(format(graph.value(t, POL["share"]).toPython().normalize(), "f") for t in terms)
    if (fact, RDF.type, TIME["ProperInterval"]) in graph:
        ends = [graph.value(graph.value(fact, p), TIME["inXSDDate"]) for p in (TIME["hasBeginning"], TIME["hasEnd"])]
        return "..".join(str(e) if e is not None else "" for e in ends)
    parts = []
    for prop, mark in ((SCHEMA["value"], ""), (SCHEMA["minValue"], "≥"), (SCHEMA["maxValue"], "≤"),
                       (TIME["numericDuration"], ""), (URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue"), "")):
        value = graph.value(fact, prop)
        if value is not None:
            parts.append(f"{mark}{value}")
    unit = graph.value(fact, SCHEMA["currency"]) or graph.value(fact, SCHEMA["unitCode"]) \
        or graph.value(fact, TIME["unitType"])
    if unit is not None:
        parts.append(str(unit).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    return " ".join(parts)


def report_text(found: list[Disagreement]) -> str:
    if not found:
        return "The Chinese and English versions agree: every value and measure is stated in both.\n"
    lines = [f"{len(found)} disagreement(s) between the Chinese and English versions:"]
    for item in found:
        where = item.statements[0].part or "-"
        quotes = "  vs  ".join(f"[{s.language}] {s.quote!r} = {s.value}" for s in item.statements)
        lines.append(f"  {where:<10} {item.kind:<8} {item.problem:<17} {quotes}")
    return "\n".join(lines) + "\n"
