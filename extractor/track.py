"""Timelines and revisions: one measure followed across papers and years.

The Policy Address announces a measure, the Budget funds it, next year's Policy Address
raises its target or moves its date. This module reads what every paper of a graphs folder
says about each measure (through `extractor.query`, either engine) into plain records, one
`Statement` per (measure, paper), and compares consecutive statements of one *series*
(`pol:series` of the paper, else its kind, `eli:work_type`) in plain Python:

- ``amount``: the measure's money differs (values that are KPI baselines or targets are
  compared as targets, not here);
- ``date``: its dates differ. A date read relative to the paper's own date (`今年`, `未來五年`)
  and restated in the same words is compared by month: said again two days later it says
  the same, said again a year later (`今年` of 2024, then of 2025) it moved;
- ``target-raised`` / ``target-lowered``: a KPI target of the same indicator changed value
  (``target`` when an indicator's target appears or goes);
- ``unit``: its responsible units (`cv:hasCompetentAuthority`) differ;
- ``dropped``: the next paper of the series does not state the measure.

Papers of one series with the same date (a Policy Address and its excerpt, a PDF and a
text of one paper) are one *edition*: they are compared with the next edition together,
never with each other.

A measure is one node across papers when `extractor.registry` gives it one
(`measure/<id>`); in graphs where each paper has its own measure nodes, nodes whose
preferred labels share a normal form (`label_key`) are one measure.

Examples:
    >>> label_key("Ｉ＆Ｔ  Accelerator Pilot Scheme") == label_key("i&t accelerator pilot scheme")
    True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import ExtractorError

BASE = "https://w3id.org/legco-kg/id/"
#: Revision kinds, in the order they are reported.
CHANGES = ("amount", "date", "target-raised", "target-lowered", "target", "unit", "dropped")
#: How many close labels a did-you-mean names.
DEFAULT_SUGGESTIONS = 5
RE_SPACE = re.compile(r"[\s\u00ad\u200b]+")


class TrackError(ExtractorError, ValueError):
    """A measure or paper that is not in the graphs: the message names it and the closest ones."""


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper of the graphs: its key (`paper/<key>`), date, kind and series."""

    key: str
    date: str | None
    kind: str
    series: str
    title: str = ""
    hashes: tuple[str, ...] = ()  # sha256 of the files it was read from


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date fact as a measure's statement holds it: its interval, the words and whether
    it was read relative to the paper's date."""

    begin: str | None
    end: str | None
    words: str = ""
    relative: bool = False

    def text(self) -> str:
        if self.begin == self.end:
            return self.begin or "?"
        return f"{self.begin or '…'} – {self.end or '…'}"

    def key(self) -> tuple[Any, ...]:
        """What two statements must share for the date to be the same (see the module doc)."""
        if self.relative:
            return ("relative", label_key(self.words), (self.begin or "")[:7], (self.end or "")[:7])
        return ("absolute", self.begin, self.end)


@dataclass(frozen=True, slots=True, order=True)
class Target:
    """A KPI target: the indicator, the year it is due, the value and its unit."""

    indicator: str
    year: int | None
    value: float
    unit: str

    def text(self) -> str:
        number = f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:,g}"
        unit = self.unit.removeprefix("CCY_")
        shown = f"{unit} {number}" if self.unit.startswith("CCY_") else f"{number} {unit}".strip()
        return f"{self.indicator}: {shown}" + (f" by {self.year}" if self.year else "")


@dataclass(frozen=True, slots=True)
class Statement:
    """What one paper says about one measure (one row of `queries/measure-timeline.rq`)."""

    measure: str  # the measure node's IRI
    label: str
    paper: str  # the paper's key
    paragraph: str = ""  # eId of the first part naming it: para_15, att_2
    page: int | None = None
    sentence: str = ""
    amounts: tuple[str, ...] = ()
    dates: tuple[DateValue, ...] = ()
    ratios: tuple[str, ...] = ()
    quantities: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Revision:
    """A change between two editions of a series: ``was`` in the earlier, ``now`` in the later."""

    change: str
    label: str
    earlier: tuple[str, ...]  # paper keys of the earlier edition
    later: tuple[str, ...]
    was: tuple[str, ...] = ()
    now: tuple[str, ...] = ()

    def text(self) -> str:
        where = f"{'+'.join(self.earlier)} → {'+'.join(self.later)}"
        if self.change == "dropped":
            return f"dropped: not in {'+'.join(self.later)} (last stated in {'+'.join(self.earlier)})"
        return f"{self.change}: {'; '.join(self.was) or '—'} → {'; '.join(self.now) or '—'} ({where})"


