"""The offline HTML viewer in a real headless browser (Debian's chromium and chromedriver,
which `make test` installs; skipped, saying why, without them): it renders every node,
filters, finds a measure, and shows the quoted evidence of its amount with the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal

from browser import start_browser
from extractor import export as x

MEASURE = "Research Matching Grant Scheme"
AMOUNT_QUERY = """PREFIX pol: <https://w3id.org/legco-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?m ?zhLabel ?quote ?page WHERE { GRAPH ?g {
  ?m skos:prefLabel ?name, ?zhLabel ; pol:hasAmount ?a . ?a pol:evidence ?span .
  ?span nif:anchorOf ?quote ; nif:referenceContext ?context . ?context pol:page ?page .
  FILTER(STR(?name) = ?wanted && LANG(?zhLabel) = "zh-Hant") } } ORDER BY ?quote"""


@pytest.fixture(scope="module")
def viewer(sample_and_pair_graphs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, object]:
    dataset = x.load_dataset([str(sample_and_pair_graphs)])
    model = x.property_graph(dataset)
    page = tmp_path_factory.mktemp("viewer") / "graph.html"
    page.write_text(x.to_html(model, "legco-kg test"), "utf-8")
    return page, model, dataset


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    driver = start_browser()
    yield driver
    driver.quit()


def shown(driver) -> int:  # type: ignore[no-untyped-def]
    return len([c for c in driver.find_elements("css selector", "circle.node") if "hidden" not in c.get_attribute("class")])


def test_viewer_renders_every_node_offline(viewer, browser) -> None:  # type: ignore[no-untyped-def]
    page, model, _ = viewer
    html = page.read_text("utf-8")
    for reference in ("src=", "href=", "fetch(", "XMLHttpRequest", "@import", "url("):
        assert reference not in html, f"the viewer loads something ({reference})"
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0,
                                                                 "downloadThroughput": 0, "uploadThroughput": 0})
    browser.get(page.as_uri())
    assert len(browser.find_elements("css selector", "circle.node")) == model.number_of_nodes()
    assert browser.find_element("id", "status").text == f"{model.number_of_nodes()} of {model.number_of_nodes()} nodes shown"
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                                 "downloadThroughput": -1, "uploadThroughput": -1})


def test_clicking_a_measure_shows_its_evidence(viewer, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, model, dataset = viewer
    rows = list(dataset.query(AMOUNT_QUERY, initBindings={"wanted": Literal(MEASURE)}))
    measure_id = str(rows[0][0])[len("https://w3id.org/legco-kg/id/"):]
    zh_label = str(rows[0][1])
    quotes = {str(r[2]) for r in rows}
    assert quotes == {"15億元", "$1.5 billion"}
    browser.get(page.as_uri())
    search = browser.find_element("id", "search")
    search.send_keys(MEASURE)
    result = browser.find_element("css selector", f'#results a.node-link[data-index="{list(model.nodes).index(measure_id)}"]')
    result.click()  # selects and centres the measure
    browser.find_element("css selector", "#details h2").click()  # move focus away from the graph
    circle = browser.find_element("css selector", f'circle.node[data-id="{measure_id}"]')
    browser.find_element("id", "reset").click()  # back to the whole graph …
    search.send_keys(MEASURE + "\n")  # … and Enter centres the first match
    circle.click()
    assert browser.find_element("css selector", "#details").get_attribute("data-id") == measure_id
    assert browser.find_element("css selector", "#details h2").text == zh_label
    marks = {m.text for m in browser.find_elements("css selector", "#details .fact blockquote.quote mark")}
    assert quotes <= marks
    where = [w.text for w in browser.find_elements("css selector", "#details .fact .where")]
    assert any("para_78" in w and f"p. {rows[0][3]}" in w for w in where), where
    shot = tmp_path / "viewer.png"
    browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_filters_by_node_type_unit_and_measure_type(viewer, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select

    page, model, _ = viewer
    browser.get(page.as_uri())
    total = model.number_of_nodes()
    dates = sum(d["node_type"] == "date" for _, d in model.nodes(data=True))
    browser.find_element("css selector", '#legend input[data-type="date"]').click()
    assert shown(browser) == total - dates
    browser.find_element("css selector", '#legend input[data-type="date"]').click()
    assert shown(browser) == total

    itib = "org/hk-itib"
    Select(browser.find_element("id", "unit-filter")).select_by_value(itib)
    measures = {s for s, t, d in model.edges(data=True) if d["relation"] == "competent_authority" and t == itib}
    visible = {c.get_attribute("data-id") for c in browser.find_elements("css selector", "circle.node")
               if "hidden" not in c.get_attribute("class")}
    assert measures and {n for n in visible if model.nodes[n]["node_type"] == "measure"} == measures
    assert itib in visible and len(visible) < total

    Select(browser.find_element("id", "unit-filter")).select_by_value("")
    Select(browser.find_element("id", "type-filter")).select_by_value("fund")
    funds = {n for n, d in model.nodes(data=True) if d.get("measure_type") == "fund"}
    visible = {c.get_attribute("data-id") for c in browser.find_elements("css selector", "circle.node")
               if "hidden" not in c.get_attribute("class")}
    assert funds and {n for n in visible if model.nodes[n]["node_type"] == "measure"} == funds


# --- papers: named in results and the side panel, labels of a paper's measures and units, focus ----


def papers_of(model, node: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The papers a node belongs to, read from the property graph as the viewer should."""
    kind = model.nodes[node]["node_type"]
    if kind == "paper":
        return {node}
    found = {t for _, t, d in model.out_edges(node, data=True)
             if d["relation"] in ("stated_in", "announced_in", "mentioned_in")}
    found |= {s for s, _, d in model.in_edges(node, data=True) if d["relation"] in ("creator", "submitted_to")}
    if kind == "indicator":
        found |= {p for s, _, d in model.in_edges(node, data=True) if d["relation"] == "indicator"
                  for p in papers_of(model, s)}
    return found


