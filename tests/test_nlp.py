"""The isolated jieba tokenizer: offsets into the Traditional text, the project dictionary,
and jieba's process-wide dictionary left alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractor.nlp import TERMS_PATH, load_terms, simplify, zh_tokens

# fmt: off
ZH_TOKENS_ARE_WORDS_OF_THE_TEXT_CASES = [
    ("北部都會區新田科技城新田一帶", ["北部都會區", "新田", "科技城", "新田", "一帶"]),   # dictionary places and heads
    ("發展河套香港園區", ["發展", "河套", "香港", "園區"]),
    ("數碼港第五期擴建計劃", ["數碼港", "第五期", "擴建", "計劃"]),
    ("推出約 20 項方案", ["推出", "約", " ", "20", " ", "項", "方案"]),
]
# fmt: on


@pytest.mark.parametrize("text, words", ZH_TOKENS_ARE_WORDS_OF_THE_TEXT_CASES)
def test_zh_tokens_are_words_of_the_text(text: str, words: list[str]) -> None:
    tokens = zh_tokens(text)
    assert [t.text for t in tokens] == words
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_place_names_are_tagged_places() -> None:
    assert {t.text: t.tag for t in zh_tokens("新田科技城")}["新田"] == "ns"


def test_simplify_keeps_length() -> None:
    text = "河套深港科技創新合作區（「合作區」）"
    assert len(simplify(text)) == len(text) and simplify("園區") == "园区"


def test_terms_file_parses(tmp_path: Path) -> None:
    assert ("科技城", None, "n") in load_terms()
    assert all(" " not in word for word, _, _ in load_terms(TERMS_PATH))
    bad = tmp_path / "terms.txt"
    bad.write_text("科技城 n x y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="terms.txt:1: expected 'word \\[freq\\] \\[tag\\]'"):
        load_terms(bad)


def test_global_jieba_dictionary_is_untouched() -> None:
    code = (
        "import jieba; from extractor.nlp import zh_tokens; zh_tokens('新田科技城');"
        "jieba.initialize(); print('科技城' in jieba.dt.FREQ, jieba.lcut('新田科技城'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("False")
