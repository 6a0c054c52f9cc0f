"""Building OOXML elements from nested (tag, attributes, children) specs, never by pasting values into strings.

The top element declares the namespaces it is given; its children are made with SubElement, so they declare
nothing of their own and the serialised XML is the same as python-pptx writes. Values are attributes, escaped by
lxml, so a theme value can never break or inject markup.
"""
from __future__ import annotations

from collections.abc import Collection

from lxml import etree

Spec = tuple  # (tag,) or (tag, attributes) or (tag, attributes, [child specs]); a str among the children is the text


def element(spec: Spec, namespaces: tuple[str, ...] = ("a",)):
    """A new top element from a spec such as ("a:buClr", {}, [("a:srgbClr", {"val": "B71C1C"})])."""
    from pptx.oxml import parse_xml  # python-pptx only where a deck's element is made (see chart_store)
    from pptx.oxml.ns import nsdecls, qn

    tag, attrs, children = _parts(spec)
    # an empty element with the declarations, parsed so that it gets python-pptx's element class
    el = parse_xml(f"<{tag} {nsdecls(*namespaces)}/>")
    for name, value in attrs.items():
        el.set(name, str(value))
    for child in children:
        _child(el, child, qn)
    return el


def word_element(spec: Spec, namespaces: tuple[str, ...] = ("w",)):
    """The same for a Word document: the top element gets python-docx's element class (so that, say, an inline
    drawing answers python-docx's InlineShape), with the namespaces python-docx knows."""
    from docx.oxml import parse_xml as parse_word
    from docx.oxml.ns import nsdecls as word_nsdecls
    from docx.oxml.ns import qn as word_qn

    tag, attrs, children = _parts(spec)
    el = parse_word(f"<{tag} {word_nsdecls(*namespaces)}/>")
    for name, value in attrs.items():
        el.set(word_qn(name) if ":" in name else name, str(value))
    for child in children:
        _child(el, child, word_qn)
    return el


def sub(parent, spec: Spec, qualify=None):
    """A child element (and its own children) appended to parent; an attribute with a prefix (r:id) is qualified.
    `qualify` turns "a:ln" into a Clark name; python-pptx's qn unless another is given."""
    if qualify is None:
        from .names import pptx_qn as qualify
    tag, attrs, children = _parts(spec)
    el = etree.SubElement(parent, qualify(tag), {(qualify(k) if ":" in k else k): str(v) for k, v in attrs.items()})
    for child in children:
        _child(el, child, qualify)
    return el


def _child(parent, child, qualify) -> None:
    if isinstance(child, str):  # text content, escaped by lxml like any value
        parent.text = child
    else:
        sub(parent, child, qualify)


def _parts(spec: Spec) -> tuple[str, dict, list]:
    tag = spec[0]
    attrs = spec[1] if len(spec) > 1 else {}
    children = spec[2] if len(spec) > 2 else []
    return tag, attrs, children


def replace_children(parent, old: Collection[str], new: list, successors: Collection[str]) -> None:
    """Remove parent's children whose tag is in `old` and put the `new` elements where the schema wants them: before
    the first child whose tag is in `successors`, else last. (What python-pptx's setters do for one property.)"""
    following = None
    for child in list(parent):
        if child.tag in old:
            parent.remove(child)
        elif following is None and child.tag in successors:
            following = child
    for el in new:
        if following is not None:
            following.addprevious(el)
        else:
            parent.append(el)
