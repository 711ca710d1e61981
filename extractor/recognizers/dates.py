"""Dates and periods: each mention becomes an inclusive ISO interval plus its EDTF form.

Implements the "Dates and periods" table of ``spec/normalisation.md`` for Traditional
Chinese and English. A mention is parsed as

    [prefix] period [connector period] [suffix]

where *period* is a calendar year, HK financial year (1 April - 31 March), school year
(1 September - 31 August), month, day, quarter, half or part of a year (初/中/底,
early/mid/late/end), a relative year or month (今年, 去年, 下月, this year, last month)
or a rolling window (未來五年, over the past two years). The prefix and suffix make the
interval open: 由/自/從 … 起, from … onwards, 最早 …, … at the earliest → open end;
至/直至 …, … 前/或之前, by …, before …, until … → open start.

The spec's "Decided cases" add: 在四年內 / within five years (a window from the reference
date, unless counted from an event: 通知後須於 12 個月內 is a duration); 兩年前 / two years
ago (a calendar year); 本屆政府任期內 (the Chief Executive's term); seasons; 首兩季 and the
first / remaining two quarters of a financial year; and periods named with their years in
brackets (第一個五年期（2023-24 至 2027-28 年度）, one mention), whose name alone later in the
paper means the same period (``PaperDates``).

Conventions the gold and the spec leave to us (kept in one place so they can be argued):

* 前 / before / by are inclusive: ``2050 年前`` ends on 2050-12-31 (spec); 以後/after
  likewise start at the period's start.
* 以來 / since X runs from the start of X to the reference date (``今年以來``); with no
  reference date the end is left open.
* 截至 / as at X is the point or period X itself, not an open interval.
* 年初 / early = January-March, 年中 / mid = April-September, 年底 / end / late =
  October-December; within a month 初/early = days 1-10, 中/mid = 11-20, 底/end/late
  = 21 to the last day (上旬/中旬/下旬).
* A month or 年底 written without a year belongs to the reference year (``至 8 月底``,
  ``在年底``); ``last August`` is the latest August before the reference month.
* EDTF: a whole year, month or day written as such keeps its short form (``2024``,
  ``2024-07``); a range of two such keeps both (``2024/2025``); an open end keeps a
  short year (``2024/..``) but a month in full (``2023-07-01/..``); everything else, and
  every open start, is written in full dates (``2025-01-01/2025-03-31``,
  ``../2025-12-31``), as in the gold.
* Not dates: a year inside a document title (《…》, or quotes and Bill/Ordinance names in
  English); counts of years (durations, see ``durations.py``); 十四五.

Relative expressions need the reference date; with ``reference_date=None`` they are
skipped.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from extractor.numerals import parse_cn_number, parse_en_number
from extractor.types import Mention

__all__ = ["PaperDates", "find_dates", "in_title"]

# --- text tolerance ------------------------------------------------------------------
# Full-width digits, Latin letters and the punctuation the caller maps to ASCII, plus a
# few dash variants; one character to one character, so offsets survive.
_FOLD = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | {"（": "(", "）": ")", "：": ":", "％": "%", "．": ".", "－": "-", "／": "/",
       "\u2011": "-", "\u2010": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)  # fmt: skip

# --- Chinese building blocks ---------------------------------------------------------
CN_YEAR_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_YD = "".join(CN_YEAR_DIGITS)
_NUMCH = _CN_YD + "兩十百千萬億"
# A year: four Arabic digits 1900-2099, or four Chinese digits read one by one (二零二六).
ZH_YEAR = rf"(?:(?<!\d)(?:19|20)\d\d(?!\d)|(?<![{_NUMCH}])[一二][{_CN_YD}]{{3}}(?![{_NUMCH}]))"
# The second half of a financial year: `26` in 2025-26, `二六` in 二零二五至二六年度.
ZH_YEAR2 = rf"(?:\d\d(?!\d)|[{_CN_YD}]{{2}}(?![{_NUMCH}]))"
ZH_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
ZH_DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
# A small count: 五, 十二, 兩, 一百二十, 3, 12.
ZH_SMALL_CN = (
    r"(?:[一二兩三四五六七八九]百(?:零[一二三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?)?"
    r"|[一二兩三四五六七八九]?十[一二三四五六七八九]?|[一二兩三四五六七八九])"
)
ZH_COUNT = rf"(?:(?<![\d.,])\d{{1,3}}(?![\d,])|(?<![{_NUMCH}]){ZH_SMALL_CN})"
_SEP = r"[-–—~～/]"

RE_ZH_PREFIX = re.compile(r"(由|自|從|截至|直至|直到|至|到|在|於|于|最早(?:於|在)?)\s*")
RE_ZH_FISCAL = re.compile(
    rf"(?P<y>{ZH_YEAR})\s*(?P<sep>{_SEP}|至)\s*(?P<y2>{ZH_YEAR2})\s*"
    r"(?P<tail>財政年度|課[稅税]年度|年度|學年|年(?![代級齡資輕青紀]))?"
)
# 2024/25 及 2025/26 學年, 2024/25 至 2026/27 學年: the 學年 at the end names them all.
RE_ZH_SCHOOL_AHEAD = re.compile(rf"\s*(?:(?:至|到|及|和|、|{_SEP})\s*{ZH_YEAR}\s*{_SEP}\s*{ZH_YEAR2}\s*)*學年")
RE_ZH_YEAR = re.compile(rf"(?P<y>{ZH_YEAR})\s*年(?P<du>度)?(?![代級齡資輕青紀])")
RE_ZH_BARE_YEAR = re.compile(rf"(?P<y>{ZH_YEAR})(?!\s*[年\d])")
# 今年度 / 本年度 / 下年度: the financial year around the reference date.
RE_ZH_REL_FISCAL = re.compile(
    r"(?P<w>今年度|本年度|明年度|下年度|(?<!過)去年度|上年度|"
    r"本財政年度|今個財政年度|下一?個財政年度|上一?個財政年度)"
)
# `過去年度` is "past years", but `通過去年計劃` is "through last year's scheme".
RE_ZH_REL_YEAR = re.compile(rf"(?P<w>今年|本年|明年|來年|(?:(?<=[通經透超度錯勝不]過)|(?<!過))去年|(?<![{_NUMCH}\d多數幾每])(?:前年|後年))(?!度)")
RE_ZH_REL_MONTH = re.compile(r"(?<![以之])(?P<w>本月|今月|這個月|下一個月|下個?月|上一個月|上個?月)(?![薪費租供息刊])")
RE_ZH_MONTH_RANGE = re.compile(rf"(?P<m1>{ZH_MONTH})\s*月?\s*(?:至|到|{_SEP})\s*(?P<m2>{ZH_MONTH})\s*月")
RE_ZH_MONTH = re.compile(rf"(?<![\d.{_NUMCH}第個每半數幾])(?P<m>{ZH_MONTH})\s*月(?:份)?(?![薪費租供息刊餅])")
RE_ZH_DAY = re.compile(rf"(?P<d>{ZH_DAY})\s*[日號](?![報誌記])")
RE_ZH_MONTH_PART = re.compile(r"(?P<p>上旬|中旬|下旬|初(?![步期級])|中(?![國央期旬文心])|底|末|尾)")
# 第三季, 首季; 首兩季 (the first two quarters), 餘下兩季 (the remaining two).
RE_ZH_QUARTER = re.compile(
    r"(?:第\s*(?P<q>[一二三四1-4])\s*|(?P<first>首)(?P<nfirst>[兩二三])?|(?:餘下|其餘|最後)(?P<nlast>[兩二三一]))季(?:度)?"
)
RE_ZH_HALF = re.compile(r"(?P<h>[上下])半(?:年|財政年)?(?:度)?")
RE_ZH_YEAR_PART = re.compile(
    r"年?(?P<p>初(?![步期級中創生次心])|中(?![國央期文心小學環港華東西南北部間外醫資的])|底|末|尾(?!數))"
)
# 年底 / 上半年 with no year before them: the reference year. Not after 每/同/該 (each,
# same, that year) or any character that would make it part of another year word.
_NOT_BEFORE_BARE = rf"(?<![{_NUMCH}\d每同當該上下半全學今明去前後本翌來歷週周多近數幾財年度])"
RE_ZH_BARE_YEAR_PART = re.compile(
    _NOT_BEFORE_BARE + r"年(?P<p>初(?![步期級])|中(?![國央期文心小學環港華東西南北部間外醫資的])|底|末|尾(?!數))"
)
RE_ZH_BARE_HALF = re.compile(_NOT_BEFORE_BARE + r"(?P<h>[上下])半年(?!度)")
# 未來五年, 過去兩年, 近三年, 過往 12 個月.
RE_ZH_ROLLING = re.compile(
    rf"(?P<dir>未來|今後|往後|接下來的?|過去|過往|以往|最近|(?<![接將])近)\s*(?P<n>{ZH_COUNT})\s*(?:個\s*(?=[月星]))?"
    r"(?P<u>年|月|星期|週|日(?!間)|天)(?:之內|以內|內(?!地)|間|來)?"
)
# 十年來 / 三個月來: the window ending on the reference date.
RE_ZH_YEARS_SINCE = re.compile(rf"(?<![第每])(?P<n>{ZH_COUNT})\s*個?\s*(?P<u>年|月)來(?![港澳])")
# 在四年內 (spec, decided): a window from the reference date, like 未來四年.
RE_ZH_IN_YEARS = re.compile(rf"(?P<n>{ZH_COUNT})\s*(?:個\s*(?=月))?(?P<u>年|月)(?:之內|以內|內)(?!地)")
# 兩年前: the calendar year N years before the reference year (not 一年前同期, a data comparison).
RE_ZH_YU_IN_WORD = re.compile(r"(?:[多少低高大小等對由至關基鑑用屬])於$")
RE_ZH_AFTER_EVENT = re.compile(r"(?:後[^，。；：]*|[須需])$")
RE_ZH_YEARS_AGO = re.compile(rf"(?<![第每])(?P<n>{ZH_COUNT})\s*年前(?![往景瞻])(?!同期)")
# 本屆政府任期內: the current Chief Executive's term.
RE_ZH_CE_TERM = re.compile(r"本屆政府(?:的)?任(?:期|內)(?:之?內)?")
# A period with a name: 第一個五年期, 首五年, 上一個五年期, 五年期 (its years in brackets or
# named earlier in the paper).
RE_ZH_NAMED_PERIOD = re.compile(
    rf"(?:在|於|至)?\s*(?:(?P<ord>第[一二三四五六七八九十]+個|首個?)|上一?個|下一?個)?(?P<n>{ZH_COUNT})\s*年期"
    rf"|(?:在|於|至)?\s*首(?P<first>{ZH_COUNT})\s*年(?![期度級代])"
)
RE_OPEN_BRACKET = re.compile(r"\s*[(（]\s*")
RE_CLOSE_BRACKET = re.compile(r"\s*[)）]")
# Seasons (spec, decided): spring March-May, summer June-August, autumn September-November,
# winter December-February.
RE_ZH_SEASON = re.compile(r"(?P<s>[春夏秋冬])(?:季|天)(?![風候節度報刊])")
RE_ZH_DAYS_LATER = re.compile(rf"(?<![第每])(?P<n>{ZH_COUNT})\s*(?:日|天)(?:之)?後")
RE_ZH_CONNECT = re.compile(rf"\s*(?:至|到|{_SEP})\s*")
RE_ZH_WITHIN = re.compile(r"\s*(?:之內|以內|內(?![地部容外])|期間|全年)")
# After a date 前 is "before" even when a verb follows (年底前進行, 年底前提出); not 前往/前景.
RE_ZH_BEFORE = re.compile(r"\s*(?:或之前|或以前|之前|以前|前)(?![往景瞻])")
RE_ZH_FROM = re.compile(r"\s*(?:起計|起(?![碼步源草])|為始)")
# 開始 after a bare period is usually the verb ("明年開始進駐", gold: 明年); only 由/自/從 … 開始 opens.
RE_ZH_START = re.compile(r"\s*開始")
RE_ZH_AFTER = re.compile(r"\s*(?:或以後|及以後|及其後|或之後|以後|之後)")
# 增加至 2027 年的…: 至 after a verb of change introduces a level, not "until".
RE_ZH_LEVEL_VERB = re.compile(r"[增升降跌減加復達高低少多提擴]$")
RE_ZH_SINCE = re.compile(r"\s*(?:以來|至今)")

# --- English building blocks ---------------------------------------------------------
EN_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_EN_MONTH_NAMES = ["September", "February", "November", "December", "January", "October", "August",
                   "March", "April", "June", "July", "May"]  # fmt: skip
_EN_MONTH_ABBR = ["Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# Case-sensitive on purpose: "may", "march" are verbs. Only an abbreviation takes a dot.
EN_MONTH = rf"(?:(?:{'|'.join(_EN_MONTH_NAMES)})\b|(?:{'|'.join(_EN_MONTH_ABBR)})(?:\.|\b))"
EN_YEAR = r"(?<![\d$.,])(?:19|20)\d\d(?![\d%+]|,\d|\.\d)"
EN_YEAR2 = r"\d\d(?!\d)"
EN_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
EN_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
          "final": 4, "last": 4, "latter": 2, "later": 2}  # fmt: skip
_EN_WORDNUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)"
EN_COUNT = rf"(?:\d{{1,3}}(?!\d)|{_EN_WORDNUM}(?:-{_EN_WORDNUM})?)"

RE_EN_PREFIX = re.compile(
    r"(?i:(?P<w>as\s+at|as\s+of|starting\s+from|commencing\s+from|with\s+effect\s+from|w\.e\.f\.|"
    r"up\s+to|prior\s+to|no\s+later\s+than|not\s+later\s+than|in|on|at|during|within|throughout|"
    r"for|over|by|before|until|till|from|starting|commencing|since|between|after))\s+"
)
RE_EN_ROLLING = re.compile(
    rf"(?i:the\s+(?P<dir>past|last|previous|coming|next)\s+(?:(?P<n>{EN_COUNT})\s+)?"
    r"(?P<kind>school\s+|academic\s+|financial\s+|fiscal\s+)?(?P<u>years?|months?|weeks?|days?))\b"
)
RE_EN_WITHIN_YEARS = re.compile(rf"(?i:within\s+(?:the\s+next\s+)?(?P<n>{EN_COUNT})\s+(?P<u>years?|months?))\b")
RE_EN_YEARS_AGO = re.compile(rf"(?i:(?P<n>{EN_COUNT})\s+years?\s+ago)\b")
RE_EN_CE_TERM = re.compile(r"(?i:(?:the\s+)?(?:current|present|this)\s+term\s+of\s+(?:the\s+)?(?:Government|office))\b")
RE_EN_SEASON = re.compile(
    r"(?i:(?:the\s+)?(?P<s>spring|summer|autumn|winter))\b"
    r"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b|\s+(?P<rel>this|next|last)\s+year\b)?"
)
RE_EN_SEASON_CONTEXT = re.compile(r"(?i:\b(?:in|during|by|until|from|since|over|before|after)\s+)$")
# `in the first two quarters` of a financial year written nearby (gold: en-2020-21 p56).
RE_EN_QUARTERS = re.compile(
    r"(?i:(?:the\s+)?(?P<o>first|last|remaining|final)\s+(?P<n>two|three|2|3)\s+quarters)\b(?:\s+of\s+)?"
)
RE_EN_IN_DAYS = re.compile(rf"(?i:in\s+(?P<n>{EN_COUNT})\s+(?P<u>days?|weeks?)(?:['’]\s*time)?)\b")
RE_EN_SO_FAR = re.compile(r"(?i:so\s+far\s+this\s+year|this\s+year\s+so\s+far|this\s+year\s+to\s+date)\b")
RE_EN_QUARTER = re.compile(
    r"(?i:(?:the\s+)?(?P<o>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+of)\s+"
)
RE_EN_Q = re.compile(r"Q(?P<q>[1-4])\s+")
RE_EN_HALF = re.compile(r"(?i:(?:the\s+)?(?P<o>first|second|latter|later)\s+half\s+of)\s+")
RE_EN_PART = re.compile(
    r"(?i:(?P<p>early|mid|late|(?:the\s+)?(?:end|middle|beginning|start)\s+of|end))(?:\s*-\s*|\s+)"
)
RE_EN_DMY = re.compile(rf"(?P<d>{EN_DAY})\s+(?P<mon>{EN_MONTH})(?:,?\s+(?P<y>{EN_YEAR}))?")
RE_EN_MDY = re.compile(rf"(?P<mon>{EN_MONTH})\s+(?P<d>{EN_DAY})(?!\d)(?:,\s*|\s+)(?P<y>{EN_YEAR})")
RE_EN_MONTH = re.compile(
    rf"(?P<mon>{EN_MONTH})(?:\s+(?:of\s+)?(?P<y>{EN_YEAR})|\s+(?P<rel>this|last|next)\s+year\b)?"
)
RE_EN_REL_MONTH_NAME = re.compile(rf"(?i:(?P<rel>last|this|next|coming))\s+(?P<mon>{EN_MONTH})")
RE_EN_FISCAL = re.compile(
    rf"(?i:(?:the\s+)?(?P<pre>financial|fiscal|school|academic)\s+year\s+|year\s+of\s+assessment\s+)?"
    rf"(?P<y>{EN_YEAR})\s?[-/]\s?(?P<y2>{EN_YEAR2})(?!-?\d)"
    r"(?i:\s+(?P<post>financial|fiscal|school|academic)\s+year\b)?"
)
RE_EN_YEAR = re.compile(rf"(?i:(?:the\s+)?year\s+)?(?P<y>{EN_YEAR})\b")
RE_EN_REL_FISCAL = re.compile(
    r"(?i:(?:the\s+)?(?P<rel>this|current|next|coming|last|previous)\s+financial\s+year)\b"
)
RE_EN_REL = re.compile(r"(?i:(?P<rel>this|next|last)\s+(?P<u>year|month|quarter))\b")
EN_PARTS = {"early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
            "late": "end", "end": "end"}  # fmt: skip
# "will end this year" is a verb, not "end-2021".
RE_EN_END_VERB = re.compile(r"(?i:\b(?:will|would|to|shall|may|can|could|not|should|must|and|which|that)\s+)$")
RE_EN_CONNECT = re.compile(r"\s*(?:-|(?i:to|until|till|through|and))\s*")
RE_EN_OPEN_END = re.compile(
    r"(?i:\s+(?:onwards?|and\s+beyond|or\s+later|and\s+thereafter|or\s+after|at\s+the\s+earliest))\b"
)
RE_EN_OPEN_START = re.compile(r"(?i:\s+(?:or\s+earlier|or\s+before))\b")
# A year is part of a title or not a year at all: "Appropriation Bill 2021", "2030 units".
RE_EN_TITLE_BEFORE = re.compile(r"(?:Bill|Ordinance|Regulations?|Rules|Order|Act|Vision|No\.|Cap\.)\s+$")
RE_EN_MONEY_BEFORE = re.compile(r"(?:\$|RMB\s?)$")
# "May" is a month only after a preposition: "in May", "since May", "end-May".
RE_EN_MAY_CONTEXT = re.compile(r"(?i:\b(?:in|since|from|by|until|of|to|end|early|mid|late|and|or)[\s-]+)$")
RE_EN_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|per\s*cent|million|billion|thousand|m\b|bn\b|km|square|sq\b|hectares|tonnes|units|people|"
    r"persons|jobs|students|places|flats|enterprises|companies|start-ups|cases|staff|beds|vehicles|"
    r"households|applications|participants|visitors|employees|posts)",
    re.IGNORECASE,
)


# --- calendar helpers ----------------------------------------------------------------
def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, clamped to the month's last day (31 Jan + 1 → 29 Feb)."""
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _fiscal_year_of(d: date) -> int:
    """HK financial year (1 April - 31 March) containing ``d``, named by its first year."""
    return d.year if d.month >= 4 else d.year - 1


