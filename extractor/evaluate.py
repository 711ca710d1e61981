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

    # Measures: a prediction matches a gold measure when any of its names is one of the gold's.
    gold_measures = gold.get("measures", [])
    pred_measures = [m for m in pred.get("measures", []) if _in_scope(m.get("where", []), scope)]
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used: set[int] = set()
    for p in pred_measures:
        names = _measure_names(p)
        for index, g in enumerate(gold_measures):
            if index not in used and names & _measure_names(g):
                used.add(index)
                matched.append((g, p))
                break
    result["measures"] = Score(len(matched), len(pred_measures) - len(matched), len(gold_measures) - len(matched))
    details["measures"] = {"fp": [p["name"] for p in pred_measures if all(p is not q for _, q in matched)],
                           "fn": [g["name"] for i, g in enumerate(gold_measures) if i not in used]}
    gold_links = {(g["name"], *link) for g in gold_measures for link in _link_values(g)}
    canonical = {id(p): g["name"] for g, p in matched}
    pred_links = {(canonical.get(id(p), p["name"]), *link) for p in pred_measures for link in _link_values(p)}
    result["links"] = _set_score(gold_links, pred_links)
    details["links"] = _set_details(gold_links, pred_links)
    result["details"] = details
    return result


#: Minimum F1 per category (and qualifier accuracy) for the sample paper `zh-2024-pa-itib`.
TARGETS: dict[str, float] = {
    "amounts": 0.97, "qualifier_accuracy": 0.95, "quantities": 0.90, "dates": 0.93, "durations": 0.90,
    "ratios": 0.95, "organisations": 0.90, "measures": 0.80, "links": 0.70,
}
TARGET_PAPERS = ("zh-2024-pa-itib",)


def score_file(paper: Path, gold: dict[str, Any]) -> dict[str, Any]:
    """Parse, extract and score one paper; a paper that prints no date takes the gold's."""
    from datetime import date

    from .extract import extract
    from .parse import parse_paper

    doc = parse_paper(paper)
    if doc.metadata.reference_date is None and gold["paper"].get("reference_date"):
        doc = parse_paper(paper, date.fromisoformat(gold["paper"]["reference_date"]))
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


def run_eval(corpus: Path, gold_dir: Path, strict: bool = True, details: bool = False) -> int:
    """Score every paper of ``corpus`` that has a gold file; print a table (and with ``details``
    every false positive and negative); 1 if under target."""
    import json
    import sys

    rows = []
    below = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for paper in sorted(corpus.glob(gold_path.stem + ".*")):
            if paper.suffix.lower() not in (".pdf", ".txt"):
                continue
            scores = score_file(paper, gold)
            rows.append((paper.name, scores))
            if gold_path.stem in TARGET_PAPERS:
                for category, target in TARGETS.items():
                    value = scores[category] if category == "qualifier_accuracy" else scores[category].f1
                    if value is not None and value < target:
                        below.append(f"{paper.name} {category} {value:.2f} < {target:.2f}")
    header = f"{'paper':<44}" + "".join(f"{c[:10]:>11}" for c in CATEGORIES) + f"{'qualifier':>11}"
    print(header)
    for name, scores in rows:
        cells = "".join(f"{scores[c].f1:>11.2f}" for c in CATEGORIES)
        q = scores["qualifier_accuracy"]
        print(f"{name:<44}{cells}{(f'{q:.2f}' if q is not None else '-'):>11}")
    print("(F1 per category; qualifier = amount qualifier accuracy over matched amounts)")
    if details:
        for name, scores in rows:
            lines = format_details(scores)
            print(f"\n{name}: {len(lines)} difference(s) (- missed, + spurious)")
            print("\n".join(lines))
    if below:
        print("under target:\n  " + "\n  ".join(below), file=sys.stderr)
        return 1 if strict else 0
    return 0
