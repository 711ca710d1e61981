"""A fixed-seed mutation loop over a real PDF: whatever one flipped byte does to it, `parse`
ends with exit 0 and the same text or a flagged warning, or exit 2 and one message — never a
traceback or a hang (issue 14, How we will know)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

PAPER = CORPUS / "zh-2024-pa-itib.pdf"
MUTATIONS = 12
SEED = 14


def parse(path: Path, out: Path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "extractor.cli", "parse", str(path), "--json", "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr


def texts(out: Path) -> tuple[list[str], list[str]]:
    doc = json.loads(out.read_text(encoding="utf-8"))
    return [b["text"] for b in doc["blocks"]], doc["metadata"].get("warnings", [])


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("original") / "doc.json"
    assert parse(PAPER, out)[0] == 0
    return texts(out)[0]


@pytest.mark.parametrize("number", range(MUTATIONS))
def test_a_flipped_byte_is_read_whole_flagged_or_refused(number: int, original: list[str], tmp_path: Path) -> None:
    data = bytearray(PAPER.read_bytes())
    rng = random.Random(SEED * 1000 + number)
    offset = rng.randrange(len(data))
    data[offset] ^= 1 << rng.randrange(8)
    mutant = tmp_path / "mutant.pdf"
    mutant.write_bytes(bytes(data))
    out = tmp_path / "doc.json"
    code, stderr = parse(mutant, out)
    assert "Traceback" not in stderr, (offset, stderr[-2000:])
    if code == 0:
        blocks, warnings = texts(out)
        assert blocks == original or (warnings and "warning:" in stderr), (offset, warnings, stderr)
    else:
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert code == 2 and len(lines) == 1 and lines[0].startswith("legco-kg: "), (offset, stderr)
