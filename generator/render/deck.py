"""Model -> deck: plain functions from a conference to .pptx bytes; one function per slide kind, no file I/O."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu, Inches

from ..present.view import ConferenceView
from ..theme import MIN_SIZE, HouseStyle, legible
from .deck_blocks import (
    INSET,
    SLIDE_H,
    SLIDE_W,
    Deck,
    add_lines,
    draft_mark,
    fill,
    footer,
    notes,
    text_block,
    to_pt,
    write_lines,
)
from .deck_content import theme_slides
from .deck_slide import add_logo, new_slide
from .deck_template import body_placeholder, open_template, resolve_layouts
from .fit import LINE_SPACING, Measurer, wrap
from .properties import remember_part_names, set_core_properties
from .theme_part import restyle_theme_parts

# ---------------------------------------------------------------- slide kinds


def _placeholder_slide(deck: Deck, kind: str, number: int | None, title: str, subtitle: str):
    """Cover and closing slides in a template: its title and subtitle/body placeholders take the text."""
    slide, frame = new_slide(deck, title, kind, keep_body=True)
    body = body_placeholder(slide)
    sz = deck.theme.sizes
    if body is not None:
        _fill_placeholder(deck, body, subtitle, sz.cover_subtitle, sz.key_detail)
    elif subtitle:
        text_block(deck, slide, frame.left, frame.top, frame.width, frame.height, subtitle, sz.cover_subtitle,
                   sz.key_detail, name="副标题")
    if number is not None:
        footer(deck, slide, number, None)
    return slide


def _fill_placeholder(deck: Deck, ph, text: str, size: float, min_size: float) -> None:
    """Text into a template placeholder, laid out and shrunk to fit its real box; the template's own style otherwise."""
    width, height = to_pt(ph.width - 2 * INSET), to_pt(ph.height - Inches(0.08))
    paragraphs = [t for t in text.split("\n") if t] or [""]
    s = size
    while True:
        laid = [wrap(t, width, s, deck.measure) for t in paragraphs]
        if sum(len(lines) for lines in laid) * s * LINE_SPACING <= height or s <= min_size:
            break
        s -= 1
    write_lines(deck, ph.text_frame, laid, s, align=None)


def cover_slide(deck: Deck) -> None:
    v, sz = deck.view, deck.theme.sizes
    if deck.template:
        slide = _placeholder_slide(deck, "cover", None, v.heading, f"{v.banner}\n{v.date}\n{'　'.join(v.organisers)}")
        notes(deck, slide, v.cover_script)
        return
    slide, _ = new_slide(deck, None)
    bg = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_W, SLIDE_H)
    fill(bg, deck.theme.colours.primary)
    bg.name = "封面底色"
    line = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, deck.mx, Inches(3.0), Inches(1.6), Inches(0.07))
    fill(line, deck.theme.colours.accent)
    white, w = deck.theme.colours.white, deck.content_width
    add_logo(deck, slide, deck.w - deck.mx, Inches(0.4), Inches(0.9))
    text_block(deck, slide, deck.mx, Inches(0.9), w, Inches(1.9), v.banner,
               sz.cover_subtitle, sz.body_min, colour=white, anchor=MSO_ANCHOR.BOTTOM, name="系列标题", title=True)
    text_block(deck, slide, deck.mx, Inches(3.25), w, Inches(2.0), v.heading, sz.cover_title,
               sz.title_min, colour=white, bold=True, name="发布会标题", title=True)
    text_block(deck, slide, deck.mx, Inches(5.5), w, Inches(1.3),
               v.date + "\n" + "　".join(v.organisers), sz.key_label + 2, sz.key_label,
               colour=white, name="日期与主办单位")
    notes(deck, slide, v.cover_script)


def agenda_slide(deck: Deck, number: int) -> None:
    slide, frame = new_slide(deck, "目录", "agenda")
    themes = deck.view.themes
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
        add_lines(deck, slide, x, y + Inches(0.08), Inches(0.55), row_h - Inches(0.16), [[f"{i + 1:02d}"]],
                  legible(size - 6), colour=deck.theme.colours.white, bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
        text_block(deck, slide, x + Inches(0.65), y, col_w - Inches(0.65), row_h, theme.title, size, least,
                   anchor=MSO_ANCHOR.MIDDLE, title=True)
    footer(deck, slide, number, None)
    notes(deck, slide, "本场发布会分为以下内容：" + "；".join(t.title for t in themes) + "。")


def closing_slide(deck: Deck, number: int) -> None:
    if deck.template:
        slide = _placeholder_slide(deck, "closing", number, "谢谢！",
                                   f"{deck.view.subject}\n" + "　".join(deck.view.organisers))
        notes(deck, slide, "发布会到此结束，谢谢各位记者朋友。")
        return
    slide, _ = new_slide(deck, None)
    bg = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_W, SLIDE_H)
    fill(bg, deck.theme.colours.primary)
    white, sz = deck.theme.colours.white, deck.theme.sizes
    add_lines(deck, slide, deck.mx, Inches(2.3), deck.content_width, Inches(1.5), [["谢谢！"]], sz.closing, colour=white,
              bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE, name="结束语")
    text_block(deck, slide, deck.mx, Inches(4.1), deck.content_width, Inches(1.4),
               f"{deck.view.subject}\n" + "　".join(deck.view.organisers),
               sz.key_label + 2, sz.key_label, colour=white, align=PP_ALIGN.CENTER, name="主办单位")
    footer(deck, slide, number, None, number_colour=white)
    notes(deck, slide, "发布会到此结束，谢谢各位记者朋友。")


# ---------------------------------------------------------------- the deck


def build_deck(view: ConferenceView, theme: HouseStyle, measure: Measurer, logo: bytes | None = None,
               template: bytes | None = None) -> PptxPresentation:
    """The deck; with `template` (a designer's .pptx), built on its master and layouts instead of the built-in look."""
    if template is not None:
        prs = open_template(template, theme.deck_template or "template")
        layouts = resolve_layouts(prs, theme.deck_layouts, theme.deck_template or "template")
    else:
        prs, layouts = Presentation(), None
        prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
        faces = (theme.fonts.deck_latin, theme.fonts.deck_ea)  # a designer's template keeps its own theme
        restyle_theme_parts(prs.slide_master.part, theme, faces, faces)
        restyle_theme_parts(prs.notes_master.part, theme, faces, faces)
    remember_part_names(prs.part.package)
    deck = Deck(prs, view, theme, measure, logo, layouts)
    cover_slide(deck)
    agenda_slide(deck, 2)
    for theme_ in view.themes:
        theme_slides(deck, theme_)
    closing_slide(deck, len(prs.slides) + 1)
    if view.draft:
        for slide in prs.slides:
            draft_mark(deck, slide)
    set_core_properties(prs.core_properties, view)
    return prs


def deck_bytes(view: ConferenceView, theme: HouseStyle, measure: Measurer, logo: bytes | None = None,
               template: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    build_deck(view, theme, measure, logo, template).save(buf)
    return buf.getvalue()
