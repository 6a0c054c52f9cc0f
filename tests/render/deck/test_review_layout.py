"""What a reviewer found on the decks of both shipped themes (16:9 house, 红头 4:3), checked on the reopened .pptx:
one figure size a slide, no card text below the theme's smallest, titles and agenda entries broken only between
words, legible cover text, charts clear of the title band."""
from __future__ import annotations

import shutil
from collections import defaultdict

import pytest
from pptx import Presentation

from generator.present.labels import key_comparison_name, key_label_name, key_value_name
from tests.conftest import ROOT, build_one

ALT_THEME = "assets/theme-红头.yaml"


def _deck(tmp_path_factory, theme: str | None):
    from generator.content.loader import load_project
    from generator.theme import load_theme

    folder = tmp_path_factory.mktemp("review")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    if theme:
        series = folder / "content" / "series.yaml"
        series.write_text(series.read_text(encoding="utf-8").replace("theme: assets/theme.yaml", f"theme: {theme}"),
                          encoding="utf-8")
    project = load_project(folder / "content", folder)
    path = build_one(project, folder / "output", "deck")
    return Presentation(str(path)), project, load_theme(folder, theme or "assets/theme.yaml")


@pytest.fixture(scope="module", params=[None, ALT_THEME], ids=["house", "红头"])
def deck(request, tmp_path_factory):
    return _deck(tmp_path_factory, request.param)


def _runs(shape):
    return [r for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]


def _card_shapes(slide, prefix: str):
    return [sh for sh in slide.shapes if sh.has_text_frame and sh.name.startswith(prefix)]


def test_one_figure_label_and_detail_size_a_slide(deck):
    prs, _, _ = deck
    checked = 0
    for n, slide in enumerate(prs.slides, 1):
        for prefix in (key_value_name(""), key_label_name(""), key_comparison_name("")):
            sizes: dict[str, set[float]] = defaultdict(set)
            for shape in _card_shapes(slide, prefix):
                runs = _runs(shape)
                # a figure's number is its largest run (近, 约, the unit are smaller, alike on every card)
                biggest = max(r.font.size.pt for r in runs)
                sizes["size"].add(biggest)
            assert len(sizes["size"]) <= 1, (n, prefix, sizes)
            checked += bool(sizes)
    assert checked > 20


def test_no_card_text_below_the_theme_smallest(deck):
    prs, _, theme = deck
    least = theme.sizes.smallest
    assert least >= 11
    seen = 0
    for n, slide in enumerate(prs.slides, 1):
        for prefix in (key_value_name(""), key_label_name(""), key_comparison_name("")):
            for shape in _card_shapes(slide, prefix):
                for r in _runs(shape):
                    assert r.font.size.pt >= least, (n, shape.name, r.text, r.font.size.pt)
                    seen += 1
    assert seen > 50


def assert_breaks_between_words(paragraph_text: str, where) -> int:
    """Each line break (a:br, read as \\v) of the paragraph falls where fit allows a title to end a line."""
    from generator.render.fit import break_points

    lines = paragraph_text.split("\v")
    text = "".join(lines)
    allowed = {i for i, _rank in break_points(text)}
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        assert pos in allowed, (where, line, text)
    return len(lines) - 1


def test_agenda_breaks_only_between_words_with_one_heading_size(deck):
    from generator.present.labels import SHAPE_AGENDA_HEADING, SHAPE_AGENDA_ITEMS

    prs, _, _ = deck
    agenda = next(s for s in prs.slides if any(sh.name == SHAPE_AGENDA_ITEMS for sh in s.shapes))
    headings = [sh for sh in agenda.shapes if sh.name == SHAPE_AGENDA_HEADING]
    items = [sh for sh in agenda.shapes if sh.name == SHAPE_AGENDA_ITEMS]
    assert len(headings) == len(items) == 2
    assert len({r.font.size.pt for sh in headings for r in _runs(sh)}) == 1
    assert len({r.font.size.pt for sh in items for r in _runs(sh)}) == 1
    for sh in headings + items:
        for p in sh.text_frame.paragraphs:
            assert_breaks_between_words(p.text, sh.name)
    # the themes are items of a list: one paragraph each, spaced and bulleted
    assert all(len(sh.text_frame.paragraphs) >= 5 for sh in items)
    for sh in items:
        later = sh.text_frame.paragraphs[1]
        assert later.space_before is not None and later.space_before.pt > 0
        assert later._p.pPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None


def _ground(slide) -> str | None:
    """The colour of the solid decoration covering the whole slide on its layout (a cover's red), if any."""
    from pptx.enum.dml import MSO_FILL

    layout = slide.slide_layout
    for shape in list(layout.slide_master.shapes) + list(layout.shapes):
        if (not shape.is_placeholder and shape.width and shape.width >= layout.part.package.presentation_part
                .presentation.slide_width and shape.fill.type == MSO_FILL.SOLID):
            return str(shape.fill.fore_color.rgb)
    return None


