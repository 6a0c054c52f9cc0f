"""Every deck and briefing is valid OOXML (openxml-audit, Office 2019 rules): no repair prompt in PowerPoint or Word."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import build_one


def audit(path) -> str:
    done = subprocess.run(["openxml-audit", "-f", "office2019", "-m", "20", str(path)], capture_output=True, text=True)
    return done.stdout + done.stderr


@pytest.mark.parametrize("kind", ["deck", "brief"])
def test_the_seed_outputs_have_no_schema_errors(built_deck, built_brief, kind):
    path, _ = built_deck if kind == "deck" else built_brief
    report = audit(path)
    assert "Errors: 0" in report, report[-3000:]


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_a_template_deck_and_a_combo_chart_have_no_schema_errors(shipped_project, tmp_path):
    from generator.content.loader import load_project

    series = shipped_project / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("assets/theme.yaml", "assets/theme-红头.yaml"),
                      encoding="utf-8")
    project = load_project(shipped_project / "content", shipped_project)
    for kind in ("deck", "brief"):
        report = audit(build_one(project, tmp_path / kind, kind))
        assert "Errors: 0" in report, report[-3000:]


def test_the_audit_finds_what_it_should(tmp_path):
    """The validator itself: a chart axis id made negative again is reported."""
    import zipfile

    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    data = CategoryChartData()
    data.categories = ["甲", "乙"]
    data.add_series("数", (1, 2))
    chart = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data).chart
    for el in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        el.set("val", "-5")
    path = tmp_path / "bad.pptx"
    prs.save(str(path))
    assert zipfile.is_zipfile(path)
    assert "Errors: 0" not in audit(path)


def size_bounds(which: str) -> dict:
    """Every theme size at the lower ("ge") or upper ("le") bound of its role."""
    import annotated_types

    from generator.theme import Sizes

    kind = annotated_types.Le if which == "le" else annotated_types.Ge
    return {name: next(getattr(m, which) for m in field.metadata if isinstance(m, kind))
            for name, field in Sizes.model_fields.items()}


@pytest.mark.slow  # three builds and six audits
@pytest.mark.parametrize("case", ["pagination_stress", "smallest_sizes", "largest_sizes"])
def test_hard_content_and_extreme_themes_give_no_schema_errors(case, tmp_path):
    """Split tables under 续表, shrunk charts, long highlights over many slides, and every size at its bound."""
    import shutil

    from ruamel.yaml import YAML

    from generator.content.loader import load_project
    from tests.conftest import FIXTURES, ROOT
    from tests.publish.test_pagination import stress_conference

    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (tmp_path / "content").mkdir()
    shutil.copy(FIXTURES / "series.yaml", tmp_path / "content" / "series.yaml")
    text = stress_conference() if case == "pagination_stress" else (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "content" / "conference.yaml").write_text(text, encoding="utf-8")
    if case != "pagination_stress":
        style = {"name": case, "sizes": size_bounds("le" if case == "largest_sizes" else "ge")}
        with (tmp_path / "assets" / "theme.yaml").open("w", encoding="utf-8") as fh:
            YAML(typ="safe", pure=True).dump(style, fh)
    project = load_project(tmp_path / "content", tmp_path)
    for kind in ("deck", "brief"):
        report = audit(build_one(project, tmp_path / kind, kind))
        assert "Errors: 0" in report, (kind, report[-3000:])


def test_the_figures_workbook_has_no_schema_errors(shipped_project, run):
    assert run(shipped_project, "sheet", "export")[0] == 0
    [workbook] = list((shipped_project / "output").rglob("*数据核对表.xlsx"))
    report = audit(workbook)
    assert "Errors: 0" in report and "Excel" in report, report[-3000:]


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_the_exported_template_and_a_deck_with_a_logo_have_no_schema_errors(shipped_project, run):
    """The generated master and layouts, with the logo on the master and on the cover and section layouts."""
    from PIL import Image

    Image.new("RGB", (300, 200), (183, 28, 28)).save(shipped_project / "assets" / "logo.png")
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("logo: null", "logo: assets/logo.png"), encoding="utf-8")
    assert run(shipped_project, "template", "-o", "模板.pptx")[0] == 0
    assert run(shipped_project, "deck")[0] == 0
    [deck] = list((shipped_project / "output").rglob("*.pptx"))
    for path in (shipped_project / "模板.pptx", deck):
        report = audit(path)
        assert "Errors: 0" in report, report[-3000:]
