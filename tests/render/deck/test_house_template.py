"""The house master and layouts: the deck's slides stand on them and fill their placeholders; a slide an official
adds from any layout looks like the rest; the exported template builds the same deck."""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from generator.render.deck.house_template import HOUSE_LAYOUTS, LAYOUT_ORDER, SECTION
from generator.theme import load_theme
from tests.conftest import ROOT

HOUSE_NAMES = set(HOUSE_LAYOUTS.values()) | {SECTION}
THEME = load_theme(ROOT, "assets/theme.yaml")


@pytest.fixture(scope="module")
def prs(built_deck):
    return Presentation(str(built_deck[0]))


def ph_type(shape):
    return shape.placeholder_format.type if shape.is_placeholder else None


def test_the_master_offers_the_house_layouts_in_chinese(prs):
    assert [layout.name for layout in prs.slide_layouts] == [HOUSE_LAYOUTS.get(k, k) for k in LAYOUT_ORDER]
    for layout in prs.slide_layouts:  # every prompt an official sees is in Chinese, none of PowerPoint's English
        for ph in layout.placeholders:
            if ph.has_text_frame and ph.text_frame.text.strip() and ph_type(ph) != PP_PLACEHOLDER.SLIDE_NUMBER:
                assert ph._element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph")).get("hasCustomPrompt") == "1"
                assert not ph.text_frame.text.isascii(), (layout.name, ph.text_frame.text)


def test_every_slide_stands_on_a_house_layout_and_fills_its_placeholders(prs):
    slides = list(prs.slides)
    assert {s.slide_layout.name for s in slides} <= HOUSE_NAMES
    assert slides[0].slide_layout.name == "封面" and slides[1].slide_layout.name == "目录"
    assert slides[-1].slide_layout.name == "结束"
    for slide in slides:
        for shape in slide.placeholders:  # nothing left that PowerPoint would show as “click to add text”
            assert shape.element.tag != qn("p:sp") or shape.text_frame.text.strip(), (slide.slide_layout.name, shape.name)
    cover = {ph_type(s): s.text_frame.text for s in slides[0].placeholders}
    assert "坚决扛起" in cover[PP_PLACEHOLDER.CENTER_TITLE] and "新闻发布会" in cover[PP_PLACEHOLDER.BODY]
    assert "2025" in cover[PP_PLACEHOLDER.SUBTITLE] and "宣传部" in cover[PP_PLACEHOLDER.SUBTITLE]
    closing = {ph_type(s): s.text_frame.text for s in slides[-1].placeholders}
    assert closing[PP_PLACEHOLDER.TITLE] == "谢谢！" and "宣传部" in closing[PP_PLACEHOLDER.BODY]
    for slide in slides[1:]:  # the number in the layout's slide-number placeholder, as a field
        [number] = [s for s in slide.placeholders if ph_type(s) == PP_PLACEHOLDER.SLIDE_NUMBER]
        assert number._element.find(".//" + qn("a:fld")).get("type") == "slidenum"
    sources = [s for slide in slides for s in slide.placeholders if ph_type(s) == PP_PLACEHOLDER.FOOTER]
    assert len(sources) >= 20 and all(s.text_frame.text.startswith("资料来源") for s in sources)
    assert not [s for slide in slides for s in slide.shapes if s.name == "资料来源" and not s.is_placeholder]
    bodies = [s for slide in slides if slide.slide_layout.name == "要点" for s in slide.placeholders
              if ph_type(s) == PP_PLACEHOLDER.BODY]
    assert bodies and all(len(b.text_frame.paragraphs) >= 2 for b in bodies)
    charts = [s for slide in slides for s in slide.shapes if s.has_chart]
    in_holders = [c for c in charts if c.is_placeholder]
    # each chart slide's first chart is in the layout's chart placeholder; a second one beside it is drawn
    assert len(in_holders) == len([s for s in slides if s.slide_layout.name == "图表"]) and len(in_holders) >= 5
    leads = [s for slide in slides if slide.slide_layout.name == "关键数据" for s in slide.placeholders
             if s.name == "导语"]
    assert leads and all(s.text_frame.text for s in leads)


