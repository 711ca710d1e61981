"""Scoring predicted facts against gold annotations, exactly by the gold format's rules.

Mentions are matched one-to-one on their scoring keys (a multiset intersection); the
amount qualifier is scored separately as accuracy over matched pairs; organisations and
measures are sets per paper; links are (measure, value) pairs. Predictions whose
``where`` lies outside a gold's ``scope`` are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

MENTION_CATEGORIES = ("amounts", "quantities", "dates", "durations", "ratios")
CATEGORIES = (*MENTION_CATEGORIES, "organisations", "measures", "links")


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _num(value: Any) -> str | None:
    """Numbers compare as normalised decimal strings (`"1.50"` == `"1.5"`)."""
    if value is None:
        return None
    from decimal import Decimal, InvalidOperation

    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format(d.normalize(), "f") if d != d.to_integral_value() else str(d.quantize(Decimal(1)))


def _value_key(entry: dict[str, Any]) -> tuple[Any, ...]:
    if entry.get("value") is not None:
        return ("value", _num(entry["value"]))
    return ("range", _num(entry.get("min")), _num(entry.get("max")))


def mention_key(category: str, entry: dict[str, Any]) -> tuple[Any, ...]:
    where = entry.get("where")
    if category == "amounts":
        return (where, entry.get("currency"), _value_key(entry))
    if category == "quantities":
        return (where, entry.get("unit"), _value_key(entry))
    if category == "dates":
        return (where, entry.get("start"), entry.get("end"))
    if category == "durations":
        return (where, entry.get("value") or (entry.get("min"), entry.get("max")))
    if category == "ratios":
        return (where, tuple(_num(t.get("value")) for t in entry.get("terms", [])))
    raise ValueError(f"unknown mention category {category!r}; expected one of {MENTION_CATEGORIES}")


def _in_scope(where: Any, scope: set[str] | None) -> bool:
    if scope is None:
        return True
    if isinstance(where, list):
        return any(w in scope for w in where)
    return where in scope


def _match_mentions(category: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
                    ) -> tuple[Score, list[tuple[dict[str, Any], dict[str, Any]]], dict[str, list[Any]]]:
    """Score, matched (gold, predicted) pairs, and the unmatched entries (``{"fp": …, "fn": …}``)."""
    gold_by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for entry in gold:
        gold_by_key.setdefault(mention_key(category, entry), []).append(entry)
    pairs = []
    false_positives = []
    for entry in pred:
        bucket = gold_by_key.get(mention_key(category, entry))
        if bucket:
            pairs.append((bucket.pop(0), entry))
        else:
            false_positives.append(entry)
    false_negatives = [entry for bucket in gold_by_key.values() for entry in bucket]
    score = Score(len(pairs), len(false_positives), len(false_negatives))
    return score, pairs, {"fp": false_positives, "fn": false_negatives}


def _set_score(gold: set[Any], pred: set[Any]) -> Score:
    return Score(len(gold & pred), len(pred - gold), len(gold - pred))


def _set_details(gold: set[Any], pred: set[Any]) -> dict[str, list[Any]]:
    return {"fp": sorted(pred - gold, key=repr), "fn": sorted(gold - pred, key=repr)}


def _measure_names(measure: dict[str, Any]) -> set[str]:
    return {measure["name"], *measure.get("aliases", [])}


def _links_in_scope(measure: dict[str, Any], pred: dict[str, Any], scope: set[str] | None) -> dict[str, Any]:
    """The measure with only the amounts and dates stated inside the gold's scope, where its
    ``links`` say which mentions they are (a value stated outside the scope is not scored,
    as a mention there is not)."""
    links = measure.get("links")
    if scope is None or not links:
        return measure
    kept = {}
    for category, field, key in (("amounts", "amounts", _amount_link), ("dates", "dates", _date_link)):
        mentions = pred.get(category, [])
        kept[field] = [key(mentions[i]) for i in links.get(category, []) if i < len(mentions)
                       and _in_scope(mentions[i].get("where"), scope)]
    return {**measure, **kept}


def _amount_link(entry: dict[str, Any]) -> Any:
    return entry["value"] if entry.get("value") is not None else {"min": entry.get("min"), "max": entry.get("max")}


def _date_link(entry: dict[str, Any]) -> dict[str, Any]:
    return {"start": entry.get("start"), "end": entry.get("end")}


def _same_name(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return bool(_measure_names(gold) & _measure_names(pred))


#: A name that contains the other matches when the shorter is at least this share of the longer.
CONTAINED_SHARE = 0.6


def _contained_name(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """`政府AI助手` and `AI助手` in a shared paragraph: one name inside the other, the shorter
    at least 0.6 of the longer (gold format, Scoring)."""
    if not set(gold.get("where", [])) & set(pred.get("where", [])):
        return False
    for a in _measure_names(gold):
        for b in _measure_names(pred):
            short, long = sorted((a, b), key=len)
            if short and short in long and len(short) >= CONTAINED_SHARE * len(long):
                return True
    return False


def _link_values(measure: dict[str, Any]) -> set[tuple[str, Any]]:
    links: set[tuple[str, Any]] = set()
    for amount in measure.get("amounts", []):
        links.add(("amount", _value_key(amount) if isinstance(amount, dict) else ("value", _num(amount))))
    for unit in measure.get("responsible", []):
        links.add(("responsible", unit))
    for when in measure.get("dates", []):
        links.add(("date", when.get("start"), when.get("end")))
    return links


def score_paper(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    """Scores of one paper: ``{category: Score, "qualifier_accuracy": float | None, "details": …}``.

    ``details[category]`` holds what was not matched: ``{"fp": [...], "fn": [...]}`` — fact entries
    for the mention categories, names for organisations and measures, ``(measure, kind, value…)``
    tuples for links (a matched measure under its gold name)."""
    scope = set(gold["paper"]["scope"]) if gold.get("paper", {}).get("scope") else None
    result: dict[str, Any] = {}
    details: dict[str, dict[str, list[Any]]] = {}
    qualifier_pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for category in MENTION_CATEGORIES:
        predicted = [e for e in pred.get(category, []) if _in_scope(e.get("where"), scope)]
        score, pairs, details[category] = _match_mentions(category, gold.get(category, []), predicted)
        result[category] = score
        if category == "amounts":
            qualifier_pairs = pairs
    result["qualifier_accuracy"] = (
        sum(g.get("qualifier", "exact") == p.get("qualifier", "exact") for g, p in qualifier_pairs) / len(qualifier_pairs)
        if qualifier_pairs else None
    )
    gold_orgs = {o["name"] for o in gold.get("organisations", [])}
    pred_orgs = {o["name"] for o in pred.get("organisations", []) if _in_scope(o.get("where", []), scope)}
    result["organisations"] = _set_score(gold_orgs, pred_orgs)
    details["organisations"] = _set_details(gold_orgs, pred_orgs)

    # Measures: a prediction matches a gold measure when any of its names is one of the gold's,
    # or, failing that, when the names differ only at their edges in a shared paragraph.
    gold_measures = gold.get("measures", [])
    pred_measures = [m for m in pred.get("measures", []) if _in_scope(m.get("where", []), scope)]
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used: set[int] = set()
    taken: set[int] = set()
    for same in (_same_name, _contained_name):
        for p in pred_measures:
            if id(p) in taken:
                continue
            for index, g in enumerate(gold_measures):
                if index not in used and same(g, p):
                    used.add(index)
                    taken.add(id(p))
                    matched.append((g, p))
                    break
    result["measures"] = Score(len(matched), len(pred_measures) - len(matched), len(gold_measures) - len(matched))
    details["measures"] = {"fp": [p["name"] for p in pred_measures if all(p is not q for _, q in matched)],
                           "fn": [g["name"] for i, g in enumerate(gold_measures) if i not in used]}
    gold_links = {(g["name"], *link) for g in gold_measures for link in _link_values(g)}
    canonical = {id(p): g["name"] for g, p in matched}
    pred_links = {(canonical.get(id(p), p["name"]), *link) for p in pred_measures
                  for link in _link_values(_links_in_scope(p, pred, scope))}
    result["links"] = _set_score(gold_links, pred_links)
    details["links"] = _set_details(gold_links, pred_links)
    result["details"] = details
    return result


#: Minimum F1 per category (and qualifier accuracy), for the macro mean over every scored paper.
TARGETS: dict[str, float] = {
    "amounts": 0.95, "qualifier_accuracy": 0.95, "quantities": 0.90, "dates": 0.92, "durations": 0.85,
    "ratios": 0.90, "organisations": 0.88, "measures": 0.80, "links": 0.70,
}
#: Minimum F1 of any single paper, where the mean alone would hide a genre the extractor fails on.
PAPER_FLOORS: dict[str, float] = {"measures": 0.60, "links": 0.50}
SCORED = (*CATEGORIES, "qualifier_accuracy")


def _value(scores: dict[str, Any], category: str) -> float | None:
    return scores[category] if category == "qualifier_accuracy" else scores[category].f1


def macro_mean(rows: list[tuple[str, dict[str, Any]]]) -> dict[str, float | None]:
    """Mean per category over the scored papers (a paper with no qualifier pairs is left out of that mean)."""
    out: dict[str, float | None] = {}
    for category in SCORED:
        values = [v for _, scores in rows if (v := _value(scores, category)) is not None]
        out[category] = sum(values) / len(values) if values else None
    return out


def shortfalls(rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """What falls under a target: the macro mean per category, and any paper under a floor."""
    mean = macro_mean(rows)
    below = [f"macro mean {category} {mean[category]:.2f} < {target:.2f}" for category, target in TARGETS.items()
             if mean[category] is not None and mean[category] < target]
    below += [f"{name} {category} {scores[category].f1:.2f} < {floor:.2f}" for name, scores in rows
              for category, floor in PAPER_FLOORS.items() if scores[category].f1 < floor]
    return below


def score_file(paper: Path, gold: dict[str, Any]) -> dict[str, Any]:
    """Parse, extract and score one paper, completed by its `papers.csv` row as `legco-kg graph`
    does; a paper dated neither by itself nor by its row takes the gold's date."""
    from dataclasses import replace
    from datetime import date

    from .extract import extract
    from .papers import complete, rows_for
    from .parse import parse_paper

    doc = complete(parse_paper(paper), rows_for([paper]).get(paper))
    if doc.metadata.reference_date is None and gold["paper"].get("reference_date"):
        doc = replace(doc, metadata=replace(doc.metadata,
                                            reference_date=date.fromisoformat(gold["paper"]["reference_date"])))
    return score_paper(gold, extract(doc))


