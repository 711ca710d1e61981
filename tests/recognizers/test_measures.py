"""Measures: what names a measure (quoted, capitalised, a noun phrase in the role of one, a
heading, a table row, a target row) and what does not, in Chinese and English."""

from __future__ import annotations

import pytest

from extractor.normalize import for_matching
from extractor.recognizers.measures import (
    find_measures,
    heading_measure,
    kpi_measure,
    measure_type,
    table_measure,
)


def names(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.value["name"], m.value["type"]) for m in find_measures(for_matching(text), lang)]


# fmt: off
FIND_MEASURES_CASES = [
    # Quoted names, typed by their head word.
    ("zh", "政府將撥款 1.8 億元推出「創科加速器先導計劃」。", [("創科加速器先導計劃", "Scheme")]),
    ("zh", "我們會加強「社區藥房計劃」的服務。", [("社區藥房計劃", "Programme")]),
    ("zh", "在「研究人才庫」計劃下申請資助。", [("研究人才庫", "Programme")]),
    ("zh", "學生可在「創科實習」下獲資助。", [("創科實習", "Programme")]),
    ("zh", "去年試行的《粵港澳大灣區（內地、香港）個人信息跨境流動標準合同》便利措施運作暢順。",
     [("粵港澳大灣區(內地、香港)個人信息跨境流動標準合同", "Initiative")]),
    ("zh", "我們將在園區設立「生命健康創新科研中心InnoLife Healthtech Hub」。", [("生命健康創新科研中心", "Facility")]),
    # Unquoted names set up by a verb, the left edge found over jieba words.
    ("zh", "我們於今年二月成立新型工業發展辦公室，統籌相關工作。", [("新型工業發展辦公室", "Office")]),
    ("zh", "發展局將於今年內成立建築研發及測試中心，推動整個行業。", [("建築研發及測試中心", "Facility")]),
    ("zh", "政府亦將在 InnoHK 研發平台下成立一所研究中心，參與探月任務。", [("研究中心", "Facility")]),
    ("zh", "並會於今年內推出約 20 項數字政府及智慧城市方案，包括電子證書。", [("數字政府及智慧城市方案", "Plan")]),
    ("zh", "我們會撥款三十億元推行為期三年的人工智能資助計劃，資助本地大學。", [("人工智能資助計劃", "Scheme")]),
    ("zh", "我們將推出全新的海外演講贊助計劃，贊助知名學者。", [("海外演講贊助計劃", "Programme")]),
    ("zh", "在 2025 年內根據國家認證標準設立全港首間中風中心，建立急性中風患者治療網絡。", [("中風中心", "Facility")]),
    ("zh", "數碼港正全速設立人工智能超算中心，協助研究機構。", [("人工智能超算中心", "Facility")]),
    ("zh", "局方正為該處進行創科產業發展規劃和布局的顧問研究，預計明年公布結果。",
     [("創科產業發展規劃和布局的顧問研究", "Study")]),
    ("zh", "透過加強政府高級人員的核心數字技能培訓，鞏固系統安全。", [("政府高級人員的核心數字技能培訓", "Programme")]),
    ("zh", "數字辦會利用本地開發的生成式人工智能文書輔助應用程式，在政府內部先行先試。",
     [("生成式人工智能文書輔助應用程式", "Initiative")]),
    # A name followed by its quoted short form.
    ("zh", "河套深港科技創新合作區（「合作區」）位處深圳河兩側。", [("河套深港科技創新合作區", "Site")]),
    # Sites named after a place need no verb; a region before the place is not part of the name.
    ("zh", "北部都會區新田科技城新田一帶將會是新創科用地的重要來源。", [("新田科技城", "Site")]),
    ("zh", "特區政府會發展河套香港園區成為世界級產學研平台。", [("河套香港園區", "Site")]),
    ("zh", "機管局會發展東莞物流園，提供空運服務。", [("東莞物流園", "Site")]),
    # A clause subject with a proper name.
    ("zh", "數碼港第五期擴建計劃預計最快明年底落成。", [("數碼港第五期擴建計劃", "Programme")]),
    ("zh", "香港科學園第二階段擴建計劃的首批工程預計明年完成。", [("香港科學園第二階段擴建計劃", "Programme")]),
    ("zh", "我們建議建立分階段的許可證發放機制：", [("分階段的許可證發放機制", "Initiative")]),
    ("zh", "政府會透過動態檢討機制作調整。", []),
    # Not measures: documents, slogans, determiners, positions, legal forms, kinds of body, topics.
    ("zh", "政府於 2022 年底公布《香港創新科技發展藍圖》。", []),
    ("zh", "在「一國兩制」下，香港享有獨特優勢。", []),
    ("zh", "母基金會投資並設立不同的子基金以推動目標產業。", []),
    ("zh", "香港科技園公司探討興建更多設施以支持產業。", []),
    ("zh", "我們將委聘顧問進行相關研究。", []),
    ("zh", "香港是國際資產及財富管理中心，管理資產超過三十萬億元。", []),
    ("zh", "將香港打造成亞洲先進醫療中心。", []),
    ("zh", "共同發展香港成為國際創新科技中心。", []),
    ("zh", "基金經理將按《有限合伙基金條例》成立有限合伙基金。", []),
    ("zh", "我們將優化有關基金、單一家族辦公室和附帶權益的優惠。", []),
    ("zh", "調撥 15 億元與業界配對成立聯合基金。", []),
    ("zh", "房委會正進行 11 個重建計劃，今年內會公布。", []),
    ("zh", "政府早前就有關發展徵求計劃意向書。", []),
    ("zh", "包括深圳園區及 87 公頃的香港園區。", [("深圳園區", "Site"), ("香港園區", "Site")]),
    ("zh", "Uber 就「網約車服務的規管細節」提交政策意見書。", []),
    # English: capitalised names, quoted names, short forms, names set up by a verb.
    ("en", "The Government will launch a Global STEM Professorship Scheme in the first half of this year.",
     [("Global STEM Professorship Scheme", "Scheme")]),
    ("en", 'thereby rolling out a "Knowing More About IT" Programme to enhance interests',
     [("Knowing More About IT", "Programme")]),
    ("en", "As for the Data Technology Hub (DT Hub) in the Tseung Kwan O Industrial Estate, 16 enterprises joined.",
     [("Data Technology Hub", "Facility")]),
    ("en", "The Re- industrialisation and Technology Training Programme provided on-the-job training.",
     [("Re-industrialisation and Technology Training Programme", "Programme")]),
    ("en", "The OGCIO will set up a one-stop support centre to provide assistance for primary schools.",
     [("one-stop support centre", "Facility")]),
    ("en", "The subsidy scheme for expanding fibre-based network to villages in remote areas will be completed.",
     [("subsidy scheme for expanding fibre-based network to villages in remote areas", "Scheme")]),
    ("en", "It comprises Health@InnoHK on healthcare technologies.", [("Health@InnoHK", "Initiative")]),
    ("en", "The project is part of the 14th Five-Year Plan.", [("14th Five-Year Plan", "Plan")]),
    # English non-measures.
    ("en", "We will launch the third tranche of the scheme next month.", []),
    ("en", "the new enhancement of the “Love tranche of the “Love Upgrading Special Scheme” and upward",
     [("Love Upgrading Special Scheme", "Scheme")]),
    ("en", "The Government will implement a new scheme to help.", []),
]
# fmt: on


