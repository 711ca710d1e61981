"""find_dates: the "Dates and periods" table of spec/normalisation.md, row by row, in both languages."""

from __future__ import annotations

import doctest
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.recognizers import dates as dates_module
from extractor.recognizers.dates import PaperDates, find_dates

GOLD = Path(__file__).resolve().parents[2] / "gold"
R = "2024-10-28"  # the ITIB paper's reference date
B = "2021-02-24"  # the 2021-22 Budget Speech
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip


def _lang(text: str) -> str:
    return "en" if text.isascii() else "zh"


def _values(text: str, ref: str | None, lang: str | None = None) -> list[tuple[str | None, str | None, str]]:
    found = find_dates(text, lang or _lang(text), date.fromisoformat(ref) if ref else None)
    return [(m.value["start"], m.value["end"], m.value["edtf"]) for m in found]


# (text, reference date, expected [(start, end, edtf), ...]); one row per spec-table cell.
# fmt: off
SPEC_ROWS = [
    # 2024 年 10 月 16 日, 16 October 2024
    ("行政長官在 2024 年 10 月 16 日發表施政報告。", None, [("2024-10-16", "2024-10-16", "2024-10-16")]),
    ("The Chief Executive delivered it on 16 October 2024.", None, [("2024-10-16", "2024-10-16", "2024-10-16")]),
    # 2024 年 7 月, 今年 7 月, July 2024
    ("創新科技署於 2024 年 7 月推出計劃。", None, [("2024-07-01", "2024-07-31", "2024-07")]),
    ("「數字政策辦公室」於今年 7 月成立。", R, [("2024-07-01", "2024-07-31", "2024-07")]),
    ("The office was set up in July 2024.", None, [("2024-07-01", "2024-07-31", "2024-07")]),
    # 2025 年, 2025 年內, in 2025, within 2025
    ("預計會於 2025 年公布研究結果。", None, [("2025-01-01", "2025-12-31", "2025")]),
    ("我們會在 2025 年內展開研究。", None, [("2025-01-01", "2025-12-31", "2025")]),
    ("Results will be announced in 2025.", None, [("2025-01-01", "2025-12-31", "2025")]),
    ("The study will start within 2025.", None, [("2025-01-01", "2025-12-31", "2025")]),
    # 2025-26 年度, 2025-26, financial year 2025-26
    ("在 2025-26 年度內向立法會提交方案。", None, [("2025-04-01", "2026-03-31", "2025-04-01/2026-03-31")]),
    ("表一：2025-26 預算", None, [("2025-04-01", "2026-03-31", "2025-04-01/2026-03-31")]),
    ("Table 1: 2025-26 estimates", None, [("2025-04-01", "2026-03-31", "2025-04-01/2026-03-31")]),
    ("Funding is provided in financial year 2025-26.", None, [("2025-04-01", "2026-03-31", "2025-04-01/2026-03-31")]),
    # 2025 年初, 2025 年年初, early 2025
    ("並在 2025 年初邀請提交建議書。", None, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    ("並於 2025 年年初邀請提交建議書。", None, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    ("Proposals will be invited in early 2025.", None, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    # 2025 年年中, mid-2025
    ("現計劃在 2025 年年中檢視進度。", None, [("2025-04-01", "2025-09-30", "2025-04-01/2025-09-30")]),
    ("Progress will be reviewed by the Bureau in mid-2025.", None, [("2025-04-01", "2025-09-30", "2025-04-01/2025-09-30")]),
    # 2024 年底, 2024 年年底, 2024 年末, end of 2024, late 2024
    ("政府於 2024 年底公布《藍圖》。", None, [("2024-10-01", "2024-12-31", "2024-10-01/2024-12-31")]),
    ("我們在 2024 年年底公佈了《藍圖》。", None, [("2024-10-01", "2024-12-31", "2024-10-01/2024-12-31")]),
    ("工程於 2024 年末完成。", None, [("2024-10-01", "2024-12-31", "2024-10-01/2024-12-31")]),
    ("The works were completed at the end of 2024.", None, [("2024-10-01", "2024-12-31", "2024-10-01/2024-12-31")]),
    ("The Ordinance was amended in late 2024.", None, [("2024-10-01", "2024-12-31", "2024-10-01/2024-12-31")]),
    # 上半年 / first half of · 下半年 / second half of
    ("我們將於今年上半年推出計劃。", R, [("2024-01-01", "2024-06-30", "2024-01-01/2024-06-30")]),
    ("文化體育及旅遊局會在上半年敲定計劃。", R, [("2024-01-01", "2024-06-30", "2024-01-01/2024-06-30")]),
    ("預期在 2025 年下半年提交立法建議。", None, [("2025-07-01", "2025-12-31", "2025-07-01/2025-12-31")]),
    ("The scheme will be launched in the first half of 2025.", None, [("2025-01-01", "2025-06-30", "2025-01-01/2025-06-30")]),
    ("Legislation will follow in the second half of this year.", R, [("2024-07-01", "2024-12-31", "2024-07-01/2024-12-31")]),
    # 2024 至 2025 年內, 2024-2025 (calendar years)
    ("在 2024 至 2025 年內推出數字政府新方案。", None, [("2024-01-01", "2025-12-31", "2024/2025")]),
    ("第一階段（2024-2025）", None, [("2024-01-01", "2025-12-31", "2024/2025")]),
    ("Phase 1 (2024-2025) covers the pilot.", None, [("2024-01-01", "2025-12-31", "2024/2025")]),
    # 2025 年或之前, 2024 年底前, by 2025, by end-2024
    ("在 2025 年或之前落實所有政府部門。", None, [(None, "2025-12-31", "../2025-12-31")]),
    ("並在 2024 年底前推出約 20 項方案。", None, [(None, "2024-12-31", "../2024-12-31")]),
    ("All departments will adopt it by 2025.", None, [(None, "2025-12-31", "../2025-12-31")]),
    ("The review will be completed by end-2024.", None, [(None, "2024-12-31", "../2024-12-31")]),
    # 由 2024-25 年度起, 自 2026-27 年起, from 2024 onwards
    ("由 2024-25 年度起，透過加速計劃吸引企業。", None, [("2024-04-01", None, "2024-04-01/..")]),
    ("其中自 2026-27 年起陸續推出約 20 公頃用地。", None, [("2026-04-01", None, "2026-04-01/..")]),
    ("The levy will apply from 2024 onwards.", None, [("2024-01-01", None, "2024/..")]),
    # 今年, 今年內, this year
    ("今年亦首次有香港載荷獲選。", R, [("2024-01-01", "2024-12-31", "2024")]),
    ("政府將在今年內啟動改劃程序。", R, [("2024-01-01", "2024-12-31", "2024")]),
    ("The Government will start the rezoning this year.", R, [("2024-01-01", "2024-12-31", "2024")]),
    # 明年 / next year · 去年 / last year
    ("租戶將會在明年開始進駐。", R, [("2025-01-01", "2025-12-31", "2025")]),
    ("政府於去年宣布將沙嶺用地改作數據園。", R, [("2023-01-01", "2023-12-31", "2023")]),
    ("Tenants will move in next year.", R, [("2025-01-01", "2025-12-31", "2025")]),
    ("Last year, the Government announced the plan.", R, [("2023-01-01", "2023-12-31", "2023")]),
    # 下月 / next month · 上月 / last month
    ("我們計劃下月擴展措施至各行各業。", R, [("2024-11-01", "2024-11-30", "2024-11")]),
    ("上月國基會預測今年全球經濟增長。", R, [("2024-09-01", "2024-09-30", "2024-09"), ("2024-01-01", "2024-12-31", "2024")]),
    ("We will extend the measure next month.", R, [("2024-11-01", "2024-11-30", "2024-11")]),
    ("Last month, the IMF revised its forecast.", R, [("2024-09-01", "2024-09-30", "2024-09")]),
    # 今年二月 (a month name with 今年)
    ("我們於今年二月成立新型工業發展辦公室。", R, [("2024-02-01", "2024-02-29", "2024-02")]),
    ("We set up the Office in February this year.", R, [("2024-02-01", "2024-02-29", "2024-02")]),
    # 未來五年, in the next five years
    ("另外五座大樓亦會於未來五年陸續落成。", R, [("2024-10-28", "2029-10-27", "2024-10-28/2029-10-27")]),
    ("Five more buildings will be completed in the next five years.", R, [("2024-10-28", "2029-10-27", "2024-10-28/2029-10-27")]),
    # 今年年底起, 由 2024 年起
    ("首三座大樓將如期於今年年底起陸續落成。", R, [("2024-10-01", None, "2024-10-01/..")]),
    ("由 2024 年起每年舉辦網絡安全攻防演練。", None, [("2024-01-01", None, "2024/..")]),
    # 至 8 月底, by end-August
    ("政府於今年 7 月邀請業界，至 8 月底共收到 50 份意見書。", R,
     [("2024-07-01", "2024-07-31", "2024-07"), (None, "2024-08-31", "../2024-08-31")]),
    ("Submissions are due by end-August.", R, [(None, "2024-08-31", "../2024-08-31")]),
    # 過去兩年, over the past two years
    ("我們在過去兩年先後推出了一系列支援措施。", R, [("2022-10-29", "2024-10-28", "2022-10-29/2024-10-28")]),
    ("We have launched many measures over the past two years.", R, [("2022-10-29", "2024-10-28", "2022-10-29/2024-10-28")]),
    # 2025 年第一季, first quarter of 2025, 今年第四季
    ("在 2025 年第一季設立辦公室。", None, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    ("The office will open in the first quarter of 2025.", None, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    ("首批項目預計最快於今年第四季開展。", R, [("2024-10-01", "2024-12-31", "2024-10-01/2024-12-31")]),
    # 2050 年前, before 2050
    ("力爭在 2050 年前實現碳中和。", None, [(None, "2050-12-31", "../2050-12-31")]),
    ("Hong Kong strives to achieve carbon neutrality before 2050.", None, [(None, "2050-12-31", "../2050-12-31")]),
    # 今年以來, so far this year
    ("今年以來，訪港旅客持續增加。", R, [("2024-01-01", "2024-10-28", "2024-01-01/2024-10-28")]),
    ("Visitor arrivals have risen so far this year.", R, [("2024-01-01", "2024-10-28", "2024-01-01/2024-10-28")]),
    # 三日後, in three days
    ("申請將於三日後截止。", R, [("2024-10-31", "2024-10-31", "2024-10-31")]),
    ("Applications close in three days.", R, [("2024-10-31", "2024-10-31", "2024-10-31")]),
]

BRIEF_EXAMPLES = [
    # Chinese-numeral years
    ("較二零一四年多約四倍。", None, [("2014-01-01", "2014-12-31", "2014")]),
    ("早於二○一五年已推出。", None, [("2015-01-01", "2015-12-31", "2015")]),
    ("目標是於二〇二六年年底起逐步推出。", None, [("2026-10-01", None, "2026-10-01/..")]),
    ("目標是於二零二六年年底推出。", None, [("2026-10-01", "2026-12-31", "2026-10-01/2026-12-31")]),
    # financial years
    ("二零二五至二六年度的開支", None, [("2025-04-01", "2026-03-31", "2025-04-01/2026-03-31")]),
    ("二零二五至二六財政年度政府財政預算案", None, [("2025-04-01", "2026-03-31", "2025-04-01/2026-03-31")]),
    ("會由二零二四／二五年度起，每年資助大學。", None, [("2024-04-01", None, "2024-04-01/..")]),
    ("由 2024-25 年度起推行。", None, [("2024-04-01", None, "2024-04-01/..")]),
    ("- 由 **2024-25 年度起**，透過計劃", None, [("2024-04-01", None, "2024-04-01/..")]),
    ("We will do so in the 2025-26 financial year.", None, [("2025-04-01", "2026-03-31", "2025-04-01/2026-03-31")]),
    ("The 2021‑22 Budget (non-breaking hyphen)", None, [("2021-04-01", "2022-03-31", "2021-04-01/2022-03-31")]),
    ("寬減二零二四／二五年度首季的差餉", None, [("2024-04-01", "2024-06-30", "2024-04-01/2024-06-30")]),
    ("目標於二零二四／二五年度第四季生效。", None, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    ("由二零二四／二五課稅年度起實施。", None, [("2024-04-01", None, "2024-04-01/..")]),
    ("二零一九／二零年度至二零二四／二五年度", None, [("2019-04-01", "2025-03-31", "2019-04-01/2025-03-31")]),
    ("From 2022-23 to 2025-26, a real growth rate is assumed.", None, [("2022-04-01", "2026-03-31", "2022-04-01/2026-03-31")]),
    ("for the year of assessment 2020/21 by 100 per cent", None, [("2020-04-01", "2021-03-31", "2020-04-01/2021-03-31")]),
    # school years
    ("由 2025/26 學年起，每年資助學生。", None, [("2025-09-01", None, "2025-09-01/..")]),
    ("在 2024/25 及 2025/26 學年提供名額。", None,
     [("2024-09-01", "2025-08-31", "2024-09-01/2025-08-31"), ("2025-09-01", "2026-08-31", "2025-09-01/2026-08-31")]),
    ("increase to 10 000 in 2022/23 school year.", None, [("2022-09-01", "2023-08-31", "2022-09-01/2023-08-31")]),
    ("Funding in the coming three school years.", B, [("2021-09-01", "2024-08-31", "2021-09-01/2024-08-31")]),
    # months and days
    ("October 16, 2024 was a Wednesday.", None, [("2024-10-16", "2024-10-16", "2024-10-16")]),
    ("The scheme will start in July.", R, [("2024-07-01", "2024-07-31", "2024-07")]),
    ("實施時間將為二零二五年一月一日。", None, [("2025-01-01", "2025-01-01", "2025-01-01")]),
    ("政府去年十月二十五日宣布調整。", R, [("2023-10-25", "2023-10-25", "2023-10-25")]),
    ("自去年四月起，我們資助相關費用。", R, [("2023-04-01", None, "2023-04-01/..")]),
    ("商業登記費由四月一日起增加。", R, [("2024-04-01", None, "2024-04-01/..")]),
    ("in May last year, the HKMA announced", B, [("2020-05-01", "2020-05-31", "2020-05")]),
    ("phased in since last August", B, [("2020-08-01", "2021-02-24", "2020-08-01/2021-02-24")]),
    ("July to September 2024", None, [("2024-07-01", "2024-09-30", "2024-07/2024-09")]),
    ("今年 7 至 9 月", R, [("2024-07-01", "2024-09-30", "2024-07/2024-09")]),
    ("as at end-January 2021", None, [("2021-01-21", "2021-01-31", "2021-01-21/2021-01-31")]),
    ("by the end of next month", B, [(None, "2021-03-31", "../2021-03-31")]),
    ("by 31 March 2021.", None, [(None, "2021-03-31", "../2021-03-31")]),
    # quarters, halves, parts of a year
    ("明年第一季完成", R, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    ("在 2025 年首季推出", None, [("2025-01-01", "2025-03-31", "2025-01-01/2025-03-31")]),
    ("Q3 2025 results", None, [("2025-07-01", "2025-09-30", "2025-07-01/2025-09-30")]),
    ("目標是今年中落實。", R, [("2024-04-01", "2024-09-30", "2024-04-01/2024-09-30")]),
    ("數碼港擴建計劃預計最快明年底落成。", R, [("2025-10-01", "2025-12-31", "2025-10-01/2025-12-31")]),
    ("園區的首批大樓會在年底陸續投入運作。", R, [("2024-10-01", "2024-12-31", "2024-10-01/2024-12-31")]),
    ("in the middle of this year", B, [("2021-04-01", "2021-09-30", "2021-04-01/2021-09-30")]),
    ("the latter half of 2021", None, [("2021-07-01", "2021-12-31", "2021-07-01/2021-12-31")]),
    # open periods
    ("由 2025 年開始推行。", None, [("2025-01-01", None, "2025/..")]),
    ("在 2027 年或以前擬備指引。", None, [(None, "2027-12-31", "../2027-12-31")]),
    ("在 2025 年第一季或之前落實。", None, [(None, "2025-03-31", "../2025-03-31")]),
    ("計劃在明年底前完成研究。", R, [(None, "2025-12-31", "../2025-12-31")]),
    ("We will complete it by end-2027.", None, [(None, "2027-12-31", "../2027-12-31")]),
    ("Prices have doubled since 2020.", R, [("2020-01-01", "2024-10-28", "2020-01-01/2024-10-28")]),
    ("Prices have doubled since 2020.", None, [("2020-01-01", None, "2020/..")]),
    ("starting from April 2021", None, [("2021-04-01", None, "2021-04-01/..")]),
    ("延長該計劃三年至二零二七年。", None, [(None, "2027-12-31", "../2027-12-31")]),
    ("由 2020 年至今", R, [("2020-01-01", "2024-10-28", "2020-01-01/2024-10-28")]),
    ("in 2035 or earlier", None, [(None, "2035-12-31", "../2035-12-31")]),
    ("二零二五／二六年度及以後的地價收入", None, [("2025-04-01", None, "2025-04-01/..")]),
    ("截至二零二三年十二月三十一日，香港約有", None, [("2023-12-31", "2023-12-31", "2023-12-31")]),
    # ranges
    ("from 2024 to 2027", None, [("2024-01-01", "2027-12-31", "2024/2027")]),
    ("between 2020 and 2025", None, [("2020-01-01", "2025-12-31", "2020/2025")]),
    ("二零二五至二零二八年期間", None, [("2025-01-01", "2028-12-31", "2025/2028")]),
    ("2024 年 7 月 1 日至 2025 年 6 月 30 日", None, [("2024-07-01", "2025-06-30", "2024-07-01/2025-06-30")]),
    # rolling windows
    ("近三年的平均數", R, [("2021-10-29", "2024-10-28", "2021-10-29/2024-10-28")]),
    ("十年來經濟持續增長", R, [("2014-10-29", "2024-10-28", "2014-10-29/2024-10-28")]),
    ("in the past two financial years", B, [("2018-04-01", "2020-03-31", "2018-04-01/2020-03-31")]),
    ("in each of the coming five financial years", B, [("2021-04-01", "2026-03-31", "2021-04-01/2026-03-31")]),
    # relative financial years
    ("但今個財政年度的總開支仍達七千億元", "2024-02-28", [("2023-04-01", "2024-03-31", "2023-04-01/2024-03-31")]),
    ("6 082 posts in this financial year", B, [("2020-04-01", "2021-03-31", "2020-04-01/2021-03-31")]),
    # a year before a title is a date; 增加至 introduces a level, not "until"
    ("2024 年《施政報告》宣布了一系列新措施", None, [("2024-01-01", "2024-12-31", "2024")]),
    ("the 2020 Policy Address", None, [("2020-01-01", "2020-12-31", "2020")]),
    ("由 2022 年的 330 間增加至 2027 年的 600 間", None,
     [("2022-01-01", "2022-12-31", "2022"), ("2027-01-01", "2027-12-31", "2027")]),
    ("今年內地經濟將會錄得平穩增長", R, [("2024-01-01", "2024-12-31", "2024")]),
]

P22 = "2022-10-19"  # the 2022 Policy Address
B23 = "2023-02-22"  # the 2023-24 Budget Speech
B24 = "2024-02-28"  # the 2024-25 Budget Speech
PA24 = "2024-10-16"  # the 2024 Policy Address
# The value rows of the spec's "Decided cases" table, with sentences from the papers.
DECIDED = [
    # 月初 / 月中 / 月底 of a named month: days 1-10 / 11-20 / 21-last; 至…月底, by end-… open the start
    ("政府在二月初推出名為「你好，香港」的大型全球宣傳活動", B23, [("2023-02-01", "2023-02-10", "2023-02-01/2023-02-10")]),
    ("「地區事項統籌工作組」自 8 月中起打擊 600 多個衞生黑點", P22, [("2022-08-11", None, "2022-08-11/..")]),
    ("今年三月底屆滿的電動車首次登記稅寬減安排將獲延長兩年", B24, [("2024-03-21", "2024-03-31", "2024-03-21/2024-03-31")]),
    ("延長「會議展覽業資助計劃」至明年 6 月底，", P22, [(None, "2023-06-30", "../2023-06-30")]),
    ("The scheme will run until end-June 2023.", None, [(None, "2023-06-30", "../2023-06-30")]),
    # seasons: summer 1 Jun-31 Aug, spring Mar-May, autumn Sep-Nov, winter Dec-Feb
    ("另一亮點是旅發局將在夏季籌辦以維港為舞台的大型海陸嘉年華", B23, [("2023-06-01", "2023-08-31", "2023-06-01/2023-08-31")]),
    ("金管局亦會於今年秋季，與迪拜金融服務管理局共同在香港舉辦氣候金融會議", B24,
     [("2024-09-01", "2024-11-30", "2024-09-01/2024-11-30")]),
    ("於 2024 年冬季推出", None, [("2024-12-01", "2025-02-28", "2024-12-01/2025-02-28")]),
    ("The carnival will be held in summer.", B23, [("2023-06-01", "2023-08-31", "2023-06-01/2023-08-31")]),
    ("in the spring of 2025", None, [("2025-03-01", "2025-05-31", "2025-03-01/2025-05-31")]),
    # 在四年內, within five years: reference date … + N years − 1 day
    ("目標是在四年內（即 2026-27 年度）降至約四年半；", P22,
     [("2022-10-19", "2026-10-18", "2022-10-19/2026-10-18"), ("2026-04-01", "2027-03-31", "2026-04-01/2027-03-31")]),
    ("在五年內分階段研究和落實進一步改善措施", P22, [("2022-10-19", "2027-10-18", "2022-10-19/2027-10-18")]),
    ("green bonds totalling $175.5 billion within the next five years", B,
     [("2021-02-24", "2026-02-23", "2021-02-24/2026-02-23")]),
    ("The flats will be built within five years.", P22, [("2022-10-19", "2027-10-18", "2022-10-19/2027-10-18")]),
    # 首兩季 of a financial year; the first / remaining two quarters of the financial year just named
    ("寬減二零二三／二四年度首兩季的非住宅物業差餉，以每戶每季一千元為上限。", B23,
     [("2023-04-01", "2023-09-30", "2023-04-01/2023-09-30")]),
    ("寬減二零二四／二五年度首季的住宅物業差餉", B24, [("2024-04-01", "2024-06-30", "2024-04-01/2024-06-30")]),
    ("rates concession for non-domestic properties for four quarters of 2021-22, subject to a ceiling of $5,000 per "
     "quarter in the first two quarters and a ceiling of $2,000 per quarter in the remaining two quarters", B,
     [("2021-04-01", "2022-03-31", "2021-04-01/2022-03-31"), ("2021-04-01", "2021-09-30", "2021-04-01/2021-09-30"),
      ("2021-10-01", "2022-03-31", "2021-10-01/2022-03-31")]),
    # 由二零二三／二四課稅年度起 (also as normalised for matching, 税): open-ended
    ("我建議由二零二三／二四課稅年度起，增加子女基本免稅額", B23, [("2023-04-01", None, "2023-04-01/..")]),
    ("我建議由二零二三/二四課税年度起，增加子女基本免税額", B23, [("2023-04-01", None, "2023-04-01/..")]),
    # 最早 2030 年, 2030 at the earliest
    ("預計可提供 50 000 個房屋單位，最早 2030 年入伙。", P22, [("2030-01-01", None, "2030/..")]),
    ("The measure will be implemented in June at the earliest subject to FC approval.", B,
     [("2021-06-01", None, "2021-06-01/..")]),
    # 兩年前: the calendar year two years before the reference year
    ("以古洞北╱粉嶺北新發展區為例，兩年前開始清理的棕地，今年完成平整", P22,
     [("2020-01-01", "2020-12-31", "2020"), ("2022-01-01", "2022-12-31", "2022")]),
    ("政府推出青年宿舍計劃，並在兩年前擴大計劃", PA24, [("2022-01-01", "2022-12-31", "2022")]),
    ("The scheme was extended two years ago.", PA24, [("2022-01-01", "2022-12-31", "2022")]),
    # 本屆政府任期內: the current Chief Executive's term (from 1 July 2017, 2022, 2027)
    ("洪水橋站及北環線主線亦會在本屆政府任期內動工。", P22, [("2022-07-01", "2027-06-30", "2022-07-01/2027-06-30")]),
    ("目標在本屆政府任期內向 5 000 名不同行業的從業員，提供知識產權培訓", P22,
     [("2022-07-01", "2027-06-30", "2022-07-01/2027-06-30")]),
    ("within the current term of Government", B, [("2017-07-01", "2022-06-30", "2017-07-01/2022-06-30")]),
    # a period with its years in brackets: one mention (but 即 … is a mention of its own)
    ("未來 30 年（2019 至 2048 年）整體土地供應將達 7 000 多公頃", P22, [("2019-01-01", "2048-12-31", "2019/2048")]),
    ("未來五年（2025-26 至 2029-30 年度）總體公營房屋供應量將達 189 000 伙", PA24,
     [("2025-04-01", "2030-03-31", "2025-04-01/2030-03-31")]),
    ("較本屆政府上任時的五年期（2022-23 至 2026-27 年度），增加約 80%。", PA24,
     [("2022-04-01", "2027-03-31", "2022-04-01/2027-03-31")]),
    # school years: 1 September … 31 August
    ("目標是在2024/25 學年前，至少四分之三公帑資助學校於高小推行強化編程教育", P22, [(None, "2025-08-31", "../2025-08-31")]),
    ("並在2025/26 學年將短劇帶入校園", PA24, [("2025-09-01", "2026-08-31", "2025-09-01/2026-08-31")]),
    # 來年 as 明年; 去年 after 通過 (through last year's …) is still last year
    ("來年，我們會把計劃擴展至全港", PA24, [("2025-01-01", "2025-12-31", "2025")]),
    ("展望來年，由於外圍環境仍然較為複雜", B24, [("2025-01-01", "2025-12-31", "2025")]),
    ("政府會先通過去年計劃的登記資料，在今年四月發放首三千元消費券", B23,
     [("2022-01-01", "2022-12-31", "2022"), ("2023-04-01", "2023-04-30", "2023-04")]),
]

NOT_DATES = [
    "正如《2024-25 年度財政預算案》中宣布",
    "公共經常開支：與一年前同期比較的變動",  # a comparison of data, not the year before the paper
    "在收到獲選通知後須於 12 個月內成功募集資金",  # counted from the notification: a duration
    "從破欠基金發放特惠款項；不多於六個月內就 90% 沒有爭議及經確立的申請發放特惠款項",  # 多於 is a bound
    "我們要密切留意外地疫情變化、冬季流感可能帶來的風險",  # winter flu, not a date
    "the Summer Youth Programme",
    "所有在第一個五年期新落成的公營房屋項目",  # a named period, unknown without the paper
    "《中華人民共和國國民經濟和社會發展第十四個五年規劃和 2035 年遠景目標綱要》",
    "議二讀《二零二四年撥款條例草案》",
    "詳情見下文第 4 至 30 段。",
    "基金期限最長十年，投資期三年。",
    "「十四五」規劃",
    "推出 100 億元的計劃，增加 2 500 名學額，升幅為 20%。",
    "每年舉辦一次，每月發放額外五百元。",
    "會推出一系列措施以上月薪計算",
    "遠較過去年度為少",
    "I beg to move that the Appropriation Bill 2021 be read a second time.",
    "a \"Vision 2030 for Smart Mobility\" plan",
    "HK$2020 million and 2030 units were provided.",
    "The scheme may be extended.",
    "The scheme will end this year",  # only "this year" is a date, checked below
    "in recent years and over the past few years",
    "in the last two Budgets",
]

RELATIVE = [
    "今年內推出", "去年公布", "明年底落成", "下月擴展", "未來五年", "過去兩年", "今年以來", "在年底",
    "至 8 月底", "this year", "last month", "in the next five years", "over the past two years",
    "so far this year", "in July",
]
# fmt: on


@pytest.mark.parametrize(("text", "ref", "expected"), SPEC_ROWS + BRIEF_EXAMPLES + DECIDED)
def test_dates_table(text: str, ref: str | None, expected: list[tuple[str | None, str | None, str]]) -> None:
    assert _values(text, ref) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_dates_negative(text: str) -> None:
    values = _values(text, R)
    if text.startswith("The scheme will end"):
        assert values == [("2024-01-01", "2024-12-31", "2024")]
    else:
        assert values == []


@pytest.mark.parametrize("text", RELATIVE)
def test_dates_relative_need_reference_date(text: str) -> None:
    """Without a reference date a relative date is kept unresolved: found, with no interval."""
    unresolved = find_dates(text, _lang(text), None)
    assert [(m.value["start"], m.value["end"], m.value["edtf"], m.value.get("relative")) for m in unresolved] == [
        (None, None, None, True)]
    assert _values(text, R) not in ([], [(None, None, None)])


def _gold_dates() -> list[tuple[str, str, str, list[dict[str, str]]]]:
    """(paper, lang, reference date, the paper's gold dates up to and including this one)."""
    rows = []
    for path in sorted(GOLD.glob("*.json")):
        paper = json.loads(path.read_text(encoding="utf-8"))
        ref = paper["paper"]["reference_date"]
        lang = "en" if paper["paper"]["language"] == "en" else "zh"
        entries = paper.get("dates", [])
        rows += [(path.stem, lang, ref, entries[: k + 1]) for k in range(len(entries))]
    return rows


def _in_running_text(lang: str, text: str) -> str:
    if lang == "zh":
        return f"為此，{text}政府會推出新措施。"
    return f"The Government noted that {text} the scheme made good progress."


@pytest.mark.parametrize(
    ("paper", "lang", "ref", "entries"), _gold_dates(), ids=lambda v: v[-1]["text"] if isinstance(v, list) else str(v)
)
def test_dates_gold_entry_in_running_text(paper: str, lang: str, ref: str, entries: list[dict[str, str]]) -> None:
    """Every gold date, wrapped in a sentence, gives exactly one mention with the gold interval, read
    after the paper's earlier gold dates (`第一個五年期` refers back to the period named earlier,
    `the first two quarters` to the financial year last mentioned)."""
    paper_dates = PaperDates()
    reference = date.fromisoformat(ref)
    for earlier in entries[:-1]:
        find_dates(_in_running_text(lang, earlier["text"]), lang, reference, paper_dates)
    entry = entries[-1]
    found = find_dates(_in_running_text(lang, entry["text"]), lang, reference, paper_dates)
    assert [(m.value["start"], m.value["end"], m.value["edtf"]) for m in found] == [
        (entry["start"], entry["end"], entry["edtf"])
    ]


def test_named_periods_resolve_later_in_the_paper() -> None:
    """zh-2022-pa-full p61 names the five-year periods with their years; p64 uses the names alone,
    and 首五年 (the first five years) is the first of them (spec, decided)."""
    paper_dates = PaperDates()
    ref = date.fromisoformat(P22)
    first = find_dates("只有約三分之一單位於第一個五年期（2023-24 至 2027-28 年度）落成，另外三分之二單位要留待"
                       "第二個五年期（2028-29 至 2032-33 年度）落成", "zh", ref, paper_dates)
    later = find_dates("推高首五年供應量。所有在第一個五年期新落成的公營房屋項目採用「裝配式設計」；至第二個五年期，"
                       "不少於一半項目採用「組裝合成」。", "zh", ref, paper_dates)
    first_period, second_period = ("2023-04-01", "2028-03-31"), ("2028-04-01", "2033-03-31")
    assert [(m.value["start"], m.value["end"]) for m in first] == [first_period, second_period]
    assert [(m.value["start"], m.value["end"]) for m in later] == [first_period, first_period, second_period]
    assert find_dates("推高首五年供應量", "zh", ref) == []


def test_quarters_take_the_financial_year_last_mentioned() -> None:
    """en-2020-21-budget-highlights p56: the financial year is in one table cell, the quarters in the next."""
    paper_dates = PaperDates()
    ref = date.fromisoformat("2020-02-26")
    find_dates("Waive rates for four quarters of 2020-21", "en", ref, paper_dates)
    found = find_dates("$5,000 per quarter in the first two quarters and $1,500 per quarter in the remaining two "
                       "quarters", "en", ref, paper_dates)
    assert [(m.value["start"], m.value["end"]) for m in found] == [("2020-04-01", "2020-09-30"), ("2020-10-01", "2021-03-31")]
    assert find_dates("$5,000 per quarter in the first two quarters", "en", ref) == []


def test_dates_mentions_carry_offsets_and_text() -> None:
    text = "我們於今年二月成立辦公室，並在 2024 年底前推出計劃。"
    found = find_dates(text, "zh", date(2024, 10, 28))
    assert [m.text for m in found] == ["於今年二月", "在 2024 年底前"]
    assert all(m.kind == "date" and text[m.start : m.end] == m.text for m in found)


def test_dates_tolerate_full_width_digits() -> None:
    assert _values("在２０２５年內推出", None) == [("2025-01-01", "2025-12-31", "2025")]


def test_dates_doctests() -> None:
    assert doctest.testmod(dates_module).failed == 0


# --- properties ------------------------------------------------------------------------
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(DAYS)
def test_dates_property_zh_day(d: date) -> None:
    text = f"政府於 {d.year} 年 {d.month} 月 {d.day} 日公布。"
    assert _values(text, None) == [(d.isoformat(), d.isoformat(), d.isoformat())]


@given(DAYS)
def test_dates_property_en_day(d: date) -> None:
    text = f"It was announced on {d.day} {MONTHS[d.month - 1]} {d.year}."
    assert _values(text, None) == [(d.isoformat(), d.isoformat(), d.isoformat())]


@given(st.integers(1990, 2060))
def test_dates_property_fiscal_year(y: int) -> None:
    text = f"在 {y}-{(y + 1) % 100:02d} 年度推出"
    assert _values(text, None) == [(f"{y}-04-01", f"{y + 1}-03-31", f"{y}-04-01/{y + 1}-03-31")]


CN_DIGITS = ["零〇○", "一", "二", "三", "四", "五", "六", "七", "八", "九"]


@given(st.integers(1900, 2099), st.data())
def test_dates_property_chinese_numeral_year(y: int, data: st.DataObject) -> None:
    cn = "".join(data.draw(st.sampled_from(CN_DIGITS[int(c)])) for c in str(y))
    assert _values(f"於{cn}年推出", None) == _values(f"於 {y} 年推出", None) == [(f"{y}-01-01", f"{y}-12-31", str(y))]


TOKENS = ["2024", " 年", "年", "底", "前", "起", "由", "至", "今年", "去年", "月", "7", "二", "零", "-", "25",
          "《", "》", "年度", "內", "上半年", "第一季", " ", "，", "in ", "by ", "from ", "July ", "the past two years",
          "end-", "mid-", "2025-26", "this year", " to ", "early "]  # fmt: skip


@given(st.lists(st.sampled_from(TOKENS), max_size=12).map("".join), st.sampled_from(["zh", "en"]))
def test_dates_property_spans_are_sorted_and_disjoint(text: str, lang: str) -> None:
    found = find_dates(text, lang, date(2024, 10, 28))
    for m in found:
        assert text[m.start : m.end] == m.text and m.start < m.end
        start, end = m.value["start"], m.value["end"]
        assert start is None or end is None or start <= end
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# (text, expected [(vague, relative)]): how a vague period was read, and whether the period
# depends on the paper's date (it changes when the reference date moves).
VAGUE_AND_RELATIVE = [
    ("計劃於 2025 年年初邀請提交建議書", [("early", False)]),
    ("我們在 2022 年年底公佈了《藍圖》", [("late", False)]),
    ("工程於 2026 年年中完成", [("mid", False)]),
    ("於 2025 年上半年推出", [("first-half", False)]),
    ("於 2025 年下半年推出", [("second-half", False)]),
    ("於 2025 年 3 月初推出", [("early", False)]),
    ("於今年年底前完成", [(None, True)]),
    ("於今年內推出", [(None, True)]),
    ("我們於今年二月成立新型工業發展辦公室", [(None, True)]),
    ("未來五年", [(None, True)]),
    ("於明年年初推出", [("early", True)]),
    ("在 2024 年 10 月 16 日發表", [(None, False)]),
    ("由 2024-25 年度起", [(None, False)]),
    ("We will invite proposals in early 2025.", [("early", False)]),
    ("The works will be completed by mid-2026.", [(None, False)]),
    ("in the second half of 2025", [("second-half", False)]),
    ("later this year", [(None, True)]),
    ("by end-2027", [(None, False)]),
    ("next year", [(None, True)]),
    ("in March 2025", [(None, False)]),
]


@pytest.mark.parametrize(("text", "expected"), VAGUE_AND_RELATIVE)
def test_vague_and_relative_periods_are_marked(text: str, expected: list[tuple[str | None, bool]]) -> None:
    found = find_dates(text, _lang(text), date.fromisoformat(R))
    assert [(m.value.get("vague"), m.value.get("relative", False)) for m in found] == expected


def test_without_a_reference_date_nothing_is_marked_relative() -> None:
    assert all("relative" not in m.value for m in find_dates("於 2025 年年初推出", "zh", None))


def test_any_period_pattern_matches_where_one_of_the_period_patterns_does() -> None:
    """`RE_ZH_ANY_PERIOD`, the one match `_zh_period` makes first, matches at every position of a
    real paper where one of the patterns it stands for does, and nowhere else."""
    d = dates_module
    patterns = (d.RE_ZH_ROLLING, d.RE_ZH_YEARS_SINCE, d.RE_ZH_DAYS_LATER, d.RE_ZH_YEARS_AGO, d.RE_ZH_CE_TERM,
                d.RE_ZH_FISCAL, d.RE_ZH_YEAR, d.RE_ZH_BARE_YEAR, d.RE_ZH_REL_FISCAL, d.RE_ZH_REL_YEAR,
                d.RE_ZH_REL_MONTH, d.RE_ZH_MONTH, d.RE_ZH_DAY, d.RE_ZH_BARE_HALF, d.RE_ZH_BARE_YEAR_PART)
    text = (Path(__file__).resolve().parents[2] / "corpus" / "zh-2024-pa-itib.txt").read_text("utf-8")
    text += "未來五年 十年來 三日後 兩年前 本屆政府任期內 2024-25 年度 明年 下個月 上半年 年底 二〇二五年三月十日"
    matched = [i for i in range(len(text)) if d.RE_ZH_ANY_PERIOD.match(text, i)]
    assert matched == [i for i in range(len(text)) if any(p.match(text, i) for p in patterns)]
    assert len(matched) > 20
