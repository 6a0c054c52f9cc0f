"""The presentation stage: one wording for every format, and renderers that read nothing below the view."""
from __future__ import annotations

import ast
from pathlib import Path

from docx import Document
from pptx import Presentation

from generator.content.loader import load_project
from generator.present.narrative import MetricView
from generator.present.view import present
from tests.conftest import ROOT


def _view(folder: Path):
    project = load_project(folder / "content", folder)
    return project, present(project.series, project.conferences[0].model)


def _slide_texts(path: Path) -> list[str]:
    prs = Presentation(str(path))
    # a soft line break (\x0b) is layout, not wording
    return [p.text.replace("\x0b", "") for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs]


def test_every_metric_reads_the_same_in_a_narrative_and_in_the_view():
    project, view = _view(ROOT)
    metrics = project.conferences[0].model.metrics()
    shown = {m.id: m for t in view.themes for m in t.metrics}
    withheld = {mid for mid, m in metrics.items() if m.withheld("value")}  # never shown, not even as 待补充
    assert withheld == {"coking_advanced_share", "unnamed_firms", "farm_mechanisation", "cross_city_services",
                        "budget_revenue", "meat_growth", "social_insurance"}
    assert set(shown) == set(metrics) - withheld
    for mid in shown:
        assert shown[mid].text == str(MetricView(metrics[mid])), mid


def test_period_and_qualifiers(make_project):
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8").replace(
        "            value: 60\n", "            value: 60\n            qualifier: 以上\n            start: 2021\n            year: 2024\n")
    _, view = _view(make_project(text))
    share = next(m for m in view.themes[0].metrics if m.id == "share_2")
    assert (share.text, share.figure, share.years, share.period) == ("60%以上", "60以上", "2021—2024", "2021—2024年")
    assert share.details[-1] == "2021—2024年"


def test_a_missing_date_reads_the_same_on_deck_briefing_and_page(make_project, run):
    folder = make_project((ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
                          .replace("date: 2025-11-01\n", ""))
    code, _, err = run(folder, "build", "--no-pdf", "--jobs", "1")
    assert code == 0, err
    out = folder / "output" / "02-测试"
    assert "日期待补充" in "\n".join(_slide_texts(out / "02-测试-发布会.pptx"))
    assert "日期待补充" in [p.text for p in Document(str(out / "02-测试-发布材料.docx")).paragraphs]
    page = (folder / "output" / "index.html").read_text(encoding="utf-8")
    assert "日期待补充" in page and "日期待定" not in page


def test_a_series_without_subtitle_has_no_dangling_dash(make_project):
    folder = make_project()
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("subtitle: 测试系列发布会\n", ""), encoding="utf-8")
    _, view = _view(folder)
    assert view.banner == "测试系列"
    assert view.cover_script.startswith("测试系列第二场：测试发布会。")
    assert "——" not in view.cover_script


def test_the_deck_and_briefing_show_the_views_words(built_deck, built_brief):
    deck_path, project = built_deck
    view = present(project.series, project.conferences[0].model)
    texts = "\n".join(_slide_texts(deck_path))
    assert view.heading in texts and view.banner in texts and view.date in texts
    for theme in view.themes:
        for m in theme.key_metrics:
            assert m.text in texts.replace("\n", ""), m.id  # a restated figure shows once, on its home slide
    brief_path, _ = built_brief
    paragraphs = Document(str(brief_path)).paragraphs
    headings = {style: [p.text for p in paragraphs if p.style.name == style] for style in ("Heading 1", "Heading 2")}
    assert headings["Heading 1"] == [p.heading for p in view.parts]
    assert headings["Heading 2"] == [t.heading for t in view.themes]


# Renderers read the view and the house style; what lies below the view is not theirs to reach.
RENDERERS = sorted((ROOT / "generator" / "render").rglob("*.py")) + [ROOT / "generator" / "publish" / "page.py"]
BELOW_THE_VIEW = ("generator.content", "generator.present.wording", "generator.present.narrative",
                  "generator.present.names", "generator.build")


def _imports(path: Path) -> set[str]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            found.add(f"{base}.{node.module}" if node.level and node.module else (node.module or base))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_renderer_imports_what_lies_below_the_view():
    assert len(RENDERERS) > 8
    for path in RENDERERS:
        wrong = sorted(m for m in _imports(path) if m.startswith(BELOW_THE_VIEW))
        assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


def test_the_import_check_sees_relative_imports():
    sample = ROOT / "generator" / "render" / "deck" / "document.py"
    assert "generator.present.view" in _imports(sample)
    assert "generator.theme" in _imports(sample)


def test_view_survives_a_round_trip_to_worker_processes():
    import pickle

    _, view = _view(ROOT)
    assert pickle.loads(pickle.dumps(view)) == view


def test_no_narrative_opens_by_repeating_its_heading():
    from generator.present.view import without_heading

    _, view = _view(ROOT)
    for theme in view.themes:
        assert not (theme.paragraphs and theme.paragraphs[0].startswith(theme.title)), theme.title
    assert without_heading(["城乡融合迈出新步伐。太原晋中一体化加速推进。", "二"], "城乡融合迈出新步伐") == \
        ("太原晋中一体化加速推进。", "二")
    assert without_heading(["城乡融合迈出新步伐。", "二"], "城乡融合迈出新步伐") == ("二",)
    assert without_heading(["城乡融合迈出新步伐的成效。"], "城乡融合迈出新步伐") == ("城乡融合迈出新步伐的成效。",)
