"""Quantities in both languages: units, counts with what they count, ranges, qualifiers, non-counts."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.recognizers.quantities import find_quantities


def Q(value: str, unit: str = "1", qualifier: str = "exact", of: str | None = None) -> dict[str, str]:
    """Expected quantity; ``of`` is checked only where given (it is best effort)."""
    out = {"value": value, "unit": unit, "qualifier": qualifier}
    if of is not None:
        out["of"] = of
    return out


def QR(low: str, high: str, unit: str = "1", qualifier: str = "exact", of: str | None = None) -> dict[str, str]:
    out = {"min": low, "max": high, "unit": unit, "qualifier": qualifier}
    if of is not None:
        out["of"] = of
    return out


# fmt: off
CASES = [
    # --- flats counted with 伙: zh-2024-pa-full p158, and as housing papers write it ----------
    ("zh", "總體公營房屋供應量將達 189 000 伙，較本屆政府上任時大幅增加", [Q("189000")]),
    ("zh", "預計可興建約 1 200 伙單位", [Q("1200", qualifier="approx", of="單位")]),
    # --- gold: zh-2024-pa-itib --------------------------------------------------------
    ("zh", "我們正籌備公開邀請專業的基金經理，投資於三個策略性產業的初創企業", [Q("3", of="策略性產業")]),
    ("zh", "InnoHK 現有的兩個平台（分別聚焦醫療科技以及人工智能及機械人科技）已匯聚本地和海內外約共 2 500 名科研人員。",
     [Q("2", of="平台"), Q("2500", qualifier="approx", of="科研人員")]),
    ("zh", "以配對形式支持八所大學教育資助委員會資助大學，瞄準國家於《十四五規劃》提出的七個前沿科技領域¹，",
     [Q("8", of="大學教育資助委員會資助大學"), Q("7", of="前沿科技領域")]),
    ("zh", "除了河套港深創科園 87 公頃用地外，新田一帶可提供合共約 210 公頃的新創科用地", [Q("87", "har"), Q("210", "har", "approx")]),
    ("zh", "其中自 2026-27 年起陸續推出約 20 公頃的用地", [Q("20", "har", "approx")]),
    ("zh", "政府於去年宣布將沙嶺兩公頃用地改作創科及相關用途。我們認為可利用連同周邊約八公頃可發展土地，即合共十公頃用地，",
     [Q("2", "har"), Q("8", "har", "approx"), Q("10", "har")]),
    ("zh", "市場意見整體樂見將該土地的總開發面積從兩公頃增加至約十公頃", [Q("2", "har"), Q("10", "har", "approx")]),
    ("zh", "並會於今年內推出約 20 項數字政府及智慧城市方案，", [Q("20", qualifier="approx", of="數字政府")]),
    ("zh", "包括深圳園區及 87 公頃的香港園區。", [Q("87", "har")]),
    ("zh", "河套香港園區由西至東分兩期發展。第一期總樓面面積會倍增至 100 萬平方米，", [Q("2", of="發展"), Q("1000000", "m2")]),
    ("zh", "第一期第一批次的首三座大樓將如期於今年年底起陸續落成，另外五座大樓亦會於未來五年陸續落成。",
     [Q("3", of="大樓"), Q("5", of="大樓")]),
    ("zh", "特區政府會按「產業導向」及「以人和企業為本」兩個方針與內地相關部委積極探索", [Q("2", of="方針")]),
    ("zh", "（按《香港創新科技發展藍圖》（《藍圖》）提出的四大發展方向分類）", [Q("4", of="發展方向")]),
    ("zh", "在 2024 年首先提供至少每秒浮點運算 300 千萬億次的算力，", [Q("300", "PFLOPS", "at_least")]),
    ("zh", "由 2025 年起，每年以風險為本選定八個政府電子系統作深入合規審計。", [Q("8")]),
    ("zh", "在 2024 至 2025 年內，推出數字政府及智慧城市 110 項 新方案，並在 2024 年底前推出當中約 20 項，",
     [Q("110"), Q("20", qualifier="approx")]),
    ("zh", "開放數據的年度用量由 2021 年的 220 億次增加至 2025 年的 580 億次。", [Q("22000000000"), Q("58000000000")]),
    ("zh", "首階段支持不少於 50 個 研究項目。", [Q("50", qualifier="at_least")]),
    ("zh", "累計總數，由 2022 年的 330 間增加至 2027 年的 600 間。", [Q("330"), Q("600")]),
    ("zh", "累計獲批總數，由 2022 年的約 10 500 宗增加至 2027 年的 18 500 宗。", [Q("10500", qualifier="approx"), Q("18500")]),
    ("zh", "把「創科實習計劃」下的實習學生人數由 2022 年的 3 000 人增至 2027 年的 5 000 人。", [Q("3000"), Q("5000")]),
    ("zh", "生產線累計總數由 2022 年約 30 條增至 2027 年不少於 130 條；相關產生的累計技術職位就業機會由約 260 個增至不少於 1 050 個；",
     [Q("30", qualifier="approx"), Q("130", qualifier="at_least"), Q("260", qualifier="approx"), Q("1050", qualifier="at_least")]),
    ("zh", "把創新園內先進製造業的樓面面積增加一倍，由 2022 年不少於 100 000 平方米增至 2027 年不少於 200 000 平方米；",
     [Q("100000", "m2", "at_least"), Q("200000", "m2", "at_least")]),
    ("zh", "在五至八年內吸引 50 至 100 家企業在本港設立新智能生產設施", [QR("50", "100", of="企業")]),
    ("zh", "至 8 月底共收到超過 50 份意見書。", [Q("50", qualifier="at_least", of="意見書")]),
    ("zh", "按基金規模投放比例不少於 2% 的資金。", [Q("2", "%", "at_least")]),
    ("zh", "(i) 100% 的資金須投資於與香港創科生態圈相關的企業；(ii) 至少 50% 的資金須投資於香港企業",
     [Q("100", "%"), Q("50", "%", "at_least")]),
    ("zh", "於投資期內不多於每年 2%（按已投資金額計算），而投資期後則不多於每年 2%（按淨投資金額計算）。",
     [Q("2", "%", "at_most"), Q("2", "%", "at_most")]),
    ("zh", "(ii) 附帶權益最多為 20%。(iii) 最低資本回報率最少為 7%。", [Q("20", "%", "at_most"), Q("7", "%", "at_least")]),
    # --- gold: zh-2024-25-budget-speech -----------------------------------------------
    ("zh", "我們預計加速計劃將吸引五十至一百家從事相關產業領域的企業", [QR("50", "100")]),
    ("zh", "初創企業增至去年的近四千三百間，較二零一四年多約四倍。", [Q("4300", qualifier="approx")]),
    ("zh", "相關企業僱用人數增加到超過一萬六千人，上升近七倍。", [Q("16000", qualifier="at_least")]),
    ("zh", "自成立以來共投資近四億元，涉及三十一家初創企業，", [Q("31", of="初創企業")]),
    ("zh", "以配對形式支持八所資助大學，購置相關設備", [Q("8", of="資助大學")]),
    ("zh", "將提供約一萬三千平方米的樓面。數碼港將提供約六萬六千平方米的樓面", [Q("13000", "m2", "approx"), Q("66000", "m2", "approx")]),
    ("zh", "中心最快可於二零二六年初提供每秒浮點運算三千千萬億次的算力", [Q("3000", "PFLOPS")]),
    # --- brief and spec examples -----------------------------------------------------
    ("zh", "當中近六成的土地供應來自新發展區，另外四成來自其他地區", [Q("60", "%", "approx"), Q("40", "%")]),
    ("zh", "超過八成受訪者支持", [Q("80", "%", "at_least")]),
    ("zh", "提升至世界衞生組織建議的七成五水平", [Q("75", "%")]),
    ("zh", "服務名額增加兩成半", [Q("25", "%")]),
    ("zh", "佔比達百分之五十", [Q("50", "%")]),
    ("zh", "全年實質增長介乎百分之二點五至三點五", [QR("2.5", "3.5", "%")]),
    ("zh", "增長會介乎 2.5%至3.5%", [QR("2.5", "3.5", "%")]),
    ("zh", "綜合盈餘的三分之一", [Q("1/3")]),
    ("zh", "超過一半的人才已獲聘", [Q("1/2", qualifier="at_least")]),
    ("zh", "創造約一萬個職位", [Q("10000", qualifier="approx", of="職位")]),
    ("zh", "已有超過五百多宗申請", [Q("500", qualifier="at_least")]),
    ("zh", "合共三千多名學生", [Q("3000", qualifier="at_least")]),
    ("zh", "就業人數為371萬人", [Q("3710000")]),
    ("zh", "每年吸引 1 至 2 萬人次", [QR("10000", "20000", of="")]),
    ("zh", "佔地 10 至 20 公頃的用地", [QR("10", "20", "har")]),
    ("zh", "提供 752 平方呎的單位", [Q("752", "[sft_i]")]),
    ("zh", "年處理 100 萬公噸貨量", [Q("1000000", "t")]),
    ("zh", "香港擁有五所世界百強大學", [Q("5", of="世界百強大學")]),
    ("zh", "「八大中心」的明確定位", [Q("8", of="中心")]),
    # --- Decided cases: ages are quantities in `a` with qualifier and `of` ---------------------
    ("zh", "今年我會再向每名合資格的十八歲或以上永久性居民及新來港人士分兩期發放",
     [Q("18", "a", "at_least", "年齡"), Q("2", of="發放")]),
    ("zh", "我建議提高僱主為其六十五歲或以上僱員所作自願性強積金供款", [Q("65", "a", "at_least", "年齡")]),
    ("zh", "為全港六十歲或以上的長者，提供數碼培訓課程", [Q("60", "a", "at_least", "年齡")]),
    ("zh", "年齡55至59歲基本 25,000", [QR("55", "59", "a", of="年齡")]),
    ("zh", "樓齡達 50 年或以上但少於 70 年的私人樓宇門檻由八成業權降至七成",
     [Q("50", "a", "at_least", "樓齡"), Q("70", "a", "at_most", "樓齡"), Q("80", "%"), Q("70", "%")]),
    ("zh", "位於非工業地帶的工廈，如樓齡達 30 年或以上，門檻降至七成業權", [Q("30", "a", "at_least", "樓齡"), Q("70", "%")]),
    ("zh", "在車齡上限為12年的規定下，加上部分現時活躍司機", [Q("12", "a", "at_most", "車齡")]),
    ("zh", "或車輛即將超過 12 年車齡上限），高達54% 司機受訪者", [Q("12", "a", "at_most", "車齡"), Q("54", "%")]),
    ("zh", "購買或登記符合 12 年車齡要求及其他安全標準的車輛。", [Q("12", "a", "at_most", "車齡")]),
    ("en", "to each Hong Kong permanent resident and new arrival aged 18 or above, so as to encourage",
     [Q("18", "a", "at_least", "age")]),
    ("en", "Children aged between 4 and 18 who benefit from 24 small group home places",
     [QR("4", "18", "a", of="age"), Q("24", of="small group home places")]),
    ("en", "employment of the elderly aged 60 or above, young people", [Q("60", "a", "at_least", "age")]),
    # --- Decided cases: ranges of fractions, tenths and counts -------------------------------
    ("zh", "壓縮造地程序，「生地」變可建屋「熟地」縮短約三分之一至一半時間；", [QR("1/3", "1/2", qualifier="approx")]),
    ("zh", "增加公私營住宅單位平均面積一至兩成作為土地規劃目標", [QR("10", "20", "%")]),
    ("zh", "新落成公屋（一至二人單位除外）一般室內樓面面積不少於同等水平", [QR("1", "2")]),
    # 不足 / 少於: at_most (Decided cases)
    ("zh", "此外，許可證上限僅涵蓋現時活躍司機群體的不足三分之一。", [Q("1/3", qualifier="at_most")]),
    ("zh", "估計徵收的酒店房租稅只會佔過夜旅客在港消費額少於百分之一。", [Q("1", "%", "at_most")]),
    # `多` after a round number: at least that number; 全數 (all of) is no vague 數
    ("zh", "吸引了十多場大型會議和展覽在港舉行", [Q("10", qualifier="at_least", of="大型會議")]),
    ("zh", "並於今年第四季擴展全數二百多間長者地區中心和長者鄰舍中心的服務範圍", [Q("200", qualifier="at_least")]),
    # 百分百, 立方米, counts with 大 / 方面 / 輪 / 場
    ("zh", "寬減二零二二／二三課稅年度百分百的利得稅", [Q("100", "%")]),
    ("zh", "以及每四個月首十二立方米的水費寬免", [Q("12", "m3")]),
    ("zh", "我們訂下三大規劃目標", [Q("3", of="規劃目標")]),
    ("zh", "政府會從三方面推動", [Q("3")]),
    ("zh", "政府推出了兩輪消費券計劃", [Q("2", of="消費券計劃")]),
    ("en", "the first 12 cubic metres of water", [Q("12", "m3")]),
    # `from 330 to 600`: two mentions, the old and the new value (Decided cases)
    ("en", "extend in phases its geographical coverage from 20 to 37 economies to include all those",
     [Q("20", of="economies"), Q("37", of="economies")]),
    # digit-group spaces; a comma-grouped cell before a space-grouped one are two numbers
    ("en", "Reduce profits tax for the year of 2,000 141 000 taxpayers assessment", [Q("141000", of="taxpayers")]),
    ("en", "More than 1 million service users from over 1 100 subvented day service units",
     [Q("1000000", qualifier="at_least", of="service users"), Q("1100", qualifier="at_least")]),
    ("en", "Waive the business registration fees for 1.5 million business operators", [Q("1500000", of="business operators")]),
    # --- gold: en-2021-22-budget-speech -----------------------------------------------
    ("en", "We already have eight unicorns, making Hong Kong comparable", [Q("8", of="unicorns")]),
    ("en", "More than 1 600 students and over 1 000 enterprises participated in the scheme. Eighty per cent of the interns",
     [Q("1600", qualifier="at_least", of="students"), Q("1000", qualifier="at_least", of="enterprises"), Q("80", "%")]),
    ("en", "the Research Talent Hub has funded over 3 700  R&D positions. Among those engaged, about 1 400 are postdoctoral talent.",
     [Q("3700", qualifier="at_least", of="R&D positions"), Q("1400", qualifier="approx", of="postdoctoral talent")]),
    ("en", "on-the-job training for over 3 500 employees of some 1 800 enterprises so as to",
     [Q("3500", qualifier="at_least", of="employees"), Q("1800", qualifier="approx", of="enterprises")]),
    ("en", "also provides around 700 I&T places to encourage enterprises", [Q("700", qualifier="approx", of="I&T places")]),
    ("en", "Over 80 per cent of the areas in the two buildings under Stage 1 of the Science Park Expansion Programme",
     [Q("80", "%", "at_least"), Q("2", of="buildings")]),
    ("en", "since its commencement of operation, 16 enterprises have already set up offices there", [Q("16", of="enterprises")]),
    ("en", "providing around 500 residential spaces with flexible design", [Q("500", qualifier="approx", of="residential spaces")]),
    ("en", "which will respectively provide about 28 000 and 63 000 square metres of floor area",
     [Q("28000", "m2", "approx"), Q("63000", "m2", "approx")]),
    ("en", "with about 4 800 jobs to be created. It will provide a gross floor area of 1.2 million square metres, which is approximately three times that of the Science Park.",
     [Q("4800", qualifier="approx", of="jobs"), Q("1200000", "m2")]),
    ("en", "with about 52 000 jobs to be created.", [Q("52000", qualifier="approx", of="jobs")]),
    ("en", "the coverage of 5G network in Hong Kong is now over 90 per cent.", [Q("90", "%", "at_least")]),
    ("en", "Seventy per cent of this amount enjoyed enhanced tax deduction.", [Q("70", "%")]),
    ("en", "The first batch of about 20 R&D laboratories will commence operation", [Q("20", qualifier="approx", of="R&D laboratories")]),
    ("en", "to sustain its 17 funding schemes as well as the work of over 50 R&D laboratories in the next three years.",
     [Q("17", of="funding schemes"), Q("50", qualifier="at_least", of="R&D laboratories")]),
    ("en", "with an increase in the number of start-ups from around 1 100 in 2014 to over 3 300 last year.",
     [Q("1100", qualifier="approx", of="start-ups"), Q("3300", qualifier="at_least", of="start-ups")]),
    ("en", "some 600 start-ups are being incubated on top of the nearly 1 300 start-ups already graduated",
     [Q("600", qualifier="approx", of="start-ups"), Q("1300", qualifier="approx", of="start-ups")]),
    ("en", "has invested more than $100 million in 19 local start-ups over the past two years", [Q("19", of="local start-ups")]),
    ("en", "The ITVF appointed three new co-investment partners late last year.", [Q("3")]),
    ("en", "invested over $100 million in 13 technology enterprises", [Q("13", of="technology enterprises")]),
    ("en", "also invested more than $120 million in 16 companies, attracting", [Q("16", of="companies")]),
    ("en", "will inject $350 million and $200 million into the two Funds respectively", [Q("2", of="Funds")]),
    ("en", "has provided funding of about $120 million to 139 start-ups in the past three years.", [Q("139", of="start-ups")]),
    ("en", "over half of them have launched their products in the market, more than 40 per cent have earned revenue and about 60 per cent have received capital",
     [Q("1/2", qualifier="at_least"), Q("40", "%", "at_least"), Q("60", "%", "approx")]),
    # --- English forms from the brief -------------------------------------------------
    ("en", "InnoHK has about 2 500 researchers", [Q("2500", qualifier="approx", of="researchers")]),
    ("en", "approved 10 500 cases", [Q("10500", of="cases")]),
    ("en", "5 000 jobs were created", [Q("5000", of="jobs")]),
    ("en", "a supercomputer of 3 000 petaFLOPS", [Q("3000", "PFLOPS")]),
    ("en", "The 12 hectares of private land involved", [Q("12", "har")]),
    ("en", "a total of over 860 hectares of brownfield sites", [Q("860", "har", "at_least")]),
    ("en", "a site of 5 ha", [Q("5", "har")]),
    ("en", "about 480 000 sq m of floor area", [Q("480000", "m2", "approx")]),
    ("en", "will grow by 3.5 per cent to 5.5 per cent", [QR("3.5", "5.5", "%")]),
    ("en", "went up from 3.3 per cent to 6.6 per cent", [Q("3.3", "%"), Q("6.6", "%")]),
    ("en", "down by only 7% from the previous year", [Q("7", "%")]),
    ("en", "one-third of the funds", [Q("1/3")]),
    ("en", "two-thirds of the members", [Q("2/3")]),
    ("en", "two to three general wards in each hospital", [QR("2", "3", of="general wards")]),
    ("en", "between 50 and 100 companies", [QR("50", "100", of="companies")]),
    ("en", "a share of between 10 and 20 per cent", [QR("10", "20", "%")]),
    ("zh", "約 3 成企業", [Q("30", "%", "approx")]),
    ("zh", "100 多個項目及 100 餘間企業", [Q("100", qualifier="at_least", of="項目"), Q("100", qualifier="at_least", of="企業")]),
    ("en", "1.5 million business operators", [Q("1500000", of="business operators")]),
    ("en", "a yield of 500 flats or more", [Q("500", qualifier="at_least", of="flats")]),
]
NOTHING = [
    ("zh", "詳情見下文第 4 至 30 段。"),
    ("zh", "我們會與業界伙伴合作，並改善伙食。"),  # 伙伴, 伙食: no count
    # Decided cases: numbers inside names, ordinals, anniversaries and percentile labels
    ("zh", "以及「香港國際七人欖球賽」等大型活動"),
    ("zh", "推廣近年受青年人歡迎的「城市運動」項目，例如三人籃球、運動攀登"),
    ("zh", "立法會與規管網約車服務有關的4項附屬法例小組委員會將於會上討論"),
    ("zh", "出席慶祝香港回歸祖國 25 周年活動"),
    ("zh", "港交所將會舉辦「互聯互通十周年座談會」"),
    ("zh", "參考以上關鍵指標的第 90 百分位數變化（90th percentile，簡稱 P90）"),
    ("zh", "此外，我們會於今年提出將軍澳第 137 區的發展計劃"),
    ("zh", "我們會加快推展多個規劃中的道路基建項目，包括十一號幹線、青衣至大嶼山連接路"),
    ("en", "the P90 waiting time and the 90th percentile"),
    ("zh", "按《有限合伙基金條例》（第 637 章）成立有限合伙基金。"),
    ("zh", "持有證券及期貨事務監察委員會第 9 類受規管活動的牌照"),
    ("zh", "結合「一國兩制」優勢和「一河兩岸」地利，「一區兩園」的最大優勢"),
    ("zh", "《中華人民共和國國民經濟和社會發展第十四個五年規劃》（「『十四五』規劃」）"),
    ("zh", "政府亦將在 InnoHK 研發平台下成立一所研究中心"),
    ("zh", "將會是新創科用地的一個重要來源"),
    ("zh", "我們初步建議向每個獲批的申請提供一筆資助"),
    ("zh", "2024 年《施政報告》宣布了一系列新措施"),
    ("zh", "推進第三個「InnoHK 創新香港研發平台」建設"),
    ("zh", "在收到獲選通知後須於 12 個月內成功募集"),
    ("zh", "把創新園內先進製造業的樓面面積增加一倍"),
    ("zh", "第一期第一批次的大樓"),
    ("zh", "今年亦首次有香港載荷專家獲選，並多次參與國家的太空探測任務"),
    ("zh", "香港在初創生態系統排名全球第二，亞洲第一。"),
    ("zh", "成功成立基金，完成三成功課"),
    ("zh", "二十屆三中全會審議通過"),
    ("zh", "世界競爭力上升兩位，排名第五"),
    ("zh", "每三元的資金將獲得政府出資一元"),
    ("zh", "(百萬元) 修訂預算"),
    ("zh", "會議於 2024 年 10 月 28 日舉行"),
    ("en", "In the last two Budgets, resources were set aside for the Cyberport 5 development"),
    ("en", "Funding under the ITF increased by over seven times in the last seven years."),
    ("en", "to be held in the first half of this year"),
    ("en", "for four quarters of 2021-22, and a ceiling in the remaining two quarters"),
    ("en", "\"One Country, Two Systems\""),
    ("en", "to implement the BEPS 2.0 proposals"),
    ("en", "The total amount has more than doubled since 2018."),
    ("en", "on 28 October 2024 the Chief Executive delivered the 2024 Policy Address"),
    ("en", "5G networks and COVID-19 vaccines"),
    ("en", "I will set aside over $200 million"),
    ("en", "Stage 1 of the Science Park Expansion Programme"),
]
# fmt: on


def _check(mentions: list[Any], expected: list[dict[str, str]]) -> None:
    got = [dict(m.value) for m in mentions]
    for value, want in zip(got, expected):
        if "of" not in want:
            value.pop("of", None)
    assert got == expected


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_quantities(lang: str, text: str, expected: list[dict[str, str]]) -> None:
    _check(find_quantities(text, lang), expected)


@pytest.mark.parametrize(("lang", "text"), NOTHING)
def test_not_quantities(lang: str, text: str) -> None:
    assert [m.text for m in find_quantities(text, lang)] == []


def test_of_only_for_counts() -> None:
    for mention in find_quantities("約 210 公頃用地及 50 家企業，佔 20%", "zh"):
        assert ("of" in mention.value) == (mention.value["unit"] == "1")


# fmt: off
@pytest.mark.parametrize(("lang", "text", "span"), [
    ("zh", "已匯聚本地和海內外約共 2 500 名科研人員。", "約共 2 500 名"),
    ("zh", "提供至少每秒浮點運算 300 千萬億次的算力", "至少每秒浮點運算 300 千萬億次"),
    ("zh", "投資期內不多於每年 2%（按", "不多於每年 2%"),
    ("en", "More than 1 600 students took part", "More than 1 600 students"),
])
# fmt: on
def test_span_takes_in_qualifier(lang: str, text: str, span: str) -> None:
    (mention,) = find_quantities(text, lang)
    assert mention.text == span == text[mention.start : mention.end]
    assert mention.kind == "quantity"
