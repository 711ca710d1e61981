"""Take docs/viewer.png: the HTML export of a paper in headless chromium, one measure
selected so that the side panel shows its facts and their quoted evidence.

    python docs/screenshot.py PAPER_OR_GRAPHS OUT.png [MEASURE NAME]

Refused (exit 2, OUT.png left as it is) when no CJK font is installed (`fc-list :lang=zh`
lists none): chromium would draw every Chinese label as a box.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NO_FONT = ("no CJK font is installed (`fc-list :lang=zh` lists none), so chromium would draw the Chinese "
           "labels as boxes; install one (apt-get install fonts-noto-cjk; `make test` does) and run it again; "
           "{out} was not changed")


def cjk_fonts() -> list[str]:
    """The fonts fontconfig has for Chinese (empty without fontconfig)."""
    if not shutil.which("fc-list"):
        return []
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return [line for line in listed.stdout.splitlines() if line.strip()]


def main(source: str, out: str, measure: str = "創科產業引導基金") -> int:
    if not cjk_fonts():
        print(f"screenshot: {NO_FONT.format(out=out)}", file=sys.stderr)
        return 2
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from extractor import export

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
            shot = Path(tmp) / "viewer.png"
            driver.save_screenshot(str(shot))
        finally:
            driver.quit()
        shutil.move(str(shot), out)  # only a whole screenshot replaces the old one
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
