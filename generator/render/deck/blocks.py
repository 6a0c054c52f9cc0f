"""Deck building blocks: the Deck being built, fitted text boxes, titles, footers and notes (no slide kinds here)."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu, Inches, Pt

from ...present.labels import SHAPE_DRAFT_MARK, SHAPE_PAGE_NUMBER, SHAPE_SOURCE
from ...present.view import DRAFT_MARK, GAP, ConferenceView
from ...theme import HouseStyle
from ..chart_store import PartStore
from ..fit import LINE_SPACING, Measurer, fit_title, phrase_wrap, wrap
from ..ooxml.access import has_own_position, is_slide_part, paragraph_element, placeholder_idx, text_body
from ..ooxml.names import pptx_qn as qn
from ..ooxml.shapes import fill_new_shape, mark_decorative, no_style_effect
from ..ooxml.slide_parts import clone_placeholder, notes_body
from ..ooxml.slide_replay import SlideStore
from ..ooxml.text_style import (
    as_slide_number_field,
    before_end,
    end_of_paragraph,
    fixed_frame,
    highlight_rpr,
    new_run,
    paragraph_properties,
    rgb,
    spacing,
    style_rpr,
)
from ..ooxml.xml import Spec, sub

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN_X = Inches(0.6)
BODY_TOP, BODY_BOTTOM = Inches(1.55), Inches(6.65)
INSET = Inches(0.08)
KEYS_PER_SLIDE = 6
LOGO_H = Inches(0.6)
# control characters a:t cannot hold, written as python-pptx writes them (_x0007_); tab and line feed stay


@dataclass(frozen=True)
class Frame:
    """The free area of a slide for drawn content (cards, charts, text), in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass
class Deck:
    """What every slide function needs: the presentation, the content and the look.

    Slides are built on layouts: the house master and layouts generated from the theme, or a designer's template
    (`designer`), whose look the slides keep: its colours, alignment and decoration win over the theme's.
    """

    prs: PptxPresentation
    view: ConferenceView
    theme: HouseStyle
    measure: Measurer
    logo: bytes | None = None  # the theme's logo, read by the build (renderers read no files)
    layouts: dict = field(default_factory=dict)  # slide kind -> slide layout
    designer: bool = False  # the layouts are a designer's template, not the house master
    parts: PartStore | None = None  # native chart parts made before (the build's cache), reused when equal
    kept: dict = field(default_factory=dict)  # made once, copied or read again: deck_parts, remembered()
    slides: SlideStore | None = None  # themes' slides made before (the build's cache), replayed when equal
    charts: dict = field(default_factory=dict)  # chart part name -> the chart data it shows (for deck_replay)

    @property
    def w(self) -> int:
        return int(self.prs.slide_width or SLIDE_W)

    @property
    def h(self) -> int:
        return int(self.prs.slide_height or SLIDE_H)

    @property
    def mx(self) -> int:
        """Side margin: 0.6 in on the 13.33 in house slide, the same share of a template's width."""
        return int(self.w * MARGIN_X / SLIDE_W)

    @property
    def footer_top(self) -> int:
        return self.h - (SLIDE_H - BODY_BOTTOM)

    @property
    def content_width(self) -> int:
        return self.w - 2 * self.mx

    @property
    def title_width(self) -> int:
        return self.content_width - (LOGO_H * 2 if self.logo else 0)

    def own(self, colour: str | None) -> str | None:
        """A colour of the house look; None (the placeholder's own) on a designer's template."""
        return None if self.designer else colour


_NOT_YET = object()


def remembered(deck: Deck, key, make):
    """What `make()` gives (None included), worked out once per deck and key and kept in `deck.kept`: the lookups
    and elements the deck asks for again and again (a layout's placeholders, a run's properties)."""
    found = deck.kept.get(key, _NOT_YET)
    if found is _NOT_YET:
        found = deck.kept[key] = make()
    return found


def box(deck: Deck, ph) -> Frame:
    """A placeholder's position and size as python-pptx reads them: its own, else its layout's (a layout's, its
    master's). python-pptx searches the layout again at every read; a placeholder with no position of its own is
    looked up once per layout placeholder and deck."""
    if has_own_position(ph):  # its own values, all or some: python-pptx's reading
        return Frame(ph.left, ph.top, ph.width, ph.height)
    part = ph.part
    on_slide = is_slide_part(part)
    key = ("box", (part.slide_layout.part if on_slide else part).partname, on_slide, placeholder_idx(ph))
    return remembered(deck, key, lambda: Frame(ph.left, ph.top, ph.width, ph.height))


