"""Model -> deck: plain functions from a conference to .pptx bytes; one function per slide kind, no file I/O."""
from __future__ import annotations

import io

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu, Inches

from ...present.labels import (
    CLOSING_NOTES,
    CLOSING_TITLE,
    SECTION_CLOSING,
    SECTION_OPENING,
    SHAPE_SUBTITLE,
    agenda_notes,
    agenda_title,
)
from ...present.view import ConferenceView
from ...theme import MIN_SIZE, HouseStyle, legible
from ..chart_store import PartStore
from ..context import RenderContext
from ..fit import LINE_SPACING, Measurer
from ..ooxml.names import speed_up_pptx
from ..ooxml.properties import remember_part_names, set_core_properties
from ..ooxml.sections import add_sections
from ..ooxml.slide_parts import add_slide
from ..ooxml.slide_replay import SlideStore, theme_slides_kept
from .blocks import (
    Deck,
    add_lines,
    box,
    draft_mark,
    fill,
    fill_placeholder,
    footer,
    notes,
    text_block,
)
from .content import balanced, theme_slides
from .house_template import house_presentation
from .slide import add_logo, new_slide
from .template import (
    BODY_TYPES,
    drop_empty_placeholders,
    frame_from,
    open_template,
    placeholders,
    resolve_layouts,
    title_placeholder,
)

# ---------------------------------------------------------------- slide kinds


def _placeholder_slide(deck: Deck, kind: str, title: tuple, parts: list[tuple], align=PP_ALIGN.LEFT):
    """Cover and closing: the title and the lines under it in the layout's placeholders, in white on the house
    ground (a designer's template keeps its own colours). `title` and each part are (text, size, least size); with
    two text placeholders the parts go into them top to bottom, with one they share it, with none they are drawn."""
    slide = add_slide(deck, deck.layouts[kind])
    white = deck.theme.colours.white
    title_ph = title_placeholder(slide)
    if title_ph is not None:
        text, size, least = title
        fill_placeholder(deck, title_ph, text, size, least, title=True, colour=white, bold=True, align=align)
        title_ph.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE if kind == "closing" else MSO_ANCHOR.TOP
    bodies = sorted(placeholders(slide, BODY_TYPES), key=lambda ph: box(deck, ph).top)
    if len(bodies) < len(parts):  # fewer boxes than parts: one text, the smaller parts' sizes
        parts = [("\n".join(p[0] for p in parts if p[0]), parts[-1][1], parts[-1][2])] if bodies else parts
    for ph, (text, size, least) in zip(bodies, parts):
        fill_placeholder(deck, ph, text, size, least, colour=white, align=align)
    if not bodies:
        frame = frame_from(deck, slide.placeholders, use_body=False)
        text_block(deck, slide, frame.left, frame.top, frame.width, frame.height, "\n".join(p[0] for p in parts),
                   parts[-1][1], parts[-1][2], name=SHAPE_SUBTITLE)
    if deck.designer:
        add_logo(deck, slide, deck.w - deck.mx, Inches(0.4), Inches(0.9))
    return slide


def cover_slide(deck: Deck) -> None:
    v, sz = deck.view, deck.theme.sizes
    slide = _placeholder_slide(deck, "cover", (v.heading, sz.cover_title, sz.title_min),
                               [(v.banner, sz.cover_subtitle, sz.body_min),
                                (v.date + "\n" + "　".join(v.organisers), sz.key_label + 2, sz.key_label)])
    notes(deck, slide, v.cover_script)


AGENDA_ROWS = 8  # per column, two columns: past 16 themes the agenda goes on, so no title shrinks past reading


def agenda_slides(deck: Deck) -> None:
    """The agenda: every theme, numbered, in two columns; a long list (a draft of a whole work report) continues on
    目录（续） slides in balanced chunks rather than shrinking to an unreadable size."""
    themes = deck.view.themes
    chunks = balanced(list(themes), 2 * AGENDA_ROWS) if themes else [[]]
    first = 0
    for k, chunk in enumerate(chunks):
        agenda_slide(deck, chunk, first, agenda_title(k))
        first += len(chunk)


