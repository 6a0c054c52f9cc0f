"""What the deck keeps and copies (the first slide per layout, the first notes page, run properties, placeholder
boxes) gives the very bytes that making each one afresh through python-pptx gives."""
from __future__ import annotations

import functools
import io

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

import generator.render.deck.document
from generator.render.context import RenderContext
from generator.render.deck.blocks import Deck
from generator.render.deck.document import deck_bytes
from generator.render.fit import Measurer
from generator.writer import normalise_zip
from tests.render.seed_deck import seed_deck_inputs


class _Forgetful(dict):
    """Keeps nothing: every slide, notes page and run is made afresh, every box read through python-pptx."""

    def __setitem__(self, key, value) -> None:
        pass


@pytest.mark.parametrize("template", [None, "designer"])
def test_copied_slides_and_notes_pages_are_the_bytes_python_pptx_writes(monkeypatch, template):
    view, theme, data = seed_deck_inputs(template, sample_slide=True)
    copied = normalise_zip(deck_bytes(view, RenderContext(theme, Measurer(), template=data)))
    monkeypatch.setattr(generator.render.deck.document, "Deck", functools.partial(Deck, kept=_Forgetful()))
    made = normalise_zip(deck_bytes(view, RenderContext(theme, Measurer(), template=data)))
    assert copied == made

    prs = Presentation(io.BytesIO(copied))
    pages = [slide.part.part_related_by(RT.NOTES_SLIDE) for slide in prs.slides]
    assert len({page.partname for page in pages}) == len(prs.slides) > 20  # one notes page each, none shared
    for slide, page in zip(prs.slides, pages):
        assert page.part_related_by(RT.SLIDE) is slide.part
        assert slide.notes_slide.notes_text_frame.text.strip()
