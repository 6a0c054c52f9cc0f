"""Model -> deck: plain functions from a conference to .pptx bytes; one function per slide kind, no file I/O."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Inches, Pt

from ..present.charts import ChartData
from ..present.view import DERIVED_BASE, ConferenceView, MetricShown, ThemeView
from ..theme import HouseStyle
from .deck_blocks import (
    INSET,
    KEYS_PER_SLIDE,
    LOGO_H,
    SLIDE_H,
    SLIDE_W,
    TITLE_ONLY_LAYOUT,
    Deck,
    Frame,
    add_lines,
    draft_mark,
    fill,
    footer,
    notes,
    slide_title,
    text_block,
    to_pt,
    write_lines,
)
from .deck_charts import add_native_chart
from .deck_style import highlight_run, style_end_of_paragraph, style_run
from .deck_template import body_placeholder, drop, frame_from, open_template, resolve_layouts, title_placeholder
from .fit import LINE_SPACING, Measurer, label_lines, wrap
from .properties import remember_part_names, set_core_properties

# ---------------------------------------------------------------- slide kinds


def _new_slide(deck: Deck, title: str | None, kind: str = "key_figures", keep_body: bool = False):
    """A slide of the kind's layout, its title set, unused placeholders removed; returns it with its free area."""
    layout = deck.layouts[kind] if deck.layouts is not None else deck.prs.slide_layouts[TITLE_ONLY_LAYOUT]
    slide = deck.prs.slides.add_slide(layout)
    title_ph = title_placeholder(slide)
    body = body_placeholder(slide) if deck.template else None
    keep = {title_ph.shape_id if title_ph is not None else None,
            body.shape_id if (keep_body and body is not None) else None}
    for ph in list(slide.placeholders):
        if ph.shape_id not in keep:
            drop(ph)  # an empty placeholder would show “click to add text” in PowerPoint
    if title is None and title_ph is not None:
        drop(title_ph)
    elif title is not None and title_ph is None:  # a layout without a title: draw one at the top
        text_block(deck, slide, deck.mx, Inches(0.3), deck.title_width, Inches(1.0), title, deck.theme.sizes.title,
                   deck.theme.sizes.title_min, bold=True, name="标题", title=True)
    elif title is not None:
        slide_title(deck, slide, title)
    if title is not None:
        add_logo(deck, slide, deck.w - deck.mx, Inches(0.5), LOGO_H)
    if not deck.template:
        return slide, deck.built_in_frame()
    return slide, frame_from(deck, slide.placeholders, keep_body)


def _placeholder_slide(deck: Deck, kind: str, number: int | None, title: str, subtitle: str):
    """Cover, section and closing slides in a template: its title and subtitle/body placeholders take the text."""
    slide, frame = _new_slide(deck, title, kind, keep_body=True)
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


def add_logo(deck: Deck, slide, right, top, height) -> None:
    """The theme's logo, right-aligned at (right, top), with alt text naming whose it is."""
    if not deck.logo:
        return
    pic = slide.shapes.add_picture(io.BytesIO(deck.logo), 0, top, height=height)
    pic.left = right - pic.width
    pic.name = "标志"
    pic._element.nvPicPr.cNvPr.set("descr", f"{deck.view.organisers[0]}标志")


def cover_slide(deck: Deck) -> None:
    v, sz = deck.view, deck.theme.sizes
    if deck.template:
        slide = _placeholder_slide(deck, "cover", None, v.heading, f"{v.banner}\n{v.date}\n{'　'.join(v.organisers)}")
        notes(deck, slide, v.cover_script)
        return
    slide, _ = _new_slide(deck, None)
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
    slide, frame = _new_slide(deck, "目录", "agenda")
    themes = deck.view.themes
    top, height = frame.top, frame.height
    half = (len(themes) + 1) // 2
    col_w = (frame.width - Inches(0.4)) // 2
    row_h = min(Inches(0.62), height // max(half, 1))
    size = deck.theme.sizes.body - 2
    for i, theme in enumerate(themes):
        col, row = divmod(i, half)
        x = frame.left + col * (col_w + Inches(0.4))
        y = top + row * row_h
        badge = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y + Inches(0.08), Inches(0.55), row_h - Inches(0.16))
        fill(badge, deck.theme.colours.primary)
        add_lines(deck, slide, x, y + Inches(0.08), Inches(0.55), row_h - Inches(0.16), [[f"{i + 1:02d}"]],
                  size - 6, colour=deck.theme.colours.white, bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
        text_block(deck, slide, x + Inches(0.65), y, col_w - Inches(0.65), row_h, theme.title, size, size - 6,
                   anchor=MSO_ANCHOR.MIDDLE, title=True)
    footer(deck, slide, number, None)
    notes(deck, slide, "本场发布会分为以下内容：" + "；".join(t.title for t in themes) + "。")


def section_slide(deck: Deck, number: int, theme: ThemeView):
    part_title, index, lead = theme.part_title, theme.index, theme.lead
    if deck.template:
        return _placeholder_slide(deck, "section", number, f"{index:02d}　{theme.title}", lead or part_title)
    slide, _ = _new_slide(deck, None)
    panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(4.2), SLIDE_H)
    fill(panel, deck.theme.colours.primary)
    sz = deck.theme.sizes
    add_lines(deck, slide, Inches(0.6), Inches(2.2), Inches(3.2), Inches(1.6), [[f"{index:02d}"]], sz.section_number,
              colour=deck.theme.colours.white, bold=True, name="序号")
    text_block(deck, slide, Inches(0.6), Inches(4.0), Inches(3.2), Inches(1.6), part_title, sz.key_label + 2, sz.key_label,
               colour=deck.theme.colours.white, name="篇章", title=True)
    x, w = Inches(4.8), SLIDE_W - Inches(4.8) - deck.mx
    text_block(deck, slide, x, Inches(1.9), w, Inches(1.9), theme.title, sz.cover_title, sz.title_min,
               colour=deck.theme.colours.primary, bold=True, anchor=MSO_ANCHOR.BOTTOM, name="主题", title=True)
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x + INSET, Inches(3.95), Inches(1.2), Inches(0.06))
    fill(rule, deck.theme.colours.accent)
    if lead:
        text_block(deck, slide, x, Inches(4.2), w, Inches(2.4), lead, sz.body, sz.body_min,
                   colour=deck.theme.colours.muted, name="导语")
    footer(deck, slide, number, None)
    return slide


