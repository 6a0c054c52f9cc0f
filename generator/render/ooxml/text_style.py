"""House style -> PowerPoint text properties: every run gets its Latin and East Asian face and the zh-CN language."""
from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor

from ...theme import HouseStyle
from ..ooxml.names import pptx_qn as qn
from ..ooxml.xml import element, replace_children

LANG = "zh-CN"


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.upper())


FACES = (qn("a:latin"), qn("a:ea"), qn("a:cs"))
# what follows the faces in a:rPr (CT_TextCharacterProperties order: fills and effects, faces, then these)
AFTER_FACES = frozenset(qn(f"a:{t}") for t in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"))


def set_font_xml(rpr, latin: str, ea: str) -> None:
    """Set a:latin, a:ea and a:cs on an a:rPr / a:defRPr / a:endParaRPr element, in schema order, and the language."""
    rpr.set("lang", LANG)
    rpr.set("altLang", "en-US")
    faces = [rpr.makeelement(tag, {"typeface": face}) for tag, face in zip(FACES, (latin, ea, latin))]
    replace_children(rpr, FACES, faces, AFTER_FACES)


def style_rpr(rpr, theme: HouseStyle, size: float, colour: str | None = None, bold: bool = False) -> None:
    """Size, weight, colour (None: inherit, e.g. from a template) and faces of a run's a:rPr, written in one go.

    Written as XML directly: python-pptx's font setters walk the tree per property, and a deck has ~1,000 runs.
    """
    rpr.set("sz", str(int(round(size * 100))))
    rpr.set("b", "1" if bold else "0")
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    if colour is not None:
        fill = rpr.makeelement(qn("a:solidFill"), {})
        fill.append(rpr.makeelement(qn("a:srgbClr"), {"val": colour.upper()}))
        rpr.insert(0, fill)  # a fill comes before the faces (CT_TextCharacterProperties order)
    set_font_xml(rpr, theme.fonts.deck_latin, theme.fonts.deck_ea)


def highlight_rpr(rpr, colour: str) -> None:
    """A marker-pen background behind a run (a draft's gap); it goes before the faces in a:rPr's schema order."""
    mark = element(("a:highlight", {}, [("a:srgbClr", {"val": colour.upper()})]))
    latin = rpr.find(qn("a:latin"))
    if latin is not None:
        latin.addprevious(mark)
    else:
        rpr.append(mark)


def end_of_paragraph(p, theme: HouseStyle, size: float) -> None:
    """The a:p's end-of-paragraph properties: the paragraph mark has its own, and without a:ea an empty line falls
    back to a Latin face."""
    end = p.find(qn("a:endParaRPr"))
    if end is None:
        end = etree.SubElement(p, qn("a:endParaRPr"))  # the last child of a:p
    end.set("sz", str(int(size * 100)))
    set_font_xml(end, theme.fonts.deck_latin, theme.fonts.deck_ea)