@pytest.mark.parametrize("lang, text, expected", FIND_MEASURES_CASES)
def test_find_measures(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text, lang) == expected


def test_alias_in_brackets_after_the_name() -> None:
    zh = find_measures(for_matching("推動成立「香港新型工業發展聯盟」（「聯盟」）。"), "zh")
    assert [(m.value["name"], m.value["aliases"]) for m in zh] == [("香港新型工業發展聯盟", ["聯盟"])]
    unquoted = find_measures(for_matching("河套深港科技創新合作區（「合作區」）位處深圳河兩側。"), "zh")
    assert unquoted[0].value["aliases"] == ["合作區"]
    en = find_measures("the Innovation and Technology Fund (ITF) increased", "en")
    assert [(m.value["name"], m.value["aliases"]) for m in en] == [("Innovation and Technology Fund", ["ITF"])]
    bilingual = find_measures(for_matching("設立「生命健康創新科研中心InnoLife Healthtech Hub」"), "zh")
    assert bilingual[0].value["aliases"] == ["InnoLife Healthtech Hub"]


@pytest.mark.parametrize("text", [
    "我們於今年二月成立新型工業發展辦公室，統籌相關工作。",
    "北部都會區新田科技城新田一帶將會是新創科用地的重要來源。",
    "並會於今年內推出約 20 項數字政府及智慧城市方案，包括電子證書。",
])
def test_spans_quote_the_text(text: str) -> None:
    for m in find_measures(for_matching(text), "zh"):
        assert text[m.start:m.end] == m.text == m.value["name"]


