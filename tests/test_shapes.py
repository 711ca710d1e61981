"""The SHACL shapes accept a correct paper graph and catch each kind of mistake.

``tests/data/paper_example.trig`` is a hand-written correct graph (paragraphs 15 and 16,
annexes 2 and 3 of the sample paper). Each variant below breaks it with one SPARQL
UPDATE and names the shape that must report it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from extractor.validate import Ontology, check, merged, paper_graphs, validate_graph

EXAMPLE = Path(__file__).parent / "data" / "paper_example.trig"

PROLOGUE = """
BASE <https://w3id.org/legco-kg/id/>
PREFIX pol: <https://w3id.org/legco-kg/ontology#>
PREFIX polv: <https://w3id.org/legco-kg/concept/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX doco: <http://purl.org/spar/doco/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <https://schema.org/>
PREFIX unit: <http://qudt.org/vocab/unit/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
P = "paper/zh-2024-pa-itib"
SPAN_AMOUNT = f"<{P}/para_15__p_1/zh-hant#char=18,24>"
TOTAL = f"<{P}/fact/amount/c5ce1013dc20>"  # 1.8 億元, exact, total allocation
CAP = f"<{P}/fact/amount/4eff258b6214>"  # 資助上限為 3,000 萬元, at most, per-project cap
COUNT = f"<{P}/fact/quantity/da1f729f55cb>"  # 約共 2 500 名科研人員
RATIO = f"<{P}/fact/ratio/734058e843a6>"  # 1（政府）：2（機構）
DATE = f"<{P}/fact/date/f48dbb53d115>"  # 2025-26 年度內
DURATION = f"<{P}/fact/duration/c34db716d885>"  # 最長十年
BASELINE = f"<{P}/fact/kpi/e3d1acf7d836>"  # 2022 年的 17 億元
TARGET = f"<{P}/fact/kpi/7fcfc84dbc52>"  # 2027 年的不少於 40 億元
MEASURE = "<measure/auto-60b36919abc4>"  # 創科加速器先導計劃
BLOCK_TEXT = f"<{P}/para_15__p_1/zh-hant>"


def rename(old: str, new: str) -> str:
    return (f"DELETE {{ {old} ?p ?o }} INSERT {{ {new} ?p ?o }} WHERE {{ {old} ?p ?o }} ;"
            f"DELETE {{ ?s ?p {old} }} INSERT {{ ?s ?p {new} }} WHERE {{ ?s ?p {old} }}")


def swap(node: str, prop: str, old: str, new: str) -> str:
    return f"DELETE DATA {{ {node} {prop} {old} }} ; INSERT DATA {{ {node} {prop} {new} }}"