def _short(start: date, end: date) -> str | None:
    """EDTF short form when the interval is exactly one day, month or calendar year."""
    if start == end:
        return start.isoformat()
    if start.day == 1 and end == _month_end(start.year, start.month):
        return f"{start.year:04d}-{start.month:02d}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year:04d}"
    return None


@dataclass(frozen=True, slots=True)
class _Period:
    """An interval under construction; ``short`` = written as a whole year/month/day."""

    start: date | None
    end: date | None
    short: bool = False
    year: int | None = None  # the calendar year a following partial (至 9 月) inherits
    month: int | None = None
    guessed_year: bool = False  # English month with no year: may be fixed by a range
    bare: bool = False  # a year number without 年 (only valid as the first half of a range)
    edtf: str | None = None
    vague: str | None = None  # how a vague part was read: early, mid, late, first-half, second-half

    def render(self) -> str:
        if self.edtf:
            return self.edtf
        if self.start and self.end and self.short:
            short = _short(self.start, self.end)
            if short:
                return short
        left = self.start.isoformat() if self.start else ".."
        right = self.end.isoformat() if self.end else ".."
        return f"{left}/{right}"


@dataclass(slots=True)
class PaperDates:
    """What the earlier blocks of one paper tell later date mentions; ``find_dates`` fills it in.

    * ``fiscal_year``: the financial year last mentioned, which `in the first two quarters`
      refers to (gold: en-2020-21 p56);
    * ``named``: periods named with their years in brackets, which the name alone means
      later in the paper (spec, decided: `第一個五年期（2023-24 至 2027-28 年度）`, then
      `第一個五年期`; `首五年` is the first such period), keyed by (ordinal, length in years).
    """

    fiscal_year: int | None = None
    named: dict[tuple[int, int], _Period] = field(default_factory=dict)

    def remember(self, s: str, i: int, period: _Period) -> None:
        """Note the mention at ``s[i]`` read as ``period``."""
        start, end = period.start, period.end
        if start and end and (start.month, start.day) == (4, 1) and end == date(start.year + 1, 3, 31):
            self.fiscal_year = start.year
        named = RE_ZH_NAMED_PERIOD.match(s, i)
        if named and (key := _named_key(named)) and RE_OPEN_BRACKET.match(s, named.end()):
            self.named[key] = period


