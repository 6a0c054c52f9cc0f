"""Briefing charts: drawn from the shared spec, in the CJK font (no missing glyphs), deterministic PNG."""
from __future__ import annotations

import io
import warnings

import pytest
from PIL import Image

from generator.content.loader import load_project
from generator.present.charts import chart_data
from generator.render.chart_image import DPI, DRAWERS, chart_png
from generator.theme import load_theme
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def specs():
    project = load_project(ROOT / "content", ROOT)
    conf = project.conferences[0].model
    theme = load_theme(ROOT, project.series.theme)
    return [chart_data(c, conf, "来源") for t in conf.themes() for c in t.charts], theme


def test_every_chart_renders_without_missing_glyphs(specs):
    data, theme = specs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        images = [chart_png(d, theme) for d in data]
    assert not [w for w in caught if "missing from font" in str(w.message)]
    for png in images:
        im = Image.open(io.BytesIO(png))
        assert im.format == "PNG"
        assert round(im.info["dpi"][0]) >= 200
        assert im.width >= 4 * DPI


def test_every_declared_kind_has_a_drawer():
    from generator.vocabulary import CHART_KINDS

    assert {kind.picture for kind in CHART_KINDS.values()} <= set(DRAWERS)


def test_png_is_deterministic_and_carries_no_software_stamp(specs):
    data, theme = specs
    assert chart_png(data[0], theme) == chart_png(data[0], theme)
    assert b"matplotlib" not in chart_png(data[0], theme).lower()
