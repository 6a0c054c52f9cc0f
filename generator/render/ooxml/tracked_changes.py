"""A redline: the current briefing with Word tracked changes (w:ins / w:del) from the version a leader signed.

After a briefing is signed (审签), whoever signs again must see every later change. Word and WPS show w:ins and w:del
as tracked changes that a reviewer can step through, accept or reject; LibreOffice shows them too.

The body's blocks (paragraphs and tables) of the two versions are aligned by their text (difflib). A block that is
in both stays as it is now. A paragraph changed in place gets its changes marked character by character (Chinese has
no spaces to diff words by), each piece keeping the formatting of the version it comes from. A block only in the
signed version comes back as deleted text; one only in the current version is marked inserted. A table whose shape
stayed is compared cell by cell. A changed chart is not compared (its caption and its table are); a drawing in
deleted text is left out, since its parts belong to the signed package.
"""
from __future__ import annotations

import copy
import difflib
import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Marks:
    """Makes the w:ins / w:del wrappers, numbered in document order, and counts the changes."""

    author: str
    date: str  # W3CDTF, e.g. 2025-10-22T09:00:00Z; '' for none (when a change was made is not known: a build
    # finds changes, it does not see them made)
    next_id: int = 1
    changes: int = 0  # inserted or deleted pieces

    def wrapper(self, kind: str) -> etree._Element:
        element = etree.Element(w(kind), {w("id"): str(self.next_id), w("author"): self.author})
        if self.date:
            element.set(w("date"), self.date)
        self.next_id += 1
        return element

    def mark_paragraph(self, paragraph: etree._Element, kind: str) -> None:
        """The paragraph mark itself inserted or deleted (w:pPr/w:rPr/w:ins|w:del), so the paragraph comes or goes."""
        p_pr = paragraph.find(w("pPr"))
        if p_pr is None:
            p_pr = etree.Element(w("pPr"))
            paragraph.insert(0, p_pr)
        r_pr = p_pr.find(w("rPr"))
        if r_pr is None:
            r_pr = etree.SubElement(p_pr, w("rPr"))
        r_pr.append(self.wrapper(kind))


def _text(block: etree._Element) -> str:
    return "".join(t.text or "" for t in block.iter(w("t")))


def _key(block: etree._Element) -> str:
    """What aligns a block with its counterpart: its kind and its text (a table's: its cells')."""
    return etree.QName(block).localname + ":" + _text(block)


def _alike(old: etree._Element, new: etree._Element) -> bool:
    """Whether a signed block and a current one are the same block changed (then its changes are marked inside it),
    not one block removed and another written: the same kind, and for paragraphs, text that is at least half alike."""
    if old.tag != new.tag:
        return False
    if old.tag != w("p"):
        return True
    return difflib.SequenceMatcher(None, _text(old), _text(new), autojunk=False).ratio() >= 0.5


def _pieces(paragraph: etree._Element) -> list[tuple[str, etree._Element | None]] | None:
    """(character, its run's w:rPr) for the paragraph's text, or None when it holds more than plain text runs
    (a drawing, a field, a break): such a paragraph is replaced whole, never cut into."""
    out: list[tuple[str, etree._Element | None]] = []
    for child in paragraph:
        if child.tag == w("pPr"):
            continue
        if child.tag != w("r"):
            return None
        r_pr = child.find(w("rPr"))
        for part in child:
            if part.tag == w("rPr"):
                continue
            if part.tag != w("t"):
                return None
            out.extend((ch, r_pr) for ch in part.text or "")
    return out


_TOKEN = re.compile(r"[+\-−]?\d[\d.,]*%?|\s+|.", re.S)  # a figure changes whole (2458.8 → 2460.1), not digit by digit


def _tokens(pieces: list[tuple[str, etree._Element | None]]) -> list[tuple[str, int]]:
    """The text as (token, its first character's index): figures whole, every other character on its own (Chinese
    has no spaces to diff words by)."""
    return [(m.group(), m.start()) for m in _TOKEN.finditer("".join(ch for ch, _ in pieces))]


