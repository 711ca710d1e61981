"""Offset-preserving normalisation for matching: Simplified → Traditional, full-width → ASCII.

Every function here maps a string to one of the SAME length, character by character,
so an offset in the normalised text is the offset in the block text: recognizers
match on the normalised form and report spans of the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

RE_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef\u3400-\u4dbf「」『』《》〈〉（）【】]")


def is_cjk(ch: str) -> bool:
    """CJK ideographs and CJK or full-width punctuation: no space is ever put between two."""
    return bool(RE_CJK.match(ch))


# Full-width forms the grammars read as ASCII (digits, Latin letters, brackets, colon,
# percent, dollar, point, hyphen) and the ideographic space. Full-width commas and
# other CJK punctuation are kept: a full-width comma never separates digit groups.
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH.update({"（": "(", "）": ")", "：": ":", "％": "%", "＄": "$", "．": ".", "－": "-", "\u3000": " ",
                   "／": "/", "\u00a0": " ", "\u2009": " "})
FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH)


@lru_cache(maxsize=4)  # one per OpenCC configuration in use (s2hk, t2s)
def _converter(config: str):  # type: ignore[no-untyped-def]
    from opencc import OpenCC  # lazy: the dictionaries take a moment to load

    return OpenCC(config)


def to_traditional(text: str) -> str:
    """Convert Simplified characters to Traditional (Hong Kong forms: 台, 秘, 衞) one character at a time.

    >>> to_traditional("不少于 6 亿元")
    '不少於 6 億元'
    """
    if text.isascii():
        return text
    converter = _converter("s2hk")
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        converted = _char_s2t(ch, converter)
        out.append(converted)
    return "".join(out)


@lru_cache(maxsize=65536)
def _char_s2t(ch: str, converter) -> str:  # type: ignore[no-untyped-def]
    converted = converter.convert(ch)
    return converted if len(converted) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional → Simplified (for `@zh-Hans` labels); length may change, used for labels only."""
    return _converter("t2s").convert(text)


def simplified_ratio(text: str) -> float:
    """Share of convertible Chinese characters that are Simplified-only."""
    s2t = _converter("s2hk")
    t2s = _converter("t2s")
    simplified = traditional = 0
    for ch in set(text):
        if not ("\u4e00" <= ch <= "\u9fff"):
            continue
        if _char_s2t(ch, s2t) != ch:
            simplified += 1
        elif t2s.convert(ch) != ch:
            traditional += 1
    return simplified / max(1, simplified + traditional)


def for_matching(text: str) -> str:
    """The form recognizers read: Traditional characters, ASCII digits and brackets (same length).

    >>> for_matching("１（政府）：２（机构）")
    '1(政府):2(機構)'
    """
    return to_traditional(text.translate(FULLWIDTH_TABLE))
