"""House style -> Word styles and page setup after GB/T 9704-2012: A4, 28 characters x 22 lines, official fonts."""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt, RGBColor

from ... import limits
from ...messages import _
from ...theme import HouseStyle
from ..ooxml.access import style_paragraph_properties, style_run_properties
from ..ooxml.names import docx_qn as qn
from ..ooxml.word_format import (
    condense,
    first_line_indent,
    line_grid,
    no_auto_space,
    no_grid_snap,
    outline_level,
    punctuation_inside_the_line,
)
from ..ooxml.word_runs import set_rpr_fonts

# GB/T 9704-2012 page: A4, margins 37/35/28/26 mm; text block 156 mm x 225 mm.
PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 12  # 小四
CAPTION_PT = 14  # 4号
CAPTION_LINE_PT = 20.0  # exact, so the page model knows a caption's height whatever face draws it
CAPTION_SPACE_PT = (4.0, 6.0)  # before and after
TABLE_LINE_PT = TABLE_PT * 1.3
DENSE_TABLE_PT = 10.5  # 五号: a table whose five columns do not fit at 小四 (labels of 16 characters, 个百分点, years)
TABLE_STYLES = {TABLE_PT: "Table Text", DENSE_TABLE_PT: "Table Text Dense"}  # a table's text style by its size
SOURCE_LINE_PT = TABLE_PT * 1.5

TEXT_H_PT = (297 - 37 - 35) / 25.4 * 72
TEXT_W_PT = (210 - 28 - 26) / 25.4 * 72
LINE_PITCH_PT = TEXT_H_PT / LINES_PER_PAGE  # 28.99 pt: 22 lines fill the text block
# 16 pt characters condensed by 0.25 pt are 15.75 pt wide: 28 fit the 442.2 pt line, 29 do not.
CONDENSE_TWIPS = -5
CONDENSE_PT = CONDENSE_TWIPS / 20




def page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    # the page number's top 7 mm below the type area (GB/T 9704 7.5): the footer's bottom sits 22 mm up
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    # A line grid gives 22 lines a page. 28 characters a line come from condensing body text by CONDENSE_TWIPS
    # (see define_styles), not from a character grid, which LibreOffice lays out differently from Word and WPS.
    line_grid(section, round(LINE_PITCH_PT * 20))


def _paragraph_style(doc, name: str, base: str | None = None):
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = doc.styles[base]
        return style


def _configure(style, theme: HouseStyle, east_asian: str, size: float, bold: bool = False,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars: int = 0, line_pt: float | None = LINE_PITCH_PT,
               keep_next: bool = False, outline: int | None = None) -> None:
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_rpr_fonts(style_run_properties(style), theme.fonts.brief_latin, east_asian)
    pf = style.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if line_pt:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    else:
        pf.line_spacing = 1.0
    pf.keep_with_next = keep_next
    pf.widow_control = True
    # first-line indent in characters (2 字符), so it follows the grid rather than a fixed length
    first_line_indent(style, indent_chars, int(indent_chars * size * 20))
    if outline is not None:
        outline_level(style, outline)


