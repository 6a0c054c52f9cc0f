"""Model -> briefing (.docx) in the official-document layout: plain functions, no file I/O."""
from __future__ import annotations

import copy
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from lxml import etree

from ...present.charts import ChartData
from ...present.labels import (
    BASE_MARK,
    DERIVED_MARK,
    PERIOD_HEADER,
    TABLE_HEADER,
    figure_caption,
    figure_name,
    figure_sentence,
    source_note,
    table_caption,
    table_continued,
    table_note,
)
from ...present.view import DRAFT_MARK, GAP, ConferenceView, MetricShown
from ...theme import HouseStyle
from ...vocabulary import chart_kind
from ..chart_image import ROUND_SIZE_IN, SIZE_IN, chart_png
from ..chart_store import PartStore
from ..context import RenderContext
from ..fit import CLOSING, WORD_JOINER, Measurer, figure_spans, phrase_wrap
from ..ooxml.access import describe_inline, paragraph_element, word_run
from ..ooxml.blanks import Blanks
from ..ooxml.names import docx_qn as qn
from ..ooxml.names import speed_up_docx
from ..ooxml.properties import set_core_properties
from ..ooxml.styles_part import add_table, style_id
from ..ooxml.theme_part import restyle_theme_parts
from ..ooxml.word_charts import add_chart
from ..ooxml.word_format import cell_paragraph, drop_styles_with_effects, field_part, fixed_rows, keep_and_align, three_line
from ..ooxml.word_runs import append_text, run_properties, set_paragraph_style
from .layout import PageFlow, count_lines, last_line, text_width
from .style import (
    BODY_PT,
    CAPTION_LINE_PT,
    CAPTION_PT,
    CAPTION_SPACE_PT,
    CONDENSE_PT,
    DENSE_TABLE_PT,
    LINE_PITCH_PT,
    PAGE_NUMBER_PT,
    SOURCE_LINE_PT,
    TABLE_PT,
    TABLE_STYLES,
    TEXT_H_PT,
    TEXT_W_PT,
    TITLE_PT,
    add_missing_styles,
    define_styles,
    new_document,
    open_reference,
    page_setup,
)

TEXT_WIDTH_MM = 156  # the type area's width: the table spans it
CELL_PAD_MM = 5.2  # the cell margins (1.9 mm each side), and the air LibreOffice wants before it wraps (突破2000 did at 4.5)
KEEP_TOGETHER_ROWS = 9  # a table this short is kept on one page; longer ones split with 续表 and a repeated header
FEW_ROWS = 4  # a longer table that would open a page's foot with fewer rows than this goes whole to the next page
CELL_MARGIN_PT = 5.4  # the cell margins of python-docx's table style (0.19 cm a side)
ROW_RULES_PT = 1.5  # the rules of a three-line table, and LibreOffice's rounding of row heights
PICTURE_LINE_PT = 16.0  # a picture's line is taller than the picture: up to 16 pt in LibreOffice (pdftotext -bbox)
MIN_LINES_PAGE = 2  # a heading keeps with the first two lines of its text
MIN_FIGURE_SCALE = 0.85  # a chart is shrunk to fit the rest of its page, down to this share of its height: its
# labels stay legible at print size and its category labels upright (at 0.6 图5 turned them on their side)
LEAST_FIGURE_SCALE = 0.7  # ... and down to this, rather than leave a page more than MAX_EMPTY_SHARE empty
SPLIT_MARGIN_PT = LINE_PITCH_PT  # a table split at a page's foot leaves a line free: a row that spilled over the
# forced break would leave a page with one row on it
FIT_MARGIN_PT = 12.0  # a chart sized to the rest of a page leaves this much: word processors round differently
MAX_EMPTY_SHARE = 0.3  # no page but the last may end with more of its type area empty than this