def _year(y: int) -> _Period:
    return _Period(date(y, 1, 1), date(y, 12, 31), short=True, year=y)


def _month(y: int, m: int) -> _Period:
    return _Period(date(y, m, 1), _month_end(y, m), short=True, year=y, month=m)


def _fiscal(y: int) -> _Period:
    return _Period(date(y, 4, 1), date(y + 1, 3, 31), year=y)


def _school(y: int) -> _Period:
    return _Period(date(y, 9, 1), date(y + 1, 8, 31), year=y)


def _year_part(y: int, part: str) -> _Period:
    """初/early = Q1, 中/mid = April-September, 底/末/end/late = Q4."""
    if part in ("初", "early", "beginning", "start"):
        return _Period(date(y, 1, 1), date(y, 3, 31), year=y, vague="early")
    if part in ("中", "mid", "middle"):
        return _Period(date(y, 4, 1), date(y, 9, 30), year=y, vague="mid")
    return _Period(date(y, 10, 1), date(y, 12, 31), year=y, vague="late")


def _month_part(y: int, m: int, part: str) -> _Period:
    """初/上旬/early = days 1-10, 中/中旬/mid = 11-20, 底/下旬/end/late = 21-last."""
    if part in ("初", "上旬", "early", "beginning", "start"):
        return _Period(date(y, m, 1), date(y, m, 10), year=y, month=m, vague="early")
    if part in ("中", "中旬", "mid", "middle"):
        return _Period(date(y, m, 11), date(y, m, 20), year=y, month=m, vague="mid")
    return _Period(date(y, m, 21), _month_end(y, m), year=y, month=m, vague="late")


