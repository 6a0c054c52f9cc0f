"""The deck, opened with python-pptx: slides, figures, native charts, fonts, notes, alt text, fit, determinism."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from generator.content.model import ref_value
from generator.present.charts import chart_data
from generator.present.wording import num
from generator.render.context import RenderContext
from generator.render.fit import Measurer
from generator.render.ooxml.charts import native_type
from generator.vocabulary import CHART_KINDS
from tests.conftest import ROOT

M = Measurer()

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


@pytest.fixture(scope="module")
def deck(built_deck):
    path, project = built_deck
    return Presentation(str(path)), project.conferences[0].model, project


def slide_texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def titles(prs) -> list[str]:
    out = []
    for slide in prs.slides:
        t = slide.shapes.title
        out.append(t.text_frame.text.replace("\v", "") if t is not None else None)
    return out


def test_slide_sequence(deck):
    prs, conf, project = deck
    assert (prs.slide_width, prs.slide_height) == (Emu(12191695), Emu(6858000))
    first = slide_texts(prs.slides[0]).replace("\v", "")
    assert project.series.title in first and conf.title in first and "2025年10月22日" in first
    assert "中共晋中市委宣传部" in first
    assert titles(prs)[2] == "目录"  # after the overview (the order: tests/render/deck/test_storyboard.py)
    assert "谢谢" in slide_texts(prs.slides[-1])
    assert len(prs.slides) <= 27  # the count: tests/render/deck/test_storyboard.py


def chart_shapes(slide):
    return [sh for sh in slide.shapes if sh.has_chart]


def test_fewer_fuller_slides_with_every_key_figure_and_chart(deck):
    """No slide with one lone card and nothing beside it, no short lone line; card grids balanced."""
    prs, conf, _ = deck
    for n, slide in enumerate(prs.slides, 1):
        names = [sh.name for sh in slide.shapes]
        own = [sh for sh in slide.shapes if sh.name.startswith("指标卡 ")]
        if len(own) == 1:
            assert "要点" in names, f"slide {n}: a single card alone"
        rows: dict[int, int] = {}
        for sh in own:
            rows[sh.top] = rows.get(sh.top, 0) + 1
        counts = [rows[k] for k in sorted(rows)]
        assert counts in ([], [1], [1, 1], [2], [3], [2, 2], [3, 2], [3, 3], [4, 4], [4, 3], [3, 3, 3]), \
            f"slide {n}: cards in rows of {counts}"
        # beside cards or a chart, one line is enough
        body = [sh for sh in slide.shapes if sh.name == "要点"] if not own and not chart_shapes(slide) else []
        for sh in body:
            assert len(sh.text_frame.paragraphs) > 1 or len(sh.text_frame.text) > 40, f"slide {n}: one short line"


def test_every_key_figure_with_its_unit(deck):
    prs, conf, _ = deck
    everything = "\n".join(slide_texts(s).replace("\v", "") for s in prs.slides)
    keys = [m for m in conf.metrics().values() if m.key and not m.withheld("value")]
    assert len(keys) >= 30
    for m in keys:
        assert f"{num(m.value)}{m.unit}" in everything.replace("\n", ""), m.id
    assert "待补充" not in everything and "131项" not in everything.replace("\n", "")  # withheld, so final


def test_missing_values_show_a_placeholder(built_draft_deck):
    prs = Presentation(str(built_draft_deck[0]))
    everything = "".join(slide_texts(s).replace("\v", "") for s in prs.slides)
    assert "焦化先进产能占比待补充" in everything
    assert "None" not in everything


def charts(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                yield slide, shape


def test_native_charts_hold_the_content_figures(deck):
    prs, conf, project = deck
    found = list(charts(prs))
    drawn = {frame.name.split(" ", 1)[1] for _, frame in found}  # the others are shown as cards (test_storyboard)
    declared = [c for t in conf.themes() for c in t.charts if c.id in drawn]
    assert len(found) == len(declared) >= 5
    metrics = conf.metrics()
    for spec, (_, frame) in zip(declared, found):
        chart = frame.chart
        if spec.type != "combo":
            assert chart.chart_type == native_type(CHART_KINDS[spec.type]), spec.id
        plotted = [s for plot in chart.plots for s in plot.series]
        assert len(plotted) == len(spec.series)
        values = {s_spec.name: [ref_value(metrics, r) for r in s_spec.values] for s_spec in spec.series}
        # a category with no figure in any series is left out (the chart's note says so), never drawn as empty
        kept = [i for i in range(len(spec.categories)) if any(v[i] is not None for v in values.values())]
        assert list(chart.plots[0].categories) == [spec.categories[i] for i in kept], spec.id
        for s_spec, s in zip(spec.series, plotted):
            assert s.name == s_spec.name
            assert list(s.values) == [values[s_spec.name][i] for i in kept], spec.id
        # the workbook is embedded, so Edit Data works
        assert chart.part.chart_workbook.xlsx_part is not None


COMBO = """          - id: gdp_combo
            type: combo
            title: 地区生产总值及占比
            unit: 亿元
            categories: [2020年, 2022年, 2024年]
            series:
              - name: 地区生产总值
                values: [gdp.base, gdp_2022, gdp]
              - name: 占比
                axis: secondary
                unit: "%"
                values: [share_1, share_2, share_1]
