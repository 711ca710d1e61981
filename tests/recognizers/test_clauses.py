"""Measures said in clauses and lists: relief, list items led by a name, enumerations, quoted
names without a head word, and what links to which measure in a sentence naming several.

Every rule is tried on sentences of at least two papers, and on sentences where it must not fire."""

from __future__ import annotations

import pytest

from extractor.normalize import for_matching
from extractor.recognizers.clauses import RE_RELIEF_EN, enumerated_measures, item_lead_measure, relief_measures
from extractor.recognizers.measures import find_measures


def names(text: str, lang: str = "zh") -> list[str]:
    return [m.value["name"] for m in find_measures(for_matching(text), lang)]


@pytest.mark.parametrize("text, lang, expected, aliases", [
    # zh-2023-24-budget-speech p40, p43, p44, p179, p181
    ("寬減二零二二／二三課稅年度百分之百的利得稅，上限為六千元，全港十三萬四千家企業受惠。", "zh",
     "寬減二零二二/二三課税年度百分之百的利得税", ["寬減利得税"]),
    ("寬減二零二三／二四年度首兩季的非住宅物業差餉，以每戶每季一千元為上限。", "zh",
     "寬減二零二三/二四年度首兩季的非住宅物業差餉", ["寬減非住宅物業差餉", "寬減差餉"]),
    ("為參加二零二四年香港中學文憑考試的學校考生代繳考試費，開支一億五千一百萬元；及", "zh", "代繳考試費", []),
    ("我建議由二零二三／二四課稅年度起，增加子女基本免稅額及子女出生課稅年度的額外免稅額，由現時的十二萬元增至十三萬元", "zh",
     "增加子女基本免税額及子女出生課税年度的額外免税額", ["增加額外免税額", "增加免税額"]),
    ("水務署會豁免在該計劃下每個獨立水錶的水費按金，亦會豁免提供水錶的費用。", "zh",
     "豁免在該計劃下每個獨立水錶的水費按金", ["豁免水費按金", "豁免按金"]),
    ("為每個合資格電力住宅用戶戶口提供一千元的電費補貼，涉及約二十九億元。", "zh", "一千元的電費補貼", ["電費補貼"]),
    # zh-2024-25-budget-speech p72, zh-2022-pa-full p46
    ("寬減二零二三／二四課稅年度百分之百的利得稅，上限為三千元", "zh", "寬減二零二三/二四課税年度百分之百的利得税", ["寬減利得税"]),
    ("寬減現時適用於政府處所合資格租戶、地政總署轄下合資格短期租約及豁免書的 75% 租金和費用，為期六個月", "zh",
     "寬減現時適用於政府處所合資格租户、地政總署轄下合資格短期租約及豁免書的 75% 租金和費用", ["寬減 75% 租金和費用", "寬減費用"]),
    # en-2020-21-budget-highlights (table rows), en-2021-22-budget-speech p56 (items)
    ("Waive rates for four quarters of 2020-21", "en", "waive rates", []),
    ("Reduce salaries tax and tax under personal assessment for the year of assessment 2019/20 by 100%", "en",
     "reduce salaries tax and tax under personal assessment", []),
    ("Provide electricity charge subsidy to non-residential electricity accounts", "en",
     "provide electricity charge subsidy", ["electricity charge subsidy"]),
    ("(a)reducing profits tax for the year of assessment 2020/21 by 100 per cent, subject to a ceiling of $10,000.", "en",
     "reducing profits tax", []),
    ("(c)waiving the business registration fees for 2021-22. This will benefit 1.5 million business operators", "en",
     "waiving the business registration fees", []),
])
def test_relief_is_the_verb_and_its_object(text: str, lang: str, expected: str, aliases: list[str]) -> None:
    found = relief_measures(for_matching(text), lang)
    assert found[0].value["name"] == expected and found[0].value["type"] == "Relief"
    assert found[0].value["aliases"] == aliases


