"""The extractor as a spaCy pipeline component: ``nlp.add_pipe("legco_kg")`` fills ``doc.spans``.

The component runs the project's own path on ``doc.text``: the text ingest
(`ingest.text.read_text`), the layout stage (`structure.build_document`) and the extraction
stage (`extract.extract`), exactly what ``legco-kg extract`` does for a text file. Each value,
organisation mention and measure mention is then mapped from its block back to ``doc``
through the block's provenance (``Block.source_span``) and written as a span:

=================  =================================  ==========================================
``doc.spans`` key  ``span.label_``                    ``span._.legco``
=================  =================================  ==========================================
``amounts``        ``amount``                         the fact: currency, value or min/max, qualifier
``quantities``     ``quantity``                       the fact: value, unit, of
``dates``          ``date``                           the fact: start, end, edtf (vague, relative)
``durations``      ``duration``                       the fact
``ratios``         ``ratio``                          the fact: terms
``organisations``  ``org``                            the organisation: canonical name, en
``measures``       the measure type (``Scheme``)      the measure: name, type, links, …
=================  =================================  ==========================================

``span._.legco`` is the very dict the facts JSON holds for that mention (one span per value
fact; one span per mention of an organisation or a measure). ``span.id_`` is
``"<key>/<position in the facts list>"``; organisation and measure spans carry the canonical
name as ``span.kb_id_``. ``doc._.legco_facts`` is the whole facts dict (the gold format of
``legco-kg extract``; its ``block``/``span`` fields point into the parsed text, not ``doc``).
A measure's ``links`` name positions in the facts lists; ``span._.legco_links`` turns them
into the linked spans (``{"amounts": [Span, …], "dates": […], …}``); its responsible units
are names (``span._.legco["responsible"]``), the ``kb_id_`` of their organisation spans.

Alignment: a mention becomes ``doc.char_span(start, end, alignment_mode="expand")``, so a
span covers whole tokens. The jieba segmenter may glue a mention to its neighbour (`億元以`),
and then the span is wider than the mention; ``span._.legco["text"]`` keeps the mention as
written. With ``split_tokens=True`` the component first splits every token a mention
boundary falls inside, so every span is exactly its mention (this changes the tokenisation
the later components see). A mention that cannot be aligned is not dropped silently: its
``(key, position)`` is listed in ``doc._.legco_unaligned``.

Examples:
    >>> import spacy, extractor.spacy_component
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("legco_kg", config={"reference_date": "2024-10-28"})
    >>> doc = nlp("The Government will invest $1.5 billion next year.")
    >>> [(s.text, s._.legco["value"]) for s in doc.spans["amounts"]]
    [('$1.5 billion', '1500000000')]
"""

import logging
from datetime import date
from typing import Any, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extract import extract
from .ingest.text import read_text
from .structure import build_document
from .types import Document

logging.getLogger(__name__).addHandler(logging.NullHandler())

FACTORY_NAME = "legco_kg"
#: ``doc.spans`` key → span label (measures are labelled with their type).
SPAN_LABELS = {"amounts": "amount", "quantities": "quantity", "dates": "date", "durations": "duration",
               "ratios": "ratio", "organisations": "org", "measures": "measure"}
VALUE_KEYS = ("amounts", "quantities", "dates", "durations", "ratios")
#: Exercises every recognizer once when the component is made, so that the gazetteer, jieba
#: and OpenCC are loaded then and not while the first document is processed.
WARM_UP_TEXT = "政府將撥款 1.8 億元，於 2025 年推出「創科加速器先導計劃」。The Government will allocate $1 billion.\n"


def _links(span: Span) -> dict[str, list[Span]]:
    """The spans a measure span's ``links`` name: per values key, the linked value spans."""
    facts = span._.legco
    if not facts or "links" not in facts:
        return {}
    out: dict[str, list[Span]] = {}
    for key, positions in facts["links"].items():
        by_id = {s.id_: s for s in span.doc.spans.get(key, [])}
        out[key] = [by_id[f"{key}/{i}"] for i in positions if f"{key}/{i}" in by_id]
    return out


for _name, _kwargs in (("legco_facts", {"default": None}), ("legco_unaligned", {"default": None})):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, **_kwargs)
if not Span.has_extension("legco"):
    Span.set_extension("legco", default=None)
if not Span.has_extension("legco_links"):
    Span.set_extension("legco_links", getter=_links)


