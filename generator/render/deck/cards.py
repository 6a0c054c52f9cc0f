"""Key cards: one look for every card of a slide (one figure size, one label size, one detail size), so that
numbers compare at a glance; a card that cannot hold all its details at that look drops the least important."""
from __future__ import annotations

from dataclasses import dataclass

from pptx.util import Inches, Pt

from ...present.labels import key_card_name, key_comparison_name, key_label_name, key_value_name
from ...present.storyboard import balanced
from ...present.view import MetricShown
from ..fit import LINE_SPACING, label_lines, wrap
from ..ooxml.access import text_body
from ..ooxml.names import pptx_qn as qn
from ..ooxml.text_style import fixed_frame, highlight_rpr, paragraph_properties, spacing
from .blocks import INSET, Deck, Frame, add_lines, backdrop, end_paragraph, styled_run, to_pt

PAD = Inches(0.12)  # above the figure
BOX_PAD = Inches(0.1)  # a text box's insets, top and bottom (0.04 in each), and a little air
BAR = Inches(0.08)  # the coloured bar at the card's left
INNER_LEFT, INNER_TRIM = Inches(0.2), Inches(0.3)
GAP = Inches(0.3)  # between cards, and between the blocks that share a slide


@dataclass(frozen=True)
class CardLook:
    """The sizes every card of a slide shares."""

    number: float
    label: float
    detail: float


@dataclass(frozen=True)
class CardText:
    """One card's text at the slide's look: its label's lines and the details kept, each as lines."""

    label: list[str]
    details: list[list[str]]


def least_card_size(deck: Deck) -> float:
    """The smallest text a card may hold: the smallest the theme sets on a slide, never below legible."""
    return deck.theme.sizes.smallest


def unit_size(deck: Deck, number: float) -> float:
    """A figure's unit reads smaller than the figure, never smaller than the label."""
    return max(number * 0.45, deck.theme.sizes.key_label)


def figure_width(deck: Deck, m: MetricShown, number: float) -> float:
    return (deck.measure.width(m.before + m.number, number)
            + deck.measure.width(m.unit + m.after + m.mark, unit_size(deck, number)))


def card_text(deck: Deck, m: MetricShown, look: CardLook, width: float, keep: int) -> CardText:
    label = label_lines(m.label, width, look.label, deck.measure)
    return CardText(label, [wrap(d, width, look.detail, deck.measure) for d in m.details[:keep]])


def heights(look: CardLook, text: CardText) -> tuple[int, int, int]:
    """The figure's, the label's and the details' boxes, in EMU."""
    count = sum(map(len, text.details))
    return (int(Pt(look.number * LINE_SPACING)) + BOX_PAD, int(Pt(len(text.label) * look.label * LINE_SPACING)) + BOX_PAD,
            int(Pt(count * look.detail * LINE_SPACING)) + BOX_PAD if count else 0)


def fits(deck: Deck, m: MetricShown, look: CardLook, width: float, height: int, keep: int) -> bool:
    return PAD + sum(heights(look, card_text(deck, m, look, width, keep))) <= height


def smaller(deck: Deck, look: CardLook) -> CardLook | None:
    """The next look down, the figure first, then the label and the details; None at the least of all."""
    sz, least = deck.theme.sizes, least_card_size(deck)
    if look.number - 2 >= sz.key_number_min:
        return CardLook(look.number - 2, look.label, look.detail)
    if look.detail - 1 >= least:
        return CardLook(look.number, look.label, look.detail - 1)
    if look.label - 1 >= max(least, look.detail + 1):
        return CardLook(look.number, look.label - 1, look.detail)
    return None


def card_look(deck: Deck, cards: list[MetricShown], cx: int, cy: int) -> CardLook:
    """The largest look at which every card holds its figure on one line and all its details, the figure shrinking
    first; when none does at the least figure size, the largest at which every card holds its figure and label,
    each card then leaving out its least important details (kept_details) rather than setting them smaller."""
    sz = deck.theme.sizes
    width = inner_width(cx)
    number = sz.key_number
    while number - 2 >= sz.key_number_min and any(figure_width(deck, m, number) > width for m in cards):
        number -= 2
    detail = max(sz.key_detail, least_card_size(deck))
    look: CardLook | None
    for keep_all in (True, False):
        last = look = CardLook(number if keep_all else min(number, sz.key_number_min), sz.key_label, detail)
        while look is not None:
            if all(fits(deck, m, look, width, cy, len(m.details) if keep_all else 0) for m in cards):
                return look
            last, look = look, smaller(deck, look)
            if keep_all and look is not None and look.number == last.number:
                break  # the figure at its least: leave details out before setting anything smaller
    return last