class Briefing:
    """The document being written, with counters for numbered figures and tables."""

    def __init__(self, view: ConferenceView, theme: HouseStyle, images: dict[str, bytes] | None = None,
                 reference: bytes | None = None, parts: PartStore | None = None, doc=None):
        self.doc = doc if doc is not None else open_reference(reference) if reference is not None else new_document()
        self.images = images or {}  # chart id -> PNG drawn ahead (in parallel, or from the cache)
        self.parts = parts  # native chart parts made before (the build's cache), reused when equal
        self._style_ids: dict[str, str] = {}
        self.view, self.theme = view, theme
        self.measure = Measurer()  # the widest of the faces that draw the document
        self.figures = 0
        self.tables = 0
        # where pages break; a designer's reference sets its own page and styles, which the model does not know
        self.flow = PageFlow(TEXT_H_PT, LINE_PITCH_PT) if reference is None else None
        self.waiting: list[ChartData] = []  # charts that did not fit their page: the following text comes first
        self._run_properties: dict[tuple, etree._Element] = {}  # a run's w:rPr by (face, bold, highlight)
        self.bind = False  # the paragraph being written binds its last two characters (bound_ending)
        # text to be copied (the 新闻通稿 and 主持词 are pasted into newsroom systems): no word joiners, no figure runs
        # in another language; a pasted 2458.8亿元 must be found by a search for it
        self.plain = False

    def set_style(self, paragraph, style: str) -> None:
        """Set a paragraph style by its id, looked up once (styles_part.style_id: without parsing the styles):
        python-docx's by-name lookup scans every style each time.
        Written as the elements python-docx writes (w:pPr first in w:p, w:pStyle first in w:pPr), without its
        tree walks: a briefing sets some 600 styles."""
        if style not in self._style_ids:
            self._style_ids[style] = style_id(self.doc, style)
        set_paragraph_style(paragraph_element(paragraph), self._style_ids[style])

    def text(self, text: str, style: str = "Normal") -> None:
        """A paragraph of running text (body, heading, subtitle), followed in the page model."""
        if self.flow is None:
            self.paragraph(text, style)
            return
        indent = 2 * BODY_PT if style in ("Normal", "Heading 1", "Heading 2") else 0.0
        lines = count_lines(text, TEXT_W_PT, BODY_PT, indent, CONDENSE_PT)
        keep = MIN_LINES_PAGE * LINE_PITCH_PT if style != "Normal" else 0.0  # headings keep with what follows
        if self.waiting and self.flow.here(lines, keep) == 0:
            place_waiting(self)  # this text begins the next page: the charts that waited for it go first
        page = self.flow.page
        # a paragraph whose last line would hold one character or two (位。) has its last two bound: none alone
        ending = last_line(text, TEXT_W_PT, BODY_PT, indent, CONDENSE_PT)
        self.bind = not self.plain and sum(_han(ch) for ch in ending) <= SHORT_LAST_LINE
        self.paragraph(text, style)
        self.bind = False
        self.flow.lines(lines, keep)
        if self.waiting and self.flow.page != page:
            place_waiting(self)  # the text ran onto a new page: the charts that waited for it follow it there

    def broken(self, lines: list[str], style: str) -> None:
        """A paragraph of lines broken here (a title, the series line), each after a line break, followed in the page
        model as a heading: it keeps with what follows."""
        p = self.paragraph("", style)
        for i, line in enumerate(lines):
            if i:
                self.run(p, "", style_name=style).add_break()
            self.run(p, line, style_name=style)
        if self.flow is not None:
            self.flow.lines(len(lines), MIN_LINES_PAGE * LINE_PITCH_PT)

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
        highlight = self.view.draft and (gap or text == GAP)
        spans = [(text, False)] if self.plain else figure_spans(text, dates_and_amounts=True)
        runs = [self._run(paragraph, piece, bold, style_name, highlight, figure)
                for piece, figure in bound_ending(spans, self.bind)] or [
            self._run(paragraph, text, bold, style_name, highlight)]
        return runs[-1]

    def _run(self, paragraph, text: str, bold: bool, style_name: str, highlight: bool = False, figure: bool = False):
        """Every run names its East Asian face explicitly, as WPS on another PC may not inherit it from the style.

        The run, its properties (in schema order: w:rFonts, w:b, w:highlight, w:lang) and its text are written as
        elements, as python-docx's add_run and text setter write them, without their tree walks: a briefing has some
        600 runs. The properties are made once per face, weight and highlight, and copied."""
        r = etree.SubElement(paragraph_element(paragraph), W_R)  # the last child of w:p, where add_run puts it
        name = style_name
        face = {"Title": self.theme.fonts.brief_title, "Heading 1": self.theme.fonts.brief_heading1,
                "Heading 2": self.theme.fonts.brief_heading2, "Subtitle": self.theme.fonts.brief_heading2,
                "Caption": self.theme.fonts.brief_heading2, "Footer": self.theme.fonts.brief_page_number}.get(
            name, self.theme.fonts.brief_body)
        kind = (face, bold, highlight, figure)
        if kind not in self._run_properties:  # made once, copied for every run like it
            self._run_properties[kind] = run_properties(r, self.theme.fonts.brief_latin, face, bold, highlight, figure)
        r.append(copy.deepcopy(self._run_properties[kind]))  # w:rPr comes first in w:r
        append_text(r, text)
        return word_run(r, paragraph)


