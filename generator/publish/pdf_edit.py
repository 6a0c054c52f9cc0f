"""Edits of a PDF's bytes in place, with the cross-reference table kept true: a splice, and the document language.

LibreOffice writes the catalog's /Lang from the document's Western language, and our runs carry en-US there (their
figures and Latin words are set by English rules; zh-CN is their East Asian language). A screen reader then reads a
Chinese document with an English voice, and PDF/UA checkers report the wrong language. The language of the
structure elements LibreOffice writes per span is kept; only the document's default is set.

The catalog is edited in place: its /Lang string is replaced (or added) and the cross-reference table moved to
match, by the same splice normalise_pdf uses for the colour profile.
"""
from __future__ import annotations

import re

from ..messages import _

_CATALOG = re.compile(rb"(?:^|\n)\d+ 0 obj\s*<<\s*/Type\s*/Catalog\b")
_LANG = re.compile(rb"/Lang\s*(?:\(((?:[^()\\]|\\.)*)\)|<([0-9A-Fa-f\s]*)>)", re.S)  # a literal or a hex string
_DICT = re.compile(rb"<<|>>")


def _catalog_span(data: bytes) -> tuple[int, int] | None:
    """Where the catalog's dictionary lies: from just after its opening << to its matching >>."""
    head = _CATALOG.search(data)
    if head is None:
        return None
    start = data.index(b"<<", head.start())
    depth = 0
    for mark in _DICT.finditer(data, start):
        depth += 1 if mark.group() == b"<<" else -1
        if depth == 0:
            return start + 2, mark.start()
    return None


def document_language(data: bytes) -> str | None:
    """The catalog's /Lang, or None when the catalog declares none (or cannot be found)."""
    span = _catalog_span(data)
    if span is None:
        return None
    found = _LANG.search(data, *span)
    if found is None:
        return None
    if found.group(2) is not None:
        return bytes.fromhex(found.group(2).decode()).decode("latin-1")
    return re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1).isdigit()
                  else m.group(1), found.group(1)).decode("latin-1")


def declare_language(data: bytes, language: str) -> bytes:
    """The PDF with its catalog's /Lang set to `language` (a BCP 47 tag such as zh-CN). A PDF whose catalog cannot
    be found, or whose cross-reference is not a classic table, is returned unchanged."""
    if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", language):
        raise ValueError(_("not a language tag: {language!r}", language=language))
    span = _catalog_span(data)
    if span is None or b"\nxref" not in data:
        return data
    new = f"/Lang({language})".encode()
    found = _LANG.search(data, *span)
    if found is not None:
        return data if found.group() == new else splice(data, found.start(), found.end(), new)
    return splice(data, span[1], span[1], new)  # none declared: add it at the dictionary's end


def splice(data: bytes, start: int, end: int, new: bytes) -> bytes:
    """data[start:end] replaced by new, with the classic cross-reference table and startxref moved to match."""
    delta = len(new) - (end - start)
    data = data[:start] + new + data[end:]
    if delta == 0:
        return data

    def shift(m: re.Match) -> bytes:
        offset = int(m.group(1))
        return f"{offset + delta:010d}".encode() + m.group(2) if offset >= end else m.group(0)

    def table(m: re.Match) -> bytes:
        return m.group(1) + re.sub(rb"(\d{10})( \d{5} n)", shift, m.group(2))

    data = re.sub(rb"(\nxref\r?\n)(.*?)(?=trailer)", table, data, flags=re.S)

    def startxref(m: re.Match) -> bytes:
        offset = int(m.group(2))
        return m.group(1) + str(offset + delta if offset >= end else offset).encode()

    return re.sub(rb"(startxref\s+)(\d+)", startxref, data)


def figures(data: bytes) -> list[tuple[int, int | None]]:
    """The structure tree's Figure elements in reading order, as (object number, page index), outermost only: a
    figure inside a figure (LibreOffice nests a chart's drawing in its frame) is read through its parent's /Alt."""
    import io

    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
    found: list[tuple[int, int | None]] = []
    catalog = reader.trailer["/Root"]
    assert isinstance(catalog, DictionaryObject)
    root = catalog.raw_get("/StructTreeRoot") if "/StructTreeRoot" in catalog else None
    stack: list[tuple[object, bool]] = [(root, False)] if root is not None else []
    while stack:  # depth first, children in their order: the tree's reading order
        ref, inside_figure = stack.pop()
        node = ref.get_object() if isinstance(ref, IndirectObject) else ref
        if not isinstance(node, DictionaryObject):
            continue
        figure = node.get("/S") == "/Figure"
        if figure and not inside_figure and isinstance(ref, IndirectObject):
            page = node.raw_get("/Pg") if "/Pg" in node else None
            found.append((ref.idnum, pages.get(page.idnum) if isinstance(page, IndirectObject) else None))
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
        stack.extend((kid, inside_figure or figure) for kid in reversed(kids) if isinstance(kid, IndirectObject))
    return found


def describe_figures(data: bytes, alt_texts: dict[int, str]) -> bytes:
    """The PDF with /Alt set on the given Figure elements (object number -> text) that have none. The text is
    written as a UTF-16 string, as PDF text strings holding CJK are."""
    for number in sorted(alt_texts, reverse=True):  # the later object first: earlier offsets still hold
        head = re.search(rb"(?:^|\n)" + str(number).encode() + rb" 0 obj\s*<<", data)
        if head is None:
            continue
        end = data.find(b"endobj", head.end())
        if end < 0 or re.search(rb"/Alt\s*[(<]", data[head.end():end]):
            continue
        text = b"/Alt<FEFF" + alt_texts[number].encode("utf-16-be").hex().upper().encode() + b">"
        data = splice(data, head.end(), head.end(), text)
    return data
