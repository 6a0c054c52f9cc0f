"""House style -> DrawingML text properties (a:rPr, a:endParaRPr), written as XML: every run gets its Latin and East
Asian face and the zh-CN language. Used by the deck's text and by its native charts."""
from __future__ import annotations

import re
import uuid

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from ...present.labels import LANGUAGE
from ...theme import HouseStyle
from .names import pptx_qn as qn
from .xml import element, replace_children

LANG = LANGUAGE


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


# ---------------------------------------------------------------- paragraphs and runs (a:p)

CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")
AUTOFIT = frozenset(qn(f"a:{t}") for t in ("noAutofit", "normAutofit", "spAutoFit"))
AFTER_AUTOFIT = frozenset(qn(f"a:{t}") for t in ("scene3d", "sp3d", "flatTx", "extLst"))


def fixed_frame(body_pr, inset: int) -> None:
    """Wrapped text at a fixed size, with the house insets: what python-pptx's word_wrap, auto_size (NONE) and
    margin setters write on a:bodyPr, in the same order."""
    body_pr.set("wrap", "square")
    replace_children(body_pr, AUTOFIT, [body_pr.makeelement(qn("a:noAutofit"), {})], AFTER_AUTOFIT)
    for name, emu in (("lIns", inset), ("rIns", inset), ("tIns", Inches(0.04)), ("bIns", Inches(0.04))):
        body_pr.set(name, str(int(emu)))


# a:pPr's children in schema order (CT_TextParagraphProperties): a new one goes before the first that follows it
PPR_ORDER = tuple(qn(f"a:{t}") for t in ("lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct",
                                         "buSzPts", "buFontTx", "buFont", "buNone", "buAutoNum", "buChar", "buBlip",
                                         "tabLst", "defRPr", "extLst"))


def paragraph_properties(p):
    ppr = p.find(qn("a:pPr"))
    if ppr is None:
        ppr = p.makeelement(qn("a:pPr"), {})
        p.insert(0, ppr)  # a:pPr comes first in a:p
    return ppr


def spacing(ppr, tag: str, points: float) -> None:
    """a:lnSpc or a:spcBef in points (as python-pptx's line_spacing and space_before write them), replacing any."""
    name = qn(tag)
    el = ppr.makeelement(name, {})
    etree.SubElement(el, qn("a:spcPts"), {"val": str(Pt(points).centipoints)})
    replace_children(ppr, {name}, [el], PPR_ORDER[PPR_ORDER.index(name) + 1:])


def before_end(p, el) -> None:
    """Append a run or break to a:p, before its end-of-paragraph properties (a:endParaRPr stays last)."""
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(el)
    else:
        p.append(el)


def new_run(p, text: str, rpr):
    """A run of text with the a:rPr given, at the end of the a:p element (before its end-of-paragraph properties);
    returns the a:rPr. Control characters a:t cannot hold are written as python-pptx writes them."""
    r = p.makeelement(qn("a:r"), {})
    r.append(rpr)
    etree.SubElement(r, qn("a:t")).text = CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    before_end(p, r)
    return rpr


def as_slide_number_field(p, number: int) -> None:
    """Replace the a:p's run by a slidenum field, so PowerPoint renumbers when slides move; id is stable for same bytes."""
    r = p.find(qn("a:r"))
    fid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"slidenum/{number}")).upper() + "}"
    fld = element(("a:fld", {"id": fid, "type": "slidenum"}))
    fld.append(r.find(qn("a:rPr")))
    t = r.find(qn("a:t"))
    fld.append(t)
    r.addprevious(fld)
    p.remove(r)
