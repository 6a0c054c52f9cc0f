"""Model -> deck: plain functions from a conference to .pptx bytes; one function per slide kind, no file I/O."""
from __future__ import annotations

import io
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu, Inches

from ...present.labels import (
    SECTION_CLOSING,
    SECTION_OPENING,
    SHAPE_AGENDA_HEADING,
    SHAPE_AGENDA_ITEMS,
    SHAPE_NAME,
    SHAPE_ROLE,
    SHAPE_SUBTITLE,
)
from ...present.storyboard import StorySlide, storyboard
from ...present.view import ConferenceView
from ...theme import MIN_SIZE, HouseStyle, contrast, legible
from ..chart_store import PartStore
from ..context import RenderContext
from ..fit import LINE_SPACING, Measurer, fit_title, phrase_wrap
from ..ooxml.names import speed_up_pptx
from ..ooxml.properties import remember_part_names, set_core_properties
from ..ooxml.sections import add_sections
from ..ooxml.slide_parts import add_slide
from ..ooxml.slide_replay import SlideStore, theme_slides_kept
from .blocks import (
    INSET,
    Deck,
    Frame,
    add_lines,
    backdrop,
    box,
    draft_mark,
    fill_placeholder,
    footer,
    notes,
    text_block,
    to_pt,
)
from .cards import draw_cards
from .content import answer_fits, theme_slides
from .house_template import house_copy
from .slide import add_logo, new_slide
from .template import (
    BODY_TYPES,
    drop_empty_placeholders,
    frame_from,
    ground_under,
    open_template,
    placeholders,
    resolve_layouts,
    title_placeholder,
)

# ---------------------------------------------------------------- slide kinds


def _placeholder_slide(deck: Deck, kind: str, title: tuple, parts: list[tuple], align=PP_ALIGN.LEFT):
    """Cover and closing: the title and the lines under it in the layout's placeholders, in white on the house
    ground (a designer's template keeps its own colours, unless they would not read on its ground: see
    text_colour). `title` and each part are (text, size, least size); with two text placeholders the parts go
    into them top to bottom, with one they share it, with none they are drawn. Lines break only between words."""
    slide = add_slide(deck, deck.layouts[kind])
    title_ph = title_placeholder(slide)
    if title_ph is not None:
        text, size, least = title
        colour, own = text_colour(deck, slide, box(deck, title_ph))
        fill_placeholder(deck, title_ph, text, size, least, title=True, colour=colour, bold=True, align=align, own=own)
        title_ph.text_frame.vertical_anchor = MSO_ANCHOR.TOP if kind == "cover" else MSO_ANCHOR.MIDDLE
    bodies = sorted(placeholders(slide, BODY_TYPES), key=lambda ph: box(deck, ph).top)
    if len(bodies) < len(parts):  # fewer boxes than parts: one text, the smaller parts' sizes
        parts = [("\n".join(p[0] for p in parts if p[0]), parts[-1][1], parts[-1][2])] if bodies else parts
    for ph, (text, size, least) in zip(bodies, parts):
        colour, own = text_colour(deck, slide, box(deck, ph))
        fill_placeholder(deck, ph, text, size, least, colour=colour, align=align, phrases=True, own=own)
    if not bodies:
        frame = frame_from(deck, slide.placeholders, use_body=False)
        text_block(deck, slide, frame.left, frame.top, frame.width, frame.height, "\n".join(p[0] for p in parts),
                   parts[-1][1], parts[-1][2], name=SHAPE_SUBTITLE)
    if deck.designer:
        add_logo(deck, slide, deck.w - deck.mx, Inches(0.4), Inches(0.9))
    return slide


def text_colour(deck: Deck, slide, where: Frame) -> tuple[str, bool]:
    """(colour, whether a designer's template keeps its own): the house's white; on a designer's template whose
    ground under the placeholder is a plain colour, the theme's colour that reads on it (WCAG AA, 4.5:1, as the
    theme check measures), the template's own when it has no such ground."""
    colours = deck.theme.colours
    ground = ground_under(deck, slide.slide_layout, where) if deck.designer else None
    if ground is None:
        return colours.white, True
    readable = [c for c in (colours.white, colours.text) if contrast(c, ground) >= 4.5]
    return max(readable or [colours.white, colours.text], key=lambda c: contrast(c, ground)), False


def cover_slide(deck: Deck, s: StorySlide) -> None:
    sz = deck.theme.sizes
    slide = _placeholder_slide(deck, "cover", (s.title, sz.cover_title, sz.title_min),
                               [(s.lines[0], sz.cover_subtitle, sz.body_min),
                                (s.lines[1], sz.key_label + 2, sz.key_label)])
    notes(deck, slide, s.notes)