"""


def test_combo_chart_over_periods_has_a_line_on_a_secondary_axis(make_project, run):
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    folder = make_project(text.replace("        charts:\n", "        charts:\n" + COMBO, 1))
    code, _, err = run(folder, "deck")
    assert code == 0, err
    prs = Presentation(str(next((folder / "output").rglob("*.pptx"))))
    [combo] = [f for _, f in charts(prs) if f.name == "图表 gdp_combo"]
    plot_area = combo.chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    assert plot_area.find(qn("c:barChart")) is not None
    line = plot_area.find(qn("c:lineChart"))
    assert line is not None
    assert len(plot_area.findall(qn("c:valAx"))) == 2
    values = [float(v) for v in line.xpath("./c:ser/c:val//c:pt/c:v/text()")]
    assert values == [40, 60, 40]
    right = [ax for ax in plot_area.findall(qn("c:valAx")) if ax.find(qn("c:axPos")).get("val") == "r"]
    assert right and right[0].find(qn("c:crosses")).get("val") == "max"


def test_check_refuses_a_combo_over_unrelated_indicators(shipped_project, run):
    path = shipped_project / "content" / "conferences" / "01-转型发展.yaml"
    text = path.read_text(encoding="utf-8")
    old = "                values: [retail_sales, online_sales, trade_total]\n"
    assert old in text
    text = text.replace("            type: bar  # three indicators", "            type: combo  # three indicators", 1)
    text = text.replace(old, old + "              - name: 年均增长\n                axis: secondary\n                unit: \"%\"\n"
                                   "                values: [retail_sales.growth, online_sales.growth, trade_total.growth]\n", 1)
    path.write_text(text, encoding="utf-8")
    code, _, err = run(shipped_project, "check")
    assert code == 1 and "Traceback" not in err
    [line] = [ln for ln in err.splitlines() if "combo" in ln]
    assert re.match(r"^error: content/conferences/01-转型发展\.yaml:\d+:19: part 2 “.*” › theme “.*” › chart \w+ › type: ", line)
    assert "“社会消费品零售总额” is not one" in line and "type: bar" in line


def test_labels_keep_the_sources_precision_and_percent_axes_stop_at_100(deck):
    prs, _, _ = deck
    formats = {f.name: f.chart.plots[0].data_labels.number_format for _, f in charts(prs)}
    assert formats["图表 demand_growth_chart"] == 'General"%"'
    for _, frame in charts(prs):
        axis = frame.chart.value_axis if frame.chart.plots[0].__class__.__name__ not in ("PiePlot", "DoughnutPlot") else None
        if axis is None or axis.maximum_scale is None:
            continue
        values = [v for s in frame.chart.plots[0].series for v in s.values if v is not None]
        assert max(values) < axis.maximum_scale <= max(values) * 1.6, frame.name
        if "%" in axis.tick_labels.number_format and max(values) <= 100:
            assert axis.maximum_scale <= 100, frame.name


def test_derived_values_are_hatched_on_the_chart(deck):
    prs, conf, _ = deck
    [frame] = [f for _, f in charts(prs) if f.name == "图表 gdp_2020_2024"]
    # 2020年 of the three: computed as value − increase; all of the series, so it is hatched whole (and its key)
    [series] = frame.chart._chartSpace.xpath(".//c:ser[c:spPr/a:pattFill]")
    assert len(series.xpath("./c:val//c:pt")) == 3 and not series.xpath("./c:dPt")
    assert not frame.chart._chartSpace.xpath(".//c:dPt//a:pattFill")
    assert "推算" in frame._element.nvGraphicFramePr.cNvPr.get("descr")


def test_every_chart_and_picture_has_alt_text_with_figures(deck):
    prs, _, _ = deck
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type == 13:
                descr = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
                assert descr and any(ch.isdigit() for ch in descr), shape.name


def test_every_shape_is_described_read_or_marked_decorative(deck):
    """A screen reader meets nothing unnamed: a shape either has text, is a chart or picture with alt text (above), or
    only draws (a card's ground, a badge) and is marked decorative as PowerPoint's accessibility pane marks it."""
    prs, _, _ = deck
    decorative = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type == 13 or shape.is_placeholder:
                continue
            marked = shape._element.xpath(".//p:cNvPr/a:extLst/a:ext/*[local-name()='decorative'][@val='1']")
            has_text = shape.has_text_frame and shape.text_frame.text.strip()
            assert bool(marked) != bool(has_text), (slide.slide_id, shape.name)
            decorative += bool(marked)
    assert decorative >= 10  # the key cards' grounds and bars, the agenda's badges

def test_every_run_has_east_asian_font_and_chinese_language(deck):
    prs, _, _ = deck
    parts = [s.part for s in prs.slides] + [s.notes_slide.part for s in prs.slides]
    count = 0
    for part in parts:
        for r in part._element.iter(qn("a:r"), qn("a:fld")):
            rpr = r.find(qn("a:rPr"))
            assert rpr is not None and rpr.get("lang") == "zh-CN"
            ea = rpr.find(qn("a:ea"))
            assert ea is not None and ea.get("typeface") == "微软雅黑"
            count += 1
    assert count > 400  # the notes say each sentence once (fewer runs than the slides' texts and notes had)
    for _, frame in charts(prs):
        ea = frame.chart._chartSpace.find(qn("c:txPr")).find(".//" + qn("a:ea"))
        assert ea.get("typeface") == "微软雅黑"


def test_every_slide_has_notes_and_a_number(deck):
    prs, _, _ = deck
    for i, slide in enumerate(prs.slides, 1):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), i
        if i > 1:
            fields = slide._element.xpath(".//a:fld[@type='slidenum']")
            assert len(fields) == 1 and fields[0].findtext(qn("a:t")) == str(i)


def test_every_data_slide_has_a_source_line(deck):
    prs, _, _ = deck
    for slide in prs.slides:
        t = slide.shapes.title
        title = t.text_frame.text if t is not None else ""
        if "主要指标" in title or any(s.has_chart for s in slide.shapes):
            assert "资料来源：《晋中日报》" in slide_texts(slide), title


def line_widths(paragraph, width: float):
    """(width in pt, size) of each line of a paragraph as it is set in `width` points: a deliberate break (a:br, in
    titles and labels) ends a line, and flowing text wraps as the measuring font wraps it."""
    from generator.render.fit import wrap

    segments, current, size, sizes, run_width = [], "", 0.0, set(), 0.0
    for child in paragraph._p:
        if child.tag in (qn("a:r"), qn("a:fld")):
            sz = int(child.find(qn("a:rPr")).get("sz")) / 100
            size, text = max(size, sz), child.findtext(qn("a:t")) or ""
            sizes.add(sz)
            current += text
            run_width += M.width(text, sz)
        elif child.tag == qn("a:br"):
            segments.append(current)
            current = ""
    segments.append(current)
    if len(sizes) > 1:  # a figure with its smaller unit: set on one line, run by run
        return [run_width], size
    if len(segments) > 1:  # set by hand: each line must fit as it is
        return [M.width(s, size) for s in segments], size
    return [M.width(line, size) for line in wrap(segments[0], width, size, M)], size


def assert_text_fits(prs) -> int:
    """Measured with the same font metrics: every line fits its box's width, all lines fit its height."""
    checked = 0
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            tf = shape.text_frame
            inner_w = Emu(shape.width - tf.margin_left - tf.margin_right).pt
            inner_h = Emu(shape.height - tf.margin_top - tf.margin_bottom).pt
            height = 0.0
            for i, p in enumerate(tf.paragraphs):
                indent = int(p._p.pPr.get("marL", "0")) / 12700 if p._p.pPr is not None else 0
                widths, size = line_widths(p, inner_w - indent)
                for w in widths:
                    assert w <= inner_w - indent + 0.5, (n, shape.name, p.text[:20], w, inner_w)
                spacing = p.line_spacing.pt if p.line_spacing is not None and hasattr(p.line_spacing, "pt") else size * 1.2
                height += len(widths) * spacing + (p.space_before.pt if (i and p.space_before is not None) else 0)
            assert height <= inner_h + 0.5, (n, shape.name, height, inner_h)
            checked += 1
    return checked


def test_no_text_box_overflows(deck):
    prs, _, _ = deck
    assert assert_text_fits(prs) > 230  # text boxes measured (the seed: 247)


def test_body_text_never_below_readable_minimum(deck):
    prs, _, _ = deck
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name == "要点":
                sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
                assert min(sizes) >= 18


def test_long_highlight_lists_continue_on_a_continuation_slide(make_project, run):
    folder = make_project()
    conf = folder / "content" / "conference.yaml"
    long_items = "".join(f"          - 第{i}条要点：全市地区生产总值{{{{ gdp }}}}，较2020年有较大幅度增长，"
                         f"经济总量继续保持全省前列，为转型发展奠定了坚实基础。\n" for i in range(1, 16))
    text = conf.read_text(encoding="utf-8").replace("          - 地区生产总值{{ gdp }}。\n", long_items)
    conf.write_text(text, encoding="utf-8")
    code, _, err = run(folder, "deck")
    assert code == 0, err
    [path] = list((folder / "output").rglob("*.pptx"))
    prs = Presentation(str(path))
    names = titles(prs)
    assert "（一）经济发展（续）" in names  # the theme named with its number, as on its opening slide
    body = [s for s in prs.slides for s in [s] if any(sh.name == "要点" for sh in s.shapes)]
    text = "".join(sh.text_frame.text.replace("\v", "") for s in body for sh in s.shapes if sh.name == "要点")
    for i in range(1, 16):
        assert f"第{i}条要点" in text
    for s in body:
        for sh in s.shapes:
            if sh.name == "要点":
                assert min(r.font.size.pt for p in sh.text_frame.paragraphs for r in p.runs) >= 18


def test_two_builds_are_byte_identical(built_deck, tmp_path):
    from tests.conftest import build_one

    path, project = built_deck
    assert build_one(project, tmp_path, "deck").read_bytes() == path.read_bytes()


def test_chart_data_is_shared_spec(deck):
    """The native chart's alt text is the spec's own description (same object the briefing will use)."""
    prs, conf, project = deck
    spec = next(c for t in conf.themes() for c in t.charts if c.id == "gdp_2020_2024")
    data = chart_data(spec, conf, conf.source)
    frame = next(f for _, f in charts(prs) if f.name == "图表 gdp_2020_2024")
    assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr") == data.alt_text()
    assert "2020年：地区生产总值1622.6亿元" in data.alt_text()


soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(soffice is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed")
@pytest.mark.slow  # over 5 s, or LibreOffice
def test_libreoffice_round_trip_one_page_per_slide_nothing_off_the_page(built_deck, tmp_path):
    path, _ = built_deck
    prs = Presentation(str(path))
    src = tmp_path / "deck.pptx"
    shutil.copy(path, src)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "deck.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {len(prs.slides)}" in info
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    import re

    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
    assert len(pages) == len(prs.slides)
    words = 0
    for w, h, body in pages:
        for x0, y0, x1, y1 in re.findall(r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)"', body):
            words += 1
            assert float(x0) >= 0 and float(y0) >= 0
            assert float(x1) <= float(w) + 0.5 and float(y1) <= float(h) + 0.5
    assert words > 500  # restated highlights are said in the notes, not shown twice
    assert_no_text_overlaps(pdf)


def pdf_words(pdf) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes, as LibreOffice set them (pdftotext -bbox)."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', bbox, re.S)
    pattern = r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<'
    return [[(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, body)] for body in pages]


def assert_no_text_overlaps(pdf) -> None:
    """No two words on a page cover each other (by more than a fifth of the smaller): no text box runs into another."""
    for n, words in enumerate(pdf_words(pdf), 1):
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                x, y = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
                smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
                assert not (x > 0 and y > 0 and x * y > 0.2 * smaller), f"page {n}: “{a[4]}” overlaps “{b[4]}”"


@pytest.mark.slow  # LibreOffice
@pytest.mark.skipif(soffice is None, reason="LibreOffice not installed")
def test_the_overlap_check_sees_an_overlap(tmp_path):
    """The check itself: two text boxes drawn on top of each other are caught."""
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    # offset a little, with other words: pdftotext drops text drawn twice at one place (a fake-bold trick)
    for k, words in enumerate(("重叠的文字 overlap", "另一段文字 crossing")):
        box = slide.shapes.add_textbox(Inches(1 + 0.15 * k), Inches(1 + 0.05 * k), Inches(4), Inches(1))
        box.text_frame.text = words
    src = tmp_path / "two.pptx"
    prs.save(str(src))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=240)
    with pytest.raises(AssertionError, match="overlaps"):
        assert_no_text_overlaps(tmp_path / "two.pdf")


def test_bar_charts_read_top_down_with_the_axis_at_the_bottom(deck):
    prs, conf, _ = deck
    bars = [f for _, f in charts(prs) if f.chart.chart_type == native_type(CHART_KINDS["bar"])]
    assert bars
    for frame in bars:
        cat = frame.chart._chartSpace.find(".//" + qn("c:catAx"))
        val = frame.chart._chartSpace.find(".//" + qn("c:valAx"))
        assert cat.find(qn("c:scaling")).find(qn("c:orientation")).get("val") == "maxMin"
        assert val.find(qn("c:crosses")).get("val") == "max"


def visible_logos(slide) -> list:
    """The logos a slide shows: its own, its layout's, and its master's unless the layout hides the master's shapes."""
    layout = slide.slide_layout
    found = [sh for sh in slide.shapes if sh.name == "标志"] + [sh for sh in layout.shapes if sh.name == "标志"]
    if layout._element.get("showMasterSp") != "0":
        found += [sh for sh in layout.slide_master.shapes if sh.name == "标志"]
    return found


def test_theme_logo_lands_on_slides_with_alt_text(shipped_project, run):
    from PIL import Image

    Image.new("RGB", (300, 200), (183, 28, 28)).save(shipped_project / "assets" / "logo.png")
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("logo: null", "logo: assets/logo.png"), encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 0, err
    [path] = list((shipped_project / "output").rglob("*.pptx"))
    prs = Presentation(str(path))
    slides = list(prs.slides)
    # on the master and the cover's layout, so a slide an official adds has it too; the title slides on the house
    # ground (a part's divider, 答记者问, the closing) have none
    ground = [s for s in slides[1:] if s.slide_layout == slides[-1].slide_layout]
    assert len(ground) == 4 and slides[-2] in ground  # two parts' dividers, 答记者问, the closing
    assert all(not visible_logos(s) for s in ground)
    others = [s for s in slides if s not in ground]
    assert all(len(visible_logos(slide)) == 1 for slide in others), [len(visible_logos(s)) for s in slides]
    logos = [visible_logos(slide)[0] for slide in others]
    assert all(sh._element.nvPicPr.cNvPr.get("descr") == "中共晋中市委宣传部标志" for sh in logos)
    assert all(abs(sh.width / sh.height - 1.5) < 0.01 for sh in logos)  # its own proportions
    for slide, logo in zip(slides, logos):  # the title makes room for the logo
        title = slide.shapes.title
        if title is not None and title.top < logo.top + logo.height:
            assert title.left + title.width <= logo.left, slide.slide_layout.name


def test_missing_logo_file_is_a_clear_error(shipped_project, run):
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("logo: null", "logo: assets/nope.png"), encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 1 and "file not found" in err and "Traceback" not in err


def test_logo_that_is_not_an_image_is_a_clear_error(shipped_project, run):
    (shipped_project / "assets" / "logo.png").write_text("not a picture", encoding="utf-8")
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("logo: null", "logo: assets/logo.png"), encoding="utf-8")
    code, _, err = run(shipped_project, "deck")
    assert code == 1 and "not an image file" in err
    assert not (shipped_project / "output").exists()


