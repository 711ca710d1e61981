"""Policy measures (spec: normalisation.md, Measures), typed by their head word.

A measure is found where the paper names it:

- quoted: `「創科產業引導基金」`, `「研究人才庫」計劃`, `《…標準合同》便利措施`, `在「X」下`
  (under X), `the "Knowing More About IT" Programme`; a short form in brackets right
  after is an alias (`「香港新型工業發展聯盟」（「聯盟」）`);
- capitalised English names ending in a measure word (`I&T Accelerator Pilot Scheme`),
  and lower-case ones set up by a verb (`set up a one-stop support centre`);
- unquoted Chinese noun phrases ending in a measure head (`…基金`, `…計劃`, `…園區`,
  `…科技城`). The head is found by a grammar of head words; the left edge of the noun
  phrase by walking back over jieba words (`extractor.nlp`) until a function word,
  a pronoun, a number, a time or a verb that starts the clause. Such a phrase is a
  measure when the sentence gives it the role of one: the object of a setting-up verb
  (`成立新型工業發展辦公室`, `推出約 20 項數字政府及智慧城市方案`), a name followed by its
  quoted short form (`河套深港科技創新合作區（「合作區」）`), a site named after a place
  (`新田科技城`, `河套香港園區`), or the subject that opens a clause when it carries a
  proper name (`數碼港第五期擴建計劃預計…`);
- the whole text of a heading (`前沿科技研究支援計劃`), the first cell of an annex table
  row (`table_measure`), and the subject of a target row in an annex
  (`開放數據的年度用量由 2021 年的…增加至…`, `kpi_measure`).

Not measures: documents (`《藍圖》`, `…規劃`, `…條例`), slogans (`一國兩制`), phrases
opened by a determiner (`不同的子基金`, `更多設施`, `相關研究`), positions such as
`國際金融中心`, and a legal form named by an ordinance of the same block
(`有限合伙基金` beside `《有限合伙基金條例》`).

Examples:
    >>> [(m.text, m.value["type"]) for m in find_measures("設立 100 億元「創科產業引導基金」", "zh")]
    [('創科產業引導基金', 'Fund')]
    >>> [(m.value["name"], m.value["type"]) for m in find_measures("launch the I&T Accelerator Pilot Scheme with", "en")]
    [('I&T Accelerator Pilot Scheme', 'Scheme')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Mention


def words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string (easier to read for Chinese)."""
    return frozenset(text.split())

# Measure words → measure type, longest first so 先導計劃 wins over 計劃.
ZH_TYPES: tuple[tuple[str, str], ...] = (
    ("基金", "Fund"), ("資助計劃", "Scheme"), ("先導計劃", "Scheme"), ("支援計劃", "Scheme"), ("配對計劃", "Scheme"),
    ("補助金計劃", "Scheme"), ("資助試驗計劃", "Scheme"), ("行動計劃", "Plan"), ("計劃", "Programme"), ("徵集", "Programme"),
    ("培訓", "Programme"), ("平台", "Platform"), ("應用程式", "Initiative"), ("研發院", "Facility"),
    ("中心", "Facility"), ("設施", "Facility"), ("科技城", "Site"), ("科技園", "Site"), ("創科園", "Site"),
    ("產業園", "Site"), ("物流園", "Site"), ("工業邨", "Site"), ("園區", "Site"), ("合作區", "Site"),
    ("科學園", "Site"), ("園", "Site"), ("顧問研究", "Study"), ("研究", "Study"), ("方案", "Plan"), ("規劃", "Plan"),
    ("聯盟", "Alliance"), ("辦公室", "Office"), ("演練", "Exercise"), ("審計", "Exercise"), ("論壇", "Event"),
    ("博覽", "Event"), ("節", "Event"), ("巡禮", "Event"), ("邀請賽", "Event"), ("欖球賽", "Event"), ("展會", "Event"),
    ("嘉年華", "Event"), ("市集", "Event"), ("峯會", "Event"), ("峰會", "Event"), ("會議", "Event"),
    ("工作組", "Office"), ("統籌組", "Office"), ("專責小組", "Office"), ("審批組", "Office"), ("辦事處", "Office"),
    ("津貼", "Scheme"), ("補貼", "Relief"), ("援助", "Scheme"), ("服務", "Programme"), ("專線", "Platform"),
    ("系統", "Platform"), ("人工島", "Site"), ("新發展區", "Site"), ("都會區", "Site"), ("公路", "Facility"),
    ("繞道", "Facility"), ("隧道", "Facility"), ("鐵路", "Facility"), ("幹線", "Facility"), ("連接路", "Facility"),
    ("延線", "Facility"), ("支線", "Facility"), ("鐵路線", "Facility"), ("站", "Facility"), ("措施", "Initiative"), ("灣區", "Initiative"), ("機制", "Initiative"),
    ("框架", "Plan"),
)
EN_TYPES: dict[str, str] = {
    "fund": "Fund", "scheme": "Scheme", "programme": "Programme", "program": "Programme", "platform": "Platform",
    "centre": "Facility", "center": "Facility", "institute": "Facility", "park": "Site", "study": "Study",
    "plan": "Plan", "alliance": "Alliance", "office": "Office", "exercise": "Exercise", "initiative": "Initiative",
    "forum": "Event", "festival": "Event", "expo": "Event", "summit": "Event", "hub": "Facility",
    "cluster": "Platform", "clusters": "Platform", "fair": "Event", "lab": "Facility", "laboratory": "Facility",
    "subsidy": "Scheme", "allowance": "Scheme", "projects": "Programme",
}
RE_QUOTED = re.compile(r"「([^「」]{2,40})」(?:[(（]「?([^「」()（）]{1,20}?)」?[)）])?")
RE_EN_NAME = re.compile(
    r"\b((?:[A-Z0-9][\w&'’@\u2010-\u2015-]*\s+(?:(?:of|for|and|on|in|to|the|&)\s+)*){1,8}"
    r"(Fund|Scheme|Programme|Program|Platform|Centre|Center|Institute|Park|Study|Plan|Alliance|Office|Exercise"
    r"|Initiative|Forum|Festival|Expo|Summit|Hub|Clusters?|Fair|Lab|Laboratory|Subsidy|Allowance|Projects)"
    r"(?:\s+(?:for|on)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)?)\b"
    # `the Hong Kong Arts Festival Limited`: the name of a company, not of a measure.
    r"(?!\s+(?:Limited|Ltd|Company|Corporation|Society|Association|Council|Authority|Board)\b)"
)
# `Stage 1 of the Science Park Expansion Programme`: the measure is what follows.
RE_EN_PART_OF = re.compile(r"^(?:Stage|Phase|Part|Batch)\s+\S+\s+of\s+(?:the\s+)?")
# A quoted English name followed by its measure word: `the "Knowing More About IT" Programme`.
RE_EN_QUOTED = re.compile(r"[\"“]([A-Z][^\"“”]{2,60})[\"”]\s*(programme|scheme|fund|initiative|project|campaign)?",
                          re.IGNORECASE)
