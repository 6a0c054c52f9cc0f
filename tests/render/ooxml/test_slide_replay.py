"""Themes' slides replayed from a record give the very bytes of a deck made afresh; anything a record cannot stand
for is made again."""
from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image
from pptx import Presentation

from generator.content.loader import load_project
from generator.present.view import present
from generator.render.context import RenderContext
from generator.render.deck.document import deck_bytes
from generator.render.fit import Measurer
from generator.theme import load_theme
from generator.writer import normalise_zip
from tests.conftest import ROOT


class Store:
    """An in-memory SlideStore that counts what it is asked."""

    def __init__(self):
        self.kept: dict[str, bytes] = {}
        self.hits = self.misses = 0

    def key(self, *parts: str) -> str:
        return "\0".join(parts)

    def get(self, key: str) -> bytes | None:
        found = self.kept.get(key)
        self.hits += found is not None
        self.misses += found is None
        return found

    def put(self, key: str, data: bytes) -> None:
        self.kept[key] = data


@pytest.fixture(scope="module")
def seed():
    project = load_project(ROOT / "content", ROOT)
    return present(project.series, project.conferences[0].model), load_theme(ROOT, project.series.theme)


def made(view, theme, store=None, **kw) -> bytes:
    return normalise_zip(deck_bytes(view, RenderContext(theme, Measurer(), slides=store, **kw)))


def edited(view, theme_index: int, **changes):
    """The view with one theme changed (a figure, a highlight), as an edit of its content would change it."""
    themes = list(view.themes)
    themes[theme_index] = dataclasses.replace(themes[theme_index], **changes)
    parts, at = [], 0
    for part in view.parts:
        parts.append(dataclasses.replace(part, themes=tuple(themes[at:at + len(part.themes)])))
        at += len(part.themes)
    return dataclasses.replace(view, parts=tuple(parts))


@pytest.mark.parametrize("draft", [False, True])
def test_a_deck_from_recorded_slides_is_the_deck_made_afresh(seed, draft):
    view, theme = seed
    view = dataclasses.replace(view, draft=draft)  # a draft's mark goes on every slide, replayed ones too
    store = Store()
    fresh = made(view, theme)
    assert made(view, theme, store) == fresh
    assert store.misses == len(view.themes) and len(store.kept) == len(view.themes)
    assert made(view, theme, store) == fresh  # every theme replayed
    assert store.hits == len(view.themes)


def test_an_edited_theme_is_made_again_and_the_rest_replayed(seed):
    view, theme = seed
    store = Store()
    made(view, theme, store)
    first = view.themes[0]
    changed = edited(view, 0, metrics=(dataclasses.replace(first.metrics[0], number="99.9"), *first.metrics[1:]))
    hits = store.hits
    assert made(changed, theme, store) == made(changed, theme)
    assert store.hits - hits == len(view.themes) - 1
    # a longer theme pushes every later slide on: their numbers change, so none of them is replayed
    longer = edited(view, 0, highlights=first.highlights * 3)
    hits = store.hits
    assert made(longer, theme, store) == made(longer, theme)
    assert store.hits == hits


@pytest.mark.parametrize("damage", [b"not a record", b"[]", b"{}", b'[["a", "b"]]', b"\xff\xfe",
                                    b'[["/ppt/slideLayouts/slideLayout4.xml", "<p:sld", []]]'])
def test_a_damaged_record_is_made_again(seed, damage):
    view, theme = seed
    store = Store()
    fresh = made(view, theme, store)
    for key in store.kept:
        store.kept[key] = damage
    assert made(view, theme, store) == fresh


def test_a_record_naming_a_chart_the_theme_has_not_is_made_again(seed):
    view, theme = seed
    with_charts = next(i for i, t in enumerate(view.themes) if t.charts)
    renamed = edited(view, with_charts, charts=tuple(dataclasses.replace(c, id=c.id + "_renamed")
                                                      for c in view.themes[with_charts].charts))
    store = Store()
    made(view, theme, store)
    # the same slides but other chart ids: the record's charts are not this theme's, so it is made again
    assert made(renamed, theme, store) == made(renamed, theme)


def test_slides_holding_the_logo_are_replayed_with_it(seed, tmp_path):
    """A designer's template gets the theme's logo on every slide: a picture relationship, made again in its turn."""
    view, theme = seed
    logo = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(logo, "PNG")
    template = io.BytesIO()
    Presentation().save(template)
    theme = theme.model_copy(update={"deck_template": "mine.pptx"})
    store = Store()
    fresh = made(view, theme, logo=logo.getvalue(), template=template.getvalue())
    assert made(view, theme, store, logo=logo.getvalue(), template=template.getvalue()) == fresh
    assert len(store.kept) == len(view.themes) and all(b'"logo"' in record for record in store.kept.values())
    assert made(view, theme, store, logo=logo.getvalue(), template=template.getvalue()) == fresh
    assert store.hits == len(view.themes)


def test_slides_holding_another_picture_are_not_recorded(seed, monkeypatch):
    """Replay makes a chart, a notes page and the theme's logo again; a slide holding anything else is laid out
    again every time."""
    import generator.render.deck.content as content

    view, theme = seed
    real = content.draw_lead

    drawn: list[str] = []

    def with_picture(deck, slide, lead, frame):
        drawn.append(lead)
        logo = io.BytesIO()
        Image.new("RGB", (8, 8), "blue").save(logo, "PNG")
        slide.shapes.add_picture(logo, 0, 0)
        return real(deck, slide, lead, frame)

    monkeypatch.setattr(content, "draw_lead", with_picture)
    store = Store()
    fresh = made(view, theme, store)
    leads = len(drawn)  # the themes whose opening shows its lead (one its title says all is in the notes)
    assert leads > 0 and len(store.kept) == len(view.themes) - leads
    assert made(view, theme, store) == fresh


def test_a_theme_whose_charts_share_an_id_is_never_recorded(seed):
    """A record names its charts by id: with two of one id, a replay could put one chart's figures in the other."""
    view, theme = seed
    at = next(i for i, t in enumerate(view.themes) if sum(len(c.categories) >= 3 for c in t.charts) >= 2)
    charts = view.themes[at].charts
    drawn = [k for k, c in enumerate(charts) if len(c.categories) >= 3]  # a chart of two points is shown as cards
    twins = edited(view, at, charts=tuple(dataclasses.replace(c, id=charts[drawn[0]].id) if k == drawn[-1] else c
                                          for k, c in enumerate(charts)))
    store = Store()
    assert made(twins, theme, store) == made(twins, theme)
    assert len(store.kept) == len(view.themes) - 1
