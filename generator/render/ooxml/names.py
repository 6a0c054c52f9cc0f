"""Two lookups python-pptx and python-docx (and this package's own element writers) repeat for every element they
touch, done once each.

- XPath: both evaluate it through lxml's element.xpath(), which compiles the expression at every call; a deck makes
  some 7,500 such calls (is this shape a placeholder? its first child?), a quarter of its time. Each expression is
  compiled once, with the same namespaces: the same elements come back.
- Qualified names: their xmlchemy turns "a:rPr" into "{http://…}rPr" through a new object at each of ~50,000 calls
  (every optional child's successors, at every insertion). The same names, memoised.
"""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

from .packing import pack_docx, pack_pptx


def compile_once(element_class, namespaces: dict) -> None:
    """Give `element_class` (a library's BaseOxmlElement) an xpath() that reuses compiled expressions.

    A patch of the library class (why: a quarter of a deck's time is spent compiling the same XPath expressions;
    upstream python-openxml/python-docx#342 "XPath Performance - precompiling", open, and python-pptx shares the
    code). Same expressions, same namespaces: the same elements come back."""
    if getattr(element_class, "_xpath_compiled_once", False):
        return

    @lru_cache(maxsize=512)
    def compiled(expression: str) -> etree.XPath:
        return etree.XPath(expression, namespaces=namespaces)

    def xpath(self, xpath_str: str):
        return compiled(xpath_str)(self)

    element_class.xpath = xpath
    element_class._xpath_compiled_once = True


def memoise_qn(xmlchemy) -> None:
    """The library's xmlchemy module looks qn up by name at each call: give it a memoised one.

    A patch of the library module (why: ~50,000 calls a deck, each building a new string; no upstream issue, qn is
    a pure function of its argument, so the names are the same)."""
    if not hasattr(xmlchemy.qn, "cache_info"):
        xmlchemy.qn = lru_cache(maxsize=4096)(xmlchemy.qn)


@lru_cache(maxsize=4096)
def pptx_qn(tag: str) -> str:
    """python-pptx's qn ("a:rPr" -> "{http://…}rPr"), memoised for this package's own element writers, which name
    some 40,000 elements a deck."""
    from pptx.oxml.ns import qn  # loaded at the first name: a briefing never loads python-pptx

    return qn(tag)


@lru_cache(maxsize=4096)
def docx_qn(tag: str) -> str:
    """python-docx's qn, memoised the same way for the briefing's writers."""
    from docx.oxml.ns import qn

    return qn(tag)


def find_first_in_one_pass(xmlchemy) -> None:
    """The library's BaseOxmlElement.first_child_found_in(*tagnames), which finds where a new optional child goes
    (before the first of its successors the element has), looks at the element's children once when they are fewer
    than the tag names, instead of searching them once for each name.

    A patch of the library class (why: a w:pPr's keepNext has some 30 successors, each searched for in turn among
    its two or three children, 17,000 times a conference; no upstream issue). The same element comes back: the first
    child with the first tag name, in the names' order, that the element has."""
    element_class = xmlchemy.BaseOxmlElement
    if getattr(element_class, "_first_found_in_one_pass", False):
        return
    by_names = element_class.first_child_found_in

    def first_child_found_in(self, *tagnames):
        if len(self) >= len(tagnames):
            return by_names(self, *tagnames)
        first: dict = {}
        for child in self.iterchildren():
            first.setdefault(child.tag, child)
        for tagname in tagnames:
            child = first.get(xmlchemy.qn(tagname))
            if child is not None:
                return child
        return None

    element_class.first_child_found_in = first_child_found_in
    element_class._first_found_in_one_pass = True


def speed_up_pptx() -> None:
    from pptx.oxml import xmlchemy
    from pptx.oxml.shapes.shared import BaseShapeElement

    compile_once(xmlchemy.BaseOxmlElement, xmlchemy._nsmap)  # the map its own xpath() passes
    memoise_qn(xmlchemy)
    find_first_in_one_pass(xmlchemy)
    pack_pptx()  # an entry's bytes deflated once a process
    if not getattr(BaseShapeElement, "_ph_found_once", False):
        BaseShapeElement.ph = property(placeholder_of)  # type: ignore[method-assign,assignment]
        BaseShapeElement._ph_found_once = True


def placeholder_of(shape):
    """python-pptx's BaseShapeElement.ph, the p:ph of "./*[1]/p:nvPr/p:ph", found by walking the children.

    A patch of the library class (why: every shape of every slide is asked "are you a placeholder?" each time a
    slide's placeholders or shapes are listed, some 4,000 times a deck, each an XPath evaluation). The same element
    comes back: the first element child, its p:nvPr children in order, the first p:ph of each."""
    first = next(shape.iterchildren(etree.Element), None)
    if first is None:
        return None
    for nv in first.iterchildren(pptx_qn("p:nvPr")):
        ph = nv.find(pptx_qn("p:ph"))
        if ph is not None:
            return ph
    return None


def speed_up_docx() -> None:
    from docx.oxml import xmlchemy

    compile_once(xmlchemy.BaseOxmlElement, xmlchemy.nsmap)
    memoise_qn(xmlchemy)
    find_first_in_one_pass(xmlchemy)
    from .styles_part import install

    install()  # the styles part parsed only when read
    pack_docx()  # an entry's bytes deflated once a process
