"""Hostile themes, logos and units: each is refused by `check` with the theme file and its field (exit 1, nothing
written), or builds files that pass openxml-audit."""
from __future__ import annotations

import pytest

from tests.hostile.conftest import assert_deck_whole, cli, edit, refused
from tests.test_ooxml import audit

THEME = "assets/theme.yaml"


def theme_edit(project, old: str, new: str) -> None:
    edit(project / THEME, old, new)


def png(path, size=(64, 32), text: bytes | None = None) -> None:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    if text is not None:
        info.add_text("Comment", text.decode("latin-1"), zip=True)  # a zTXt chunk
    Image.new("L", size, 128).save(path, pnginfo=info)


FONT_CASES = {
    "an empty font name": ("  deck_latin: Arial\n", "  deck_latin: ''\n", "deck_latin"),
    "a font name of 40 characters": ("  deck_latin: Arial\n", "  deck_latin: " + "A" * 40 + "\n", "deck_latin"),
    "a C1 control character in the theme's name": ("name: 晋中红\n", "name: \"晋中\\x85红\"\n", "U+0085"),
    "a raw C1 control character": ("name: 晋中红\n", "name: 晋中\x85红\n", "U+0085"),
    "a measure_file that is not a font": ("  measure_file: null", "  measure_file: assets/theme.yaml",
                                          "not a font file"),
    "a measure_file that is a damaged font": ("  measure_file: null", "  measure_file: assets/fake.ttf",
                                              "a damaged font file"),
    # went into the 主持词 and the deck's notes whole: a part of the host's script is a sentence or two
    "a host-script part of 100,000 characters": ("  closing: 本场", "  closing: " + "长" * 100_000 + "本场",
                                                 "at most 300 characters, got 100,0"),
    "a host-script introduction of 100,000 characters": ("  introduction: 出席", "  introduction: " + "长" * 100_000 + "出席",
                                                         "script › introduction: too long"),
    # fontconfig included it with a warning nobody saw, and every PDF came out in fallback faces
    "a pdf_font_map that is no fontconfig file": ("  measure_file: null", "  measure_file: null\n  pdf_font_map: "
                                                  "assets/theme.yaml", "not a fontconfig file"),
    # went into every deck's and briefing's theme part (PowerPoint's Design tab) whole
    "a theme name of 100,000 characters": ("name: 晋中红\n", "name: " + "红" * 100_000 + "\n", "name: too long"),
    # named a face no machine has, in every run
    "a tab in a typeface name": ("  deck_ea: 微软雅黑", '  deck_ea: "微软\\t雅黑"', "U+0009"),
    # layouts of no template, dropped without a word
    "deck_layouts without a deck_template": ("logo: null", "logo: null\ndeck_layouts: {cover: 封面}",
                                             "no deck_template is set"),
    # bars and slices nobody sees on a chart's white
    "a white series colour": ('  series: ["B71C1C"', '  series: ["FFFFFF", "B71C1C"', "hardly seen"),
    "how the host names a speaker, 41 characters": ("  person: \"{role}{name}\"", "  person: \"{role}{name}" + "长" * 35 + "\"",
                                                    "script › person: too long: at most 40"),
}


@pytest.mark.parametrize("name", sorted(FONT_CASES))
def test_a_hostile_theme_field_is_refused_with_its_file(name, project, run):
    """Small files, nothing to unpack: in this process."""
    old, new, says = FONT_CASES[name]
    (project / "assets" / "fake.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 200)
    theme_edit(project, old, new)
    code, _, err = run(project, "build", "--lang", "en")
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and THEME in lines[0] and says in lines[0] and len(lines) <= 2, err
    assert not (project / "output").exists()


LOGO_CASES = {
    "a 16,000,000×1 logo": (lambda p: png(p, (16_000_000, 1)), "16000000×1 pixels"),
    "a zTXt bomb": (lambda p: png(p, text=b"\0" * 30_000_000), "text chunks unpack"),
    "a logo that is not a picture": (lambda p: p.write_bytes(b"<svg></svg>"), "not an image file"),
}


@pytest.mark.parametrize("name", sorted(LOGO_CASES))
def test_a_hostile_logo_is_refused_with_its_file(name, project):
    make, says = LOGO_CASES[name]
    make(project / "assets" / "logo.png")
    theme_edit(project, "logo: null", "logo: assets/logo.png")
    outcome = cli(project, "build")
    refused(outcome, THEME, "logo", says)
    assert not (project / "output").exists()


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_a_unit_past_its_bound_is_refused_and_one_at_it_builds_a_valid_briefing(project):
    conference = project / "content" / "conference.yaml"
    edit(conference, "            unit: 亿元\n            year: 2024\n", "            unit: " + "万" * 16 + "\n            year: 2024\n")
    assert "at most 10" in refused(cli(project, "check"), "unit")
    text = conference.read_text(encoding="utf-8").replace("万" * 16, "亿元")
    conference.write_text(text.replace("unit: 亿元", "unit: " + "万" * 10), encoding="utf-8")  # the chart's too
    assert cli(project, "brief").code == 0
    [brief] = (project / "output").rglob("*.docx")
    assert "Errors: 0" in audit(brief)


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_a_long_thin_logo_at_the_bound_builds_a_valid_deck(project):
    png(project / "assets" / "logo.png", (8 * 40, 40))
    theme_edit(project, "logo: null", "logo: assets/logo.png")
    assert cli(project, "deck").code == 0
    [deck] = (project / "output").rglob("*.pptx")
    assert "Errors: 0" in audit(deck)


LARGEST = {"body": 28, "body_min": 24, "key_number": 60, "key_number_min": 36, "key_label": 24, "key_detail": 18}


@pytest.mark.slow  # builds two decks and audits them
@pytest.mark.parametrize("theme", [THEME, "assets/theme-红头.yaml"])
@pytest.mark.parametrize("highlights", [0, 3])
def test_the_largest_sizes_and_a_lead_at_its_bound_keep_every_shape_on_its_slide(project, theme, highlights):
    """Every body and card size at its bound and a theme lead of LINE_CHARS characters: the key cards of the theme's
    opening stood below the slide's bottom edge (a hostile round found them at 6,732,524 EMU on a 6,858,000 slide).
    They go on a slide of their own, and a lead longer than its slide ends there visibly."""
    import re

    from generator import limits

    path = project / theme
    text = path.read_text(encoding="utf-8")
    for key, value in LARGEST.items():
        text, n = re.subn(rf"(\n  {key}:) *[0-9.]+", rf"\g<1> {value}", text, count=1)
        assert n, key
    path.write_text(text, encoding="utf-8")
    if theme != THEME:
        edit(project / "content" / "series.yaml", f"theme: {THEME}", f"theme: {theme}")
    lead = ("全市经济运行稳中有进，发展质量持续提升，" * 20)[:limits.LINE_CHARS - 1] + "。"
    extra = "".join(f"          - 第{i}项重点工作扎实推进，各项任务全面完成。\n" for i in range(highlights))
    edit(project / "content" / "conference.yaml", "        title: 经济发展\n        highlights:\n",
         f"        title: 经济发展\n        lead: {lead}\n        highlights:\n{extra}")
    assert cli(project, "deck").code == 0
    [deck] = (project / "output").rglob("*.pptx")
    assert_deck_whole(deck)
    from pptx import Presentation

    shown = "".join(sh.text_frame.text for s in Presentation(str(deck)).slides for sh in s.shapes if sh.has_text_frame)
    assert "2458.8" in shown  # the key figure is still on a slide
