"""Edits of a PDF's bytes in place, with the cross-reference table kept true: a splice, and the document language.

LibreOffice writes the catalog's /Lang from the document's Western language, and our runs carry en-US there (their
figures and Latin words are set by English rules; zh-CN is their East Asian language). A screen reader then reads a
Chinese document with an English voice, and PDF/UA checkers report the wrong language. The language of the
structure elements LibreOffice writes per span is kept; only the document's default is set.

The catalog is edited in place: its /Lang string is replaced (or added) and the cross-reference table moved to
match, by the same splice normalise_pdf uses for the colour profile.
"""
from __future__ import annotations

import bisect
import re

from ..messages import _

_CATALOG = re.compile(rb"(?:^|\n)\d+ 0 obj\s*<<\s*/Type\s*/Catalog\b")
_CATALOG_TYPE = re.compile(rb"/Type\s*/Catalog\b")
_LANG = re.compile(rb"/Lang\s*(?:\(((?:[^()\\]|\\.)*)\)|<([0-9A-Fa-f\s]*)>)", re.S)  # a literal or a hex string
_DICT = re.compile(rb"<<|>>")


def find_object(data: bytes, number: int | bytes, rest: bytes) -> re.Match | None:
    """re.search(rb"(?:^|\n)<number> 0 obj" + rest, data), the first object of that number whose text goes on as
    `rest` says (the match is rest's, from just after `obj`: its groups and end are the pattern's), found by a plain
    search for its number: a pattern that begins with (?:^|\n) is tried at every byte of the file, 5-10 ms a search
    in a deck's PDF."""
    head, after = b"%s 0 obj" % (number if isinstance(number, bytes) else str(number).encode()), re.compile(rest)
    at = data.find(head)
    while at >= 0:
        if at == 0 or data[at - 1] == 0x0A:
            found = after.match(data, at + len(head))
            if found is not None:
                return found
        at = data.find(head, at + 1)
    return None


def _catalog_span(data: bytes) -> tuple[int, int] | None:
    """Where the catalog's dictionary lies: from just after its opening << to its matching >>."""
    head = None
    for typed in _CATALOG_TYPE.finditer(data):  # the first object that begins <</Type/Catalog (as _CATALOG says)
        window = max(0, typed.start() - 64)
        head = _CATALOG.search(data, window, typed.end())
        if head is not None and head.end() == typed.end():
            break
        head = None
    head = head or _CATALOG.search(data)  # a header far from its /Type: the slow way
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