SHORT_LAST_LINE = 2  # a paragraph whose last line the page model sees this short is bound (LibreOffice may differ
# by a character: one or two is bound, none is left with one alone)
BIND_FROM = 6  # a shorter text (a header, a unit, a short label) cannot end a line of its own with one character


def _han(ch: str) -> bool:
    return 0x3400 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF


def bound_ending(spans: list[tuple[str, bool]], characters: bool = True) -> list[tuple[str, bool]]:
    """No line holds one character alone at a paragraph's end (位。): when a text ends in a Chinese character (and
    its closing punctuation) and its last line would be short (Briefing.text), the last two characters are bound,
    joined by U+2060 in a run of their own that is tagged like a figure (render/ooxml/word_runs.run_properties),
    which LibreOffice keeps on one line as Word and WPS do. A text ending in a figure with its unit (1.6倍。) is left
    as it is: it cannot end one character alone; a mark after a figure (58.3万户△) is bound to it.
    Only where needed: a joiner inside a word is one more thing an editor's search must step over."""
    if len(spans) > 1 and spans[-2][1] and spans[-1][0] in (BASE_MARK, DERIVED_MARK):  # 58.3万户△: one piece
        return [*spans[:-2], (spans[-2][0] + WORD_JOINER + spans[-1][0], True)]
    if not characters or not spans or spans[-1][1]:
        return spans
    text = spans[-1][0]
    end = len(text)
    while end and text[end - 1] in CLOSING:
        end -= 1
    if end < BIND_FROM or not (_han(text[end - 1]) and _han(text[end - 2])):
        return spans
    head = [(text[:end - 2], False)] if end > 2 else []
    return [*spans[:-1], *head, (WORD_JOINER.join(text[end - 2:]), True)]


TITLE_ROOM = 0.94  # of the type area a title line may fill: the face LibreOffice or Word sets may run wider


def title_lines(heading: str, measure: Measurer) -> list[str]:
    """The title's lines, as GB/T 9704 sets a title: a space parts two phrases, and a phrase too long for a line
    breaks at a phrase or word boundary into lines as even as the boundaries allow, never inside a word (…及中/央环保…
    was the word processor's own break)."""
    width = TEXT_W_PT * TITLE_ROOM
    return [line for phrase in heading.replace("　", " ").split()
            for line in ([phrase] if measure.width(phrase, TITLE_PT) <= width
                         else phrase_wrap(phrase, width, TITLE_PT, measure))]


def banner_lines(banner: str, measure: Measurer) -> list[str]:
    """The series line above the title (its 3号 subtitle face): one line, or when it does not fit, lines broken at a
    phrase boundary (after its ——) or else between words, as the title's are: a word processor left to it broke
    …系列|主题新闻发布会."""
    width = TEXT_W_PT * TITLE_ROOM
    return [banner] if measure.width(banner, BODY_PT) <= width else phrase_wrap(banner, width, BODY_PT, measure)


def header_block(b: Briefing) -> None:
    v = b.view
    b.broken(banner_lines(v.banner, b.measure), "Subtitle")
    b.broken(title_lines(v.heading, b.measure), "Title")
    b.text(v.date, "Subtitle")
    b.text("　".join(v.organisers), "Subtitle")
    b.text("", "Normal")


LABEL, VALUE, UNIT, YEARS, COMPARISON = range(len(TABLE_HEADER))  # a metric table's columns, before it drops any
ALIGN = ("left", "right", "", "", "left")  # labels and comparisons flush left, figures right, unit and years centred
NOTHING = ("", "—")  # a cell that says nothing: a column of them is left out
NUMBER_AIR_MM = 4.0  # what 数值, 单位 and 年份 get beyond their need when no 比较 takes the room
LABEL_CHARS = 16  # a label up to this long never wraps: its column is as wide as the longest such label
LEAST_LABEL_MM = 25.0  # the narrowest a squeezed 指标 column gets: four characters of 小四 a line, with the margins