def _quarter(y: int, q: int, fiscal: bool = False, last_q: int | None = None) -> _Period:
    """Quarter ``q`` (or quarters ``q`` to ``last_q``) of calendar or financial year ``y``."""
    first = _add_months(date(y, 4 if fiscal else 1, 1), 3 * (q - 1))
    return _Period(first, _add_months(first, 3 * ((last_q or q) - q + 1)) - timedelta(days=1), year=y)


def _quarters(y: int, n: int, last: bool, fiscal: bool) -> _Period:
    """The first (or the last, remaining) ``n`` quarters of a year: 首兩季, the remaining two quarters."""
    return _quarter(y, 5 - n, fiscal, 4) if last else _quarter(y, 1, fiscal, n)


SEASON_START = {"春": 3, "spring": 3, "夏": 6, "summer": 6, "秋": 9, "autumn": 9, "冬": 12, "winter": 12}


def _season(y: int, season: str) -> _Period:
    first = date(y, SEASON_START[season], 1)
    return _Period(first, _add_months(first, 3) - timedelta(days=1), year=y)


def _ce_term(ref: date) -> _Period:
    """The Chief Executive's five-year term around ``ref`` (terms start 1 July 2017, 2022, 2027)."""
    year = ref.year if ref >= date(ref.year, 7, 1) else ref.year - 1
    first = 2017 + (year - 2017) // 5 * 5
    return _Period(date(first, 7, 1), date(first + 5, 6, 30))


def _half(y: int, h: int, fiscal: bool = False) -> _Period:
    first = _add_months(date(y, 4 if fiscal else 1, 1), 6 * (h - 1))
    return _Period(first, _add_months(first, 6) - timedelta(days=1), year=y, vague="first-half" if h == 1 else "second-half")


def _rolling(ref: date, n: int, unit: str, future: bool) -> _Period:
    """未來 N 年 = [ref, ref + N − 1 day]; 過去 N 年 = [ref − N + 1 day, ref]."""
    months = {"Y": 12 * n, "M": n}.get(unit)
    days = {"W": 7 * n, "D": n}.get(unit, 0)
    if future:
        end = (_add_months(ref, months) if months else ref + timedelta(days=days)) - timedelta(days=1)
        return _Period(ref, end)
    start = (_add_months(ref, -months) if months else ref - timedelta(days=days)) + timedelta(days=1)
    return _Period(start, ref)


def _span(a: _Period, b: _Period) -> _Period | None:
    """``a`` to ``b``: short/short keeps both short forms (``2024/2027``)."""
    if a.start is None or b.end is None or a.start > b.end:
        return None
    edtf = None
    if a.short and b.short and a.end and b.start:
        left, right = _short(a.start, a.end), _short(b.start, b.end)
        if left and right:
            edtf = f"{left}/{right}"
    return _Period(a.start, b.end, edtf=edtf)


def _open_end(p: _Period) -> _Period:
    """From ``p`` on; EDTF keeps a whole year short (``2024/..``), a month in full (``2023-07-01/..``)."""
    if p.start is None:
        return p
    left = _short(p.start, p.end) if p.short and p.end else None
    return _Period(p.start, None, edtf=f"{left if left and len(left) == 4 else p.start.isoformat()}/..")


def _open_start(p: _Period) -> _Period:
    return _Period(None, p.end) if p.end else p


def _since(p: _Period, ref: date | None) -> _Period:
    if p.start is None:
        return p
    if ref is None or ref < p.start:
        return _open_end(p)
    return _Period(p.start, ref)


def _cn_int(s: str) -> int:
    return int(s) if s.isdigit() else int(parse_cn_number(s))


def _zh_year_value(s: str) -> int:
    return int(s) if s.isdigit() else int("".join(str(CN_YEAR_DIGITS[c]) for c in s))


def _fiscal_second(y: int, y2: str) -> bool:
    """`26` after 2025 (or `二六`, `二零` after 二零一九): the next year's last two digits."""
    v = int(y2) if y2.isdigit() else int("".join(str(CN_YEAR_DIGITS[c]) for c in y2))
    return v == (y + 1) % 100


def _safe_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# --- Chinese -------------------------------------------------------------------------
def _zh_month_tail(s: str, m: re.Match[str], y: int) -> tuple[int, _Period] | None:
    """After `N 月`: a day (16 日), a part (底, 上旬) or the whole month."""
    month = _cn_int(m.group("m"))
    if not 1 <= month <= 12:
        return None
    k = m.end()
    day = RE_ZH_DAY.match(s, _skip_ws(s, k))
    if day:
        d = _safe_day(y, month, _cn_int(day.group("d")))
        if d is None:
            return None
        return day.end(), _Period(d, d, short=True, year=y, month=month)
    part = RE_ZH_MONTH_PART.match(s, k)
    if part:
        return part.end(), _month_part(y, month, part.group("p"))
    return k, _month(y, month)