def format_details(scores: dict[str, Any], categories: tuple[str, ...] = CATEGORIES) -> list[str]:
    """Lines naming each false positive (``+``) and false negative (``-``) of a paper, per category."""
    lines = []
    for category in categories:
        for sign, key in (("-", "fn"), ("+", "fp")):
            for entry in scores["details"][category][key]:
                lines.append(f"  {category:<13} {sign} {_describe(category, entry)}")
    return lines


def _describe(category: str, entry: Any) -> str:
    if category in MENTION_CATEGORIES:
        value = {k: v for k, v in entry.items() if k not in ("where", "text", "block", "span", "evidence")}
        return f"{entry.get('where')} {entry.get('text')!r} {value}"
    if category == "links":
        name, kind, *value = entry
        return f"{name} → {kind} {' '.join(str(v) for v in value)}"
    return str(entry)


def run_eval(corpus: Path, gold_dir: Path, strict: bool = True, details: bool = False,
             only: str | None = None) -> int:
    """Score every paper of ``corpus`` that has a gold file (or those whose name holds ``only``);
    print a table with the macro mean (and with ``details`` every false positive and negative);
    1 if the mean is under a target or a paper under a floor."""
    import json
    import sys

    rows = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for paper in sorted(corpus.glob(gold_path.stem + ".*")):
            if paper.suffix.lower() not in (".pdf", ".txt") or (only and only not in paper.name):
                continue
            print(f"scoring {paper.name}", file=sys.stderr, flush=True)
            rows.append((paper.name, score_file(paper, gold)))
    if not rows:
        print(f"no paper of {corpus} has a gold file in {gold_dir}" + (f" and a name with {only!r}" if only else ""),
              file=sys.stderr)
        return 2
    header = f"{'paper':<44}" + "".join(f"{c[:10]:>11}" for c in CATEGORIES) + f"{'qualifier':>11}"
    print(header)
    for name, scores in rows:
        print(f"{name:<44}" + "".join(_cell(_value(scores, c)) for c in SCORED))
    mean = macro_mean(rows)
    print(f"{f'macro mean ({len(rows)} papers)':<44}" + "".join(_cell(mean[c]) for c in SCORED))
    print(f"{'target':<44}" + "".join(_cell(TARGETS.get(c)) for c in SCORED))
    print("(F1 per category; qualifier = amount qualifier accuracy over matched amounts; targets apply to the macro"
          f" mean, and no paper may fall under {', '.join(f'{v:.2f} for {k}' for k, v in PAPER_FLOORS.items())})")
    if details:
        for name, scores in rows:
            lines = format_details(scores)
            print(f"\n{name}: {len(lines)} difference(s) (- missed, + spurious)")
            print("\n".join(lines))
    below = shortfalls(rows)
    if below:
        print("under target:\n  " + "\n  ".join(below), file=sys.stderr)
        return 1 if strict else 0
    return 0


def _cell(value: float | None) -> str:
    return f"{value:>11.2f}" if value is not None else f"{'-':>11}"