def test_remembered_part_names_give_the_same_file_as_python_pptx(built_deck, monkeypatch):
    """The speed-up of part naming must not change a byte of the deck."""
    import io as _io

    import generator.render.deck.document
    from generator.present.view import present
    from generator.render.deck.document import build_deck, deck_bytes
    from generator.render.fit import Measurer
    from generator.theme import load_theme
    from generator.writer import normalise_zip
    from tests.conftest import ROOT

    _, project = built_deck
    view, theme = present(project.series, project.conferences[0].model), load_theme(ROOT, project.series.theme)
    fast = normalise_zip(deck_bytes(view, RenderContext(theme, Measurer())))
    monkeypatch.setattr(generator.render.deck.document, "remember_part_names", lambda package: None)
    plain = _io.BytesIO()
    build_deck(view, theme, Measurer()).save(plain)
    assert fast == normalise_zip(plain.getvalue())


BODY_SHAPES = ("要点", "导语", "副标题", "日期与主办单位", "主办单位", "资料来源", "单位")


def test_body_text_is_set_in_its_measured_lines(deck):
    """A body paragraph is written as the lines we measured, each ended by a:br, so that no application breaks a
    line itself (LibreOffice parted 组建6 / 个省级 where it flowed); no line ends inside a figure with its unit."""
    from generator.render.fit import tokens

    prs, _, _ = deck
    body = [p for s in prs.slides for sh in s.shapes if sh.has_text_frame
            and (sh.name in BODY_SHAPES or sh.name.startswith("比较")) for p in sh.text_frame.paragraphs]
    assert len(body) > 100
    broken = [p for p in body if p._p.findall(qn("a:br"))]
    assert broken
    for p in broken:
        lines = p.text.split("\x0b")
        ends, pos = set(), 0
        for piece in tokens("".join(lines)):
            pos += len(piece)
            ends.add(pos)
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            assert pos in ends, lines
    notes = [p for s in prs.slides for p in s.notes_slide.notes_text_frame.paragraphs]
    assert not [p.text for p in notes if p._p.findall(qn("a:br"))]