# A quoted Chinese name followed by its measure word: `「研究人才庫」計劃`, and a quoted
# standard or document followed by one: `《…標準合同》便利措施` (the measure is named by it).
RE_QUOTED_THEN_WORD = re.compile(r"「([^「」]{2,30})」(計劃|基金|平台|項目|研究)")
RE_TITLE_THEN_WORD = re.compile(r"《([^《》]{2,40})》((?:便利|支援|資助|試行|先導)?(?:措施|計劃|基金|平台))")
# A quoted name that something happens under is a scheme: `在「研究人才庫」下獲資助`.
RE_UNDER_QUOTED = re.compile(r"(?:在|於|透過|通過|經)「([^「」]{2,30})」(?:下|之下|中)")
RE_EN_SHORT_FORM = re.compile(r"\s*\(((?:the\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})\)")
# Words (possibly several) that open an English capitalised run but are not part of a name.
EN_SKIP_FIRST = {"The", "A", "An", "This", "That", "These", "Our", "We", "In", "On", "To", "For", "And", "Under",
                 "As", "Besides", "Through", "With", "By", "From", "Of", "At", "Its", "Their"}
# Quoted names that are documents, slogans or concepts, not measures.
RE_NOT_MEASURE = re.compile(r"^(?:.*(?:規劃|藍圖|報告|條例|綱要|綱領|預算案|白皮書)|.{0,3})$")
# `國際金融中心`, `國際創新科技中心`: Hong Kong's positioning, not a facility.
RE_POSITIONING = re.compile(r"^(?:亞太區|亞洲|區域|全球)?國際[^的機]{0,10}(?:中心|樞紐|之都)$")
# `香港是國際資產及財富管理中心`, `打造成亞洲先進醫療中心`: what Hong Kong is or becomes.
RE_POSITION_BEFORE = re.compile(r"(?:成為|作為|是|打造成|打造為|定位為|發展成為?|建設成為?|鞏固)$")
# A determiner or evaluation that opens a phrase: the phrase is a description, not a name.
RE_DETERMINER = re.compile(
    r"^(?:不同|相關|有關|其他|其它|更多|多個|多項|多間|各項|各個|各類|各區|一系列|一些|該|這|此|上述|所有|每個|每年|個別|現有|"
    r"其中|部分|若干|任何|整體|這些|那些|本港|本地|另一|另外|同類|類似|新一輪|新的|首個|首間|首批|專門|有效|合適|"
    r"第[一二三四五六七八九十\d]+(?:個|間|所|項))"
)
# `為期三年的`, `全新的`, `嶄新的`, `一個`: opening words kept out of a name.
RE_LEAD_MODIFIER = re.compile(
    r"^(?:為期[^的，]{1,5}的|全新的?|嶄新的?|新設的|新的|一[個項所間套批]|(?:全港)?(?:首|第[一二三四五六七八九十\d]+)[間個所項座])")


RE_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")
RE_NOT_EVENT = re.compile(r"(?:細節|環節|章節|季節|關節|調節|情節|禮節|小節|過節)$")


