"""SPARQL over the written graphs: `legco-kg query QUERY [--engine rdflib|oxigraph]`.

A graphs folder is opened as one dataset (its store `graphs/store/` when current, else its
``*.trig`` files loaded; see `extractor.store`) whose default graph is the merge of all
named graphs (paper graphs, reference, vocabulary), so a query without ``GRAPH`` sees
everything once. The prefix block of ``queries/prefixes.rq`` (built from
``extractor.vocab``) is put before the query, for the prefixes it does not declare itself.

Both engines give byte-identical output: their rows are turned into one representation
(`Term`) with canonical numbers (rdflib writes the decimal 3 as ``3.0``, Oxigraph as
``3``), language tags in BCP 47 case (Oxigraph lower-cases ``zh-Hant``), and rows sorted
when the query has no ``ORDER BY`` of its own.

Examples:
    >>> from_text = prepare_query("SELECT ?m WHERE { ?m a pol:PolicyMeasure }")
    >>> from_text.splitlines()[0]
    'BASE <https://w3id.org/legco-kg/id/>'
    >>> canonical_lexical("3000000003.0", XSD + "decimal"), canonical_lexical("1", XSD + "double")
    ('3000000003.0', '1.0E0')
    >>> bcp47_case("zh-hant"), bcp47_case("EN-gb")
    ('zh-Hant', 'en-GB')
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .errors import ExtractorError

BASE = "https://w3id.org/legco-kg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
ENGINES = ("oxigraph", "rdflib")
FORMATS = ("table", "csv", "json")
DEFAULT_GRAPHS = "graphs"
#: Widest table cell, in terminal columns (a CJK character takes two); longer text is cut with "…".
DEFAULT_CELL_WIDTH = 80

#: Prefixes every query needs besides the project's (`vocab.PREFIXES`).
STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
}

_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {XSD + "double", XSD + "float"}
NUMERIC_TYPES = _INTEGER_TYPES | _FLOAT_TYPES | {XSD + "decimal"}

# Comments, strings and IRIs, so that keywords are looked for in code only. An IRI has no
# spaces, which tells it from `?a < ?b`.
RE_NOT_CODE = re.compile(r'''("""[\s\S]*?"""|'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'''
                         r'''|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*)''')
# One item of a query's prologue (SPARQL 1.1 §19.8 [4]-[6]).
RE_PROLOGUE_ITEM = re.compile(r"\s+|\#[^\n]*|(BASE)\s*<[^>]*>|PREFIX\s+([^\W\d_][\w.-]*)?:\s*<[^>]*>", re.IGNORECASE)
# A prefixed name in code: `pol:Fact`, `:x` (not `_:b`, `?x`, or a time inside a string).
RE_PNAME = re.compile(r"(?<![\w?$:.\-])([^\W\d_](?:[\w.-]*\w)?)?:(?=[\w%\\]|\s|[,;.)\]}])")
RE_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
RE_VARIABLE = re.compile(r"[?$]([\w]+)")
RE_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
RE_SERVICE_WORD = re.compile(r"(?<![\w?$:\-])SERVICE(?![\w:\-])", re.IGNORECASE)
#: Deepest nesting of brackets a query may have. Oxigraph's parser recurses once per level
#: and overflows its stack (SIGSEGV) at a few thousand; real queries nest a dozen or so.
MAX_NESTING = 1000
#: rdflib's SPARQL parser is one pyparsing grammar for the process, and pyparsing learns the
#: arity of its parse actions on their first calls, which breaks them for good when two
#: threads (the endpoint's requests) do it at once: one parse at a time.
PARSER_LOCK = threading.Lock()


class QueryError(ExtractorError, ValueError):
    """A query that cannot be run (bad SPARQL, no graphs): the message says why."""


# --- prefixes -----------------------------------------------------------------------------


def prefixes() -> dict[str, str]:
    """Prefix → namespace for queries: the standard four, then `vocab.PREFIXES` in its order."""
    return dict(_prefixes())


@functools.cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    from .vocab import PREFIXES

    return tuple({**STANDARD_PREFIXES, **{name: str(ns) for name, ns in PREFIXES.items()}}.items())


@functools.cache
def _longest_namespace_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_prefixes(), key=lambda item: -len(item[1])))


def prefix_block() -> str:
    """The text of ``queries/prefixes.rq``: ``BASE`` then one ``PREFIX`` line per prefix."""
    table = prefixes()
    width = max(len(name) for name in table) + 1
    lines = ["# Prepended by `legco-kg query` to every query, for the prefixes it does not declare.",
             "# Generated from extractor/vocab.py: `python -m extractor.query > queries/prefixes.rq`.",
             f"BASE <{BASE}>"]
    lines += [f"PREFIX {name + ':':<{width}} <{ns}>" for name, ns in table.items()]
    return "\n".join(lines) + "\n"


def declared(query: str) -> tuple[bool, set[str]]:
    """Whether a query's prologue sets a BASE, and the prefixes it declares."""
    has_base, names, pos = False, set(), 0
    while (match := RE_PROLOGUE_ITEM.match(query, pos)) and match.end() > pos:
        has_base = has_base or bool(match.group(1))
        if match.group(0)[:6].upper() == "PREFIX":
            names.add(match.group(2) or "")
        pos = match.end()
    return has_base, names


