"""A new slide of a kind: its layout (the house's or the designer's), its title and logo, and the free area it leaves."""
from __future__ import annotations

import io

from pptx.util import Inches

from ...present.labels import SHAPE_LOGO, SHAPE_TITLE
from ..ooxml.access import describe_picture
from ..ooxml.slide_parts import add_slide
from .blocks import LOGO_H, Deck, Frame, remembered, slide_title, text_block
from .template import drop, frame_from, title_placeholder


def new_slide(deck: Deck, title: str | None, kind: str = "key_figures", keep_body: bool = False):
    """A slide of the kind's layout with its title set; returns it with the free area for drawn content (the body
    placeholder's box with `keep_body`, else below the title). Placeholders left empty are dropped when the deck
    is done (an empty one would show “click to add text” in PowerPoint)."""
    slide = add_slide(deck, deck.layouts[kind])
    title_ph = title_placeholder(slide)
    if title is None and title_ph is not None:
        drop(title_ph)
    elif title is not None and title_ph is None:  # a layout without a title: draw one at the top
        text_block(deck, slide, deck.mx, Inches(0.3), deck.title_width, Inches(1.0), title, deck.theme.sizes.title,
                   deck.theme.sizes.title_min, bold=True, name=SHAPE_TITLE, title=True)
    elif title is not None:
        slide_title(deck, slide, title)
    if title is not None and deck.designer:  # the house master carries the logo itself
        add_logo(deck, slide, deck.w - deck.mx, Inches(0.5), LOGO_H)
    return slide, frame_from(deck, slide.placeholders, keep_body)


def add_logo(deck: Deck, slide, right, top, height) -> None:
    """The theme's logo, right-aligned at (right, top), with alt text naming whose it is."""
    if not deck.logo:
        return
    pic = slide.shapes.add_picture(io.BytesIO(deck.logo), 0, top, height=height)
    pic.left = right - pic.width
    pic.name = SHAPE_LOGO
    describe_picture(pic, deck.view.logo_alt)


def layout_frame(deck: Deck, kind: str, use_body: bool = True) -> Frame:
    """The free area a slide kind will have, read from its layout before any slide is made (for planning); worked
    out once a deck for each kind (the storyboard asks for it at every theme, and a deck's layouts do not change)."""
    return remembered(deck, ("layout frame", kind, use_body),
                      lambda: frame_from(deck, deck.layouts[kind].placeholders, use_body))