def measure_type(name: str) -> str | None:
    """The type named by a measure's head word, or ``None`` when it has none.

    >>> measure_type("新田科技城"), measure_type("Global STEM Professorship Scheme"), measure_type("一區兩園")
    ('Site', 'Scheme', None)
    """
    name = RE_TRAILING_BRACKET.sub("", name).strip()
    if not name or re.match(r"^[一二兩三四五六七八九十]", name):
        return None  # `一區兩園`, `一國兩制`: slogans, not measures
    if RE_NOT_EVENT.search(name):
        return None  # `細節` (details), `環節` (a stage): not a festival
    for word, kind in ZH_TYPES:
        if name.endswith(word):
            return kind
    last = name.rsplit(maxsplit=1)[-1].lower() if name.isascii() else ""
    if not last and re.search(r"[A-Za-z]\s*$", name):
        last = re.split(r"\s+", name.strip())[-1].lower()  # `生命健康創新科研中心InnoLife Healthtech Hub`
    return EN_TYPES.get(last)


# ---------------------------------------------------------------------------------------
# Chinese noun phrases ending in a measure head

# Heads an unquoted phrase may end in (a subset of ZH_TYPES: single-character `園`/`節`
# and words such as `研究`, `規劃`, `灣區` name too many other things).
ZH_NP_HEADS: tuple[str, ...] = (
    "資助計劃", "先導計劃", "支援計劃", "配對計劃", "試行計劃", "補助金計劃", "計劃", "基金", "平台", "應用程式",
    "研發院", "中心", "科技城", "科技園", "創科園", "創新園", "產業園", "物流園", "工業邨", "園區", "合作區",
    "顧問研究", "方案", "聯盟", "辦公室", "演練", "審計", "培訓", "便利措施", "論壇", "博覽", "機制",
    "會議", "峯會", "峰會", "嘉年華", "津貼", "專線", "人工島", "繞道", "隧道", "延線", "支線", "站", "框架",
)
# A heading names a measure only with a head that rarely heads a topic (`國際金融中心`,
# `開展國際法律人才培訓` are topics).
WEAK_HEADING_HEADS = ("中心", "平台", "培訓", "方案", "措施", "演練", "審計", "論壇", "博覽", "機制", "框架")
RE_ZH_HEAD = re.compile("|".join(sorted(ZH_NP_HEADS, key=len, reverse=True)))
# Sites named after a place (`新田科技城`, `河套香港園區`): no verb is needed to make them measures.
SITE_HEADS = ("科技城", "科技園", "創科園", "產業園", "物流園", "工業邨", "園區", "合作區", "創新園", "人工島", "繞道",
              "隧道", "延線", "支線", "站")
# Heads too common to stand with a short modifier (`支援措施`, `相關計劃`).
WEAK_HEADS = ("措施", "計劃", "方案", "中心", "平台", "培訓", "論壇", "機制")
# Kinds of body that many hold, not a body the paper sets up (`單一家族辦公室`, `有限合夥基金`).
RE_GENERIC_CLASS = re.compile(r"(?:家族辦公室|有限合[夥伙]基金|私募基金|對沖基金|子基金|開放式基金)$")
# Verbs that give their object the role of a measure: set up, launch, hold, build, run, carry out.
SET_UP_VERBS = (
    "成立", "設立", "推出", "舉辦", "興建", "開設", "籌建", "建設", "推展", "推行", "實施", "啟動", "展開", "開展",
    "進行", "試行", "設置", "引入", "開發", "研發", "制定", "制訂", "擴大", "延續", "延長", "恆常化", "優化",
    "加強", "強化", "籌備", "打造", "建立", "發展", "營運", "資助", "注資", "撥款", "預留", "落實", "重推", "推動",
    "合辦", "主辦", "籌辦", "新增", "推進",
)
RE_SET_UP_BEFORE = re.compile(
    r"(?:" + "|".join(SET_UP_VERBS) + r")(?:了)?\s*"
    r"(?:(?:約|超過|逾|近)?\s*[\d一二兩三四五六七八九十百]+\s*(?:項|個|所|間|套|批|輪|期)|一系列|兩項|多項|"
    r"(?:全港)?(?:首|第[一二三四五六七八九十\d]+)[間個所項座])?\s*$"
)
# `一所`, `首間`, `第二間`: one body set up, so a two-character modifier names it (`研究中心`).
RE_ONE_BEFORE = re.compile(r"(?:一|首|第[一二三四五六七八九十\d]+)\s*[項個所間套座]\s*$")
# Evaluations between the verb and the name (`推出全新的海外演講贊助計劃`).
RE_EVALUATION_BEFORE = re.compile(r"(?:為期[^的，]{1,5}的|全新的?|嶄新的?|新設的|新的|(?:有效|合適|清晰|完善|穩健)的)$")
# `本地開發的…`, `新推出的…`: a measure named after the verb that made it.
RE_MADE_BEFORE = re.compile(r"(?:開發|研發|推出|設立|成立|興建|建成|打造|首辦|舉辦|合辦)的$")
# `把…恆常化`, `將…延長`: the object put between 把/將 and a verb of extending is a measure.
RE_BA_BEFORE = re.compile(r"(?:把|將)(?:[\d一二兩三四五六七八九十]+\s*[項個間所])?$")
RE_BA_VERB_AFTER = re.compile(r"(?:的[^，。；]{0,12}?)?(?:再次|進一步|再)?(?:恆常化|延長|擴展|擴大|延續|優化|推廣至)")
# Tokens (jieba tags) that end a noun phrase walking left: prepositions, particles,
# pronouns, adverbs, conjunctions, numbers, classifiers, times, locatives, punctuation.
STOP_TAGS = ("p", "u", "r", "d", "c", "m", "q", "t", "f", "x", "y", "e", "o", "w")
STOP_WORDS = words(
    "的 之 等 將 會 已 亦 並 即 或 為 是 有 在 於 由 向 把 讓 使 對 從 至 到 及其 以 就 與其 其 可 能 須 要 如 若 而 但 又 再 均 皆 都 所 被 給 "
    "項 個 所 間 家 名 條 宗 座 套 批 份 次 元 年 位"
)
# Verbs that end the walk: they open a clause and never sit inside a name.
CLAUSE_VERBS = words(
    "包括 利用 透過 通過 配合 推展 落戶 位處 位於 連同 用作 作為 成為 讓 希望 期望 預計 繼續 持續 積極 邀請 提交 "
    "公布 宣布 發布 吸引 協助 參與 善用 督導 協調 匯聚 構建 營造 打造 探索 探討 加快 鞏固 提供 令 使 順利 便利 落户"
)
CONJUNCTIONS = words("及 和 與 暨 或")
# A word ending so before a conjunction names a body of its own: the conjunction joins a list.
LIST_END = "院館場所園區站廠心室台庫金劃"
# Verbs that may open the walked phrase but never begin a name: they are stripped.
LEAD_VERBS = frozenset(SET_UP_VERBS) | words(
    "包括 利用 透過 通過 支持 支援 配合 推進 提供 擴展 研究 探討 探索 善用 參與 協助 加快 提升 鞏固 完善 引導 吸引 "
    "督導 協調 匯聚 作為 成為 用作 位處 位於 涵蓋 連同 構建 營造 令 讓 希望 期望 預計 計劃 繼續 持續 積極 全面 進一步 "
    "公布 宣布 發布 提交 邀請 聚焦 促進 帶動"
)
RE_ORDINAL = re.compile(r"^第[一二三四五六七八九十\d]+(?:期|階段|屆|批|輪)$")
RE_CLAUSE_START = re.compile(r"(?:^|[。；;，,：:！？!?\n]|^\s*\(?[\da-z一二三四五六七八九十]+[.)）]\s*)\s*$")