# ---------------------------------------------------------------- text boxes


def to_pt(emu) -> float:
    return Emu(emu).pt


def add_lines(deck: Deck, slide, x, y, cx, cy, paragraphs: list[list[str]], size: float, colour: str | None = None,
              bold: bool = False, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, bullet: bool = False,
              space_before: float = 0.0, name: str | None = None, flow: bool = True):
    """A text box holding laid-out paragraphs, at an exact line spacing (see write_lines for `flow`)."""
    box = slide.shapes.add_textbox(x, y, cx, cy)
    if name:
        box.name = name
    box.text_frame.vertical_anchor = anchor
    write_lines(deck, box.text_frame, paragraphs, size, colour, bold, align, bullet, space_before, flow)
    return box


def write_lines(deck: Deck, tf, paragraphs: list[list[str]], size: float, colour: str | None = None, bold: bool = False,
                align=PP_ALIGN.LEFT, bullet: bool = False, space_before: float = 0.0, flow: bool = True) -> None:
    """Laid-out paragraphs into a text frame (a text box of ours, or a template's placeholder).

    The lines were measured to choose the size and the page, and they are written as measured, each ended by a line
    break (a:br): no application breaks a line itself, so none can part a figure from its unit (16.2万人, 1.6个百分点)
    where its own rules differ from ours, as LibreOffice's do. Body text (`flow`) is broken wherever the wrap allows;
    titles and labels (flow=False) at a phrase or word boundary. Measured with the widest faces, every line fits in
    PowerPoint, WPS and LibreOffice alike.

    The paragraphs are written as elements directly (the same XML python-pptx's paragraph and run setters write):
    those setters parse a fragment per run and walk the tree per property, a fifth of the deck's time."""
    txbody = text_body(tf)
    fixed_frame(txbody.find(qn("a:bodyPr")), INSET)
    run_colour = colour or deck.own(deck.theme.colours.text)  # None: whatever a template's placeholder says
    for i, lines in enumerate(paragraphs):
        p = txbody.find(qn("a:p")) if i == 0 else etree.SubElement(txbody, qn("a:p"))
        ppr = paragraph_properties(p)
        if align is not None:
            ppr.set("algn", align.xml_value)
        spacing(ppr, "a:lnSpc", size * LINE_SPACING)
        if i and space_before:
            spacing(ppr, "a:spcBef", space_before)
        if bullet:
            _bullet(ppr, size, deck.theme.colours.primary, deck.theme.fonts.deck_latin)
        for j, line in enumerate(lines):
            if j:
                before_end(p, p.makeelement(qn("a:br"), {}))
            add_runs(deck, p, line, size, run_colour, bold)
        end_paragraph(deck, p, size)


def add_runs(deck: Deck, p, text: str, size: float, colour: str | None, bold: bool) -> None:
    """The text as runs of the a:p element; in a draft each gap (待补充) is a run of its own, highlighted, so none
    can pass unseen."""
    pieces = re.split(f"({GAP})", text) if deck.view.draft else [text]
    for piece in pieces:
        if not piece:
            continue
        rpr = styled_run(deck, p, piece, size, colour, bold)
        if piece == GAP and deck.view.draft:
            highlight_rpr(rpr, deck.theme.colours.gap)


def styled_run(deck: Deck, p, text: str, size: float, colour: str | None = None, bold: bool = False):
    """A run of text at the end of the a:p element, with its size, weight, colour and faces (style_rpr's); returns
    its a:rPr. The properties are made once per size, colour and weight, and copied: a deck has some 400 runs."""
    def make():
        rpr = p.makeelement(qn("a:rPr"), {})
        style_rpr(rpr, deck.theme, size, colour, bold)
        return rpr

    return new_run(p, text, copy.deepcopy(remembered(deck, ("rPr", size, colour, bold), make)))