@dataclass(frozen=True, slots=True)
class Timeline:
    """One measure across the corpus: its statements by paper date, and the revisions."""

    label: str
    measures: tuple[str, ...]
    labels: tuple[str, ...]
    statements: tuple[Statement, ...]
    revisions: tuple[Revision, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    papers: dict[str, Paper]
    statements: tuple[Statement, ...]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group id → measure IRIs


# --- names -----------------------------------------------------------------------------------


def label_key(text: str) -> str:
    """The normal form labels are matched in: width folded (NFKC), case folded, no spaces."""
    try:
        from .registry import normal_form  # type: ignore[attr-defined]
    except ImportError:
        return RE_SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())
    return normal_form(text)  # type: ignore[no-any-return]


def paper_key_of(iri: str) -> str:
    return iri[len(BASE) + len("paper/"):] if iri.startswith(BASE + "paper/") else iri


def _series(series: str | None, kind: str, key: str) -> str:
    """`pol:series` when the graph states one; else the kind, except for papers of no known
    kind, which are a series of their own."""
    if series:
        return series.rsplit("/", 1)[-1].removeprefix("series-")
    return kind if kind and kind != "other" else f"paper:{key}"


# --- revisions (plain Python over the records) -----------------------------------------------


def _merged(statements: Sequence[Statement]) -> dict[str, set[Any]]:
    """What an edition says about a measure: the union over its papers."""
    out: dict[str, set[Any]] = {"amounts": set(), "dates": set(), "units": set(), "targets": set()}
    for s in statements:
        out["amounts"].update(s.amounts)
        out["dates"].update(s.dates)
        out["units"].update(s.units)
        out["targets"].update(s.targets)
    return out


def compare(label: str, earlier: Sequence[Statement], later: Sequence[Statement]) -> list[Revision]:
    """The revisions between two editions' statements of one measure."""
    a, b = _merged(earlier), _merged(later)
    before, after = tuple(sorted({s.paper for s in earlier})), tuple(sorted({s.paper for s in later}))
    found: list[Revision] = []

    def changed(kind: str, was: Iterable[str], now: Iterable[str]) -> None:
        found.append(Revision(kind, label, before, after, tuple(sorted(was)), tuple(sorted(now))))

    if a["amounts"] != b["amounts"]:
        changed("amount", a["amounts"] - b["amounts"], b["amounts"] - a["amounts"])
    dates_a = {d.key(): d for d in a["dates"]}
    dates_b = {d.key(): d for d in b["dates"]}
    if set(dates_a) != set(dates_b):
        changed("date", {dates_a[k].text() for k in set(dates_a) - set(dates_b)},
                {dates_b[k].text() for k in set(dates_b) - set(dates_a)})
    found.extend(_target_changes(label, before, after, a["targets"], b["targets"]))
    if a["units"] != b["units"]:
        changed("unit", a["units"] - b["units"], b["units"] - a["units"])
    return found


def _target_changes(label: str, before: tuple[str, ...], after: tuple[str, ...],
                    was: set[Target], now: set[Target]) -> list[Revision]:
    """KPI targets matched by indicator (and unit): a value up or down, or a target that
    appears or goes."""
    by_indicator_a: dict[tuple[str, str], set[Target]] = defaultdict(set)
    by_indicator_b: dict[tuple[str, str], set[Target]] = defaultdict(set)
    for t in was:
        by_indicator_a[(label_key(t.indicator), t.unit)].add(t)
    for t in now:
        by_indicator_b[(label_key(t.indicator), t.unit)].add(t)
    found = []
    for key in sorted(set(by_indicator_a) | set(by_indicator_b)):
        old, new = by_indicator_a.get(key, set()), by_indicator_b.get(key, set())
        if old == new:
            continue
        if old and new:
            high_old, high_new = max(t.value for t in old), max(t.value for t in new)
            kind = ("target-raised" if high_new > high_old else "target-lowered" if high_new < high_old
                    else "target")
        else:
            kind = "target"
        found.append(Revision(kind, label, before, after, tuple(t.text() for t in sorted(old - new)),
                              tuple(t.text() for t in sorted(new - old))))
    return found


def revisions(statements: Sequence[Statement], papers: dict[str, Paper]) -> list[Revision]:
    """Revisions of one measure: consecutive editions of each series that state it are
    compared, and an edition followed by one of its series that does not state it gives
    ``dropped``."""
    label = statements[0].label if statements else ""
    editions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))  # series → date → papers
    for paper in papers.values():
        if paper.date:
            editions[paper.series][paper.date].append(paper.key)
    stated: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for s in statements:
        paper = papers.get(s.paper)
        if paper is not None and paper.date:
            stated[paper.series][paper.date].append(s)
    found: list[Revision] = []
    for series in sorted(stated):
        dates = sorted(stated[series])
        for earlier, later in zip(dates, dates[1:]):
            found.extend(compare(label, stated[series][earlier], stated[series][later]))
        all_dates = sorted(editions[series])
        for day in dates:
            following = [d for d in all_dates if d > day]
            if following and following[0] not in stated[series]:
                found.append(Revision("dropped", label, tuple(sorted({s.paper for s in stated[series][day]})),
                                      tuple(sorted(editions[series][following[0]]))))
    return sorted(found, key=lambda r: (_date_of(r.later, papers), r.later, CHANGES.index(r.change), r.was, r.now))