def _walk_left(tokens: list, head_index: int, conj: bool) -> int:  # type: ignore[type-arg]
    """Index of the first token of the noun phrase that ends with ``tokens[head_index]``."""
    first = head_index
    places = tokens[head_index].tag == "ns"
    for i in range(head_index - 1, -1, -1):
        tok = tokens[i]
        word = tok.text
        if not word.strip():
            # `InnoHK 創新香港研發平台`: a space after a Latin word stays inside the name.
            if i > 0 and re.search(r"[A-Za-z]$", tokens[i - 1].text) and word == " ":
                continue
            break
        if word in CONJUNCTIONS and conj and i > 0 and tokens[i - 1].tag[:1] in ("n", "b", "j") \
                and tokens[i - 1].text not in STOP_WORDS and tokens[i - 1].text[-1] not in LIST_END:
            continue  # `數字政府及智慧城市方案`; not `中醫醫院及政府中藥檢測中心`, a list of two
        if tok.tag == "q" and (i == 0 or tokens[i - 1].tag != "m"):
            pass  # a measure word with no number before it is a noun (`消費券計劃`)
        elif word in STOP_WORDS or (tok.tag.startswith(STOP_TAGS) and not RE_ORDINAL.match(word)
                                    and not (tok.tag == "m" and re.fullmatch(r"[A-Za-z\d]+[A-Za-z]+\d*", word))):
            break
        if tok.tag == "ns" and word[-1] in "區市省" and places:
            break  # `北部都會區新田科技城`: the region before a place-named site is not part of its name
        if word in CLAUSE_VERBS or re.match(r"[一二兩三四五六七八九十]", word) or (word in SET_UP_VERBS and tok.tag == "v"):
            break
        if (tok.tag.startswith("v") or word in LEAD_VERBS) and tokens[i + 1].tag in ("ns", "nt", "nr"):
            break  # `推展新田科技城`, `發展河套香港園區`: a verb before a proper name opens the clause
        places = places or tok.tag == "ns"
        if tokens[head_index].end - tok.start > 24:
            break
        first = i
    return first


def _strip_lead(tokens: list, first: int, head_index: int) -> int:  # type: ignore[type-arg]
    """Skip verbs that open the phrase (`發展河套香港園區` → `河套香港園區`) while a modifier remains."""
    while first < head_index - 1 or (first == head_index - 1 and len(tokens[head_index].text) > 2):
        # Keep at least one word before a bare head (`研究中心`), or the head word's own modifier;
        # any verb goes while another word stays before the head (`增加…`), a listed one always.
        tok = tokens[first]
        if tok.text in LEAD_VERBS or tok.text in CONJUNCTIONS or (tok.tag == "v" and first < head_index - 1):
            first += 1
        else:
            break
    return first