def end_paragraph(deck: Deck, p, size: float) -> None:
    """The a:p's end-of-paragraph properties (end_of_paragraph's); a new paragraph's are made once per size and
    copied, as a run's are."""
    if p.find(qn("a:endParaRPr")) is not None:
        end_of_paragraph(p, deck.theme, size)
        return

    def make():
        scratch = p.makeelement(qn("a:p"), {})
        end_of_paragraph(scratch, deck.theme, size)
        return scratch[0]

    p.append(copy.deepcopy(remembered(deck, ("endParaRPr", size), make)))  # the last child of a:p


def draft_mark(deck: Deck, slide) -> None:
    """草稿 in the top right corner of a draft's slide, drawn last so that nothing covers it."""
    w, h = Inches(0.9), Inches(0.36)
    tag = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, deck.w - w - Inches(0.12), Inches(0.1), w, h)
    fill(tag, deck.theme.colours.gap)
    tag.name = SHAPE_DRAFT_MARK
    tf = tag.text_frame
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    p = text_body(tf).find(qn("a:p"))
    paragraph_properties(p).set("algn", PP_ALIGN.CENTER.xml_value)
    styled_run(deck, p, DRAFT_MARK, 14, deck.theme.colours.text, True)


def _bullet(ppr, size: float, colour: str, latin: str) -> None:
    indent = int(Pt(size * 1.1))
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    spec: Spec
    for spec in (("a:buClr", {}, [("a:srgbClr", {"val": colour})]), ("a:buSzPct", {"val": "70000"}),
                 ("a:buFont", {"typeface": latin}), ("a:buChar", {"char": "■"})):
        sub(ppr, spec)


