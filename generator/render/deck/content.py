"""A theme's slides: an opening with its key figures, its highlights and its charts, composed so that slides are
full (cards beside highlights, highlights beside a chart, charts in pairs) and nothing overflows."""
from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ...present.charts import ChartData
from ...present.labels import (
    SHAPE_CHART_TITLE,
    SHAPE_HIGHLIGHTS,
    SHAPE_KICKER,
    SHAPE_LEAD,
    SHAPE_UNIT,
    UNIT_SEPARATOR,
    continued,
    series_unit,
    unit_line,
)
from ...present.storyboard import StorySlide, ThemeStory, figures_notes
from ..fit import LINE_SPACING, fit_title, label_lines, wrap
from ..ooxml.charts import add_native_chart
from .blocks import (
    INSET,
    Deck,
    Frame,
    add_lines,
    footer,
    notes,
    text_block,
    to_pt,
    write_lines,
)
from .cards import GAP, cards_fit, draw_cards
from .slide import layout_frame, new_slide
from .template import body_placeholder

CARD_ROW = Inches(1.65)  # a row of cards above highlights
CARD_ROW_MOST = Inches(2.1)  # … grown to this when the highlights leave room
SIDE_BY_SIDE = (0.5, 0.6)
KICKER = Inches(0.45)  # the theme's heading above its lead  # the highlights' share of the width beside a chart: half, else a little more
Pages = list[list[list[str]]]  # pages of paragraphs of lines
ELLIPSIS = "…"  # ends a lead cut where its frame ends (fit_text's mark for text that cannot fit)


# ---------------------------------------------------------------- planning


def fit_highlights(deck: Deck, items: list[str], width: int, height: int) -> tuple[int, Pages]:
    """The size and pages for highlights in a box: shrink a little (never below body_min) before splitting; once
    it splits anyway, split at the full size, which reads better."""
    sz = deck.theme.sizes
    room = to_pt(height - Inches(0.08))

    def pages_at(size: int) -> Pages:
        return paginate(deck, items, to_pt(width - 2 * INSET) - size * 1.1, room, size, size * 0.6)

    for size in range(int(sz.body), int(sz.body_min) - 1, -1):
        pages = pages_at(size)
        if len(pages) == 1:
            return size, pages
    return int(sz.body), pages_at(int(sz.body))


def answer_fits(deck: Deck):
    """The storyboard's question (do these highlights fit on one slide at this place?) answered with real fonts."""
    def fits(place: str, items: tuple[str, ...], lead: str, cards: int) -> bool:
        if place == "opening":
            frame = layout_frame(deck, "key_figures", False)  # as new_slide leaves it
            area = highlights_area(deck, opening_area(deck, frame, lead, kicker=True), cards)
        elif place == "chart":
            frame = layout_frame(deck, "chart")
            area = Frame(frame.left, frame.top, int((frame.width - GAP) * SIDE_BY_SIDE[-1]), frame.height)
        else:
            area = layout_frame(deck, "highlights")
        return len(fit_highlights(deck, list(items), area.width, area.height)[1]) == 1
    return fits


def opening_area(deck: Deck, frame: Frame, lead: str, kicker: bool = False) -> Frame:
    """The area left under the theme's heading and lead."""
    sz = deck.theme.sizes
    used = 0
    if kicker:
        used += KICKER
    if lead:
        lines = lead_lines(deck, lead, Frame(frame.left, frame.top + used, frame.width, frame.height - used))
        used += Emu(int(Pt(len(lines) * sz.body_min * LINE_SPACING + 8))) + Inches(0.15)
    return Frame(frame.left, frame.top + used, frame.width, max(frame.height - used, 0))


