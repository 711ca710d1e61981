"""Measures the paper states in clauses and lists rather than as names (spec: Measures, Relief,
Decided cases: a specific action without a proper name is a measure).

`measures.find_measures` finds names: quoted, capitalised, or a noun phrase ending in a measure
head that a setting-up verb governs. Papers of other genres say the rest differently:

- **relief** as a verb and its object (`寬減二零二二／二三課稅年度百分之百的利得稅`,
  `豁免提供水錶的費用`, `Waive rates for four quarters of 2020-21`): the measure is the verb with
  its object up to the clause end; the verb with the object's head noun (`寬減利得稅`) is an alias,
  the shortest phrase of the paper's own words;
- **list items led by their name** (`精簡法定程序 —— 簡化規劃…`): the words before the dash
  name the item's measure, unless the list sets out aims (`三大規劃目標：`);
- **enumerations of named things** (`十一號幹線、青衣至大嶼山連接路、屯門繞道`,
  `高齡津貼、長者生活津貼或傷殘津貼`): two or more names ending in a measure head, joined by
  `、`/`和`/`及`/`或`, are each a measure;
- **quoted names without a head word** that a launch verb governs, that a measure word
  follows, or that stand alone as a heading (`推出全新「簡約公屋」`, `「幸福設計」指引`,
  `「一帶一路」倡議`, `「你好，香港」（Hello Hong Kong）`), and the quoted names listed with them
  (`「居者有其屋計劃」、「綠表置居計劃」和「港人首次置業」`).

Examples:
    >>> [m.value["name"] for m in relief_measures("寬減二零二二／二三課稅年度百分之百的利得稅，上限為六千元", "zh")]
    ['寬減二零二二／二三課稅年度百分之百的利得稅']
    >>> item_lead_measure("精簡法定程序 —— 簡化規劃、環評", "我們會落實下列措施：").value["name"]
    '精簡法定程序'
"""

from __future__ import annotations

import re

from ..types import Mention
from .measures import RE_NOT_MEASURE, measure_type

# ---------------------------------------------------------------------------------------
# Relief: a verb of giving or forgoing, and its object

RE_RELIEF_ZH = re.compile(
    r"(?P<verb>寬減|豁免|代繳|減免|寬免|退還|增加|提高|提供)(?P<object>[^，。；：:,;]{2,60}?)(?=[，。；：:,;]|$)"
)
# What is given or forgone: a tax, rates, rent, a fee or charge, a deposit, an allowance.
RE_RELIEF_NOUN_ZH = re.compile(r"(?:[稅税]|差餉|租金|費用|費|按金|免[稅税]額|扣減|津貼|補貼|地價)$")
# `增加` and `提高` give relief only when what grows is an allowance or a deduction; `提供` when
# what is provided is a subsidy or allowance, named by the object alone (`一千元的電費補貼`).
RE_RAISED_RELIEF_ZH = re.compile(r"(?:免[稅税]額|扣減|津貼)$")
RE_PROVIDED_RELIEF_ZH = re.compile(r"(?:補貼|津貼|紓緩金計劃|紓緩金)$")
OBJECT_NOUNS = {"增加": RE_RAISED_RELIEF_ZH, "提高": RE_RAISED_RELIEF_ZH, "提供": RE_PROVIDED_RELIEF_ZH}
# At the start of a table row or item (`Waive rates for…`, `(a)reducing profits tax for…`). A word of
# the object is taken whole (possessive `++`): an object ends at a word's end anyway, and without it
# a clause that is not relief was tried split at every letter (0.9 s of the 1.2 s extraction of the
# 2020-21 Budget highlights; the matches are the same).
RE_RELIEF_EN = re.compile(
    r"(?:^|(?<=\([a-z]\))|(?<=\([a-z]{2}\)))\s*"
    r"(?P<verb>(?i:waiv(?:e|ing)|reduc(?:e|ing)|pay(?:ing)?|provid(?:e|ing)|grant(?:ing)?|increas(?:e|ing)|"
    r"rais(?:e|ing)|refund(?:ing)?))\s+"
    r"(?P<object>(?:(?!(?:for|to|subject|through|with|from|at|in|and apply)\b)[\w’'%/-]++\s*?"
    r"(?:\s+by\s+\d+%)?\s*){1,8}?)(?=\s+(?:for|to|subject|through|with|from|at|in)\b|\s*[,;(]|\s+\d|\s*$)"
)
RE_RELIEF_NOUN_EN = re.compile(r"\b(?:tax|taxes|rates|fees?|rent|rental|charges?|subsidy|allowance|duty|payments?)\b",
                               re.IGNORECASE)


