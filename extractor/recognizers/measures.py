"""Policy measures: quoted names (「…」) and capitalised English names that end in a
measure word (基金, 計劃, 平台, Scheme, Fund …), typed by that word; an alias given in
brackets right after the name (`「香港新型工業發展聯盟」（「聯盟」）`) is kept.

Examples:
    >>> [(m.text, m.value["type"]) for m in find_measures("設立 100 億元「創科產業引導基金」", "zh")]
    [('創科產業引導基金', 'Fund')]
    >>> [(m.value["name"], m.value["type"]) for m in find_measures("launch the I&T Accelerator Pilot Scheme with", "en")]
    [('I&T Accelerator Pilot Scheme', 'Scheme')]
"""

from __future__ import annotations

import re

from ..types import Mention

# Measure words → measure type, longest first so 先導計劃 wins over 計劃.
ZH_TYPES: tuple[tuple[str, str], ...] = (
    ("基金", "Fund"), ("資助計劃", "Scheme"), ("先導計劃", "Scheme"), ("支援計劃", "Scheme"), ("配對計劃", "Scheme"),
    ("補助金計劃", "Scheme"), ("計劃", "Programme"), ("徵集", "Programme"), ("培訓", "Programme"),
    ("平台", "Platform"), ("研發院", "Facility"), ("中心", "Facility"), ("設施", "Facility"),
    ("科技城", "Site"), ("園區", "Site"), ("合作區", "Site"), ("科學園", "Site"), ("園", "Site"),
    ("研究", "Study"), ("方案", "Plan"), ("規劃", "Plan"), ("聯盟", "Alliance"), ("辦公室", "Office"),
    ("演練", "Exercise"), ("審計", "Exercise"), ("論壇", "Event"), ("博覽", "Event"), ("節", "Event"),
    ("措施", "Initiative"), ("灣區", "Initiative"),
)
EN_TYPES: dict[str, str] = {
    "fund": "Fund", "scheme": "Scheme", "programme": "Programme", "program": "Programme", "platform": "Platform",
    "centre": "Facility", "center": "Facility", "institute": "Facility", "park": "Site", "study": "Study",
    "plan": "Plan", "alliance": "Alliance", "office": "Office", "exercise": "Exercise", "initiative": "Initiative",
    "forum": "Event", "festival": "Event", "expo": "Event", "summit": "Event", "hub": "Facility",
    "cluster": "Platform", "clusters": "Platform", "fair": "Event",
}
RE_QUOTED = re.compile(r"「([^「」]{2,40})」(?:[(（]「?([^「」()（）]{1,20}?)」?[)）])?")
RE_EN_NAME = re.compile(
    r"\b((?:[A-Z0-9][\w&'’@\u2010-\u2015-]*\s+(?:(?:of|for|and|on|in|to|the|&)\s+)*){1,8}"
    r"(Fund|Scheme|Programme|Program|Platform|Centre|Center|Institute|Park|Study|Plan|Alliance|Office|Exercise"
    r"|Initiative|Forum|Festival|Expo|Summit|Hub|Clusters?|Fair)"
    r"(?:\s+for\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)?)\b"
)
# `Stage 1 of the Science Park Expansion Programme`: the measure is what follows.
RE_EN_PART_OF = re.compile(r"^(?:Stage|Phase|Part|Batch)\s+\S+\s+of\s+(?:the\s+)?")
# A quoted English name followed by its measure word: `the "Knowing More About IT" Programme`.
RE_EN_QUOTED = re.compile(r"[\"“]([A-Z][^\"”]{2,60})[\"”]\s*(programme|scheme|fund|initiative|project|campaign)?",
                          re.IGNORECASE)
# A quoted Chinese name followed by its measure word: `「研究人才庫」計劃`.
RE_QUOTED_THEN_WORD = re.compile(r"「([^「」]{2,30})」(計劃|基金|平台|項目)")
EN_SKIP_FIRST = {"The", "A", "An", "This", "That", "These", "Our", "We", "In", "On", "To", "For", "And", "Under"}
# Quoted names that are documents, slogans or concepts, not measures.
RE_NOT_MEASURE = re.compile(r"^(?:.*(?:規劃|藍圖|報告|條例|綱要|綱領|預算案)|.{0,3})$")


RE_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")
# An unquoted measure named as the object of a setting-up verb: `成立新型工業發展辦公室`,
# `舉辦網絡安全攻防演練`, `推出人工智能資助計劃`.
RE_SET_UP = re.compile(
    r"(?:成立|設立|推出|舉辦|興建|開設|籌建|建設|推展|推行|實施|啟動|展開|開展)(?:一所|一個|一項)?"
    r"([\u4e00-\u9fffA-Za-z]{3,16}?(?:辦公室|研發院|中心|資助計劃|先導計劃|支援計劃|計劃|基金|平台|演練|園區))"
    r"(?=[，。、；：及和以並，,]|$)"
)


