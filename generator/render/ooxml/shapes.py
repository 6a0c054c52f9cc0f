"""DrawingML shape properties written as elements, for the shapes python-pptx has just made."""
from __future__ import annotations

from lxml import etree

from .access import shape_properties
from .names import pptx_qn as qn


def fill_new_shape(shape, colour: str) -> bool:
    """A solid colour, no outline, no shadow on a new autoshape (its p:spPr holds only its place and geometry): the
    elements python-pptx's fill, line and shadow setters write, directly (a deck fills some 90 shapes). False, and
    nothing written, for a shape with more in its p:spPr: the library's setters handle it."""
    sp_pr = shape_properties(shape)
    if [child.tag for child in sp_pr] != [qn("a:xfrm"), qn("a:prstGeom")]:
        return False
    solid = etree.SubElement(sp_pr, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr"), {"val": colour.upper()})
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    etree.SubElement(sp_pr, qn("a:effectLst"))
    return True