# fmt: off
# (case, SPARQL UPDATE applied to paper ∪ reference ∪ policy, shape that reports it, severity)
VARIANTS = [
    ("shifted span offset", f"""DELETE DATA {{ {SPAN_AMOUNT} nif:beginIndex 18 ; nif:endIndex 24 }} ;
        INSERT DATA {{ {SPAN_AMOUNT} nif:beginIndex 19 ; nif:endIndex 25 }}""", "polsh:SpanAnchor", "Violation"),
    ("shifted span offset, IRI kept", f"""DELETE DATA {{ {SPAN_AMOUNT} nif:beginIndex 18 ; nif:endIndex 24 }} ;
        INSERT DATA {{ {SPAN_AMOUNT} nif:beginIndex 19 ; nif:endIndex 25 }}""", "polsh:SpanIRI", "Violation"),
    ("anchorOf mismatch", swap(SPAN_AMOUNT, "nif:anchorOf", '"1.8 億元"', '"1.8億元"'), "polsh:SpanAnchor", "Violation"),
    ("span end before begin", swap(SPAN_AMOUNT, "nif:endIndex", "24", "16"), "polsh:SpanOrder", "Violation"),
    ("span without context", f"DELETE DATA {{ {SPAN_AMOUNT} nif:referenceContext {BLOCK_TEXT} }}", "polsh:Span", "Violation"),
    ("source end before begin", swap(SPAN_AMOUNT, "pol:sourceEnd", "2431", "2400"), "polsh:SpanSource", "Violation"),
    ("context endIndex not its length", swap(BLOCK_TEXT, "nif:endIndex", "113", "115"), "polsh:ContextLength", "Violation"),
    ("missing evidence", f"DELETE WHERE {{ {TOTAL} pol:evidence ?span }}", "polsh:Fact", "Violation"),
    ("evidence span of another paper", swap(TOTAL, "pol:evidence", SPAN_AMOUNT,
        "<paper/other/para_15__p_1/zh-hant#char=18,24>"), "polsh:FactEvidencePaper", "Violation"),
    ("evidence is a blank node", f"""DELETE DATA {{ {TOTAL} pol:evidence {SPAN_AMOUNT} }} ;
        INSERT DATA {{ {TOTAL} pol:evidence [ nif:anchorOf "1.8 億元" ] }}""", "polsh:Fact", "Violation"),
    ("bad fact IRI pattern", rename(TOTAL, f"<{P}/fact/amount/C5CE1013DC2>"), "polsh:Fact", "Violation"),
    ("fact class does not match its kind", rename(TOTAL, f"<{P}/fact/quantity/c5ce1013dc20>"), "polsh:FactKind",
     "Violation"),
    ("http://schema.org IRI", f"""DELETE DATA {{ {TOTAL} schema:value 180000000 }} ;
        INSERT DATA {{ {TOTAL} <http://schema.org/value> 180000000 }}""", "polsh:HttpSchemaOrg", "Violation"),
    ("bad currency", swap(TOTAL, "schema:currency", '"HKD"', '"RMB"'), "polsh:MonetaryAmount", "Violation"),
    ("two currencies", f'INSERT DATA {{ {TOTAL} schema:currency "USD" }}', "polsh:MonetaryAmount", "Violation"),
    ("money as a decimal", swap(TOTAL, "schema:value", "180000000", "180000000.0"), "polsh:MonetaryAmount", "Violation"),
    ("no amount role", f"DELETE WHERE {{ {TOTAL} pol:amountRole ?r }}", "polsh:MonetaryAmount", "Violation"),
    ("amount role from another scheme", swap(TOTAL, "pol:amountRole", "polv:role-total-allocation", "polv:qual-exact"),
     "polsh:MonetaryAmount", "Violation"),
    ("no qualifier", f"DELETE WHERE {{ {TOTAL} pol:qualifier ?q }}", "polsh:Bounds", "Violation"),
    ("value and bounds", f"INSERT DATA {{ {TOTAL} schema:maxValue 200000000 }}", "polsh:Bounds", "Violation"),
    ("min > max", f"""DELETE DATA {{ {CAP} schema:maxValue 30000000 ; pol:qualifier polv:qual-at-most }} ;
        INSERT DATA {{ {CAP} schema:minValue 40000000 ; schema:maxValue 30000000 ; pol:qualifier polv:qual-exact }}""",
     "polsh:BoundsOrder", "Violation"),
    ("at-least with maxValue", swap(CAP, "pol:qualifier", "polv:qual-at-most", "polv:qual-at-least"),
     "polsh:AtLeast", "Violation"),
    ("at-most with value", swap(TOTAL, "pol:qualifier", "polv:qual-exact", "polv:qual-at-most"), "polsh:AtMost", "Violation"),
    ("exact with one bound", swap(CAP, "pol:qualifier", "polv:qual-at-most", "polv:qual-exact"),
     "polsh:ExactValue", "Violation"),
    ("negative amount", swap(TOTAL, "schema:value", "180000000", "-180000000"), "polsh:Bounds", "Violation"),
    ("cap above total allocation", swap(CAP, "schema:maxValue", "30000000", "300000000"), "polsh:CapAboveTotal", "Warning"),
    ("unit outside QUDT", swap(COUNT, "schema:unitCode", "unit:NUM", "<http://example.org/unit/PERSON>"),
     "polsh:QuantitativeValue", "Violation"),
    ("fractional count", swap(COUNT, "schema:value", "2500", "2500.5"), "polsh:Count", "Violation"),
    ("count without what it counts", f"DELETE WHERE {{ {COUNT} pol:countOf ?o }}", "polsh:Count", "Warning"),
    ("percentage above 100", f"""DELETE DATA {{ {COUNT} schema:unitCode unit:NUM }} ;
        INSERT DATA {{ {COUNT} schema:unitCode unit:PERCENT }}""", "polsh:Percentage", "Warning"),
    ("quantity as a float", swap(COUNT, "schema:value", "2500", '"2500"^^xsd:double'), "polsh:QuantitativeValue", "Violation"),
    ("FY ending 30 March", """DELETE DATA { <time/fy/2025-26> time:hasEnd <time/day/2026-03-31> } ;
        INSERT DATA { <time/fy/2025-26> time:hasEnd <time/day/2026-03-30> .
                       <time/day/2026-03-30> a time:Instant ; time:inXSDDate "2026-03-30"^^xsd:date }""",
     "polsh:FiscalYearBounds", "Violation"),
    ("FY notation not its years", swap("<time/fy/2025-26>", "skos:notation", '"2025-26"', '"2025-27"'),
     "polsh:FiscalYearBounds", "Violation"),
    ("date ends before it begins", f"""DELETE DATA {{ {DATE} time:hasBeginning <time/day/2025-04-01> ;
                                                     time:hasEnd <time/day/2026-03-31> }} ;
        INSERT DATA {{ {DATE} time:hasBeginning <time/day/2026-03-31> ; time:hasEnd <time/day/2025-04-01> }}""",
     "polsh:IntervalOrder", "Violation"),
    ("date equals a FY it does not match", f"""DELETE DATA {{ {DATE} time:hasEnd <time/day/2026-03-31> }} ;
        INSERT DATA {{ {DATE} time:hasEnd <time/day/2026-03-30> .
                       <time/day/2026-03-30> a time:Instant ; time:inXSDDate "2026-03-30"^^xsd:date }}""",
     "polsh:IntervalEquals", "Violation"),
    ("day IRI not its date", swap("<time/day/2025-04-01>", "time:inXSDDate", '"2025-04-01"^^xsd:date',
                                  '"2025-04-02"^^xsd:date'), "polsh:InstantIRI", "Violation"),
    ("calendar year ending early", swap("<time/year/2027>", "time:hasEnd", "<time/day/2027-12-31>", "<time/day/2027-04-01>"),
     "polsh:CalendarYearBounds", "Violation"),
    ("vague period without its wording", "DELETE WHERE { ?d pol:originalText ?t }", "polsh:VagueInterval", "Violation"),
    ("vagueness from another scheme", """DELETE { ?d pol:vagueness ?v } INSERT { ?d pol:vagueness polv:qual-approx }
        WHERE { ?d pol:vagueness ?v }""", "polsh:VagueInterval", "Violation"),
    ("relative period with two anchors", f"INSERT DATA {{ {DATE} pol:anchoredTo <time/day/2025-04-01>, <time/day/2026-03-31> }}",
     "polsh:Interval", "Violation"),
    ("duration with unitType unitHour", swap(DURATION, "time:unitType", "time:unitYear", "time:unitHour"),
     "polsh:Duration", "Violation"),
    ("at-most duration as numericDuration", f"""DELETE DATA {{ {DURATION} schema:maxValue 10.0 }} ;
        INSERT DATA {{ {DURATION} time:numericDuration 10.0 }}""", "polsh:AtMost", "Violation"),
    ("ratio with one term", f"""DELETE WHERE {{ {RATIO} pol:hasTerm <{P}/fact/ratio/734058e843a6/term/2> }} ;
        DELETE WHERE {{ <{P}/fact/ratio/734058e843a6/term/2> ?p ?o }}""", "polsh:Ratio", "Violation"),
    ("ratio share 0", swap(f"<{P}/fact/ratio/734058e843a6/term/2>", "pol:share", "2.0", "0.0"),
     "polsh:RatioTerm", "Violation"),
    ("duplicate positions", swap(f"<{P}/fact/ratio/734058e843a6/term/2>", "pol:position", "2", "1"),
     "polsh:RatioPositions", "Violation"),
    ("matching ratio without the Government", swap(f"<{P}/fact/ratio/734058e843a6/term/1>", "pol:party",
     "polv:party-government", "polv:party-other"), "polsh:MatchingGovernment", "Violation"),
    ("ratio party is a literal", swap(f"<{P}/fact/ratio/734058e843a6/term/1>", "pol:party",
     "polv:party-government", '"政府"@zh-Hant'), "polsh:RatioTerm", "Violation"),
    ("KPI without refPeriod", f"DELETE WHERE {{ {BASELINE} sdmx-dimension:refPeriod ?p }}", "polsh:Observation", "Violation"),
    ("KPI value as text", swap(BASELINE, "<http://purl.org/linked-data/sdmx/2009/measure#obsValue>", "1700000000",
     '"17 億元"'), "polsh:Observation", "Violation"),
    ("two observations with the same dimensions", f"""INSERT {{ <{P}/fact/kpi/000000000000> ?p ?o }}
        WHERE {{ {BASELINE} ?p ?o }}""", "polsh:ObservationUnique", "Violation"),
    ("KPI target without baseline", f"DELETE WHERE {{ {BASELINE} ?p ?o }}", "polsh:TargetWithoutBaseline", "Warning"),
    ("missing measureType", f"DELETE WHERE {{ {MEASURE} pol:measureType ?t }}", "polsh:Measure", "Violation"),
    ("measure type from another scheme", swap(MEASURE, "pol:measureType", "polv:type-scheme", "polv:orgtype-office"),
     "polsh:Measure", "Violation"),
    ("measure with two zh-Hant prefLabels", f'INSERT DATA {{ {MEASURE} skos:prefLabel "加速器計劃"@zh-Hant }}',
     "polsh:Measure", "Violation"),
    ("measure without responsible unit", f"""DELETE WHERE {{ {MEASURE} cv:hasCompetentAuthority ?o }} ;
        DELETE WHERE {{ <{P}/fact/link/4457c65e1650> ?p ?o }}""", "polsh:Measure", "Warning"),
    ("link triple not asserted", f"DELETE DATA {{ {MEASURE} pol:hasAmount {TOTAL} }}", "polsh:LinkAsserted", "Violation"),
    ("link predicate not a measure link", swap(f"<{P}/fact/link/a3aad1370eca>", "rdf:predicate", "pol:hasAmount",
     "skos:related"), "polsh:LinkStatement", "Violation"),
    ("org with two zh-Hant prefLabels", 'INSERT DATA { <org/hk-itib> skos:prefLabel "創科局"@zh-Hant }',
     "polsh:Organisation", "Violation"),
    ("gazetteer org without English name", swap("<org/hk-itib>", "skos:prefLabel",
     '"Innovation, Technology and Industry Bureau"@en', '"創新科技及工業局"@zh-Hant'),
     "polsh:GazetteerOrganisation", "Violation"),
    ("org cycle", "INSERT DATA { <org/hk-government> org:subOrganizationOf <org/hk-itc> }",
     "polsh:OrganisationCycle", "Violation"),
    ("department under a LegCo panel", swap("<org/hk-itc>", "org:subOrganizationOf", "<org/hk-itib>",
     "<org/legco-panel-ciit>"), "polsh:DepartmentParent", "Violation"),
    ("org notation not its IRI slug", swap("<org/hk-itib>", "skos:notation", '"hk-itib"', '"itib"'),
     "polsh:OrganisationNotation", "Violation"),
    ("bad language tag", swap(f"<{P}/zh-hant>", "dct:language", '"zh-Hant"^^xsd:language', '"zh"^^xsd:language'),
     "polsh:Expression", "Violation"),
    ("block text IRI not its language", swap(BLOCK_TEXT, "dct:language", '"zh-Hant"^^xsd:language', '"en"^^xsd:language'),
     "polsh:ExpressionIRI", "Violation"),
    ("two papers in one graph", "INSERT DATA { <paper/another> a eli:Work }", "polsh:Paper", "Violation"),
    ("paper date as text", swap(f"<{P}>", "eli:date_document", '"2024-10-28"^^xsd:date', '"28 October 2024"'),
     "polsh:Paper", "Violation"),
    ("unreadable paper number", f'INSERT DATA {{ <{P}> dct:identifier "CB4 123" }}', "polsh:Paper", "Violation"),
    ("block without DoCO type", f"DELETE DATA {{ <{P}/para_15__p_1> a doco:Paragraph }}", "polsh:Subdivision", "Violation"),
    ("block outside its part", swap(f"<{P}/att_2__item_1>", "eli:is_part_of", f"<{P}/att_2>", f"<{P}/para_15>"),
     "polsh:SubdivisionIRI", "Violation"),
    ("annex not an annex of the paper", f"DELETE DATA {{ <{P}/att_2> eli:is_annex_of <{P}> }}", "polsh:Annex", "Violation"),
    ("page 0", swap(BLOCK_TEXT, "pol:page", "1", "0"), "polsh:Context", "Violation"),
    ("concept without a Chinese label", 'DELETE DATA { polv:qual-exact skos:prefLabel "確數"@zh-Hant }',
     "polsh:Concept", "Violation"),
]
# fmt: on


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


