"""Word properties python-docx has no setter for, written as the elements its own setters would write: a table's
three rules, a page-number field, the line grid, grid snapping, autospace, hanging punctuation and condensed
spacing."""
from __future__ import annotations

from docx.oxml import OxmlElement
from lxml import etree

from .access import (
    cell_element,
    paragraph_element,
    run_element,
    section_properties,
    style_paragraph_properties,
    table_element,
    word_paragraph,
)
from .names import docx_qn as qn


def three_line(table) -> None:
    """Three-line table: thick top and bottom rules, a thin rule under the header, no vertical lines."""
    tbl_pr = table_element(table).tblPr
    borders = OxmlElement("w:tblBorders")
    for edge, size in (("top", 12), ("left", 0), ("bottom", 12), ("right", 0), ("insideH", 0), ("insideV", 0)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if size else "nil")
        if size:
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                 "w:tblDescription")
    for cell in table.rows[0].cells:
        tc_pr = cell_element(cell).get_or_add_tcPr()
        tc_borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
            bottom.set(qn(k), v)
        tc_borders.append(bottom)
        tc_pr.insert_element_before(tc_borders, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                                    "w:vAlign", "w:hideMark")


def grid_columns(table) -> list:
    """The w:gridCol elements of a python-docx table, in order."""
    return table_element(table).tblGrid.findall(qn("w:gridCol"))


def field_part(run, kind: str, text: str | None) -> None:
    """One part of a field (w:fldChar begin/separate/end, or its w:instrText) into a python-docx run."""
    if kind == "instr":
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = text
        run_element(run).append(instr)
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run_element(run).append(char)


def line_grid(section, pitch_twips: int) -> None:
    """A line grid of the given pitch on a python-docx section (w:docGrid type="lines")."""
    sect_pr = section_properties(section)
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch_twips))


def no_grid_snap(ppr) -> None:
    """Take a paragraph off the line grid (captions, tables, pictures take the height they need)."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                              "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                              "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def no_auto_space(ppr) -> None:
    """No extra space between Chinese and Latin text or figures (Word's and LibreOffice's default adds some)."""
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(name)
        el.set(qn("w:val"), "0")
        ppr.insert_element_before(el, "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                                  "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                                  "w:rPr", "w:sectPr", "w:pPrChange")


def punctuation_inside_the_line(ppr) -> None:
    """No closing mark hung past the line's end in LibreOffice: a line full to its last character is broken before
    that character and its mark (禁则), as the page model breaks it.

    LibreOffice hangs ，。、；：？！ past the right edge of a full line, and in a justified line of condensed text
    (our 28 characters a line) it then draws no mark at all: 。 and ， went missing from the PDF. It reads
    w:overflowPunct the wrong way round (writerfilter DomainMapper: ParaIsHangingPunctuation = val == 0), so the
    value that turns its hanging off is "1", which is also what Word reads as its own default (Word may hang the
    mark into the margin, and draws it there)."""
    el = OxmlElement("w:overflowPunct")
    el.set(qn("w:val"), "1")
    ppr.insert_element_before(el, "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def condense(rpr, twips: int) -> None:
    """Character spacing (w:spacing) of a run's properties, in twentieths of a point (negative condenses)."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                                  "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                                  "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
    spacing.set(qn("w:val"), str(twips))


def first_line_indent(style, chars: int, twips: int) -> None:
    """A python-docx style's first-line indent in characters (w:firstLineChars, hundredths), with its length in twips
    for the word processors that read only that."""
    ind = style_paragraph_properties(style).get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(twips))


def outline_level(style, level: int) -> None:
    """A python-docx style's outline level (the navigation pane's headings): 0 is the top."""
    style_paragraph_properties(style).get_or_add_outlineLvl().set(qn("w:val"), str(level))


def drop_styles_with_effects(doc) -> None:
    """python-docx's template carries Word 2010's stylesWithEffects.xml, a copy of the styles that our own styles make
    stale; Word may call the file unreadable when the two disagree. It is optional: leave it out."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


W_W, W_VAL, W_PPR, W_P = qn("w:w"), qn("w:val"), qn("w:pPr"), qn("w:p")
W_TR, W_TC, W_TCPR, W_TCW = qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:tcW")
W_TRPR, W_CANTSPLIT, W_TBLHEADER, W_KEEPNEXT, W_JC = (qn("w:trPr"), qn("w:cantSplit"), qn("w:tblHeader"),
                                                      qn("w:keepNext"), qn("w:jc"))


def fixed_rows(table, twips: list[str]) -> list[list]:
    """A new python-docx table's columns set to `twips` (the grid, which LibreOffice lays out by, and every cell,
    which Word does), its rows kept whole on a page and the first repeated as the header on every page; returns its
    w:tc elements, row by row.

    The rows and cells are the elements python-docx's table template made (w:tr > w:tc > w:tcPr/w:tcW, w:p),
    written as its width and row setters write them: its .cells works out every cell of the table again."""
    for col, width in zip(grid_columns(table), twips):
        col.set(W_W, width)
    rows = []
    for r, tr in enumerate(table_element(table).findall(W_TR)):
        cells = tr.findall(W_TC)
        for tc, tc_width in zip(cells, twips):
            tc.find(W_TCPR).find(W_TCW).set(W_W, tc_width)
        tr_pr = tr.makeelement(W_TRPR, {})
        tr.insert(0, tr_pr)  # w:trPr comes first in w:tr (after w:tblPrEx, which these rows have not)
        etree.SubElement(tr_pr, W_CANTSPLIT)
        if r == 0:
            etree.SubElement(tr_pr, W_TBLHEADER)  # repeat the header on every page the table spans
        rows.append(cells)
    return rows


def cell_paragraph(tc, k: int, table):
    """The k-th paragraph of a table cell as a python-docx Paragraph: the cell's own for k = 0, else a new one."""
    return word_paragraph(tc.find(W_P) if k == 0 else etree.SubElement(tc, W_P), table)


def keep_and_align(paragraph, keep: bool, align: str = "") -> None:
    """w:keepNext (val 0 when not `keep`), then w:jc `align` (left, right; '' keeps the style's): the schema's order
    after w:pStyle, as python-docx's setters write them. The paragraph has its w:pPr (its style is set)."""
    ppr = paragraph_element(paragraph).find(W_PPR)
    next_ = etree.SubElement(ppr, W_KEEPNEXT)
    if not keep:
        next_.set(W_VAL, "0")
    if align:
        etree.SubElement(ppr, W_JC, {W_VAL: align})