def shows_master_shapes(layout) -> bool:
    return layout._element.get("showMasterSp") != "0"


def visible(layout, name: str) -> list:
    found = [s for s in layout.shapes if s.name == name]
    return found + ([s for s in layout.slide_master.shapes if s.name == name] if shows_master_shapes(layout) else [])


def test_a_slide_an_official_adds_from_any_layout_carries_the_house_look(shipped_project, run):
    from PIL import Image

    Image.new("RGB", (200, 200), (183, 28, 28)).save(shipped_project / "assets" / "logo.png")
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("logo: null", "logo: assets/logo.png"), encoding="utf-8")
    assert run(shipped_project, "deck")[0] == 0
    [path] = list((shipped_project / "output").rglob("*.pptx"))
    prs = Presentation(str(path))
    band = THEME.colours.primary
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)  # what "New Slide" does
        for ph in slide.placeholders:
            ph.text_frame.text = "官员补充的一行 2025年"
        ground = layout._element.find(qn("p:cSld")).find(qn("p:bg"))
        on_brand_ground = ground is not None and ground.find(".//" + qn("a:srgbClr")).get("val") == band
        # the brand band at the foot, or the whole slide in the brand colour (cover, closing)
        bands = visible(layout, "底部色带")
        assert on_brand_ground or (bands and str(bands[0].fill.fore_color.rgb) == THEME.colours.primary
                                   and bands[0].top + bands[0].height == prs.slide_height), layout.name
        if layout.name != "结束":
            assert len(visible(layout, "标志")) == 1, layout.name
        if layout.name != "封面":  # the footer row: a source line where there are data, and the slide number
            types = {ph_type(ph) for ph in layout.placeholders}
            assert PP_PLACEHOLDER.SLIDE_NUMBER in types, layout.name
            assert PP_PLACEHOLDER.FOOTER in types or layout.name == "结束", layout.name
    # the text an official types names no face: it takes the master's styles, which name the theme's fonts
    master = prs.slide_master._element
    styles = master.find(qn("p:txStyles"))
    for style, group in (("p:titleStyle", "mj"), ("p:bodyStyle", "mn"), ("p:otherStyle", "mn")):
        rpr = styles.find(qn(style)).find(qn("a:lvl1pPr")).find(qn("a:defRPr"))
        assert rpr.find(qn("a:ea")).get("typeface") == f"+{group}-ea"
        assert rpr.find(qn("a:latin")).get("typeface") == f"+{group}-lt"
    theme_xml = [p.blob for p in prs.part.package.iter_parts() if p.partname.startswith("/ppt/theme/")][0].decode()
    assert f'<a:ea typeface="{THEME.fonts.deck_ea}"/>' in theme_xml and 'script="Hans"' in theme_xml


@pytest.mark.slow  # LibreOffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_draws_both_literal_and_theme_named_faces_in_the_mapped_face(built_deck, tmp_path):
    """The deck's runs name 微软雅黑; an official's typed text names +mn-ea. Both come out in Noto Sans CJK SC."""
    from generator.publish.pdf import to_pdf

    prs = Presentation(str(built_deck[0]))
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        for ph in slide.placeholders:
            ph.text_frame.text = "官员补充的一行"
    path = tmp_path / "added.pptx"
    prs.save(str(path))
    pdf = tmp_path / "added.pdf"
    pdf.write_bytes(to_pdf([path], ROOT / "assets" / "fonts" / "fonts.conf")[path])
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts.splitlines()[2:] if "CJK" in line}
    assert cjk == {"NotoSansCJKsc"}, fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("官员补充的一行") >= len(prs.slide_layouts) * 2 - 2  # title and body of each added slide


def slide_signature(slide) -> list:
    return [slide.slide_layout.name] + [(s.name, s.has_text_frame and s.text_frame.text, s.has_chart, s.left, s.top,
                                         s.width, s.height) for s in slide.shapes]