@pytest.fixture(scope="module")
def paper() -> Graph:
    (graph,) = paper_graphs(EXAMPLE)
    return graph


@pytest.fixture(scope="module")
def small(ontology: Ontology, paper: Graph) -> Ontology:
    """The ontology with only the part of reference.ttl the example reaches (its orgs and
    their parents, its years and days), which keeps each variant's run short."""
    keep: set[URIRef] = set()
    todo = [t for triple in paper for t in triple if isinstance(t, URIRef)]
    while todo:
        node = todo.pop()
        if node in keep:
            continue
        keep.add(node)
        todo.extend(o for o in ontology.reference.objects(node) if isinstance(o, URIRef))
    reference = Graph()
    for s, p, o in ontology.reference:
        if s in keep:
            reference.add((s, p, o))
    assert len(reference) < len(ontology.reference) / 10
    return replace(ontology, reference=reference)


def test_example_conforms_without_warnings(paper: Graph, ontology: Ontology) -> None:
    report = validate_graph(paper, ontology, str(EXAMPLE))
    assert report.results == (), "\n".join(map(str, report.results))


def test_example_conforms_with_the_small_reference(paper: Graph, small: Ontology) -> None:
    assert check(merged(paper, small), small) == []


@pytest.mark.parametrize("case, update, shape, severity", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_broken_graph_is_reported_by_its_shape(case: str, update: str, shape: str, severity: str,
                                               paper: Graph, small: Ontology) -> None:
    data = merged(paper, small)
    before = set(data)
    for operation in re.split(r";\s*(?=DELETE|INSERT)", update):  # rdflib keeps the prologue for one operation only
        data.update(PROLOGUE + operation)
    assert set(data) != before, f"the update of {case!r} changed nothing"
    results = check(data, small)
    assert any(r.shape == shape and r.severity == severity for r in results), "\n".join(map(str, results))
    if severity == "Warning":  # a warning alone does not fail the paper
        assert not [r for r in results if r.severity == "Violation"], "\n".join(map(str, results))


# fmt: off
# Changes that keep the graph valid: the rules are not stricter than the design.
ALLOWED = [
    ("measure labelled in Simplified Chinese and English",
     f'INSERT DATA {{ {MEASURE} skos:prefLabel "创科加速器先导计划"@zh-Hans , "I&T Accelerator Pilot Scheme"@en }}'),
    ("Government named by its gazetteer IRI in a matching ratio",
     swap(f"<{P}/fact/ratio/734058e843a6/term/1>", "pol:party", "polv:party-government", "<org/hk-government>")),
    ("a range of money", f"""DELETE DATA {{ {CAP} schema:maxValue 30000000 ; pol:qualifier polv:qual-at-most }} ;
        INSERT DATA {{ {CAP} schema:minValue 15000000 ; schema:maxValue 30000000 ; pol:qualifier polv:qual-exact }}"""),
    ("an exact duration", f"""DELETE DATA {{ {DURATION} schema:maxValue 10.0 ; pol:qualifier polv:qual-at-most }} ;
        INSERT DATA {{ {DURATION} time:numericDuration 10.0 ; time:hasXSDDuration "P10Y"^^xsd:duration ;
                                  pol:qualifier polv:qual-exact }}"""),
    ("a percentage of 100", f"""DELETE DATA {{ {COUNT} schema:unitCode unit:NUM ; schema:value 2500 }} ;
        INSERT DATA {{ {COUNT} schema:unitCode unit:PERCENT ; schema:value 100.0 }}"""),
    ("an open-ended period", f"DELETE DATA {{ {DATE} time:hasEnd <time/day/2026-03-31> ; time:intervalEquals <time/fy/2025-26> }}"),
]
# fmt: on


@pytest.mark.parametrize("case, update", ALLOWED, ids=[a[0] for a in ALLOWED])
def test_allowed_change_still_conforms(case: str, update: str, paper: Graph, small: Ontology) -> None:
    data = merged(paper, small)
    before = set(data)
    for operation in re.split(r";\s*(?=DELETE|INSERT)", update):
        data.update(PROLOGUE + operation)
    assert set(data) != before, f"the update of {case!r} changed nothing"
    assert check(data, small) == []