def relief_measures(text: str, lang: str) -> list[Mention]:
    """Relief given by a verb and its object; the name is the verb with its whole object, and the
    verb with the object's last noun after `的` is an alias (`寬減…的利得稅` → `寬減利得稅`)."""
    found = []
    if lang == "en":
        for m in RE_RELIEF_EN.finditer(text):
            if not RE_RELIEF_NOUN_EN.search(m.group("object")):
                continue
            start, end = m.start("verb"), m.end("object")
            name = text[start:end].strip()
            name = name[0].lower() + name[1:]
            given = m.group("verb").lower().startswith(("provid", "grant"))
            found.append(_relief(start, start + len(name), name, [m.group("object").strip()] if given else []))
        return found
    for m in RE_RELIEF_ZH.finditer(text):
        obj = m.group("object").strip()
        verb = m.group("verb")
        if verb == "提供" and len(obj) < 3:
            continue
        if not OBJECT_NOUNS.get(verb, RE_RELIEF_NOUN_ZH).search(obj) or obj.startswith(("的", "了", "這些", "該等")):
            continue
        lead = "" if verb == "提供" else verb
        aliases = []
        if "的" in obj:
            tail = obj.rsplit("的", 1)[1]
            if len(tail) <= 2:
                continue  # `提供三分之一的補貼`: a share of something named before, not a measure
            aliases.append(lead + tail)
            head = _last_noun(tail)
            if head and head != tail and lead:
                aliases.append(lead + head)
        start = m.start("object") if verb == "提供" else m.start("verb")
        found.append(_relief(start, m.end("object"), lead + obj, aliases))
    return found


def _last_noun(phrase: str) -> str | None:
    """The last word of a noun phrase (`非住宅物業差餉` → `差餉`), by jieba."""
    from ..nlp import zh_tokens

    tokens = zh_tokens(phrase)
    return tokens[-1].text if tokens and tokens[-1].tag.startswith("n") and len(tokens[-1].text) >= 2 else None


def _relief(start: int, end: int, name: str, aliases: list[str]) -> Mention:
    return Mention("measure", start, end, name, {"name": name, "type": "Relief", "aliases": aliases})


# ---------------------------------------------------------------------------------------
# List items led by their name

RE_ITEM_LEAD = re.compile(r"^\s*(?P<lead>[^，。；：:\d\s][^，。；：:]{1,28}?)\s*(?:——|──|－－|--)\s*")
# A list that sets out aims, principles or directions, not measures.
RE_AIMS_INTRO = re.compile(r"(?:目標|原則|方向|理念|特點|優勢|挑戰|願景)[^，。；]*[：:]\s*$")
RE_LAUNCH_ZH = "推出|推行|啟動|啓動|落實|舉辦|籌辦|實施|開展|展開|推展|設立|成立|優化|發放"
RE_VERB_THEN_QUOTED = re.compile(rf"^(?:{RE_LAUNCH_ZH})?(?:全新|新一輪|新的)?「([^「」]{{2,30}})」$")


def item_lead_measure(text: str, intro: str | None) -> Mention | None:
    """The measure a list item names before its dash (`加快審批建築圖則 —— 屋宇署會…`), or ``None``
    when the item has no such lead or the list introduces aims (`…三大規劃目標：`)."""
    m = RE_ITEM_LEAD.match(text)
    if m is None or (intro is not None and RE_AIMS_INTRO.search(intro)):
        return None
    lead = m.group("lead").strip()
    quoted = RE_VERB_THEN_QUOTED.match(lead)
    if quoted:
        name, start = quoted.group(1), m.start("lead") + lead.index("「") + 1
        aliases = [lead] if lead != f"「{name}」" else []
    else:
        # `使用「組裝合成」提速`: the quoted words, met alone elsewhere, name the same measure.
        name, start, aliases = lead, m.start("lead"), re.findall(r"「([^「」]{2,30})」", lead)
    if RE_NOT_MEASURE.match(name) and (len(name) > 3 or not quoted):
        return None
    return Mention("measure", start, start + len(name), name,
                   {"name": name, "type": measure_type(name) or "Initiative", "aliases": aliases})


# ---------------------------------------------------------------------------------------
# Enumerations of named things

#: Heads that name a thing built, run or paid in a list of such things (besides the measure heads
#: of `measures.ZH_TYPES`): roads, railways and stations, new towns, allowances and services.
ENUM_HEADS = (
    "公路", "繞道", "隧道", "鐵路", "幹線", "連接路", "延線", "支線", "主線", "鐵路線", "線", "站", "工程", "人工島",
    "新發展區", "發展區", "都會區", "津貼", "補貼", "援助", "服務", "專線", "中心", "計劃", "基金", "平台", "園區",
    "科技園", "研究", "系統", "論壇", "峯會", "峰會", "嘉年華", "巡禮", "邀請賽", "展會", "研發院",
)
_HEADS = "|".join(sorted(ENUM_HEADS, key=len, reverse=True))
_ENUM_NAME = rf"[^\s，。；：:、「」《》（）()和及或與等的之在於由把將會亦已]{{1,16}}?(?:{_HEADS})"
RE_ENUMERATION = re.compile(
    rf"(?:(?<=[，。；：:「」、間個所項座條])|(?<=包括)|(?<=例如)|(?<=以及)|^)"
    rf"({_ENUM_NAME}(?:(?:、|和|及|以及|或|與){_ENUM_NAME})+)(?=[^\u4e00-\u9fff]|等|亦|會|將|已|於|在|均|都|的|$)"
)
RE_ENUM_SEPARATOR = re.compile(r"、|以及|和|及|或|與")
RE_ENUM_LEAD = re.compile(r"^(?:包括|例如|比如|涵蓋|如)")
RE_ENUM_NOT_NAME = re.compile(r"^(?:不同|相關|有關|其他|其它|更多|多個|多項|各項|各個|各類|一系列|這些|該|此|上述|所有|現有|新)")