def splice_many(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Each (start, end, new) of `edits` (apart from one another) made at once, as splice() would one after the
    other: the file copied once and its cross-reference table moved once."""
    if not edits:
        return data
    edits = sorted(edits)
    pieces, at, ends, moved = [], 0, [], [0]
    for start, end, new in edits:
        if start < at:
            raise ValueError("overlapping edits")
        pieces += [data[at:start], new]
        at = end
        ends.append(end)
        moved.append(moved[-1] + len(new) - (end - start))
    pieces.append(data[at:])
    data = b"".join(pieces)
    if moved[-1] == 0 and all(len(new) == end - start for start, end, new in edits):
        return data

    def to(offset: int) -> int:  # an offset at or past an edit's end moves by every such edit's growth
        return offset + moved[bisect.bisect_right(ends, offset)]

    def table(m: re.Match) -> bytes:
        return m.group(1) + re.sub(rb"(\d{10})( \d{5} n)", lambda e: f"{to(int(e.group(1))):010d}".encode()
                                   + e.group(2), m.group(2))

    data = re.sub(rb"(\nxref\r?\n)(.*?)(?=trailer)", table, data, flags=re.S)
    return re.sub(rb"(startxref\s+)(\d+)", lambda m: m.group(1) + str(to(int(m.group(2)))).encode(), data)


class _Ref(int):
    """An indirect reference's object number, as _Objects parses it."""


class _Objects:
    """The objects of a PDF with one classic cross-reference table (what LibreOffice writes), read by their offsets
    in it, each parsed only when asked for: the alt-text step reads the structure tree and the page tree, a few
    thousand small dictionaries, where a full parser (pypdf) read and built every object of the file first, 0.1-0.2 s
    a PDF. Anything else (a cross-reference stream, object streams, an incremental update) is refused (ValueError),
    and the caller reads the file with pypdf."""

    def __init__(self, data: bytes):
        self.data = data
        tail = data.rfind(b"startxref")
        found = re.match(rb"startxref\s+(\d+)", data[tail:tail + 40]) if tail >= 0 else None
        if found is None:
            raise ValueError("no startxref")
        at = int(found.group(1))
        end = data.find(b"trailer", at)
        if data[at:at + 4] != b"xref" or end < 0 or b"/ObjStm" in data:
            raise ValueError("not one classic cross-reference table")
        self.trailer = self.value(end + len(b"trailer"))
        if not isinstance(self.trailer, dict) or "Prev" in self.trailer or "XRefStm" in self.trailer:
            raise ValueError("an updated file")
        self.offsets: dict[int, int] = {}
        tokens = data[at + 4:end].split()
        i = 0
        while i < len(tokens):
            first, count = int(tokens[i]), int(tokens[i + 1])
            entries = tokens[i + 2:i + 2 + 3 * count]
            if len(entries) != 3 * count:
                raise ValueError("a short cross-reference table")
            for k in range(count):
                if entries[3 * k + 2] == b"n":
                    self.offsets[first + k] = int(entries[3 * k])
            i += 2 + 3 * count
        self._parsed: dict[int, object] = {}

    def head(self, number: int) -> int:
        """Where object `number`'s value begins (just after its `n 0 obj`)."""
        found = _OBJ_HEAD.match(self.data, self.offsets[number])
        if found is None or int(found.group(1)) != number:
            raise ValueError(f"object {number} is not at its offset")
        return found.end()

    def get(self, ref: object) -> object:
        """A reference resolved (once), anything else as it is."""
        if not isinstance(ref, _Ref):
            return ref
        if ref not in self._parsed:
            self._parsed[ref] = self.value(self.head(ref)) if ref in self.offsets else None
        return self._parsed[ref]

    def value(self, at: int) -> object:
        """The value at `at`: a dictionary ({name: value}, names without their slash), an array (list), a reference
        (_Ref), a name ("/Name"), a number; strings and the rest as None (nothing here reads them)."""
        stack: list[list] = [[]]
        data = self.data
        while True:
            token = _TOKEN.match(data, at)
            if token is None:
                raise ValueError(f"cannot read the PDF at byte {at}")
            at = token.end()
            kind, text = token.lastgroup, token.group(token.lastgroup or 0)
            if kind == "open":
                stack.append([text])
                continue
            if kind == "close":
                items = stack.pop()
                if items[0] == b"<<":
                    keys = items[1::2]
                    got: object = {k[1:]: v for k, v in zip(keys, items[2::2]) if isinstance(k, str)}
                else:
                    got = items[1:]
            elif kind == "ref":
                got = _Ref(int(token.group("refnum")))
            elif kind == "name":
                got = text.decode("latin-1")
            elif kind == "number":
                got = float(text) if b"." in text else int(text)
            elif kind == "string":
                at = _string_end(data, at)
                got = None
            else:  # a hex string, true, false, null
                got = None
            stack[-1].append(got)
            if len(stack) == 1:
                return got


_OBJ_HEAD = re.compile(rb"\s*(\d+)\s+\d+\s+obj\b")
_TOKEN = re.compile(rb"""(?:\s|%[^\r\n]*)*(?:(?P<open><<|\[)|(?P<close>>>|\])|(?P<ref>(?P<refnum>\d+)\s+\d+\s+R\b)
    |(?P<name>/[^\s/\[\]<>(){}%]*)|(?P<number>[-+]?(?:\d+\.?\d*|\.\d+))|(?P<string>\()|(?P<hex><[0-9A-Fa-f\s]*>)
    |(?P<word>true|false|null))""", re.X)


_STRING_MARK = re.compile(rb"\\.|[()]", re.S)


def _string_end(data: bytes, at: int) -> int:
    """Just past the literal string whose opening parenthesis ends before `at` (balanced parentheses, escapes)."""
    depth = 1
    while depth:
        found = _STRING_MARK.search(data, at)
        if found is None:
            raise ValueError("an unterminated string")
        at = found.end()
        if found.group() == b"(":
            depth += 1
        elif found.group() == b")":
            depth -= 1
    return at


def figures(data: bytes) -> list[tuple[int, int | None]]:
    """The structure tree's Figure elements in reading order, as (object number, page index), outermost only: a
    figure inside a figure (LibreOffice nests a chart's drawing in its frame) is read through its parent's /Alt."""
    try:
        return _figures(_Objects(data))
    except (ValueError, IndexError, KeyError, RecursionError):
        return _figures_pypdf(data)  # a PDF that is not as LibreOffice writes them


def _figures(pdf: _Objects) -> list[tuple[int, int | None]]:
    catalog = pdf.get(pdf.trailer.get("Root"))  # type: ignore[attr-defined]
    if not isinstance(catalog, dict):
        raise ValueError("no catalog")
    pages: dict[int, int] = {}
    tree = [catalog.get("Pages")]
    seen: set[int] = set()
    while tree:  # the page tree, depth first: the pages in their order
        ref = tree.pop()
        node = pdf.get(ref)
        if not isinstance(node, dict) or (isinstance(ref, _Ref) and ref in seen):
            continue
        if isinstance(ref, _Ref):
            seen.add(ref)
        kids = node.get("Kids")
        if isinstance(kids, list):
            tree.extend(reversed(kids))
        elif isinstance(ref, _Ref):
            pages[ref] = len(pages)
    found: list[tuple[int, int | None]] = []
    root = catalog.get("StructTreeRoot")
    stack: list[tuple[object, bool]] = [(root, False)] if root is not None else []
    seen = set()
    while stack:  # depth first, children in their order: the tree's reading order
        ref, inside_figure = stack.pop()
        node = pdf.get(ref)
        if not isinstance(node, dict) or (isinstance(ref, _Ref) and ref in seen):
            continue
        if isinstance(ref, _Ref):
            seen.add(ref)
        figure = pdf.get(node.get("S")) == "/Figure"
        if figure and not inside_figure and isinstance(ref, _Ref):
            page = node.get("Pg")
            found.append((int(ref), pages.get(page) if isinstance(page, _Ref) else None))
        kids = node.get("K")
        if isinstance(kids, _Ref) and not isinstance(pdf.get(kids), list):
            kids = [kids]
        kids = pdf.get(kids)
        kids = kids if isinstance(kids, list) else []
        stack.extend((kid, inside_figure or figure) for kid in reversed(kids) if isinstance(kid, _Ref))
    return found


def _figures_pypdf(data: bytes) -> list[tuple[int, int | None]]:
    """figures() by pypdf's full parse, for a PDF _Objects does not read."""
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
    written as a UTF-16 string, as PDF text strings holding CJK are. All in one pass over the file: the objects are
    found by the cross-reference table's offsets where it can be read, and the table is moved once."""
    try:
        pdf: _Objects | None = _Objects(data)
    except (ValueError, IndexError):
        pdf = None
    edits = []
    for number in sorted(alt_texts):
        if pdf is not None:
            try:
                at = data.find(b"<<", pdf.head(number))
            except (KeyError, ValueError):
                continue
        else:
            head = re.search(rb"(?:^|\n)" + str(number).encode() + rb" 0 obj\s*<<", data)
            if head is None:
                continue
            at = head.end() - 2
        end = data.find(b"endobj", at)
        if at < 0 or end < 0 or re.search(rb"/Alt\s*[(<]", data[at:end]):
            continue
        text = b"/Alt<FEFF" + alt_texts[number].encode("utf-16-be").hex().upper().encode() + b">"
        edits.append((at + 2, at + 2, text))
    return splice_many(data, edits)