def _comparison_cell(m: MetricShown) -> str:
    """One line per fact (comparison, growth, rank): short lines that break between facts, never inside a figure
    with its unit. A comparison says the stated change (较2020年增加836.2亿元), never the base value, so it carries no
    mark even where the base was computed: a mark there would make the stated increase read as an estimate."""
    return "\n".join(p for p in (m.comparison, m.growth, m.rank) if p) or "—"


def metric_rows(metrics: tuple[MetricShown, ...]) -> list[tuple[str, str, str, str, str]]:
    """Every metric's row in all five columns (指标, 数值, 单位, 年份, 比较), — where a row has nothing to say."""
    return [(m.label, m.figure + m.mark, m.unit or "—", _when(m), _comparison_cell(m)) for m in metrics]


def _when(m: MetricShown) -> str:
    """The 年份 cell: 2024, 2021—2024, or 2018年上半年 for a part of a year (the column is then headed 时间)."""
    return (m.period if m.within else m.years) or "—"


@dataclass(frozen=True)
class MetricTable:
    """A theme's table as designed for its rows: the columns that say something in at least one row."""

    columns: tuple[int, ...]  # indices into TABLE_HEADER
    rows: tuple[tuple[str, ...], ...]  # the kept columns' cells, row by row
    size: float = TABLE_PT  # its text's size: DENSE_TABLE_PT when its columns do not fit at TABLE_PT
    within: bool = False  # a row's figure covers part of a year (上半年): 年份 is headed 时间

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(PERIOD_HEADER if self.within and c == YEARS else TABLE_HEADER[c] for c in self.columns)

    @property
    def align(self) -> tuple[str, ...]:
        return tuple(ALIGN[c] for c in self.columns)


SCRIPT_GAP_PT = 2.5  # LibreOffice sets this much air where Chinese meets Latin or figures (占|GDP|比重: pdftotext -bbox)


@lru_cache(maxsize=4096)
def cell_width(text: str, size: float) -> float:
    """A cell line's width in points, as LibreOffice sets it: the page model's widths, and the air at each change
    between Chinese and Latin letters or figures. Remembered: a table's cells are measured for every column width
    tried, and again when a table is split."""
    latin = [ch.isascii() and ch.isalnum() for ch in text]
    return text_width(text, size, CONDENSE_PT) + SCRIPT_GAP_PT * sum(a != b for a, b in zip(latin, latin[1:]))


def metric_table_of(metrics: tuple[MetricShown, ...]) -> MetricTable:
    """The table of these metrics without the columns that are empty or — in every row (年份, 比较 often are)."""
    full = metric_rows(metrics)
    columns = tuple(c for c in range(len(TABLE_HEADER))
                    if c in (LABEL, VALUE) or any(row[c] not in NOTHING for row in full))
    return MetricTable(columns, tuple(tuple(row[c] for c in columns) for row in full),
                       within=any(m.within for m in metrics))


def column_widths(table: MetricTable, whole_phrases: bool = True) -> list[float] | None:
    """Millimetres per column, from the content, the whole table as wide as the type area: 数值, 单位 and 年份 as wide
    as their widest cell (no break inside a figure or a year span); 指标 as wide as its longest label up to
    LABEL_CHARS characters, so such a label never wraps; 比较 the rest, wider labels taking what it does not need.
    Without 比较 the figures keep narrow columns (NUMBER_AIR_MM of air) and 指标 takes the rest. Widths as the page
    model measures text (the widest CJK face, Times New Roman's figures, the style's condensing), with the cell
    margins and CELL_PAD_MM's air. None when they do not fit: 比较 would be narrower than its figures with their
    units or, with `whole_phrases`, than the words before one (较2020年增加)."""
    def width(text: str) -> float:
        return cell_width(text, table.size) * 25.4 / 72 + CELL_PAD_MM

    def cells(i: int) -> list[str]:
        return [line for row in (table.header, *table.rows) for line in row[i].split("\n")]

    middle = [max(width(t) for t in cells(i)) for i, c in enumerate(table.columns) if c not in (LABEL, COMPARISON)]
    labels = cells(0)
    label = max(width(t[:LABEL_CHARS]) for t in labels)  # a longer label may wrap
    whole = max(width(t) for t in labels)
    rest = TEXT_WIDTH_MM - label - sum(middle)
    if table.columns[-1] != COMPARISON:  # the figures stay narrow, a little air apart; 指标 takes the rest
        middle = [w + min(NUMBER_AIR_MM, rest / len(table.columns)) for w in middle]
        return [TEXT_WIDTH_MM - sum(middle), *middle]
    # a comparison wraps after a comma (按可比价格计算，/年均增长5.9%), never inside a figure with its unit
    phrases = [p for line in cells(len(table.columns) - 1) for p in line.replace("，", "，\n").split("\n")]
    lines = max(width(p) for p in phrases)
    least = max(width(t) for p in phrases for t in _before_and_from_figure(p)[0 if whole_phrases else 1:])
    if rest < least:
        return None
    if rest > lines:  # room to spare: longer labels take what the comparisons do not need
        label = max(label, min(whole, TEXT_WIDTH_MM - sum(middle) - lines))
    return [label, *middle, TEXT_WIDTH_MM - label - sum(middle)]