@pytest.mark.parametrize("text, lang", [
    ("除了繼續豁免這些私營安老院所涉的樓面面積地價外", "zh"),  # zh-2023-24 p180: an exemption continued, no object named
    ("為市民每月超出二百元的實際公共交通開支提供三分之一的補貼，以每月五百元為上限", "zh"),  # a share, not a measure
    ("政府會提供津貼", "zh"),
    ("Provide funding support for the Hospital Authority for enhancing staff retention", "en"),  # no relief noun
    ("The Government will waive rates for four quarters", "en"),  # inside a sentence: a name is found otherwise
])
def test_relief_not_found(text: str, lang: str) -> None:
    assert relief_measures(for_matching(text), lang) == []


INTRO_MEASURES = "我們會落實下列措施，大幅壓縮造地所需時間："
INTRO_AIMS = "交椅洲人工島將有三大規劃目標："


@pytest.mark.parametrize("text, intro, expected, aliases", [
    # zh-2022-pa-full p64, p71, p76
    ("精簡法定程序 —— 簡化規劃、環境影響評估（環評）、收地、基建各項程序", INTRO_MEASURES, "精簡法定程序", []),
    ("推出全新「簡約公屋」 —— 政府會利用短期內未有發展計劃的政府和私人土地", "措施包括：", "簡約公屋", ["推出全新「簡約公屋」"]),
    ("使用「組裝合成」提速 —— 建議房委會規定所有…", "措施包括：", "使用「組裝合成」提速", ["組裝合成"]),
    ("「中鐵線」 —— 興建第 12 條鐵路線，由元朗錦田途經葵涌連接九龍塘", "六項重點運輸基建項目包括：", "中鐵線", []),
    # zh-2024-pa-full p21, p38
    ("「發展低空經濟工作組」——由財政司副司長領導", "政府會成立以下工作組：", "發展低空經濟工作組", []),
    ("優化「新資本投資者入境計劃」——把住宅物業納入", "我們會推出以下措施：", "新資本投資者入境計劃", ["優化「新資本投資者入境計劃」"]),
])
def test_item_led_by_its_measure(text: str, intro: str, expected: str, aliases: list[str]) -> None:
    found = item_lead_measure(text, intro)
    assert found is not None and found.value["name"] == expected and found.value["aliases"] == aliases
    assert text[found.start:found.end] == expected


@pytest.mark.parametrize("text, intro", [
    ("繁榮多元 —— 創建第三個核心商業區", INTRO_AIMS),  # zh-2022-pa-full p74: aims, not measures
    ("綠色宜居 —— 參考《香港 2030+》的建議", INTRO_AIMS),
    ("推出全新「簡約公屋」，未來五年興建約 30 000 個單位；", "我決定採取以下重點策略和目標："),  # no dash
    ("總數 —— 2 063 000", None),  # zh-2024-25-budget-speech p249: a figure
])
def test_item_lead_not_a_measure(text: str, intro: str | None) -> None:
    assert item_lead_measure(text, intro) is None


@pytest.mark.parametrize("text, expected", [
    # zh-2022-pa-full p77, p78
    ("同時，我們會加快推展多個規劃中的道路基建項目，包括十一號幹線、青衣至大嶼山連接路、屯門繞道、獅子山隧道改善工程等。",
     ["十一號幹線", "青衣至大嶼山連接路", "屯門繞道", "獅子山隧道改善工程"]),
    ("其他地區的鐵路項目亦進展順利，東涌線延線、小蠔灣站和屯門南延線會在明年動工。", ["東涌線延線", "小蠔灣站", "屯門南延線"]),
    # zh-2023-24-budget-speech p43, p176
    ("發放金額相當於半個月的綜合社會保障援助（綜援）標準金額、高齡津貼、長者生活津貼或傷殘津貼", ["高齡津貼", "長者生活津貼", "傷殘津貼"]),
    ("並於今年第四季擴展全數二百多間長者地區中心和長者鄰舍中心的服務範圍", ["長者地區中心", "長者鄰舍中心"]),
])
def test_enumerated_named_things(text: str, expected: list[str]) -> None:
    assert [text[m.start:m.end] for m in enumerated_measures(for_matching(text), [])] == expected


