"""Alt text for the PDF copies' figures, from the documents they are made of.

Every chart and picture in the deck and the briefing carries its description (the drawing's `descr`, which the
renderers write from the chart's data: present/charts.py alt_text). LibreOffice 7.4 tags the charts as Figure
elements in the PDF's structure tree but leaves their /Alt out, so a screen reader meets an unnamed figure. The
descriptions are copied into the tree here:

- the briefing: its drawings, in the order of the text, are its outermost Figure elements, in reading order;
- the deck: page by page, a slide's described drawings are its page's Figure elements, when the counts agree.

A page whose Figure elements cannot be matched one to one (a slide that also holds undescribed shapes, which
LibreOffice tags as figures too) is left as it is, and counted, rather than given a text that may not be its own.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from .pdf_edit import describe_figures, figures

_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Described:
    pdf: bytes
    described: int  # figures given their alt text
    left: int  # figures left without one (no description could be matched to them)


def _xml(package: zipfile.ZipFile, name: str):
    return etree.fromstring(package.read(name), _PARSER)


def briefing_descriptions(docx: bytes) -> list[str]:
    """The description of every drawing in the body, in the order of the text."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = _xml(package, "word/document.xml")
    return [d.get("descr", "") for d in body.iterfind(".//wp:docPr", _NS)]


def deck_descriptions(pptx: bytes) -> list[list[str]]:
    """Per slide, in the presentation's order: the descriptions of its charts and pictures, in drawing order."""
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        order = _xml(package, "ppt/presentation.xml").iterfind(".//p:sldId", _NS)
        rels = _xml(package, "ppt/_rels/presentation.xml.rels")
        target = {r.get("Id"): r.get("Target") for r in rels}
        slides = []
        for sld in order:
            name = "ppt/" + target[sld.get(f"{{{_NS['r']}}}id")].lstrip("/").removeprefix("ppt/")
            tree = _xml(package, name)
            slides.append([c.get("descr", "") for c in tree.iterfind(".//p:cSld//p:cNvPr", _NS)
                           if c.getparent().getparent().tag in (f"{{{_NS['p']}}}graphicFrame", f"{{{_NS['p']}}}pic")])
    return slides


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def describe(pdf: bytes, document: bytes, deck: bool) -> Described:
    """The PDF with its figures given the document's descriptions, as far as they can be matched."""
    found = figures(pdf)
    alts: dict[int, str] = {}
    if deck:
        slides = deck_descriptions(document)
        for page, texts in enumerate(slides):
            on_page = [number for number, at in found if at == page]
            if len(on_page) == len(texts) and all(texts):
                alts.update(zip(on_page, map(_clean, texts)))
    else:
        texts = briefing_descriptions(document)
        if len(texts) == len(found) and all(texts):
            alts = {number: _clean(text) for (number, _), text in zip(found, texts)}
    return Described(describe_figures(pdf, alts), len(alts), len(found) - len(alts))
