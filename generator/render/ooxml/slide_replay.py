"""A theme's slides, kept as the deck made them and replayed when nothing they are made from has changed.

A one-figure edit changes the slides of one theme; laying out the other eleven again was two thirds of the deck's
time. After a theme's slides are made, each is recorded: its layout, its XML as made (before the unused placeholders
are dropped and a draft is marked, which are done for every slide at the end), and its relationships in the order
they were made (charts, the theme's logo on a designer's template, its notes page). A later deck whose theme,
conference-level view, slide number and other inputs (the store's keys hold them) are the same adds the same slides
again: a copy of the XML, and the same relationships made in the same order, so every part name and relationship id
is the one the slides' XML names. The bytes are those a deck made afresh has (tests/render/test_deck_replay.py); a
slide holding anything else (a picture other than the theme's logo) is not recorded.
"""
from __future__ import annotations

import dataclasses
import io
import json
import re
from typing import Protocol

from lxml import etree

from ...present.storyboard import ThemeStory

CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
LAYOUT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


class SlideStore(Protocol):
    """Where recorded slides are kept (the build's cache, cache.SlideRecords, is one). Its keys hold, besides what
    the deck gives them (the views, the slide number), everything else the slides are made from: the look, the
    template, the logo, the measuring font and the generator."""

    def key(self, *parts: str) -> str: ...

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


def theme_slides_kept(deck, theme: ThemeStory, make) -> None:
    """The theme's slides: replayed from the store when it has them, else made by `make(deck, theme)` and kept."""
    store = deck.slides
    if store is None or len({data.id for data in theme.charts}) < len(theme.charts):  # a record names charts by id
        make(deck, theme)
        return
    first = len(deck.prs.slides)
    key = store.key(repr(dataclasses.replace(deck.view, parts=())), repr(theme), str(first))
    recorded = store.get(key)
    if recorded is not None and _replay(deck, theme, recorded):
        return
    make(deck, theme)
    data = _record(deck, list(deck.prs.slides)[first:])
    if data is not None:
        store.put(key, data)


def _record(deck, slides) -> bytes | None:
    """The slides as JSON: [layout part name, slide XML, the relationships after the layout's as [kind, rId, what]]
    each; None when a slide holds a relationship replay does not make."""
    out = []
    for slide in slides:
        if not all(re.fullmatch(r"rId\d+", r_id) for r_id in slide.part.rels):
            return None
        rels = sorted(slide.part.rels.values(), key=lambda rel: int(rel.rId[3:]))
        made = []
        for rel in rels:
            if rel.reltype == LAYOUT and rel.rId == "rId1":
                continue
            if rel.reltype == CHART and rel.target_part.partname in deck.charts:
                made.append(["chart", rel.rId, deck.charts[rel.target_part.partname].id])
            elif rel.reltype == NOTES:
                made.append(["notes", rel.rId, etree.tostring(rel.target_part.notes_slide.element, encoding="unicode")])
            elif rel.reltype == IMAGE and deck.logo and rel.target_part.blob == deck.logo:
                made.append(["logo", rel.rId, ""])  # a designer's template: the theme's logo on the slide
            else:
                return None
        out.append([str(slide.slide_layout.part.partname), etree.tostring(slide.element, encoding="unicode"), made])
    return json.dumps(out, ensure_ascii=False).encode("utf-8")


def _read(recorded: bytes) -> list | None:
    """The record's slides, or None when it is not one (a damaged or foreign file): plain JSON, checked."""
    try:
        slides = json.loads(recorded)
    except ValueError:
        return None
    if not isinstance(slides, list) or not slides:  # a theme makes one slide at least
        return None
    for slide in slides:
        if not (_strings(slide, 3, last=list) and all(_strings(made, 3) and made[0] in ("chart", "notes", "logo")
                                                         for made in slide[2])):
            return None
    return slides


def _strings(item, n: int, last: type = str) -> bool:
    """A list of n strings (the last of type `last`)."""
    return (isinstance(item, list) and len(item) == n and all(isinstance(v, str) for v in item[:-1])
            and isinstance(item[-1], last))


def _replay(deck, theme: ThemeStory, recorded: bytes) -> bool:
    """Add the recorded slides; False (nothing added) when the record cannot be read, holds XML that does not parse,
    or names a chart, a layout or a logo this deck has not."""
    from pptx.oxml import parse_xml

    from .charts import add_chart_part
    from .slide_parts import add_notes_page, add_slide

    slides = _read(recorded)
    if slides is None:
        return False
    layouts = {str(layout.part.partname): layout for layout in deck.layouts.values()}
    charts = {data.id: data for data in theme.charts}
    if not all(name in layouts and all((kind != "chart" or what in charts) and (kind != "logo" or deck.logo)
                                       for kind, _, what in made) for name, _, made in slides):
        return False
    try:  # every slide and notes page parsed before any is added
        parsed = [(name, parse_xml(xml), [(kind, r_id, parse_xml(what) if kind == "notes" else what)
                                          for kind, r_id, what in made]) for name, xml, made in slides]
    except etree.XMLSyntaxError:
        return False
    for name, sld, made in parsed:
        slide = add_slide(deck, layouts[name], sld)  # the slide as it was made
        for kind, r_id, what in made:
            if kind == "chart":
                got = add_chart_part(deck, slide, charts[what])
            elif kind == "logo":
                got = slide.part.get_or_add_image_part(io.BytesIO(deck.logo))[1]
            else:
                got = slide.part.relate_to(add_notes_page(slide, what), NOTES)
            if got != r_id:  # the same relationships in the same order give the same ids: a bug if not
                raise RuntimeError(f"replayed slide {name}: {kind} related as {got}, recorded as {r_id}")
    return True
