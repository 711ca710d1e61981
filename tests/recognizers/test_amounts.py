"""Money mentions in both languages: values, ranges, currencies, qualifiers and non-money."""

from __future__ import annotations

import pytest

from extractor.recognizers.amounts import capped_blocks, find_amounts
from extractor.types import Block


def H(value: str, qualifier: str = "exact", currency: str = "HKD") -> dict[str, str]:
    return {"currency": currency, "value": value, "qualifier": qualifier}


def R(low: str, high: str, qualifier: str = "exact", currency: str = "HKD") -> dict[str, str]:
    return {"currency": currency, "min": low, "max": high, "qualifier": qualifier}


# fmt: off
CASES = [
    # --- gold: zh-2024-pa-itib --------------------------------------------------------
    ("zh", "包括設立 100 億元「創科產業引導基金」，透過成立母基金", [H("10000000000")]),
    ("zh", "我們會優化「創科創投基金」，調撥 15 億元與業界配對成立聯合基金", [H("1500000000")]),
    ("zh", "負責成立不少於 6 億元（包括政府的注資）的香港有限合夥基金，為基金籌集不少於 4.5 億元的政府以外資金",
     [H("600000000", "at_least"), H("450000000", "at_least")]),
    ("zh", "每三元的資金將獲得政府出資一元，而政府對每個基金的出資介乎 1.5 億元到 2.5 億元。", [R("150000000", "250000000")]),
    ("zh", "政府將撥款 1.8 億元推出「創科加速器先導計劃」，以 1（政府）：2（機構）的配對比例，資助上限為 3,000 萬元，",
     [H("180000000"), H("30000000", "at_most")]),
    ("zh", "在 2024 年會就善用已預留的 30 億元提出具體建議", [H("3000000000")]),
    ("zh", "我們初步建議向每個獲批的申請提供一筆介乎 1 億至 3 億元的資助。", [R("100000000", "300000000")]),
    ("zh", "累計私人投資，由 2022 年的 17 億元增加至 2027 年的不少於 40 億元；及", [H("1700000000"), H("4000000000", "at_least")]),
    ("zh", "相關的累計私人投資配對金額，由約 3.4 億元增至不少於 13 億元；及", [H("340000000", "approx"), H("1300000000", "at_least")]),
    ("zh", "相應的企業直接投資不少於 200 億元。", [H("20000000000", "at_least")]),
    ("zh", "(c) 基金規模 – 不少於 6 億元（即基金經理負責籌集不少於 4.5 億元的政府以外資金）。",
     [H("600000000", "at_least"), H("450000000", "at_least")]),
    ("zh", "以每三元的資金將獲得政府出資一元，而政府對每個基金的出資由 1.5 億元到 2.5 億元。", [R("150000000", "250000000")]),
    ("zh", "在收到獲選通知後須於 12 個月內成功募集不少於 4.5 億元的政府以外資金。", [H("450000000", "at_least")]),
    # --- gold: zh-2024-pa-p78 (web text, ASCII punctuation) ---------------------------
    ("zh", "政府會推出新一輪15億元的「創科創投基金」配對投資", [H("1500000000")]),
    ("zh", "設立100億元「創科產業引導基金」,並調撥15億元", [H("10000000000"), H("1500000000")]),
    ("zh", "並撥款1.8億元以1(政府):2(機構)的配對比例,資助上限為3,000萬元,", [H("180000000"), H("30000000", "at_most")]),
    # --- gold: zh-2024-25-budget-speech (Chinese numerals) ----------------------------
    ("zh", "我們將於今年內推出一百億元的「新型工業加速計劃」", [H("10000000000")]),
    ("zh", "以 1（政府）：2（公司）的配對形式提供每家企業最多兩億元的資助。申請企業亦須在港投資不少於兩億元。",
     [H("200000000", "at_most"), H("200000000", "at_least")]),
    ("zh", "預計加速計劃將吸引五十至一百家從事相關產業領域的企業，在香港投資不少於二百億元。", [H("20000000000", "at_least")]),
    ("zh", "我們會從過去預留的一百億元當中，撥出二十億元支持，另外亦會撥款兩億元，",
     [H("10000000000"), H("2000000000"), H("200000000")]),
    ("zh", "自成立以來共投資近四億元，涉及三十一家初創企業，吸引了約一百二十六億元的私人資金。",
     [H("400000000", "approx"), H("12600000000", "approx")]),
    ("zh", "為此我會從過去預留的款額撥出三十億元。", [H("3000000000")]),
    ("zh", "每年向八所資助大學的技術轉移處，各提供不超過一千六百萬元資助。", [H("16000000", "at_most")]),
    # --- brief and spec examples -----------------------------------------------------
    ("zh", "總開支為1億8,300萬元。", [H("183000000")]),
    ("zh", "預留八百八十億元", [H("88000000000")]),
    ("zh", "注資港幣 5 億元", [H("500000000")]),
    ("zh", "注資 5 億港元", [H("500000000")]),
    ("zh", "人民幣 10 億元的資金", [H("1000000000", currency="CNY")]),
    ("zh", "超過一萬億元人民幣的離岸存款", [H("1000000000000", "at_least", "CNY")]),
    ("zh", "總額達 10 億美元", [H("1000000000", currency="USD")]),
    ("zh", "1.5 億至 2.5 億元", [R("150000000", "250000000")]),
    ("zh", "資助額為 1.5 至 2.5 億元", [R("150000000", "250000000")]),
    ("zh", "管理資產超過三十萬億港元", [H("30000000000000", "at_least")]),
    ("zh", "市值 5 兆元", [H("5000000000000")]),
    ("zh", "出資上限為 500 萬元", [H("5000000", "at_most")]),
    ("zh", "限額為 200 萬元", [H("2000000", "at_most")]),
    ("zh", "收入衝破 1,000 億元", [H("100000000000", "at_least")]),
    ("zh", "約 100 億元左右", [H("10000000000", "approx")]),
    ("zh", "投資二千七百萬元或以上於合資格資產", [H("27000000", "at_least")]),
    ("zh", "合共三千多萬元", [H("30000000", "at_least")]),
    ("zh", "向年度總收入七億五千萬歐元或以上的大型跨國企業集團", [H("750000000", "at_least", "EUR")]),
    ("zh", "每年發債約九百五十億至一千三百五十億元", [R("95000000000", "135000000000", "approx")]),
    ("zh", "以 HK$100 億元計", [H("10000000000")]),
    # --- gold: en-2024-pa-p78 ---------------------------------------------------------
    ("en", "a new round of matching investment totalling $1.5 billion", [H("1500000000")]),
    ("en", "set up the $10 billion I&T Industry-Oriented Fund and redeploy $1.5 billion", [H("10000000000"), H("1500000000")]),
    ("en", "with a funding allocation of $180 million, up to a subsidy ceiling of $30 million",
     [H("180000000"), H("30000000", "at_most")]),
    # --- gold: en-2021-22-budget-speech -----------------------------------------------
    ("en", "the Government allocated over $100 billion to support the development of I&T.", [H("100000000000", "at_least")]),
    ("en", "I will set aside over $200 million to extend the programme. Funding of up to $400,000 will be provided",
     [H("200000000", "at_least"), H("400000", "at_most")]),
    ("en", "Last year, I earmarked $40 million to implement a pilot scheme", [H("40000000")]),
    ("en", "The scheme will involve an expenditure of about $2 billion, which will be borne", [H("2000000000", "approx")]),
    ("en", "A provision of about $32.5 billion has been approved. It is expected to reach $5.5 billion per annum.",
     [H("32500000000", "approx"), H("5500000000")]),
    ("en", "is expected to reach $52 billion per annum", [H("52000000000")]),
    ("en", "have approved over RMB 340 million for universities", [H("340000000", "at_least", "CNY")]),
    ("en", "I will inject $4,750 million per year to the ITF two years in a row", [H("4750000000")]),
    ("en", "increased from $1.24 billion in 2014 to $9.9 billion in 2019", [H("1240000000"), H("9900000000")]),
    ("en", "have attracted over $41 billion of investment", [H("41000000000", "at_least")]),
    ("en", "has invested more than $100 million in 19 local start-ups, attracting more than $500 million private investment.",
     [H("100000000", "at_least"), H("500000000", "at_least")]),
    ("en", "has invested over $100 million in 13 technology enterprises, attracting about $1,350 million private investment.",
     [H("100000000", "at_least"), H("1350000000", "approx")]),
    ("en", "also invested more than $120 million in 16 companies, attracting over $860 million private investment.",
     [H("120000000", "at_least"), H("860000000", "at_least")]),
    ("en", "will inject $350 million and $200 million into the two Funds respectively", [H("350000000"), H("200000000")]),
    ("en", "has provided funding of about $120 million to 139 start-ups", [H("120000000", "approx")]),
    ("en", "capital injection from investors with a total amount of some $530 million.", [H("530000000", "approx")]),
    # --- English forms from the brief -------------------------------------------------
    ("en", "a HK$1.8 billion fund", [H("1800000000")]),
    ("en", "each fund will receive $150 million to $250 million", [R("150000000", "250000000")]),
    ("en", "grants of between $1 million and $3 million", [R("1000000", "3000000")]),
    ("en", "projects worth $150 to $250 million", [R("150000000", "250000000")]),
    ("en", "the HK$500,000 cap", [H("500000")]),
    ("en", "a US$1 billion bond", [H("1000000000", currency="USD")]),
    ("en", "RMB 1 billion of bonds", [H("1000000000", currency="CNY")]),
    ("en", "a market capitalisation of over $11 trillion", [H("11000000000000", "at_least")]),
    ("en", "the issuance will be capped at $12 million", [H("12000000", "at_most")]),
    ("en", "subject to a cap of $8 million per REIT", [H("8000000", "at_most")]),
    ("en", "not exceeding $2 million", [H("2000000", "at_most")]),
    ("en", "a maximum of $5 million per project", [H("5000000", "at_most")]),
    ("en", "no less than $24 billion of Silver Bond", [H("24000000000", "at_least")]),
    ("en", "nearly $300 billion for supporting measures", [H("300000000000", "approx")]),
    ("en", "revenue exceeded $1 billion", [H("1000000000", "at_least")]),
    ("en", "grants of $5 million or more", [H("5000000", "at_least")]),
    ("en", "raise the loan ceiling from $5 million to $6 million", [H("5000000", "at_most"), H("6000000", "at_most")]),
    ("en", "deficits will range from $22.4 billion to $40.7 billion", [R("22400000000", "40700000000")]),
    ("en", "a grant of five million dollars", [H("5000000")]),
    # --- Decided cases: 超出 at_least, 以…為上限 at_most (zh-2022-pa-full, zh-2023-24 and zh-2024-25 budgets) --
    ("zh", "政府會繼續為市民每月超出 200 元的公共交通開支提供三分之一的補貼，以 500 元為上限。",
     [H("200", "at_least"), H("500", "at_most")]),
    ("zh", "為市民每月超出二百元的實際公共交通開支提供三分之一的補貼，以每月五百元為上限，",
     [H("200", "at_least"), H("500", "at_most")]),
    ("zh", "寬減二零二三／二四年度首兩季的非住宅物業差餉，以每戶每季一千元為上限。", [H("1000", "at_most")]),
    ("zh", "寬減二零二四／二五年度首季的住宅物業差餉，以每戶一千元為上限。", [H("1000", "at_most")]),
    ("zh", "二零二三／二四年度的建議差餉寬減上限為首兩季每戶每季 1,000 元。", [H("1000", "at_most")]),
    ("zh", "寬減 100%，每宗個案以 6,000 元為上限", [H("6000", "at_most")]),
    ("en", "Reduce profits tax for the year of assessment 2019/20 by 100%, subject to a ceiling of $20,000",
     [H("20000", "at_most")]),
    # --- a cap that changes: both the old and the new value are caps (gold: en-2020-21 p73) -----
    ("zh", "每間企業累計資助上限由 600萬元增至 700萬元；", [H("6000000", "at_most"), H("7000000", "at_most")]),
    ("zh", "將資助金額上限由每間企業一百萬元增加至二百萬元，", [H("1000000", "at_most"), H("2000000", "at_most")]),
    ("en", "upward adjustment of statutory cap of retraining allowance from $4,000 to $5,800 per month per trainee",
     [H("4000", "at_most"), H("5800", "at_most")]),
    ("en", "raise the borrowing limit of the Government Bond Programme from $200 billion to $300 billion",
     [H("200000000000", "at_most"), H("300000000000", "at_most")]),
    # a cap that introduces a list bounds each value of it (en-2020-21-budget-highlights p56, as one table row)
    ("en", "Waive rates for four quarters of 2020-21 subject to a ceiling of – For each rateable domestic property "
           "$1,500 per quarter For each rateable non-domestic property $5,000 per quarter in the first two quarters "
           "and $1,500 per quarter in the remaining two quarters",
     [H("1500", "at_most"), H("5000", "at_most"), H("1500", "at_most")]),
    ("en", "subject to a ceiling of – $1,500 per quarter. The Government revenue will be reduced by $13.3 billion.",
     [H("1500", "at_most"), H("13300000000")]),
    # ... but a change of a plain value is two plain values (`由 $4,000 增至 $5,800`: two mentions)
    ("zh", "並把每月津貼額由 2,400 元增至 3,000 元。", [H("2400"), H("3000")]),
    ("zh", "相關的累計私人投資配對金額，由約 3.4 億元增至 13 億元；", [H("340000000", "approx"), H("1300000000")]),
]
NOTHING = [
    ("zh", "每三元的資金將獲得政府出資一元"),
    ("en", "the Government will provide one dollar for every three dollars raised"),
    ("en", "for every $3 raised, the Government will put in $1"),
    ("zh", "開放數據的年度用量由 2021 年的 220 億次增加至 2025 年的 580 億次。"),
    ("zh", "在 2024 年會就善用已預留的款項提出具體建議"),
    ("zh", "比例不少於 2% 的資金"),
    ("zh", "元朗區的三個單元推動多元化發展"),
    ("zh", "涉及數十億元的投資"),
    ("zh", "(百萬元) 修訂預算 預算"),
    ("zh", "吸引五十至一百家從事相關產業領域的企業"),
    ("zh", "整體開支將上升約百分之六點七"),
    ("en", "The unemployment rate rose to seven per cent in 2020."),
    ("en", "phase out about 40 000 Euro IV diesel commercial vehicles"),
    ("en", "over 3 700 R&D positions and 16 enterprises"),
]
# fmt: on


