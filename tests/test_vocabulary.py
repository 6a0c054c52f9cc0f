"""Closed vocabularies are tables: a new chart kind is one table entry plus one drawer, and nothing else."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from generator.render.chart_image import DRAWERS
from generator.render.deck.template import DEFAULT_LAYOUTS
from generator.theme import HouseStyle
from generator.vocabulary import CHART_KINDS, SLIDE_KINDS, chart_kind
from tests.conftest import ROOT

# What a contributor adds for an area chart: one entry in CHART_KINDS and one decorated drawer.
NEW_KIND = textwrap.dedent('''
    import sys
    from generator import vocabulary

    vocabulary.CHART_KINDS["area"] = vocabulary.ChartKind("area", "面积图", "AREA", "area")

    from generator.render.chart_image import draws

    @draws("area")
    def _area(ax, data, theme):
        values = [v or 0 for v in data.series[0].values]
        ax.fill_between(range(len(values)), values, color="#" + theme.colours.series[0])
        ax.set_xticks(range(len(values)), data.categories)

    from generator.cli import main
    sys.exit(main(["build", "--no-pdf", "--jobs", "1"]))
''')


def test_a_new_chart_kind_is_one_table_entry_and_one_drawer(make_project):
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8").replace("type: column", "type: area")
    folder = make_project(text)
    done = subprocess.run([sys.executable, "-c", NEW_KIND], cwd=folder, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    out = folder / "output" / "02-测试"
    charts = [sh for s in Presentation(str(out / "02-测试-发布会.pptx")).slides for sh in s.shapes if sh.has_chart]
    assert [c.chart.chart_type for c in charts] == [XL_CHART_TYPE.AREA]
    assert "面积图" in charts[0]._element.nvGraphicFramePr.cNvPr.get("descr")
    brief = Document(str(out / "02-测试-发布材料.docx"))
    assert len(brief.inline_shapes) == 1


def test_without_the_entry_the_kind_is_refused_with_the_known_ones(make_project, run):
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8").replace("type: column", "type: area")
    code, _, err = run(make_project(text), "check", "--lang", "en")
    assert code == 1 and "type: expected one of: 'column'" in err and "'combo'" in err


def test_every_chart_kind_names_a_native_type_and_a_registered_drawer():
    for kind in CHART_KINDS.values():
        assert XL_CHART_TYPE[kind.native] is not None
        assert kind.picture in DRAWERS, kind.name
    try:
        chart_kind("pie3d")
    except KeyError as exc:
        assert "pie3d" in str(exc) and "doughnut" in str(exc)
    else:
        raise AssertionError("an unknown chart kind must be refused")


def test_slide_kinds_are_one_table_for_the_theme_and_the_templates():
    assert set(DEFAULT_LAYOUTS) == set(SLIDE_KINDS)
    allowed = HouseStyle.model_fields["deck_layouts"].annotation.__args__[0].__args__
    assert set(allowed) == set(SLIDE_KINDS)