def agenda_slide(deck: Deck, themes: list, first: int, title: str) -> None:
    slide, frame = new_slide(deck, title, "agenda")
    number = len(deck.prs.slides)
    top, height = frame.top, frame.height
    half = (len(themes) + 1) // 2
    col_w = (frame.width - Inches(0.4)) // 2
    row_h = min(Inches(0.62), height // max(half, 1))
    size = legible(deck.theme.sizes.body - 2)
    # a long title takes two lines at down to six points less; where a row cannot hold two lines that size, the
    # size at which it can (a large body size in a theme)
    least = min(legible(size - 6), max(float(MIN_SIZE), Emu(row_h).pt / (2 * LINE_SPACING)))
    for i, theme in enumerate(themes):
        col, row = divmod(i, half)
        x = frame.left + col * (col_w + Inches(0.4))
        y = top + row * row_h
        badge = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y + Inches(0.08), Inches(0.55), row_h - Inches(0.16))
        fill(badge, deck.theme.colours.primary)
        add_lines(deck, slide, x, y + Inches(0.08), Inches(0.55), row_h - Inches(0.16), [[f"{first + i + 1:02d}"]],
                  legible(size - 6), colour=deck.theme.colours.white, bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
        text_block(deck, slide, x + Inches(0.65), y, col_w - Inches(0.65), row_h, theme.title, size, least,
                   anchor=MSO_ANCHOR.MIDDLE, title=True)
    footer(deck, slide, number, None)
    notes(deck, slide, agenda_notes((t.title for t in themes), first == 0))


def closing_slide(deck: Deck, number: int) -> None:
    sz = deck.theme.sizes
    slide = _placeholder_slide(deck, "closing", (CLOSING_TITLE, sz.closing, sz.title_min),
                               [(f"{deck.view.subject}\n" + "　".join(deck.view.organisers), sz.key_label + 2,
                                 sz.key_label)], align=PP_ALIGN.CENTER)
    footer(deck, slide, number, None, number_colour=deck.theme.colours.white)
    notes(deck, slide, CLOSING_NOTES)


# ---------------------------------------------------------------- the deck


def build_deck(view: ConferenceView, theme: HouseStyle, measure: Measurer, logo: bytes | None = None,
               template: bytes | None = None, parts: PartStore | None = None,
               slides: SlideStore | None = None) -> PptxPresentation:
    """The deck on the house master and layouts; with `template` (a designer's .pptx), on its master and layouts.
    `parts` and `slides` hold charts and themes' slides made before (deck_replay)."""
    speed_up_pptx()
    if template is not None:  # a designer's template keeps its own theme, colours and decoration
        prs = open_template(template, theme.deck_template or "template")
        layouts = resolve_layouts(prs, theme.deck_layouts, theme.deck_template or "template")
    else:
        prs = house_presentation(theme, logo, view.logo_alt)
        layouts = resolve_layouts(prs, {}, "house template")
    remember_part_names(prs.part.package)
    deck = Deck(prs, view, theme, measure, logo, layouts, designer=template is not None, parts=parts, slides=slides)
    cover_slide(deck)
    agenda_slides(deck)
    sections = [(SECTION_OPENING, 0, len(prs.slides))]
    for theme_ in view.themes:
        first = len(prs.slides)
        theme_slides_kept(deck, theme_, theme_slides)
        sections.append((theme_.title, first, len(prs.slides)))
    closing_slide(deck, len(prs.slides) + 1)
    sections.append((SECTION_CLOSING, len(prs.slides) - 1, len(prs.slides)))
    add_sections(prs, sections, view.heading)
    for slide in prs.slides:
        drop_empty_placeholders(slide)
        if view.draft:
            draft_mark(deck, slide)
    set_core_properties(prs.core_properties, view)
    return prs


def deck_bytes(view: ConferenceView, ctx: RenderContext) -> bytes:
    """The deck's bytes, from the view and what the build hands every renderer."""
    buf = io.BytesIO()
    build_deck(view, ctx.theme, ctx.measure, ctx.logo, ctx.template, ctx.parts, ctx.slides).save(buf)
    return buf.getvalue()