def _values(text: str, lang: str) -> list[dict[str, str]]:
    return [m.value for m in find_amounts(text, lang)]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_amounts(lang: str, text: str, expected: list[dict[str, str]]) -> None:
    assert _values(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), NOTHING)
def test_not_amounts(lang: str, text: str) -> None:
    assert _values(text, lang) == []


# fmt: off
@pytest.mark.parametrize(("lang", "text", "span"), [
    ("zh", "負責成立不少於 6 億元（包括政府的注資）", "不少於 6 億元"),
    ("zh", "出資介乎 1.5 億元到 2.5 億元。", "介乎 1.5 億元到 2.5 億元"),
    ("zh", "提供一筆介乎 1 億至 3 億元的資助", "介乎 1 億至 3 億元"),
    ("zh", "以 1（政府）：2（機構）的配對比例，資助上限為 3,000 萬元，", "上限為 3,000 萬元"),
    ("en", "Funding of up to $150 million will be provided", "up to $150 million"),
    ("en", "up to a subsidy ceiling of $30 million.", "up to a subsidy ceiling of $30 million"),
    ("en", "each receives $150 million to $250 million.", "$150 million to $250 million"),
])
# fmt: on
def test_span_takes_in_qualifier_and_range_words(lang: str, text: str, span: str) -> None:
    (mention,) = find_amounts(text, lang)
    assert mention.text == span == text[mention.start : mention.end]
    assert mention.kind == "amount"


