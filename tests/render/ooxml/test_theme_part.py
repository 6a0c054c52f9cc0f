"""The house style in the documents' own theme parts, and no face named anywhere that the house style does not name."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.render.ooxml.theme_part import A, scheme_colours
from generator.theme import HouseStyle, load_theme
from tests.conftest import ROOT, build_one

THEME_FONT_REFERENCES = {"+mn-lt", "+mn-ea", "+mn-cs", "+mj-lt", "+mj-ea", "+mj-cs"}
SYMBOL = "Symbol"  # python-docx's bullet definitions (numbering.xml), a face every Windows and WPS install has


def font_map_faces() -> set[str]:
    text = (ROOT / "assets" / "fonts" / "fonts.conf").read_text(encoding="utf-8")
    return set(re.findall(r"<alias[^>]*><family>([^<]+)</family>", text)) | set(re.findall(
        r'<test name="family"><string>([^<]+)</string>', text))


def faces_named(path: Path) -> dict[str, set[str]]:
    """face -> the parts that name it: theme fonts, run and style fonts, chart text (w:lang values excluded)."""
    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith(".xml"):
                continue
            text = z.read(name).decode("utf-8")
            faces = re.findall(r'typeface="([^"]*)"', text)
            for fonts in re.findall(r"<w:rFonts ([^>]*)/>", text):
                faces += re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]*)"', fonts)
            for face in faces:
                found.setdefault(face, set()).add(name)
    return found


@pytest.fixture(scope="module", params=["assets/theme.yaml", "assets/theme-红头.yaml"])
def outputs(request, tmp_path_factory):
    import shutil

    from generator.content.loader import load_project

    folder = tmp_path_factory.mktemp("theme-part")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("assets/theme.yaml", request.param), encoding="utf-8")
    project = load_project(folder / "content", folder)
    theme = load_theme(folder, request.param)
    return theme, build_one(project, folder / "out" / "deck", "deck"), build_one(project, folder / "out" / "brief", "brief")


def _theme_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def test_the_deck_theme_holds_the_house_faces_and_colours(outputs):
    theme, deck, _ = outputs
    if theme.deck_template:
        pytest.skip("a designer's template keeps its own theme")
    root = _theme_xml(deck, "ppt/theme/theme1.xml")
    for tag in ("majorFont", "minorFont"):
        holder = root.find(f".//{{{A}}}{tag}")
        assert holder.find(f"{{{A}}}latin").get("typeface") == theme.fonts.deck_latin
        assert holder.find(f"{{{A}}}ea").get("typeface") == theme.fonts.deck_ea  # not empty
        scripts = {f.get("script"): f.get("typeface") for f in holder.findall(f"{{{A}}}font")}
        assert scripts == {"Hans": theme.fonts.deck_ea}  # no Japanese, Korean or Thai faces for WPS to miss
    for slot, colour in scheme_colours(theme).items():
        assert root.find(f".//{{{A}}}clrScheme/{{{A}}}{slot}/{{{A}}}srgbClr").get("val") == colour.upper()
    assert scheme_colours(theme)["accent1"] == theme.colours.series[0]  # a chart added by hand takes the series


def test_the_briefing_theme_holds_the_house_faces_and_chinese_as_its_east_asian_language(outputs):
    theme, _, brief = outputs
    root = _theme_xml(brief, "word/theme/theme1.xml")
    major, minor = (root.find(f".//{{{A}}}{t}") for t in ("majorFont", "minorFont"))
    assert major.find(f"{{{A}}}ea").get("typeface") == theme.fonts.brief_heading1
    assert minor.find(f"{{{A}}}ea").get("typeface") == theme.fonts.brief_body
    assert minor.find(f"{{{A}}}latin").get("typeface") == theme.fonts.brief_latin
    with zipfile.ZipFile(brief) as z:
        assert 'w:eastAsia="zh-CN"' in re.search(r"<w:themeFontLang[^>]*>", z.read("word/settings.xml").decode()).group(0)


def test_every_face_named_anywhere_is_a_house_face_or_mapped_for_the_pdfs(outputs):
    theme, deck, brief = outputs
    f = theme.fonts
    house = {f.deck_latin, f.deck_ea, f.brief_title, f.brief_body, f.brief_heading1, f.brief_heading2,
             f.brief_page_number, f.brief_latin}
    allowed = house | THEME_FONT_REFERENCES | {SYMBOL}
    for path in (deck, brief):
        named = faces_named(path)
        strays = {face: sorted(parts)[:3] for face, parts in named.items() if face not in allowed}
        if theme.deck_template and path == deck:  # the designer's theme and master are theirs
            strays = {k: v for k, v in strays.items() if not all("theme" in p or "Master" in p or "Layout" in p for p in v)}
        assert not strays, (path.name, strays)
    assert house - {SYMBOL} <= font_map_faces()  # and every house face has a free face for the PDFs


def test_a_text_box_added_in_the_deck_takes_the_house_faces(outputs):
    """What an official types into a new text box inherits the theme's minor faces."""
    from pptx import Presentation

    theme, deck, _ = outputs
    if theme.deck_template:
        pytest.skip("a designer's template keeps its own theme")
    prs = Presentation(str(deck))
    minor = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    assert f'<a:ea typeface="{theme.fonts.deck_ea}"/>' in minor and 'typeface=""' not in minor