def test_cover_and_closing_text_reads_on_its_ground_and_breaks_between_words(deck):
    from generator.theme import contrast

    prs, _, _ = deck
    ends = [prs.slides[0], prs.slides[len(prs.slides) - 2], prs.slides[len(prs.slides) - 1]]
    grounds = 0
    for n, slide in enumerate(ends):
        ground = _ground(slide)
        for ph in slide.placeholders:
            for p in ph.text_frame.paragraphs:
                assert_breaks_between_words(p.text, (n, ph.name))
                for r in (r for r in p.runs if r.text.strip()):
                    if ground is not None:
                        assert r.font.color.type is not None, (n, ph.name, r.text)
                        assert contrast(str(r.font.color.rgb), ground) >= 4.5, (n, ph.name, r.text, ground)
        grounds += ground is not None
    if prs.slide_width * 3 == prs.slide_height * 4:  # the 红头 template: a red ground drawn on its 封面 layout
        assert grounds == 3


def _rule_bottom(slide) -> int:
    """The bottom of the decoration under the title band (the 红头 master's gold rule)."""
    title = slide.shapes.title
    layout = slide.slide_layout
    bottom = title.top + title.height
    for shape in list(layout.slide_master.shapes) + list(layout.shapes):
        if not shape.is_placeholder and shape.top is not None and shape.top + shape.height <= bottom + 300000 \
                and shape.height < prs_height(slide) // 2:
            bottom = max(bottom, shape.top + shape.height)
    return bottom


def prs_height(slide) -> int:
    return slide.part.package.presentation_part.presentation.slide_height


def test_charts_and_their_captions_clear_the_title_band(deck):
    from pptx.util import Inches

    from generator.present.labels import SHAPE_CHART_TITLE, SHAPE_UNIT

    prs, _, _ = deck
    checked = 0
    for n, slide in enumerate(prs.slides, 1):
        drawn = [sh for sh in slide.shapes if sh.name in (SHAPE_CHART_TITLE, SHAPE_UNIT) or sh.has_chart]
        if not drawn or slide.shapes.title is None:
            continue
        rule = _rule_bottom(slide)
        for sh in drawn:
            assert sh.top >= rule + Inches(0.1), (n, sh.name, sh.top, rule)
            checked += 1
        for sh in (s for s in drawn if s.name == SHAPE_CHART_TITLE):
            for p in sh.text_frame.paragraphs:
                assert_breaks_between_words(p.text, (n, sh.name))
    assert checked > 10


def test_a_lopsided_phrase_break_gives_way_to_a_balanced_word_break():
    from generator.render.fit import Measurer, two_lines

    measure = Measurer()
    text = "“十四五”前四年三次产业累计投资构成"
    width = measure.width(text, 16) * 0.7
    lines = two_lines(text, width, 16, measure)
    assert lines is not None and lines[0] != "“十四五”"
    short, long_ = sorted(measure.width(t, 16) for t in lines)
    assert short >= long_ * 0.5
    # a balanced phrase break still wins over word breaks
    assert two_lines("经济规模不断扩大，综合实力显著提升", measure.width("经济规模不断扩大，", 16) + 1, 16,
                     measure) == ["经济规模不断扩大，", "综合实力显著提升"]


def test_wrap_leaves_no_lone_character_on_a_paragraphs_last_line():
    from generator.render.fit import CLOSING, Measurer, wrap

    measure = Measurer()
    text = "全市互联网宽带接入用户达177.4万户，较2020年增加58.3万户，服务业吸纳就业的作用显著增强型。"
    seen = 0
    for width in range(150, 420, 3):
        lines = wrap(text, width, 16, measure)
        assert "".join(lines) == text
        assert all(measure.width(line, 16) <= width for line in lines)
        if len(lines) > 1:
            seen += 1
            assert sum(1 for c in lines[-1] if c not in CLOSING) > 1, (width, lines)
            assert lines[-1][0] not in CLOSING
    assert seen > 50
    width = measure.width("经济总量跃升至全省第四", 16) + 0.5  # 位。 alone on the last line, before
    # the rank 第四位 is one piece, and the short last line takes the word before it down: 全省第四位。
    assert wrap("经济总量跃升至全省第四位。", width, 16, measure) == ["经济总量跃升至", "全省第四位。"]
    # what comes down is a whole piece: a figure keeps its unit
    text = "全市宽带接入用户增加到58.3万户。"
    width = measure.width("全市宽带接入用户增加到58.3万户", 16) + 0.5
    assert wrap(text, width, 16, measure) == ["全市宽带接入用户增加到", "58.3万户。"]


def test_body_lines_keep_words_ranks_and_no_short_widow(deck):
    """Every hard-broken paragraph of the shipped decks: no last line of WIDOW_CHARS characters or fewer (全省。), no
    rank parted (全省第|四位), no figure parted from its unit (the review's H3)."""
    from pptx.oxml.ns import qn

    from generator.render.fit import CLOSING, WIDOW_CHARS

    prs, _, _ = deck
    wrapped = 0
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.name.startswith("Title"):
                continue
            for p in shape.text_frame._txBody.iter(qn("a:p")):
                lines = [""]
                for el in p:
                    if el.tag == qn("a:r"):
                        lines[-1] += el.findtext(qn("a:t")) or ""
                    elif el.tag == qn("a:br"):
                        lines.append("")
                if len(lines) < 2 or len("".join(lines)) < 12:
                    continue
                wrapped += 1
                assert sum(1 for c in lines[-1] if c not in CLOSING) > WIDOW_CHARS, (n, lines)
                for a, b in zip(lines, lines[1:]):
                    assert not a.endswith("第") and not (a[-2:-1] == "第" and b[:1] in "位名"), (n, a, b)
                    assert not (a[-1:].isdigit() and b[:1] in "万亿元年%个家户件人位倍"), (n, a, b)
    assert wrapped > 10