def test_sorted_and_not_overlapping() -> None:
    text = "撥款 1.8 億元，資助上限為 3,000 萬元，並投資約一百二十六億元及 $5 billion。"
    mentions = find_amounts(text, "zh")
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    assert len(mentions) == 4


def _block(kind: str, where: str, text: str) -> Block:
    return Block(kind, where, text, tuple(range(len(text))), (1,))  # type: ignore[arg-type]


def test_a_cap_ending_a_block_bounds_the_values_of_the_next_blocks() -> None:
    """en-2020-21-budget-highlights p56: the table cell `subject to a ceiling of –` is a block of
    its own and its items follow in the next lines; zh-2023-24-budget-speech p223: `扣除項目上限：`
    ends a table line and a new section (a heading) ends the list before the next table."""
    blocks = [
        _block("paragraph", "p56", "Waive rates for four quarters of 2020-21"),
        _block("heading", "p56", "subject to a ceiling of –"),
        _block("heading", "p56", "For each rateable domestic property"),
        _block("paragraph", "p56", "$1,500 per quarter 13,300 2.93 million domestic properties liable to rates"),
        _block("paragraph", "p56", "$5,000 per quarter in the first two quarters 3,200 420 000 non-domestic"),
        _block("paragraph", "p57", "Waive the business registration fees for 2020-21 $2,000"),
        _block("paragraph", "p223", "年齡55至59歲基本 25,000 25,000 — —扣除項目上限："),
        _block("paragraph", "p223", "個人進修開支 100,000 100,000 — —"),
        _block("heading", "p223", "建議的一次性薪俸稅、個人入息課稅及利得稅寬減措施的影響"),
        _block("table_row", "p223", "200,000 元或以下\t181 000\t850 元\t100%"),
    ]
    assert capped_blocks(blocks) == [False, False, True, True, True, False, False, True, False, False]
    (cap,) = find_amounts(blocks[3].text, "en", capped=True)
    assert cap.value["qualifier"] == "at_most"
    assert find_amounts(blocks[3].text, "en")[0].value["qualifier"] == "exact"