def broken_comparisons(table: MetricTable, widths: Sequence[float]) -> MetricTable:
    """The table with each 比较 fact that does not fit its column on lines of its own, broken where a reader
    pauses: after a comma (按可比价格计算，/年均增长5.9%), then before the fact's figure (较2020年增加/836.2亿元△),
    not where the word processor would (较2020年增/加836.2亿元)."""
    if table.columns[-1] != COMPARISON:
        return table
    room = Mm(widths[-1]).pt - 2 * CELL_MARGIN_PT - 1.0

    def fits(text: str) -> bool:
        return cell_width(text, table.size) <= room

    def lines(fact: str) -> list[str]:
        if fits(fact):
            return [fact]
        out: list[str] = []
        for phrase in re.split("(?<=，)", fact):
            head, tail = _before_and_from_figure(phrase)
            out += [head, tail] if not fits(phrase) and head and fits(head) else [phrase] if phrase else []
        return out

    rows = tuple((*row[:-1], "\n".join(line for fact in row[-1].split("\n") for line in lines(fact)))
                 for row in table.rows)
    return MetricTable(table.columns, rows, table.size)


def _before_and_from_figure(phrase: str) -> tuple[str, str]:
    """A phrase cut before its last figure with its unit and what follows (较2020年增加 | 836.2亿元△); ('', phrase)
    when it has none."""
    spans = [(piece.replace(WORD_JOINER, ""), figure) for piece, figure in figure_spans(phrase)]
    last = max((i for i, (_, figure) in enumerate(spans) if figure), default=0)
    return "".join(t for t, _ in spans[:last]), "".join(t for t, _ in spans[last:])


def _squeezed(table: MetricTable) -> list[float]:
    """Widths for a table whose comparisons do not fit even at 五号: 比较 gets the room its longest piece needs and
    the labels give way (a label may then wrap; a figure is never parted from its unit)."""
    wide = MetricTable(table.columns, tuple((*row[:-1], "—") for row in table.rows), table.size)
    widths = column_widths(wide) or [TEXT_WIDTH_MM / len(table.columns)] * len(table.columns)
    need = max(text_width(t, table.size, CONDENSE_PT) for row in table.rows for line in row[-1].split("\n")
               for t in _before_and_from_figure(line)) * 25.4 / 72 + CELL_PAD_MM
    # the labels give way, but never below LEAST_LABEL_MM: a comparison piece wider than the type area (a rank's
    # wording of 40 characters) made the label column -39 mm, a grid Word repairs; such a piece wraps in its cell
    widths[0] = max(LEAST_LABEL_MM, widths[0] - max(0.0, need - widths[-1]))
    widths[-1] = TEXT_WIDTH_MM - sum(widths[:-1])
    return widths


def _row_height(values: Sequence[str], widths: Sequence[float], size: float) -> float:
    """A table row's height in points: its tallest cell, each fact of 比较 a paragraph of its own."""
    lines = max(sum(count_lines(line, Mm(w).pt - 2 * CELL_MARGIN_PT, size) for line in text.split("\n"))
                for text, w in zip(values, widths))
    return lines * size * 1.3 + ROW_RULES_PT


def _caption_height(text: str) -> float:
    return count_lines(text, TEXT_W_PT, CAPTION_PT) * CAPTION_LINE_PT + sum(CAPTION_SPACE_PT)


def _source_height(text: str) -> float:
    return count_lines(text, TEXT_W_PT, TABLE_PT, 0.0, CONDENSE_PT) * SOURCE_LINE_PT