def fit_text(deck: Deck, text: str, cx, cy, size: float, min_size: float | None = None,
             title: bool = False, phrases: bool = False) -> tuple[float, list[list[str]], bool]:
    """(size, paragraphs of lines, flow) for a string in a box of cx × cy EMU: its \n start new paragraphs and it
    shrinks from size to min_size until it fits. A title is set on one line, or two broken at a phrase or word
    boundary; body text flows, or with `phrases` (a cover's subtitle, say) breaks only between words. What cannot
    fit even at min_size ends visibly (…), never overflowing."""
    width, height = to_pt(cx - 2 * INSET), to_pt(cy - Inches(0.08))
    if title:
        s, lines = fit_title(text, width, height, size, min_size or size, deck.measure)
        return s, [lines], False
    s = size
    breaker = phrase_wrap if phrases else wrap
    while True:
        paragraphs = [breaker(p, width, s, deck.measure) for p in text.split("\n")]
        if sum(map(len, paragraphs)) * s * LINE_SPACING <= height or min_size is None or s <= min_size:
            break
        s -= 1
    room = max(int(height // (s * LINE_SPACING)), 1)
    if sum(map(len, paragraphs)) > room:
        kept: list[list[str]] = []
        for lines in paragraphs:
            if room <= 0:
                break
            kept.append(lines[:room])
            room -= len(kept[-1])
        last = kept[-1][-1]
        while last and deck.measure.width(last + "…", s) > width:
            last = last[:-1]
        kept[-1][-1] = last + "…"
        paragraphs = kept
    return s, paragraphs, not phrases


def text_block(deck: Deck, slide, x, y, cx, cy, text: str, size: float, min_size: float | None = None,
               title: bool = False, **kw):
    """A text box holding the string, fitted (see fit_text)."""
    s, paragraphs, flow = fit_text(deck, text, cx, cy, size, min_size, title)
    return add_lines(deck, slide, x, y, cx, cy, paragraphs, s, flow=flow, **kw)


def fill_placeholder(deck: Deck, ph, text: str, size: float, min_size: float | None = None, title: bool = False,
                     colour: str | None = None, bold: bool = False, align=PP_ALIGN.LEFT, phrases: bool = False,
                     own: bool = True) -> None:
    """The string into a placeholder, fitted to its real box (its own or its layout's). On a designer's template
    the placeholder keeps its colour (unless not `own`: a colour chosen to read on the template's ground) and its
    alignment; on the house master they are written out, as on every shape."""
    where = box(deck, ph)
    s, paragraphs, flow = fit_text(deck, text, where.width, where.height, size, min_size, title, phrases)
    write_lines(deck, ph.text_frame, paragraphs, s, deck.own(colour) if own else colour, bold,
                None if deck.designer else align, flow=flow)


def slide_title(deck: Deck, slide, text: str) -> None:
    """The title placeholder, laid out to fit its layout's box (shrinks within bounds, then 2 lines)."""
    sizes = deck.theme.sizes
    fill_placeholder(deck, slide.shapes.title, text, sizes.title, sizes.title_min, title=True,
                     colour=deck.theme.colours.primary, bold=True)
    slide.shapes.title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE


def backdrop(slide, left, top, width, height, colour: str):
    """A filled rectangle that only draws: the ground of a card or a badge whose text is a shape of its own. It is
    marked decorative, so that a screen reader skips it."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    fill(shape, colour)
    mark_decorative(shape)
    return shape


def fill(shape, colour: str) -> None:
    """A solid colour, no outline, no shadow. A new shape (its a:spPr holds only its place and geometry) gets the
    elements python-pptx's fill, line and shadow setters write, directly: a deck fills some 90 shapes."""
    if not fill_new_shape(shape, colour):
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(colour)
        shape.line.fill.background()
        shape.shadow.inherit = False
    no_style_effect(shape)


def layout_placeholder(deck: Deck, slide, ph_type):
    """The slide's layout's placeholder of a type (the footer, the slide number), or None; found once per layout."""
    layout = slide.slide_layout
    return remembered(deck, ("placeholder", layout.part.partname, ph_type),
                      lambda: next((ph for ph in layout.placeholders if ph.placeholder_format.type == ph_type), None))


def footer(deck: Deck, slide, number: int, source: str | None, number_colour: str | None = None,
           own: bool = True) -> None:
    """Source line on data slides and the slide number (a real field) on every slide after the cover.

    They go into the layout's footer and slide-number placeholders (PowerPoint's own, which its Header & Footer
    dialog finds) when it has them; a footer placeholder narrower than half the slide (a designer's date-footer-
    number row) cannot hold a source line, which then gets a box where the house look puts it."""
    s, muted = deck.theme.sizes, deck.theme.colours.muted
    source_ph = layout_placeholder(deck, slide, PP_PLACEHOLDER.FOOTER)
    number_ph = layout_placeholder(deck, slide, PP_PLACEHOLDER.SLIDE_NUMBER)
    if source and source_ph is not None and box(deck, source_ph).width >= deck.w // 2:
        fill_placeholder(deck, _clone(deck, slide, source_ph, SHAPE_SOURCE), source, s.source, s.source - 2, colour=muted)
    elif source:
        text_block(deck, slide, deck.mx, deck.h - Inches(0.72), deck.content_width - Inches(1.4), Inches(0.52), source,
                   s.source, s.source - 2, colour=muted, anchor=MSO_ANCHOR.BOTTOM, name=SHAPE_SOURCE)
    if number_ph is not None:
        page = _clone(deck, slide, number_ph, SHAPE_PAGE_NUMBER)
        write_lines(deck, page.text_frame, [[str(number)]], s.page_number, deck.own(number_colour or muted) if own else number_colour,
                    align=None if deck.designer else PP_ALIGN.RIGHT)
    else:
        page = add_lines(deck, slide, deck.w - deck.mx - Inches(1.0), deck.h - Inches(0.6), Inches(1.0), Inches(0.4),
                        [[str(number)]], s.page_number, colour=number_colour or muted, align=PP_ALIGN.RIGHT,
                        name=SHAPE_PAGE_NUMBER)
    as_slide_number_field(paragraph_element(page.text_frame.paragraphs[0]), number)


def _clone(deck: Deck, slide, layout_ph, name: str):
    """The layout's placeholder on the slide (python-pptx copies all but the footer row itself), named."""
    shape = clone_placeholder(deck, slide, layout_ph)
    shape.name = name
    return shape


def notes(deck: Deck, slide, text: str) -> None:
    txbody = notes_body(deck, slide)
    paragraphs = [t for t in text.split("\n") if t.strip()] or [deck.view.title]
    for i, para in enumerate(paragraphs):
        p = txbody.find(qn("a:p")) if i == 0 else etree.SubElement(txbody, qn("a:p"))
        styled_run(deck, p, para, deck.theme.sizes.notes)