def _zh_noun_phrases(text: str) -> Iterator[tuple[int, int, str, list, int, int]]:  # type: ignore[type-arg]
    """Each measure head of ``text`` that ends a word: (np start, np end, head, tokens, first, head index).

    The phrase is walked from the clause that holds the head (at most 30 characters back)."""
    from ..nlp import zh_tokens

    for m in RE_ZH_HEAD.finditer(text):
        head_start, head_end = m.span()
        window = max(0, head_start - 30)
        cut = max((text.rfind(ch, window, head_start) for ch in "。；;：:！？!?「」《》\n"), default=-1)
        window = max(window, cut + 1)
        right = min(len(text), head_end + 6)
        tokens = zh_tokens(text[window:right])
        rel_end = head_end - window
        head_index = next((i for i, t in enumerate(tokens) if t.end == rel_end), None)
        if head_index is None or tokens[head_index].start > head_start - window:
            continue  # the head is inside a longer word (`計劃意向書`, `中心城市`)
        following = tokens[head_index + 1] if head_index + 1 < len(tokens) else None
        if following is not None and following.tag in ("n", "nz", "b", "eng", "j") \
                and following.text not in ("內", "下", "上", "外", "中", "後", "前", "方面"):
            continue  # the noun phrase goes on (`數據園區用途` is a use, not the park)
        yield window, right, m.group(), tokens, _walk_left(tokens, head_index, conj=True), head_index


def _candidate(text: str, window: int, tokens: list, first: int, head_index: int, head: str,  # type: ignore[type-arg]
               ) -> tuple[int, int] | None:
    first = _strip_lead(tokens, first, head_index)
    start, end = window + tokens[first].start, window + tokens[head_index].end
    lead = RE_LEAD_MODIFIER.match(text, start)
    if lead and lead.end() < end - len(head):
        start = lead.end()
    return start, end


def _acceptable(name: str, head: str, short_ok: bool = False) -> bool:
    """A phrase that can be a name: a modifier before the head (two characters only after
    `一所`/`一個`, or for a place-named site), no determiner, no document word."""
    modifier = name[: len(name) - len(head)].strip()
    if len(modifier) < (2 if short_ok else 3) or len(name) > 30:
        return False
    if RE_DETERMINER.match(name) or RE_POSITIONING.match(name) or RE_NOT_MEASURE.match(name) \
            or RE_GENERIC_CLASS.search(name):
        return False
    if "的" in name and len(name.rsplit("的", 1)[1]) < 4:
        return False  # `專門的辦公室`: a description ending in a bare head
    if re.search(r"[\d，,。；、「」《》()（）]|\s{2}", name.replace("InnoHK", "")) and not re.search(r"第[\d一二三四五六七八九十]+期", name):
        return False
    return not re.match(r"^[一二兩三四五六七八九十]", name)


