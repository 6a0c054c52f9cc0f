"""The briefing, opened with python-docx: page setup, styles and fonts, headings, figures, tables, pictures, footer."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator.present.labels import table_caption
from generator.present.view import metric_shown
from generator.present.wording import cn, num
from generator.render.briefing.document import TABLE_HEADER, metric_table_of

WJ = "\u2060"  # the word joiner between a figure's number and unit (render/fit.figure_spans)


@pytest.fixture(scope="module")
def brief(built_brief):
    path, project = built_brief
    return Document(str(path)), project.conferences[0].model, project


def test_page_setup_follows_gb_t_9704(brief):
    doc, _, _ = brief
    s = doc.sections[0]
    got = (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    for value, mm in zip(got, (210, 297, 37, 35, 28, 26)):
        assert abs(value - Mm(mm)) < Mm(0.05)  # stored in twips
    grid = s._sectPr.find(qn("w:docGrid"))
    # 22 lines: the line pitch times 22 fills the 225 mm text block
    assert abs(int(grid.get(qn("w:linePitch"))) / 20 * 22 - 225 / 25.4 * 72) < 22 * 0.05
    # 28 characters: 16 pt condensed by 0.25 pt, 28 fit the 156 mm line and 29 do not
    normal = doc.styles["Normal"].element.rPr
    condense = int(normal.find(qn("w:spacing")).get(qn("w:val"))) / 20
    pitch = 16 + condense
    width = 156 / 25.4 * 72
    assert 28 * pitch <= width < 29 * pitch


@pytest.mark.parametrize("style,east_asian,size", [
    ("Title", "方正小标宋简体", 22), ("Normal", "仿宋_GB2312", 16), ("Heading 1", "黑体", 16),
    ("Heading 2", "楷体_GB2312", 16), ("Footer", "宋体", 14),
])
def test_style_fonts(brief, style, east_asian, size):
    doc, _, _ = brief
    st = doc.styles[style]
    assert st.font.size == Pt(size)
    fonts = st.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == east_asian
    assert st.element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_body_is_exact_spacing_with_two_character_indent(brief):
    doc, _, _ = brief
    pf = doc.styles["Normal"].paragraph_format
    assert pf.line_spacing.pt == pytest.approx(225 / 25.4 * 72 / 22, abs=0.05)
    ind = doc.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_every_run_names_its_east_asian_font(brief):
    doc, _, _ = brief
    parts = [doc.part] + [s.footer.part for s in doc.sections] + [s.even_page_footer.part for s in doc.sections]
    count = 0
    for part in parts:
        for r in part.element.iter(qn("w:r")):
            fonts = r.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")), r.xml[:200]
            count += 1
    assert count > 300
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_heading_sequence_is_parts_and_themes(brief):
    doc, conf, _ = brief
    headings = [(p.style.name, p.text.replace(WJ, "")) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    expected = []
    for pi, part in enumerate(conf.parts, 1):
        expected.append(("Heading 1", f"{cn(pi)}、{part.title}"))
        expected += [("Heading 2", f"（{cn(ti)}）{t.title}") for ti, t in enumerate(part.themes, 1)]
    assert headings == expected
    assert all(p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
               for p in doc.paragraphs if p.style.name.startswith("Heading"))


def all_text(doc) -> str:
    body = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(body + cells)


def test_every_seed_figure_appears(brief):
    doc, conf, _ = brief
    text = all_text(doc)
    for m in conf.metrics().values():
        if m.value is not None and not m.withheld("value"):
            assert num(m.value) in text, m.id
        for extra in ([m.comparison.increase, m.comparison.percent, m.comparison.times]
                      if m.comparison and not m.withheld("comparison") else []) + (
                [m.growth.rate] if m.growth and not m.withheld("growth") else []):
            if extra is not None:
                assert num(abs(extra)) in text, m.id
    assert "待补充" not in text and "None" not in text  # the shipped conference withholds its gaps: final


def _tables_with_captions(doc):
    """[(caption text, caption paragraph, table)] in body order: each table and the caption just before it."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out, last = [], None
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            last = Paragraph(el, doc)
        elif el.tag == qn("w:tbl"):
            out.append((last.text, last, Table(el, doc)))
    return out


def shown(theme) -> tuple:
    return tuple(metric_shown(m) for m in theme.metrics if not m.withheld("value"))


