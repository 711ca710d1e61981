"""Measure links (extract.link_measures): which values and units a measure gets, and how later
mentions — names, short forms, shorter variants, generic words — find their measure."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from extractor.extract import extract, is_variant
from extractor.parse import parse_paper


def measures_of(tmp_path: Path, text: str) -> dict[str, dict[str, Any]]:
    (tmp_path / "paper.txt").write_text(text, encoding="utf-8")
    facts = extract(parse_paper(tmp_path / "paper.txt", date(2024, 10, 28)))
    return {m["name"]: m for m in facts["measures"]}


def test_generic_fund_refers_back_to_the_latest_fund(tmp_path: Path) -> None:
    found = measures_of(tmp_path, (
        "12. 我們會優化「創科創投基金」，調撥 15 億元投資初創企業。\n\n"
        "13. 獲甄選的基金經理將會作為基金的普通合夥人，為基金籌集不少於 4.5 億元的政府以外資金。\n\n"
        "14. 此外，「新型工業加速計劃」會資助企業。\n"
    ))
    assert found["創科創投基金"]["amounts"] == ["1500000000", "450000000"]
    assert found["新型工業加速計劃"]["amounts"] == []


def test_generic_word_without_a_measure_of_its_type_links_nothing(tmp_path: Path) -> None:
    found = measures_of(tmp_path, "1. 我們推出「創科實習計劃」。\n\n2. 基金將投資 5 億元於初創企業。\n")
    assert found["創科實習計劃"]["amounts"] == []


def test_english_generic_the_scheme_and_the_fund(tmp_path: Path) -> None:
    found = measures_of(tmp_path, (
        "1. The Government will launch a Global STEM Professorship Scheme this year. "
        "The scheme will involve an expenditure of about $2 billion.\n\n"
        "2. The Cyberport Macro Fund invested $120 million. Cyberport will inject $200 million into the Fund.\n"
    ))
    assert found["Global STEM Professorship Scheme"]["amounts"] == ["2000000000"]
    assert found["Cyberport Macro Fund"]["amounts"] == ["120000000", "200000000"]


def test_shorter_variant_is_an_alias_of_the_fuller_name(tmp_path: Path) -> None:
    found = measures_of(tmp_path, (
        "27. 特區政府會發展河套香港園區成為世界級產學研平台。\n\n"
        "28. 合作區包括深圳園區及 87 公頃的香港園區，首批大樓於今年年底起落成。\n"
    ))
    assert "香港園區" not in found and "香港園區" in found["河套香港園區"]["aliases"]
    assert {"start": "2024-10-01", "end": None} in found["河套香港園區"]["dates"]


def test_quoted_names_stay_apart_even_when_one_ends_the_other(tmp_path: Path) -> None:
    found = measures_of(tmp_path, "1. 政府透過「創新及科技基金」和「建造業創新及科技基金」資助研發。\n")
    assert {"創新及科技基金", "建造業創新及科技基金"} <= set(found)


def test_units_addressed_or_qualifying_a_noun_are_not_responsible(tmp_path: Path) -> None:
    found = measures_of(tmp_path, (
        "1. 創新科技及工業局會在 2025-26 年度內向立法會提交設立「創科產業引導基金」的方案。\n\n"
        "2. 數字政策辦公室會推動所有政府部門採用「數碼企業身分平台」。\n"
    ))
    assert found["創科產業引導基金"]["responsible"] == ["創新科技及工業局"]
    assert found["數碼企業身分平台"]["responsible"] == ["數字政策辦公室"]


def test_owner_at_the_start_of_a_name_is_responsible(tmp_path: Path) -> None:
    found = measures_of(tmp_path, "1. 數碼港人工智能超算中心會分階段投入運作。\n")
    assert found["數碼港人工智能超算中心"]["responsible"] == ["數碼港"]


def test_dates_of_documents_and_of_units_set_up_are_not_the_measures(tmp_path: Path) -> None:
    found = measures_of(tmp_path, (
        "1. 我們於去年的《施政報告》提出在 2024 年推出「前沿科技研究支援計劃」。\n\n"
        "2. 今年 7 月成立的「數字政策辦公室」會舉辦網絡安全攻防演練。\n"
    ))
    assert found["前沿科技研究支援計劃"]["dates"] == [{"start": "2024-01-01", "end": "2024-12-31"}]
    assert found["網絡安全攻防演練"]["dates"] == []


def test_continuation_paragraph_gives_its_amounts(tmp_path: Path) -> None:
    found = measures_of(tmp_path, (
        "18. 我們會推出「前沿科技研究支援計劃」，支持八所大學。\n\n"
        "19. 我們初步建議向每個獲批的申請提供一筆介乎 1 億至 3 億元的資助，並諮詢立法會。\n"
    ))
    entry = found["前沿科技研究支援計劃"]
    assert entry["amounts"] == [{"min": "100000000", "max": "300000000"}]
    assert "立法會" not in entry["responsible"]


def test_a_following_paragraph_gives_only_the_money_it_grants(tmp_path: Path) -> None:
    """en-2021-22-budget-speech p183–p184: the reserves after the fund's paragraph are not the fund's."""
    (tmp_path / "paper.txt").write_text(
        "183. The Government has made injections into the Anti-epidemic Fund (AEF) of $30 billion.\n\n"
        "184. Fiscal reserves are expected to stand at $902.7 billion by 31 March 2021.\n", encoding="utf-8")
    facts = extract(parse_paper(tmp_path / "paper.txt", date(2021, 2, 24)))
    fund = next(m for m in facts["measures"] if m["name"] == "Anti-epidemic Fund")
    assert fund["amounts"] == ["30000000000"]


def test_lower_case_english_phrase_names_one_measure_per_block(tmp_path: Path) -> None:
    (tmp_path / "paper.txt").write_text(
        "1. Last year, I earmarked $40 million to implement a pilot scheme for interns.\n\n"
        "2. The Lands Department will launch a pilot scheme on land sales in 2023.\n", encoding="utf-8")
    facts = extract(parse_paper(tmp_path / "paper.txt", date(2021, 2, 24)))
    pilots = [m for m in facts["measures"] if m["name"] == "pilot scheme"]
    assert [p["amounts"] for p in pilots] == [["40000000"], []]
    assert pilots[0]["where"] == ["p1"] and pilots[1]["where"] == ["p2"]


# fmt: off
IS_VARIANT_CASES = [
    ("香港園區", "河套香港園區", True),
    ("河套合作區", "河套深港科技創新合作區", True),
    ("港深創新及科技園", "河套港深創科園", True),      # 創新及科技 → 創科
    ("深圳園區", "河套香港園區", False),
    ("合規審計", "深入合規審計", True),
    ("審計", "深入合規審計", False),                  # too short to name anything
    ("Training Programme", "Technology Training Programme", False),
    ("Hong Kong Science Park", "InnoCell of the Hong Kong Science Park", False),
    ("Technology Training Programme", "Re-industrialisation and Technology Training Programme", False),
    ("Innovation and Technology Fund", "Construction Innovation and Technology Fund", True),
]
# fmt: on


@pytest.mark.parametrize("short, full, expected", IS_VARIANT_CASES)
def test_is_variant(short: str, full: str, expected: bool) -> None:
    assert is_variant(short, full) is expected


def test_lead_in_units_do_the_listed_measures_and_list_items_end_at_semicolon_and(tmp_path: Path) -> None:
    found = measures_of(tmp_path, (
        "79. 創新科技及工業局會加大投資和引領市場資金，包括：\n"
        "設立 100 億元「創科產業引導基金」，系統性建設創科產業生態圈；\n"
        "優化「創科創投基金」，調撥 15 億元與業界配對成立聯合基金；及發揮港投公司力量，港投公司會繼續引導市場資金。\n"
    ))
    assert found["創科產業引導基金"]["responsible"] == ["創新科技及工業局"]
    assert found["創科創投基金"]["responsible"] == ["創新科技及工業局"]  # not 港投公司, named in the next item
    assert found["創科創投基金"]["amounts"] == ["1500000000"]


def test_a_submission_asks_the_government(tmp_path: Path) -> None:
    """What a submission asks for is a measure of the Government, not of the submitter."""
    (tmp_path / "paper.txt").write_text(
        "Uber 就規管細節提交政策意見書\n\n"
        "1. 為此，我們建議建立分階段的許可證發放機制。\n\n"
        "2. 我們已建立司機支援熱線中心。\n\n"
        "Uber 香港團隊\n\n2026 年 6 月 4 日\n", encoding="utf-8")
    facts = extract(parse_paper(tmp_path / "paper.txt"))
    found = {m["name"]: m for m in facts["measures"]}
    assert facts["paper"]["issued_by"] == ["Uber 香港團隊"]
    assert found["分階段的許可證發放機制"]["responsible"] == ["香港特別行政區政府"]
    assert found["司機支援熱線中心"]["responsible"] == ["Uber"]  # the unit its signature names


def test_the_submission_in_the_corpus_asks_the_government() -> None:
    """Every measure the Uber submission names is one it asks the Government for (as its gold has
    it); the submitter named beside an ask is context, not a doer."""
    from conftest import parsed

    facts = extract(parsed("zh-2026-legco-cb3-634-01-uber-submission.pdf"))
    measures = {m["name"]: m for m in facts["measures"]}
    assert len(measures) >= 4
    for measure in measures.values():
        assert "香港特別行政區政府" in measure["responsible"], measure["name"]
    assert measures["統括保險"]["responsible"] == ["香港特別行政區政府"]


def test_a_bare_measure_word_as_short_form_is_no_name_paper_wide(tmp_path: Path) -> None:
    """zh-2024-pa-full p199 defines `（計劃）` as the short form of a scheme: later `計劃` (a verb,
    or another scheme) is not that scheme; a real short form (`「聯盟」`) still is."""
    found = measures_of(tmp_path, (
        "1. 今年 3 月開始試行「地區服務及關愛隊伍—支援長者及照顧者計劃」（計劃）。\n\n"
        "2. 香港計劃明年參與世界知識產權組織法律判決資料庫，涉及 5 億元交易。\n\n"
        "3. 我們會成立「香港新型工業發展聯盟」（「聯盟」）。\n\n"
        "4. 聯盟會獲撥款 2 億元。\n"
    ))
    scheme = found["地區服務及關愛隊伍—支援長者及照顧者計劃"]
    assert scheme["aliases"] == [] and scheme["where"] == ["p1"] and scheme["amounts"] == []
    assert found["香港新型工業發展聯盟"]["amounts"] == ["200000000"]