def table_pieces(b: Briefing, caption: str, table: MetricTable, widths: list[float],
                 note: str) -> tuple[list[range], bool]:
    """The rows (by index) on each page the table spans, and whether the table opens a new page. A short table that
    does not fit moves whole to the next page, unless that would leave more than MAX_EMPTY_SHARE of this page empty;
    a long one fills the page, unless it would open there with fewer than FEW_ROWS rows and fits whole on the next.
    A table that goes on does so on the next page, under 续表 and its header. Fed into the page model as it decides."""
    flow, rows = b.flow, table.rows
    if flow is None:
        return [range(len(rows))], False
    head = _caption_height(caption) + _row_height(table.header, widths, table.size)
    heights = [_row_height(r, widths, table.size) for r in rows]
    last = _source_height(note)
    whole = head + sum(heights) + last
    if b.waiting and not flow.fits(head + heights[0]):
        place_waiting(b)  # the table begins the next page: the charts that waited for it go first
    roomy = flow.capacity - flow.start_of_box() > MAX_EMPTY_SHARE * flow.capacity
    if len(rows) < KEEP_TOGETHER_ROWS and (flow.fits(whole) or not roomy or not flow.fits(head + sum(heights[:2]))):
        flow.box(whole)
        return [range(len(rows))], False
    continued = _caption_height(table_continued(b.tables)) + _row_height(table.header, widths, table.size)
    trial = _rows_on_pages(copy.copy(flow), head, heights, last, continued)
    if len(trial) > 1 and len(trial[0]) < FEW_ROWS and not roomy and whole <= flow.capacity:
        flow.new_page()  # three rows at a page's foot and 续表 over the page read as a slip: the table goes whole
        flow.box(whole)
        return [range(len(rows))], True
    # a table does not go on for one row alone: the row before it goes over with it
    early = trial[-1].start - 1 if len(trial) > 1 and len(trial[-1]) == 1 and len(trial[-2]) > 2 else None
    return _rows_on_pages(flow, head, heights, last, continued, early), False


def _rows_on_pages(flow: PageFlow, head: float, heights: Sequence[float], last: float, continued: float,
                   early: int | None = None) -> list[range]:
    """The rows on each page, fed into `flow`: each page filled, or broken before row `early`."""
    pieces: list[range] = []
    start = 0
    flow.box(head, heights[0])
    for i, h in enumerate(heights):
        if i > start and (i == early or not flow.fits(h + (last if i == len(heights) - 1 else 0.0) + SPLIT_MARGIN_PT)):
            pieces.append(range(start, i))
            start = i
            flow.new_page()
            flow.box(continued)
        flow.box(h)
    pieces.append(range(start, len(heights)))
    flow.box(last)
    return pieces


W_R = qn("w:r")


def metric_table(b: Briefing, title: str, metrics: tuple[MetricShown, ...]) -> None:
    """A theme's metrics: a table designed for its rows, or a sentence when there is one row."""
    if len(metrics) == 1:
        key_figure(b, metrics[0])
        return
    b.tables += 1
    caption_text = table_caption(b.tables, title)
    table = metric_table_of(metrics)
    widths = column_widths(table)
    if widths is None:  # five columns that do not fit at 小四 are set at 五号
        table = MetricTable(table.columns, table.rows, DENSE_TABLE_PT)
        widths = column_widths(table) or column_widths(table, whole_phrases=False) or _squeezed(table)
    table = broken_comparisons(table, widths)
    note = _table_note(b, metrics)
    pieces, new_page = table_pieces(b, caption_text, table, widths, note)
    for n, piece in enumerate(pieces):
        caption = b.paragraph(caption_text if n == 0 else table_continued(b.tables), "Caption")
        caption.paragraph_format.keep_with_next = True
        if n or new_page:  # the model put the page break here: make it so in every word processor
            caption.paragraph_format.page_break_before = True
        _table(b, table, piece, [metrics[i] for i in piece], widths,
               keep=len(table.rows) < KEEP_TOGETHER_ROWS and len(pieces) == 1)
    b.paragraph(note, "Source Note")


def _table_note(b: Briefing, metrics: Sequence[MetricShown]) -> str:
    """The source line under a table, with what ※ means where a derived value shows (tables show no base value, so
    a computed base needs no mark here: the charts that plot one hatch it and say so)."""
    return b.view.source_line(table_note(any(m.mark for m in metrics), False)) + "。"


