"""python-docx's styles part, parsed only when something reads it.

Every Word document of a conference (briefing, 新闻通稿, 主持词) opens a copy of the empty official document
(blanks.py), whose styles.xml is some 350 kB: parsing it, writing it out again and compressing it was a fifth of
the three documents' rendering, and none of them changes a style once the empty document is made. So a styles part
read from a file keeps the bytes it was read from and parses them the first time anything asks for its element; a
part never parsed is written as those bytes. That is the file the eager part writes only when writing the parsed
tree out again gives the same bytes, which is checked once a process for each distinct styles.xml (lxml writes back
what it wrote, as the empty document's are; a designer's reference is parsed at once anyway, open_reference).

A patch of the library's part table (why: the part is parsed whole at every open; no upstream issue, python-docx
parses every XML part eagerly by design). What the renderers ask of the styles (a style's id by its name, the id
a new table names: none) is answered from one parsed copy kept a process for each distinct styles.xml, read only.
"""
from __future__ import annotations

from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docx.parts.styles import StylesPart
from docx.styles.styles import Styles


class _Read:
    """One styles.xml as read, parsed once: its style ids by name, and whether its tree writes back to its bytes."""

    def __init__(self, blob: bytes):
        self.tree = parse_xml(blob)  # read only: never handed to a document
        self.writes_back = serialize_part_xml(self.tree) == blob
        self.ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = Styles(self.tree)[name].style_id
        return self.ids[name]


_READ: dict[bytes, _Read] = {}
MOST = 4  # distinct styles.xml kept a process: a look's empty document has one, watch and serve see a few


def _read(blob: bytes) -> _Read:
    found = _READ.get(blob)
    if found is None:
        if len(_READ) >= MOST:
            _READ.clear()
        found = _READ[blob] = _Read(blob)
    return found


class StylesPartParsedWhenRead(StylesPart):
    """A StylesPart whose XML is parsed at the first read of its element (python-docx reads `_element`)."""

    _tree = None  # the parsed element, once asked for (or given, as StylesPart.default gives it)
    _blob_read: bytes = b""

    @classmethod
    def load(cls, partname, content_type, blob, package):
        part = cls(partname, content_type, None, package)  # type: ignore[arg-type]  # parsed when read
        part._blob_read = blob
        return part

    @property
    def _element(self):
        if self._tree is None:
            self._tree = parse_xml(self._blob_read)
        return self._tree

    @_element.setter
    def _element(self, element) -> None:
        self._tree = element

    @property
    def blob(self) -> bytes:
        if self._tree is None and _read(self._blob_read).writes_back:
            return self._blob_read  # never parsed: the bytes the parsed tree would write
        return super().blob

    def style_id(self, name: str) -> str:
        """The id of the style named `name` (python-docx's lookup by name, KeyError if none), without parsing this
        part when it is not parsed yet."""
        if self._tree is None:
            return _read(self._blob_read).style_id(name)
        return Styles(self._tree)[name].style_id


def install() -> None:
    """Styles parts read from a file are made as StylesPartParsedWhenRead."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.part import PartFactory

    PartFactory.part_type_for[CT.WML_STYLES] = StylesPartParsedWhenRead


def style_id(doc, name: str) -> str:
    """`doc.styles[name].style_id`, without parsing a styles part nothing has read yet."""
    part = doc.part._styles_part
    if isinstance(part, StylesPartParsedWhenRead):
        return part.style_id(name)
    return doc.styles[name].style_id


def add_table(doc, rows: int, cols: int):
    """`doc.add_table(rows, cols)`: the same table, naming no style (python-docx looks the default style's id up
    in the styles part first, to find None)."""
    table = doc._body.add_table(rows, cols, doc._block_width)
    table._tbl.tblStyle_val = None
    return table
