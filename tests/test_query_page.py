"""The query page of `legco-kg serve` (`/` in a browser) in headless Chromium: it loads
offline with the example queries of `queries/`, runs one on graphs of corpus papers and
shows its rows; an error and an unknown ontology term are shown too. Plus the plain HTTP
side: who gets the page, who gets the help text, and the warnings header."""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import start_browser
from extractor import serve as s
from extractor.query import query_graphs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "matching-ratios"


@pytest.fixture(scope="module")
def endpoint(sample_and_pair_graphs: Path) -> Iterator[tuple[str, Path]]:
    server, _ = s.make_server(sample_and_pair_graphs, port=0, timeout=20, workers=1, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.page_url, sample_and_pair_graphs
    finally:
        server.shutdown()
        server.close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    driver = start_browser()
    yield driver
    driver.quit()


def fetch(url: str, accept: str | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, dict(response.headers), response.read().decode("utf-8")


# fmt: off
PAGE_OR_HELP = [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html; charset=utf-8"),  # a browser
    (None, "text/plain; charset=utf-8"),                                                                 # urllib, curl
    ("*/*", "text/plain; charset=utf-8"),
    ("text/plain, text/html;q=0.5", "text/plain; charset=utf-8"),
]
# fmt: on


@pytest.mark.parametrize(("accept", "content_type"), PAGE_OR_HELP)
def test_root_gives_browsers_the_page_and_others_the_help(endpoint, accept, content_type) -> None:  # type: ignore[no-untyped-def]
    url, _ = endpoint
    status, headers, body = fetch(url, accept)
    assert (status, headers["Content-Type"]) == (200, content_type)
    assert ("<textarea" in body) == content_type.startswith("text/html")


def test_page_carries_every_example_and_fetches_nothing_else(endpoint) -> None:  # type: ignore[no-untyped-def]
    url, _ = endpoint
    _, _, body = fetch(url, "text/html")
    data = json.loads(body.split('<script id="legco-kg-page" type="application/json">')[1].split("</script>")[0])
    expected = sorted(p.stem for p in (ROOT / "queries").glob("*.rq") if p.name != "prefixes.rq")
    assert [e["name"] for e in data["examples"]] == expected
    assert not re.search(r"""(?:src|href)=["'](?!data:)|@import|url\(""", body), "the page loads something"


def test_warnings_header_names_the_unknown_term(endpoint) -> None:  # type: ignore[no-untyped-def]
    url, _ = endpoint
    query = urllib.parse.urlencode({"query": "SELECT ?m WHERE { ?m pol:hasAmmount ?a }"})
    status, headers, _ = fetch(f"{url}query?{query}")
    assert status == 200
    assert json.loads(headers[s.WARNING_HEADER]) == [
        "pol:hasAmmount is not a term of the legco-kg ontology; did you mean pol:hasAmount?"]
    query = urllib.parse.urlencode({"query": "SELECT ?m WHERE { ?m pol:hasAmount ?a }"})
    assert s.WARNING_HEADER not in fetch(f"{url}query?{query}")[1]


def test_page_runs_an_example_and_shows_its_rows(endpoint, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select, WebDriverWait

    url, graphs = endpoint
    text = (ROOT / "queries" / f"{EXAMPLE}.rq").read_text("utf-8")
    expected = query_graphs(text, graphs, "oxigraph")
    assert expected.rows, "the example answers on the corpus papers"
    browser.get(url)
    Select(browser.find_element("id", "example")).select_by_visible_text(EXAMPLE)
    assert browser.find_element("id", "editor").get_attribute("value") == text
    browser.find_element("id", "run").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_element("id", "status").text.endswith(" s")
                                     and "running" not in d.find_element("id", "status").text)
    headers = [th.text for th in browser.find_elements("css selector", "#results th")]
    assert headers == list(expected.variables)
    rows = browser.find_elements("css selector", "#results tbody tr")
    assert len(rows) == len(expected.rows)
    assert browser.find_element("id", "status").text.startswith(f"{len(expected.rows)} rows in ")
    cells = {td.text for td in browser.find_elements("css selector", "#results tbody td")}
    assert any("創科加速器先導計劃" in c for c in cells), cells
    tags = {t.text for t in browser.find_elements("css selector", "#results td .lang")}
    assert "@zh-Hant" in tags and tags <= {"@zh-Hant", "@en"}, tags
    assert browser.find_element("id", "error").text == ""
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


# fmt: off
SHOWN = [
    ("SELECT ?m WHERE { ?m pol:hasAmmount ?a }", "warnings", "did you mean pol:hasAmount?"),
    ("SELECT ?m WHERE { ?m pol:hasAmount }", "error", "bad SPARQL"),
    ("ASK { ?m a pol:PolicyMeasure }", "results", "true"),
]
# fmt: on


@pytest.mark.parametrize(("query", "where", "text"), SHOWN)
def test_page_shows_errors_warnings_and_ask(endpoint, browser, query: str, where: str, text: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    url, _ = endpoint
    browser.get(url)
    editor = browser.find_element("id", "editor")
    browser.execute_script("arguments[0].value = arguments[1]", editor, query)
    browser.find_element("id", "run").click()
    WebDriverWait(browser, 30).until(lambda d: "running" not in d.find_element("id", "status").text
                                     and d.find_element("id", "status").text)
    assert text in browser.find_element("id", where).text


@pytest.mark.parametrize("quiet", [False, True])
def test_serve_says_what_it_does_at_start_up(tmp_path: Path, quiet: bool) -> None:
    """A line per start-up step on stderr (loading takes a while on a large corpus), then
    the ready line with the URLs, which is all `-q` leaves."""
    import os
    import signal
    import subprocess
    import sys

    (tmp_path / "papers.trig").write_bytes((ROOT / "tests" / "data" / "query_fixture.trig").read_bytes())
    command = [sys.executable, "-m", "extractor.cli", "serve", "--graphs", str(tmp_path), "--port", "0",
               "--workers", "1"] + (["-q"] if quiet else [])
    server = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        lines = []
        while not lines or "ready at" not in lines[-1]:
            line = server.stderr.readline()  # type: ignore[union-attr]
            assert line, f"serve ended before it was ready: {lines}"
            lines.append(line)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    ready = re.fullmatch(r"legco-kg: SPARQL endpoint ready at (http://127\.0\.0\.1:\d+/query) \(query page: "
                         r"(http://127\.0\.0\.1:\d+/)\) over \d+ quads of .+ in \d+\.\d s .*\n", lines[-1])
    assert ready and ready.group(1) == ready.group(2) + "query", lines[-1]
    assert lines[:-1] == ([] if quiet else [f"legco-kg: loading 1 graph file of {tmp_path}/ and starting 2 query "
                                            "workers…\n",
                                            f"legco-kg: not using a store ({tmp_path}/store/ does not exist); reading "
                                            f"the TriG files of {tmp_path}/ instead\n"])