def _zh_unquoted(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Unquoted Chinese measure names that the sentence gives the role of a measure."""
    found: list[Mention] = []
    if not RE_ZH_HEAD.search(text):
        return found
    for window, _right, head, tokens, first, head_index in _zh_noun_phrases(text):
        span = _candidate(text, window, tokens, first, head_index, head)
        if span is None:
            continue
        start, end = span
        if any(a < end and start < b for a, b in taken):
            continue
        before = RE_EVALUATION_BEFORE.sub("", text[max(0, start - 22):start])
        name = text[start:end]
        aliases: list[str] = []
        role = None
        set_up = RE_SET_UP_BEFORE.search(before)
        if set_up:
            role = "set_up"
            short_ok = bool(RE_ONE_BEFORE.search(before))
        else:
            short_ok = False
        if role is None and RE_MADE_BEFORE.search(before):
            role = "made"
        if role is None and RE_BA_BEFORE.search(before) and RE_BA_VERB_AFTER.match(text, end):
            role = "extended"  # `把兩項低收入照顧者生活津貼恆常化`: the object of a disposal

        if role is None and before.endswith("的"):
            # `加強政府高級人員的核心數字技能培訓`: a possessive before the name, then the verb.
            owner = _possessor(text, start - 1)
            if owner is not None and RE_SET_UP_BEFORE.search(text[max(0, owner - 16):owner]):
                aliases.append(name)
                start, name, role = owner, text[owner:end], "set_up"
        after = re.match(r"\s*[(（]「([^「」]{1,12})」[)）]", text[end:])
        if after:
            role, aliases = "short_form", [after.group(1)]
        if head in SITE_HEADS and any(t.tag == "ns" for t in tokens[first:head_index]):
            role, short_ok = role or "site", True  # a place names the site (`東莞物流園`)
        if role is None and RE_CLAUSE_START.search(text[:start]) and len(name) >= 6 and any(
                t.tag in ("ns", "nt", "nz", "eng") or RE_ORDINAL.match(t.text) for t in tokens[first:head_index]):
            role = "subject"
        if role is None or not _acceptable(name, head, short_ok) or RE_POSITION_BEFORE.search(text[:start]):
            continue
        if _ordinance_term(text, name):
            continue
        found.append(Mention("measure", start, end, name, {"name": name, "type": measure_type(name) or "Initiative",
                                                            "aliases": aliases, "form": "phrase"}))
        taken.append((start, end))
    return found


def _possessor(text: str, de: int) -> int | None:
    """Start of the short noun phrase before the 的 at ``de`` (`政府高級人員的`), or ``None``."""
    from ..nlp import zh_tokens

    window = max(0, de - 20)
    tokens = zh_tokens(text[window:de])
    first = None
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if tok.text in CONJUNCTIONS and first is not None and i > 0 and tokens[i - 1].tag[:1] in ("n", "v"):
            continue
        if tok.text in STOP_WORDS or tok.tag.startswith(STOP_TAGS) or tok.text in CLAUSE_VERBS \
                or (tok.text in SET_UP_VERBS and tok.tag == "v"):
            break
        first = i
    if first is None or not any(t.tag.startswith("n") for t in tokens[first:]):
        return None  # `創新的便利措施`: an adjective, not an owner
    return window + tokens[first].start


def _ordinance_term(text: str, name: str) -> bool:
    """`有限合伙基金` beside `《有限合伙基金條例》`: a legal form the ordinance names."""
    return bool(re.search(r"《[^《》]*" + re.escape(name) + r"[^《》]*條例》", text))


# ---------------------------------------------------------------------------------------
# English lower-case names set up by a verb

# `set up a one-stop support centre`, `implement a pilot scheme`, `The subsidy scheme for
# expanding fibre-based network to villages in remote areas will be completed`.
RE_EN_SET_UP = re.compile(
    r"\b(?:set(?:ting)? up|launch(?:ed|ing)?|implement(?:ed|ing)?|establish(?:ed|ing)?|introduc(?:e|ed|ing)|"
    r"roll(?:ed|ing)? out|introduce|run|hold|held|organis(?:e|ed|ing)|regularis(?:e|ed))\s+(?:a|an|the)\s+"
    r"(?P<name>(?:(?!(?:of|the|for|to|and|in|on|a|an)\s)[a-z][\w&-]*\s+){1,4}?(?:fund|scheme|programme|program|centre|center|platform|office|alliance|"
    r"initiative|hub|exercise|forum|festival|expo|summit|fair))\b"
)
RE_EN_THE_FOR = re.compile(
    r"(?:^|(?<=[.;]\s))The\s+(?P<name>(?:[a-z][\w&-]*\s+){1,3}(?:fund|scheme|programme|centre|platform)\s+for\s+"
    r"(?:[\w&-]+\s+){1,10}?[\w&-]+)\s+(?=(?:will|is|has|was|would|shall|can|have|are)\b)"
)
EN_GENERIC_MODIFIERS = words(
    "new relevant such other similar this that these existing same above said various related respective special "
    "funding"
)
# `Health@InnoHK`, `AIR@InnoHK`: a brand joined by `@`.
RE_EN_AT_NAME = re.compile(r"\b([A-Z][A-Za-z]*@[A-Z][A-Za-z]+)\b")


def _en_lowercase(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for regex in (RE_EN_SET_UP, RE_EN_THE_FOR):
        for m in regex.finditer(text):
            start, end = m.span("name")
            name = m.group("name")
            parts = name.split()
            if parts[0].lower() in EN_GENERIC_MODIFIERS or any(a < end and start < b for a, b in taken):
                continue
            head = next((w for w in reversed(parts) if w.lower() in EN_TYPES), parts[-1])
            found.append(Mention("measure", start, end, name, {"name": name, "type": EN_TYPES.get(head.lower(),
                                                                                                 "Initiative"),
                                                                "aliases": []}))
            taken.append((start, end))
    for m in RE_EN_AT_NAME.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            found.append(Mention("measure", m.start(), m.end(), m.group(1),
                                 {"name": m.group(1), "type": "Initiative", "aliases": []}))
    return found


# ---------------------------------------------------------------------------------------
# Quoted names, capitalised English names; the entry point

def _split_bilingual(name: str) -> tuple[str, list[str]]:
    """`生命健康創新科研中心 InnoLife Healthtech Hub` → the Chinese name, with the English as alias."""
    m = re.fullmatch(r"([\u4e00-\u9fff（）()]{3,})\s*([A-Z][\w&'-]*(?:\s+[\w&'-]+)*)", name)
    if m and measure_type(m.group(1)) and measure_type(m.group(2)):
        return m.group(1), [m.group(2)]
    return name, []


def find_measures(text: str, lang: str) -> list[Mention]:
    """Named measures in one block (the form for matching: Traditional, ASCII brackets)."""
    mentions: list[Mention] = []
    for m in RE_QUOTED.finditer(text):
        name = m.group(1).strip()
        kind = measure_type(name)
        if kind is None or RE_NOT_MEASURE.match(name) and kind not in ("Fund", "Scheme"):
            continue
        if RE_POSITIONING.search(name):
            continue
        aliases = [m.group(2)] if m.group(2) else []
        name, english = _split_bilingual(name)
        end = m.start(1) + len(name) if english else m.end(1)
        mentions.append(Mention("measure", m.start(1), end, name,
                                {"name": name, "type": kind, "aliases": aliases + english}))
    for m in RE_QUOTED_THEN_WORD.finditer(text):
        name = m.group(1).strip()
        if not any(x.start == m.start(1) for x in mentions) and not RE_NOT_MEASURE.match(name):
            kind = {"計劃": "Programme", "基金": "Fund", "平台": "Platform", "項目": "Initiative",
                    "研究": "Study"}[m.group(2)]
            mentions.append(Mention("measure", m.start(1), m.end(1), name, {"name": name, "type": kind, "aliases": []}))
    for m in RE_UNDER_QUOTED.finditer(text):
        name = m.group(1).strip()
        if not any(x.start <= m.start(1) < x.end for x in mentions) and not RE_NOT_MEASURE.match(name) \
                and not re.match(r"[一二兩三四五六七八九十]", name):  # `在「一國兩制」下`: a principle
            mentions.append(Mention("measure", m.start(1), m.end(1), name,
                                    {"name": name, "type": measure_type(name) or "Programme", "aliases": []}))
    for m in RE_TITLE_THEN_WORD.finditer(text):
        name = m.group(1).strip()
        if not RE_NOT_MEASURE.match(name):
            mentions.append(Mention("measure", m.start(1), m.end(1), name, {
                "name": name, "type": measure_type(m.group(2)) or "Initiative", "aliases": [name + m.group(2)]}))
    for m in RE_EN_QUOTED.finditer(text):
        name = m.group(1).strip()
        named_as = re.search(r"\b(?:initiative|programme|scheme|campaign|project)\s*$", text[max(0, m.start() - 12):m.start()])
        if m.group(2) or measure_type(name) or named_as:
            mentions.append(Mention("measure", m.start(1), m.start(1) + len(name), name,
                                    {"name": name, "type": measure_type(name) or EN_TYPES.get((m.group(2) or "").lower(),
                                                                                               "Initiative"),
                                     "aliases": []}))
    if lang != "en":
        from .clauses import quoted_without_head

        quoted = [(q.start(1), q.end(1)) for q in re.finditer(r"「([^「」]{2,40})」", text)]
        accepted = [(m.start, m.end) for m in mentions]
        mentions += [m for m in quoted_without_head(text, quoted, accepted)
                     if not any(x.start <= m.start < x.end for x in mentions)]
    # Quoted spans (with their brackets) are never part of an unquoted name.
    taken = [(m.start - 1, m.end + 1) for m in mentions]
    taken += [(q.start(), q.end()) for q in re.finditer(r"「[^「」]*」|《[^《》]*》", text)]
    from .clauses import enumerated_measures, relief_measures

    for relief in relief_measures(text, lang):
        if not any(a < relief.end and relief.start < b for a, b in taken):
            mentions.append(relief)
            taken.append((relief.start, relief.end))
    if lang != "en":
        mentions += _zh_unquoted(text, taken)
        mentions += enumerated_measures(text, taken)
    else:
        mentions += _en_lowercase(text, taken)
    short_forms: list[tuple[int, int]] = []
    for m in RE_EN_NAME.finditer(text):
        if any(a <= m.start(1) < b for a, b in short_forms):
            continue  # `(DT Hub)`: the short form of the name before it
        parts = m.group(1).split()
        while parts and (parts[0] in EN_SKIP_FIRST or (parts[0].isalpha() and parts[0].islower())):
            parts.pop(0)
        if len(parts) < 2:
            continue
        name = RE_EN_PART_OF.sub("", " ".join(parts))
        if len(name.split()) < 2 or any(a <= m.start(1) < b for a, b in taken):
            continue
        start = m.start(1) + m.group(1).index(name.split()[0])
        # `Re- industrialisation and …`: a word broken at a line-end hyphen is one word.
        joined = re.search(r"\b([A-Z][a-z]*)-\s+[a-z][\w-]*(?:\s+(?:and|of|for|&)\s+)?$", text[max(0, start - 40):start])
        if joined:
            start = max(0, start - 40) + joined.start(1)
        name = re.sub(r"(?<=[A-Za-z])-\s+(?=[a-z])", "-", text[start:m.end(1)])
        # `Data Technology Hub (DT Hub)`, `Innovation and Technology Fund (ITF)`, `… Park (the Park)`.
        short = RE_EN_SHORT_FORM.match(text, m.end(1))
        if short:
            short_forms.append(short.span(1))
        mentions.append(Mention("measure", start, m.end(1), text[start:m.end(1)],
                                {"name": name, "type": EN_TYPES.get(m.group(2).lower(), "Initiative"),
                                 "aliases": [short.group(1)] if short else []}))
    return sorted(mentions, key=lambda x: x.start)


# ---------------------------------------------------------------------------------------
# Table rows, headings and target rows

# Verbs and status words around a measure in the first cell of an annex table row
# (`繼續推進…的發展`, `編製部門數據目錄`, `…投入運作`).
RE_LEADING_VERB = re.compile(
    r"^(?:繼續|持續|進一步|全面|分階段|逐步)?(?:推進|推動|推出|探討|研究|編製|舉辦|興建|設立|成立|採用|發展|建設|籌備|優化|"
    r"擴大|加強|提升|制訂|制定|落實|展開|開展|設置|開設|引入|實施|launch|set up|develop|implement)\s*"
)
RE_TRAILING_STATUS = re.compile(r"(?:投入運作|的發展|的工作|的運作|的建設|工作)$")
RE_FOR_DO = re.compile(r"^為.{2,20}?作")
RE_PURPOSE = re.compile(r"(?:以|以便|藉此|從而|，).*$")
# Tax bands, money and counts in a first cell are values, not measures (`200,001 元至 300,000 元`).
RE_VALUE_CELL = re.compile(r"[\d$%]|^[(（]\s*[一二三四五六七八九十]+\s*[)）]|^\W*$")


# First cells of English tables that are headers, totals, group labels or continued lines.
RE_EN_CELL_NOT_MEASURE = re.compile(r"^(?:(?i:(?:sub-?)?total\b|proposal$|items?$|(?:expenditure|revenue) measures$)|"
                                    r"\([A-Z]\)\s|[a-z])")
# A proposal that opens with its verb: the measure is the name after it (`Establish a Geospatial Lab`).
RE_EN_PROPOSAL = re.compile(
    r"^(?:[-–•]\s*)?(?:Establish|Develop|Implement|Introduce|Launch|Host|Enhance|Set up|Create|Build|Run|Regularise)\s+"
    r"(?:(?:an?|the)\s+)?(?:(?:first|new|integrated|additional|enhanced)\s+)?"
    r"(?P<name>.+?)(?=\s+(?:in|to|for|under|with|by|and|at)\s|\s*[,;(]|$)")


def _en_table_measure(cell: str, start: int) -> Mention | None:
    """The measure of an English table row's first cell: the name after the proposal's verb when
    it ends in a measure word, or a short cell without a verb (`Cash payout scheme`)."""
    if RE_EN_CELL_NOT_MEASURE.match(cell.strip()):
        return None
    proposal = RE_EN_PROPOSAL.match(cell.strip())
    if proposal:
        name = proposal.group("name")
        if not any(word.lower() in EN_TYPES for word in name.split()):
            return None
    else:
        name = cell.strip()
        if len(name.split()) > 5 or re.search(r"[\d$%]", name) or not measure_type(name):
            return None
    offset = cell.find(name)
    return Mention("measure", start + offset, start + offset + len(name), name,
                   {"name": name, "type": measure_type(name) or "Initiative", "aliases": []})


def table_measure(cell: str, start: int = 0, lang: str = "zh") -> Mention | None:
    """The measure named in the first cell of an annex table row, or ``None``.

    >>> table_measure("編製部門數據目錄").value["name"]
    '部門數據目錄'
    >>> table_measure("數碼港人工智能超算中心投入運作").value["name"]
    '數碼港人工智能超算中心'
    >>> table_measure("200,001 元至 300,000 元") is None
    True
    """
    if lang == "en":
        return _en_table_measure(cell, start)
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
    if len(name) < 3 or len(name) > 30 or re.search(r"[。；]", name) or RE_VALUE_CELL.search(name):
        return None
    if RE_DETERMINER.match(name):
        return None
    offset = cell.find(name)
    return Mention("measure", start + offset, start + offset + len(name), name,
                   {"name": name, "type": measure_type(name) or "Initiative", "aliases": []})


# An evaluation opening a heading's name (`有效的…`, `合適的…`).
RE_EVALUATED = re.compile(r"^(?:有效|合適|清晰|完善|全新|嶄新|更好|穩健)的")


def heading_measure(text: str, lang: str) -> Mention | None:
    """A heading that is the name of a measure (`前沿科技研究支援計劃`, `港深創新及科技園`,
    `生命健康創新科研中心 InnoLife Healthtech Hub`), or ``None``.

    >>> heading_measure("前沿科技研究支援計劃", "zh").value["type"]
    'Scheme'
    >>> heading_measure("國際金融中心", "zh") is None, heading_measure("開展國際法律人才培訓", "zh") is None
    (True, True)
    """
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    verb = re.match("(?:" + "|".join(SET_UP_VERBS) + ")", stripped)
    if verb:  # `設立生命健康研發院`
        stripped, lead = stripped[verb.end():], lead + verb.end()
    name, aliases = _split_bilingual(stripped)
    evaluated = RE_EVALUATED.match(name)
    if evaluated:  # `有效的許可證數目檢討機制`: the evaluation is no part of the name
        aliases, name, lead = [*aliases, name], name[evaluated.end():], lead + evaluated.end()
    if lang == "en" or not re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z ]{4,30}", name):
        return None
    head = RE_ZH_HEAD.search(name)
    if head is None or head.end() != len(name) or not _acceptable(name, head.group(), short_ok=True):
        return None
    if (head.group() in WEAK_HEADING_HEADS and not aliases) or any(name.startswith(v) for v in LEAD_VERBS):
        return None
    return Mention("measure", lead, lead + len(name), name,
                   {"name": name, "type": measure_type(name) or "Initiative", "aliases": aliases, "form": "phrase"})


# A target row: `…由 2021 年的 220 億次增加至 2025 年的 580 億次`.
RE_KPI = re.compile(r"由\s*(?:約\s*)?\d{4}\s*年.{0,20}?(?:增加|增|提升|上升|擴大|減少|降低|縮短)至")
RE_KPI_SUBJECT = re.compile(r"^(?:把|將|在|透過|通過)?([\u4e00-\u9fff]{2,12}?)(?:的|內|下|之)")


def kpi_measure(text: str) -> Mention | None:
    """The subject of a target row that names no quoted measure (`開放數據的年度用量由…增加至…`).

    >>> kpi_measure("開放數據的年度用量由 2021 年的 220 億次增加至 2025 年的 580 億次。").value["name"]
    '開放數據'
    """
    if "「" in text or not RE_KPI.search(text):
        return None
    m = RE_KPI_SUBJECT.match(text)
    if m is None or RE_DETERMINER.match(m.group(1)) or re.search(r"[年月日]", m.group(1)):
        return None
    name = m.group(1)
    return Mention("measure", m.start(1), m.end(1), name,
                   {"name": name, "type": measure_type(name) or "Initiative", "aliases": []})