def overview_slide(deck: Deck, s: StorySlide) -> None:
    """The headline figures: four a row on a wide slide, three on a 4:3 one; one card size."""
    slide, frame = new_slide(deck, s.title, "overview")
    draw_cards(deck, slide, list(s.cards), frame, per_row=4 if deck.w * 3 > deck.h * 4 + deck.h // 10 else 3)
    footer(deck, slide, len(deck.prs.slides), s.source or None)
    notes(deck, slide, s.notes)


def speakers_slide(deck: Deck, s: StorySlide) -> None:
    """发布人: one row a person, their part (主持人, 发布人) on a badge, then their title and name."""
    slide, frame = new_slide(deck, s.title, "speakers")
    size = legible(deck.theme.sizes.body)
    row_h = min(Inches(0.9), frame.height // max(len(s.people), 1))
    for i, (role, name) in enumerate(s.people):
        y = frame.top + i * row_h
        backdrop(slide, frame.left, y + Inches(0.1), Inches(1.5), row_h - Inches(0.2), deck.theme.colours.primary)
        text_block(deck, slide, frame.left, y + Inches(0.1), Inches(1.5), row_h - Inches(0.2), role, legible(size - 4),
                   legible(size - 8), colour=deck.theme.colours.white, bold=True, align=PP_ALIGN.CENTER,
                   anchor=MSO_ANCHOR.MIDDLE, name=SHAPE_ROLE)
        text_block(deck, slide, frame.left + Inches(1.8), y, frame.width - Inches(1.8), row_h, name, size,
                   legible(size - 6), anchor=MSO_ANCHOR.MIDDLE, title=True, name=SHAPE_NAME)
    footer(deck, slide, len(deck.prs.slides), None)
    notes(deck, slide, s.notes)


AGENDA_ROWS = 8  # per column, two columns


def agenda_slide(deck: Deck, s: StorySlide) -> None:
    """The agenda: its entries, numbered; a part's themes under it in smaller type, parts side by side. Every entry
    heading has one size, every theme line one size, and each breaks only between words (agenda_look)."""
    if not any(e.lines for e in s.entries):
        return flat_agenda(deck, s)
    slide, frame = new_slide(deck, s.title, "agenda")
    cols = min(len(s.entries), 2)
    rows = -(-len(s.entries) // cols)
    col_w = (frame.width - Inches(0.4) * (cols - 1)) // cols
    cell_h = frame.height // rows
    look = agenda_look(deck, list(s.entries), col_w - Inches(0.75), cell_h - Inches(0.95))
    size = legible(deck.theme.sizes.body)
    for i in range(len(s.entries)):
        row, col = divmod(i, cols)
        x, y = frame.left + col * (col_w + Inches(0.4)), frame.top + row * cell_h
        backdrop(slide, x, y + Inches(0.08), Inches(0.6), Inches(0.6), deck.theme.colours.primary)
        add_lines(deck, slide, x, y + Inches(0.08), Inches(0.6), Inches(0.6), [[f"{i + 1:02d}"]], legible(size - 6),
                  colour=deck.theme.colours.white, bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
        add_lines(deck, slide, x + Inches(0.75), y, col_w - Inches(0.75), Inches(0.76), [look.headings[i]],
                  look.heading_size, colour=deck.theme.colours.primary, bold=True, anchor=MSO_ANCHOR.MIDDLE,
                  name=SHAPE_AGENDA_HEADING, flow=False)
        add_lines(deck, slide, x + Inches(0.75), y + Inches(0.85), col_w - Inches(0.75), cell_h - Inches(0.95),
                  look.items[i], look.item_size, bullet=True, space_before=look.item_size * 0.4,
                  name=SHAPE_AGENDA_ITEMS, flow=False)
    footer(deck, slide, len(deck.prs.slides), None)
    notes(deck, slide, s.notes)


@dataclass(frozen=True)
class AgendaLook:
    heading_size: float
    headings: list[list[str]]  # each entry's heading, in lines
    item_size: float
    items: list[list[list[str]]]  # each entry's themes, each in lines


def agenda_look(deck: Deck, entries: list, width: int, height: int) -> AgendaLook:
    """One heading size (the largest at which every heading fits the 0.76 in row in one line or two) and one item
    size (the largest at which every entry's themes fit under it), lines broken at word boundaries only."""
    size = legible(deck.theme.sizes.body)
    head_w, head_h = to_pt(width - 2 * INSET), to_pt(Inches(0.76) - Inches(0.08))
    heading_size = min(fit_title(e.title, head_w, head_h, size, legible(size - 6), deck.measure)[0] for e in entries)
    headings = [fit_title(e.title, head_w, head_h, heading_size, heading_size, deck.measure)[1] for e in entries]
    item = legible(size - 4)
    while True:
        indent = item * 1.1  # the bullet's
        items = [[phrase_wrap(t, to_pt(width - 2 * INSET) - indent, item, deck.measure) for t in e.lines] for e in entries]
        need = max(sum(map(len, paras)) * item * LINE_SPACING + (len(paras) - 1) * item * 0.4 for paras in items)
        if need <= to_pt(height - Inches(0.08)) or item <= legible(size - 8):
            return AgendaLook(heading_size, headings, item, items)
        item -= 1


def flat_agenda(deck: Deck, s: StorySlide) -> None:
    """Entries without lines (a conference of one part): in two columns."""
    slide, frame = new_slide(deck, s.title, "agenda")
    entries = list(s.entries)
    top, height = frame.top, frame.height
    half = (len(entries) + 1) // 2
    col_w = (frame.width - Inches(0.4)) // 2
    row_h = min(Inches(0.62), height // max(half, 1))
    size = legible(deck.theme.sizes.body - 2)
    least = min(legible(size - 6), max(float(MIN_SIZE), Emu(row_h).pt / (2 * LINE_SPACING)))
    for i, entry in enumerate(entries):
        col, row = divmod(i, half)
        x = frame.left + col * (col_w + Inches(0.4))
        y = top + row * row_h
        backdrop(slide, x, y + Inches(0.08), Inches(0.55), row_h - Inches(0.16), deck.theme.colours.primary)
        add_lines(deck, slide, x, y + Inches(0.08), Inches(0.55), row_h - Inches(0.16), [[f"{i + 1:02d}"]],
                  legible(size - 6), colour=deck.theme.colours.white, bold=True, align=PP_ALIGN.CENTER,
                  anchor=MSO_ANCHOR.MIDDLE)
        text_block(deck, slide, x + Inches(0.65), y, col_w - Inches(0.65), row_h, entry.title, size, least,
                   anchor=MSO_ANCHOR.MIDDLE, title=True)
    footer(deck, slide, len(deck.prs.slides), None)
    notes(deck, slide, s.notes)


def _ending_slide(deck: Deck, s: StorySlide, kind: str) -> None:
    """答记者问, the closing and a part's divider: a large centred title and the line under it (if any), on the house
    ground."""
    sz = deck.theme.sizes
    slide = _placeholder_slide(deck, kind, (s.title, sz.closing, sz.title_min),
                               [(line, sz.key_label + 2, sz.key_label) for line in s.lines[:1]], align=PP_ALIGN.CENTER)
    colour, own = text_colour(deck, slide, Frame(0, deck.footer_top, deck.w, deck.h - deck.footer_top))
    footer(deck, slide, len(deck.prs.slides), None, number_colour=colour, own=own)
    notes(deck, slide, s.notes)


def qa_slide(deck: Deck, s: StorySlide) -> None:
    _ending_slide(deck, s, "qa")


def closing_slide(deck: Deck, s: StorySlide) -> None:
    _ending_slide(deck, s, "closing")


def part_slide(deck: Deck, s: StorySlide) -> None:
    _ending_slide(deck, s, "part")


FIXED = {"cover": cover_slide, "speakers": speakers_slide, "overview": overview_slide, "agenda": agenda_slide,
         "qa": qa_slide, "closing": closing_slide, "part": part_slide}


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
        prs = house_copy(theme, logo, view.logo_alt)
        layouts = resolve_layouts(prs, {}, "house template")
    remember_part_names(prs.part.package)
    deck = Deck(prs, view, theme, measure, logo, layouts, designer=template is not None, parts=parts, slides=slides)
    board = storyboard(view, answer_fits(deck))
    for s in board.opening:
        FIXED[s.kind](deck, s)
    sections = [(SECTION_OPENING, 0, len(prs.slides))]
    for i, story in enumerate(board.themes):
        first = len(prs.slides)
        divider = board.divider(i)
        if divider is not None:  # a part opens: its heading on a slide of its own
            part_slide(deck, divider)
        theme_slides_kept(deck, story, theme_slides)
        sections.append((story.title, first, len(prs.slides)))
    first = len(prs.slides)
    for s in board.ending:
        FIXED[s.kind](deck, s)
    sections.append((SECTION_CLOSING, first, len(prs.slides)))
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
