"""Theme -> PowerPoint text properties: every run gets its Latin and East Asian face and the zh-CN language."""
from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..theme import Theme

LANG = "zh-CN"


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.upper())


def set_font_xml(rpr, latin: str, ea: str) -> None:
    """Set a:latin, a:ea and a:cs on an a:rPr / a:defRPr / a:endParaRPr element, in schema order, and the language."""
    rpr.set("lang", LANG)
    rpr.set("altLang", "en-US")
    for tag in ("a:latin", "a:ea", "a:cs"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    # latin/ea/cs come after fills and effects, before hyperlinks (CT_TextCharacterProperties order)
    anchor = None
    for tag in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"):
        anchor = rpr.find(qn(tag))
        if anchor is not None:
            break
    for tag, face in (("a:latin", latin), ("a:ea", ea), ("a:cs", latin)):
        el = rpr.makeelement(qn(tag), {"typeface": face})
        if anchor is not None:
            anchor.addprevious(el)
        else:
            rpr.append(el)


def style_run(run, theme: Theme, size: float, colour: str | None = None, bold: bool = False) -> None:
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = rgb(colour or theme.colours.text)
    set_font_xml(run._r.get_or_add_rPr(), theme.fonts.deck_latin, theme.fonts.deck_ea)


def style_end_of_paragraph(paragraph, theme: Theme, size: float) -> None:
    """The paragraph mark has its own properties; without a:ea an empty line falls back to a Latin face."""
    end = paragraph._p.get_or_add_endParaRPr()
    end.set("sz", str(int(size * 100)))
    set_font_xml(end, theme.fonts.deck_latin, theme.fonts.deck_ea)
