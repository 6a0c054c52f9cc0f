"""Word properties python-docx has no setter for, written as the elements its own setters would write: a table's
three rules, a page-number field, the line grid, grid snapping, autospace and condensed spacing."""
from __future__ import annotations

from docx.oxml import OxmlElement

from .access import cell_element, run_element, section_properties, style_paragraph_properties, table_element
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