def test_house_theme_keeps_the_part_valid_for_a_theme_of_one_series_colour():
    from generator.render.ooxml.theme_part import house_theme

    theme = HouseStyle.model_validate({"colours": {"series": ["123456"]}})
    xml = (b'<?xml version="1.0"?><a:theme xmlns:a="' + A.encode() + b'" name="x"><a:themeElements>'
           b'<a:clrScheme name="x">' + b"".join(f"<a:{s}/>".encode() for s in scheme_colours(theme)) + b"</a:clrScheme>"
           b'<a:fontScheme name="x"><a:majorFont/><a:minorFont/></a:fontScheme></a:themeElements></a:theme>')
    root = etree.fromstring(house_theme(xml, theme, ("Arial", "黑体"), ("Arial", "宋体")))
    assert [root.find(f".//{{{A}}}accent{i}/{{{A}}}srgbClr").get("val") for i in range(1, 7)] == ["123456"] * 6


def test_chart_series_name_the_theme_accents_unless_a_designer_template_sets_its_own(outputs):
    theme, deck, _ = outputs
    scheme, literal = 0, 0
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if not (name.startswith("ppt/charts/chart") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
            for ser in root.iter(f"{{{c}}}ser"):
                sp = ser.find(f"{{{c}}}spPr")
                fill = sp.find(f"{{{A}}}solidFill") if sp is not None else None
                if fill is None or fill.find(f"{{{A}}}schemeClr") is None and fill.find(f"{{{A}}}srgbClr") is None:
                    continue
                if fill.find(f"{{{A}}}schemeClr") is not None:
                    scheme += 1
                    assert re.fullmatch(r"accent[1-6]", fill.find(f"{{{A}}}schemeClr").get("val"))
                else:
                    literal += 1
    if theme.deck_template:
        assert scheme == 0 and literal > 0  # the template's own accents are not ours
    else:
        assert scheme > 0 and literal == 0


def test_a_doughnuts_labels_read_on_their_slices(outputs):
    """Labels inside a doughnut take white or the text colour, whichever contrasts more with the slice (the dark
    label on the blue slice read at 2.9:1); a small slice's label, moved out of the ring, reads on white."""
    from generator.theme import contrast

    theme, deck, _ = outputs
    accents = scheme_colours(theme)
    c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    checked = 0
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if not (name.startswith("ppt/charts/chart") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            if root.find(f".//{{{c}}}doughnutChart") is None:
                continue
            ser = root.find(f".//{{{c}}}ser")
            fills = {}
            for dpt in ser.findall(f"{{{c}}}dPt"):
                clr = dpt.find(f"{{{c}}}spPr/{{{A}}}solidFill/*")
                fills[dpt.find(f"{{{c}}}idx").get("val")] = accents.get(clr.get("val"), clr.get("val"))
            for label in ser.findall(f"{{{c}}}dLbls/{{{c}}}dLbl"):
                idx = label.find(f"{{{c}}}idx").get("val")
                text = label.find(f".//{{{A}}}defRPr/{{{A}}}solidFill/{{{A}}}srgbClr").get("val")
                behind = "FFFFFF" if label.find(f"{{{c}}}layout") is not None else fills[idx]
                assert contrast(text, behind) >= 4.5, (idx, text, behind)
                checked += 1
    assert checked >= 3