def prepare_query(query: str) -> str:
    """The query with the BASE and the project prefixes it does not declare put first (a
    query's own BASE or PREFIX lines are kept and win), and its language-tag comparisons made
    case-insensitive (:func:`lang_case_insensitive`)."""
    has_base, names = declared(query)
    lines = [] if has_base else [f"BASE <{BASE}>"]
    lines += [f"PREFIX {name}: <{ns}>" for name, ns in prefixes().items() if name not in names]
    return "\n".join(lines) + "\n" + lang_case_insensitive(query)


# `LANG(?l) = "zh-Hant"` and `"zh-Hant" != LANG(?l)` (a language tag compared as a string).
RE_LANG_EQUALS = re.compile(r'(?P<lang>\bLANG\s*\(\s*[?$]\w+\s*\))\s*(?P<op>!?=)\s*(?P<tag>"[^"\\\n]*"|\'[^\'\\\n]*\')'
                            r'|(?P<tag2>"[^"\\\n]*"|\'[^\'\\\n]*\')\s*(?P<op2>!?=)\s*(?P<lang2>\bLANG\s*\(\s*[?$]\w+\s*\))',
                            re.IGNORECASE)


def lang_case_insensitive(query: str) -> str:
    """``LANG(?l) = "zh-Hant"`` as ``LCASE(LANG(?l)) = LCASE("zh-Hant")``: language tags are
    case-insensitive (BCP 47), and Oxigraph gives `zh-hant` where rdflib gives `zh-Hant`, so a
    plain comparison answered differently in the two engines.

    >>> lang_case_insensitive('FILTER(LANG(?l) = "zh-Hant")')
    'FILTER(LCASE(LANG(?l)) = LCASE("zh-Hant"))'
    """
    def rewrite(m: re.Match[str]) -> str:
        lang, op, tag = (m.group("lang"), m.group("op"), m.group("tag")) if m.group("lang") \
            else (m.group("lang2"), m.group("op2"), m.group("tag2"))
        return f"LCASE({lang}) {op} LCASE({tag})"

    return RE_LANG_EQUALS.sub(rewrite, query)


def code_only(query: str) -> str:
    """The query with comments, strings and IRIs blanked, for keyword tests."""
    return RE_NOT_CODE.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0)[0] * 2, query)


def uses_service(query: str) -> bool:
    """Whether a query calls out to another endpoint: a ``SERVICE`` pattern in the query as
    rdflib's SPARQL parser reads it (with the project prefixes put first), however it is
    written (`.SERVICE`, `service silent`). A query that parser cannot read (too deep, or
    syntax only another engine accepts) calls out when the word stands anywhere in its code."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        with PARSER_LOCK:
            tree = parseQuery(prepare_query(query))
        return _has_service(tree)
    except Exception:  # a parse error or a RecursionError: decide on the text, refusing when in doubt
        return bool(RE_SERVICE_WORD.search(code_only(query)))


def _has_service(tree: Any) -> bool:
    """Whether a parse tree holds a ``ServiceGraphPattern`` (walked without recursion)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return False


def nesting_depth(query: str) -> int:
    """The deepest nesting of ``{}``, ``()`` and ``[]`` in a query's code (brackets in
    strings, IRIs and comments do not count).

    Examples:
        >>> nesting_depth("ASK { FILTER((1 + 2) > 0) }"), nesting_depth('SELECT * { ?s ?p "{(" }')
        (3, 1)
    """
    depth = deepest = 0
    for char in code_only(query):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]" and depth:
            depth -= 1
    return deepest


