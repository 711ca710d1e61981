"""Target sectors of measures, both languages."""

from __future__ import annotations

import pytest

from extractor.recognizers.sectors import find_sectors, load_sectors


@pytest.mark.parametrize(("name", "sentences", "expected"), [
    ("人工智能資助計劃", [], ["artificial-intelligence"]),
    ("新型工業加速計劃", [], ["advanced-manufacturing"]),
    ("創科創投基金", [], ["innovation-technology"]),
    ("研究人才庫", ["資助大學聘用科研人才。"], ["education-talent"]),
    ("聯盟", ["聯盟推動網絡安全，加強網絡安全防衞。"], ["cybersecurity"]),
    ("the Scheme", ["The Scheme subsidises bond issuance and insurance-linked securities."], ["financial-services"]),
    ("Cyberport", ["It will host more start-ups and support innovation."], ["innovation-technology"]),
    ("the Fund", ["The Fund will be set up."], []),
    ("Ordinary Legal Aid Scheme", ["The Scheme gives legal aid."], []),  # `AI` is an acronym, not `aid`
    ("該計劃", ["計劃將於明年推出。"], []),
])
def test_sectors(name: str, sentences: list[str], expected: list[str]) -> None:
    assert find_sectors(name, sentences) == expected


def test_every_sector_has_both_names_and_keywords() -> None:
    sectors = load_sectors()
    assert len({s.id for s in sectors}) == len(sectors) >= 10
    assert all(s.en and s.zh and s.pattern.pattern for s in sectors)
