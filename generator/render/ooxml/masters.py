"""The house template's slide master and layouts rewritten in place: their shapes (p:cSld), the master's text styles
and header/footer flags, a layout's attributes. The new elements come as specs (see xml.py); python-pptx keeps the
parts, their relationships and the theme."""
from __future__ import annotations

from .access import element_of
from .names import pptx_qn as qn
from .xml import Spec, element


def replace_common_slide_data(root, children: list[Spec]) -> None:
    """Swap root's p:cSld for the new elements, in its place (the rest stays, in schema order)."""
    old = root.find(qn("p:cSld"))
    anchor = old.getnext()
    root.remove(old)
    for spec in children:
        el = element(spec, ("p", "a", "r"))
        if anchor is not None:
            anchor.addprevious(el)
        else:
            root.append(el)


def rewrite_master(master, children: list[Spec], text_styles: Spec) -> None:
    """A python-pptx slide master's shapes, its p:hf (footer and slide number on, header and date off) and its
    p:txStyles."""
    root = element_of(master)
    replace_common_slide_data(root, children)
    old_styles = root.find(qn("p:txStyles"))
    hf = element(("p:hf", {"hdr": "0", "dt": "0"}), ("p",))
    old_styles.addprevious(hf)
    old_styles.addprevious(element(text_styles, ("p", "a")))
    root.remove(old_styles)


def rewrite_layout(layout, attrs: dict, children: list[Spec]) -> None:
    """A python-pptx slide layout's attributes (kept from deletion by preserve="1") and shapes."""
    el = element_of(layout)
    for name in list(el.attrib):
        del el.attrib[name]
    el.set("preserve", "1")
    for name, value in attrs.items():
        el.set(name, value)
    replace_common_slide_data(el, children)
