"""Shared fixtures: parsed sample papers, parsed once per test session."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(Path(__file__).parent))  # tests/pdfgen.py


@lru_cache(maxsize=None)
def parsed(name: str):  # type: ignore[no-untyped-def]
    from extractor.parse import parse_paper

    return parse_paper(CORPUS / name)


@pytest.fixture
def corpus() -> Path:
    return CORPUS