def _date_of(keys: Iterable[str], papers: dict[str, Paper]) -> str:
    return min((papers[k].date or "" for k in keys if k in papers), default="")


# --- reading the graphs ----------------------------------------------------------------------

PAPERS_QUERY = """
SELECT DISTINCT ?paper ?date ?workType ?series ?title ?sha WHERE {
  GRAPH ?g { ?paper a eli:Work ; eli:is_realized_by ?expression . }
  OPTIONAL { ?paper eli:date_document ?date }
  OPTIONAL { ?paper eli:work_type ?workType }
  OPTIONAL { ?paper pol:series ?series }
  OPTIONAL { ?paper dct:title ?title }
  OPTIONAL { ?expression eli:is_embodied_by/pol:sha256 ?sha }
}"""

LABELS_QUERY = """
SELECT DISTINCT ?measure ?label ?lang ?preferred WHERE {
  ?measure a pol:PolicyMeasure .
  { ?measure skos:prefLabel ?label BIND(true AS ?preferred) }
  UNION { ?measure skos:altLabel ?label BIND(false AS ?preferred) }
  BIND(LCASE(LANG(?label)) AS ?lang)
}"""

MENTIONS_QUERY = """
SELECT DISTINCT ?measure ?paper ?position ?begin ?part ?page ?sentence WHERE {
  GRAPH ?g {
    ?measure a pol:PolicyMeasure ; pol:announcedIn ?paper .
    OPTIONAL {
      ?span itsrdf:taIdentRef ?measure ; nif:referenceContext ?context ; nif:beginIndex ?begin .
      ?context eli:realizes ?block .
      ?block pol:position ?position ; eli:is_part_of ?part .
      OPTIONAL { ?context pol:page ?page }
      OPTIONAL { ?span nif:sentence/nif:anchorOf ?sentence }
    }
  }
}"""

FACTS_QUERY = """
SELECT DISTINCT ?measure ?paper ?link ?fact ?value ?min ?max ?currency ?qualifier ?unitCode ?countOf
       ?begin ?end ?anchor ?quote ?label ?lang WHERE {
  GRAPH ?g {
    VALUES ?link { pol:hasAmount pol:hasDate pol:hasRatio pol:hasQuantity cv:hasCompetentAuthority }
    ?measure pol:announcedIn ?paper ; ?link ?fact .
  }
  OPTIONAL { ?fact schema:value ?value } OPTIONAL { ?fact schema:minValue ?min }
  OPTIONAL { ?fact schema:maxValue ?max } OPTIONAL { ?fact schema:currency ?currency }
  OPTIONAL { ?fact pol:qualifier ?qualifier } OPTIONAL { ?fact schema:unitCode ?unitCode }
  OPTIONAL { ?fact pol:countOf ?countOf }
  OPTIONAL { ?fact time:hasBeginning/time:inXSDDate ?begin } OPTIONAL { ?fact time:hasEnd/time:inXSDDate ?end }
  OPTIONAL { ?fact pol:anchoredTo ?anchor }
  OPTIONAL { ?fact pol:evidence/nif:anchorOf ?quote }
  OPTIONAL { ?fact skos:prefLabel ?label BIND(LCASE(LANG(?label)) AS ?lang) }
}"""

RATIO_TERMS_QUERY = """
SELECT DISTINCT ?fact ?position ?share ?party ?lang WHERE {
  ?fact a pol:Ratio ; pol:hasTerm ?term .
  ?term pol:position ?position ; pol:share ?share .
  OPTIONAL { ?term rdfs:label ?party BIND(LCASE(LANG(?party)) AS ?lang) }
}"""

TARGETS_QUERY = """
SELECT DISTINCT ?measure ?paper ?fact ?role ?indicatorNode ?indicator ?lang ?year ?value ?unit WHERE {
  ?observation pol:observationRole ?role ; pol:evidence ?span ; pol:indicator ?indicatorNode ;
               sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit .
  ?indicatorNode skos:prefLabel ?indicator .
  BIND(LCASE(LANG(?indicator)) AS ?lang)
  OPTIONAL { ?observation sdmx-dimension:refPeriod ?year }
  ?fact pol:evidence ?span .
  FILTER(?fact != ?observation)
  GRAPH ?g { ?measure pol:announcedIn ?paper ; ?link ?fact . }
  FILTER(?link IN (pol:hasAmount, pol:hasQuantity))
}"""