def test_table_cells_equal_the_metrics(brief):
    """Each theme of two metrics or more has a table, whole or in pieces: a piece after the first starts a page under
    续表n and its own header, and the pieces' rows together are the metrics' rows in the columns that say
    something (a 比较 fact may be broken over lines before its figure)."""
    doc, conf, _ = brief
    themes = [t for t in conf.themes() if len(shown(t)) > 1]
    tables = _tables_with_captions(doc)
    # (a table going on under 续表: tests/render/briefing/test_layout.py's stress conference)
    for i, theme in enumerate(themes, 1):
        pieces = [(text, p, t) for text, p, t in tables if text.replace(WJ, "") in (table_caption(i, theme.title), f"续表{i}")]
        assert pieces and pieces[0][0].replace(WJ, "") == table_caption(i, theme.title)
        expected = metric_table_of(shown(theme))
        rows = []
        for n, (_, caption, table) in enumerate(pieces):
            got = [tuple(c.text.replace(WJ, "").replace("\n", "") for c in row.cells) for row in table.rows]
            assert got[0] == expected.header and len(got[0]) < len(TABLE_HEADER) or got[0] == TABLE_HEADER
            assert n == 0 or caption.paragraph_format.page_break_before  # 续表 opens its page (a whole table may too)
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # and Word repeats it on a page break
            rows += got[1:]
        assert rows == [tuple(c.replace("\n", "") for c in row) for row in expected.rows]
    assert len({text for text, _, _ in tables if not text.startswith("续表")}) == len(themes)


def test_three_line_tables(brief):
    doc, _, _ = brief
    for table in doc.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders.find(qn("w:top")).get(qn("w:val")) == "single"
        assert borders.find(qn("w:bottom")).get(qn("w:val")) == "single"
        assert borders.find(qn("w:insideV")).get(qn("w:val")) == "nil"
        header_bottom = table.rows[0].cells[0]._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:bottom"))
        assert header_bottom.get(qn("w:val")) == "single"


def test_one_picture_per_chart_with_alt_text_and_caption(brief):
    doc, conf, _ = brief
    charts = [c for t in conf.themes() for c in t.charts]
    pictures = doc.inline_shapes
    assert len(pictures) == len(charts)
    for shape, chart in zip(pictures, charts):
        descr = shape._inline.docPr.get("descr")
        assert descr.startswith(chart.title) and any(ch.isdigit() for ch in descr)
        assert shape.width <= Mm(156)
    captions = [p.text.replace(WJ, "") for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith("图")]
    # the title, its own closing bracket taking the unit in (…（按可比价格计算，单位：%）)
    assert [c.split("　", 1)[1].split("（单位")[0].split("，单位")[0] for c in captions] == [
        c.title.removesuffix("）") if c.title.endswith("）") and "单位" in cap else c.title
        for c, cap in zip(charts, captions)]
    assert not any("）（" in c for c in captions)
    assert captions[0].startswith("图1　")


def test_figure_paragraph_is_kept_with_its_caption(brief):
    doc, _, _ = brief
    assert doc.styles["Figure"].paragraph_format.keep_with_next


