"""Headless Chromium for the browser tests (the viewer, the query page): Debian's chromium
and chromedriver, which `make test` installs where apt-get exists. Without them the tests
are skipped, saying why; nothing is downloaded (no Selenium Manager)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    absent = [path for path in (CHROMIUM, CHROMEDRIVER) if not (Path(path).exists() or shutil.which(path))]
    if absent:
        return (f"the browser tests need Debian's chromium and chromium-driver ({', '.join(absent)} not found); "
                "`make test` installs them where apt-get exists")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the browser tests need selenium (pip install -e '.[test]')"
    return None


def start_browser(width: int = 1400, height: int = 900):  # type: ignore[no-untyped-def]
    """A headless Chromium driven by Selenium; skips the test when there is none."""
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(2)
    return driver