def _zh_refine(s: str, j: int, y: int, base: _Period, fiscal: bool = False) -> tuple[int, _Period]:
    """A month, quarter, half or part written after a year: 2024 年 7 月, 明年第一季, 今年年底."""
    k = _skip_ws(s, j)
    if not fiscal:
        m = RE_ZH_MONTH_RANGE.match(s, k)
        if m:
            m1, m2 = _cn_int(m.group("m1")), _cn_int(m.group("m2"))
            if 1 <= m1 <= m2 <= 12:
                return m.end(), _Period(date(y, m1, 1), _month_end(y, m2), edtf=f"{y:04d}-{m1:02d}/{y:04d}-{m2:02d}")
        m = RE_ZH_MONTH.match(s, k)
        if m:
            got = _zh_month_tail(s, m, y)
            if got:
                return got
    m = RE_ZH_QUARTER.match(s, k)
    if m:
        if m.group("nfirst") or m.group("nlast"):
            return m.end(), _quarters(y, _cn_int(m.group("nfirst") or m.group("nlast")), bool(m.group("nlast")), fiscal)
        q = 1 if m.group("first") else _cn_int(m.group("q"))
        return m.end(), _quarter(y, q, fiscal)
    if not fiscal and (m := RE_ZH_SEASON.match(s, k)):
        return m.end(), _season(y, m.group("s"))
    m = RE_ZH_HALF.match(s, k)
    if m:
        return m.end(), _half(y, 1 if m.group("h") == "上" else 2, fiscal)
    if not fiscal:
        m = RE_ZH_YEAR_PART.match(s, j)
        if m:
            return m.end(), _year_part(y, m.group("p"))
    return j, base


#: Every pattern ``_zh_period`` tries at a position, as one: where it does not match, none does and
#: there is no period, found with one match instead of fifteen (dates are looked for at every character).
RE_ZH_ANY_PERIOD = re.compile("|".join(
    "(?:" + re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern) + ")"
    for pattern in (RE_ZH_ROLLING, RE_ZH_YEARS_SINCE, RE_ZH_DAYS_LATER, RE_ZH_YEARS_AGO, RE_ZH_CE_TERM, RE_ZH_FISCAL,
                    RE_ZH_YEAR, RE_ZH_BARE_YEAR, RE_ZH_REL_FISCAL, RE_ZH_REL_YEAR, RE_ZH_REL_MONTH, RE_ZH_MONTH,
                    RE_ZH_DAY, RE_ZH_BARE_HALF, RE_ZH_BARE_YEAR_PART)))


def _zh_period(
    s: str, j: int, ref: date | None, ctx: _Period | None = None
) -> tuple[int, _Period] | None:
    """One period starting exactly at ``s[j]``; ``ctx`` is the first half of a range."""
    if not RE_ZH_ANY_PERIOD.match(s, j):
        return None
    ctx_year = ctx.year if ctx and ctx.year else (ref.year if ref else None)
    if ctx is None:
        m = RE_ZH_ROLLING.match(s, j)
        if m:
            if ref is None:
                return None
            unit = {"年": "Y", "月": "M", "日": "D", "天": "D"}.get(m.group("u"), "W")
            future = m.group("dir") in ("未來", "今後", "往後") or m.group("dir").startswith("接下來")
            return m.end(), _rolling(ref, _cn_int(m.group("n")), unit, future)
        m = RE_ZH_YEARS_SINCE.match(s, j)
        if m:
            if ref is None:
                return None
            return m.end(), _rolling(ref, _cn_int(m.group("n")), "Y" if m.group("u") == "年" else "M", False)
        m = RE_ZH_DAYS_LATER.match(s, j)
        if m:
            if ref is None:
                return None
            d = ref + timedelta(days=_cn_int(m.group("n")))
            return m.end(), _Period(d, d, short=True)
        m = RE_ZH_YEARS_AGO.match(s, j)
        if m:
            if ref is None:
                return None
            return m.end(), _year(ref.year - _cn_int(m.group("n")))
        m = RE_ZH_CE_TERM.match(s, j)
        if m:
            if ref is None:
                return None
            return m.end(), _ce_term(ref)
    m = RE_ZH_FISCAL.match(s, j)
    if m:
        y = _zh_year_value(m.group("y"))
        tail = m.group("tail") or ""
        # 二零二五至二六年度: with 至 only a 年度/學年 tail makes it one financial year.
        if _fiscal_second(y, m.group("y2")) and (m.group("sep") != "至" or tail.endswith(("年度", "學年"))):
            if tail == "學年":
                return m.end(), _school(y)
            if not tail and RE_ZH_SCHOOL_AHEAD.match(s, m.end()):
                return m.end(), _school(y)
            return _zh_refine(s, m.end(), y, _fiscal(y), fiscal=True)
    m = RE_ZH_YEAR.match(s, j)
    if m:
        y = _zh_year_value(m.group("y"))
        return _zh_refine(s, m.end(), y, _year(y))
    m = RE_ZH_BARE_YEAR.match(s, j)
    if m and (ctx is None or ctx.bare):
        y = _zh_year_value(m.group("y"))
        return m.end(), _Period(date(y, 1, 1), date(y, 12, 31), short=True, year=y, bare=True)
    m = RE_ZH_REL_FISCAL.match(s, j)
    if m:
        if ref is None:
            return None
        w = m.group("w")
        shift = 1 if w[0] in "明下" else -1 if w[0] in "去上" else 0
        return m.end(), _fiscal(_fiscal_year_of(ref) + shift)
    m = RE_ZH_REL_YEAR.match(s, j)
    if m:
        if ref is None:
            return None
        shift = {"今": 0, "本": 0, "明": 1, "來": 1, "去": -1, "前": -2, "後": 2}[m.group("w")[0]]
        y = ref.year + shift
        return _zh_refine(s, m.end(), y, _year(y))
    m = RE_ZH_REL_MONTH.match(s, j)
    if m:
        if ref is None:
            return None
        w = m.group("w")
        shift = 1 if w[0] == "下" else -1 if w[0] == "上" else 0
        first = _add_months(ref.replace(day=1), shift)
        base = _month(first.year, first.month)
        k = _skip_ws(s, m.end())
        day = RE_ZH_DAY.match(s, k)
        if day:
            d = _safe_day(first.year, first.month, _cn_int(day.group("d")))
            if d:
                return day.end(), _Period(d, d, short=True, year=d.year, month=d.month)
        part = RE_ZH_MONTH_PART.match(s, m.end())
        if part:
            return part.end(), _month_part(first.year, first.month, part.group("p"))
        return m.end(), base
    m = RE_ZH_MONTH.match(s, j)
    if m and ctx_year is not None:
        return _zh_month_tail(s, m, ctx_year)
    if ctx is not None and ctx.month and ctx.year:
        m = RE_ZH_DAY.match(s, j)
        if m:
            d = _safe_day(ctx.year, ctx.month, _cn_int(m.group("d")))
            if d:
                return m.end(), _Period(d, d, short=True, year=d.year, month=d.month)
    if ctx_year is None:
        return None
    m = RE_ZH_BARE_HALF.match(s, j)
    if m:
        return m.end(), _half(ctx_year, 1 if m.group("h") == "上" else 2)
    m = RE_ZH_BARE_YEAR_PART.match(s, j)
    if m:
        return m.end(), _year_part(ctx_year, m.group("p"))
    return None


def _named_key(m: re.Match[str]) -> tuple[int, int] | None:
    """(ordinal, years) of 第二個五年期 (2, 5), 首五年 (1, 5); None for 上一個五年期, 五年期."""
    if m.group("first"):
        return 1, _cn_int(m.group("first"))
    if m.group("ord"):
        ordinal = m.group("ord").removeprefix("第").removesuffix("個")
        return 1 if ordinal.startswith("首") else _cn_int(ordinal), _cn_int(m.group("n"))
    return None


