"""Model -> briefing (.docx) in the official-document layout: plain functions, no file I/O."""
from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..present.charts import ChartData
from ..present.view import DERIVED_BASE, DRAFT_MARK, GAP, ConferenceView, MetricShown
from ..theme import HouseStyle
from ..vocabulary import chart_kind
from .briefing_style import PAGE_NUMBER_PT, TABLE_PT, TEXT_W_PT, add_missing_styles, define_styles, open_reference, page_setup, set_fonts
from .chart_image import chart_png
from .fit import Measurer
from .properties import set_core_properties

TABLE_HEADER = ("指标", "数值", "单位", "年份", "比较")
TEXT_WIDTH_MM = 156  # the type area's width: the table spans it
CELL_PAD_MM = 4.5  # Word's default cell margins (1.9 mm each side), and a little air
LABEL_SHARE = (0.2, 0.36)  # the 指标 column: at least a fifth of the width, at most a little over a third
KEEP_TOGETHER_ROWS = 9  # a table this short is kept on one page; longer ones split with a repeated header


class Briefing:
    """The document being written, with counters for numbered figures and tables."""

    def __init__(self, view: ConferenceView, theme: HouseStyle, images: dict[str, bytes] | None = None,
                 reference: bytes | None = None):
        self.doc = open_reference(reference) if reference is not None else Document()
        self.images = images or {}  # chart id -> PNG drawn ahead (in parallel, or from the cache)
        self._style_ids: dict[str, str] = {}
        self.view, self.theme = view, theme
        self.measure = Measurer()  # Noto Sans CJK SC's widths: CJK is one em in every face, digits about half
        self.figures = 0
        self.tables = 0

    def set_style(self, paragraph, style: str) -> None:
        """Set a paragraph style by its id, looked up once: python-docx's by-name lookup scans every style each time."""
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.styles[style].style_id
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = self._style_ids[style]

    def paragraph(self, text: str, style: str = "Normal", bold: bool = False):
        p = self.doc.add_paragraph()
        if style != "Normal":
            self.set_style(p, style)
        if text:
            self.run(p, text, bold=bold, style_name=style)
        return p

    def run(self, paragraph, text: str, bold: bool = False, style_name: str = "Normal", gap: bool = False):
        """Runs of the text; in a draft each gap (待补充) is a run of its own, highlighted, so none passes unseen."""
        if self.view.draft and GAP in text and text != GAP:
            runs = [self.run(paragraph, piece, bold, style_name, gap=piece == GAP)
                    for piece in re.split(f"({GAP})", text) if piece]
            return runs[-1]
        run = self._run(paragraph, text, bold, style_name)
        if self.view.draft and (gap or text == GAP):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return run

    def _run(self, paragraph, text: str, bold: bool, style_name: str):
        """Every run names its East Asian face explicitly, as WPS on another PC may not inherit it from the style."""
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        name = style_name
        face = {"Title": self.theme.fonts.brief_title, "Heading 1": self.theme.fonts.brief_heading1,
                "Heading 2": self.theme.fonts.brief_heading2, "Subtitle": self.theme.fonts.brief_heading2,
                "Caption": self.theme.fonts.brief_heading2, "Footer": self.theme.fonts.brief_page_number}.get(
            name, self.theme.fonts.brief_body)
        set_fonts(run._r, self.theme.fonts.brief_latin, face)
        return run


def header_block(b: Briefing) -> None:
    v = b.view
    b.paragraph(v.banner, "Subtitle")
    title = b.paragraph("", "Title")
    # a title with a space is two phrases: break there, as official titles are set, not mid-phrase
    for i, phrase in enumerate(v.heading.replace("　", " ").split()):
        if i:
            b.run(title, "", style_name="Title").add_break()
        b.run(title, phrase, style_name="Title")
    b.paragraph(v.date, "Subtitle")
    b.paragraph("　".join(v.organisers), "Subtitle")
    b.paragraph("", "Normal")


def _three_line(table) -> None:
    """Three-line table: thick top and bottom rules, a thin rule under the header, no vertical lines."""
    tbl_pr = table._tbl.tblPr
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
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
            bottom.set(qn(k), v)
        tc_borders.append(bottom)
        tc_pr.insert_element_before(tc_borders, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                                    "w:vAlign", "w:hideMark")


def _comparison_cell(m: MetricShown) -> str:
    """One line per fact (comparison, growth, rank, derived base): short lines that break between facts, never
    inside a figure with its unit."""
    parts = [m.comparison, m.growth, m.rank, DERIVED_BASE if m.base_derived else ""]
    return "\n".join(p for p in parts if p) or "—"


def column_widths(rows: Sequence[tuple[str, ...]], measure: Measurer) -> list[float]:
    """Millimetres per column, from the content: 数值, 单位 and 年份 as wide as their widest cell (no break inside a
    figure or a year span), 指标 as wide as its longest label within bounds, 比较 the rest."""
    def need(column: int) -> float:
        # a line may wrap after a comma (按可比价格计算，/年均增长5.9%), never inside the phrases between
        phrases = [p for row in [TABLE_HEADER, *rows] for line in row[column].split("\n")
                   for p in line.replace("，", "，\n").split("\n")]
        return max(measure.width(p, TABLE_PT) for p in phrases) * 25.4 / 72 + CELL_PAD_MM

    fixed = [need(1), need(2), need(3)]
    low, high = (TEXT_WIDTH_MM * s for s in LABEL_SHARE)
    label = min(max(need(0), low), high)
    # a comparison line (较2020年增加836.2亿元) should not break: it takes room from 指标 down to the lower bound
    short = need(4) + 3 - (TEXT_WIDTH_MM - label - sum(fixed))
    if short > 0:
        label = max(low, label - short)
    return [label, *fixed, TEXT_WIDTH_MM - label - sum(fixed)]


