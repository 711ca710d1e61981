"""The `legco_kg` spaCy component: the spans it writes are the facts of `legco-kg extract`
on the same text, aligned to tokens, with values, links and the reference date."""

from __future__ import annotations

import builtins
import doctest
import io
import json
import re
import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from extractor import cli  # noqa: E402
from extractor.recognizers.orgs import load_gazetteer  # noqa: E402
from extractor.spacy_component import SPAN_LABELS, VALUE_KEYS, LegcoKG, make_legco_kg  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REFERENCE_DATE = "2024-10-28"
JIEBA = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}


def paragraphs(paper: str, *numbers: int) -> str:
    """Numbered paragraphs of a corpus text paper as printed (`80. 政府將推出…`), blank-line separated."""
    lines = (CORPUS / paper).read_text(encoding="utf-8").splitlines()
    found = [next(line for line in lines if re.match(rf"{n}\.\s*\D", line)) for n in numbers]
    return "\n\n".join(found)


# (paper, paragraph numbers, amounts the text states): real paragraphs of two papers per language.
# fmt: off
CORPUS_CASES = [
    ("zh-2024-pa-itib.txt", (15,), ["180000000", "30000000"]),             # 撥款 1.8 億元, 上限為 3,000 萬元, 1（政府）：2（機構）
    ("zh-2024-pa-itib.txt", (21, 24), []),                                  # 兩公頃, 今年內, 數字辦, 約 20 項
    ("zh-2024-pa-p78.txt", (78, 80), ["1500000000", "180000000", "30000000"]),  # jieba glues `億元以`
    ("en-2024-pa-p78.txt", (78, 80), ["1500000000", "180000000", "30000000"]),
    ("en-2021-22-budget-speech.txt", (23, 24), ["4700000000", "3044000000", "8400000000", "1000000000"]),
    ("en-2021-22-budget-speech.txt", (36,), ["80000", "15000000000"]),     # up to five years, 12 months
]
# fmt: on


def make_nlp(lang: str, **config: Any):  # type: ignore[no-untyped-def]
    nlp = spacy.blank("zh", config=JIEBA) if lang == "zh" else spacy.blank("en")
    nlp.add_pipe("legco_kg", config={"reference_date": REFERENCE_DATE, **config})
    return nlp


@pytest.fixture(scope="module")
def pipelines() -> dict[tuple[str, bool], Any]:
    return {(lang, split): make_nlp(lang, split_tokens=split) for lang in ("zh", "en") for split in (False, True)}


