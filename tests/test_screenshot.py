"""`make screenshot` (docs/screenshot.py) refuses without a CJK font, leaving the old
picture as it is: chromium would draw the Chinese labels of the viewer as boxes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_screenshot_refuses_without_a_cjk_font(tmp_path: Path) -> None:
    (tmp_path / "fonts.conf").write_text('<?xml version="1.0"?>\n<fontconfig><dir>' + str(tmp_path / "none")
                                         + "</dir><cachedir>" + str(tmp_path / "cache")
                                         + "</cachedir></fontconfig>\n", "utf-8")
    out = tmp_path / "viewer.png"
    out.write_bytes(b"old picture")
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "screenshot.py"), "corpus/zh-2024-pa-itib.pdf", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "no CJK font is installed (`fc-list :lang=zh` lists none)" in done.stderr
    assert f"{out} was not changed" in done.stderr
    assert out.read_bytes() == b"old picture"


def test_make_screenshot_and_test_targets_name_the_font() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "fonts-noto-cjk" in makefile and "fc-list :lang=zh" in makefile
    assert "test: install browser" in makefile and "screenshot: install browser" in makefile


def test_browser_tests_skip_saying_why_without_chromium(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import browser

    monkeypatch.setattr(browser, "CHROMEDRIVER", "/nonexistent/chromedriver")
    reason = browser.missing_browser()
    assert reason is not None and "/nonexistent/chromedriver not found" in reason and "make test" in reason
