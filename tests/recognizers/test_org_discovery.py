"""Units the gazetteer does not list, found by their head word; and what is not a unit."""

from __future__ import annotations

import pytest

from extractor.recognizers.orgs import discover_units, find_orgs, load_gazetteer


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("知識產權署和政府資訊科技總監辦公室將協助", "zh", ["知識產權署", "政府資訊科技總監辦公室"]),
    ("該局會與新成立的低空經濟工作組委員會商討", "zh", ["低空經濟工作組委員會"]),
    ("由新田科技城發展事務委員會統籌", "zh", ["新田科技城發展事務委員會"]),
    ("政府將成立香港微電子研發院有限公司負責", "zh", ["香港微電子研發院有限公司"]),
    ("香港賽馬會慈善信託基金會資助", "zh", ["香港賽馬會慈善信託基金會"]),
    ("The Low-altitude Economy Working Group Office was set up", "en", ["Low-altitude Economy Working Group Office"]),
    ("shares of the Mass Transit Railway Corporation Limited", "en", ["Mass Transit Railway Corporation Limited"]),
    # not units: pronouns, generic kinds, common words that end in a head character
    ("我們期望該處", "zh", []),
    ("會持續督導各政策局", "zh", []),
    ("積極融入國家發展大局", "zh", []),
    ("利用人工智能處理數據", "zh", []),
    ("為達至創科產業佈局", "zh", []),
    ("完善安全部署", "zh", []),
    ("上市公司及物業管理公司", "zh", []),
    ("a Steering Committee will be formed", "en", []),
    ("This Department will", "en", []),
])
def test_units_by_head_word(text: str, lang: str, expected: list[str]) -> None:
    assert [m.text for m in discover_units(text, lang, [])] == expected


def test_gazetteer_units_are_not_found_twice() -> None:
    mentions = find_orgs("創新科技署和知識產權署", "zh", load_gazetteer())
    assert [m.text for m in mentions] == ["創新科技署", "知識產權署"]
    assert mentions[0].value.get("id") and mentions[1].value["name"] == "知識產權署"