def lead_lines(deck: Deck, lead: str, frame: Frame) -> list[str]:
    """The lead's lines at body_min; a lead longer than the frame ends visibly (…) where the frame does, never
    below it (the notes say it whole)."""
    size = deck.theme.sizes.body_min
    width = to_pt(frame.width - 2 * INSET)
    lines = wrap(lead, width, size, deck.measure)
    room = max(int((to_pt(frame.height - Inches(0.15)) - 8) // (size * LINE_SPACING)), 1)
    if len(lines) > room:
        lines = lines[:room]
        last = lines[-1]
        while last and deck.measure.width(last + ELLIPSIS, size) > width:
            last = last[:-1]
        lines[-1] = last + ELLIPSIS
    return lines


def highlights_area(deck: Deck, area: Frame, cards: int) -> Frame:
    """Where highlights go on an opening with `cards` cards: below a row of three, beside a column of one or two."""
    if cards >= 3:
        row = min(CARD_ROW, (area.height - GAP) // 2)
        return Frame(area.left, area.top + row + GAP, area.width, area.height - row - GAP)
    if cards:
        return Frame(area.left, area.top, area.width - card_column(area) - GAP, area.height)
    return area


def card_column(area: Frame) -> int:
    return (area.width - GAP * 2) // 3


def theme_slides(deck: Deck, story: ThemeStory) -> None:
    """The slides of one theme, as the storyboard lists them."""
    for s in story.slides:
        {"key_figures": opening_slide, "chart": chart_slide, "highlights": highlights_slide}[s.kind](deck, s)


def opening_slide(deck: Deck, s: StorySlide) -> None:
    """A theme's opening (heading, lead, key figures; highlights below a row of cards or beside a column of them),
    or a slide of more key figures."""
    slide, frame = new_slide(deck, s.title, "key_figures")
    if s.kicker:
        add_lines(deck, slide, frame.left, frame.top, frame.width, KICKER,
                  [label_lines(s.kicker, to_pt(frame.width - 2 * INSET), deck.theme.sizes.key_label, deck.measure)],
                  deck.theme.sizes.key_label, colour=deck.theme.colours.primary, bold=True, name=SHAPE_KICKER, flow=False)
    area = opening_area(deck, frame, "", kicker=bool(s.kicker))
    area = draw_lead(deck, slide, s.lead, area) if s.lead else area
    cards, moved = list(s.cards), []
    if s.highlights:
        below, placed = highlights_and_cards(deck, s, area, cards)
        if not cards_fit(deck, cards, *placed):  # a long lead left the cards no room: they go on a slide of their own
            cards, moved = [], cards
            below, placed = highlights_and_cards(deck, s, area, cards)
        size, pages = fit_highlights(deck, list(s.highlights), below.width, below.height)
        draw_highlights(deck, slide, pages[0], size, below)
        draw_cards(deck, slide, cards, *placed)
    elif cards_fit(deck, cards, area):
        draw_cards(deck, slide, cards, area)
    else:
        moved = cards
    footer(deck, slide, len(deck.prs.slides), s.source or None)
    notes(deck, slide, s.notes)
    if moved:
        slide, frame = new_slide(deck, continued(s.title), "key_figures")
        draw_cards(deck, slide, moved, frame)
        footer(deck, slide, len(deck.prs.slides), s.source or None)
        notes(deck, slide, figures_notes(moved))


def highlights_and_cards(deck: Deck, s: StorySlide, area: Frame, cards: list) -> tuple[Frame, tuple[Frame, int]]:
    """Where an opening's highlights go, and its cards (their area and how many a row): a row of three above
    highlights, grown when the highlights leave room, or a column of one or two beside them."""
    below = highlights_area(deck, area, len(cards))
    if len(cards) >= 3:
        size, pages = fit_highlights(deck, list(s.highlights), below.width, below.height)
        if len(pages) == 1:  # short highlights: the cards take the room they leave
            grow = min(CARD_ROW_MOST - (below.top - GAP - area.top), below.height - page_height(pages[0], size))
            below = Frame(below.left, below.top + max(grow, 0), below.width, below.height - max(grow, 0))
        return below, (Frame(area.left, area.top, area.width, below.top - GAP - area.top), 3)
    column = card_column(area)
    return below, (Frame(area.left + area.width - column, area.top, column, area.height), 1)


def highlights_slide(deck: Deck, s: StorySlide) -> None:
    """Highlights on a slide of their own; a text longer than a slide goes on under the title with （续）."""
    size, pages = fit_highlights(deck, list(s.highlights), layout_frame(deck, "highlights").width,
                                 layout_frame(deck, "highlights").height)
    for k, page in enumerate(pages):
        slide, frame = new_slide(deck, s.title if k == 0 else continued(s.title), "highlights", keep_body=True)
        body = body_placeholder(slide)
        if body is not None:  # a designer's template keeps its own bullets and look; our sizes
            body.name = SHAPE_HIGHLIGHTS
            write_lines(deck, body.text_frame, page, size, align=None if deck.designer else PP_ALIGN.LEFT,
                        bullet=not deck.designer, space_before=size * 0.6)
        else:
            draw_highlights(deck, slide, page, size, frame)
        footer(deck, slide, len(deck.prs.slides), s.source or None)
        notes(deck, slide, s.notes)


def chart_slide(deck: Deck, s: StorySlide) -> None:
    """A chart with highlights beside it, one chart under its title, or two side by side with their captions."""
    slide, frame = new_slide(deck, s.title, "chart")
    charts = list(s.charts)
    if s.highlights:
        for share in SIDE_BY_SIDE:
            text_w = int((frame.width - GAP) * share)
            size, pages = fit_highlights(deck, list(s.highlights), text_w, frame.height)
            if len(pages) == 1 or share == SIDE_BY_SIDE[-1]:
                break
        # set in the middle of the chart's height: a bullet or two at the top left beside a tall chart left the slide's
        # lower left empty
        draw_highlights(deck, slide, pages[0], size, Frame(frame.left, frame.top, text_w, frame.height), MSO_ANCHOR.MIDDLE)
        right = Frame(frame.left + text_w + GAP, frame.top, frame.width - text_w - GAP, frame.height)
        draw_chart(deck, slide, charts[0], right, caption=charts[0].title != s.title)
    elif len(charts) == 1:
        draw_chart(deck, slide, charts[0], frame, caption=charts[0].title != s.title)
    else:
        half = (frame.width - GAP) // 2
        for i, data in enumerate(charts):
            draw_chart(deck, slide, data, Frame(frame.left + i * (half + GAP), frame.top, half, frame.height), caption=True)
    footer(deck, slide, len(deck.prs.slides), s.source or None)
    notes(deck, slide, s.notes)


# ---------------------------------------------------------------- blocks


def draw_lead(deck: Deck, slide, lead: str, frame: Frame) -> Frame:
    """The theme's lead under the title; returns the area left below it."""
    size = deck.theme.sizes.body_min
    lines = lead_lines(deck, lead, frame)
    height = Emu(int(Pt(len(lines) * size * LINE_SPACING + 8)))
    holder = body_placeholder(slide)
    if holder is not None:  # the layout's lead placeholder, sized to the lead
        holder.left, holder.top, holder.width, holder.height = frame.left, frame.top, frame.width, height
        holder.name = SHAPE_LEAD
        write_lines(deck, holder.text_frame, [lines], size, deck.own(deck.theme.colours.muted),
                    align=None if deck.designer else PP_ALIGN.LEFT)
    else:
        add_lines(deck, slide, frame.left, frame.top, frame.width, height, [lines], size,
                  colour=deck.theme.colours.muted, name=SHAPE_LEAD)
    top = frame.top + height + Inches(0.15)
    return Frame(frame.left, top, frame.width, max(frame.bottom - top, 0))


def page_height(page: list[list[str]], size: float) -> int:
    """The height highlights take (draw_highlights' box), in EMU: their lines, the space between, the insets."""
    lines = sum(map(len, page))
    return int(Pt(lines * size * LINE_SPACING + (len(page) - 1) * size * 0.6)) + Inches(0.16)


def draw_highlights(deck: Deck, slide, page: list[list[str]], size: int, area: Frame,
                    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
    add_lines(deck, slide, area.left, area.top, area.width, area.height, page, size, bullet=True,
              space_before=size * 0.6, name=SHAPE_HIGHLIGHTS, anchor=anchor)


def draw_chart(deck: Deck, slide, data: ChartData, area: Frame, caption: bool) -> None:
    """The native chart under a line naming its unit and, when it shares the slide, its title above that."""
    sz, col = deck.theme.sizes, deck.theme.colours
    unit = unit_line(data.unit) if data.unit else ""
    if data.secondary:
        unit = UNIT_SEPARATOR.join(series_unit(s.name, s.unit) for s in data.series)
    top = area.top - Inches(0.1)
    if caption:  # the chart's own title, on one line or two broken at a phrase
        size, lines = fit_title(data.title, to_pt(area.width - 2 * INSET), 2 * sz.key_label * LINE_SPACING,
                                sz.key_label + 2, sz.key_label, deck.measure)
        height = Emu(int(Pt(len(lines) * size * LINE_SPACING + 8)))
        add_lines(deck, slide, area.left, top, area.width, height, [lines], size, colour=col.text, bold=True,
                  name=SHAPE_CHART_TITLE, flow=False)
        top += height
    text_block(deck, slide, area.left, top, area.width, Inches(0.4), unit, sz.key_detail, 10, colour=col.muted,
               name=SHAPE_UNIT)
    top += Inches(0.45)
    frame = add_native_chart(slide, data, area.left, top, area.width, area.bottom - top, deck.theme,
                             themed=not deck.designer, parts=deck.parts)
    deck.charts[frame.chart_part.partname] = data


def paginate(deck: Deck, items: list[str], width: float, height: float, size: float, gap: float) -> list[list[list[str]]]:
    """Highlights -> slides of wrapped paragraphs; what does not fit goes on a continuation slide, never shrunk."""
    line_h = size * LINE_SPACING
    pages: list[list[list[str]]] = [[]]
    used = 0.0
    for item in items:
        lines = wrap(item, width, size, deck.measure)
        while lines:
            need = (gap if pages[-1] else 0) + len(lines) * line_h
            if used + need <= height:
                pages[-1].append(lines)
                used += need
                lines = []
                continue
            room = int((height - used - (gap if pages[-1] else 0)) // line_h)
            if pages[-1] and room < 2:  # keep a paragraph together unless it cannot fit a page at all
                pages.append([])
                used = 0.0
                continue
            room = max(room, 1)
            pages[-1].append(lines[:room])
            lines = lines[room:]
            pages.append([])
            used = 0.0
    return [p for p in pages if p]