def key_figure(b: Briefing, m: MetricShown) -> None:
    """A theme of one metric: its figure said in a sentence (label, figure with its unit and mark, period,
    comparison, growth, rank) over the source line, where a table of one row would have stood."""
    sentence = figure_sentence(m.label, m.text + m.mark, m.period, (m.comparison, m.growth, m.rank))
    note = _table_note(b, [m])
    if b.flow is not None:
        height = _source_height(sentence) + _source_height(note)
        if b.waiting and not b.flow.fits(height):
            place_waiting(b)  # the sentence begins the next page: the charts that waited for it go first
        b.flow.box(height)
    p = b.paragraph("", "Source Note")
    b.run(p, sentence, style_name="Source Note", gap=m.unverified)
    p.paragraph_format.keep_with_next = True
    b.paragraph(note, "Source Note")


def _table(b: Briefing, table: MetricTable, piece: range, metrics: list[MetricShown], widths: list[float],
           keep: bool) -> None:
    rows = [table.rows[i] for i in piece]
    grid = add_table(b.doc, 1 + len(rows), len(table.columns))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    cells = fixed_rows(grid, [str(int(Mm(width).twips)) for width in widths])
    value = table.columns.index(VALUE)
    for r, (row, values) in enumerate(zip(cells, [table.header, *rows])):
        for c, (tc, text) in enumerate(zip(row, values)):
            for k, line in enumerate(text.split("\n")):  # the 比较 cell: one paragraph per fact
                p = cell_paragraph(tc, k, grid)
                b.set_style(p, TABLE_STYLES[table.size])
                # keep-with-next on every row holds a short table on one page with its source line; a long one
                # keeps its header with its first row, and its last row with the source line; the header is set
                # as its column is (figures right)
                keep_and_align(p, keep or r in (0, len(rows)), table.align[c])
                b.bind = c == 0 and len(line) > LABEL_CHARS  # a label that may wrap ends on two characters at least
                b.run(p, line, bold=(r == 0), style_name=TABLE_STYLES[table.size],
                      gap=r > 0 and c == value and metrics[r - 1].unverified)
    b.bind = False
    three_line(grid)


def figure(b: Briefing, data: ChartData) -> None:
    """A chart with its caption and source line, on one page. It is shrunk to fit the rest of the page, down to
    MIN_FIGURE_SCALE; if even that does not fit and waiting would leave much of the page empty, the text that
    follows goes first and the chart waits for the next page (charts keep their order)."""
    if b.flow is None:
        _figure(b, data, 1.0)
        return
    if b.waiting:
        b.waiting.append(data)
        return
    scale = _figure_scale(b, data)
    if scale is None and b.flow.room > MAX_EMPTY_SHARE * b.flow.capacity:
        scale = _figure_scale(b, data, LEAST_FIGURE_SCALE)  # a little smaller, rather than a page left empty
        if scale is None:
            b.waiting.append(data)
            return
    _figure(b, data, scale or 1.0)


def _figure_size(data: ChartData) -> tuple[float, float]:
    """The chart's width and height in points at full size, in the proportions chart_image draws at (a picture is
    exactly SIZE_IN x DPI pixels; a native chart takes the same shape)."""
    round_ = chart_kind(data.kind).round
    width = TEXT_W_PT * (0.68 if round_ else 0.92)
    w_in, h_in = ROUND_SIZE_IN if round_ else SIZE_IN
    return width, width * h_in / w_in


def _figure_texts(b: Briefing, data: ChartData) -> tuple[str, str]:
    caption = figure_caption(b.figures + 1, data.title, data.unit if not data.secondary else "")
    note = source_note(data.source, data.note)
    return caption, note


def _figure_scale(b: Briefing, data: ChartData, least: float = MIN_FIGURE_SCALE) -> float | None:
    """1.0 if the chart fits the rest of the page, a smaller scale (down to `least`) if it fits shrunk, None if it
    does not fit."""
    assert b.flow is not None
    _, height = _figure_size(data)
    caption, note = _figure_texts(b, data)
    rest = PICTURE_LINE_PT + _caption_height(caption) + _source_height(note)
    if b.flow.fits(height + rest + FIT_MARGIN_PT) or b.flow.used == 0:
        return 1.0
    scale = (b.flow.capacity - b.flow.start_of_box() - rest - FIT_MARGIN_PT) / height
    return math.floor(scale * 100) / 100 if scale >= least else None


