"""One measure across papers (issue 13): the normal form of a measure name, the curated
registry `ontology/measures.csv`, and the built graphs in which a measure is one node."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, URIRef

from extractor.errors import InputError
from extractor.registry import COLUMNS, MEASURES_PATH, load_registry, measure_id, normal_form, resolve, same_measure
from extractor.vocab import ELI, ID, POL, POLV, SKOS

ROOT = Path(__file__).resolve().parents[1]

# fmt: off
NORMAL_FORMS = [
    # quotes and brackets, spaces, full width (zh-2024-pa-full, zh-2024-25-budget-speech, zh-2024-pa-itib)
    ("「創科加速器先導計劃」", "創科加速器先導計劃"),
    ("「BUD 專項基金」", "bud專項基金"),
    ("「 InnoHK 創新香港研發平台」", "innohk創新香港研發平台"),
    ("ＩｎｎｏＨＫ創新香港研發平台", "innohk創新香港研發平台"),
    ("創新及科技支援計劃特別徵集（航天科技）", "創新及科技支援計劃特別徵集航天科技"),
    # Chinese numerals of an ordinal or a phase → digits; other numerals stay
    ("新田科技城發展第一期", "新田科技城發展第1期"),
    ("「第 2 期」計劃", "第2期計劃"),
    ("第二期計劃", "第2期計劃"),
    ("第三方物流服務供應商資助先導計劃", "第三方物流服務供應商資助先導計劃"),
    # Simplified → Traditional
    ("创科加速器先导计划", "創科加速器先導計劃"),
    # a place, the Government or an organisation in front; kept when too little would be left
    ("政府綠色債券計劃", "綠色債券計劃"),
    ("香港微電子研發院", "微電子研發院"),
    ("數碼港人工智能超算中心", "人工智能超算中心"),
    ("特區政府「創科加速器先導計劃」", "創科加速器先導計劃"),
    ("香港園區", "香港園區"),
    ("數碼港第五期擴建計劃", "數碼港第5期擴建計劃"),  # zh-2024-25-budget-speech: a phase belongs to its name
    ("香港科學園第二階段擴建計劃", "科學園第2階段擴建計劃"),
    ("深圳園區", "深圳園區"),
    # English: case, articles, plurals, hyphens and dashes, quotes
    ("The Lotteries Fund", "lottery fund"),
    ("I&T Industry-Oriented Fund", "i&t industry oriented fund"),
    ("“Love Upgrading Special Scheme”", "love upgrading special scheme"),
    ("Working Family Allowances", "working family allowance"),
    ("the Government Green Bond Programme", "green bond programme"),
    ("Hong Kong-Shenzhen Innovation and Technology Park", "hong kong shenzhen innovation and technology park"),
    ("Science Park Expansion Programme", "science park expansion programme"),
    ("SME Financing Guarantee Scheme", "sme financing guarantee scheme"),
    ("Green Tech Fund", "green tech fund"),
]

# Pairs of measure names from two papers (or two places of one), and whether they are one measure.
SAME, DIFFERENT = True, False
PAIRS = [
    # zh-2024-pa-itib / en-2024-pa-p78
    ("創科創投基金", "Innovation and Technology Venture Fund", SAME),
    # zh-2024-pa-full p80 / en-2024-pa-p78 p80
    ("「創科加速器先導計劃」", "I&T Accelerator Pilot Scheme", SAME),
    # zh-2024-pa-full p78 / en-2024-pa-p78 p78
    ("研究配對補助金計劃", "Research Matching Grant Scheme", SAME),
    # zh-2024-pa-itib / en-2024-pa-p78 p79
    ("創科產業引導基金", "I&T Industry-Oriented Fund", SAME),
    # en-2021-22-budget-speech / en-2024-pa-p78
    ("ITVF", "Innovation and Technology Venture Fund", SAME),
    # zh-2023-24-budget-speech / zh-2024-pa-itib
    ("人工智能超算中心", "數碼港人工智能超算中心", SAME),
    # en-2021-22-budget-speech / zh-2022-pa-full
    ("Hong Kong-Shenzhen Innovation and Technology Park", "港深創科園", SAME),
    # zh-2024-pa-full / zh-2022-pa-full
    ("河套港深創科園", "港深創新及科技園", SAME),
    # zh-2022-pa-full / en-2020-21-budget-highlights
    ("中小企融資擔保計劃", "SME Financing Guarantee Scheme", SAME),
    # zh-2023-24-budget-speech / en-2021-22-budget-speech
    ("BUD專項基金", "Dedicated Fund on Branding, Upgrading and Domestic Sales", SAME),
    # zh-2024-25-budget-speech / zh-2024-pa-full
    ("發展品牌、升級轉型及拓展內銷市場的專項基金", "「BUD 專項基金」", SAME),
    # zh-2024-25-budget-speech / zh-2023-24-budget-speech
    ("政府綠色債券計劃", "綠色債券計劃", SAME),
    # en-2021-22-budget-speech / zh-2023-24-budget-speech
    ("Government Green Bond Programme", "「政府綠色債券計劃」", SAME),
    # zh-2024-25-budget-speech / en-2021-22-budget-speech
    ("獎券基金", "the Lotteries Fund", SAME),
    # zh-2023-24-budget-speech / zh-2024-25-budget-speech
    ("在職家庭津貼", "在職家庭津貼計劃", SAME),
    # en-2020-21-budget-highlights / zh-2024-25-budget-speech
    ("Working Family Allowance Scheme", "在職家庭津貼計劃", SAME),
    # zh-2023-24-budget-speech / en-2021-22-budget-speech
    ("長者生活津貼", "Old Age Living Allowance", SAME),
    # zh-2024-pa-full / zh-2024-25-budget-speech
    ("InnoHK 創新香港研發平台", "「InnoHK創新香港研發平台」", SAME),
    # en-2021-22-budget-speech / zh-2024-pa-itib
    ("InnoHK Research Clusters", "「 InnoHK 創新香港研發平台」", SAME),
    # zh-2024-25-budget-speech / zh-2024-pa-full
    ("河套香港園區", "香港園區", SAME),
    # zh-2022-pa-full / en-2021-22-budget-speech
    ("創新及科技基金", "Innovation and Technology Fund", SAME),
    # en-2021-22-budget-speech / zh-2024-pa-full
    ("Re-industrialisation Funding Scheme", "新型工業化資助計劃", SAME),
    # zh-2022-pa-full / zh-2024-pa-full
    ("「簡約公屋」", "簡約公屋", SAME),
    # en-2020-21-budget-highlights / en-2021-22-budget-speech
    ("“Love Upgrading Special Scheme”", "the Love Upgrading Special Scheme", SAME),
    # zh-2022-pa-full / en-2020-21-budget-highlights
    ("公共交通費用補貼計劃", "Public Transport Fare Subsidy Scheme", SAME),
    # zh-2022-pa-full / en-2021-22-budget-speech
    ("研究人才庫", "Research Talent Hub", SAME),
    # zh-2022-pa-full / zh-2024-pa-full (no registry row needed)
    ("慢性疾病共同治理先導計劃", "「慢性疾病共同治理先導計劃」", SAME),
    # en-2020-21-budget-highlights / en-2021-22-budget-speech
    ("Science Park Expansion Programme", "the Science Park Expansion Programme", SAME),
    # zh-2024-25-budget-speech / zh-2024-pa-itib
    ("河套深港科技創新合作區", "河套合作區", SAME),
    # zh-2024-25-budget-speech / zh-2024-pa-itib
    ("香港微電子研發院", "香港微電子研發院", SAME),
    # look-alikes that are different measures --------------------------------------------------
    # zh-2024-pa-itib: ITVF and ITF
    ("創科創投基金", "創新及科技基金", DIFFERENT),
    # zh-2024-pa-p78 p79: ITVF and the new fund-of-funds
    ("創科創投基金", "創科產業引導基金", DIFFERENT),
    # zh-2024-pa-full
    ("新型工業加速計劃", "新型工業化資助計劃", DIFFERENT),
    # zh-2023-24-budget-speech
    ("長者生活津貼", "高齡津貼", DIFFERENT),
    # en-2021-22-budget-speech
    ("Old Age Allowance", "Old Age Living Allowance", DIFFERENT),
    # zh-2024-pa-full: the two sides of the Loop
    ("香港園區", "深圳園區", DIFFERENT),
    # zh-2024-pa-full: the park and the co-operation zone it is in
    ("河套港深創科園", "河套深港科技創新合作區", DIFFERENT),
    ("河套香港園區", "河套深港科技創新合作區", DIFFERENT),
    # en-2021-22-budget-speech
    ("Innovation and Technology Fund", "Construction Innovation and Technology Fund", DIFFERENT),
    ("Innovation and Technology Venture Fund", "Corporate Venture Fund", DIFFERENT),
    # en-2020-21-budget-highlights
    ("Recycling Fund", "Green Tech Fund", DIFFERENT),
    # zh-2022-pa-full / zh-2024-pa-full: a task force each sets up
    ("專責小組", "專責小組", DIFFERENT),
    # en-2020-21-budget-highlights / en-2021-22-budget-speech
    ("pilot scheme", "pilot scheme", DIFFERENT),
    # zh-2024-pa-full / zh-2024-pa-itib
    ("研究中心", "研究中心", DIFFERENT),
    # zh-2024-pa-full: the contract and the facilitation measure for it
    ("粵港澳大灣區（內地、香港）個人信息跨境流動標準合同",
     "粵港澳大灣區（內地、香港）個人信息跨境流動標準合同便利措施", DIFFERENT),
    # zh-2024-pa-itib / en-2021-22-budget-speech
    ("香港微電子研發院", "Microelectronics Centre", DIFFERENT),
    # zh-2024-25-budget-speech
    ("人工智能資助計劃", "人工智能超算中心", DIFFERENT),
    # zh-2022-pa-full
    ("北部都會區督導委員會", "北部都會區諮詢委員會", DIFFERENT),
    # zh-2024-pa-itib
    ("創科實習計劃", "創科加速器先導計劃", DIFFERENT),
]
# fmt: on

#: Named measures of the built fixture (zh-2024-pa-itib pdf+txt, the zh-2024-pa-p78 pair) that
#: two papers share → their registry id.
SHARED = {"創科創投基金": "itvf", "創科加速器先導計劃": "it-accelerator-pilot-scheme",
          "創科產業引導基金": "it-industry-oriented-fund"}


@pytest.mark.parametrize(("name", "expected"), NORMAL_FORMS)
def test_registry_normal_form(name: str, expected: str) -> None:
    assert normal_form(name) == expected


def test_registry_matcher_precision_and_recall_on_corpus_pairs() -> None:
    assert len(PAIRS) >= 30
    predicted = [(same_measure(a, b), truth) for a, b, truth in PAIRS]
    true_positive = sum(1 for guess, truth in predicted if guess and truth)
    precision = true_positive / max(1, sum(1 for guess, _ in predicted if guess))
    recall = true_positive / max(1, sum(1 for _, truth in predicted if truth))
    wrong = [(a, b, truth) for (a, b, truth), (guess, _) in zip(PAIRS, predicted) if guess != truth]
    print(f"measure pairs: {len(PAIRS)}, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.90, wrong


def test_registry_without_rows_needs_the_normal_form_alone() -> None:
    """Of the pairs, the automatic matcher alone (an empty registry) finds the ones that differ
    only in form, and merges no look-alike; the rows add the rest."""
    from extractor.registry import Registry

    empty = Registry({}, {})
    assert same_measure("「簡約公屋」", "簡約公屋", empty)
    assert same_measure("數碼港人工智能超算中心", "人工智能超算中心", empty)
    assert not same_measure("創科創投基金", "Innovation and Technology Venture Fund", empty)
    assert not any(same_measure(a, b, empty) for a, b, truth in PAIRS if not truth and a != b)


def test_registry_identity_needs_no_other_paper() -> None:
    """Identity is a function of one name and the registry: a scope=paper name is each paper's own."""
    assert measure_id("創科創投基金", "a") == measure_id("「創科創投基金」", "b") == "itvf"
    assert measure_id("專責小組", "a") != measure_id("專責小組", "b")
    assert measure_id("專責小組", "a") == measure_id("專責小組", "a")
    assert resolve("慢性疾病共同治理先導計劃").id.startswith("auto-")