def test_search_results_and_side_panel_name_the_paper(viewer, browser) -> None:  # type: ignore[no-untyped-def]
    page, model, _ = viewer
    browser.get(page.as_uri())
    browser.find_element("id", "search").send_keys("計劃")
    results = browser.find_elements("css selector", "#results .result")
    assert len(results) > 3
    ids = list(model.nodes)
    for result in results:
        node = ids[int(result.find_element("css selector", "a.node-link").get_attribute("data-index"))]
        expected = papers_of(model, node) - {node}
        if not expected:
            continue
        note = result.find_element("css selector", ".paper")
        assert set(note.get_attribute("data-papers").split()) == expected, node
        assert model.nodes[sorted(expected, key=lambda p: model.nodes[p]["label"])[0]]["label"] in note.text
    measure = next(n for n, d in model.nodes(data=True) if d["node_type"] == "measure" and d["label"] == "研究配對補助金計劃")
    browser.execute_script(f"legcoKg.select(legcoKg.byId.get('{measure}'), true)")
    line = browser.find_element("css selector", "#details .papers")
    (paper,) = papers_of(model, measure)
    assert model.nodes[paper]["label"] in line.text
    assert line.find_element("css selector", "a.node-link").get_attribute("data-index") == str(ids.index(paper))


def test_selected_paper_labels_its_measures_and_units(viewer, browser) -> None:  # type: ignore[no-untyped-def]
    page, model, _ = viewer
    browser.get(page.as_uri())
    browser.execute_script("legcoKg.fit()")  # the whole graph: measure and unit labels are hidden at this zoom
    labels = {t.get_attribute("textContent"): t for t in browser.find_elements("css selector", "#labels text")}
    assert not any(t.is_displayed() for t in browser.find_elements("css selector", "#labels text.l-measure"))
    paper = next(n for n, d in model.nodes(data=True) if d["node_type"] == "paper" and "p78" in n)
    browser.execute_script(f"legcoKg.select(legcoKg.byId.get('{paper}'), false)")
    on = browser.find_elements("css selector", "#labels text.l-on")
    members = {n for n in model.nodes if model.nodes[n]["node_type"] in ("measure", "organisation")
               and paper in papers_of(model, n)}
    assert len(on) == len(members) and all(t.is_displayed() for t in on)
    other = next(n for n, d in model.nodes(data=True) if d["node_type"] == "measure" and paper not in papers_of(model, n))
    label = model.nodes[other]["label"]
    assert not labels[label if len(label) <= 40 else label[:39] + "…"].is_displayed()


