"""The deck reads its slides' placeholders from their elements (render/ooxml/access.placeholder_elements): the same
placeholders, and the same ones dropped as empty, as python-pptx's slide.placeholders and text frames give."""
from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

import generator.render.deck.document as document
from generator.content.loader import load_project
from generator.present.view import present
from generator.render.context import RenderContext
from generator.render.deck.template import drop_empty_placeholders
from generator.render.fit import Measurer
from generator.render.ooxml.access import placeholder_elements
from generator.theme import load_theme
from tests.conftest import ROOT


def _designer_template() -> bytes:
    prs = Presentation()
    prs.slide_layouts[0].name, prs.slide_layouts[5].name = "封面", "仅标题"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("template", [None, "designer"])
def test_the_placeholders_dropped_are_those_python_pptx_finds_empty(monkeypatch, template):
    project = load_project(ROOT / "content", ROOT)
    view = present(project.series, project.conferences[0].model, draft=True)
    theme = load_theme(ROOT, project.series.theme)
    data = None
    if template:
        data = _designer_template()
        theme = theme.model_copy(update={"deck_template": "mine.pptx", "deck_layouts": {
            "cover": "封面", "closing": "封面", "agenda": "仅标题", "key_figures": "仅标题", "chart": "仅标题"}})
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