def test_registry_rows_are_well_formed() -> None:
    """Every row: a known type and responsible unit, a corpus paper, one id, names in both
    columns' scripts."""
    from extractor.recognizers.orgs import load_gazetteer
    from extractor.vocab import POLV

    registry = load_registry()
    concepts = (ROOT / "ontology" / "policy.ttl").read_text("utf-8")
    gazetteer = load_gazetteer()
    corpus = {p.name for p in (ROOT / "corpus").iterdir()}
    assert len(registry.measures) >= 30
    for entry in registry.measures.values():
        assert f"polv:type-{entry.type.lower()} " in concepts, entry
        assert entry.unit is None or entry.unit in gazetteer.units, entry
        assert entry.first_paper in corpus, entry
        assert not entry.name_en or entry.name_en.isascii(), entry
        assert str(POLV[f"type-{entry.type.lower()}"]).startswith(str(POLV))


@pytest.mark.parametrize(("row", "problem"), [
    ("itvf,甲基金,,,Fund,,x.pdf,shared,", "has a row already"),
    ("Bad Id,甲基金,,,Fund,,x.pdf,shared,", "expected an id"),
    ("auto-1,甲基金,,,Fund,,x.pdf,shared,", "expected an id"),
    ("new-one,,,,Fund,,x.pdf,shared,", "expected a name_zh or a name_en"),
    ("new-one,甲基金,,,Fund,,x.pdf,everywhere,", "expected a scope"),
    ("new-one,創科創投基金,,,Fund,,x.pdf,shared,", "already a name of itvf"),
])
def test_registry_bad_row_is_named(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "measures.csv"
    shutil.copy(MEASURES_PATH, path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    with pytest.raises(InputError, match=problem) as error:
        load_registry(path)
    assert str(path) in str(error.value)


def test_registry_header_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "measures.csv"
    path.write_text("id,name\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match=",".join(COLUMNS)):
        load_registry(path)


# -- built graphs --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The p78 pair built alone, then zh-2024-pa-itib (.pdf and .txt) added to the same folder."""
    from conftest import CORPUS

    from extractor.build import build_corpus

    folder = tmp_path_factory.mktemp("registry")
    papers_dir, out = folder / "corpus", folder / "graphs"
    papers_dir.mkdir()
    pair = ("zh-2024-pa-p78.txt", "en-2024-pa-p78.txt")
    for name in pair:
        shutil.copy(CORPUS / name, papers_dir / name)

    def build() -> object:
        papers = sorted(papers_dir.iterdir())
        return build_corpus(papers, {p: p.stem for p in papers}, out, pairs=[tuple(papers_dir / n for n in pair)])

    build()
    before = (out / "zh-2024-pa-p78+en-2024-pa-p78.trig").read_bytes()
    for name in ("zh-2024-pa-itib.pdf", "zh-2024-pa-itib.txt"):
        shutil.copy(CORPUS / name, papers_dir / name)
    report = build()
    dataset = Dataset(default_union=True)
    for trig in sorted(out.glob("*.trig")):
        if trig.name != "reference.trig":
            dataset.parse(trig, format="trig")
    return {"out": out, "before": before, "report": report, "dataset": dataset}


def test_registry_adding_a_paper_rewrites_no_other_graph(built: dict[str, object]) -> None:
    out: Path = built["out"]  # type: ignore[assignment]
    assert built["report"].built == ["zh-2024-pa-itib"]  # type: ignore[attr-defined]
    assert (out / "zh-2024-pa-p78+en-2024-pa-p78.trig").read_bytes() == built["before"]


@pytest.mark.parametrize(("name", "measure"), sorted(SHARED.items()))
def test_registry_shared_measure_is_one_node(built: dict[str, object], name: str, measure: str) -> None:
    dataset: Dataset = built["dataset"]  # type: ignore[assignment]
    nodes = {m for m in dataset.subjects(SKOS["prefLabel"], None) if any(
        str(label) == name for label in dataset.objects(m, SKOS["prefLabel"]))}
    assert nodes == {ID[f"measure/{measure}"]}
    papers = set(dataset.objects(ID[f"measure/{measure}"], POL["announcedIn"]))
    assert papers == {ID["paper/zh-2024-pa-p78"], ID["paper/zh-2024-pa-itib"]}
    labels = {(label.language, str(label)) for label in dataset.objects(ID[f"measure/{measure}"], SKOS["prefLabel"])}
    assert {lang for lang, _ in labels} == {"zh-Hant", "zh-Hans", "en"} and len(labels) == 3


def test_registry_pdf_and_txt_are_one_paper(built: dict[str, object]) -> None:
    out: Path = built["out"]  # type: ignore[assignment]
    dataset: Dataset = built["dataset"]  # type: ignore[assignment]
    assert not list(out.glob("zh-2024-pa-itib.*.trig")) and (out / "zh-2024-pa-itib.trig").exists()
    works = set(dataset.subjects(RDF.type, ELI["Work"]))
    assert works == {ID["paper/zh-2024-pa-itib"], ID["paper/zh-2024-pa-p78"]}
    expression = ID["paper/zh-2024-pa-itib/zh-hant"]
    files = set(dataset.objects(expression, ELI["is_embodied_by"]))
    assert files == {URIRef(f"{expression}/pdf"), URIRef(f"{expression}/txt")}
    assert set(dataset.objects(expression, POL["textSource"])) == {URIRef(f"{expression}/pdf")}
    assert all(len(str(dataset.value(f, POL["sha256"]))) == 64 for f in files)
    # Its measures counted once: one announcement per node, as many as the paper's measure ids.
    import json

    facts = json.loads((out / "zh-2024-pa-itib.facts.json").read_text("utf-8"))
    ids = {measure_id(m["name"], "zh-2024-pa-itib") for m in facts["measures"]}
    rows = list(dataset.query("SELECT ?m WHERE { ?m pol:announcedIn ?p }", initNs={"pol": POL},
                              initBindings={"p": ID["paper/zh-2024-pa-itib"]}))
    assert len(rows) == len({row[0] for row in rows}) == len(ids)


def test_registry_series(built: dict[str, object]) -> None:
    dataset: Dataset = built["dataset"]  # type: ignore[assignment]
    assert dataset.value(ID["paper/zh-2024-pa-p78"], POL["series"]) == ID["series/policy-address"]
    assert dataset.value(ID["paper/zh-2024-pa-itib"], POL["series"]) == ID["series/papers-to-legco-panel-ciit"]
    assert (ID["series/policy-address"], RDF.type, POL["Series"]) in dataset


def test_registry_manifest_rebuilds_the_paper_when_either_file_changes(built: dict[str, object]) -> None:
    import json

    out: Path = built["out"]  # type: ignore[assignment]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    entry = manifest["graphs"]["zh-2024-pa-itib"]
    assert sorted(entry["files"]) == ["zh-2024-pa-itib.pdf", "zh-2024-pa-itib.txt"] and len(entry["inputs"]) == 2


def test_registry_unknown_measure_label_is_its_normal_form(built: dict[str, object]) -> None:
    dataset: Dataset = built["dataset"]  # type: ignore[assignment]
    node = ID[f"measure/{resolve('前沿科技研究支援計劃').id}"]
    assert {str(l) for l in dataset.objects(node, SKOS["prefLabel"])} == {"前沿科技研究支援計劃", "前沿科技研究支援计划"}
    assert dataset.value(node, POL["measureType"]) == POLV["type-scheme"]


def test_registry_csv_columns() -> None:
    with MEASURES_PATH.open(encoding="utf-8", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS


def test_registry_export_has_one_node_per_measure_with_an_edge_to_each_paper(built: dict[str, object]) -> None:
    from extractor import export as x

    model = x.property_graph(x.load_dataset([str(built["out"])]))
    node = model.nodes["measure/itvf"]
    assert (node["label_zh"], node["label_en"], node["papers"]) == ("創科創投基金", "Innovation and Technology Venture Fund", 2)
    papers = sorted(t for _, t, d in model.out_edges("measure/itvf", data=True) if d["relation"] == "announced_in")
    assert papers == ["paper/zh-2024-pa-itib", "paper/zh-2024-pa-p78"]
    assert sum(1 for _, d in model.nodes(data=True) if d["node_type"] == "paper") == 2