def key_figures_slide(deck: Deck, number: int, title: str, metrics: tuple[MetricShown, ...], note: str) -> None:
    """3 to 6 big numbers, each with unit, label, year, comparison and rank."""
    slide, frame = _new_slide(deck, title, "key_figures")
    n = len(metrics)
    cols = n if n <= 3 else 3
    rows = 1 if n <= 3 else 2
    gap = Inches(0.3)
    card_w = (frame.width - gap * 2) // 3  # one card size on every slide, so numbers compare at a glance
    card_h = (frame.height - gap) // 2
    left = frame.left + (frame.width - (cols * card_w + (cols - 1) * gap)) // 2
    top = frame.top if rows == 2 else frame.top + (frame.height - card_h) // 2
    for i, m in enumerate(metrics):
        r, c = divmod(i, cols)
        x, y = left + c * (card_w + gap), top + r * (card_h + gap)
        key_card(deck, slide, m, x, y, card_w, card_h)
    footer(deck, slide, number, deck.view.source_line(note))


def key_card(deck: Deck, slide, m: MetricShown, x, y, cx, cy) -> None:
    """A card: the figure large with its unit, the label, then the details; sizes shrink together until it fits."""
    sz, col = deck.theme.sizes, deck.theme.colours
    card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, cx, cy)
    fill(card, col.light)
    card.name = f"指标卡 {m.id}"
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, Inches(0.08), cy)
    fill(bar, col.primary)
    inner_x, inner_w = x + Inches(0.2), cx - Inches(0.3)
    width = to_pt(inner_w - 2 * INSET)
    value, prefix, suffix = m.number, m.before, m.unit + m.after
    details = m.details
    pad, box_pad = Inches(0.12), Inches(0.08 + 0.08)

    def unit_size(s: float) -> float:  # the unit reads smaller than the figure
        return max(s * 0.45, sz.key_label)

    def layout(num_size: float, label_size: float, detail_size: float):
        label = label_lines(m.label, width, label_size, deck.measure)
        lines = [ln for d in details for ln in wrap(d, width, detail_size, deck.measure)]
        heights = (Pt(num_size * LINE_SPACING) + box_pad, Pt(len(label) * label_size * LINE_SPACING) + box_pad,
                   Pt(len(lines) * detail_size * LINE_SPACING) + box_pad if lines else 0)
        return label, lines, heights

    size = sz.key_number
    while size > sz.key_number_min and (deck.measure.width(prefix + value, size)
                                        + deck.measure.width(suffix, unit_size(size))) > width:
        size -= 2
    label_size, detail_size = sz.key_label, sz.key_detail
    label, lines, heights = layout(size, label_size, detail_size)
    while pad + sum(heights) > cy and (size > sz.key_number_min or detail_size > 10):
        if size > sz.key_number_min:
            size -= 2
        else:
            detail_size -= 1
            label_size = max(label_size - 1, detail_size + 1)
        label, lines, heights = layout(size, label_size, detail_size)
    box = slide.shapes.add_textbox(inner_x, y + pad, inner_w, heights[0])
    box.name = f"数值 {m.id}"
    tf = box.text_frame
    tf.word_wrap, tf.auto_size = True, MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = INSET
    tf.margin_top = tf.margin_bottom = Inches(0.04)
    p = tf.paragraphs[0]
    p.line_spacing = Pt(size * LINE_SPACING)
    for text, s, colour in ((prefix, unit_size(size), col.primary), (value, size, col.primary),
                            (suffix, unit_size(size), col.accent)):
        if text:
            run = p.add_run()
            run.text = text
            style_run(run, deck.theme, s, colour, True)
            if deck.view.draft and text == value and (m.missing or m.unverified):
                highlight_run(run, col.gap)
    style_end_of_paragraph(p, deck.theme, size)
    top = y + pad + heights[0]
    add_lines(deck, slide, inner_x, top, inner_w, heights[1], [label], label_size, colour=col.text, bold=True,
              name=f"指标 {m.id}", flow=False)
    if lines:
        add_lines(deck, slide, inner_x, top + heights[1], inner_w, heights[2], [lines], detail_size,
                  colour=col.muted, name=f"比较 {m.id}")


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