def _zh_named(s: str, i: int, ref: date | None, paper: PaperDates) -> tuple[int, _Period] | None:
    """第一個五年期（2023-24 至 2027-28 年度）: the bracket's period; the name alone: the period the
    paper named so earlier (spec, decided)."""
    m = RE_ZH_NAMED_PERIOD.match(s, i)
    if m is None:
        return None
    inner = _bracketed(s, m.end(), partial(_zh_at, paper=paper), ref)
    if inner:
        return inner
    key = _named_key(m)
    return (m.end(), paper.named[key]) if key in paper.named else None


def _bracketed(s: str, j: int, at: Callable[[str, int, date | None], tuple[int, _Period] | None],
               ref: date | None) -> tuple[int, _Period] | None:
    """The period written in brackets right at ``s[j]`` and filling them: `（2023-24 至 2027-28 年度）`
    (not `（即 2026-27 年度）`, which the gold keeps as a mention of its own)."""
    opened = RE_OPEN_BRACKET.match(s, j)
    if opened is None:
        return None
    inner = at(s, opened.end(), ref)
    closed = RE_CLOSE_BRACKET.match(s, inner[0]) if inner else None
    return (closed.end(), inner[1]) if inner and closed else None


def _zh_at(s: str, i: int, ref: date | None, paper: PaperDates | None = None) -> tuple[int, _Period] | None:
    """A whole Chinese date mention starting at ``s[i]``, or None."""
    prefix = ""
    j = i
    m = RE_ZH_PREFIX.match(s, i)
    if m:
        prefix, j = m.group(1), m.end()
        if prefix in ("至", "到") and RE_ZH_LEVEL_VERB.search(s, 0, i):
            return None
    # (`不多於六個月內` is a bound on a length of time: 於 there ends 多於, it is no preposition.)
    if prefix in ("在", "於", "于") and ref is not None and not RE_ZH_YU_IN_WORD.search(s, 0, i + 1):
        # 在四年內 (a window from now), 在夏季 (the season of the reference year).
        # `獲選通知後須於 12 個月內` (must, after an event) counts from the event: a duration.
        if (m := RE_ZH_IN_YEARS.match(s, j)) and not RE_ZH_AFTER_EVENT.search(s, 0, i):
            return m.end(), _rolling(ref, _cn_int(m.group("n")), "Y" if m.group("u") == "年" else "M", True)
        if m := RE_ZH_SEASON.match(s, j):
            return m.end(), _season(ref.year, m.group("s"))
    got = _zh_period(s, j, ref)
    if got is None:
        return None
    j, period = got
    if prefix.startswith("最早"):  # 最早 2030 年 (spec, decided): from then on
        return j, _open_end(period)
    connect = RE_ZH_CONNECT.match(s, j)
    if connect and not RE_ZH_SINCE.match(s, j):
        second = _zh_period(s, connect.end(), ref, ctx=period)
        if second and not (period.bare and not second[1].year):
            spanned = _span(period, second[1])
            if spanned:
                j, period = second[0], spanned
    if period.bare:
        return None
    within = RE_ZH_WITHIN.match(s, j)
    if within:
        j = within.end()
    if m := RE_ZH_BEFORE.match(s, j):
        return m.end(), _open_start(period)
    if m := RE_ZH_FROM.match(s, j):
        return m.end(), _open_end(period)
    if prefix in ("由", "自", "從") and (m := RE_ZH_START.match(s, j)):
        return m.end(), _open_end(period)
    if m := RE_ZH_AFTER.match(s, j):
        return m.end(), _open_end(period)
    if m := RE_ZH_SINCE.match(s, j):
        return m.end(), _since(period, ref)
    if prefix in ("至", "直至", "直到", "到"):
        return j, _open_start(period)
    return j, period


# --- English -------------------------------------------------------------------------
def _en_anchor_year(s: str, j: int, ref: date | None) -> tuple[int, _Period, bool] | None:
    """A year-level anchor: 2025, 2025-26, this/next/last year. Returns (end, period, fiscal)."""
    m = RE_EN_FISCAL.match(s, j)
    if m and _fiscal_second(int(m.group("y")), m.group("y2")):
        y = int(m.group("y"))
        kind = (m.group("pre") or m.group("post") or "").lower()
        if kind in ("school", "academic"):
            return m.end(), _school(y), False
        return m.end(), _fiscal(y), True
    m = RE_EN_REL_FISCAL.match(s, j)
    if m:
        if ref is None:
            return None
        rel = m.group("rel").lower()
        shift = 1 if rel in ("next", "coming") else -1 if rel in ("last", "previous") else 0
        return m.end(), _fiscal(_fiscal_year_of(ref) + shift), True
    m = RE_EN_YEAR.match(s, j)
    if m and _en_year_ok(s, m.start("y"), m.end("y")):
        y = int(m.group("y"))
        return m.end(), _year(y), False
    m = RE_EN_REL.match(s, j)
    if m and m.group("u").lower() == "year":
        if ref is None:
            return None
        y = ref.year + {"this": 0, "next": 1, "last": -1}[m.group("rel").lower()]
        return m.end(), _year(y), False
    return None


def _en_year_ok(s: str, a: int, b: int) -> bool:
    """A bare four-digit number is a year unless it is money, a count or part of a title."""
    if RE_EN_TITLE_BEFORE.search(s, max(0, a - 12), a):
        return False
    if RE_EN_NOT_YEAR_AFTER.match(s, b):
        return False
    return not RE_EN_MONEY_BEFORE.search(s, max(0, a - 4), a)


def _en_month_anchor(s: str, j: int, ref: date | None, ctx_year: int | None) -> tuple[int, _Period] | None:
    """A day or month: 16 October 2024, October 16, 2024, July 2024, May last year, last August."""
    m = RE_EN_REL_MONTH_NAME.match(s, j)
    if m:
        if ref is None:
            return None
        mon = EN_MONTHS[m.group("mon").rstrip(".")]
        rel = m.group("rel").lower()
        y = ref.year
        if rel == "last" and mon >= ref.month:
            y -= 1
        elif rel in ("next", "coming") and mon <= ref.month:
            y += 1
        return m.end(), _month(y, mon)
    m = RE_EN_REL.match(s, j)
    if m and m.group("u").lower() == "month":
        if ref is None:
            return None
        first = _add_months(ref.replace(day=1), {"this": 0, "next": 1, "last": -1}[m.group("rel").lower()])
        return m.end(), _month(first.year, first.month)
    for rx in (RE_EN_MDY, RE_EN_DMY):
        m = rx.match(s, j)
        if m:
            y, guessed = _en_year_of(m, ref, ctx_year)
            d = _safe_day(y, EN_MONTHS[m.group("mon").rstrip(".")], int(m.group("d").rstrip("stndrh")))
            if d is None:
                return None
            return m.end(), _Period(d, d, short=True, year=y, month=d.month, guessed_year=guessed)
    m = RE_EN_MONTH.match(s, j)
    if m:
        if m.group("mon").startswith("May") and not m.group("y") and not m.group("rel"):
            # "May" alone is usually the modal verb; only after a preposition (caller) is it a month.
            if not RE_EN_MAY_CONTEXT.search(s, 0, j):
                return None
        mon = EN_MONTHS[m.group("mon").rstrip(".")]
        if m.group("rel"):
            if ref is None:
                return None
            y = ref.year + {"this": 0, "next": 1, "last": -1}[m.group("rel").lower()]
            guessed = False
        else:
            y, guessed = _en_year_of(m, ref, ctx_year)
        return m.end(), _Period(date(y, mon, 1), _month_end(y, mon), short=True, year=y, month=mon,
                                guessed_year=guessed)  # fmt: skip
    return None