def cli_facts(tmp_path: Path, text: str) -> dict[str, Any]:
    """What `legco-kg extract` writes for a text file holding ``text``."""
    paper = tmp_path / "sample.txt"
    paper.write_text(text, encoding="utf-8")
    assert cli.main(["extract", str(paper), "-o", str(tmp_path / "out"), "--reference-date", REFERENCE_DATE]) == 0
    return json.loads((tmp_path / "out" / "sample.facts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("paper, numbers, amounts", CORPUS_CASES)
def test_spacy_component_spans_are_the_cli_facts(pipelines: dict, tmp_path: Path, paper: str,
                                                 numbers: tuple[int, ...], amounts: list[str]) -> None:
    text = paragraphs(paper, *numbers)
    expected = cli_facts(tmp_path, text)
    lang = paper[:2]
    for split in (False, True):
        doc = pipelines[lang, split](text)
        assert doc.text == text and doc._.legco_unaligned == []
        assert [a.get("value") for a in expected["amounts"]] == amounts
        for key in SPAN_LABELS:
            assert doc._.legco_facts[key] == expected[key], key
        for key in VALUE_KEYS:
            spans = doc.spans[key]
            # One span per fact, in the facts' order, carrying that fact's values.
            assert [s._.legco for s in spans] == expected[key]
            assert [s.id_ for s in spans] == [f"{key}/{i}" for i in range(len(spans))]
            assert {s.label_ for s in spans} <= {SPAN_LABELS[key]}
            for span, fact in zip(spans, expected[key]):
                if split:  # the span is exactly the mention
                    assert span.text == fact["text"]
                else:  # whole tokens around it: jieba words, `23.The` in English
                    assert fact["text"] in span.text and len(span.text) - len(fact["text"]) <= 8
        orgs = doc.spans["organisations"]
        assert len(orgs) == sum(len(o["evidence"]) for o in expected["organisations"])
        for span in orgs:
            assert span.kb_id_ == span._.legco["name"] and span.label_ == "org"
            if split:
                assert span.text in span._.legco["mentions"]
            else:
                assert any(m in span.text for m in span._.legco["mentions"])
        measures = doc.spans["measures"]
        assert len(measures) == sum(len(m["evidence"]) for m in expected["measures"])
        assert {m.kb_id_ for m in measures} == {m["name"] for m in expected["measures"]}
        for span in measures:
            assert span.label_ == span._.legco["type"]


def test_spacy_component_links_measures_to_their_value_spans(pipelines: dict) -> None:
    """zh-2024-pa-itib ¶15: the scheme's amounts and ratio, reachable from its span."""
    doc = pipelines["zh", False](paragraphs("zh-2024-pa-itib.txt", 15))
    scheme = next(s for s in doc.spans["measures"] if s.text == "創科加速器先導計劃")
    links = scheme._.legco_links
    assert [(s.text, s._.legco["value"], s._.legco["qualifier"]) for s in links["amounts"]] == [
        ("1.8 億元", "180000000", "exact"), ("上限為 3,000 萬元", "30000000", "at_most")]
    assert [[t["value"] for t in s._.legco["terms"]] for s in links["ratios"]] == [["1", "2"]]
    assert all(s in doc.spans["amounts"] for s in links["amounts"])


def test_spacy_component_jieba_merge_is_expanded_or_split() -> None:
    """zh-2024-pa-p78 ¶80 prints `撥款1.8億元以1(政府)`: jieba makes one word of `億元以`."""
    text = paragraphs("zh-2024-pa-p78.txt", 80)
    expanded = make_nlp("zh")(text)
    assert [s.text for s in expanded.spans["amounts"]][0] == "1.8億元以"
    assert expanded.spans["amounts"][0]._.legco["text"] == "1.8億元"
    split = make_nlp("zh", split_tokens=True)(text)
    assert [s.text for s in split.spans["amounts"]][0] == "1.8億元"
    assert [t.text for t in split][split.spans["amounts"][0].end] == "以"
    assert "".join(t.text_with_ws for t in split) == text


@pytest.mark.parametrize("lang, text, dates", [
    # zh-2024-pa-itib ¶21: `於去年` and `在今年內` are years counted from the reference date.
    ("zh", paragraphs("zh-2024-pa-itib.txt", 21), {
        "2024-10-28": {"於去年": ("2023-01-01", "2023-12-31"), "在今年內": ("2024-01-01", "2024-12-31")},
        "2026-03-01": {"於去年": ("2025-01-01", "2025-12-31"), "在今年內": ("2026-01-01", "2026-12-31")}}),
    # en-2021-22-budget-speech ¶19: `this year`, twice.
    ("en", paragraphs("en-2021-22-budget-speech.txt", 19), {
        "2021-02-24": {"this year": ("2021-01-01", "2021-12-31")},
        "2023-02-22": {"this year": ("2023-01-01", "2023-12-31")}}),
])
def test_spacy_component_reference_date_moves_relative_dates(lang: str, text: str, dates: dict) -> None:
    for reference, expected in dates.items():
        doc = make_nlp(lang, reference_date=reference, split_tokens=True)(text)
        found = {s.text: (s._.legco["start"], s._.legco["end"]) for s in doc.spans["dates"]}
        assert found == expected
        assert all(s._.legco["relative"] for s in doc.spans["dates"])
        assert doc._.legco_facts["paper"]["reference_date"] == reference


def test_spacy_component_pipe_matches_one_by_one(pipelines: dict) -> None:
    nlp = pipelines["en", False]
    texts = [paragraphs("en-2024-pa-p78.txt", 80), "", paragraphs("en-2021-22-budget-speech.txt", 24),
             paragraphs("en-2021-22-budget-speech.txt", 36)]
    piped = list(nlp.pipe(texts, batch_size=2))
    single = [nlp(t) for t in texts]
    assert [d.text for d in piped] == texts
    for a, b in zip(piped, single):
        for key in SPAN_LABELS:
            assert [(s.start_char, s.end_char, s.label_, s._.legco) for s in a.spans[key]] == \
                   [(s.start_char, s.end_char, s.label_, s._.legco) for s in b.spans[key]]
    assert [len(d.spans["amounts"]) for d in piped] == [2, 0, 2, 2]
    assert all(len(d.spans[key]) == 0 for key in SPAN_LABELS for d in piped[1:2])


def test_spacy_component_is_made_once_and_reads_no_data_per_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    made = []
    original = LegcoKG.__init__

    def counting(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[no-untyped-def]
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(LegcoKG, "__init__", counting)
    texts = [paragraphs("zh-2024-pa-itib.txt", n) for n in (12, 13, 14, 15)]
    nlp = make_nlp("zh")
    assert len(made) == 1 and nlp.get_pipe("legco_kg") is made[0]
    loads = load_gazetteer.cache_info().misses
    opened: list[str] = []

    def no_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        raise AssertionError(f"opened {file} while processing a doc")

    monkeypatch.setattr(builtins, "open", no_open)
    monkeypatch.setattr(io, "open", no_open)
    docs = list(nlp.pipe(texts))
    assert opened == [] and len(made) == 1 and load_gazetteer.cache_info().misses == loads
    assert [len(d.spans["amounts"]) for d in docs] == [1, 2, 1, 2]
    assert [len(d.spans["organisations"]) for d in docs] == [0, 2, 3, 2]


def test_spacy_component_rejects_a_bad_reference_date() -> None:
    with pytest.raises(ValueError, match="reference_date must be a date written YYYY-MM-DD, got '28/10/2024'"):
        spacy.blank("en").add_pipe("legco_kg", config={"reference_date": "28/10/2024"})


def test_spacy_component_survives_to_disk_and_load(tmp_path: Path) -> None:
    make_nlp("en").to_disk(tmp_path / "pipeline")
    nlp = spacy.load(tmp_path / "pipeline")
    assert nlp.get_pipe("legco_kg").reference_date.isoformat() == REFERENCE_DATE
    doc = nlp("It costs $3 billion.")
    assert [s.text for s in doc.spans["amounts"]] == ["$3 billion"]


def test_spacy_component_entry_point_finds_the_factory(tmp_path: Path) -> None:
    """The entry point declared in pyproject.toml resolves, and spaCy finds the factory through
    it without the module being imported (a distribution declaring only that entry point)."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = declared["project"]["entry-points"]["spacy_factories"]["legco_kg"]
    module, _, name = target.partition(":")
    assert getattr(import_module(module), name) is make_legco_kg
    info = tmp_path / "legco_kg_entry_point_probe-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: legco-kg-entry-point-probe\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text(f"[spacy_factories]\nlegco_kg = {target}\n")
    code = ("import sys, spacy; assert 'extractor.spacy_component' not in sys.modules; "
            "nlp = spacy.blank('en'); nlp.add_pipe('legco_kg');"
            "doc = nlp('A grant of $5 million.'); print([s.text for s in doc.spans['amounts']])")
    env_path = f"{tmp_path}:{ROOT}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['$5 million']"


def test_import_extractor_does_not_register_the_component() -> None:
    code = "import sys, extractor, extractor.extract; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def test_readme_spacy_example_runs_as_shown() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from spaCy", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]
    test = doctest.DocTestParser().get_doctest(example, {}, "README: Use from spaCy", "README.md", 0)
    assert test.examples, "the README example has no >>> lines"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_spacy_component_docstring_examples() -> None:
    import extractor.spacy_component as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
