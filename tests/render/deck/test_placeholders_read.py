"""The deck reads its slides' placeholders from their elements (render/ooxml/access.placeholder_elements): the same
placeholders, and the same ones dropped as empty, as python-pptx's slide.placeholders and text frames give."""
from __future__ import annotations

import pytest
from pptx.oxml.ns import qn

import generator.render.deck.document as document
from generator.render.context import RenderContext
from generator.render.deck.template import drop_empty_placeholders
from generator.render.fit import Measurer
from generator.render.ooxml.access import placeholder_elements
from tests.render.seed_deck import seed_deck_inputs


@pytest.mark.parametrize("template", [None, "designer"])
def test_the_placeholders_dropped_are_those_python_pptx_finds_empty(monkeypatch, template):
    view, theme, data = seed_deck_inputs(template, draft=True)
    dropped = []

    def checked(slide) -> None:
        assert placeholder_elements(slide) == [ph.element for ph in slide.placeholders]
        empty = [ph.element for ph in slide.placeholders
                 if ph.element.tag == qn("p:sp") and not (ph.has_text_frame and ph.text_frame.text.strip())]
        kept = [el for el in placeholder_elements(slide) if el not in empty]
        drop_empty_placeholders(slide)
        assert placeholder_elements(slide) == kept
        dropped.extend(empty)

    monkeypatch.setattr(document, "drop_empty_placeholders", checked)
    document.deck_bytes(view, RenderContext(theme, Measurer(), template=data))
    assert dropped  # the layouts' date and footer placeholders at least