def _span(pieces: list, tokens: list[tuple[str, int]], start: int, end: int) -> list:
    """The characters of tokens start..end."""
    if start == end:
        return []
    first = tokens[start][1]
    last = tokens[end - 1][1] + len(tokens[end - 1][0])
    return pieces[first:last]


def _run(text: str, r_pr: etree._Element | None, deleted: bool) -> etree._Element:
    run = etree.Element(w("r"))
    if r_pr is not None:
        run.append(copy.deepcopy(r_pr))
    t = etree.SubElement(run, w("delText" if deleted else "t"))
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")
    return run


def _runs(pieces: list[tuple[str, etree._Element | None]], deleted: bool) -> list[etree._Element]:
    """Runs for consecutive characters that share their formatting."""
    runs: list[etree._Element] = []
    start = 0
    for i in range(1, len(pieces) + 1):
        if i == len(pieces) or pieces[i][1] is not pieces[start][1]:
            runs.append(_run("".join(ch for ch, _ in pieces[start:i]), pieces[start][1], deleted))
            start = i
    return runs


def _wrapped(marks: Marks, kind: str, runs: list[etree._Element]) -> etree._Element:
    wrapper = marks.wrapper(kind)
    wrapper.extend(runs)
    marks.changes += 1
    return wrapper


def _as_deleted(marks: Marks, block: etree._Element) -> etree._Element:
    """A block of the signed version, brought back as deleted: its text kept, its drawings left out."""
    block = copy.deepcopy(block)
    paragraphs = [block] if block.tag == w("p") else list(block.iter(w("p")))
    for paragraph in paragraphs:
        runs = [r for r in paragraph if r.tag == w("r")]
        for run in runs:
            for part in list(run):
                if part.tag == w("t"):
                    part.tag = w("delText")
                elif part.tag not in (w("rPr"), w("tab"), w("br")):
                    run.remove(part)  # a drawing or field of the signed package
        for other in [c for c in paragraph if c.tag not in (w("pPr"), w("r"))]:
            paragraph.remove(other)
    return _mark_block(marks, block, "del")


def _as_inserted(marks: Marks, block: etree._Element) -> etree._Element:
    return _mark_block(marks, block, "ins")


def _mark_block(marks: Marks, block: etree._Element, kind: str) -> etree._Element:
    """Every paragraph of the block (itself, or a table's) wrapped whole in w:ins or w:del, its mark and its table's
    rows marked too: the block came or went as a whole."""
    for paragraph in [block] if block.tag == w("p") else list(block.iter(w("p"))):
        content = [c for c in paragraph if c.tag != w("pPr")]
        if content:
            wrapper = marks.wrapper(kind)
            content[0].addprevious(wrapper)
            wrapper.extend(content)
            marks.changes += 1
        marks.mark_paragraph(paragraph, kind)
    for row in block.iter(w("tr")):
        _mark_row(marks, row, kind)
    return block


def _mark_row(marks: Marks, row: etree._Element, kind: str) -> None:
    tr_pr = row.find(w("trPr"))
    if tr_pr is None:
        tr_pr = etree.Element(w("trPr"))
        row.insert(1 if len(row) and row[0].tag == w("tblPrEx") else 0, tr_pr)
    tr_pr.append(marks.wrapper(kind))