def check_nesting(query: str, limit: int = MAX_NESTING) -> None:
    """Refuse a query nested deeper than ``limit``, before an engine's parser sees it."""
    depth = nesting_depth(query)
    if depth > limit:
        raise QueryError(f"the query nests brackets {depth} deep; at most {limit} are allowed")


def refuse_service(query: str) -> None:
    """Raise the refusal of a query that calls out to another endpoint."""
    if uses_service(query):
        raise QueryError("SERVICE calls are refused: a query here does not call other endpoints "
                         "(pass --allow-service to let it)")


def undeclared_prefixes(query: str) -> list[str]:
    """Prefixes a prepared query uses but does not declare (for a clearer parse error)."""
    _, names = declared(query)
    code = code_only(query)
    return sorted({m.group(1) or "" for m in RE_PNAME.finditer(code)} - names)


#: The project's own namespaces, whose terms a query is checked against (`unknown_terms`).
OWN_PREFIXES = ("pol", "polv", "polu", "polsh")
#: Where the terms of those namespaces are defined (the ontology, its reference data, its shapes).
ONTOLOGY_FILES = ("policy.ttl", "reference.ttl", "shapes.ttl")
ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
RE_TTL_PREFIX = re.compile(r"@prefix\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE)
RE_QUERY_PREFIX = re.compile(r"PREFIX\s+([^\W\d_][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
#: A prefixed name (``pol:hasAmount``, ``polv:qual-exact``): prefix and local name; a dot
#: ends it unless a name character follows (``?a pol:Fact.``).
RE_PREFIXED_NAME = re.compile(r"(?<![\w?$:.\-<])([^\W\d_][\w.-]*)?:((?:[\w-]|\.(?=[\w-]))+)")
RE_IRI = re.compile(r"<([^<>\"{}|^`\\\s]*)>")


@functools.cache
def known_terms(directory: Path = ONTOLOGY_DIR) -> frozenset[str]:
    """Every IRI of the project's own namespaces that its ontology files name (read as text:
    a scan of prefixed names and IRIs, a few milliseconds, where parsing takes a second)."""
    own = {prefixes()[name] for name in OWN_PREFIXES}
    terms: set[str] = set()
    for name in ONTOLOGY_FILES:
        try:
            text = (directory / name).read_text(encoding="utf-8")
        except OSError:
            continue
        declared_here = dict(RE_TTL_PREFIX.findall(text))
        code = RE_NOT_CODE.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " ", text)
        for prefix, local in RE_PREFIXED_NAME.findall(code):
            namespace = declared_here.get(prefix)
            if namespace in own:
                terms.add(namespace + local)
        terms.update(iri for iri in RE_IRI.findall(code) if any(iri.startswith(ns) and iri != ns for ns in own))
    return frozenset(terms)


#: Unknown terms reported per query at most (a query of thousands of made-up terms would
#: otherwise cost a closest-match search each, in the endpoint's request thread).
MAX_UNKNOWN_TERMS = 10


def unknown_terms(query: str, known: frozenset[str] | None = None,
                  limit: int = MAX_UNKNOWN_TERMS) -> list[tuple[str, str | None]]:
    """Terms of the project's namespaces (``pol:``, ``polv:``, ``polu:``, ``polsh:``) that a
    query names but the ontology does not define, each with the closest defined term of its
    namespace (None when none is close): ``[("pol:hasAmmount", "pol:hasAmount")]``; the
    first ``limit`` of them. A typo there matches nothing and the query silently answers no
    rows."""
    import difflib

    known = known_terms() if known is None else known
    table = prefixes()
    table.update({name or "": ns for name, ns in RE_QUERY_PREFIX.findall(query)})
    own = {table[name]: name for name in OWN_PREFIXES if name in table}
    own.update({ns: name for name, ns in table.items() if ns in prefixes().values()
                and ns in {prefixes()[n] for n in OWN_PREFIXES}})
    code = code_only(query)
    used: dict[str, str] = {}
    for prefix, local in RE_PREFIXED_NAME.findall(code):
        namespace = table.get(prefix or "")
        if namespace in own:
            used.setdefault(namespace + local, f"{prefix}:{local}")
    for iri in RE_IRI.findall(RE_NOT_CODE.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " ", query)):
        namespace = next((ns for ns in own if iri.startswith(ns) and iri != ns), None)
        if namespace:
            used.setdefault(iri, f"{own[namespace]}:{iri[len(namespace):]}")
    found = []
    for iri, written in used.items():
        if iri in known:
            continue
        if len(found) == limit:
            break
        namespace = next(ns for ns in own if iri.startswith(ns))
        local = iri[len(namespace):]
        candidates = {term[len(namespace):].lower(): term[len(namespace):] for term in known
                      if term.startswith(namespace) and "/" not in term[len(namespace):]}
        close = difflib.get_close_matches(local.lower(), sorted(candidates), n=1, cutoff=0.6)
        found.append((written, f"{own[namespace]}:{candidates[close[0]]}" if close else None))
    return found


