"""A Word paragraph's style and a run's properties and text, written as the elements python-docx's setters write,
without their tree walks: a briefing sets some 600 styles and writes some 600 runs."""
from __future__ import annotations

import re

from lxml import etree

from .names import docx_qn as qn
from .xml import replace_children

W_PPR, W_PSTYLE = qn("w:pPr"), qn("w:pStyle")
W_RPR, W_B, W_HIGHLIGHT = qn("w:rPr"), qn("w:b"), qn("w:highlight")
W_T, W_TAB, W_BR, XML_SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")
CONTROLS = re.compile(r"([\t\r\n])")


def set_paragraph_style(p, style_id: str) -> None:
    """A w:p's style by id: w:pPr first in w:p, w:pStyle first in w:pPr."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = p.makeelement(W_PPR, {})
        p.insert(0, ppr)
    pstyle = ppr.find(W_PSTYLE)
    if pstyle is None:
        pstyle = ppr.makeelement(W_PSTYLE, {})
        ppr.insert(0, pstyle)
    pstyle.set(W_VAL, style_id)


def run_properties(r, latin: str, face: str, bold: bool, highlight: bool, figure: bool = False):
    """A new w:rPr (not attached; made from the w:r `r`) with the faces and, in schema order (w:rFonts, w:b,
    w:highlight, w:lang), bold and a yellow highlight.

    A `figure` run (a number with its unit, joined by U+2060) is tagged en-US for its East Asian text too:
    LibreOffice's Chinese line breaking ignores the joiner and parts 151.8 from 万吨, its Latin one keeps them
    together, and Word and WPS honour the joiner under any language."""
    rpr = r.makeelement(W_RPR, {})
    set_rpr_fonts(rpr, latin, face)
    lang = rpr.find(W_LANG)
    if figure:
        lang.set(W_EAST_ASIA, "en-US")
    if bold:
        lang.addprevious(rpr.makeelement(W_B, {}))
    if highlight:
        lang.addprevious(rpr.makeelement(W_HIGHLIGHT, {W_VAL: "yellow"}))
    return rpr


def append_text(r, text: str) -> None:
    """The text into the w:r element as python-docx's Run.text writes it: a tab is w:tab, a line break (\\r or \\n)
    w:br, the rest w:t, marked to keep its spaces when it begins or ends with one."""
    for piece in CONTROLS.split(text):
        if piece == "\t":
            etree.SubElement(r, W_TAB)
        elif piece in ("\r", "\n"):
            etree.SubElement(r, W_BR)
        elif piece:
            t = etree.SubElement(r, W_T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(XML_SPACE, "preserve")


def set_rpr_fonts(rpr, latin: str, east_asian: str) -> None:
    """The faces and languages on a w:rPr, as elements (python-docx's own getters walk the tree per call, and a
    briefing has some 600 runs): w:rFonts second to w:rStyle, w:lang before what follows it in the schema."""
    fonts = rpr.find(W_RFONTS)
    if fonts is None:
        fonts = rpr.makeelement(W_RFONTS, {})
        rpr.insert(1 if len(rpr) and rpr[0].tag == W_RSTYLE else 0, fonts)
    fonts.attrib.clear()  # theme-font references would override the named faces
    for attr, face in zip(FONT_ATTRS, (latin, latin, east_asian, latin)):
        fonts.set(attr, face)
    # quotes, dashes and ellipses are shared by both scripts; the hint sets them full-width in the Chinese face
    fonts.set(W_HINT, "eastAsia")
    lang = rpr.find(W_LANG)
    if lang is None:
        lang = rpr.makeelement(W_LANG, {})
        replace_children(rpr, (), [lang], AFTER_LANG)
    # Latin-script runs (figures) are tagged en-US: LibreOffice breaks digit runs tagged zh-CN mid-number
    lang.set(W_VAL, "en-US")
    lang.set(W_EAST_ASIA, "zh-CN")


W_RFONTS, W_LANG, W_RSTYLE, W_HINT, W_VAL, W_EAST_ASIA = (qn(f"w:{t}") for t in ("rFonts", "lang", "rStyle", "hint", "val",
                                                                                 "eastAsia"))
FONT_ATTRS = tuple(qn(f"w:{t}") for t in ("ascii", "hAnsi", "eastAsia", "cs"))
AFTER_LANG = frozenset(qn(f"w:{t}") for t in ("eastAsianLayout", "specVanish", "oMath"))