def test_titles_and_labels_break_only_at_phrase_or_word_boundaries(deck):
    from generator.render.fit import break_points

    prs, _, _ = deck
    broken = 0
    for s in prs.slides:
        for sh in s.shapes:
            if not sh.has_text_frame:
                continue
            if sh.name in BODY_SHAPES or sh.name.startswith("比较"):
                continue  # body text: its measured lines (test_body_text_is_set_in_its_measured_lines)
            for p in sh.text_frame.paragraphs:
                if not p._p.findall(qn("a:br")):
                    continue
                lines = p.text.split("\x0b")
                assert len(lines) == 2, (sh.name, p.text)
                whole = lines[0] + lines[1]
                assert len(lines[0]) in {i for i, _ in break_points(whole)} or \
                    len(lines[0]) + 1 in {i for i, _ in break_points(lines[0] + " " + lines[1])}, (sh.name, lines)
                broken += 1
    assert broken >= 3
    # the breaks the issue saw: none of them mid-word any more
    texts = [p.text for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    for bad in ("率先蹚\x0b出", "显\x0b著", "持\x0b续", "双\x0b向", "扎\x0b实", "5A\x0b级"):
        assert not [t for t in texts if bad in t], bad


def test_a_two_line_title_is_balanced_at_a_phrase_boundary():
    from generator.render.fit import Measurer, fit_title

    m = Measurer()
    size, lines = fit_title("坚决扛起重大历史使命 在转型发展上率先蹚出一条新路来", 600, 120, 36, 30, m)
    assert lines == ["坚决扛起重大历史使命", "在转型发展上率先蹚出一条新路来"] and size >= 30
    _, lines = fit_title("坚决扛起重大历史使命 在转型发展上率先蹚出一条新路来", 420, 160, 36, 30, m)
    assert lines == ["坚决扛起重大历史使命", "在转型发展上率先", "蹚出一条新路来"]  # too long for two: three, whole words
    size, lines = fit_title("民生福祉不断增进，共同富裕扎实推动", 300, 120, 36, 28, m)
    assert lines == ["民生福祉不断增进，", "共同富裕扎实推动"]
    _, lines = fit_title("数字经济核心产业增加值占地区生产总值比重", 340, 120, 30, 28, m)
    assert len(lines) == 2 and lines[0] in ("数字经济核心产业增加值", "数字经济核心产业增加值占") and "".join(lines) == \
        "数字经济核心产业增加值占地区生产总值比重"


@pytest.mark.slow  # LibreOffice
@pytest.mark.skipif(soffice is None, reason="LibreOffice not installed")
def test_at_the_largest_sizes_a_theme_allows_no_text_runs_into_other_text(shipped_project, tmp_path):
    """The bounds of each size's role are what keeps the slides whole: at every maximum at once (and the minimums
    as large as they may be), the seed's deck still has no overlapping words."""
    from ruamel.yaml import YAML

    from generator.content.loader import load_project
    from tests.conftest import build_one
    from tests.test_ooxml import size_bounds

    theme = shipped_project / "assets" / "theme.yaml"
    data = YAML(typ="safe", pure=True).load(theme.read_text(encoding="utf-8"))
    data["sizes"] = size_bounds("le")
    with theme.open("w", encoding="utf-8") as fh:
        YAML(typ="safe", pure=True).dump(data, fh)
    project = load_project(shipped_project / "content", shipped_project)
    deck = build_one(project, tmp_path / "out", "deck")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck)], check=True, capture_output=True, timeout=240)
    assert_no_text_overlaps(next(tmp_path.glob("*.pdf")))


