"""The shared number grammar: every way the papers write a number parses back to it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.numerals import (
    ARABIC,
    EN_NUMBER,
    ZH_NUMBER,
    format_decimal,
    parse_cn_number,
    parse_en_number,
    parse_number,
)

CN_DIGITS = "零一二三四五六七八九"
EN_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def cn_section(n: int) -> str:
    """0 < n < 10000 in Chinese numerals, zeros written once: 2050 → 二千零五十."""
    out, zero = [], False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(CN_DIGITS[digit] + char)
    return "".join(out)


def cn_numeral(n: int) -> str:
    """n < 10^12 in Chinese numerals: 12345 → 一萬二千三百四十五, 15 → 十五."""
    if n == 0:
        return "零"
    if 10 <= n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    out, pending_zero = [], False
    for scale, char in ((10**8, "億"), (10**4, "萬"), (1, "")):
        section = n // scale % 10**4
        if section == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if out and (pending_zero or section < 1000):
            out.append("零")
        out.append(cn_section(section) + char)
        pending_zero = False
    return "".join(out)


def en_words(n: int) -> str:
    """0 ≤ n < 1000 in English words: 125 → one hundred and twenty-five."""
    if n < 20:
        return EN_ONES[n]
    if n < 100:
        return EN_TENS[n // 10] + ("-" + EN_ONES[n % 10] if n % 10 else "")
    rest = n % 100
    return EN_ONES[n // 100] + " hundred" + (" and " + en_words(rest) if rest else "")


# fmt: off
@pytest.mark.parametrize(("n", "text"), [
    (12345, "一萬二千三百四十五"), (2050, "二千零五十"), (15, "十五"), (10, "十"), (110, "一百一十"),
    (100000005, "一億零五"), (100050000, "一億零五萬"), (88000000000, "八百八十億"), (10000, "一萬"),
])
# fmt: on
def test_cn_formatter_matches_the_papers(n: int, text: str) -> None:
    assert cn_numeral(n) == text


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_digits(n: int) -> None:
    assert parse_number(str(n)) == n


@given(st.integers(min_value=1000, max_value=10**15))
def test_comma_groups(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1000, max_value=10**15))
def test_digit_group_spaces(n: int) -> None:
    assert parse_number(f"{n:,}".replace(",", " ")) == n


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False), st.booleans())
def test_decimals_with_and_without_groups(value: Decimal, grouped: bool) -> None:
    text = f"{value:,.2f}" if grouped else f"{value:.2f}"
    assert parse_number(text) == value
    assert Decimal(format_decimal(parse_number(text))) == value


@given(st.decimals(min_value=0, max_value=10**6, places=1, allow_nan=False, allow_infinity=False))
def test_one_decimal_place(value: Decimal) -> None:
    assert parse_number(f"{value:.1f}") == value


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals(n: int) -> None:
    assert parse_number(cn_numeral(n)) == n
    assert parse_cn_number(cn_numeral(n)) == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_are_matched_whole(n: int) -> None:
    text = cn_numeral(n)
    assert re.fullmatch(ZH_NUMBER, text)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["萬", "億"]), st.booleans())
def test_chinese_scale_after_digits(n: int, scale: str, space: bool) -> None:
    factor = {"萬": 10**4, "億": 10**8}[scale]
    text = f"{n:,}{' ' if space else ''}{scale}"
    assert parse_number(text) == n * factor
    assert re.fullmatch(ZH_NUMBER, text)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["萬", "億"]))
def test_chinese_numeral_with_scale(n: int, scale: str) -> None:
    factor = {"萬": 10**4, "億": 10**8}[scale]
    assert parse_number(cn_section(n) + scale) == n * factor


@given(st.decimals(min_value=Decimal("0.01"), max_value=9999, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["萬", "億", "million", "billion", "萬億", "trillion"]))
def test_decimal_with_scale_word(value: Decimal, scale: str) -> None:
    factor = {"萬": 10**4, "億": 10**8, "萬億": 10**12, "million": 10**6, "billion": 10**9, "trillion": 10**12}[scale]
    assert parse_number(f"{value} {scale}") == value * factor
    assert "E" not in format_decimal(parse_number(f"{value} {scale}"))


@given(st.integers(min_value=0, max_value=999))
def test_english_words(n: int) -> None:
    words = en_words(n)
    assert parse_en_number(words) == n
    assert re.fullmatch(EN_NUMBER, words, re.IGNORECASE)


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["million", "billion"]))
def test_english_words_with_scale(n: int, scale: str) -> None:
    factor = {"million": 10**6, "billion": 10**9}[scale]
    assert parse_number(f"{en_words(n)} {scale}") == n * factor


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    ("3,000 萬", "30000000"), ("1億8,300萬", "183000000"), ("八百八十億", "88000000000"),
    ("10 500", "10500"), ("200 000", "200000"), ("1.8 billion", "1800000000"), ("HK$1.8 billion".removeprefix("HK$"), "1800000000"),
    ("300 千萬億", "300000000000000000"), ("三千千萬億", "3000000000000000000"), ("一萬億", "1000000000000"),
    ("5 兆", "5000000000000"), ("三點五億", "350000000"), ("十三點八", "13.8"), ("二零二四", "2024"),
    ("1.8bn", "1800000000"), ("$4,750 million".removeprefix("$"), "4750000000"), ("twenty-five", "25"),
    ("one hundred and twenty-five", "125"), ("1.50", "1.5"), ("兩", "2"),
])
# fmt: on
def test_examples(text: str, expected: str) -> None:
    assert format_decimal(parse_number(text)) == expected


def test_word_numbers_stand_alone() -> None:
    assert [m.group() for m in re.finditer(EN_NUMBER, "someone gave none", re.IGNORECASE)] == []


def test_a_number_does_not_start_inside_another() -> None:
    assert re.findall(ARABIC, "139.1 267.7") == ["139.1", "267.7"]
    assert re.findall(ARABIC, "由 2022 年的約 10 500 宗") == ["2022", "10 500"]


@given(st.integers(min_value=1000, max_value=999_999), st.integers(min_value=1000, max_value=999_999))
def test_a_number_keeps_one_kind_of_separator(a: int, b: int) -> None:
    """`2,000 141 000` (en-2020-21-budget-highlights p58) is two table cells: a comma-grouped number
    and a space-grouped one never join."""
    spaced = f"{b:,}".replace(",", " ")
    text = f"{a:,} {spaced}"
    assert re.findall(ARABIC, text) == [f"{a:,}", spaced]


def test_zh_number_keeps_no_trailing_space() -> None:
    assert re.match(ZH_NUMBER, "5,000 to").group() == "5,000"


@pytest.mark.parametrize("text", ["", "   ", "abc", "million"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)