@pytest.mark.parametrize("text", [
    "政府會與大學、研究機構及業界合作",  # no measure heads
    "我們會加強與內地及海外的聯繫",
    "其他中心和相關服務",  # determiner
])
def test_not_an_enumeration_of_measures(text: str) -> None:
    assert enumerated_measures(for_matching(text), []) == []


@pytest.mark.parametrize("text, expected", [
    # zh-2022-pa-full p63, p65, p113
    ("推出全新「簡約公屋」，未來五年興建約 30 000 個單位；", ["簡約公屋"]),
    ("房屋局局長會主持專責小組，為新公營房屋項目制訂「幸福設計」指引。", ["幸福設計"]),
    ("我們會持續推進各項「智慧出行」措施，結合交通運輸和先進科技，包括完善「交通數據分析系統」", ["智慧出行", "交通數據分析系統"]),
    ("亦會透過提供「居者有其屋計劃」、「綠表置居計劃」和「港人首次置業」（「首置」）等資助出售房屋",
     ["居者有其屋計劃", "綠表置居計劃", "港人首次置業"]),
    # zh-2023-24-budget-speech p28, p32, p34
    ("此外，今年是「一帶一路」倡議十周年，政府會繼續與貿發局合辦年度高峯論壇", ["一帶一路", "年度高峯論壇"]),
    ("「你好，香港」（Hello Hong Kong）", ["你好，香港"]),
    ("我們即將啓動以市民為對象的「開心香港」（Happy Hong Kong）活動", ["開心香港"]),
    # zh-2026-legco-cb3-634-01-uber-submission annex1
    ("日後平台將無法採用已在多數規管網約車地區所採用最高效及安全的平台購買「統括保險」模式。", ["統括保險"]),
])
def test_quoted_names_without_a_head_word(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "香港在「一國兩制」下優勢獨特",  # a principle
    "我會落實「基建先行，創造容量」的競選政綱",  # a platform's slogan
    "重塑區議會，落實「愛國者治港」原則體系建設",  # zh-2024-pa-full p6: a principle
    "要解決不適切居所，例如「劏房」問題",
    "「推動數字經濟發展，建設智慧香港」",  # zh-2024-pa-itib: a chapter title in quotes
    "我們要「請客來」，也要「走出去」。",
])
def test_quoted_words_that_are_not_measures(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize("text, expected", [
    # zh-2023-24-budget-speech p178, p30; zh-2022-pa-full p77
    ("由今年十月起，政府會把兩項低收入照顧者生活津貼恆常化，並增加每月津貼金額", ["低收入照顧者生活津貼"]),
    ("金管局下月會聯同巴塞爾銀行監管委員會在港舉辦銀行監管國際會議，並正與國際清算銀行商討於下半年在港舉辦中央銀行行長會議。",
     ["銀行監管國際會議", "中央銀行行長會議"]),
    ("至於在去年十一月首辦的國際金融領袖投資峯會，今年會再度舉辦", ["國際金融領袖投資峯會"]),
    ("北環線古洞站將於 2027 年啟用，洪水橋站及北環線主線亦會在本屆政府任期內動工。", ["北環線古洞站", "洪水橋站", "北環線主線"]),
    # zh-2026-legco-cb3-634-01-uber-submission annex1
    ("是次附屬法例建議標誌着香港在建立清晰的網約車規管框架方面邁出重要一步。", ["網約車規管框架"]),
])
def test_measure_heads_of_other_genres(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_values_belong_to_the_measure_of_their_clause(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """zh-2023-24-budget-speech p30: two meetings in one sentence, each with its own date and units;
    p27: an amount said before a list of events belongs to every event listed."""
    from datetime import date

    from extractor.extract import extract
    from extractor.parse import parse_paper

    paper = tmp_path / "t.txt"
    paper.write_text(
        "1. 香港金融管理局下月會聯同巴塞爾銀行監管委員會在港舉辦銀行監管國際會議，並正與國際清算銀行商討於下半年在港舉辦中央銀行行長會議。\n"
        "2. 香港旅遊發展局亦將動用超過二億五千萬元繼續舉辦大型旅遊盛事，包括「香港美酒佳餚巡禮」、「香港單車節」。\n",
        encoding="utf-8")
    measures = {m["name"]: m for m in extract(parse_paper(paper, date(2023, 2, 22)))["measures"]}
    assert measures["銀行監管國際會議"]["dates"] == [{"start": "2023-03-01", "end": "2023-03-31"}]
    assert measures["中央銀行行長會議"]["dates"] == [{"start": "2023-07-01", "end": "2023-12-31"}]
    assert "國際清算銀行" not in measures["銀行監管國際會議"]["responsible"]
    assert "香港金融管理局" in measures["中央銀行行長會議"]["responsible"]
    for event in ("香港美酒佳餚巡禮", "香港單車節"):
        assert measures[event]["amounts"] == ["250000000"], event


@pytest.mark.parametrize("cell, expected", [
    # en-2020-21-budget-highlights, the table of proposals (the corpus's English table)
    ("Establish a Geospatial Lab", "Geospatial Lab"),
    ("Develop an integrated Capital Works Platform", "Capital Works Platform"),
    ("Host the first International Summit on Project Governance in Hong Kong", "International Summit on Project Governance"),
    ("Cash payout scheme", "Cash payout scheme"),
    ("Proposal", None),
    ("Sub-total for Expenditure Measures", None),
    ("Total for One-off Relief /", None),
    ("of Helping Measures", None),
    ("(C) Budget Measures with Long-term Effects", None),
    ("Provide soft meals for elderly persons with swallowing problem", None),
])
def test_english_table_row_measure(cell: str, expected: str | None) -> None:
    from extractor.recognizers.measures import table_measure

    found = table_measure(cell, 0, "en")
    assert (found.value["name"] if found else None) == expected
    if found:
        assert cell[found.start:found.end] == expected


@pytest.mark.parametrize("text, expected", [
    # en-2021-22-budget-speech p56 and en-2020-21-budget-highlights p61: allowances and subsidies are schemes
    ("equal to one half of a month of the standard rate Comprehensive Social Security Assistance (CSSA) payments, "
     "Old Age Allowance, Old Age Living Allowance or Disability Allowance", ["Old Age Allowance", "Old Age Living Allowance",
                                                                            "Disability Allowance"]),
    ("apply similar arrangements to recipients of Individual-based Work Incentive Transport Subsidy (I-WITS)",
     ["Individual-based Work Incentive Transport Subsidy"]),
    # a company named after its festival is no measure
    ("9 major performing arts groups, the Hong Kong Arts Festival Limited, the Hong Kong Arts Development Council", []),
    ("Implement the initiative “Vision 2030 for Rule of Law”", ["Vision 2030 for Rule of Law"]),
])
def test_english_names_of_other_genres(text: str, expected: list[str]) -> None:
    assert names(text, "en") == expected


#: The English relief pattern before its object's words were taken whole (possessive): the reference
#: the faster one must agree with.
BACKTRACKING_RELIEF_EN = RE_RELIEF_EN.pattern.replace(r"[\w’'%/-]++\s*?", r"[\w’'%/-]+\s*?")


@pytest.mark.parametrize("name", ["en-2021-22-budget-speech.txt", "en-2024-pa-p78.txt"])
def test_relief_pattern_finds_what_the_backtracking_one_found(name: str) -> None:
    import re

    from conftest import parsed

    old = re.compile(BACKTRACKING_RELIEF_EN, RE_RELIEF_EN.flags)
    assert old.pattern != RE_RELIEF_EN.pattern
    texts = [block.text for block in parsed(name).blocks]
    texts += ["Waive rates for four quarters of 2020-21", "(a)reducing profits tax for 2019/20 by 100%, subject to a cap"]
    spans = [[(m.span(), m.groupdict()) for m in pattern.finditer(text)] for pattern in (old, RE_RELIEF_EN)
             for text in texts]
    assert spans[:len(texts)] == spans[len(texts):]
    assert any(spans[:len(texts)])