def _rows(engine: str, data: Any, text: str) -> list[dict[str, str]]:
    from .query import run

    result = run(engine, data, text)
    return [{v: t.value for v, t in zip(result.variables, row) if t is not None} for row in result.rows]


def open_graphs(graphs: str | Path, engine: str = "auto") -> tuple[str, Any]:
    """The graphs of a folder loaded for querying, with the engine that holds them."""
    from .query import choose_engine, graph_files, load

    files = graph_files(graphs)
    chosen = choose_engine(engine, files)
    return chosen, load(chosen, files)


def read_corpus(graphs: str | Path, engine: str = "auto") -> Corpus:
    """Every (measure, paper) statement of a graphs folder, with the papers."""
    chosen, data = open_graphs(graphs, engine)
    return corpus_from_rows(**{name: _rows(chosen, data, text) for name, text in (
        ("papers", PAPERS_QUERY), ("labels", LABELS_QUERY), ("mentions", MENTIONS_QUERY),
        ("facts", FACTS_QUERY), ("ratio_terms", RATIO_TERMS_QUERY), ("targets", TARGETS_QUERY))})


def _number(text: str | None) -> float | None:
    return None if text is None else float(text)


def corpus_from_rows(papers: list[dict[str, str]], labels: list[dict[str, str]], mentions: list[dict[str, str]],
                     facts: list[dict[str, str]], ratio_terms: list[dict[str, str]],
                     targets: list[dict[str, str]]) -> Corpus:
    """The records of the query rows (each row a {variable: lexical value})."""
    from .export import value_text

    paper_rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in papers:
        paper_rows[paper_key_of(row["paper"])].append(row)
    found_papers = {}
    for key, rows in sorted(paper_rows.items()):
        kind = min((r["workType"].rsplit("/", 1)[-1].removeprefix("worktype-") for r in rows if "workType" in r),
                   default="other")
        series = min((r["series"] for r in rows if "series" in r), default=None)
        found_papers[key] = Paper(key, min((r["date"] for r in rows if "date" in r), default=None), kind,
                                  _series(series, kind, key), min((r["title"] for r in rows if "title" in r), default=""),
                                  tuple(sorted({r["sha"] for r in rows if "sha" in r})))

    names: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for row in labels:
        names[row["measure"]].append((row.get("preferred") == "true", row["label"], row.get("lang", "")))

    first: dict[tuple[str, str], tuple[int, int, str, int | None, str]] = {}
    for row in mentions:
        key = (row["measure"], paper_key_of(row["paper"]))
        place = (int(row.get("position", 10**9)), int(row.get("begin", 0)),
                 row.get("part", "").rsplit("/", 1)[-1], int(row["page"]) if "page" in row else None,
                 row.get("sentence", ""))
        if key not in first or place < first[key]:  # type: ignore[operator]
            first[key] = place

    parties: dict[tuple[str, int], list[tuple[bool, str, str]]] = defaultdict(list)
    shares: dict[tuple[str, int], float] = {}
    for row in ratio_terms:
        term = (row["fact"], int(row["position"]))
        shares[term] = float(row["share"])
        if row.get("party"):
            parties[term].append((True, row["party"], row.get("lang", "")))
    terms: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (fact, position), share in shares.items():
        party = display_label(parties.get((fact, position), []))
        terms[fact].append((position, f"{share:g}" + (f" ({party})" if party else "")))

    kpi_facts: set[str] = set()
    goals: dict[tuple[str, str], set[Target]] = defaultdict(set)
    indicator_names: dict[str, list[tuple[bool, str, str]]] = defaultdict(list)
    for row in targets:
        indicator_names[row["indicatorNode"]].append((True, row["indicator"], row.get("lang", "")))
    for row in targets:
        kpi_facts.add(row["fact"])  # a KPI baseline or target is compared as a target, not as an amount
        if not row["role"].endswith("obs-target"):
            continue
        year = row.get("year", "").rsplit("/", 1)[-1]
        goals[(row["measure"], paper_key_of(row["paper"]))].add(
            Target(display_label(indicator_names[row["indicatorNode"]]), int(year) if year.isdigit() else None,
                   float(row["value"]), row["unit"].rsplit("/", 1)[-1]))

    values: dict[tuple[str, str], dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    quotes: dict[str, set[str]] = defaultdict(set)
    for row in facts:
        if "quote" in row:
            quotes[row["fact"]].add(row["quote"])
    for row in facts:
        key = (row["measure"], paper_key_of(row["paper"]))
        link = row["link"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        qualifier = (row.get("qualifier") or "").rsplit("/", 1)[-1].removeprefix("qual-").replace("_", "-")
        if link == "hasAmount" and row["fact"] not in kpi_facts:
            values[key]["amounts"].add(value_text("amount", {
                "currency": row.get("currency"), "amount": _int(row.get("value")), "amount_min": _int(row.get("min")),
                "amount_max": _int(row.get("max")), "qualifier": qualifier}))
        elif link == "hasQuantity" and row["fact"] not in kpi_facts:
            values[key]["quantities"].add(value_text("quantity", {
                "value": _number(row.get("value")), "value_min": _number(row.get("min")),
                "value_max": _number(row.get("max")), "qualifier": qualifier, "count_of": row.get("countOf"),
                "unit": (row.get("unitCode") or "").rsplit("/", 1)[-1]}))
        elif link == "hasDate":
            values[key]["dates"].add(DateValue(row.get("begin"), row.get("end"), min(quotes[row["fact"]], default=""),
                                               "anchor" in row))
        elif link == "hasRatio":
            values[key]["ratios"].add(" : ".join(t for _, t in sorted(terms.get(row["fact"], []))))
        elif link == "hasCompetentAuthority":
            values[key]["units"].add(row["fact"])
    unit_names: dict[str, list[tuple[bool, str, str]]] = defaultdict(list)
    for row in facts:
        if row["link"].endswith("hasCompetentAuthority") and "label" in row:
            unit_names[row["fact"]].append((True, row["label"], row.get("lang", "")))

    statements = []
    for key in sorted(set(first) | set(values) | set(goals)):
        measure, paper = key
        if paper not in found_papers:
            continue
        position = first.get(key, (0, 0, "", None, ""))
        v = values.get(key, {})
        statements.append(Statement(
            measure, display_label(names.get(measure, [])), paper, position[2], position[3], position[4],
            tuple(sorted(v.get("amounts", ()))), tuple(sorted(v.get("dates", ()), key=_date_order)), tuple(sorted(v.get("ratios", ()))),
            tuple(sorted(v.get("quantities", ()))),
            tuple(sorted(_unit_label(u, unit_names) for u in v.get("units", ()))),
            tuple(sorted(goals.get(key, ()))), tuple(sorted({label for _, label, _ in names.get(measure, [])}))))
    return Corpus(found_papers, tuple(statements), group_measures(statements, names))


def _date_order(value: DateValue) -> tuple[str, str, str]:
    return (value.begin or "", value.end or "", value.words)


def _int(text: str | None) -> int | None:
    return None if text is None else int(float(text))


def _unit_label(iri: str, names: dict[str, list[tuple[bool, str, str]]]) -> str:
    """A responsible unit by its Traditional Chinese name (else English), else its IRI's last part."""
    return display_label(names.get(iri, [])) or iri.rsplit("/", 1)[-1]


#: Languages of labels in the order they are shown.
LABEL_LANGUAGES = ("zh-hant", "zh", "en", "", "zh-hans")


def display_label(names: Sequence[tuple[bool, str, str]]) -> str:
    """The label a measure, unit or indicator is shown by: preferred before alternative,
    Traditional Chinese, then English, Simplified last."""
    def rank(entry: tuple[bool, str, str]) -> tuple[int, int, str]:
        preferred, label, lang = entry
        lang = lang.lower()
        return (not preferred, LABEL_LANGUAGES.index(lang) if lang in LABEL_LANGUAGES else 3, label)

    return min(names, key=rank)[1] if names else ""


def group_measures(statements: Sequence[Statement],
                   names: dict[str, list[tuple[bool, str, str]]]) -> dict[str, tuple[str, ...]]:
    """Measure nodes that are one measure. Graphs where a node is stated by several papers
    (`extractor.registry`) already say it: each node is one measure (the registry keeps apart
    names it knows to be different measures, such as each paper's own `專責小組`). In graphs
    where each paper has its own measure nodes, nodes whose preferred labels share a normal
    form are one measure."""
    papers_of: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        papers_of[s.measure].add(s.paper)
    if any(len(papers) > 1 for papers in papers_of.values()):
        return {measure: (measure,) for measure in sorted(papers_of)}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for measure in sorted({s.measure for s in statements}):
        find(measure)
        for is_preferred, label, _ in names.get(measure, []):
            if is_preferred:
                a, b = find(measure), find("label:" + label_key(label))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for measure in sorted({s.measure for s in statements}):
        groups[find(measure)].append(measure)
    return {members[0]: tuple(members) for members in groups.values()}


# --- the timeline of one measure -------------------------------------------------------------


def timeline_of(corpus: Corpus, members: Iterable[str]) -> Timeline:
    """The statements of the measure nodes ``members`` by paper date, with their revisions."""
    wanted = set(members)
    rows = [s for s in corpus.statements if s.measure in wanted]
    rows.sort(key=lambda s: (corpus.papers[s.paper].date or "", s.paper, s.measure))
    labels = tuple(sorted({label for s in rows for label in s.labels}))
    label = min((s.label for s in rows if s.label), key=lambda l: (not re.search(r"[\u4e00-\u9fff]", l), l),
                default=labels[0] if labels else "")
    rows = [s if s.label == label else _relabel(s, label) for s in rows]
    return Timeline(label, tuple(sorted(wanted)), labels, tuple(rows), tuple(revisions(rows, corpus.papers)))


def _relabel(statement: Statement, label: str) -> Statement:
    from dataclasses import replace

    return replace(statement, label=label)


def find_measure(corpus: Corpus, name: str, suggestions: int = DEFAULT_SUGGESTIONS) -> Timeline:
    """The timeline of the measure called ``name`` (any label, any language, any width or
    case); a name contained in the labels of one measure only will do. No match: a
    `TrackError` naming the closest labels."""
    wanted = label_key(name)
    if not wanted:
        raise TrackError("expected a measure name, got an empty one")
    labels_of: dict[str, set[str]] = defaultdict(set)
    for s in corpus.statements:
        labels_of[s.measure].update(s.labels)
    group_of = {m: g for g, members in corpus.groups.items() for m in members}
    exact = {group_of[m] for m, labels in labels_of.items() if any(label_key(l) == wanted for l in labels)}
    partial = {group_of[m] for m, labels in labels_of.items() if any(wanted in label_key(l) for l in labels)}
    chosen = exact or partial
    if len(chosen) == 1:
        return timeline_of(corpus, corpus.groups[next(iter(chosen))])
    if len(chosen) > 1:
        shown = sorted({timeline_of(corpus, corpus.groups[g]).label for g in chosen})
        raise TrackError(f"{name!r} names {len(chosen)} measures: {', '.join(shown[:12])}"
                         f"{' …' if len(shown) > 12 else ''}; give one of these names in full")
    every = sorted({l for labels in labels_of.values() for l in labels})
    keyed = {label_key(l): l for l in every}
    close = difflib.get_close_matches(wanted, list(keyed), n=suggestions, cutoff=0.4)
    hint = f"; did you mean {', '.join(repr(keyed[c]) for c in close)}?" if close else ""
    raise TrackError(f"no measure named {name!r} in the graphs{hint}")


# --- comparing two papers --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaperDiff:
    earlier: Paper
    later: Paper
    new: tuple[str, ...]
    continued: tuple[tuple[str, tuple[Revision, ...]], ...]
    dropped: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    own: tuple[str, ...] = ()  # names each paper has its own measure of (registry scope `paper`)

    @property
    def changes(self) -> tuple[Revision, ...]:
        return tuple(r for _, found in self.continued for r in found)


def find_paper(corpus: Corpus, name: str, folder: Path | None = None) -> Paper:
    """A paper by its key (`zh-2024-pa-full`) or by the file it was read from (its name, or
    a path: matched by the file's SHA-256, which the graph records)."""
    from .vocab import paper_key, slug

    if name in corpus.papers:
        return corpus.papers[name]
    path = Path(name)
    for candidate in (path, (folder / path.name) if folder else None):
        if candidate is not None and candidate.is_file():
            import hashlib

            digest = hashlib.sha256(candidate.read_bytes()).hexdigest()
            hits = [p for p in corpus.papers.values() if digest in p.hashes]
            if hits:
                return hits[0]
    for key in (slug(path.name), paper_key(None, path.stem), slug(path.stem)):
        if key in corpus.papers:
            return corpus.papers[key]
    close = difflib.get_close_matches(slug(path.name), list(corpus.papers), n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise TrackError(f"no paper {name!r} in the graphs{hint} (papers: {', '.join(sorted(corpus.papers))})")


def diff_papers(corpus: Corpus, earlier: Paper, later: Paper) -> PaperDiff:
    """The measures ``later`` states that ``earlier`` does not (new), both state (continued,
    with their changes) and only ``earlier`` states (dropped)."""
    group_of = {m: g for g, members in corpus.groups.items() for m in members}
    by_group: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for s in corpus.statements:
        if s.paper in (earlier.key, later.key):
            by_group[group_of[s.measure]][s.paper].append(s)
    warnings = []
    if earlier.series != later.series:
        warnings.append(f"{earlier.key} ({earlier.series}) and {later.key} ({later.series}) are not one series; "
                        "compared anyway")
    if earlier.date and later.date and earlier.date > later.date:
        warnings.append(f"{earlier.key} ({earlier.date}) is dated after {later.key} ({later.date}); "
                        "compared in the order given")
    new, dropped, continued, own = [], [], [], []
    for group in sorted(by_group):
        stated = by_group[group]
        timeline = timeline_of(corpus, corpus.groups[group])
        label = timeline.label
        if len(stated) == 1 and paper_scoped(timeline.labels):
            own.append(label)
        elif earlier.key in stated and later.key in stated:
            continued.append((label, tuple(compare(label, stated[earlier.key], stated[later.key]))))
        elif later.key in stated:
            new.append(label)
        else:
            dropped.append(label)
    return PaperDiff(earlier, later, tuple(sorted(new)), tuple(sorted(continued)), tuple(sorted(dropped)),
                     tuple(warnings), tuple(sorted(set(own))))


def paper_scoped(labels: Iterable[str]) -> bool:
    """Whether `ontology/measures.csv` says a name is each paper's own measure (scope `paper`,
    such as `專責小組`): such a measure is never the same in two papers, so it is neither new
    nor dropped. False where the registry is not there."""
    try:
        from .registry import resolve  # type: ignore[attr-defined]
    except ImportError:
        return False
    return any(resolve(label).scope == "paper" for label in labels)


# --- output ----------------------------------------------------------------------------------


def _says(s: Statement) -> list[str]:
    parts = []
    for name, items in (("amounts", s.amounts), ("dates", [d.text() for d in s.dates]), ("ratios", s.ratios),
                        ("quantities", s.quantities), ("units", s.units), ("KPI targets", [t.text() for t in s.targets])):
        if items:
            parts.append(f"{name}: {'; '.join(items)}")
    return parts


def timeline_text(timeline: Timeline, papers: dict[str, Paper]) -> str:
    """The timeline as lines for a terminal: paper by paper, revisions marked with `!`."""
    others = [label for label in timeline.labels if label != timeline.label]
    lines = [f"{timeline.label}" + (f"  ({'; '.join(others[:4])})" if others else ""),
             f"{len(timeline.statements)} statement(s) in {len({s.paper for s in timeline.statements})} paper(s), "
             f"{len(timeline.revisions)} revision(s)"]
    for s in timeline.statements:
        paper = papers[s.paper]
        where = ", ".join(x for x in (s.paragraph, f"p. {s.page}" if s.page else "") if x)
        lines.append(f"{paper.date or 'undated'}  {s.paper}  [{paper.series}]  {where}")
        lines += [f"    {part}" for part in _says(s)]
        if s.sentence:
            lines.append(f"    「{_cut(s.sentence)}」")
        lines += [f"  ! {r.text()}" for r in timeline.revisions if s.paper in r.later and r.later[0] == s.paper]
    lines += [f"  ! {r.text()}" for r in timeline.revisions if r.change == "dropped"]
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_json(timeline: Timeline, papers: dict[str, Paper]) -> dict[str, Any]:
    return {"measure": timeline.label, "labels": list(timeline.labels), "nodes": list(timeline.measures),
            "statements": [{**_statement_json(s), "paper_date": papers[s.paper].date,
                            "series": papers[s.paper].series, "kind": papers[s.paper].kind}
                           for s in timeline.statements],
            "revisions": [asdict(r) for r in timeline.revisions]}


def _statement_json(s: Statement) -> dict[str, Any]:
    out = asdict(s)
    out["dates"] = [{"begin": d.begin, "end": d.end, "words": d.words, "relative": d.relative} for d in s.dates]
    out["targets"] = [asdict(t) for t in s.targets]
    return out


def diff_text(diff: PaperDiff) -> str:
    a, b = diff.earlier, diff.later
    changed = [(label, found) for label, found in diff.continued if found]
    lines = [f"{a.key} ({a.date or 'undated'}, {a.series}) → {b.key} ({b.date or 'undated'}, {b.series})",
             f"{len(diff.new)} new, {len(diff.continued)} continued ({len(changed)} changed), {len(diff.dropped)} dropped"]
    lines += [f"+ {label}" for label in diff.new]
    for label, found in changed:
        lines.append(f"~ {label}")
        lines += [f"    {r.change}: {'; '.join(r.was) or '—'} → {'; '.join(r.now) or '—'}" for r in found]
    lines += [f"- {label}" for label in diff.dropped]
    if diff.own:
        lines.append(f"({len(diff.own)} name(s) each paper has its own measure of, not compared: {', '.join(diff.own)})")
    return "\n".join(lines) + "\n"


def diff_json(diff: PaperDiff) -> dict[str, Any]:
    return {"earlier": asdict(diff.earlier), "later": asdict(diff.later), "new": list(diff.new),
            "continued": [{"measure": label, "changes": [asdict(r) for r in found]} for label, found in diff.continued],
            "dropped": list(diff.dropped), "own": list(diff.own), "warnings": list(diff.warnings)}


# --- the viewer's timelines (from the export's property graph) -------------------------------


def model_timelines(model: Any) -> list[dict[str, Any]]:
    """Timelines of the measures stated in two papers or more, from the property graph of
    `extractor.export` (node ids relative to the id base), for the HTML viewer: per measure
    its nodes, its statements by date (paper, date, paragraph, page, amounts, dates) and the
    revisions, each marked on the statement of the later paper."""
    corpus = corpus_from_model(model)
    out = []
    for group in sorted(corpus.groups, key=lambda g: corpus.groups[g]):
        members = corpus.groups[group]
        if len({s.paper for s in corpus.statements if s.measure in members}) < 2:
            continue
        timeline = timeline_of(corpus, members)
        out.append({"measures": [m for m in timeline.measures],
                    "rows": [{"paper": "paper/" + s.paper, "date": corpus.papers[s.paper].date,
                              "series": corpus.papers[s.paper].series, "paragraph": s.paragraph, "page": s.page,
                              "amounts": list(s.amounts), "dates": [d.text() for d in s.dates],
                              "targets": [t.text() for t in s.targets], "units": list(s.units),
                              "revisions": [r.text() for r in timeline.revisions
                                            if r.change != "dropped" and r.later and r.later[0] == s.paper]}
                             for s in timeline.statements],
                    "dropped": [r.text() for r in timeline.revisions if r.change == "dropped"]})
    return out


def _part_order(eid: str) -> tuple[int, int]:
    """Body paragraphs first, then annexes, then footnotes, each by number (`para_9` < `para_15`)."""
    kind, _, number = eid.partition("_")
    return (("preface", "para", "att", "fnote").index(kind) if kind in ("preface", "para", "att", "fnote") else 4,
            int(number) if number.isdigit() else 0)


def corpus_from_model(model: Any) -> Corpus:
    """The papers and (measure, paper) statements of an export property graph."""
    nodes = dict(model.nodes(data=True))
    papers = {}
    for node, data in nodes.items():
        if data["node_type"] == "paper":
            key = node.removeprefix("paper/")
            kind = data.get("work_type") or "other"
            papers[key] = Paper(key, data.get("date"), kind, _series(data.get("series"), kind, key),
                                data.get("label", ""))
    out_edges: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source, target, data in model.edges(data=True):
        out_edges[source].append((target, data["relation"]))
    targets_at: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)  # (paper, paragraph, quote)
    for node, data in nodes.items():
        if data["node_type"] == "kpi":
            for quote in (data.get("quote_zh"), data.get("quote_en")):
                if quote:
                    targets_at[(data.get("paper", ""), data.get("paragraph", ""), quote)].append(data)
    names: dict[str, list[tuple[bool, str, str]]] = {}
    statements = []
    for node, data in sorted(nodes.items()):
        if data["node_type"] != "measure":
            continue
        names[node] = [(True, data[k], lang) for k, lang in (("label_zh", "zh-hant"), ("label_en", "en"),
                                                               ("label_zh_hans", "zh-hans")) if data.get(k)]
        stated = sorted(t.removeprefix("paper/") for t, relation in out_edges[node] if relation == "announced_in")
        units = tuple(sorted(nodes[t].get("label", t) for t, relation in out_edges[node]
                             if relation == "competent_authority"))
        for paper in stated:
            found: dict[str, set[Any]] = defaultdict(set)
            places = []
            for target, relation in out_edges[node]:
                fact = nodes[target]
                if fact.get("paper") != "paper/" + paper:
                    continue
                places.append((_part_order(fact.get("paragraph", "")), fact.get("page_zh") or fact.get("page_en"),
                               fact.get("paragraph", "")))
                kpis = [k for q in (fact.get("quote_zh"), fact.get("quote_en")) if q
                        for k in targets_at.get((fact.get("paper", ""), fact.get("paragraph", ""), q), [])]
                goals = {Target(k.get("indicator") or "", k.get("year"), float(k["value"]), k.get("unit") or "")
                         for k in kpis if k.get("role") == "target" and k.get("value") is not None}
                if kpis:
                    found["targets"].update(goals)
                elif relation == "has_amount":
                    found["amounts"].add(fact.get("value_text", ""))
                elif relation == "has_date":
                    found["dates"].add(DateValue(fact.get("begin"), fact.get("end"),
                                                 fact.get("quote_zh") or fact.get("quote_en") or "",
                                                 bool(fact.get("anchored_to"))))
            _, page, paragraph = min(places, default=((0, 0), None, ""))
            statements.append(Statement(
                node, display_label(names[node]), paper, paragraph, page, "",
                tuple(sorted(found["amounts"])), tuple(sorted(found["dates"], key=_date_order)), (), (), units,
                tuple(sorted(found["targets"])), tuple(sorted({n for _, n, _ in names[node]}))))
    return Corpus(papers, tuple(statements), group_measures(statements, names))