def unknown_term_warnings(query: str) -> list[str]:
    """One message per unknown term (see `unknown_terms`)."""
    return [f"{term} is not a term of the legco-kg ontology"
            + (f"; did you mean {closest}?" if closest else "; see ontology/README.md for its terms")
            for term, closest in unknown_terms(query)]


def _has_order_by(query: str) -> bool:
    """ORDER BY of the outer query (at brace depth 0), not of a sub-select."""
    code, depth = code_only(query), 0
    flat = []
    for char in code:
        depth += char == "{"
        flat.append(char if depth == 0 else " ")
        depth -= char == "}"
    return bool(RE_ORDER_BY.search("".join(flat)))


# --- one representation of both engines' results --------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result, in canonical form: ``kind`` is ``uri``, ``literal`` or
    ``bnode``; a literal has its lexical ``value`` and a ``datatype`` (None for plain
    strings) or a ``lang``."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None


Row = tuple[Term | None, ...]


@dataclass(frozen=True, slots=True)
class Result:
    """A query's answer: ``kind`` is ``select`` (``variables``, ``rows``), ``ask``
    (``boolean``) or ``graph`` (CONSTRUCT/DESCRIBE ``triples``)."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Term, Term, Term], ...] = field(default=())


def bcp47_case(tag: str) -> str:
    """BCP 47 letter case: language lower, script title, region upper (``zh-Hant-HK``)."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    private = False
    for part in parts[1:]:
        private = private or len(part) == 1
        if not private and len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif not private and len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def canonical_lexical(value: str, datatype: str | None) -> str:
    """XSD canonical form of a numeric or boolean literal (decimal ``3.0``, double ``3.0E0``);
    other literals, and ill-typed ones, are left as written."""
    if datatype is None or datatype not in NUMERIC_TYPES and datatype != XSD + "boolean":
        return value
    text = value.strip()
    try:
        if datatype in _INTEGER_TYPES:
            return str(int(text))
        if datatype == XSD + "decimal":
            number = Decimal(text)
            if number == number.to_integral_value():
                return f"{int(number)}.0"
            return format(number.normalize(), "f")
        if datatype in _FLOAT_TYPES:
            return _canonical_double(float(text))
    except (ValueError, InvalidOperation):
        return value
    return {"1": "true", "0": "false"}.get(text, text)