def highlight_slides(deck: Deck, number: int, title: str, items: list[str]) -> int:
    """One or more slides of highlights; returns how many it made. In a template they fill its body placeholder."""
    sz = deck.theme.sizes
    frame = layout_frame(deck, "highlights")
    x, y, cx, cy = frame.left, frame.top, frame.width, frame.height
    height = to_pt(cy - Inches(0.08))
    chosen: tuple[int, list[list[list[str]]]] | None = None
    for size in range(int(sz.body), int(sz.body_min) - 1, -1):  # shrink a little before splitting, never below min
        width = to_pt(cx - 2 * INSET) - size * 1.1
        pages = paginate(deck, items, width, height, size, size * 0.6)
        chosen = (size, pages)
        if len(pages) == 1:
            break
    if chosen is None or len(chosen[1]) > 1:  # it will be split anyway: split at the full size, which reads better
        size = int(sz.body)
        width = to_pt(cx - 2 * INSET) - size * 1.1
        chosen = (size, paginate(deck, items, width, height, size, size * 0.6))
    size, pages = chosen
    for k, page in enumerate(pages):
        slide, _ = _new_slide(deck, title if k == 0 else f"{title}（续）", "highlights", keep_body=True)
        body = body_placeholder(slide) if deck.template else None
        if body is not None:  # the template's own bullets and look; our line breaks and sizes
            body.name = "要点"
            write_lines(deck, body.text_frame, page, size, align=None, space_before=size * 0.6)
        else:
            add_lines(deck, slide, x, y, cx, cy, page, size, bullet=True, space_before=size * 0.6, name="要点")
        footer(deck, slide, number + k, deck.view.source_line())
        notes(deck, slide, "\n".join("".join(lines) for lines in page))
    return len(pages)


def layout_frame(deck: Deck, kind: str) -> Frame:
    """The free area a slide kind will have, read from its layout before any slide is made (for pagination)."""
    return frame_from(deck, deck.layouts[kind].placeholders) if deck.layouts is not None else deck.built_in_frame()


def chart_slide(deck: Deck, number: int, data: ChartData, narrative: str) -> None:
    slide, frame = _new_slide(deck, data.title, "chart")
    sz = deck.theme.sizes
    unit = f"单位：{data.unit}" if data.unit else ""
    if data.secondary:
        unit = "；".join(f"{s.name}单位：{s.unit}" for s in data.series)
    text_block(deck, slide, frame.left, frame.top - Inches(0.1), frame.width, Inches(0.45), unit, sz.key_detail,
               10, colour=deck.theme.colours.muted, name="单位")
    add_native_chart(slide, data, frame.left, frame.top + Inches(0.35), frame.width, frame.height - Inches(0.35),
                     deck.theme)
    footer(deck, slide, number, deck.view.source_line(data.note))
    notes(deck, slide, data.alt_text() + ("\n" + narrative if narrative else ""))


def closing_slide(deck: Deck, number: int) -> None:
    if deck.template:
        slide = _placeholder_slide(deck, "closing", number, "谢谢！",
                                   f"{deck.view.subject}\n" + "　".join(deck.view.organisers))
        notes(deck, slide, "发布会到此结束，谢谢各位记者朋友。")
        return
    slide, _ = _new_slide(deck, None)
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
    remember_part_names(prs.part.package)
    deck = Deck(prs, view, theme, measure, logo, layouts)
    cover_slide(deck)
    agenda_slide(deck, 2)
    for theme_ in view.themes:
        section = section_slide(deck, len(prs.slides) + 1, theme_)
        notes(deck, section, "\n".join(filter(None, [theme_.lead, theme_.narrative])) or theme_.title)
        keys = theme_.key_metrics
        for k in range(0, len(keys), KEYS_PER_SLIDE):
            chunk = keys[k:k + KEYS_PER_SLIDE]
            title = theme_.title + ("：主要指标" if k == 0 else "：主要指标（续）")
            key_figures_slide(deck, len(prs.slides) + 1, title, chunk,
                              DERIVED_BASE if any(m.base_derived for m in chunk) else "")
            notes(deck, prs.slides[-1], theme_.narrative or theme_.title)
        if theme_.highlights:
            highlight_slides(deck, len(prs.slides) + 1, theme_.title, list(theme_.highlights))
        for data in theme_.charts:
            chart_slide(deck, len(prs.slides) + 1, data, theme_.narrative)
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
