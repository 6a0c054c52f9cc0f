"""The seed conference's view and theme for deck tests, with the house master or a designer's template (python-pptx's
default one, its layouts given the names a theme maps): one setup shared by the tests that compare what the deck
writes with what python-pptx would."""
from __future__ import annotations

import io

from pptx import Presentation

from generator.content.loader import load_project
from generator.present.view import present
from generator.theme import load_theme
from tests.conftest import ROOT

DESIGNER_LAYOUTS = {"cover": "封面", "closing": "封面", "agenda": "仅标题", "key_figures": "仅标题", "chart": "仅标题"}


def designer_template(sample_slide: bool = False) -> bytes:
    prs = Presentation()
    prs.slide_layouts[0].name, prs.slide_layouts[5].name = "封面", "仅标题"
    if sample_slide:  # a designer's template often ships a slide of its own
        prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "模板示例页"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def seed_deck_inputs(template: str | None, draft: bool = False, sample_slide: bool = False):
    """(view, theme, template bytes or None): the seed with the house master, or with a designer's template."""
    project = load_project(ROOT / "content", ROOT)
    view = present(project.series, project.conferences[0].model, draft=draft)
    theme = load_theme(ROOT, project.series.theme)
    if not template:
        return view, theme, None
    theme = theme.model_copy(update={"deck_template": "mine.pptx", "deck_layouts": DESIGNER_LAYOUTS})
    return view, theme, designer_template(sample_slide)