def _canonical_double(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    if number == 0:
        return "0.0E0"
    sign, digits, exponent = Decimal(repr(number)).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits))
    mantissa = text[0] + "." + (text[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{exponent + len(text) - 1}"


def literal_term(value: str, datatype: str | None, lang: str | None) -> Term:
    if lang:
        return Term("literal", value, None, bcp47_case(lang))
    if datatype in (XSD + "string", RDF_LANGSTRING):
        datatype = None
    return Term("literal", canonical_lexical(value, datatype), datatype)


def from_rdflib(term: Any) -> Term | None:
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        return literal_term(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    return Term("uri", str(term))


def from_oxigraph(term: Any) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return literal_term(term.value, term.datatype.value, term.language)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    raise QueryError(f"result term {term!r} is a quoted triple; only IRIs, literals and blank nodes are supported")


def _sort_key(row: Row) -> tuple[Any, ...]:
    """SPARQL's order of kinds (unbound, blank, IRI, literal); numbers by value. Blank-node
    labels differ between engines, so they do not take part."""
    key: list[Any] = []
    for term in row:
        if term is None:
            key.append((0, 0, 0.0, "", "", ""))
        elif term.kind == "bnode":
            key.append((1, 0, 0.0, "", "", ""))
        elif term.kind == "uri":
            key.append((2, 0, 0.0, term.value, "", ""))
        elif term.datatype in NUMERIC_TYPES:
            try:
                number = float(term.value)
            except ValueError:
                number = -math.inf
            key.append((3, 0, -math.inf if math.isnan(number) else number, term.value, term.datatype, ""))
        else:
            key.append((3, 1, 0.0, term.value, term.datatype or "", term.lang or ""))
    return tuple(key)


def _relabel_bnodes(rows: Iterable[Sequence[Term | None]]) -> list[tuple[Term | None, ...]]:
    """Blank nodes as ``b0``, ``b1`` … in order of appearance (engines label them differently)."""
    labels: dict[str, str] = {}
    out = []
    for row in rows:
        new = []
        for term in row:
            if term is not None and term.kind == "bnode":
                term = Term("bnode", labels.setdefault(term.value, f"b{len(labels)}"))
            new.append(term)
        out.append(tuple(new))
    return out


def _select_order(query: str, variables: Sequence[str]) -> tuple[str, ...]:
    """Columns of ``SELECT *`` in order of first appearance in the query (the engines'
    orders differ); an explicit projection keeps its order."""
    code = code_only(query)
    if not RE_SELECT_STAR.search(code):
        return tuple(variables)
    first: dict[str, int] = {}
    for match in RE_VARIABLE.finditer(code):
        first.setdefault(match.group(1), match.start())
    return tuple(sorted(variables, key=lambda v: (first.get(v, len(code)), v)))


def make_result(query: str, kind: str, variables: Sequence[str] = (), rows: Iterable[Sequence[Term | None]] = (),
                boolean: bool | None = None, triples: Iterable[tuple[Term, Term, Term]] = ()) -> Result:
    """The engine-independent result: columns in a fixed order, rows sorted unless the
    query orders them, blank nodes relabelled."""
    if kind == "ask":
        return Result("ask", boolean=bool(boolean))
    if kind == "graph":
        unique = sorted(set(triples), key=_sort_key)
        return Result("graph", triples=tuple(tuple(t) for t in _relabel_bnodes(unique)))  # type: ignore[misc]
    columns = _select_order(query, variables)
    index = [list(variables).index(v) for v in columns]
    reordered = [tuple(row[i] for i in index) for row in rows]
    if not _has_order_by(query):
        reordered.sort(key=_sort_key)
    return Result("select", columns, tuple(_relabel_bnodes(reordered)))


# --- loading and running ----------------------------------------------------------------------


def graph_files(folder: str | Path) -> list[Path]:
    """The ``*.trig`` files of a graphs folder (not the merged ``.nq``, which repeats them)."""
    path = Path(folder)
    if not path.is_dir():
        raise QueryError(f"graphs folder {str(path)!r} does not exist; run `legco-kg graph corpus/ -o {path}/` "
                         "or give --graphs DIR")
    files = sorted(p for p in path.glob("*.trig") if not p.name.startswith("."))
    if not files:
        raise QueryError(f"graphs folder {str(path)!r} has no .trig files; run `legco-kg graph corpus/ -o {path}/`")
    return files


def load_rdflib(files: Iterable[Path]) -> Any:
    """An rdflib ``Dataset`` whose default graph is the union of the named graphs."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    for path in files:
        try:
            dataset.parse(str(path), format="trig")
        except Exception as err:  # rdflib raises many kinds; all mean a bad file
            raise QueryError(f"{path}: not readable TriG ({err})") from err
    return dataset


# Oxigraph's union default graph (`use_default_graph_as_union`) is a bag: a triple in two
# paper graphs (a day, a measure) is seen twice. SPARQL's default graph is an RDF merge (a
# set), as in rdflib, so the store keeps that merge as its default graph instead.
MERGE_DEFAULT_GRAPH = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def load_oxigraph(files: Iterable[Path], store: Any = None) -> Any:
    """A ``pyoxigraph.Store`` holding the named graphs of the files and their merge as
    default graph: a new one in memory, or ``store`` (on disk) loaded in bulk."""
    import pyoxigraph as ox

    bulk = store is not None
    store = store if bulk else ox.Store()
    for file in files:
        try:
            if bulk:
                store.bulk_load(path=str(file), format=ox.RdfFormat.TRIG)
            else:
                store.load(path=str(file), format=ox.RdfFormat.TRIG)
        except (SyntaxError, OSError, ValueError) as err:
            raise QueryError(f"{file}: not readable TriG ({err})") from err
    store.update(MERGE_DEFAULT_GRAPH)
    return store


def syntax_error(engine: str, prepared: str, query: str, err: BaseException) -> QueryError:
    """The parser's message, with positions counted in the user's query, not the prepared one."""
    missing = undeclared_prefixes(prepared)
    if missing:
        names = ", ".join(f"{name}:" for name in missing)
        return QueryError(f"bad SPARQL: prefix {names} is not declared; declare it with PREFIX or use one of "
                          f"{', '.join(p + ':' for p in prefixes())}")
    shift_lines = prepared.count("\n") - query.count("\n")
    shift_chars = len(prepared) - len(query)
    message = str(err).strip()
    message = re.sub(r"error at (\d+):(\d+)", lambda m: f"error at line {int(m.group(1)) - shift_lines}, "
                     f"column {m.group(2)}", message)
    message = re.sub(r"\(line:(\d+), col:(\d+)\)", lambda m: f"(line {int(m.group(1)) - shift_lines}, "
                     f"column {m.group(2)})", message)
    message = re.sub(r"\(at char (\d+)\),?\s*", lambda m: "" if int(m.group(1)) >= shift_chars else m.group(0),
                     message)
    return QueryError(f"bad SPARQL ({engine} parser): {message}")


def run_rdflib(dataset: Any, query: str) -> Result:
    """Run a query (as written by the user) on an rdflib dataset."""
    from rdflib.plugins.sparql import prepareQuery

    prepared = prepare_query(query)
    try:
        with PARSER_LOCK:
            parsed = prepareQuery(prepared)
    except Exception as err:  # pyparsing.ParseException, or plain Exception for an unknown prefix
        raise syntax_error("rdflib", prepared, query, err) from err
    try:
        result = dataset.query(parsed)
        if result.type == "ASK":
            return make_result(query, "ask", boolean=result.askAnswer)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return make_result(query, "graph", triples=[tuple(from_rdflib(t) for t in triple)
                                                        for triple in result.graph])  # type: ignore[misc]
        # `result.bindings`, not iteration: rdflib's iterator drops a solution whose
        # projected variables are all unbound (rdflib/query.py `if b:`), SPARQL keeps it.
        variables = list(result.vars)
        rows = [tuple(from_rdflib(binding.get(v)) for v in variables) for binding in result.bindings]
        variables = [str(v) for v in variables]
    except QueryError:
        raise
    except Exception as err:
        raise QueryError(f"rdflib could not run the query: {err}") from err
    return make_result(query, "select", variables, rows)


def run_oxigraph(store: Any, query: str) -> Result:
    """Run a query (as written by the user) on an Oxigraph store built by `load_oxigraph`."""
    import pyoxigraph as ox

    prepared = prepare_query(query)
    try:
        result = store.query(prepared)
    except SyntaxError as err:
        raise syntax_error("oxigraph", prepared, query, err) from err
    try:
        if isinstance(result, ox.QueryBoolean):
            return make_result(query, "ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            return make_result(query, "graph", triples=[(from_oxigraph(t.subject), from_oxigraph(t.predicate),
                                                         from_oxigraph(t.object)) for t in result])  # type: ignore[misc]
        variables = [v.value for v in result.variables]
        rows = [tuple(from_oxigraph(solution[v]) for v in variables) for solution in result]
    except QueryError:
        raise
    except Exception as err:
        raise QueryError(f"oxigraph could not run the query: {err}") from err
    return make_result(query, "select", variables, rows)


def load(engine: str, files: Iterable[Path]) -> Any:
    if engine == "rdflib":
        return load_rdflib(files)
    if engine == "oxigraph":
        return load_oxigraph(files)
    raise QueryError(f"engine {engine!r} is not one of {', '.join(ENGINES)}")


def run(engine: str, data: Any, query: str) -> Result:
    return run_rdflib(data, query) if engine == "rdflib" else run_oxigraph(data, query)


def read_query(text: str) -> str:
    """A query given on the command line: a ``.rq`` file, or the SPARQL text itself."""
    path = Path(text)
    if text.endswith(".rq") or ("\n" not in text and _is_file(path)):
        try:
            return path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise QueryError(f"query file {text!r} does not exist") from None
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(f"query file {text!r} is not readable UTF-8 text ({err})") from err
    if not text.strip():
        raise QueryError("the query is empty; give SPARQL text or a .rq file")
    return text


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # SPARQL text too long for a file name
        return False


def choose_engine(engine: str, files: list[Path] | None = None) -> str:
    """The engine to run: as asked; ``auto`` is Oxigraph (faster than rdflib to load and to
    answer on every paper of the corpus, the smallest included, and it opens `graphs/store/`)."""
    if engine == "auto":
        return "oxigraph"
    if engine not in ENGINES:
        raise QueryError(f"engine {engine!r} is not one of auto, {', '.join(ENGINES)}")
    return engine


def query_graphs(query: str, graphs: str | Path = DEFAULT_GRAPHS, engine: str = "auto",
                 allow_service: bool = False) -> Result:
    """Open the graphs of a folder (its store when current, see `store.open_graphs`) and run one
    query on them; a query that calls another endpoint (``SERVICE``) is refused unless
    ``allow_service``, and one nested deeper than `MAX_NESTING` always."""
    from .store import open_graphs

    check_nesting(query)
    if not allow_service:
        refuse_service(query)
    opened = open_graphs(graphs, choose_engine(engine))
    return run(opened.engine, opened.data, query)


# --- output -----------------------------------------------------------------------------------


def format_result(result: Result, fmt: str = "table") -> str:
    """``table`` (aligned, IRIs shortened), ``csv`` (SPARQL 1.1 CSV results) or ``json``
    (SPARQL 1.1 query results JSON); ASK gives ``true``/``false``; a graph gives Turtle."""
    if fmt not in FORMATS:
        raise QueryError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        return to_turtle(result.triples)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    return to_table(result)


def to_json(result: Result) -> str:
    def binding(term: Term) -> dict[str, str]:
        if term.kind != "literal":
            return {"type": term.kind, "value": term.value}
        out = {"type": "literal", "value": term.value}
        if term.lang:
            out["xml:lang"] = term.lang
        elif term.datatype:
            out["datatype"] = term.datatype
        return out

    bindings = [{var: binding(term) for var, term in zip(result.variables, row) if term is not None}
                for row in result.rows]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def to_csv(result: Result) -> str:
    """SPARQL 1.1 CSV: full IRIs, lexical values, ``_:`` blank nodes, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t.value}" if t.kind == "bnode" else t.value for t in row])
    return out.getvalue()


def short_iri(iri: str) -> str:
    """``pol:Fact`` for a prefixed name, ``<paper/x>`` relative to BASE, else ``<iri>``."""
    for name, ns in _longest_namespace_first():
        if iri.startswith(ns) and re.fullmatch(r"[\w.\-]*", iri[len(ns):]) and not iri.endswith("."):
            return f"{name}:{iri[len(ns):]}"
    if iri.startswith(BASE):
        return f"<{iri[len(BASE):]}>"
    return f"<{iri}>"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _cut(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def table_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return short_iri(term.value)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return " ".join(term.value.split())


def to_table(result: Result, cell_width: int = DEFAULT_CELL_WIDTH) -> str:
    header = list(result.variables)
    body = [[_cut(table_cell(t), cell_width) for t in row] for row in result.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - display_width(c)) for c, w in zip(cells, widths)).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(r) for r in body]
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def to_turtle(triples: Sequence[tuple[Term, Term, Term]]) -> str:
    """CONSTRUCT/DESCRIBE answers as Turtle with the project prefixes (rdflib's writer
    sorts subjects and predicates, so the text depends on the triples only)."""
    from rdflib import BNode, Graph, Literal, URIRef

    def node(term: Term) -> Any:
        if term.kind == "uri":
            return URIRef(term.value)
        if term.kind == "bnode":
            return BNode(term.value)
        return Literal(term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)

    graph = Graph(bind_namespaces="none")
    for name, ns in prefixes().items():
        graph.bind(name, ns)
    for triple in triples:
        graph.add(tuple(node(t) for t in triple))  # type: ignore[arg-type]
    text = graph.serialize(format="turtle")
    return text if text.endswith("\n") else text + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(prefix_block())
