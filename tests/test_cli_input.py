"""Bad input gets one clear message naming the file and the problem, exit status 2, no output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pdfgen
import pytest

from extractor.cli import main
from extractor.ingest.text import decode

ZH = "政府將撥款 1.8 億元推出「創科加速器先導計劃」。"


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    cases = {
        "missing": (tmp / "absent.pdf", "no such file"),
        "empty": (tmp / "empty.txt", "empty"),
        "not a pdf": (tmp / "letter.pdf", "not a PDF"),
        "truncated": (tmp / "cut.pdf", "damaged or truncated"),
        "encrypted": (tmp / "locked.pdf", "encrypted"),
        "scanned": (tmp / "scan.pdf", "no text layer"),
        "undecodable": (tmp / "binary.txt", "cannot decode"),
        "unsupported": (tmp / "paper.docx", "unsupported file type"),
    }
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "letter.pdf").write_text("Dear Chairman, this is not a PDF.", encoding="utf-8")
    (tmp / "cut.pdf").write_bytes(pdfgen.text_pdf(["1. Hello."])[:300])
    (tmp / "locked.pdf").write_bytes(pdfgen.encrypted_pdf())
    (tmp / "scan.pdf").write_bytes(pdfgen.image_only_pdf())
    (tmp / "binary.txt").write_bytes(bytes([0x81, 0x30, 0xFF, 0xFD]) * 5)
    (tmp / "paper.docx").write_bytes(b"PK\x03\x04")
    return cases


@pytest.mark.parametrize("case", ["missing", "empty", "not a pdf", "truncated", "encrypted", "scanned",
                                  "undecodable", "unsupported"])
def test_bad_input_is_named_exit_2_no_output(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, problem = bad_inputs(tmp_path)[case]
    out = tmp_path / "out" / "doc.json"
    assert main(["parse", str(path), "--json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert str(path) in err and problem in err
    assert not out.exists() and not list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else True


def test_one_bad_paper_is_skipped_the_others_complete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("討論文件\n\n1. " + ZH + "\n\n2. 第二段。\n", encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    assert main(["parse", str(bad), str(good), "--json"]) == 2
    captured = capsys.readouterr()
    assert "bad.pdf: not a PDF" in captured.err
    doc = json.loads(captured.out)
    assert doc["paper"] == "good" and [b["where"] for b in doc["blocks"]][-2:] == ["p1", "p2"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "big5", "big5hkscs"])
def test_text_encodings_are_detected(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_bytes(("1. " + ZH + "\n").encode(encoding))
    assert main(["parse", str(path), "--json", "-o", str(tmp_path / "out.json")]) == 0
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert doc["blocks"][-1]["text"] == ZH


def test_decode_reports_what_was_tried() -> None:
    with pytest.raises(UnicodeError, match="not UTF-8, UTF-16 or Big5"):
        decode("x.txt", b"\x81\x30\xff\xfd\xfe")


def test_text_pdf_parses_with_numbers(tmp_path: Path) -> None:
    path = tmp_path / "mini.pdf"
    path.write_bytes(pdfgen.text_pdf(["1. The Government will launch a scheme.", "2. It costs $1.8 billion."]))
    out = tmp_path / "mini.json"
    assert main(["parse", str(path), "--json", "-o", str(out)]) == 0
    blocks = json.loads(out.read_text(encoding="utf-8"))["blocks"]
    assert [(b["where"], b["number"]) for b in blocks] == [("p1", "1"), ("p2", "2")]


def test_hard_wrapped_english_lines_rejoin(tmp_path: Path) -> None:
    text = "\n".join([
        "1. The Government will launch a new round of the Research Matching Grant Scheme with",
        "a total funding of $1.5 billion to attract more organisations to support research endea-",
        "vours of institutions. The scheme will run for three years from the coming year onwards.",
        "",
        "2. We will increase investment and guide more market capital to invest in I&T industries,",
        "reflecting a revamped approach of the Government in this respect, and will report back.",
    ] * 3)
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="utf-8")
    from extractor.parse import parse_paper

    doc = parse_paper(path)
    first = next(b for b in doc.blocks if b.number == "1")
    assert "Scheme with a total funding" in first.text and "endeavours of institutions" in first.text


def test_import_is_cheap() -> None:
    code = "import sys, extractor, extractor.cli; print(sorted(m for m in ('spacy', 'jieba', 'pdfplumber', 'rdflib', 'opencc') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_margin_number_printed_below_the_first_line(tmp_path: Path) -> None:
    """Policy Address layouts print `N.` in the margin a little below the paragraph's first line."""
    body = "The Government will continue to invest in research and development across the"
    items = [(72, 760, 14, "Policy Address")]
    y = 720
    for number in (1, 2):
        items += [(110, y, 12, body), (110, y - 18, 12, body), (110, y - 36, 12, "universities and institutes.")]
        items.append((72, y - 9, 12, f"{number}."))  # the number sits between the first two lines
        y -= 80
    path = tmp_path / "margin.pdf"
    path.write_bytes(pdfgen.positioned_pdf(items))
    from extractor.parse import parse_paper

    doc = parse_paper(path)
    paragraphs = [(b.where, b.number) for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == [("p1", "1"), ("p2", "2")]
    assert all(b.text.endswith("universities and institutes.") for b in doc.blocks if b.kind == "paragraph")


def test_text_file_number_on_its_own_line_after_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text("施政報告\n\n政府會推出新一輪研究配對補助金計劃，\n78.\n鼓勵更多機構資助院校研究。\n\n"
                    "我們會加大投資，\n79.\n革新政府投資創科產業的思路。\n", encoding="utf-8")
    from extractor.parse import parse_paper

    doc = parse_paper(path)
    assert [(b.where, b.number) for b in doc.blocks if b.kind == "paragraph"] == [("p78", "78"), ("p79", "79")]


def test_a_mistyped_command_gets_a_suggestion(capsys) -> None:  # type: ignore[no-untyped-def]
    from extractor.cli import main

    assert main(["grpah", "corpus/"]) == 2
    assert "unknown command 'grpah'; did you mean 'graph'?" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    assert "did you mean" not in capsys.readouterr().err


def test_every_command_has_a_description_and_an_example() -> None:
    from extractor.cli import EXAMPLES, build_parser

    parser = build_parser()
    commands = next(a for a in parser._subparsers._group_actions if a.choices).choices
    assert set(commands) == set(EXAMPLES)
    for name, command in commands.items():
        text = command.format_help()
        assert command.description and f"example:\n  legco-kg {name}" in text, name