def measure_type(name: str) -> str | None:
    name = RE_TRAILING_BRACKET.sub("", name).strip()
    if not name or re.match(r"^[一二兩三四五六七八九十]", name):
        return None  # `一區兩園`, `一國兩制`: slogans, not measures
    for word, kind in ZH_TYPES:
        if name.endswith(word):
            return kind
    last = name.rsplit(maxsplit=1)[-1].lower() if name.isascii() else ""
    return EN_TYPES.get(last)


# Verbs and status words around a measure in the first cell of an annex table row
# (`繼續推進…的發展`, `編製部門數據目錄`, `…投入運作`).
RE_LEADING_VERB = re.compile(
    r"^(?:繼續|持續|進一步|全面|分階段|逐步)?(?:推進|推動|推出|探討|研究|編製|舉辦|興建|設立|成立|採用|發展|建設|籌備|優化|"
    r"擴大|加強|提升|制訂|制定|落實|展開|開展|設置|開設|引入|實施|launch|set up|develop|implement)\s*"
)
RE_TRAILING_STATUS = re.compile(r"(?:投入運作|的發展|的工作|的運作|的建設|工作)$")
RE_FOR_DO = re.compile(r"^為.{2,20}?作")
RE_PURPOSE = re.compile(r"(?:以|以便|藉此|從而|，).*$")


def table_measure(cell: str, start: int = 0) -> Mention | None:
    """The measure named in the first cell of an annex table row, or ``None``.

    >>> table_measure("編製部門數據目錄").value["name"]
    '部門數據目錄'
    >>> table_measure("數碼港人工智能超算中心投入運作").value["name"]
    '數碼港人工智能超算中心'
    """
    quoted = RE_QUOTED.search(cell)
    if quoted:
        name = quoted.group(1)
        return Mention("measure", start + quoted.start(1), start + quoted.end(1), name,
                       {"name": name, "type": measure_type(name) or "Initiative", "aliases": []})
    name = cell.strip()
    for _ in range(3):
        stripped = RE_FOR_DO.sub("", RE_LEADING_VERB.sub("", name))
        if stripped == name:
            break
        name = stripped
    name = RE_TRAILING_STATUS.sub("", RE_PURPOSE.sub("", name)).strip()
    if len(name) < 3 or len(name) > 30 or re.search(r"[。；]", name):
        return None
    offset = cell.find(name)
    return Mention("measure", start + offset, start + offset + len(name), name,
                   {"name": name, "type": measure_type(name) or "Initiative", "aliases": []})


def find_measures(text: str, lang: str) -> list[Mention]:
    """Named measures in one block: quoted Chinese names and capitalised English names."""
    mentions: list[Mention] = []
    for m in RE_QUOTED.finditer(text):
        name = m.group(1).strip()
        kind = measure_type(name)
        if kind is None or RE_NOT_MEASURE.match(name) and kind not in ("Fund", "Scheme"):
            continue
        aliases = [m.group(2)] if m.group(2) else []
        mentions.append(Mention("measure", m.start(1), m.end(1), name, {"name": name, "type": kind, "aliases": aliases}))
    for m in RE_QUOTED_THEN_WORD.finditer(text):
        name = m.group(1).strip()
        if not any(x.start == m.start(1) for x in mentions) and not RE_NOT_MEASURE.match(name):
            kind = {"計劃": "Programme", "基金": "Fund", "平台": "Platform", "項目": "Initiative"}[m.group(2)]
            mentions.append(Mention("measure", m.start(1), m.end(1), name, {"name": name, "type": kind, "aliases": []}))
    for m in RE_EN_QUOTED.finditer(text):
        name = m.group(1).strip()
        if m.group(2) or measure_type(name):
            mentions.append(Mention("measure", m.start(1), m.start(1) + len(name), name,
                                    {"name": name, "type": measure_type(name) or EN_TYPES.get((m.group(2) or "").lower(),
                                                                                               "Initiative"),
                                     "aliases": []}))
    quoted = [(m.start, m.end) for m in mentions]
    for m in RE_SET_UP.finditer(text):
        name = m.group(1)
        kind = measure_type(name)
        if kind and not any(a <= m.start(1) < b or m.start(1) <= a < m.end(1) for a, b in quoted):
            mentions.append(Mention("measure", m.start(1), m.end(1), name, {"name": name, "type": kind, "aliases": []}))
    for m in RE_EN_NAME.finditer(text):
        words = m.group(1).split()
        while words and words[0] in EN_SKIP_FIRST:
            words.pop(0)
        if len(words) < 2:
            continue
        name = RE_EN_PART_OF.sub("", " ".join(words))
        if len(name.split()) < 2 or any(a <= m.start(1) < b for a, b in quoted):
            continue
        start = m.start(1) + m.group(1).index(name.split()[0])
        mentions.append(Mention("measure", start, m.end(1), text[start:m.end(1)],
                                {"name": text[start:m.end(1)], "type": EN_TYPES.get(m.group(2).lower(), "Initiative"),
                                 "aliases": []}))
    return sorted(mentions, key=lambda x: x.start)
