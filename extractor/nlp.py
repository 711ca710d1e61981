"""Chinese word boundaries for the recognizers: one isolated jieba tokenizer per process.

jieba's shipped dictionary (`dict.txt`) is Simplified, so a Traditional text is segmented
through its character-by-character Simplified form (same length, so every token's offsets
are offsets into the text given). The tokenizer is a private ``jieba.Tokenizer`` with the
project's dictionary of policy and government terms (`data/zh_policy_terms.txt`: place
names, measure heads such as `科技城`/`園區`, HK bodies) added with ``add_word``; the
module-level jieba dictionary is never touched. jieba loads on first use (about a second),
never at ``import extractor``.

Examples:
    >>> [(t.text, t.tag) for t in zh_tokens("發展河套香港園區")]
    [('發展', 'vn'), ('河套', 'ns'), ('香港', 'ns'), ('園區', 'n')]
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .normalize import to_simplified

logging.getLogger(__name__).addHandler(logging.NullHandler())

TERMS_PATH = Path(__file__).resolve().parent / "data" / "zh_policy_terms.txt"


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text: ``text[start:end]`` as written, with jieba's part-of-speech tag."""

    text: str
    start: int
    end: int
    tag: str


def load_terms(path: Path = TERMS_PATH) -> list[tuple[str, int | None, str | None]]:
    """The project dictionary: `word [freq] [tag]` per line, `#` comments; Traditional forms."""
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *rest = line.split()
        freq = int(rest.pop(0)) if rest and rest[0].isdigit() else None
        if len(rest) > 1 or (rest and not rest[0].isalpha()):
            raise ValueError(f"{path}:{number}: expected 'word [freq] [tag]', got {line!r}")
        terms.append((word, freq, rest[0] if rest else None))
    return terms


@lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO through its own logger
    tokenizer = jieba.Tokenizer()
    tagger = jieba.posseg.POSTokenizer(tokenizer)
    for word, freq, tag in load_terms():
        simplified = simplify(word)
        # Added to the private tokenizer; the tagger picks the tags up on its next cut.
        tokenizer.add_word(simplified, freq if freq is not None else 20000, tag)
    return tagger


def simplify(text: str) -> str:
    """Traditional → Simplified one character at a time, so offsets survive (`園區` → `园区`)."""
    return "".join(_simplify_char(ch) for ch in text)


@lru_cache(maxsize=65536)
def _simplify_char(ch: str) -> str:
    if ch.isascii():
        return ch
    converted = to_simplified(ch)
    return converted if len(converted) == 1 else ch


def zh_tokens(text: str) -> list[Token]:
    """jieba words of ``text`` with their offsets and part-of-speech tags."""
    tokens = []
    position = 0
    for pair in _pos_tokenizer().cut(simplify(text)):
        end = position + len(pair.word)
        tokens.append(Token(text[position:end], position, end, pair.flag))
        position = end
    return tokens