def test_compiled_xpaths_find_what_lxml_finds(built_deck, built_brief):
    """The once-compiled XPath of oxml_cache gives the same elements as lxml's own element.xpath()."""
    from docx import Document
    from lxml import etree

    from generator.render.ooxml.names import speed_up_docx, speed_up_pptx

    speed_up_pptx()
    speed_up_docx()
    prs, doc = Presentation(str(built_deck[0])), Document(str(built_brief[0]))
    from pptx.oxml.ns import _nsmap
    from pptx.oxml.shapes.shared import BaseShapeElement

    shapes = 0
    for slide in prs.slides:
        for expression in ("./p:cSld/p:spTree/*", ".//a:t", ".//p:ph", "./*[1]/p:nvPr/p:ph"):
            assert slide._element.xpath(expression) == etree.ElementBase.xpath(slide._element, expression,
                                                                               namespaces=_nsmap)
        for shape in slide._element.iter():  # the placeholder lookup walked, as the library's XPath finds it
            if isinstance(shape, BaseShapeElement):
                found = etree.ElementBase.xpath(shape, "./*[1]/p:nvPr/p:ph", namespaces=_nsmap)
                assert shape.ph is (found[0] if found else None)
                shapes += 1
    assert shapes > 100
    from docx.oxml.ns import nsmap

    body = doc.element.body
    for expression in ("./w:p", ".//w:t", ".//w:tbl/w:tr", "./w:sectPr"):
        assert body.xpath(expression) == etree.ElementBase.xpath(body, expression, namespaces=nsmap)
    assert len(body.xpath(".//w:t")) > 300