# fmt: off
MEASURE_TYPE_CASES = [
    ("創科產業引導基金", "Fund"), ("創科加速器先導計劃", "Scheme"), ("新田科技城", "Site"), ("河套香港園區", "Site"),
    ("低空經濟發展策略和行動計劃", "Plan"), ("香港微電子研發院", "Facility"), ("網絡安全攻防演練", "Exercise"),
    ("香港中醫藥文化節", "Event"), ("網約車服務的規管細節", None), ("一國兩制", None),
    ("Global STEM Professorship Scheme", "Scheme"), ("Hong Kong-Shenzhen Innovation and Technology Park", "Site"),
    ("InnoHK Research Clusters", "Platform"), ("Knowing More About IT", None),
]
# fmt: on


@pytest.mark.parametrize("name, kind", MEASURE_TYPE_CASES)
def test_measure_type(name: str, kind: str | None) -> None:
    assert measure_type(name) == kind


# fmt: off
HEADING_MEASURE_CASES = [
    ("前沿科技研究支援計劃", ("前沿科技研究支援計劃", "Scheme", [])),
    ("港深創新及科技園", ("港深創新及科技園", "Site", [])),
    ("設立生命健康研發院", ("生命健康研發院", "Facility", [])),
    ("生命健康創新科研中心 InnoLife Healthtech Hub", ("生命健康創新科研中心", "Facility", ["InnoLife Healthtech Hub"])),
    ("國際金融中心", None),            # a position, not a facility
    ("資產及財富管理中心", None),      # a topic: `中心` heads too many topics
    ("開展國際法律人才培訓", None),    # an action
    ("構建高增值供應鏈服務中心", None),
    ("新型工業發展", None),
    ("培育初創企業", None),
]
# fmt: on


@pytest.mark.parametrize("text, expected", HEADING_MEASURE_CASES)
def test_heading_measure(text: str, expected: tuple[str, str, list[str]] | None) -> None:
    m = heading_measure(text, "zh")
    assert (None if m is None else (m.value["name"], m.value["type"], m.value["aliases"])) == expected
    if m is not None:
        assert text[m.start:m.end] == m.value["name"]


def test_heading_measure_is_chinese_only() -> None:
    assert heading_measure("Innovation and Technology Infrastructure", "en") is None


# fmt: off
KPI_MEASURE_CASES = [
    ("開放數據的年度用量由 2021 年的 220 億次增加至 2025 年的 580 億次。", "開放數據"),
    ("把創新園內先進製造業的樓面面積增加一倍，由 2022 年不少於 100 000 平方米增至 2027 年不少於 200 000 平方米。", "創新園"),
    ("公共圖書館的借閱量由 2023 年的 3 000 萬次增加至 2026 年的 3 500 萬次。", "公共圖書館"),
    ("在「創科創投基金」下吸引的私人投資，由 2022 年的 17 億元增加至 2027 年的 40 億元。", None),  # quoted: found as such
    ("在 2025 年內全面採用「智方便」。", None),                                               # not a target row
    ("相關的累計就業機會由 2022 年約 260 個增至 2027 年不少於 1 050 個。", None),              # a determiner
]
# fmt: on


@pytest.mark.parametrize("text, expected", KPI_MEASURE_CASES)
def test_kpi_measure(text: str, expected: str | None) -> None:
    m = kpi_measure(text)
    assert (m.value["name"] if m else None) == expected
    if m is not None:
        assert text[m.start:m.end] == expected


# fmt: off
TABLE_MEASURE_CASES = [
    ("編製部門數據目錄", "部門數據目錄"),
    ("數碼港人工智能超算中心投入運作", "數碼港人工智能超算中心"),
    ("繼續推進「香港微電子研發院」的發展", "香港微電子研發院"),
    ("舉辦網絡安全攻防演練", "網絡安全攻防演練"),
    ("200,001 元至 300,000 元", None),     # a tax band
    ("CSSA ($ million)", None),
    ("( 一 )", None),
    ("探討興建更多設施以支持優勢產業的發展", None),
]
# fmt: on


@pytest.mark.parametrize("cell, expected", TABLE_MEASURE_CASES)
def test_table_measure(cell: str, expected: str | None) -> None:
    m = table_measure(cell)
    assert (m.value["name"] if m else None) == expected