def kept_details(deck: Deck, m: MetricShown, look: CardLook, cx: int, cy: int) -> int:
    """How many of the card's details it holds at the look: the last (period and rank) goes first."""
    keep = len(m.details)
    while keep and not fits(deck, m, look, inner_width(cx), cy, keep):
        keep -= 1
    return keep


def inner_width(cx: int) -> float:
    return to_pt(cx - INNER_TRIM - 2 * INSET)


def grid(cards: list[MetricShown], area: Frame, per_row: int) -> tuple[list[int], int, int]:
    """The cards in balanced rows: the rows' lengths, and each card's width and height."""
    rows = [len(r) for r in balanced(list(cards), per_row)]
    card_w = (area.width - GAP * (per_row - 1)) // per_row
    card_h = min((area.height - GAP * (len(rows) - 1)) // len(rows), Inches(2.6))
    return rows, card_w, card_h


def cards_fit(deck: Deck, cards: list[MetricShown], area: Frame, per_row: int = 3) -> bool:
    """Whether every card holds at least its figure and its label in the area, at the look draw_cards would choose
    (at least the theme's smallest sizes): else the cards go on a slide of their own rather than off this one."""
    if not cards:
        return True
    _, card_w, card_h = grid(cards, area, per_row)
    if card_w <= 0 or card_h <= 0:
        return False
    look = card_look(deck, cards, card_w, card_h)
    return all(fits(deck, m, look, inner_width(card_w), card_h, 0) for m in cards)


def draw_cards(deck: Deck, slide, cards: list[MetricShown], area: Frame, per_row: int = 3) -> None:
    """Cards in balanced rows, centred; one card size and one look on a slide, so numbers compare at a glance."""
    if not cards:
        return
    rows, card_w, card_h = grid(cards, area, per_row)
    top = area.top + (area.height - (card_h * len(rows) + GAP * (len(rows) - 1))) // 2
    look = card_look(deck, cards, card_w, card_h)
    i = 0
    for r, count in enumerate(rows):
        left = area.left + (area.width - (count * card_w + (count - 1) * GAP)) // 2
        for c in range(count):
            key_card(deck, slide, cards[i], Frame(left + c * (card_w + GAP), top + r * (card_h + GAP), card_w, card_h),
                     look)
            i += 1


def key_card(deck: Deck, slide, m: MetricShown, where: Frame, look: CardLook) -> None:
    """A card: the figure large with its unit, the label, then the details it has room for."""
    col = deck.theme.colours
    card = backdrop(slide, where.left, where.top, where.width, where.height, col.light)
    card.name = key_card_name(m.id)
    backdrop(slide, where.left, where.top, BAR, where.height, col.primary)
    text = card_text(deck, m, look, inner_width(where.width), kept_details(deck, m, look, where.width, where.height))
    h = heights(look, text)
    x, w = where.left + INNER_LEFT, where.width - INNER_TRIM
    figure(deck, slide, m, look.number, Frame(x, where.top + PAD, w, h[0]))
    top = where.top + PAD + h[0]
    add_lines(deck, slide, x, top, w, h[1], [text.label], look.label, colour=col.text, bold=True,
              name=key_label_name(m.id), flow=False)
    if text.details:
        add_lines(deck, slide, x, top + h[1], w, h[2], text.details, look.detail, colour=col.muted,
                  name=key_comparison_name(m.id))


def figure(deck: Deck, slide, m: MetricShown, size: float, where: Frame) -> None:
    """The figure's box: 近/约 and the unit smaller, the number large; a draft highlights a gap or a figure to check."""
    col = deck.theme.colours
    box = slide.shapes.add_textbox(where.left, where.top, where.width, where.height)
    box.name = key_value_name(m.id)
    txbody = text_body(box.text_frame)
    fixed_frame(txbody.find(qn("a:bodyPr")), INSET)
    p = txbody.find(qn("a:p"))
    spacing(paragraph_properties(p), "a:lnSpc", size * LINE_SPACING)
    small = unit_size(deck, size)
    for text, s, colour in ((m.before, small, col.primary), (m.number, size, col.primary),
                            (m.unit + m.after + m.mark, small, col.primary_dark)):
        if text:
            rpr = styled_run(deck, p, text, s, colour, True)
            if deck.view.draft and text == m.number and (m.missing or m.unverified):
                highlight_rpr(rpr, col.gap)
    end_paragraph(deck, p, size)
