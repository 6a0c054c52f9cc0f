"""Bring your own template: the deck on a designer's .pptx master and layouts, the briefing on a reference .docx."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Mm, Pt
from pptx import Presentation
from pptx.util import Inches

from tests.render.deck.test_document import assert_no_text_overlaps, assert_text_fits

ALT_THEME = "assets/theme-红头.yaml"

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def use_theme(folder, theme: str) -> None:
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("theme: assets/theme.yaml", f"theme: {theme}"),
                      encoding="utf-8")


def built_deck(folder, run):
    code, _, err = run(folder, "deck")
    assert code == 0, err
    return Presentation(str(next((folder / "output").rglob("*.pptx"))))


@pytest.fixture
def alt_deck(shipped_project, run):
    use_theme(shipped_project, ALT_THEME)
    return built_deck(shipped_project, run), shipped_project


def test_shipped_alternative_template_uses_its_layouts_and_size(alt_deck):
    prs, _ = alt_deck
    assert (prs.slide_width, prs.slide_height) == (Inches(10), Inches(7.5))  # 4:3
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "封面" and layouts[-1] == "封面"
    assert layouts[1] == "仅标题"  # agenda
    assert "标题和内容" in layouts
    used = {s.slide_layout.name for s in prs.slides}
    assert used <= {"封面", "仅标题", "标题和内容"}
    # the template's sample slides are gone: every slide is ours and has notes
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text for s in prs.slides)


def test_text_lands_in_the_placeholders(alt_deck):
    prs, _ = alt_deck
    cover = prs.slides[0]
    assert "坚决扛起重大历史使命" in cover.shapes.title.text_frame.text.replace("\v", "")
    subtitle = [ph for ph in cover.placeholders if ph.placeholder_format.idx == 1]
    assert subtitle and "中共晋中市委宣传部" in subtitle[0].text_frame.text
    highlights = [sh for s in prs.slides for sh in s.shapes if sh.name == "要点"]
    # a slide of highlights alone fills the layout's body placeholder; beside cards or a chart they are a text box
    alone = [sh for s in prs.slides if s.slide_layout.name == "标题和内容" for sh in s.shapes if sh.name == "要点"]
    assert alone and all(sh.is_placeholder and sh.placeholder_format.idx == 1 for sh in alone)
    assert "6.2:42.8:51" in "".join(sh.text_frame.text for sh in highlights)
    # no empty placeholder is left to show “click to add text”
    for slide in prs.slides:
        for ph in slide.placeholders:
            assert ph.text_frame.text.strip(), (slide.slide_layout.name, ph.name)


def test_text_fits_the_layouts_real_boxes(alt_deck):
    prs, _ = alt_deck
    assert assert_text_fits(prs) > 200


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (CI installs it)")
@pytest.mark.slow  # over 5 s, or LibreOffice
def test_template_deck_round_trips_through_libreoffice(alt_deck, tmp_path):
    prs, folder = alt_deck
    deck = next((folder / "output").rglob("*.pptx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck)], check=True, capture_output=True, timeout=240)
    pdf = next(tmp_path.glob("*.pdf"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert f"Pages:           {len(prs.slides)}" in info
    assert_no_text_overlaps(pdf)  # the 4:3 template, with the fonts LibreOffice substitutes


def make_template(path, names: dict[int, str]) -> None:
    """A template as a designer might hand it over: renamed layouts, a sample slide of its own, 4:3."""
    prs = Presentation()
    for i, name in names.items():
        prs.slide_layouts[i].name = name
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    sample.shapes.title.text = "模板示例页"
    prs.save(str(path))


def test_a_template_made_by_the_tests_with_renamed_layouts(shipped_project, run):
    make_template(shipped_project / "assets" / "mine.pptx", {0: "甲·封面", 1: "甲·内容", 2: "甲·章节", 5: "甲·标题"})
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "deck_template: assets/mine.pptx\ndeck_layouts:\n"
                     "  cover: 甲·封面\n  agenda: 甲·标题\n  key_figures: 甲·标题\n"
                     "  highlights: 甲·内容\n  chart: 甲·标题\n  closing: 甲·封面\n", encoding="utf-8")
    prs = built_deck(shipped_project, run)
    assert prs.slide_width == Inches(10)
    assert all(s.shapes.title is None or "模板示例页" not in s.shapes.title.text_frame.text for s in prs.slides)
    assert {s.slide_layout.name for s in prs.slides} == {"甲·封面", "甲·标题", "甲·内容"}
    assert assert_text_fits(prs) > 200


def test_a_missing_layout_names_the_ones_there_are(shipped_project, run):
    make_template(shipped_project / "assets" / "mine.pptx", {1: "内容页"})
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "deck_template: assets/mine.pptx\n", encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 1 and "Traceback" not in err
    assert "no layout named “要点” or “Title and Content” for highlights slides" in err and "“内容页”" in err
    assert "python -m generator layouts assets/mine.pptx" in err


def test_a_template_that_is_not_a_pptx_is_refused(shipped_project, run):
    (shipped_project / "assets" / "mine.pptx").write_text("not a presentation", encoding="utf-8")
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "deck_template: assets/mine.pptx\n", encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 1 and "not a PowerPoint .pptx file" in err


def test_layouts_command_lists_placeholders_and_writes_an_annotated_deck(shipped_project, run):
    tmp_path = shipped_project
    code, out, err = run(shipped_project, "layouts", "assets/templates/红头-4比3.pptx", "--out", "ann.pptx",
                         "--theme", ALT_THEME)
    assert code == 0, err
    assert "layout 0: “封面”  (used for: cover, part, qa, closing)" in out
    assert "idx 1   OBJECT" in out and "slide size 25.4 × 19.1 cm" in out
    ann = Presentation(str(tmp_path / "ann.pptx"))
    assert len(ann.slides) == len(ann.slide_layouts)
    assert ann.slides[0].shapes.title.text_frame.text.startswith("版式“封面”：用于 cover、part、qa、closing")


def test_briefing_takes_styles_page_setup_and_header_from_a_reference(shipped_project, run):
    ref = Document()
    section = ref.sections[0]
    section.left_margin = section.right_margin = Mm(20)
    section.header.paragraphs[0].text = "晋中市人民政府新闻办公室　内部资料"
    ref.styles["Normal"].font.size = Pt(14)
    ref.add_paragraph("参考文档的正文，不应出现在发布材料里")
    ref.save(str(shipped_project / "assets" / "ref.docx"))
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "brief_reference: assets/ref.docx\n", encoding="utf-8")
    code, _, err = run(shipped_project, "brief")
    assert code == 0, err
    doc = Document(str(next((shipped_project / "output").rglob("*.docx"))))
    assert abs(doc.sections[0].left_margin - Mm(20)) < Mm(0.05)  # stored in twips
    assert doc.sections[0].header.paragraphs[0].text == "晋中市人民政府新闻办公室　内部资料"
    assert doc.styles["Normal"].font.size == Pt(14)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "参考文档的正文" not in text and "经济发展跃上新台阶" in text
    assert any(p.style.name == "Heading 2" for p in doc.paragraphs)
    from generator.content.loader import load_project

    conf = load_project(shipped_project / "content", shipped_project).conferences[0].model
    shown = [t for t in conf.themes() if sum(m.publish for m in t.metrics) >= 2]  # one metric: a sentence, no table
    charts = sum(len(t.charts) for t in conf.themes())
    assert len(doc.tables) == len(shown) and len(doc.inline_shapes) == charts
