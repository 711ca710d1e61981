"""`legco-kg validate`: exit 0 when every paper graph conforms (warnings allowed), 1 on any
Violation, 2 on bad input with the file and the problem named; it never writes files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from extractor.cli import main

EXAMPLE = Path(__file__).parent / "data" / "paper_example.trig"
TEXT = EXAMPLE.read_text(encoding="utf-8")
TOTAL = "<paper/zh-2024-pa-itib/fact/amount/c5ce1013dc20>"


def variant(tmp: Path, name: str, old: str, new: str) -> Path:
    assert TEXT.count(old) == 1, old
    path = tmp / name
    path.write_text(TEXT.replace(old, new), encoding="utf-8")
    return path


def files_in(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


RE_PROGRESS = re.compile(r"^(?:\[\d+/\d+\] )? *\d+\.\ds .*\n", re.MULTILINE)


def without_progress(err: str) -> str:
    """Standard error without the progress lines (`[1/2]    0.3s reading a.trig`)."""
    return RE_PROGRESS.sub("", err)


def test_conforming_paper(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.trig"
    shutil.copy(EXAMPLE, path)
    before = files_in(tmp_path)
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: <paper/zh-2024-pa-itib/graph> OK\n"
    assert without_progress(err) == "1 paper graph(s) validated: 1 conform\n"
    assert files_in(tmp_path) == before


def test_violation_exits_1_and_names_focus_shape_and_problem(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = variant(tmp_path, "rmb.trig", 'schema:currency "HKD" ; schema:value 180000000',
                   'schema:currency "RMB" ; schema:value 180000000')
    before = files_in(tmp_path)
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == f"{path}: <paper/zh-2024-pa-itib/graph> 1 violation(s)"
    assert lines[1] == (f"  Violation: {TOTAL} schema:currency = 'RMB': schema:currency is one ISO 4217 code "
                        "(HKD, CNY, USD …); RMB and HK$ are not codes [polsh:MonetaryAmount]")
    assert len(lines) == 2
    assert without_progress(err) == "1 paper graph(s) validated: 0 conform, 1 with violations\n"
    assert files_in(tmp_path) == before


def test_warning_does_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = variant(tmp_path, "cap.trig", "schema:maxValue 30000000", "schema:maxValue 300000000")
    assert main(["validate", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}: <paper/zh-2024-pa-itib/graph> OK (1 warning(s))",
        ("  Warning: <paper/zh-2024-pa-itib/fact/amount/4eff258b6214>: a per-project cap exceeds the total allocation "
         "of the same measure [polsh:CapAboveTotal]"),
    ]
    assert main(["validate", "-q", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_folder_of_papers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.trig")
    variant(tmp_path, "b.trig", "nif:anchorOf \"1.8 億元\"", "nif:anchorOf \"1.8億元\"")
    (tmp_path / "notes.txt").write_text("not a graph", encoding="utf-8")  # ignored: not .trig
    assert main(["validate", "-q", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{tmp_path / 'b.trig'}: <paper/zh-2024-pa-itib/graph> 1 violation(s)",
        ("  Violation: <paper/zh-2024-pa-itib/para_15__p_1/zh-hant#char=18,24>: nif:anchorOf is not the substring "
         "[nif:beginIndex, nif:endIndex) of the context's nif:isString [polsh:SpanAnchor]"),
    ]
    assert without_progress(err) == (f"legco-kg: not using a store ({tmp_path}/store/ does not exist); reading the "
                                     f"TriG files of {tmp_path}/ instead\n"
                                     "2 paper graph(s) validated: 1 conform, 1 with violations\n")


def bad_inputs(tmp: Path) -> dict[str, tuple[list[str], str, str]]:
    """case → (arguments after `validate`, path named in the message, problem)."""
    (tmp / "readme.trig").write_text("# legco-kg\n\nA bilingual extractor.\n", encoding="utf-8")
    (tmp / "other.trig").write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
                                    encoding="utf-8")
    (tmp / "empty").mkdir()
    (tmp / "ontology").mkdir()
    for name in ("policy.ttl", "reference.ttl"):
        shutil.copy(Path(__file__).parents[1] / "ontology" / name, tmp / "ontology" / name)
    return {
        "missing file": ([str(tmp / "absent.trig")], str(tmp / "absent.trig"), "no such file"),
        "not TriG": ([str(tmp / "readme.trig")], str(tmp / "readme.trig"), "not TriG (at line"),
        "no paper graph": ([str(tmp / "other.trig")], str(tmp / "other.trig"), "no paper graph"),
        "empty folder": ([str(tmp / "empty")], str(tmp / "empty"), "no .trig files in this folder"),
        "ontology without shapes": ([str(EXAMPLE), "--ontology", str(tmp / "ontology")],
                                    str(tmp / "ontology" / "shapes.ttl"), "no such file"),
    }


@pytest.mark.parametrize("case", ["missing file", "not TriG", "no paper graph", "empty folder",
                                  "ontology without shapes"])
def test_bad_input_exits_2_with_a_named_problem(case: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    args, named, problem = bad_inputs(tmp_path)[case]
    before = files_in(tmp_path)
    assert main(["validate", *args]) == 2
    out, err = capsys.readouterr()
    err = without_progress(err)
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"legco-kg: {named}: ") and problem in err, err
    assert files_in(tmp_path) == before


def test_default_folder_is_graphs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert capsys.readouterr().err == "legco-kg: graphs: no such file\n"
    (tmp_path / "graphs").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "graphs" / "paper.trig")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "graphs/paper.trig: <paper/zh-2024-pa-itib/graph> OK\n"


def test_progress_lines_on_stderr_silenced_by_q(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.trig")
    shutil.copy(EXAMPLE, tmp_path / "b.trig")
    assert main(["validate", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    steps = [re.sub(r" *\d+\.\ds", " Ts", line) for line in err.splitlines()]
    assert steps == [
        f"legco-kg: not using a store ({tmp_path}/store/ does not exist); reading the TriG files of {tmp_path}/ instead",
        " Ts reading the ontology and its shapes",
        f"[1/2] Ts reading {tmp_path / 'a.trig'}",
        f"[1/2] Ts validating <paper/zh-2024-pa-itib/graph> of {tmp_path / 'a.trig'}",
        f"[2/2] Ts reading {tmp_path / 'b.trig'}",
        f"[2/2] Ts validating <paper/zh-2024-pa-itib/graph> of {tmp_path / 'b.trig'}",
        "2 paper graph(s) validated: 2 conform",
    ]
    assert len(out.splitlines()) == 2
    assert main(["validate", "-q", str(tmp_path)]) == 0
    assert capsys.readouterr() == ("", f"legco-kg: not using a store ({tmp_path}/store/ does not exist); reading the "
                                       f"TriG files of {tmp_path}/ instead\n2 paper graph(s) validated: 2 conform\n")
