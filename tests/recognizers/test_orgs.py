"""Organisations in real sentences of the papers: gazetteer names, bodies a paper sets up,
posts, generic words, back-references and pronouns (`spec/normalisation.md`)."""

from __future__ import annotations

import pytest

from extractor.recognizers.orgs import (
    GOVERNMENT,
    discover_units,
    find_orgs,
    load_gazetteer,
    set_up_bodies,
    submitting_body,
)
from extractor.types import Mention


def names(text: str, lang: str, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.value["name"] for m in find_orgs(text, lang, load_gazetteer(), **kwargs)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # zh-2023-24-budget-speech p30, p36: international bodies, theme parks
    ("巴塞爾銀行監管委員會和國際清算銀行", "zh", ["巴塞爾銀行監管委員會", "國際清算銀行"]),
    ("香港迪士尼樂園和香港海洋公園", "zh", ["香港迪士尼樂園", "海洋公園公司"]),
    # zh-2022-pa-full p147: a name as the paper prints it
    ("「亞太經濟合作組織」(APEC)領導人非正式會議", "zh", ["亞太區經濟合作組織", "亞太區經濟合作組織"]),
    # en-2020-21-budget-highlights p80: a short English name inside table text run together
    ("Provide additional funding to Hong Kong 150 Local SMEs Trade Development Council to give more", "en",
     ["香港貿易發展局"]),
    # en-2021-22-budget-speech: an abbreviation matches in its own case only (`most` is not MOST)
    ("most of the decline was due to", "en", []),
    ("the IMF forecast", "en", ["國際貨幣基金組織"]),
    # zh-2026 Uber submission annex: a company's English name inside Chinese text
    ("根據Uber 2026 年 5 月進行的一項司機問卷調查顯示", "zh", ["Uber"]),
])
def test_gazetteer_names(text: str, lang: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the longest name wins over the name it starts with (zh-2024-pa-itib title)
    ("立法會工商及創新科技事務委員會", "zh", ["立法會工商及創新科技事務委員會"]),
    # the article belongs to the English name's span (en-2020-21-budget-highlights p80)
    ("funding to the Hong Kong Trade Development Council to", "en", ["the Hong Kong Trade Development Council"]),
    # names of both scripts in one text, each at its place (Uber submission p1)
    ("立法會與規管網約車服務有關的4項附屬法例小組委員會將於 2026 年 6 月 8 日討論規管網約車服務。Uber 一直支持", "zh",
     ["立法會", "與規管網約車服務有關的4項附屬法例小組委員會", "Uber"]),
])
def test_gazetteer_spans(text: str, lang: str, expected: list[str]) -> None:
    found = find_orgs(text, lang, load_gazetteer())
    assert [m.text for m in found] == expected
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # zh-2022-pa-full p71, p63, p65
    ("屋宇署會成立「專責審批組」，以「促進者」思維加快審批大型私人住宅項目", "zh", ["專責審批組"]),
    ("由財政司司長和副司長領導的「土地及房屋供應統籌組」和「公營房屋項目行動工作組」已向我提交首份百日工作報告", "zh",
     ["土地及房屋供應統籌組", "公營房屋項目行動工作組"]),
    ("房屋局局長會主持專責小組，為新公營房屋項目制訂「幸福設計」指引", "zh", ["專責小組"]),
    # zh-2023-24-budget-speech p31, p57, p121
    ("由我領導的「推廣香港新優勢專責小組」，由社會不同界別傑出人士組成", "zh", ["推廣香港新優勢專責小組"]),
    ("下一步我將成立並領導一個虛擬資產發展專責小組，成員包括相關決策局", "zh", ["虛擬資產發展專責小組"]),
    ("律政司已成立匯聚一眾專家學者的專責小組，研究各種便利民商交流的措施", "zh", ["專責小組"]),
    # zh-2024-pa-full p98
    ("金管局已成立工作小組，對未來供應鏈的趨勢變化作深入研究", "zh", ["工作小組"]),
    # en-2021-22-budget-speech p78, p120
    ("the HKMA and the People's Bank of China have set up a working group to drive the initiative", "en",
     ["working group"]),
    ("the Home Affairs Bureau has established an inter-bureau task force with $100 million reserved", "en",
     ["inter-bureau task force"]),
    # not bodies set up: a number of bodies, a body described by its members, facilities, schemes, a leading group
    ("我就任首月成立的四個工作組正是一次體系設置", "zh", []),
    ("由商界、投資界及其他專業人士組成的諮詢委員會，將會就基金經理的甄選提供獨立意見", "zh", []),
    ("我會從中撥出六十億元用作資助大學及科研機構設立主題研究院", "zh", []),
    ("我建議成立基礎建設債券計劃，讓我們可以更好管理大型基建的現金流需要", "zh", []),
    ("粵港澳大灣區建設領導小組", "zh", []),
    ("a Steering Committee will be formed", "en", []),
])
def test_set_up_bodies(text: str, lang: str, expected: list[str]) -> None:
    found = set_up_bodies(text, lang)
    assert [m.text for m in found] == expected
    assert all(text[m.start:m.end] == m.text and m.value["set_up"] for m in found)