def metric_rows(metrics: tuple[MetricShown, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(m.label, m.figure, m.unit or "—", m.years or "—", _comparison_cell(m)) for m in metrics]


def metric_table(b: Briefing, title: str, metrics: tuple[MetricShown, ...]) -> None:
    b.tables += 1
    caption = b.paragraph(f"表{b.tables}　{title}主要指标", "Caption")
    caption.paragraph_format.keep_with_next = True
    rows = metric_rows(metrics)
    widths = column_widths(rows, b.measure)
    table = b.doc.add_table(rows=1 + len(rows), cols=len(TABLE_HEADER))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(Mm(width).twips)))  # LibreOffice lays out by the grid, Word by the cells
    for i, width in enumerate(widths):
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    for r, values in enumerate([TABLE_HEADER, *rows]):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header on every page the table spans
        for c, (cell, text) in enumerate(zip(table.rows[r].cells, values)):
            for k, line in enumerate(text.split("\n")):  # the 比较 cell: one paragraph per fact
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                b.set_style(p, "Table Text")
                if c in (0, 4) and r:
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                b.run(p, line, bold=(r == 0), style_name="Table Text",
                      gap=r > 0 and c == 1 and metrics[r - 1].unverified)
                # keep-with-next on every row but the last holds a short table on one page
                p.paragraph_format.keep_with_next = len(rows) < KEEP_TOGETHER_ROWS and r < len(rows)
    _three_line(table)
    b.paragraph(b.view.source_line() + "。", "Source Note")


def figure(b: Briefing, data: ChartData) -> None:
    b.figures += 1
    png = b.images.get(data.id) or chart_png(data, b.theme)
    p = b.paragraph("", "Figure")
    run = b.run(p, "", style_name="Figure")
    share = 0.68 if chart_kind(data.kind).round else 0.92
    shape = run.add_picture(io.BytesIO(png), width=Pt(TEXT_W_PT * share))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", data.alt_text())
    doc_pr.set("title", data.title)
    doc_pr.set("name", f"图{b.figures}")
    unit = f"（单位：{data.unit}）" if data.unit and not data.secondary else ""
    caption = b.paragraph(f"图{b.figures}　{data.title}{unit}", "Caption")
    # the picture, its caption and its source line stay on one page: a caption is never parted from its chart
    p.paragraph_format.keep_with_next = True
    caption.paragraph_format.keep_with_next = True
    note = f"资料来源：{data.source}。" + (f"注：{data.note}" if data.note else "")
    b.paragraph(note, "Source Note")


def draft_headers(b: Briefing) -> None:
    """草稿, highlighted, at the top right of every page of a draft."""
    for section in b.doc.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if b.doc.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
        for header in headers:
            p = header.add_paragraph() if header.paragraphs[0].text.strip() else header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            b.run(p, DRAFT_MARK, bold=True, style_name="Heading 1", gap=True)


def footer_page_numbers(b: Briefing) -> None:
    """“— 1 —” in 4号 宋体: odd pages on the right, even pages on the left, as GB/T 9704 asks."""
    b.doc.settings.odd_and_even_pages_header_footer = True
    section = b.doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        b.set_style(p, "Footer")
        p.alignment = align
        # one character (4号, 14 pt) in from the outer edge: right on odd pages, left on even ones
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            p.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
        b.run(p, "— ", style_name="Footer")
        _page_field(b, p)
        b.run(p, " —", style_name="Footer")


def _page_field(b: Briefing, paragraph) -> None:
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = b.run(paragraph, "", style_name="Footer")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def build_briefing(view: ConferenceView, theme: HouseStyle, images: dict[str, bytes] | None = None,
                   reference: bytes | None = None) -> DocxDocument:
    """The briefing; with `reference` (a designer's .docx), its styles, page setup, header and footer are kept."""
    b = Briefing(view, theme, images, reference)
    if reference is None:
        page_setup(b.doc)
        define_styles(b.doc, theme)
        footer_page_numbers(b)
    else:
        add_missing_styles(b.doc, theme)
        if not any(p.text.strip() or p._p.xpath(".//w:fldSimple|.//w:instrText") for p in b.doc.sections[0].footer.paragraphs):
            footer_page_numbers(b)  # a reference without a footer still gets page numbers
    header_block(b)
    for part in view.parts:
        b.paragraph(part.heading, "Heading 1")
        for theme_ in part.themes:
            b.paragraph(theme_.heading, "Heading 2")
            # the narrative is the briefing's text; the lead stands in only where there is none
            for para in theme_.paragraphs or ([theme_.lead] if theme_.lead else []):
                b.paragraph(para)
            if theme_.metrics:
                metric_table(b, theme_.title, theme_.metrics)
            for data in theme_.charts:
                figure(b, data)
    if view.draft:
        draft_headers(b)
    set_core_properties(b.doc.core_properties, view)
    _drop_styles_with_effects(b.doc)
    return b.doc


def _drop_styles_with_effects(doc) -> None:
    """python-docx's template carries Word 2010's stylesWithEffects.xml, a copy of the styles that our own styles make
    stale; Word may call the file unreadable when the two disagree. It is optional: leave it out."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def briefing_bytes(view: ConferenceView, theme: HouseStyle, images: dict[str, bytes] | None = None,
                   reference: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    build_briefing(view, theme, images, reference).save(buf)
    return buf.getvalue()
