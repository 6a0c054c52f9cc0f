"""A figure keeps the decimals its source writes: 6.0 is shown 6.0 in every output, never 6 (numbers are sacred, and
the written precision is part of the figure). A float forgets trailing zeros; the content's reader keeps them
(content.numerals.Written) and present/wording.num prints them."""
from __future__ import annotations

import csv
import re
import shutil
import zipfile

import docx
import pytest
from pptx import Presentation

from generator.content.loader import load_project
from generator.content.numerals import Written, written
from generator.present.view import present
from generator.present.wording import change, num
from tests.conftest import ROOT, main_in


def test_a_number_written_with_trailing_zeros_keeps_them():
    assert isinstance(written("6.0", 6.0), Written) and num(written("6.0", 6.0)) == "6.0"
    assert num(written("1.50", 1.5)) == "1.50" and num(written("-10.0", -10.0)) == "-10.0"
    assert change(written("-10.0", -10.0)) == "下降10.0%" and change(written("6.0", 6.0)) == "增长6.0%"
    for text, value in (("6.5", 6.5), ("1e3", 1000.0), ("12", 12.0)):  # nothing to keep: a plain float
        assert type(written(text, value)) is float
    assert num(written("6.0", 6.0), 2) == "6.00"  # a caller's own precision still wins
    assert written("6.0", 6.0) == 6.0 and written("6.0", 6.0) - 0.5 == 5.5  # a float to every rule and sum


def test_the_shipped_6_0_reads_6_0_in_the_view_its_data_and_its_chart():
    project = load_project(ROOT / "content", ROOT)
    conf = project.conferences[0].model
    metric = conf.metrics()["above_scale_industry_growth"]
    assert isinstance(metric.value, Written)
    view = present(project.series, conf)
    shown = {m.id: m for t in view.themes for m in t.metrics}["above_scale_industry_growth"]
    assert shown.text == "6.0%"
    [row] = [r for r in view.data if r.cells[0] == "above_scale_industry_growth"]
    assert row.as_dict()["value"] == "6.0"
    [chart] = [c for t in view.themes for c in t.charts if c.id == "sei_growth_chart"]
    assert [chart.label(v, "%") for v in chart.series[0].values] == ["13.1%", "6.0%"]
    assert "6.0%" in chart.alt_text()


GDP = re.compile(r"2458\.8(?!0)")


def plain(text: str) -> str:
    return text.replace("\u2060", "").replace("\v", "")


def docx_text(path) -> str:
    d = docx.Document(str(path))
    return plain("\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]))


@pytest.mark.slow
def test_every_output_shows_a_figure_as_written(tmp_path):
    """The shipped content with its GDP written 2458.80: the deck (cards, notes, the chart's own label format), the
    briefing, the release, the host's script, the long image and the data say 2458.80, never 2458.8."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    path = tmp_path / "content" / "conferences" / "01-转型发展.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("value: 2458.8\n") == 2
    path.write_text(text.replace("value: 2458.8\n", "value: 2458.80\n"), encoding="utf-8")
    assert main_in(tmp_path, "build", "--no-pdf", "--no-cache") == 0
    out = next((tmp_path / "output").glob("01-*"))
    prs = Presentation(str(next(out.glob("*.pptx"))))
    deck = plain("\n".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    charts = b"".join(zipfile.ZipFile(next(out.glob("*.pptx"))).read(n) for n in
                      zipfile.ZipFile(next(out.glob("*.pptx"))).namelist() if n.startswith("ppt/charts/chart"))
    assert b'formatCode="0.00' in charts  # the GDP bar's own label: 2458.80, where General would print 2458.8
    texts = {"deck": deck, "notes": notes,
             **{p.name: docx_text(p) for p in out.glob("*.docx")},
             **{p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}}
    with next(out.glob("*.csv")).open(encoding="utf-8-sig", newline="") as f:
        texts["csv"] = "\n".join(",".join(row) for row in csv.reader(f))
    assert len(texts) >= 7, sorted(texts)
    for name, body in texts.items():
        if name.endswith("主持词.docx"):
            assert not GDP.search(body), name
            continue
        assert "2458.80" in body and not GDP.search(body), name