def _en_year_of(m: re.Match[str], ref: date | None, ctx_year: int | None) -> tuple[int, bool]:
    if m.group("y"):
        return int(m.group("y")), False
    if ctx_year is not None:
        return ctx_year, False
    # No year written: the reference year, or a placeholder a following range may fix.
    return (ref.year if ref else 2000), True


def _en_period(
    s: str, j: int, ref: date | None, ctx: _Period | None = None, paper: PaperDates | None = None
) -> tuple[int, _Period] | None:
    """One English period starting exactly at ``s[j]``."""
    ctx_year = ctx.year if ctx and not ctx.guessed_year else None
    if ctx is None:
        m = RE_EN_WITHIN_YEARS.match(s, j)
        if m:
            if ref is None:
                return None
            return m.end(), _rolling(ref, int(parse_en_number(m.group("n"))), m.group("u")[0].upper(), True)
        m = RE_EN_YEARS_AGO.match(s, j)
        if m:
            if ref is None:
                return None
            return m.end(), _year(ref.year - int(parse_en_number(m.group("n"))))
        m = RE_EN_CE_TERM.match(s, j)
        if m:
            return (m.end(), _ce_term(ref)) if ref else None
        m = RE_EN_QUARTERS.match(s, j)
        if m:
            n = int(parse_en_number(m.group("n")))
            last = m.group("o").lower() != "first"
            got = _en_anchor_year(s, m.end(), ref) if m.group().rstrip().lower().endswith("of") else None
            if got and got[2]:
                return got[0], _quarters(got[1].year or 0, n, last, True)
            if got is None and paper and paper.fiscal_year:
                return m.end(), _quarters(paper.fiscal_year, n, last, True)
            return None
        m = RE_EN_SEASON.match(s, j)
        # A season alone is a date only after a preposition and in lower case ("in summer");
        # "the Summer Youth Programme" is a name.
        if m and (m.group("y") or m.group("rel") or (m.group("s").islower() and RE_EN_SEASON_CONTEXT.search(s, 0, j))):
            if m.group("y"):
                y = int(m.group("y"))
            elif ref is None:
                return None
            else:
                y = ref.year + {"this": 0, "next": 1, "last": -1}.get((m.group("rel") or "this").lower(), 0)
            return m.end(), _season(y, m.group("s").lower())
        m = RE_EN_ROLLING.match(s, j)
        if m:
            n_text = m.group("n")
            unit_word = m.group("u").lower()
            # "the past year" is a window; "the last year", "the next year" are too ambiguous.
            direction = m.group("dir").lower()
            vague = n_text is None and (unit_word.endswith("s") or direction in ("last", "next", "previous"))
            if ref is None or vague:
                return None
            n = int(parse_en_number(n_text)) if n_text else 1
            unit = unit_word[0].upper()
            future = m.group("dir").lower() in ("coming", "next")
            if m.group("kind"):
                # Whole school years (from 1 September) or financial years (from 1 April):
                # the coming ones start at the next such day, the past ones are the
                # completed ones (gold: "the coming three school years" from 2021-09-01).
                month = 9 if m.group("kind").strip().lower() in ("school", "academic") else 4
                if future:
                    y = ref.year if ref < date(ref.year, month, 1) else ref.year + 1
                    return m.end(), _Period(date(y, month, 1), date(y + n, month, 1) - timedelta(days=1))
                y = ref.year if ref >= date(ref.year, month, 1) else ref.year - 1
                return m.end(), _Period(date(y - n, month, 1), date(y, month, 1) - timedelta(days=1))
            return m.end(), _rolling(ref, n, unit, future)
        m = RE_EN_SO_FAR.match(s, j)
        if m:
            if ref is None:
                return None
            return m.end(), _Period(date(ref.year, 1, 1), ref)
        m = RE_EN_IN_DAYS.match(s, j)
        if m:
            if ref is None:
                return None
            n = int(parse_en_number(m.group("n")))
            d = ref + timedelta(days=n * (7 if m.group("u").lower().startswith("week") else 1))
            return m.end(), _Period(d, d, short=True)
    m = RE_EN_QUARTER.match(s, j) or RE_EN_Q.match(s, j)
    if m:
        q = int(m.group("q")) if "q" in m.groupdict() else EN_ORD[m.group("o").lower()]
        got = _en_anchor_year(s, m.end(), ref)
        if got:
            end, base, fiscal = got
            assert base.year is not None
            return end, _quarter(base.year, q, fiscal)
        return None
    m = RE_EN_HALF.match(s, j)
    if m:
        got = _en_anchor_year(s, m.end(), ref)
        if got:
            end, base, fiscal = got
            assert base.year is not None
            return end, _half(base.year, EN_ORD[m.group("o").lower()], fiscal)
        return None
    m = RE_EN_PART.match(s, j)
    if m and not (m.group("p").lower() == "end" and "-" not in m.group() and RE_EN_END_VERB.search(s, 0, j)):
        word = next(w for w in m.group("p").lower().split() if w in EN_PARTS)
        part = EN_PARTS[word]
        got_m = _en_month_anchor(s, m.end(), ref, ctx_year)
        if got_m:
            end, mp = got_m
            assert mp.year is not None and mp.month is not None
            if mp.start == mp.end:
                return None
            p = _month_part(mp.year, mp.month, part)
            return end, _Period(p.start, p.end, year=p.year, month=p.month, guessed_year=mp.guessed_year)
        got = _en_anchor_year(s, m.end(), ref)
        if got:
            end, base, fiscal = got
            assert base.year is not None and base.start is not None
            if fiscal:
                # A part of a financial year: the same thirds, counted from 1 April.
                first, last = {"early": (0, 3), "mid": (3, 9)}.get(part, (9, 12))
                return end, _Period(_add_months(base.start, first), _add_months(base.start, last) - timedelta(days=1))
            return end, _year_part(base.year, part)
        return None
    got_m = _en_month_anchor(s, j, ref, ctx_year)
    if got_m:
        return got_m
    got = _en_anchor_year(s, j, ref)
    if got:
        return got[0], got[1]
    m = RE_EN_REL.match(s, j)
    if m:
        if ref is None:
            return None
        shift = {"this": 0, "next": 1, "last": -1}[m.group("rel").lower()]
        if m.group("u").lower() == "month":
            first = _add_months(ref.replace(day=1), shift)
            return m.end(), _month(first.year, first.month)
        q = (ref.month - 1) // 3 + 1 + shift
        y = ref.year + (q - 1) // 4
        return m.end(), _quarter(y, (q - 1) % 4 + 1)
    return None


