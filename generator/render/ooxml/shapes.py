"""DrawingML shape properties written as elements, for the shapes python-pptx has just made."""
from __future__ import annotations

from lxml import etree

from .access import shape_properties
from .names import pptx_qn as qn


def fill_new_shape(shape, colour: str) -> bool:
    """A solid colour, no outline, no shadow on a new autoshape (its p:spPr holds only its place and geometry): the
    elements python-pptx's fill, line and shadow setters write, directly (a deck fills some 90 shapes). False, and
    nothing written, for a shape with more in its p:spPr: the library's setters handle it. (Its style's effect
    reference is no_style_effect's, for either way.)"""
    sp_pr = shape_properties(shape)
    if [child.tag for child in sp_pr] != [qn("a:xfrm"), qn("a:prstGeom")]:
        return False
    solid = etree.SubElement(sp_pr, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr"), {"val": colour.upper()})
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    etree.SubElement(sp_pr, qn("a:effectLst"))
    return True


def no_style_effect(shape) -> None:
    """The shape's style refers to no effect (the theme's shadow) either: PowerPoint lets the empty a:effectLst above
    override the reference, LibreOffice does not, and draws a soft shadow, as a bitmap, under every card of the PDF."""
    ref = shape._element.find(f"{qn('p:style')}/{qn('a:effectRef')}")
    if ref is not None:
        ref.set("idx", "0")


DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # PowerPoint's "Mark as decorative"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def mark_decorative(shape) -> None:
    """Mark a shape that only draws (a card's ground, a badge behind a number) as decorative, as PowerPoint's
    accessibility pane does: screen readers skip it and the accessibility checker asks no alt text for it."""
    c_nv_pr = shape._element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), {"uri": DECORATIVE_EXT})
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", {"val": "1"}, nsmap={"adec": DECORATIVE_NS})
