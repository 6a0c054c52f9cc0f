"""The theme file: one place for the look; bad values are content errors with file:line."""
from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn


def test_bad_theme_colour_is_a_clear_error(shipped_project, run):
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace('primary: "B71C1C"', 'primary: "rot"'), encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 1
    assert err.splitlines()[0].startswith("assets/theme.yaml:4:12: colours.primary: expected a colour as 6 hex digits")


def test_theme_path_escaping_the_project_is_refused(shipped_project, run):
    series = shipped_project / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("theme: assets/theme.yaml", "theme: ../../etc/passwd"),
                      encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 1 and "must be relative and stay inside the project folder" in err


def test_theme_font_and_colour_reach_the_deck(shipped_project, run):
    theme = shipped_project / "assets" / "theme.yaml"
    text = theme.read_text(encoding="utf-8").replace("deck_ea: 微软雅黑", "deck_ea: 黑体")
    theme.write_text(text.replace('primary: "B71C1C"', 'primary: "003399"'), encoding="utf-8")
    assert run(shipped_project, "deck")[0] == 0
    [path] = list((shipped_project / "output").rglob("*.pptx"))
    slide = Presentation(str(path)).slides[3]
    faces = {ea.get("typeface") for ea in slide._element.iter(qn("a:ea"))}
    assert faces == {"黑体"}
    title_run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    assert str(title_run.font.color.rgb) == "003399"
