"""reference.ttl is what the gazetteer generates; policy.ttl labels every term in both
languages and has a concept for every value the extractor and the gazetteer use."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL

from extractor.normalize import to_simplified
from extractor.ontology_build import CSV_PATH, REFERENCE_PATH, main, reference_text
from extractor.recognizers.measures import EN_TYPES, ZH_TYPES
from extractor.vocab import ID, ORG, POL, POLU, POLV, SKOS, TIME, org_iri

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
ROWS = list(csv.DictReader(CSV_PATH.open(encoding="utf-8", newline="")))


@pytest.fixture(scope="module")
def reference() -> Graph:
    return Graph().parse(REFERENCE_PATH, format="turtle")


@pytest.fixture(scope="module")
def policy() -> Graph:
    return Graph().parse(ONTOLOGY / "policy.ttl", format="turtle")


def test_reference_is_up_to_date() -> None:
    assert REFERENCE_PATH.read_text(encoding="utf-8") == reference_text(), "run `make ontology`"
    assert main(["--check"]) == 0


def test_generation_is_byte_stable() -> None:
    assert reference_text() == reference_text()


def test_check_fails_on_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "reference.ttl"
    stale.write_text(reference_text().replace("Innovation and Technology Commission", "ITC"), encoding="utf-8")
    assert main(["--check", "-o", str(stale)]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["-o", str(stale)]) == 0
    assert main(["--check", "-o", str(stale)]) == 0


def test_every_org_has_one_label_per_language(reference: Graph) -> None:
    assert len(ROWS) > 250
    for row in ROWS:
        labels = {(lit.language, str(lit)) for lit in reference.objects(org_iri(row["id"]), SKOS["prefLabel"])}
        assert labels == {("zh-Hant", row["zh"]), ("en", row["en"]), ("zh-Hans", to_simplified(row["zh"]))}, row["id"]


@pytest.mark.parametrize("org_id, types, classification, parent, alt", [
    ("hk-itib", {ORG["FormalOrganization"], URIRef("http://data.europa.eu/m8g/PublicOrganisation"),
                 URIRef("https://schema.org/GovernmentOrganization")}, "orgtype-bureau", "hk-government",
     {("創科及工業局", "zh-Hant"), ("創科局", "zh-Hant"), ("ITIB", "en")}),
    ("hk-hkstp", {ORG["FormalOrganization"], URIRef("http://data.europa.eu/m8g/PublicOrganisation")},
     "orgtype-statutory-body", "hk-itib", None),
    ("legco-panel-ciit", {ORG["OrganizationalUnit"]}, "orgtype-legco-panel", "legco", None),
    ("cn-most", {ORG["FormalOrganization"]}, "orgtype-mainland", "cn-state-council", None),
])
def test_org_description(reference: Graph, org_id: str, types: set[URIRef], classification: str,
                         parent: str, alt: set[tuple[str, str]] | None) -> None:
    org = org_iri(org_id)
    assert set(reference.objects(org, RDF.type)) == types
    assert list(reference.objects(org, ORG["classification"])) == [POLV[classification]]
    assert list(reference.objects(org, ORG["subOrganizationOf"])) == [org_iri(parent)]
    assert reference.value(org, SKOS["notation"]) == Literal(org_id)
    if alt is not None:
        assert {(str(a), a.language) for a in reference.objects(org, SKOS["altLabel"])} == alt


def test_legco_units_are_units_of_the_council(reference: Graph) -> None:
    units = {row["id"] for row in ROWS if row["type"] in ("legco-panel", "legco-committee")}
    assert len(units) == 28
    assert {str(s).rpartition("/")[2] for s in reference.subjects(ORG["unitOf"], org_iri("legco"))} == units


@pytest.mark.parametrize("start, notation, begin, end", [
    (1997, "1997-98", "1997-04-01", "1998-03-31"),
    (1999, "1999-00", "1999-04-01", "2000-03-31"),
    (2025, "2025-26", "2025-04-01", "2026-03-31"),
    (2027, "2027-28", "2027-04-01", "2028-03-31"),  # 2028 is a leap year; the year still ends on 31 March
    (2049, "2049-50", "2049-04-01", "2050-03-31"),
])
def test_fiscal_year_bounds(reference: Graph, start: int, notation: str, begin: str, end: str) -> None:
    fy = ID[f"time/fy/{notation}"]
    assert (fy, RDF.type, POL["FiscalYear"]) in reference
    assert reference.value(fy, SKOS["notation"]) == Literal(notation)
    for prop, day in ((TIME["hasBeginning"], begin), (TIME["hasEnd"], end)):
        instant = reference.value(fy, prop)
        assert instant == ID[f"time/day/{day}"]
        assert (instant, RDF.type, TIME["Instant"]) in reference
        assert str(reference.value(instant, TIME["inXSDDate"])) == day


def test_fiscal_and_calendar_year_ranges(reference: Graph) -> None:
    fys = sorted(str(reference.value(fy, SKOS["notation"])) for fy in reference.subjects(RDF.type, POL["FiscalYear"]))
    assert (fys[0], fys[-1], len(fys)) == ("1997-98", "2049-50", 53)
    years = sorted(str(y) for y in reference.objects(None, TIME["inXSDgYear"]))
    assert (years[0], years[-1], len(years)) == ("1997", "2050", 54)
    assert str(reference.value(ID["time/year/2024"], TIME["hasEnd"])).endswith("/time/day/2024-12-31")


def test_no_blank_nodes(reference: Graph, policy: Graph) -> None:
    for graph in (reference, policy):
        assert not [t for triple in graph for t in triple if isinstance(t, BNode)]


def test_minted_terms_are_labelled_in_both_languages(policy: Graph) -> None:
    minted = {s for s in policy.subjects() if isinstance(s, URIRef) and str(s).startswith((str(POL), str(POLU)))}
    assert {POL["sourceBegin"], POL["sourceEnd"], POL["countOf"], POL["page"], POL["position"], POL["evidence"],
            POL["FiscalYear"], POLU["PetaFLOPS"]} <= minted
    for term in minted:
        for prop in (RDFS.label, RDFS.comment):
            langs = sorted(lit.language for lit in policy.objects(term, prop))
            assert langs == ["en", "zh-Hant"], (term, prop)


def test_minted_properties_of_the_design_are_declared(policy: Graph) -> None:
    names = [
        "measureType", "announcedIn", "hasAmount", "hasQuantity", "hasRatio", "hasDate", "hasDuration",
        "hasIndicator", "enhances", "implementedBy", "amountRole", "qualifier", "period", "countOf",
        "hasTerm", "party", "share", "ratioBasis", "indicator", "observationRole", "vagueness", "anchoredTo",
        "edtf", "submittedTo", "meetingDate", "page", "position", "sha256", "originalText", "evidence",
        "sourceBegin", "sourceEnd"
    ]
    for name in names:
        kinds = set(policy.objects(POL[name], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    assert (POL["countOf"], RDF.type, OWL.DatatypeProperty) in policy
    assert (POL["evidence"], RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in policy


def test_every_concept_has_a_scheme_and_two_labels(policy: Graph) -> None:
    concepts = set(policy.subjects(RDF.type, SKOS["Concept"]))
    assert len(concepts) == 86
    for concept in concepts:
        scheme = policy.value(concept, SKOS["inScheme"])
        assert (scheme, RDF.type, SKOS["ConceptScheme"]) in policy, concept
        assert sorted(lit.language for lit in policy.objects(concept, SKOS["prefLabel"])) == ["en", "zh-Hant"], concept
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", str(concept).removeprefix(str(POLV))), concept


def _scheme(policy: Graph, name: str) -> set[str]:
    return {str(c).removeprefix(str(POLV)) for c in policy.subjects(SKOS["inScheme"], POLV[f"scheme-{name}"])}


def test_measure_types_cover_the_recognizer(policy: Graph) -> None:
    emitted = {kind for _, kind in ZH_TYPES} | set(EN_TYPES.values()) | {"Initiative"}
    assert _scheme(policy, "measure-type") == {f"type-{kind.lower()}" for kind in emitted}


def test_sectors_are_the_rows_of_sectors_csv(policy: Graph) -> None:
    rows = list(csv.DictReader((ONTOLOGY / "sectors.csv").open(encoding="utf-8", newline="")))
    assert _scheme(policy, "sector") == {f"sector-{row['id']}" for row in rows}
    for row in rows:
        labels = {(str(lit), lit.language) for lit in policy.objects(POLV[f"sector-{row['id']}"], SKOS["prefLabel"])}
        assert labels == {(row["en"], "en"), (row["zh"], "zh-Hant")}


def test_org_types_cover_the_gazetteer(policy: Graph) -> None:
    assert _scheme(policy, "org-type") == {f"orgtype-{row['type']}" for row in ROWS}


@pytest.mark.parametrize("scheme, concepts", [
    ("qualifier", {"qual-exact", "qual-approx", "qual-at-least", "qual-at-most"}),
    ("amount-role", {"role-total-allocation", "role-fund-size", "role-per-project-cap", "role-government-contribution",
                     "role-private-investment", "role-unspecified"}),
    ("party", {"party-government", "party-other"}),
    ("obs-role", {"obs-baseline", "obs-target", "obs-actual"}),
    ("ratio-basis", {"basis-matching", "basis-cost-sharing", "basis-co-investment"}),
    ("measure-status", {"status-new", "status-enhanced", "status-continuing"}),
])
def test_closed_schemes(policy: Graph, scheme: str, concepts: set[str]) -> None:
    assert _scheme(policy, scheme) == concepts


def test_work_types_include_the_writer_values(policy: Graph) -> None:
    assert {"worktype-legco-discussion-paper", "worktype-fc-paper", "worktype-policy-address", "worktype-budget-speech",
            "worktype-submission", "worktype-other", "worktype-legco-information-paper",
            "worktype-legco-paper"} <= _scheme(policy, "work-type")


def test_all_twelve_schemes_exist(policy: Graph) -> None:
    names = {str(s).removeprefix(str(POLV) + "scheme-") for s in policy.subjects(RDF.type, SKOS["ConceptScheme"])}
    assert names == {"work-type", "measure-type", "measure-status", "sector", "amount-role", "qualifier", "party",
                     "org-type", "obs-role", "ratio-basis", "vagueness", "countable"}
    assert all(_scheme(policy, name) for name in names)


def test_petaflops_unit(policy: Graph) -> None:
    unit = POLU["PetaFLOPS"]
    assert (unit, RDF.type, URIRef("http://qudt.org/schema/qudt/Unit")) in policy
    assert policy.value(unit, URIRef("http://qudt.org/schema/qudt/conversionMultiplier")).toPython() == 10**15
    assert policy.value(unit, SKOS["notation"]) == Literal("PFLOPS")