def test_a_body_set_up_is_an_organisation_named_as_written() -> None:
    text = "屋宇署會成立「專責審批組」，加快審批"
    assert names(text, "zh") == ["屋宇署", "專責審批組"]
    # a body the gazetteer lists keeps its canonical name (zh-2023-24-budget-speech p158)
    assert names("環境及生態局在今年一月成立了氣候變化與碳中和辦公室", "zh") == ["環境及生態局", "氣候變化與碳中和辦公室"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a post holding its bureau's name is a mention of the bureau (zh-2022-pa-full p65, en-2021-22 p127)
    ("房屋局局長會主持專責小組", "zh", ["房屋局", "專責小組"]),
    ("The Secretary for Development will later announce the details", "en", ["發展局"]),
    # other posts are not organisations (zh-2022-pa-full p147, Uber submission annex)
    ("財政司司長將領導專責小組，聯同商界翹楚", "zh", ["專責小組"]),
    ("否則署長不得批準該項申請", "zh", []),
    ("行政長官於每個立法會會期出席不少於四次行政長官答問會", "zh", ["立法會"]),  # zh-2022-pa-full p150
    ("由政務司副司長領導的「地區事項統籌工作組」成功在短時間內打擊", "zh", ["地區事項統籌工作組"]),
])
def test_posts(text: str, lang: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    # kinds of body are not units (Uber submission annex; zh-2023-24 p75)
    ("將需要多間商業保險公司積極參與", "zh"),
    ("以便保險公司準確計算保費", "zh"),
    ("日後平台將無法採用", "zh"),
    ("資助大學及科研機構", "zh"),
    # English table text run together (en-2020-21-budget-highlights p75)
    ("Arts Festival Limited,", "en"),
    # generic words without a body named before them
    ("The committee will meet again.", "en"),
    ("我們期望委員會在討論附屬法例時", "zh"),
])
def test_generic_words_are_not_units(text: str, lang: str) -> None:
    assert [m for m in find_orgs(text, lang, load_gazetteer(), earlier=[]) if not m.value.get("pronoun")] == []


def _named(text: str, name: str) -> Mention:
    return Mention("org", 0, len(text), text, {"name": name, "en": None})


@pytest.mark.parametrize(("text", "earlier", "word", "expected"), [
    # zh-2023-24-budget-speech p31: the body named earlier in the paragraph
    ("由我領導的「推廣香港新優勢專責小組」，由社會不同界別傑出人士組成。在專責小組的指導下，政府部門通力合作", [],
     "專責小組", "推廣香港新優勢專責小組"),
    # Uber submission annex: the subcommittee named in an earlier paragraph
    ("我們促請小組委員會充分考慮相關法例對市民的影響", [_named("與規管網約車服務有關的4項附屬法例小組委員會",
                                           "與規管網約車服務有關的4項附屬法例小組委員會")],
     "小組委員會", "與規管網約車服務有關的4項附屬法例小組委員會"),
    # zh-2024-25-budget-speech p125: a company named at the start of the paragraph
    ("科技園公司的「科技企業投資基金」自成立以來共投資近四億元。公司即將推出「共同企業加速計劃」", [],
     "公司", "香港科技園公司"),
    # zh-2024-pa-itib p28: the committee defined in brackets
    ("我們已成立由行政長官主持的「河套區港深創新及科技園督導委員會」(「委員會」)，在委員會的帶領下", [],
     "委員會", "河套區港深創新及科技園督導委員會"),
])
def test_back_references(text: str, earlier: list[Mention], word: str, expected: str) -> None:
    found = [m for m in find_orgs(text, "zh", load_gazetteer(), earlier=earlier) if m.text == word]
    assert found and all(m.value["name"] == expected for m in found)


@pytest.mark.parametrize(("text", "word"), [
    ("稍後會諮詢立法會相關委員會及尋求財務委員會的撥款批準", "委員會"),  # zh-2024-pa-itib p19: `相關委員會`
    ("委員會下的四個工作小組在今年內會向政府提出具體建議", "工作小組"),  # zh-2023-24 p49: `四個工作小組`
    ("一些內地企業已在港設立專屬自保公司", "公司"),  # zh-2023-24 p102: a kind of company
])
def test_not_back_references(text: str, word: str) -> None:
    earlier = [_named("財務委員會", "財務委員會"), _named("工作小組", "工作小組"), _named("科技園公司", "香港科技園公司")]
    found = find_orgs(text, "zh", load_gazetteer(), earlier=earlier)
    assert not [m for m in found if m.value.get("back_reference") and m.text == word]


def test_without_context_generic_words_stay_unresolved() -> None:
    text = "在專責小組的指導下"
    assert find_orgs(text, "zh", load_gazetteer()) == []


@pytest.mark.parametrize(("text", "lang", "issuer", "expected"), [
    ("我們會為公營房屋居民打造更舒適的公共空間", "zh", GOVERNMENT, GOVERNMENT),  # zh-2022-pa-full p65
    ("We will continue to", "en", GOVERNMENT, GOVERNMENT),
    ("我們期望委員會在討論附屬法例時", "zh", "Uber 香港團隊", "Uber"),  # Uber submission p2: the signature names Uber
])
def test_pronouns_are_the_issuer(text: str, lang: str, issuer: str, expected: str) -> None:
    pronouns = [m for m in find_orgs(text, lang, load_gazetteer(), issuer) if m.value.get("pronoun")]
    assert [m.value["name"] for m in pronouns] == [expected]


@pytest.mark.parametrize(("issuer", "expected"), [
    ("Uber 香港團隊", "Uber"),
    ("創新科技及工業局", None),
    (GOVERNMENT, None),
    (None, None),
])
def test_submitting_body(issuer: str | None, expected: str | None) -> None:
    assert submitting_body(issuer, load_gazetteer()) == expected


def test_legco_subcommittee_by_its_subject() -> None:
    # Uber submission p1: a subcommittee on subsidiary legislation, named by what it is about
    text = "立法會與規管網約車服務有關的4項附屬法例小組委員會將於 2026 年 6 月 8 日討論"
    assert [m.text for m in discover_units(text, "zh", [(0, 3)])] == ["與規管網約車服務有關的4項附屬法例小組委員會"]
    assert [m.text for m in discover_units("供附屬法例小組委員會討論附屬法例時參考", "zh", [])] == []