def test_paper_focus_hides_the_other_papers(viewer, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select

    page, model, _ = viewer
    browser.get(page.as_uri())
    for paper in (n for n, d in model.nodes(data=True) if d["node_type"] == "paper"):
        Select(browser.find_element("id", "paper-filter")).select_by_value(paper)
        visible = {c.get_attribute("data-id") for c in browser.find_elements("css selector", "circle.node")
                   if "hidden" not in c.get_attribute("class")}
        expected = {n for n in model.nodes if paper in papers_of(model, n)}
        assert visible == expected, paper
        assert len(visible) < model.number_of_nodes()
        measures = [n for n in expected if model.nodes[n]["node_type"] == "measure"]
        on = {t.get_attribute("textContent") for t in browser.find_elements("css selector", "#labels text.l-on")
              if t.is_displayed()}
        assert measures and all(model.nodes[m]["label"][:39] in "".join(on) for m in measures)
    browser.find_element("id", "reset").click()
    assert shown(browser) == model.number_of_nodes()


def test_a_measure_shows_its_timeline_with_the_revision_marked(browser, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """zh-2024-pa-itib.txt and a copy with its 1.8 億元 for the accelerator scheme edited to
    2 億元: the measure's panel lists both papers by date, the second marked as revised."""
    from conftest import edited_itib_graphs

    folder = tmp_path_factory.mktemp("timeline")
    model = x.property_graph(x.load_dataset([str(edited_itib_graphs(folder))]))
    page = folder / "graph.html"
    page.write_text(x.to_html(model, "legco-kg timeline"), "utf-8")
    measure = next(n for n, d in sorted(model.nodes(data=True)) if d["node_type"] == "measure"
                   and d.get("label") == "創科加速器先導計劃" and ("paper/zh-2024-pa-itib", "announced_in")
                   in {(t, e["relation"]) for _, t, e in model.out_edges(n, data=True)})
    browser.get(page.as_uri())
    browser.execute_script("window.legcoKg.select(window.legcoKg.byId.get(arguments[0]), true)", measure)
    rows = browser.find_elements("css selector", "#details #timeline li.timeline-row")
    assert [r.find_element("css selector", "a.node-link").text.split(" ", 1)[1] for r in rows] == [
        "zh-2024-pa-itib", "zh-2024-pa-itib-revised"]
    assert ["2024-10-28" in r.find_element("css selector", ".where").text for r in rows] == [True, False]
    assert "HKD 180,000,000" in rows[0].text and "HKD 200,000,000" in rows[1].text
    assert ["revised" in r.get_attribute("class") for r in rows] == [False, True]
    marks = [m.text for m in browser.find_elements("css selector", "#details #timeline .revision")]
    assert marks == ["amount: HKD 180,000,000 → HKD 200,000,000 (zh-2024-pa-itib → zh-2024-pa-itib-revised)"]
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    # a measure no other paper states has no timeline
    single = next(n for n, d in model.nodes(data=True) if d["node_type"] == "measure"
                  and not any(n in t["measures"] for t in x._timelines(model)))
    browser.execute_script("window.legcoKg.select(window.legcoKg.byId.get(arguments[0]), true)", single)
    assert not browser.find_elements("css selector", "#details #timeline")