def _figure(b: Briefing, data: ChartData, scale: float) -> None:
    width, height = _figure_size(data)
    caption_text, note = _figure_texts(b, data)
    b.figures += 1
    p = b.paragraph("", "Figure")
    run = b.run(p, "", style_name="Figure")
    if b.theme.brief_charts == "native":  # a Word chart: Edit Data works in Word and WPS
        add_chart(b.doc, run, data, b.theme, round(width * scale, 1), round(height * scale, 1), b.figures, b.parts)
    else:
        png = b.images.get(data.id) or chart_png(data, b.theme)  # drawn ahead, in parallel or from the cache
        shape = run.add_picture(io.BytesIO(png), width=Pt(round(width * scale, 1)))
        describe_inline(shape, data.alt_text(), data.title, figure_name(b.figures))
    caption = b.paragraph(caption_text, "Caption")
    # the picture, its caption and its source line stay on one page: a caption is never parted from its chart
    p.paragraph_format.keep_with_next = True
    caption.paragraph_format.keep_with_next = True
    b.paragraph(note, "Source Note")
    if b.flow is not None:
        b.flow.box(height * scale + PICTURE_LINE_PT + _caption_height(caption_text) + _source_height(note))


def place_waiting(b: Briefing) -> None:
    """The charts that waited for a new page, in their order, each sized to the room it finds."""
    waiting, b.waiting = b.waiting, []
    for data in waiting:
        assert b.flow is not None
        _figure(b, data, _figure_scale(b, data) or 1.0)


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
        if kind == "text":
            run.text = text
        else:
            field_part(run, kind, text)


_BLANKS = Blanks()  # a theme (as JSON) -> its empty official document, saved


def official(view: ConferenceView, theme: HouseStyle, images: dict[str, bytes] | None = None,
             parts: PartStore | None = None) -> Briefing:
    """A document in the official layout, still empty: page, styles, page numbers, theme fonts; a copy of the one
    made once a process for the theme (render/ooxml/blanks.py)."""
    from docx import Document

    def made() -> bytes:
        b = Briefing(view, theme)
        page_setup(b.doc)
        define_styles(b.doc, theme)
        footer_page_numbers(b)
        f = theme.fonts  # headings in the theme's major face, body text in its minor one
        restyle_theme_parts(b.doc.part, theme, (f.brief_latin, f.brief_heading1), (f.brief_latin, f.brief_body))
        saved = io.BytesIO()
        b.doc.save(saved)
        return saved.getvalue()

    speed_up_docx()
    return Briefing(view, theme, images, None, parts, doc=Document(io.BytesIO(_BLANKS.saved(theme.model_dump_json(), made))))


def build_briefing(view: ConferenceView, theme: HouseStyle, images: dict[str, bytes] | None = None,
                   reference: bytes | None = None, parts: PartStore | None = None) -> DocxDocument:
    """The briefing; with `reference` (a designer's .docx), its styles, page setup, header and footer are kept."""
    speed_up_docx()
    if reference is None:
        b = official(view, theme, images, parts)
    else:
        b = Briefing(view, theme, images, reference, parts)
        add_missing_styles(b.doc, theme)
        footer = b.doc.sections[0].footer.paragraphs
        if not any(p.text.strip() or paragraph_element(p).xpath(".//w:fldSimple|.//w:instrText") for p in footer):
            footer_page_numbers(b)  # a reference without a footer still gets page numbers
    header_block(b)
    for part in view.parts:
        if len(view.parts) > 1:  # one part is the whole conference: its heading would repeat the title above
            b.text(part.heading, "Heading 1")
        for theme_ in part.themes:
            b.text(theme_.heading, "Heading 2")
            # the narrative is the briefing's text; the lead stands in only where there is none
            for para in theme_.paragraphs or ([theme_.lead] if theme_.lead else []):
                b.text(para)
            if theme_.metrics:
                metric_table(b, theme_.title, theme_.metrics)
            for data in theme_.charts:
                figure(b, data)
    if b.waiting:
        place_waiting(b)  # the end of the text: the charts still waiting close the document
    if view.draft:
        draft_headers(b)
    set_core_properties(b.doc.core_properties, view)
    drop_styles_with_effects(b.doc)
    return b.doc


def briefing_bytes(view: ConferenceView, ctx: RenderContext) -> bytes:
    """The briefing's bytes, from the view and what the build hands every renderer."""
    buf = io.BytesIO()
    build_briefing(view, ctx.theme, ctx.images, ctx.reference, ctx.parts).save(buf)
    return buf.getvalue()
