"""Native Word charts in the briefing: chart parts with their workbooks, the deck's chart data and look, the body face."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile

import openpyxl
import pytest
from docx import Document
from lxml import etree

from generator.content.loader import load_project
from generator.present.view import present
from generator.render.briefing.document import briefing_bytes
from generator.render.context import RenderContext
from generator.theme import HouseStyle, load_theme
from tests.conftest import ROOT

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.fixture(scope="module")
def seed():
    project = load_project(ROOT / "content", ROOT)
    theme = load_theme(ROOT, project.series.theme)
    view = present(project.series, project.conferences[0].model, True)
    return view, theme, briefing_bytes(view, RenderContext(theme))


def charts_of(view):
    return [c for t in view.themes for c in t.charts]


def test_every_chart_is_a_chart_part_with_its_workbook_inline_with_its_alt_text(seed):
    view, _, data = seed
    charts = charts_of(view)
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    types = z.read("[Content_Types].xml").decode()
    assert sum(n.startswith("word/charts/chart") and n.endswith(".xml") for n in names) == len(charts)
    assert "drawingml.chart+xml" in types and not [n for n in names if n.startswith("word/media/")]
    doc = Document(io.BytesIO(data))
    rels = dict(doc.part.rels.items())
    drawings = doc.element.body.findall(f".//{{{C}}}chart")
    assert len(drawings) == len(charts)
    for n, (ref, chart) in enumerate(zip(drawings, charts), 1):
        part = rels[ref.get(f"{{{R}}}id")].target_part
        assert part.partname == f"/word/charts/chart{n}.xml"
        inline = ref.getparent().getparent().getparent()
        doc_pr = inline.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
        assert (doc_pr.get("name"), doc_pr.get("title"), doc_pr.get("descr")) == (f"图{n}", chart.title, chart.alt_text())
        workbook = [r.target_part for r in part.rels.values() if r.reltype.endswith("/package")]
        assert len(workbook) == 1
        sheet = openpyxl.load_workbook(io.BytesIO(workbook[0].blob)).active  # Edit Data opens this
        assert [sheet.cell(i + 2, 1).value for i in range(len(chart.categories))] == list(chart.categories)
        root = etree.fromstring(part.blob)
        assert root.find(f"{{{C}}}externalData").get(f"{{{R}}}id") in part.rels


def test_the_chart_data_and_look_are_the_decks(seed):
    """Same categories and values as the chart data, the theme's accents, and text in the briefing's body face."""
    view, theme, data = seed
    z = zipfile.ZipFile(io.BytesIO(data))
    for n, chart in enumerate(charts_of(view), 1):
        root = etree.fromstring(z.read(f"word/charts/chart{n}.xml"))
        sers = root.findall(f".//{{{C}}}ser")
        assert len(sers) >= len(chart.series)
        first = sers[0]
        cats = [v.text for v in first.findall(f"{{{C}}}cat//{{{C}}}pt/{{{C}}}v")]
        vals = [float(v.text) for v in first.findall(f"{{{C}}}val//{{{C}}}pt/{{{C}}}v")]
        assert cats == list(chart.categories)
        assert vals == [v for v in chart.series[0].values if v is not None]
        defrpr = root.find(f"{{{C}}}txPr//{{{A}}}defRPr")
        assert defrpr.find(f"{{{A}}}ea").get("typeface") == theme.fonts.brief_body
        assert root.find(f".//{{{C}}}ser/{{{C}}}spPr//{{{A}}}schemeClr") is not None or \
            root.find(f".//{{{C}}}dPt//{{{A}}}schemeClr") is not None
        assert all(int(el.get("val")) >= 0 for el in root.iter(f"{{{C}}}axId"))


def test_a_combo_chart_keeps_its_secondary_axis_in_the_briefing():
    from generator.content.model import Conference, Series

    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(text)
    theme_ = data["parts"][0]["themes"][0]
    theme_["metrics"].append({"id": "gdp_rate", "label": "增速", "value": 5.6, "unit": "%"})
    theme_["charts"].append({"id": "combo", "type": "combo", "title": "总量与增速", "unit": "亿元", "categories": ["2024年"],
                             "series": [{"name": "总量", "values": ["gdp"]},
                                        {"name": "增速", "values": ["gdp_rate"], "axis": "secondary", "unit": "%"}]})
    conf = Conference.model_validate(data)
    series = Series.model_validate({"title": "系列", "city": "市", "organisers": ["单位"], "conferences": ["x.yaml"]})
    out = briefing_bytes(present(series, conf), RenderContext(HouseStyle()))
    z = zipfile.ZipFile(io.BytesIO(out))
    combo = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/charts/chart") and n.endswith(".xml")]
    with_line = [c for c in combo if c.find(f".//{{{C}}}lineChart") is not None and c.find(f".//{{{C}}}barChart") is not None]
    assert with_line and len(with_line[0].findall(f".//{{{C}}}valAx")) == 2


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_brief_charts_picture_keeps_the_matplotlib_pictures(seed):
    view, theme, _ = seed
    picture = theme.model_copy(update={"brief_charts": "picture"})
    z = zipfile.ZipFile(io.BytesIO(briefing_bytes(view, RenderContext(picture))))
    assert not [n for n in z.namelist() if n.startswith("word/charts/")]
    assert len([n for n in z.namelist() if n.startswith("word/media/")]) == len(charts_of(view))


def test_a_chart_title_with_markup_characters_stays_text():
    from ruamel.yaml import YAML

    from generator.content.model import Conference, Series

    data = YAML(typ="safe", pure=True).load((ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8"))
    title = '产值"A&B"<比较> \'对比\''
    data["parts"][0]["themes"][0]["charts"][0]["title"] = title
    conf = Conference.model_validate(data)
    series = Series.model_validate({"title": "系列", "city": "市", "organisers": ["单位"], "conferences": ["x.yaml"]})
    doc = Document(io.BytesIO(briefing_bytes(present(series, conf), RenderContext(HouseStyle()))))
    [shape] = doc.inline_shapes
    assert shape._inline.docPr.get("title") == title


WORD_MADE = ROOT / "tests" / "fixtures" / "word-made-chart.docx"  # saved by Microsoft Word (tests/fixtures/README.md)
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"


def chart_package(data: bytes) -> dict:
    """A chart document as Word checks it: the content types of its chart parts and their workbooks, the types of
    the relationships document -> chart -> workbook and where they point, the elements of each inline chart drawing,
    and the top-level elements of each chart part."""
    z = zipfile.ZipFile(io.BytesIO(data))
    types = etree.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types if d.tag.endswith("Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.tag.endswith("Override")}

    def content_type(part: str) -> str:
        return overrides.get(part) or defaults[part.rsplit(".", 1)[-1].lower()]

    def rels(part: str) -> list[tuple[str, str, str]]:
        folder, name = part.rsplit("/", 1)
        root = etree.fromstring(z.read(f"{folder[1:]}/_rels/{name}.rels"))
        return [(r.get("Id"), r.get("Type"), posixpath.normpath(f"{folder}/{r.get('Target')}")) for r in root]

    doc = etree.fromstring(z.read("word/document.xml"))
    charts = {rid: target for rid, kind, target in rels("/word/document.xml") if kind == CHART_REL}
    inlines = [el.getparent().getparent().getparent() for el in doc.iter(f"{{{C}}}chart")]
    workbooks = [(kind, target) for chart in charts.values() for _, kind, target in rels(chart)
                 if target.endswith(".xlsx")]
    return {
        "chart types": {content_type(p) for p in charts.values()},
        "workbook types": {content_type(t) for _, t in workbooks},
        "workbook relationships": {kind for kind, _ in workbooks},
        "chart places": {bool(re.fullmatch(r"/word/charts/chart\d+\.xml", p)) for p in charts.values()},
        "workbook places": {bool(re.fullmatch(r"/word/embeddings/[^/]+\.xlsx", t)) for _, t in workbooks},
        "drawings": {tuple(etree.QName(child).localname for child in inline) for inline in inlines},
        "drawing data": {inline.find(f"{{{A}}}graphic/{{{A}}}graphicData").get("uri") for inline in inlines},
        "references": {el.get(f"{{{R}}}id") in charts for el in doc.iter(f"{{{C}}}chart")},
        "chart parts": [[etree.QName(child).localname for child in etree.fromstring(z.read(p[1:]))]
                        for p in charts.values()],
    }


def test_the_briefings_charts_are_packaged_as_word_packages_its_own():
    word = WORD_MADE.read_bytes()
    assert b"<Application>Microsoft Office Word</Application>" in zipfile.ZipFile(WORD_MADE).read("docProps/app.xml")
    project = load_project(ROOT / "content", ROOT)
    view = present(project.series, project.conferences[0].model, True)
    theirs, ours = chart_package(word), chart_package(briefing_bytes(view, RenderContext(load_theme(ROOT, project.series.theme))))
    for aspect in ("chart types", "workbook types", "workbook relationships", "chart places", "workbook places",
                   "drawings", "drawing data", "references"):
        assert ours[aspect] == theirs[aspect], aspect
    assert ours["chart places"] == ours["workbook places"] == ours["references"] == {True}
    # each chart part's elements in the order Word writes them (Word adds optional ones: c:lang, its chart style)
    order = theirs["chart parts"][0]
    for elements in ours["chart parts"]:
        assert {"chart", "externalData"} <= set(elements)
        assert [e for e in order if e in elements] == elements