class _TextSource:
    """What ``read_text`` reads from: the text of a ``Doc`` instead of a file."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    def read_bytes(self) -> bytes:
        return self.text.encode("utf-8")

    def __str__(self) -> str:
        return self.name


def parse_text(text: str, reference_date: date | None = None, paper: str = "doc") -> Document:
    """The ``Document`` that ``legco-kg parse`` gives for a text file holding ``text``; its
    blocks' offsets index ``text`` itself. A byte-order mark or a NUL, which the text ingest
    would drop or refuse, is read as a space so offsets stay put."""
    text = text.replace("\x00", " ")
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    return build_document(read_text(_TextSource(text, paper)), paper, reference_date)  # type: ignore[arg-type]


class LegcoKG:
    """The pipeline component (see the module docstring). Made once per ``nlp`` by the factory."""

    def __init__(self, nlp: Language, name: str = FACTORY_NAME, reference_date: Optional[str] = None,
                 split_tokens: bool = False) -> None:
        self.name = name
        self.reference_date = _parse_date(reference_date)
        self.split_tokens = split_tokens
        extract(parse_text(WARM_UP_TEXT, self.reference_date))

    def __call__(self, doc: Doc) -> Doc:
        facts, document = self.extract(doc.text)
        self.set_annotations(doc, facts, document)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def extract(self, text: str) -> tuple[dict[str, Any], Document | None]:
        """The facts of ``text`` (the gold format) and the parsed document they point into."""
        if not text.strip():
            return _empty_facts(), None
        document = parse_text(text, self.reference_date)
        return extract(document), document

    def set_annotations(self, doc: Doc, facts: dict[str, Any], document: Document | None) -> None:
        located = list(_located(facts, document))
        if self.split_tokens:
            _split_at(doc, {b for _, _, _, start, end in located for b in (start, end)})
        groups: dict[str, list[Span]] = {key: [] for key in SPAN_LABELS}
        unaligned: list[tuple[str, int]] = []
        for key, position, entry, start, end in located:
            label = (entry.get("type") or "measure") if key == "measures" else SPAN_LABELS[key]
            span = doc.char_span(start, end, label=label, alignment_mode="expand",
                                 kb_id=entry["name"] if key in ("organisations", "measures") else "",
                                 span_id=f"{key}/{position}")
            if span is None or not len(span):
                unaligned.append((key, position))
                continue
            span._.legco = entry
            groups[key].append(span)
        for key, spans in groups.items():
            doc.spans[key] = spans
        doc._.legco_facts = facts
        doc._.legco_unaligned = unaligned


def _located(facts: dict[str, Any], document: Document | None) -> Iterator[tuple[str, int, dict[str, Any], int, int]]:
    """``(key, position, entry, start, end)`` for every mention, offsets into the source text."""
    if document is None:
        return
    for key in SPAN_LABELS:
        for position, entry in enumerate(facts[key]):
            for where in entry["evidence"] if "evidence" in entry else [entry]:
                start, end = document.blocks[where["block"]].source_span(*where["span"])
                yield key, position, entry, start, end


def _split_at(doc: Doc, boundaries: set[int]) -> None:
    """Split every token a boundary falls strictly inside, so spans can be exact."""
    cuts = []
    for token in doc:
        inside = sorted(b - token.idx for b in boundaries if token.idx < b < token.idx + len(token.text))
        if inside:
            cuts.append((token, inside))
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for token, inside in cuts:
            edges = [0, *inside, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:])]
            last = len(orths) - 1
            # The pieces hang off the last one, which keeps the token's head (a root stays a root).
            heads = [(token, last)] * last + [token.head if token.head.i != token.i else (token, last)]
            retokenizer.split(token, orths, heads=heads)


def _empty_facts() -> dict[str, Any]:
    return {"paper": None, **{key: [] for key in SPAN_LABELS}}


def _parse_date(value: Optional[str]) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"legco_kg: reference_date must be a date written YYYY-MM-DD, got {value!r}") from None


@Language.factory(
    FACTORY_NAME,
    default_config={"reference_date": None, "split_tokens": False},
    assigns=["doc.spans", "doc._.legco_facts", "doc._.legco_unaligned", "span._.legco"],
)
def make_legco_kg(nlp: Language, name: str, reference_date: Optional[str], split_tokens: bool) -> LegcoKG:
    """The ``legco_kg`` factory: ``reference_date`` (``YYYY-MM-DD``) anchors relative dates
    (`明年`, `next year`) instead of the date printed in the text; ``split_tokens`` splits
    tokens at mention boundaries so spans are exact."""
    return LegcoKG(nlp, name, reference_date=reference_date, split_tokens=split_tokens)
