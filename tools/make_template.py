"""Make the shipped alternative template: 4:3, a red header band with a gold rule, layouts named in Chinese.

Usage: python tools/make_template.py assets/templates/红头-4比3.pptx
It shows the template mechanism with a look distinctly different from the built-in one; a designer's own template,
made in PowerPoint or WPS, is used the same way (see `python -m generator layouts FILE`).
"""
from __future__ import annotations

import copy
import io
import sys
import zipfile

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Inches

RED, GOLD, WHITE = "C00000", "D4A017", "FFFFFF"
NAMES = {0: "封面", 1: "标题和内容", 2: "章节标题", 5: "仅标题", 6: "空白"}


def _rect(prs, x, y, cx, cy, colour: str, shape_id: int):
    """A filled rectangle's XML, made on a scratch slide (python-pptx draws shapes on slides, not on masters)."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, cx, cy)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour)
    shape.line.fill.background()
    el = copy.deepcopy(shape._element)
    el.nvSpPr.cNvPr.set("id", str(shape_id))
    el.nvSpPr.cNvPr.set("name", f"装饰 {shape_id}")
    return el


def _behind(shapes, el) -> None:
    """Insert as the first drawn shape of a master or layout (behind its placeholders)."""
    shapes._spTree.insert(2, el)


def _white_title(master) -> None:
    lvl1 = master._element.find(qn("p:txStyles")).find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    rpr = lvl1.find(qn("a:defRPr"))
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    rpr.insert(0, parse_xml(f'<a:solidFill {nsdecls("a")}><a:srgbClr val="{WHITE}"/></a:solidFill>'))
    rpr.set("b", "1")


def make(path: str) -> None:
    prs = Presentation()  # python-pptx's own template is 4:3 (10 × 7.5 in)
    master = prs.slide_master
    _behind(master.shapes, _rect(prs, Inches(0.4), Inches(1.22), Inches(9.2), Inches(0.05), GOLD, 901))
    _behind(master.shapes, _rect(prs, 0, 0, prs.slide_width, Inches(1.15), RED, 900))
    _white_title(master)
    for ph in master.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
            ph.left, ph.top, ph.width, ph.height = Inches(0.4), Inches(0.12), Inches(9.2), Inches(0.92)
        elif ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
            ph.left, ph.top, ph.width, ph.height = Inches(0.5), Inches(1.5), Inches(9.0), Inches(5.2)
    for i, layout in enumerate(prs.slide_layouts):
        if i in NAMES:
            layout.name = NAMES[i]
        for ph in layout.placeholders:
            kind = ph.placeholder_format.type
            if kind == PP_PLACEHOLDER.TITLE and i != 2:
                ph.left, ph.top, ph.width, ph.height = Inches(0.4), Inches(0.12), Inches(9.2), Inches(0.92)
            elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) and i == 1:
                ph.left, ph.top, ph.width, ph.height = Inches(0.5), Inches(1.5), Inches(9.0), Inches(5.2)
    cover = prs.slide_layouts[0]
    cover._element.set("showMasterSp", "0")  # the cover is all red, with a gold rule: no header band
    _behind(cover.shapes, _rect(prs, Inches(1.0), Inches(3.55), Inches(8.0), Inches(0.06), GOLD, 911))
    _behind(cover.shapes, _rect(prs, 0, 0, prs.slide_width, prs.slide_height, RED, 910))
    for ph in cover.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE:
            ph.left, ph.top, ph.width, ph.height = Inches(0.8), Inches(1.6), Inches(8.4), Inches(1.8)
        elif ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE:
            ph.left, ph.top, ph.width, ph.height = Inches(0.8), Inches(3.8), Inches(8.4), Inches(2.2)
    section = prs.slide_layouts[2]
    section._element.set("showMasterSp", "0")  # its own band across the middle instead of the header band
    for ph in section.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
            ph.left, ph.top, ph.width, ph.height = Inches(0.6), Inches(2.4), Inches(8.8), Inches(1.5)
        elif ph.placeholder_format.type == PP_PLACEHOLDER.BODY:
            ph.left, ph.top, ph.width, ph.height = Inches(0.6), Inches(4.1), Inches(8.8), Inches(1.8)
    _behind(section.shapes, _rect(prs, 0, Inches(2.2), prs.slide_width, Inches(1.9), RED, 920))
    ids = prs.slides._sldIdLst  # drop the scratch slides
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    buf = io.BytesIO()
    prs.save(buf)
    # fixed zip times, so that remaking the template gives the same bytes
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(zipfile.ZipInfo(item.filename, (1980, 1, 1, 0, 0, 0)), src.read(item.filename))
    with open(path, "wb") as fh:
        fh.write(out.getvalue())
    print(f"wrote {path}")


if __name__ == "__main__":
    make(sys.argv[1])