def test_a_long_agenda_goes_on_rather_than_shrinking(make_project, run, tmp_path):
    """A draft of a long text has dozens of themes: the agenda continues on 目录（续） slides, numbered on, every theme
    once, no title below the readable minimum."""
    source = tmp_path / "long.txt"
    texts = sorted((ROOT / "tests" / "ingest").glob("*.txt"))
    source.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in texts * 2), encoding="utf-8")
    folder = make_project()
    (folder / "content" / "conference.yaml").unlink()
    assert run(folder, "ingest", str(source), "-o", "content/conference.yaml")[0] == 0
    assert run(folder, "deck")[0] == 0
    [path] = list((folder / "output").rglob("*.pptx"))
    prs = Presentation(str(path))
    agenda = [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text.startswith("目录")]
    assert [s.shapes.title.text_frame.text for s in agenda][1:] == ["目录（续）"] * (len(agenda) - 1)
    numbers = [sh.text_frame.text for s in agenda for sh in s.shapes
               if sh.has_text_frame and re.fullmatch(r"\d\d", sh.text_frame.text)]
    themes = [s for s in prs.slides if s not in agenda]
    assert numbers == [f"{i:02d}" for i in range(1, len(numbers) + 1)] and len(numbers) <= 8 * len(agenda)
    sizes = {r.font.size.pt for s in agenda for sh in s.shapes if sh.has_text_frame and not re.fullmatch(r"\d\d", sh.text_frame.text)
             for p in sh.text_frame.paragraphs for r in p.runs if r.font.size}
    assert min(sizes) >= 14, sizes
    assert len(themes) > len(agenda)


def test_no_shape_draws_a_shadow_in_any_office(built_deck):
    """A card or bar says "no effect" twice: an empty a:effectLst (which PowerPoint lets win) and a style reference to
    no theme effect (LibreOffice follows the reference, and drew the theme's soft shadow under every card of the PDF,
    as a bitmap: 184 of them in the seed deck)."""
    from pptx.oxml.ns import qn

    shapes = 0
    for slide in Presentation(str(built_deck[0])).slides:
        for sp in slide.shapes._spTree.iter(qn("p:sp")):
            ref = sp.find(f"{qn('p:style')}/{qn('a:effectRef')}")
            if ref is not None:
                shapes += 1
                assert ref.get("idx") == "0", slide.slide_id
    assert shapes > 50