def define_styles(doc, theme: HouseStyle) -> None:
    """Real Word styles for every kind of paragraph, so the document stays editable and the navigation pane works."""
    f = theme.fonts
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    set_rpr_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), f.brief_latin, f.brief_body)
    styles = doc.styles
    _configure(styles["Normal"], theme, f.brief_body, BODY_PT, indent_chars=2)
    condense(style_run_properties(styles["Normal"]), CONDENSE_TWIPS)
    no_auto_space(style_paragraph_properties(styles["Normal"]))
    punctuation_inside_the_line(style_paragraph_properties(styles["Normal"]))  # every style is based on Normal
    condense(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), CONDENSE_TWIPS)
    # the title's lines on the line grid (GB/T 9704 7.3.3): 2号 characters on the body's pitch
    _configure(styles["Title"], theme, f.brief_title, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
               line_pt=LINE_PITCH_PT, keep_next=True)
    _remove_border(styles["Title"])
    _configure(_paragraph_style(doc, "Subtitle", "Normal"), theme, f.brief_heading2, BODY_PT,
               align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    _configure(styles["Heading 1"], theme, f.brief_heading1, BODY_PT, keep_next=True, indent_chars=2, outline=0)
    _configure(styles["Heading 2"], theme, f.brief_heading2, BODY_PT, keep_next=True, indent_chars=2, outline=1)
    _configure(styles["Caption"], theme, f.brief_heading2, CAPTION_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
               line_pt=CAPTION_LINE_PT)
    _configure(_paragraph_style(doc, "Table Text", "Normal"), theme, f.brief_body, TABLE_PT,
               align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=TABLE_LINE_PT)
    _configure(_paragraph_style(doc, "Table Text Dense", "Table Text"), theme, f.brief_body, DENSE_TABLE_PT,
               align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=DENSE_TABLE_PT * 1.3)
    _configure(_paragraph_style(doc, "Source Note", "Normal"), theme, f.brief_body, TABLE_PT,
               align=WD_ALIGN_PARAGRAPH.LEFT, line_pt=SOURCE_LINE_PT)
    _configure(_paragraph_style(doc, "Figure", "Normal"), theme, f.brief_body, BODY_PT,
               align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=None, keep_next=True)
    _configure(styles["Footer"], theme, f.brief_page_number, PAGE_NUMBER_PT, line_pt=None)
    # the title: each line exactly one grid line (固定值 at the pitch, as official templates set 2号 titles), off the
    # grid's own rounding, which gives a 22 pt face two lines in LibreOffice
    for name in ("Title", "Caption", "Table Text", "Table Text Dense", "Source Note", "Figure"):
        no_grid_snap(style_paragraph_properties(styles[name]))
    house_faces_only(doc, theme)
    styles["Caption"].paragraph_format.space_before = Pt(CAPTION_SPACE_PT[0])
    styles["Caption"].paragraph_format.space_after = Pt(CAPTION_SPACE_PT[1])


def house_faces_only(doc, theme: HouseStyle) -> None:
    """No face outside the house style anywhere in the styles (python-docx's template names Courier for Macro Text),
    and the theme's East Asian language Chinese (it says ja-JP): WPS reports a face it lacks as 缺失字体."""
    f = theme.fonts
    allowed = {f.brief_title, f.brief_body, f.brief_heading1, f.brief_heading2, f.brief_page_number, f.brief_latin}
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr, face in (("w:ascii", f.brief_latin), ("w:hAnsi", f.brief_latin), ("w:cs", f.brief_latin),
                           ("w:eastAsia", f.brief_body)):
            if fonts.get(qn(attr)) not in (None, *allowed):
                fonts.set(qn(attr), face)
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _remove_border(style) -> None:
    ppr = style_paragraph_properties(style)
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def new_document():
    """python-docx's blank document without the parts of its own template we do not write (custom XML, a thumbnail
    of an empty page): our files carry only what they mean to."""
    from docx import Document

    from ..ooxml.package import keep_only_our_parts

    doc = Document()
    keep_only_our_parts(doc.part)
    return doc


def open_reference(data: bytes):
    """A designer's reference .docx with its body emptied: styles, numbering, page setup, header and footer stay."""
    import io

    from docx import Document

    from ...errors import GeneratorError
    from ..ooxml.package import keep_only_our_parts, vet_package

    vet_package(data, "brief_reference", "a Word .docx file")  # zip bounds, no external links, no macros
    try:
        doc = Document(io.BytesIO(data))
        _parsed = [s.name for s in doc.styles], [s.start_type for s in doc.sections]  # parsed now, not mid-render
    except Exception as exc:  # python-docx raises several kinds for a file that is not a document
        raise GeneratorError(_("brief_reference: not a Word .docx file, or its styles or sections are damaged ({name}); save "
                               "it again as .docx in Word", name=type(exc).__name__)) from None
    body = doc.element.find(qn("w:body"))
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last sectPr holds the page setup and the header/footer references
            body.remove(child)
    if body.find(qn("w:sectPr")) is None:  # valid OOXML (Word's defaults), but the build ended in exit 3 on it
        body.append(body.makeelement(qn("w:sectPr"), {}))
        page_setup(doc)  # the official page, as without a reference
    _vet_page(doc)
    keep_only_our_parts(doc.part)  # no comments, custom XML, glossary or pictures of the body just emptied
    return doc


LEAST_TYPE_AREA_MM = limits.REFERENCE_TYPE_AREA_MM
MOST_PAGE_MM = limits.REFERENCE_PAGE_MM_MOST


def _vet_page(doc) -> None:
    """A reference's page setup Word keeps: side margins of zero or more (negative ones passed into the briefing, a
    file Word repairs), a page of a real size, and room for text inside the margins."""
    from ...errors import GeneratorError

    for section in doc.sections:
        mm = {k: round((getattr(section, k) or 0) / 36000, 1) for k in (
            "page_width", "page_height", "left_margin", "right_margin", "top_margin", "bottom_margin", "gutter")}
        if min(section.left_margin or 0, section.right_margin or 0, section.gutter or 0) < 0:
            raise GeneratorError(_("brief_reference: a left or right margin below zero ({left} mm, {right} mm); set the "
                                   "margins in Word (Layout › Margins)", left=round((section.left_margin or 0) / 36000, 2),
                                   right=round((section.right_margin or 0) / 36000, 2)))
        if section.page_width is None or section.page_height is None:
            continue  # Word's default page
        wide = mm["page_width"] - mm["left_margin"] - mm["right_margin"] - mm["gutter"]
        high = mm["page_height"] - abs(mm["top_margin"]) - abs(mm["bottom_margin"])
        if max(mm["page_width"], mm["page_height"]) > MOST_PAGE_MM or min(wide, high) < LEAST_TYPE_AREA_MM:
            raise GeneratorError(_(
                "brief_reference: a page of {width} × {height} mm whose margins leave {wide} × {high} mm for text; "
                "a page is at most {most} mm and leaves at least {least} mm each way: set the page in Word (Layout › "
                "Size, Margins)", width=mm["page_width"], height=mm["page_height"], wide=round(wide, 1),
                high=round(high, 1), most=MOST_PAGE_MM, least=LEAST_TYPE_AREA_MM))


def add_missing_styles(doc, theme: HouseStyle) -> None:
    """The styles the briefing uses that a reference document may lack, made from the official layout."""
    names = {s.name for s in doc.styles}
    f = theme.fonts
    for name, base, east_asian, size, align in (
            ("Subtitle", "Normal", f.brief_heading2, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER),
            ("Caption", "Normal", f.brief_heading2, CAPTION_PT, WD_ALIGN_PARAGRAPH.CENTER),
            ("Table Text", "Normal", f.brief_body, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER),
            ("Table Text Dense", "Normal", f.brief_body, DENSE_TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER),
            ("Source Note", "Normal", f.brief_body, TABLE_PT, WD_ALIGN_PARAGRAPH.LEFT),
            ("Figure", "Normal", f.brief_body, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER)):
        if name not in names:
            _configure(_paragraph_style(doc, name, base), theme, east_asian, size, align=align, line_pt=None)
    for name in ("Title", "Heading 1", "Heading 2", "Footer"):
        if name not in names:
            _paragraph_style(doc, name, "Normal")
    normal = style_paragraph_properties(doc.styles["Normal"])
    if normal.find(qn("w:overflowPunct")) is None:  # Word's default, said: LibreOffice then hangs no mark and loses none
        punctuation_inside_the_line(normal)
