"""The theme file: one place for the look; bad values are content errors with file:line."""
from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn


@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def test_bad_theme_colour_is_a_clear_error(shipped_project, run):
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace('primary: "B71C1C"', 'primary: "rot"'), encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 1
    assert err.splitlines()[0].startswith("error: assets/theme.yaml:4:12: colours › primary: expected a colour as 6 hex digits")


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
    slide = next(s for s in Presentation(str(path)).slides if s.slide_layout.name == "关键数据")  # a theme's opening
    faces = {ea.get("typeface") for ea in slide._element.iter(qn("a:ea"))}
    assert faces == {"黑体"}
    title_run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    assert str(title_run.font.color.rgb) == "003399"


def test_every_text_colour_of_the_shipped_themes_meets_wcag_aa():
    from generator.theme import TEXT_ON_FILL, contrast, load_theme
    from tests.conftest import ROOT

    for name in ("assets/theme.yaml", "assets/theme-红头.yaml"):
        c = load_theme(ROOT, name).colours
        for fg, bg, large, where in TEXT_ON_FILL:
            assert contrast(getattr(c, fg), getattr(c, bg)) >= (3.0 if large else 4.5), (name, fg, bg, where)


def test_contrast_is_measured_as_wcag_does():
    from generator.theme import contrast

    assert round(contrast("FFFFFF", "000000"), 2) == 21.0
    assert round(contrast("C9A227", "FBF5EC"), 1) == 2.2  # the gold units on cream the issue saw
    assert contrast("777777", "FFFFFF") < 4.5 < contrast("767676", "FFFFFF")  # WCAG's well-known threshold grey


def test_a_theme_with_unreadable_colours_is_refused_by_check_naming_both_and_the_ratio(shipped_project, run):
    theme = shipped_project / "assets" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert 'muted: "5F5F5F"' in text
    theme.write_text(text.replace('muted: "5F5F5F"', 'muted: "C9A227"'), encoding="utf-8")
    code, out, err = run(shipped_project, "check")
    assert code == 1 and "Traceback" not in err
    line = err.splitlines()[0]
    assert line.startswith("error: assets/theme.yaml:") and "colours:" in line
    assert "colours.muted C9A227 on colours.white FFFFFF" in line and "contrast 2.4:1, below the 4.5:1" in line
    assert not (shipped_project / "output").exists()


def test_units_on_key_cards_are_in_a_readable_colour(built_deck):
    from generator.theme import contrast, load_theme
    from tests.conftest import ROOT

    path, project = built_deck
    light = load_theme(ROOT, project.series.theme).colours.light
    prs = Presentation(str(path))
    units = [r for s in prs.slides for sh in s.shapes if sh.name.startswith("数值 ")
             for r in sh.text_frame.paragraphs[0].runs[1:]]
    assert units
    for r in units:
        colour = r._r.find(qn("a:rPr")).find(qn("a:solidFill")).find(qn("a:srgbClr")).get("val")
        assert contrast(colour, light) >= 4.5, (r.text, colour)


@pytest.mark.parametrize("old, new, words", [
    ("body: 22", "body: 5000", "sizes › body: input should be less than or equal to 28"),
    ("title: 28", "title: 0", "sizes › title: input should be greater than or equal to 6"),
    ("key_detail: 13", "key_detail: -5", "sizes › key_detail: input should be greater than or equal to 6"),
])
def test_theme_sizes_stay_within_bounds(shipped_project, run, old, new, words):
    theme = shipped_project / "assets" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert old in text
    theme.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = run(shipped_project, "check")
    assert code == 1 and "Traceback" not in err and words in err.splitlines()[0]
    assert err.splitlines()[0].startswith("error: assets/theme.yaml:")


def _logo(shipped_project, data: bytes) -> None:
    (shipped_project / "assets" / "logo.png").write_bytes(data)
    theme = shipped_project / "assets" / "theme.yaml"
    text = "\n".join(line for line in theme.read_text(encoding="utf-8").splitlines() if not line.startswith("logo:"))
    theme.write_text(text + "\nlogo: assets/logo.png\n", encoding="utf-8")


def test_a_huge_or_truncated_logo_is_refused_by_check(shipped_project, run):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (5000, 5000)).save(buf, format="PNG")
    _logo(shipped_project, buf.getvalue())
    code, _, err = run(shipped_project, "check")
    assert code == 1 and "5000×5000 pixels" in err and "Traceback" not in err
    buf = io.BytesIO()
    Image.new("RGB", (200, 100), "red").save(buf, format="PNG")
    (shipped_project / "assets" / "logo.png").write_bytes(buf.getvalue()[:300])
    code, _, err = run(shipped_project, "check")
    assert code == 1 and "truncated or damaged" in err and "Traceback" not in err


def test_a_theme_asset_that_links_out_of_the_project_is_refused(shipped_project, run, tmp_path):
    import os

    outside = tmp_path.parent / f"{tmp_path.name}-outside.png"
    outside.write_bytes(b"\x89PNG secret")
    os.symlink(outside, shipped_project / "assets" / "logo.png")
    _logo_line(shipped_project)
    code, _, err = run(shipped_project, "check")
    assert code == 1 and "links to a file outside the project folder" in err and "secret" not in err


def _logo_line(shipped_project) -> None:
    theme = shipped_project / "assets" / "theme.yaml"
    text = "\n".join(line for line in theme.read_text(encoding="utf-8").splitlines() if not line.startswith("logo:"))
    theme.write_text(text + "\nlogo: assets/logo.png\n", encoding="utf-8")


def test_a_minimum_larger_than_its_size_is_refused_with_both_named():
    from pydantic import ValidationError

    from generator.theme import Sizes

    with pytest.raises(ValidationError, match=r"sizes.title_min 30 is larger than sizes.title 24"):
        Sizes.model_validate({"title": 24, "title_min": 30})
    with pytest.raises(ValidationError, match=r"less than or equal to 28"):
        Sizes.model_validate({"body": 40})  # body text past what a slide's body area holds