def enumerated_measures(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Each name of an enumeration of two or more named things (`十一號幹線、屯門繞道`)."""
    found = []
    for m in RE_ENUMERATION.finditer(text):
        position = m.start(1)
        for part in RE_ENUM_SEPARATOR.split(m.group(1)):
            start, end = position, position + len(part)
            position = end
            separator = RE_ENUM_SEPARATOR.match(text, position)
            if separator:
                position = separator.end()
            lead = RE_ENUM_LEAD.match(part)
            if lead:
                start, part = start + lead.end(), part[lead.end():]
            if len(part) < 3 or RE_ENUM_NOT_NAME.match(part) or any(a < end and start < b for a, b in taken):
                continue
            found.append(Mention("measure", start, end, part,
                                 {"name": part, "type": measure_type(part) or _enum_type(part), "aliases": [],
                                  "form": "phrase"}))
    return found


def _enum_type(name: str) -> str:
    if re.search(r"(?:人工島|發展區|都會區)$", name):
        return "Site"
    if re.search(r"(?:津貼|補貼|援助)$", name):
        return "Scheme"
    return "Facility"


# ---------------------------------------------------------------------------------------
# Quoted names without a head word

RE_LAUNCH_BEFORE = re.compile(rf"(?:{RE_LAUNCH_ZH}|名為|恆常化)(?:了)?(?:全新|新一輪|新的|的)?$")
# Words after a quoted name that make it a measure's name: a guideline, mode, index, campaign.
RE_MEASURE_WORD_AFTER = re.compile(
    r"^(?:[(（][^()（）]{1,30}[)）])?(?:措施|指引|合約模式|模式|倡議|活動|指數|消費美食禮遇|禮遇|宣傳活動|運動|行動)")
RE_ENUM_JOIN = re.compile(r"^\s*(?:、|和|及|以及|或|與)\s*$")
RE_PRINCIPLE_AFTER = re.compile(r"^(?:的|原則|方針|理念|精神|政綱|要求|目標)")


def quoted_without_head(text: str, quoted: list[tuple[int, int]], accepted: list[tuple[int, int]]) -> list[Mention]:
    """Quoted names (``quoted``: spans inside the brackets) that have no measure head but that a
    launch verb governs, that a measure word follows, that stand alone (a heading), or that are
    listed with an ``accepted`` measure's quoted name."""
    found: list[Mention] = []
    spans = sorted(quoted)
    kept = set(accepted)
    for _ in range(2):  # a second pass lets a name listed after a newly kept one join it
        for start, end in spans:
            if (start, end) in kept:
                continue
            name = text[start:end]
            if len(name) < 2 or RE_NOT_MEASURE.match(name) and len(name) > 3 or re.search(r"[。；]", name):
                continue
            before, after = text[max(0, start - 9):start - 1], text[end + 1:end + 40]
            if re.search(r"[(（]「?$", text[max(0, start - 2):start]):
                continue  # `（「首置」）`: the short form of the name before it
            # A heading that is only a short quoted name; a longer one is a slogan or a chapter title.
            alone = len(name) <= 10 and not text[:start - 1].strip() \
                and not re.sub(r"^[(（][^()（）]*[)）]", "", after).strip()
            listed = any(RE_ENUM_JOIN.match(text[b + 1:start - 1]) or RE_ENUM_JOIN.match(text[end + 1:a - 1])
                         for a, b in kept)
            word = RE_MEASURE_WORD_AFTER.match(after)
            # `落實「…」的政綱`, `落實「愛國者治港」原則`: a platform or a principle, not a measure
            launched = RE_LAUNCH_BEFORE.search(before) and not RE_PRINCIPLE_AFTER.match(after)
            if not (launched or word or alone or listed):
                continue
            if re.match(r"[一二兩三四五六七八九十]", name) and not word:
                continue  # `「一國兩制」`: a principle, unless named as an initiative (`「一帶一路」倡議`)
            aliases = [name + word.group()] if word and not word.group().startswith(("(", "（")) else []
            short = re.match(r"^[(（]「?([^()（）「」]{2,40})」?[)）]", after)
            if short:
                aliases.append(short.group(1))
            found.append(Mention("measure", start, end, name,
                                 {"name": name, "type": measure_type(name) or "Initiative", "aliases": aliases}))
            kept.add((start, end))
    return found