def _paragraph(marks: Marks, old: etree._Element, new: etree._Element) -> list[etree._Element]:
    """The current paragraph with its changes from the signed one marked in place; or, when either holds more than
    text, the signed one deleted and the current one inserted."""
    before, after = _pieces(old), _pieces(new)
    if before is None or after is None:
        return [_as_deleted(marks, old), _as_inserted(marks, new)]
    out = etree.Element(w("p"), dict(new.attrib))
    if new.find(w("pPr")) is not None:
        out.append(copy.deepcopy(new.find(w("pPr"))))
    old_tokens, new_tokens = _tokens(before), _tokens(after)
    matcher = difflib.SequenceMatcher(None, [t for t, _ in old_tokens], [t for t, _ in new_tokens], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out.append(_wrapped(marks, "del", _runs(_span(before, old_tokens, i1, i2), deleted=True)))
        if op in ("insert", "replace"):
            out.append(_wrapped(marks, "ins", _runs(_span(after, new_tokens, j1, j2), deleted=False)))
        if op == "equal":
            out.extend(_runs(_span(after, new_tokens, j1, j2), deleted=False))
    return [out]


def _table(marks: Marks, old: etree._Element, new: etree._Element) -> list[etree._Element]:
    """A table of the same rows and columns compared cell by cell; any other, deleted and inserted whole."""
    def shape(table):
        return [len(row.findall(w("tc"))) for row in table.findall(w("tr"))]

    if shape(old) != shape(new):
        return [_as_deleted(marks, old), _as_inserted(marks, new)]
    out = copy.deepcopy(new)
    old_cells = [tc for row in old.findall(w("tr")) for tc in row.findall(w("tc"))]
    new_cells = [tc for row in out.findall(w("tr")) for tc in row.findall(w("tc"))]
    for before, cell in zip(old_cells, new_cells):
        _blocks(marks, cell, list(before), list(cell))
    return [out]


def _blocks(marks: Marks, holder: etree._Element, old: list, new: list) -> None:
    """The blocks of `holder` (a body or a cell), now `new`, rewritten with their changes from `old` marked."""
    kinds = (w("p"), w("tbl"))
    old_blocks = [b for b in old if b.tag in kinds]
    new_blocks = [b for b in new if b.tag in kinds]
    matcher = difflib.SequenceMatcher(None, [_key(b) for b in old_blocks], [_key(b) for b in new_blocks],
                                      autojunk=False)
    made: dict[int, list[etree._Element]] = {}  # index in new_blocks -> what stands in its place
    ahead: dict[int, list[etree._Element]] = {}  # index in new_blocks -> signed blocks deleted just before it
    trailing: list[etree._Element] = []  # signed blocks deleted after the last current one
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone, come = old_blocks[i1:i2], new_blocks[j1:j2]
        k = 0  # the next signed block of the change not yet placed
        for j, block in zip(range(j1, j2), come):
            match = next((n for n in range(k, len(gone)) if _alike(gone[n], block)), None)
            if match is None:
                made[j] = [_as_inserted(marks, block)]
                continue
            # the signed blocks before its counterpart were deleted: they go where they stood, before it
            ahead.setdefault(j, []).extend(_as_deleted(marks, a) for a in gone[k:match])
            made[j] = (_paragraph if block.tag == w("p") else _table)(marks, gone[match], block)
            k = match + 1
        rest = [_as_deleted(marks, a) for a in gone[k:]]
        (ahead.setdefault(j2, []) if j2 < len(new_blocks) else trailing).extend(rest)
    for j in sorted(made.keys() | ahead.keys(), reverse=True):
        block = new_blocks[j]
        replacement = made.get(j, [block])
        for element in ahead.get(j, []) + replacement:
            if element is not block:
                block.addprevious(element)
        if block not in replacement:
            holder.remove(block)
    last = holder.find(w("sectPr"))
    for element in trailing:
        if last is not None:
            last.addprevious(element)
        else:
            holder.append(element)


def redline(signed: bytes, current: bytes, author: str, date: str) -> tuple[bytes, int]:
    """The current .docx with its changes since the signed one tracked, and how many pieces changed (0: none)."""
    with zipfile.ZipFile(io.BytesIO(signed)) as old_zip:
        old_body = etree.fromstring(old_zip.read(DOCUMENT), _PARSER).find(w("body"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(current)) as new_zip, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        document = etree.fromstring(new_zip.read(DOCUMENT), _PARSER)
        body = document.find(w("body"))
        marks = Marks(author, date)
        if old_body is not None and body is not None:
            _blocks(marks, body, list(old_body), list(body))
        for item in new_zip.infolist():
            data = new_zip.read(item.filename)
            if item.filename == DOCUMENT:
                data = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return out.getvalue(), marks.changes