def test_the_exported_template_builds_the_same_deck(shipped_project, run):
    code, out, err = run(shipped_project, "template", "-o", "assets/模板.pptx")
    assert code == 0, err
    assert "“要点”  (used for: highlights)" in out and "deck_template: assets/模板.pptx" in out
    template = Presentation(str(shipped_project / "assets" / "模板.pptx"))
    # it opens on a sample slide per layout (#28); a build drops them, so the decks below are the same
    assert len(template.slides) == len(template.slide_layouts) and [layout.name for layout in template.slide_layouts][0] == "封面"
    assert run(shipped_project, "deck", "--out", "house")[0] == 0
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "deck_template: assets/模板.pptx\n", encoding="utf-8")
    assert run(shipped_project, "deck", "--out", "designer")[0] == 0
    [house] = list((shipped_project / "house").rglob("*.pptx"))
    [designer] = list((shipped_project / "designer").rglob("*.pptx"))
    a, b = Presentation(str(house)), Presentation(str(designer))
    assert len(a.slides) == len(b.slides) > 20
    for i, (x, y) in enumerate(zip(a.slides, b.slides), 1):
        assert slide_signature(x) == slide_signature(y), f"slide {i}"
    # a second export refuses to overwrite a designer's edits
    code, _, err = run(shipped_project, "template", "-o", "assets/模板.pptx")
    assert code != 0 and "已存在" in err and "Traceback" not in err


def test_layouts_lists_the_house_layouts_and_those_of_a_built_deck(shipped_project, run):
    code, out, err = run(shipped_project, "layouts", "--out", "output/house-layouts.pptx")
    assert code == 0, err
    for name in HOUSE_NAMES:
        assert f"“{name}”" in out
    assert "idx 13  CHART" in out and "(used for: chart)" in out
    assert run(shipped_project, "deck")[0] == 0
    [deck] = list((shipped_project / "output").rglob("*发布会.pptx"))
    code, out2, err = run(shipped_project, "layouts", str(deck.relative_to(shipped_project)), "--out", "output/b.pptx")
    assert code == 0, err
    assert out2.splitlines()[:-1] == out.splitlines()[:-1]
    annotated = Presentation(str(shipped_project / "output" / "b.pptx"))
    assert len(annotated.slides) == len(HOUSE_NAMES)


def test_the_house_template_is_the_same_bytes_each_time():
    from generator.render.deck.house_template import template_bytes
    from generator.writer import normalise_zip

    one, two = normalise_zip(template_bytes(THEME)), normalise_zip(template_bytes(THEME))
    assert one == two
    Presentation(io.BytesIO(one))


def test_the_master_names_only_the_themes_faces():
    """A theme with other faces: nothing in the master, layouts or theme part names a face it did not choose."""
    import re
    import zipfile

    from generator.render.deck.house_template import template_bytes

    fonts = THEME.fonts.model_copy(update={"deck_latin": "Times New Roman", "deck_ea": "黑体"})
    data = template_bytes(THEME.model_copy(update={"fonts": fonts}))
    named = set()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slideMasters/", "ppt/slideLayouts/", "ppt/theme/")) and name.endswith(".xml"):
                named |= set(re.findall(r'typeface="([^"]*)"', z.read(name).decode("utf-8")))
    assert named <= {"Times New Roman", "黑体", "+mj-lt", "+mj-ea", "+mj-cs", "+mn-lt", "+mn-ea", "+mn-cs"}, named


def test_the_slides_are_grouped_in_sections_one_per_theme(prs, built_deck):
    """PowerPoint's and WPS's slide sorter shows a section (节) per theme: every slide in exactly one, in order."""
    p14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
    sections = prs.part._element.findall(f".//{p14}section")
    names = [s.get("name") for s in sections]
    view_titles = [t.title for t in built_deck[1].conferences[0].model.themes()]
    assert names == ["封面与目录", *view_titles, "结束"]
    listed = [i.get("id") for s in sections for i in s.iter(f"{p14}sldId")]
    assert listed == [sld.get("id") for sld in prs.slides._sldIdLst]
    assert len({s.get("id") for s in sections}) == len(sections)
