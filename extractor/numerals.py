"""Number grammar shared by every recognizer: Arabic digits, Chinese numerals, scale words.

Values are exact ``Decimal``s, never floats (spec: "an exact decimal number").

Examples:
    >>> parse_number("3,000 萬")
    Decimal('30000000')
    >>> parse_number("1億8,300萬")
    Decimal('183000000')
    >>> parse_number("八百八十億")
    Decimal('88000000000')
    >>> parse_number("10 500")
    Decimal('10500')
    >>> parse_number("1.8 billion")
    Decimal('1800000000')
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Chinese digits in Traditional, Simplified and formal (banker's) forms.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "０": 0,
    "一": 1, "壹": 1, "二": 2, "貳": 2, "贰": 2, "兩": 2, "两": 2, "三": 3, "參": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陸": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
# Units below 萬 multiply the digit before them.
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Section units: 萬 = 10^4, 億 = 10^8, 兆 = 10^12 (spec: 萬億 / 兆 = 10^12).
CN_BIG_UNITS: dict[str, int] = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}

EN_SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9,
    "b": 10**9, "trillion": 10**12,
}  # fmt: skip
EN_SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
EN_HUNDRED = {"hundred": 100}

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

# An Arabic number: digit groups separated by commas or single (thin) spaces before
# exactly three digits (LegCo papers print `10 500`, `200 000`), optional decimals.
# A number never starts inside another one (`139.1 267.7%` is two numbers, not `1 267.7`),
# and keeps one kind of separator (`2,000 141 000` is two table cells, not one number).
ARABIC = (
    r"(?<![\d.])(?:\d{1,3}(?:(?:,\d{3})+|(?:[ \u2009\u00a0]\d{3})+)(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)"
)
RE_ARABIC = re.compile(ARABIC)
# A Chinese-language number: Arabic digits and/or Chinese numerals with scale characters,
# e.g. `3,000 萬`, `1億8,300萬`, `八百八十億`, `300 千萬億`. Spaces may sit between the
# digits and the scale character (`100 億`).
# `三點五` (3.5): a Chinese decimal point between Chinese digits.
CN_DECIMAL = r"點[" + "".join(CN_DIGITS) + r"]+"
ZH_NUMBER = (
    rf"(?:(?:{ARABIC})(?:\s?[十百千萬万億亿兆]+)?(?:(?:{ARABIC})\s?[十百千萬万億亿兆]+)*"
    rf"|[{CN_NUMERAL_CHARS}]+(?:{CN_DECIMAL}[萬万億亿兆]*)?)"
)
RE_ZH_NUMBER = re.compile(ZH_NUMBER)
EN_WORD_NUMBER = r"(?:" + "|".join(sorted((w for w in EN_SMALL if len(w) > 2), key=len, reverse=True)) + r")"
# Word numbers stand alone (`one` is not a number inside `someone`) and may carry
# hundreds: `two hundred and fifty`.
_EN_WORDS_BELOW_100 = rf"{EN_WORD_NUMBER}(?:[- ]{EN_WORD_NUMBER})?"
EN_WORD_PHRASE = (
    rf"\b{_EN_WORDS_BELOW_100}(?:[ ]hundred(?:[ ](?:and[ ])?{_EN_WORDS_BELOW_100})?)?\b"
)
EN_NUMBER = (
    rf"(?:(?:{ARABIC})|{EN_WORD_PHRASE})"
    r"(?:\s?(?:thousand|million|billion|trillion|mn|bn)\b)?"
)
RE_EN_NUMBER = re.compile(EN_NUMBER, re.IGNORECASE)

_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"，": ",", "．": "."})


def _to_decimal(digits: str) -> Decimal:
    cleaned = re.sub(r"[,\s\u2009\u00a0]", "", digits.translate(_FULLWIDTH))
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not a number: {digits!r}") from None


def _parse_cn_section(text: str) -> Decimal:
    """A number below 萬 (or its multiplier): 三千五百, 1,500, 八百八十, 十五, 2千."""
    if not text:
        raise ValueError("empty numeral")
    if "點" in text:
        whole, _, fraction = text.partition("點")
        digits = "".join(str(CN_DIGITS[ch]) if ch in CN_DIGITS else ch for ch in fraction.strip())
        if not digits.isdigit():
            raise ValueError(f"bad decimal fraction in Chinese numeral {text!r}")
        return _parse_cn_section(whole) + Decimal("0." + digits) if whole.strip() else Decimal("0." + digits)
    total = Decimal(0)
    pending: Decimal | None = None
    i = 0
    while i < len(text):
        match = RE_ARABIC.match(text, i)
        if match:
            pending = _to_decimal(match.group())
            i = match.end()
            continue
        ch = text[i]
        if ch in CN_DIGITS:
            pending = Decimal(CN_DIGITS[ch]) if pending is None else pending * 10 + CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            total += (Decimal(1) if pending is None else pending) * CN_SMALL_UNITS[ch]
            pending = None
        elif ch.isspace():
            pass
        else:
            raise ValueError(f"unexpected character {ch!r} in Chinese numeral {text!r}")
        i += 1
    if pending is not None:
        total += pending
    return total


def parse_cn_number(text: str) -> Decimal:
    """Parse a Chinese-language number, mixed with Arabic digits or not.

    Scale characters combine as written: 萬億 and 千萬億 multiply (10^12, 10^15).

    >>> parse_cn_number("二千零五十")
    Decimal('2050')
    >>> parse_cn_number("300 千萬億")
    Decimal('300000000000000000')
    >>> parse_cn_number("三千千萬億")
    Decimal('3000000000000000000')
    """
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        raise ValueError("empty numeral")
    # Split into (section, big-unit multiplier) pairs from the left: 1億8,300萬 → (1, 億), (8300, 萬).
    total = Decimal(0)
    section_start = 0
    i = 0
    last_multiplier: int | None = None
    while i < len(text):
        ch = text[i]
        if ch in CN_BIG_UNITS:
            section = text[section_start:i]
            # A run of scale characters (千萬億, 萬億) multiplies into one factor.
            factor = CN_BIG_UNITS[ch]
            j = i + 1
            while j < len(text) and text[j] in CN_BIG_UNITS:
                factor *= CN_BIG_UNITS[text[j]]
                j += 1
            # `三千千萬億` (3000 × 10^15): a small unit right after another one is part of the scale.
            stripped = section.strip()
            if len(stripped) >= 2 and stripped[-1] in CN_SMALL_UNITS and stripped[-2] in CN_SMALL_UNITS:
                factor *= CN_SMALL_UNITS[stripped[-1]]
                section = stripped[:-1]
            value = _parse_cn_section(section) if section.strip() else Decimal(1)
            if section.strip() and section.strip()[-1] in "千仟百佰十拾" and len(section.strip()) == 1:
                value = Decimal(CN_SMALL_UNITS[section.strip()])
            # `千萬億`: the 千 belongs to the scale when nothing numeric precedes it in the section.
            total += value * factor
            last_multiplier = factor
            section_start = i = j
            continue
        i += 1
    rest = text[section_start:].strip()
    if rest:
        value = _parse_cn_section(rest)
        # 一萬二 (colloquial) is not used in papers; a bare tail after 億 is counted as written.
        total += value
    elif last_multiplier is None:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return _exact(total)


def parse_en_number(text: str) -> Decimal:
    """Parse an English number: digits or words, with a scale word (million, billion).

    >>> parse_en_number("HK$1.8 billion".removeprefix("HK$"))
    Decimal('1800000000')
    >>> parse_en_number("twenty-five")
    Decimal('25')
    """
    # `1.8bn`, `5m`: a scale suffix written against the digits.
    text = re.sub(r"(\d)(mn|bn|m|b)\b", r"\1 \2", text.strip(), flags=re.IGNORECASE)
    words = text.lower().replace("-", " ").split()
    if not words:
        raise ValueError("empty number")
    scale = 1
    if words[-1] in EN_SCALES and len(words) > 1:
        scale = EN_SCALES[words.pop()]
    elif words[-1] in EN_SCALES and RE_ARABIC.fullmatch(words[-1]) is None:
        raise ValueError(f"a scale word without a number: {text!r}")
    joined = " ".join(words)
    if RE_ARABIC.fullmatch(joined):
        return _exact(_to_decimal(joined) * scale)
    total = 0
    current = 0
    for word in words:
        if word in EN_SMALL:
            current += EN_SMALL[word]
        elif word in EN_HUNDRED:
            current = max(current, 1) * 100
        elif word == "and":
            continue
        else:
            raise ValueError(f"not an English number: {text!r}")
    total += current
    return Decimal(total * scale)


def _exact(value: Decimal) -> Decimal:
    """Drop scale artefacts: `1.8 * 10^9` → `1800000000`, not `1800000000.0`."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_number(text: str) -> Decimal:
    """Parse any number the papers print, in either language.

    >>> parse_number("一萬")
    Decimal('10000')
    >>> parse_number("3 000")
    Decimal('3000')
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("empty number")
    if re.search(r"[A-Za-z]", stripped):
        return _exact(parse_en_number(stripped))
    return _exact(parse_cn_number(stripped))


def format_decimal(value: Decimal) -> str:
    """The spec's string form of a value: no exponent, no trailing zeros (`1.50` → `1.5`)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