def test_footer_has_page_field_outer_side(brief):
    doc, _, _ = brief
    assert doc.settings.odd_and_even_pages_header_footer
    s = doc.sections[0]
    for footer, align in ((s.footer, "right"), (s.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p.alignment is not None and align in str(p.alignment).lower()


def test_two_builds_are_byte_identical(built_brief, tmp_path):
    from tests.conftest import build_one

    path, project = built_brief
    assert build_one(project, tmp_path, "brief").read_bytes() == path.read_bytes()


def test_missing_values_show_placeholder_in_tables(built_draft_brief):
    doc = Document(str(built_draft_brief[0]))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "待补充" in cells


soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow  # LibreOffice
@pytest.mark.skipif(soffice is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed")
@pytest.mark.parametrize("which, full_lines", [("built_brief", 10), ("built_draft_brief", 10)])
def test_libreoffice_converts_and_pages_hold_22_lines_of_28_characters(request, which, full_lines, tmp_path):
    path, _ = request.getfixturevalue(which)
    src = tmp_path / "brief.docx"
    shutil.copy(path, src)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "brief.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert len(text.split("\f")) > 5
    assert re.search(r"—\s*2\s*—", text)
    bbox = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "brief.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    # body text is 16 pt (boxes about 21 pt high); tables and notes are smaller and may hold more per line
    lines: dict[tuple[int, int], str] = {}
    for page, body in enumerate(re.findall(r"<page .*?</page>", bbox, re.S)):
        for y0, y1, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', body):
            if float(y1) - float(y0) > 20:
                key = (page, round(float(y0)))
                lines[key] = lines.get(key, "") + word
    full = 0
    for line in lines.values():
        # closing punctuation may hang in the margin at the line end, as the Chinese rules allow
        cjk = len(re.findall(r"[\u4e00-\u9fff，。、；：“”（）]", line)) - (1 if line[-1:] in "，。、；：”）" else 0)
        assert cjk <= 28, line
        full += cjk >= 26
    assert full > full_lines  # the rule was tested on real full lines
    per_page: dict[int, int] = {}
    for page, _ in lines:
        per_page[page] = per_page.get(page, 0) + 1
    assert max(per_page.values()) <= 22


def test_a_chart_its_caption_and_its_source_stay_together(brief):
    doc, _, _ = brief
    paragraphs = doc.paragraphs
    figures = [i for i, p in enumerate(paragraphs) if p.style.name == "Figure"]
    assert figures
    for i in figures:
        picture, caption, source = paragraphs[i], paragraphs[i + 1], paragraphs[i + 2]
        assert caption.style.name == "Caption" and source.style.name == "Source Note"
        assert picture.paragraph_format.keep_with_next and caption.paragraph_format.keep_with_next


@pytest.mark.parametrize("text", ["表1　主要指标", " 前后有空格 ", "　全角空格开头", "一\t二", "第一行\n第二行", "回车\r\n换行",
                                  "\t", "— ", "", "a\n\n\tb "])
def test_run_text_is_written_as_python_docx_writes_it(text):
    """The briefing writes its runs' text as elements directly: the XML must be python-docx's own."""
    from lxml import etree

    from generator.render.briefing.document import append_text

    p = Document().add_paragraph()
    theirs = p.add_run()
    theirs.text = text
    ours = p.add_run()
    append_text(ours._r, text)
    assert etree.tostring(ours._r) == etree.tostring(theirs._r)


def test_no_style_lets_libreoffice_hang_a_closing_mark(brief):
    """Normal, which every paragraph style is based on, says w:overflowPunct="1": Word's own default, and the value
    that keeps LibreOffice (which reads it inverted) from hanging ，。 past a full justified line and losing it; no
    style says otherwise."""
    doc, _, _ = brief
    normal = doc.styles["Normal"].element.pPr.find(qn("w:overflowPunct"))
    assert normal is not None and normal.get(qn("w:val")) == "1"
    others = doc.styles.element.findall(".//" + qn("w:overflowPunct"))
    assert len(others) == 1
    paragraphs = doc.element.body.findall(".//" + qn("w:overflowPunct"))
    assert not paragraphs


def test_a_reference_without_a_say_on_hanging_punctuation_gets_it():
    from io import BytesIO

    from generator.render.briefing.style import add_missing_styles, open_reference
    from generator.theme import HouseStyle

    buf = BytesIO()
    Document().save(buf)
    ref = open_reference(buf.getvalue())
    add_missing_styles(ref, HouseStyle())
    assert ref.styles["Normal"].element.pPr.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"


@pytest.mark.parametrize("heading", [
    "（一）2018年上半年全省环境质量状况及中央环保督察反馈意见整改落实进展",  # a word processor broke it 及中/央
    "（三）关于进一步加快推进全市城乡居民基本养老保险制度改革与高质量发展的情况通报",
    "（一）坚决扛起重大历史使命 在转型发展上率先蹚出一条新路来",  # a space parts two phrases
])
def test_a_long_title_breaks_at_word_boundaries_into_even_lines(heading):
    from generator.render.briefing.document import TITLE_ROOM, title_lines
    from generator.render.briefing.style import TEXT_W_PT, TITLE_PT
    from generator.render.fit import Measurer, break_points

    measure = Measurer()
    lines = title_lines(heading, measure)
    assert "".join(lines) == heading.replace(" ", "") and len(lines) >= 2
    assert all(measure.width(line, TITLE_PT) <= TEXT_W_PT * TITLE_ROOM for line in lines)
    joined = heading.replace(" ", "")
    at = 0
    for line in lines[:-1]:  # every break is one of the word or phrase boundaries the segmenter finds
        at += len(line)
        assert at in dict(break_points(joined)) or heading.replace(" ", "|").find("|") == at, (lines, at)
    widths = [measure.width(line, TITLE_PT) for line in lines]
    assert min(widths) > 0.5 * max(widths)  # even: no short last line


def test_a_conference_of_one_part_has_no_part_heading_repeating_its_title(make_project):
    from generator.content.loader import load_project
    from generator.present.view import present
    from generator.render.briefing.document import build_briefing
    from generator.theme import load_theme
    from tests.conftest import FIXTURES

    folder = make_project((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    project = load_project(folder / "content", folder)
    view = present(project.series, project.conferences[0].model)
    doc = build_briefing(view, load_theme(folder, project.series.theme))
    styles = [p.style.name for p in doc.paragraphs if p.text.strip()]
    assert "Heading 1" not in styles and "Heading 2" in styles
