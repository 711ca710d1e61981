"""KPI baseline → target grammar over the value mentions of a sentence, both languages."""

from __future__ import annotations

import pytest

from extractor.recognizers.amounts import find_amounts
from extractor.recognizers.kpis import find_kpis
from extractor.recognizers.quantities import find_quantities


def kpis_of(text: str, lang: str) -> list[tuple[str, str, int | None, str, int | None]]:
    values = [*find_amounts(text, lang), *find_quantities(text, lang)]
    return [(k.indicator, k.baseline.text, k.baseline_year, k.target.text, k.target_year)
            for k in find_kpis(text, values, lang)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("在「大學科技初創企業資助計劃」下獲資助的非常早期初創企業的累計總數，由 2022 年的 330 間增加至 2027 年的 600 間。", "zh",
     [("在「大學科技初創企業資助計劃」下獲資助的非常早期初創企業的累計總數", "330 間", 2022, "600 間", 2027)]),
    ("2. 開放數據的年度用量由 2021 年的 220 億次增加至 2025 年的 580 億次。", "zh",
     [("開放數據的年度用量", "220 億次", 2021, "580 億次", 2025)]),
    ("累計私人投資，由 2022 年的 17 億元增加至 2027 年的不少於 40 億元；及", "zh",
     [("累計私人投資", "17 億元", 2022, "不少於 40 億元", 2027)]),
    ("生產線累計總數由 2022 年約 30 條增至 2027 年不少於 130 條；就業機會由約 260 個增至不少於 1 050 個；", "zh",
     [("生產線累計總數", "約 30 條", 2022, "不少於 130 條", 2027),
      ("就業機會", "約 260 個", 2022, "不少於 1 050 個", 2027)]),
    ("把實习學生人數由二〇二二年的 3 000 人增至 5 000 人。", "zh", []),  # no target year: not a KPI
    ("資助額由 2022 年的 100 萬元，以及 200 萬元。", "zh", []),
    ("The number of start-ups will increase from 330 start-ups in 2022 to 600 start-ups by 2027.", "en",
     [("number of start-ups will increase", "330 start-ups", 2022, "600 start-ups", 2027)]),
    ("Private investment attracted rose from $1.7 billion in 2022 to $4 billion in 2027.", "en",
     [("Private investment attracted rose", "$1.7 billion", 2022, "$4 billion", 2027)]),
    ("We spent $1.7 billion in 2022 and $4 billion in 2023.", "en", []),
])
def test_kpi_pairs(text: str, lang: str, expected: list) -> None:
    assert kpis_of(text, lang) == expected