def _en_at(s: str, i: int, ref: date | None, paper: PaperDates | None = None) -> tuple[int, _Period] | None:
    """A whole English date mention starting at ``s[i]``, or None."""
    prefix = ""
    j = i
    m = RE_EN_PREFIX.match(s, i)
    if m:
        prefix, j = " ".join(m.group("w").lower().split()), m.end()
    got = _en_period(s, j, ref, paper=paper)
    if got is None and prefix:
        # The word was not a prefix after all: "in three days" is itself a period.
        prefix, j = "", i
        got = _en_period(s, j, ref, paper=paper)
    if got is None:
        return None
    first_at, (j, period) = j, got
    connect = RE_EN_CONNECT.match(s, j)
    sep = connect.group().strip().lower() if connect else ""
    ranged = False
    if connect and (
        (prefix in ("from", "between") and sep != "-" and (sep != "and" or prefix == "between"))
        or (sep in ("-", "to", "until", "through") and prefix not in ("until", "till", "by", "before"))
    ):
        second = _en_period(s, connect.end(), ref, ctx=period)
        if second:
            first = period
            if first.guessed_year and not second[1].guessed_year and second[1].year:
                # "July to September 2024": the first month takes the second one's year.
                again = _en_period(s, first_at, ref, ctx=_Period(None, None, year=second[1].year))
                first = again[1] if again else first
            spanned = _span(first, second[1])
            if spanned and (sep != "-" or (first.short and second[1].short)):
                j, period, ranged = second[0], spanned, True
    if period.guessed_year and ref is None:
        return None
    if m := RE_EN_OPEN_END.match(s, j):
        return m.end(), _open_end(period)
    if m := RE_EN_OPEN_START.match(s, j):
        return m.end(), _open_start(period)
    if ranged:
        return j, period
    if prefix in ("from", "starting", "starting from", "commencing", "commencing from", "with effect from",
                  "w.e.f.", "after"):  # fmt: skip
        return j, _open_end(period)
    if prefix in ("by", "before", "until", "till", "up to", "prior to", "no later than", "not later than"):
        return j, _open_start(period)
    if prefix == "since":
        return j, _since(period, ref)
    return j, period


# --- shared ----------------------------------------------------------------------------
def _skip_ws(s: str, j: int) -> int:
    while j < len(s) and s[j].isspace():
        j += 1
    return j


_TITLE_PAIRS = (("《", "》"), ("〈", "〉"), ("“", "”"))


def in_title(s: str, i: int, lang: str) -> bool:
    """Whether ``s[i]`` is inside 《…》 (or “…”/"…" in English): part of a document or scheme title.

    Spec: "A year inside a document title (《2024-25 年度財政預算案》) is part of the title".
    """
    pairs = _TITLE_PAIRS if lang == "en" else _TITLE_PAIRS[:2]
    for open_, close in pairs:
        if s.rfind(open_, 0, i) > s.rfind(close, 0, i):
            return True
    return lang == "en" and s.count('"', 0, i) % 2 == 1


def _can_start(s: str, i: int, lang: str) -> bool:
    if s[i].isspace():
        return False
    if lang == "en":
        return i == 0 or not (s[i - 1].isalnum() or s[i - 1] in "$-")
    return not (s[i].isdigit() and i and (s[i - 1].isdigit() or s[i - 1] in ".,$"))


def _is_relative(read: Callable[[str, int, date | None], tuple[int, _Period] | None], s: str, i: int,
                 reference_date: date, got: tuple[int, _Period]) -> bool:
    """Whether the period at ``i`` depends on the reference date (今年, next year, 未來五年):
    read with a reference date a year and a month later, it changes."""
    other = read(s, i, _add_months(reference_date, 13))
    return other is None or (other[1].start, other[1].end) != (got[1].start, got[1].end)


def find_dates(
    text: str, lang: str, reference_date: date | None, paper: PaperDates | None = None
) -> list[Mention]:
    """Find dates and periods in one block; relative ones need ``reference_date``.

    ``paper`` carries what earlier blocks of the same paper said (pass one per paper, block
    after block, in reading order); without it each block stands alone.

    Examples:
        >>> from datetime import date
        >>> [(m.text, m.value["edtf"]) for m in find_dates("由 2024-25 年度起，於今年內推出", "zh", date(2024, 10, 28))]
        [('由 2024-25 年度起', '2024-04-01/..'), ('於今年內', '2024')]
        >>> [(m.text, m.value["start"], m.value["end"]) for m in find_dates(
        ...     "Works will be completed in phases from 2024 to 2027, by end-2027.", "en", None)]
        [('from 2024 to 2027', '2024-01-01', '2027-12-31'), ('by end-2027', None, '2027-12-31')]
    """
    lang = "en" if lang.lower().startswith("en") else "zh"
    s = text.translate(_FOLD)
    paper = PaperDates() if paper is None else paper
    at = partial(_en_at if lang == "en" else _zh_at, paper=paper)

    may_name = lang == "zh" and ("年期" in s or "首" in s)  # cheap test before RE_ZH_NAMED_PERIOD

    def read(s: str, i: int, ref: date | None) -> tuple[int, _Period] | None:
        """One mention at ``s[i]``: a named period, or a period with its years in brackets."""
        got = _zh_named(s, i, ref, paper) if may_name else None
        if got is None and (got := at(s, i, ref)):
            got = _bracketed(s, got[0], at, ref) or got
        return got

    found: list[Mention] = []
    i = 0
    while i < len(s):
        if _can_start(s, i, lang):
            got = read(s, i, reference_date)
            if got and got[0] > i and not in_title(s, i, lang):
                end, period = got
                while end > i and s[end - 1].isspace():
                    end -= 1
                value = {
                    "start": period.start.isoformat() if period.start else None,
                    "end": period.end.isoformat() if period.end else None,
                    "edtf": period.render(),
                }
                if period.vague:
                    value["vague"] = period.vague
                if reference_date and _is_relative(read, s, i, reference_date, got):
                    value["relative"] = True
                paper.remember(s, i, period)
                found.append(Mention(kind="date", start=i, end=end, text=text[i:end], value=value))
                i = end
                continue
            if reference_date is None and (end := _unresolved_end(read, s, i, lang)):
                found.append(Mention(kind="date", start=i, end=end, text=text[i:end], value=dict(UNRESOLVED)))
                i = end
                continue
        i += 1
    return found


#: The value of a relative date in a paper with no reference date: kept, with no interval.
UNRESOLVED = {"start": None, "end": None, "edtf": None, "relative": True}
#: Two stand-in reference dates a year and a month apart: a period that reads differently
#: against them depends on the paper's date (今年, next year, 未來五年).
_STAND_INS = (date(2001, 7, 1), date(2002, 8, 1))


def _unresolved_end(read: Callable[[str, int, date | None], tuple[int, _Period] | None], s: str, i: int,
                    lang: str) -> int | None:
    """Where a relative date at ``s[i]`` ends, when the paper has no reference date to read it
    against (`今年`, `明年`, `未來五年`, `next year`): read against two stand-in dates, it is
    found by both and placed differently. None when nothing relative starts at ``i``.

    >>> [(m.text, m.value) for m in find_dates("政府會於明年推出計劃，並在 2025 年檢討。", "zh", None)]
    [('於明年', {'start': None, 'end': None, 'edtf': None, 'relative': True}), ('在 2025 年', {'start': '2025-01-01', 'end': '2025-12-31', 'edtf': '2025'})]
    >>> [m.text for m in find_dates("in the coming three years", "en", None)]
    ['in the coming three years']
    """
    first, second = (read(s, i, ref) for ref in _STAND_INS)
    if not first or not second or first[0] <= i or in_title(s, i, lang):
        return None
    if (first[1].start, first[1].end) == (second[1].start, second[1].end):
        return None
    end = min(first[0], second[0])
    while end > i and s[end - 1].isspace():
        end -= 1
    return end
