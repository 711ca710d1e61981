"""Take docs/viewer.png: the HTML export of a paper in headless chromium, one measure
selected so that the side panel shows its facts and their quoted evidence.

    python docs/screenshot.py PAPER_OR_GRAPHS OUT.png [MEASURE NAME]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from extractor import export


def main(source: str, out: str, measure: str = "創科產業引導基金") -> None:
    model = export.property_graph(export.load_dataset([source]))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "viewer.html"
        page.write_text(export.to_html(model, f"legco-kg — {Path(source).name}"), "utf-8")
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,860"):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.get(page.as_uri())
            driver.find_element("id", "search").send_keys(measure + "\n")
            driver.execute_script("legcoKg.centreOn(legcoKg.byId.get(document.getElementById('details').dataset.id), 1.2)")
            time.sleep(0.3)
            driver.save_screenshot(out)
        finally:
            driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:])
