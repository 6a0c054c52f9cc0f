"""The briefing's page model: line counts as a word processor breaks them, page breaks with widow control and
headings kept with their text, and the decisions it drives (charts sized to their page, tables split under 续表).
LibreOffice's rendering of the same rules is checked in tests/publish/test_pagination.py."""
from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table

from generator.render.briefing.document import LEAST_FIGURE_SCALE, TABLE_HEADER
from generator.render.briefing.layout import GRID_EXIT_PT, PageFlow, count_lines, processor_pieces
from generator.render.briefing.style import BODY_PT, CONDENSE_PT, LINE_PITCH_PT, TEXT_H_PT, TEXT_W_PT


def lines(text: str, indent: float = 2 * BODY_PT) -> int:
    return count_lines(text, TEXT_W_PT, BODY_PT, indent, CONDENSE_PT)


def test_a_line_holds_28_characters_and_the_first_26_after_its_indent():
    assert lines("经" * 28, indent=0) == 1
    assert lines("经" * 29, indent=0) == 2
    assert lines("经" * 26) == 1 and lines("经" * 27) == 2
    assert lines("经" * 26 + "\n" + "经" * 26) == 2  # a line break starts a new paragraph's count
    assert lines("") == 1


def test_figures_are_narrower_than_characters_and_stay_whole():
    # 24 characters and the figure 2458.8 (six Latin characters, about three CJK widths) fit one line of 28
    assert lines("经" * 24 + "2458.8", indent=0) == 1
    assert lines("经" * 26 + "2458.8", indent=0) == 2  # the figure does not break: it moves whole
    assert processor_pieces("数值见158亿元。") == ["数", "值", "见", "158亿元。"]  # the unit whole, as the run binds it
    assert processor_pieces("超过一万美元；2025年10月22日") == ["超", "过", "一万美元；", "2025年10月22日"]
    assert processor_pieces("（一）“双下降”") == ["（一）", "“双", "下", "降”"]


def test_count_lines_is_linear_in_the_length_of_the_text():
    import time

    start = time.perf_counter()
    assert lines("经济发展2458.8亿元，" * 20_000) > 1000
    assert time.perf_counter() - start < 5


def flow() -> PageFlow:
    return PageFlow(TEXT_H_PT, LINE_PITCH_PT)


def test_a_page_holds_21_lines_of_text_in_the_model():
    f = flow()
    f.lines(21)
    assert f.page == 1
    f.lines(1)
    assert f.page == 2 and f.used == pytest.approx(LINE_PITCH_PT)


def test_widow_and_orphan_control_leave_two_lines_on_each_side():
    f = flow()
    f.lines(18)  # three lines left
    f.lines(4)  # 3 + 1 would leave a widow: 2 + 2
    assert f.page == 2 and f.used == pytest.approx(2 * LINE_PITCH_PT)
    f = flow()
    f.lines(20)  # one line left: an orphan; the paragraph moves whole
    f.lines(5)
    assert f.page == 2 and f.used == pytest.approx(5 * LINE_PITCH_PT)


def test_a_heading_moves_with_a_paragraph_that_cannot_start_on_its_page():
    f = flow()
    f.lines(18)
    f.lines(1, keep_next=2 * LINE_PITCH_PT)  # the heading fits, with two lines after it
    f.lines(3)  # but a three-line paragraph cannot split 2 + 1: it moves, and the heading with it
    assert f.page == 2 and f.used == pytest.approx(4 * LINE_PITCH_PT)


def test_a_block_after_text_starts_below_the_text_and_text_after_a_block_follows_it():
    """LibreOffice sets the line after a table or a picture right below it, a pitch tall (it does not snap it to the
    page's grid): a model that snapped lost up to a line per block and moved tables that fitted (#33)."""
    f = flow()
    f.lines(2)
    f.box(30)
    assert f.used == pytest.approx(2 * LINE_PITCH_PT + GRID_EXIT_PT + 30)
    f.lines(1)
    assert f.used == pytest.approx(3 * LINE_PITCH_PT + GRID_EXIT_PT + 30)


def _theme():
    from generator.theme import load_theme
    from tests.conftest import ROOT

    return load_theme(ROOT, "assets/theme.yaml")


@pytest.fixture(scope="module")
def stress_brief():
    """The pagination stress conference (tests/publish/test_pagination.py), as a .docx: no LibreOffice needed."""
    import shutil
    import tempfile
    from pathlib import Path

    from generator.build.pipeline import load
    from generator.present.view import present
    from generator.render.briefing.document import build_briefing
    from tests.conftest import FIXTURES, ROOT
    from tests.publish.test_pagination import stress_conference

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "assets", folder / "assets")
        (folder / "content").mkdir()
        shutil.copy(FIXTURES / "series.yaml", folder / "content" / "series.yaml")
        (folder / "content" / "conference.yaml").write_text(stress_conference(), encoding="utf-8")
        project, theme, _ = load(folder / "content")
        view = present(project.series, project.conferences[0].model, True)
        return view, build_briefing(view, theme)


def test_charts_are_shrunk_to_their_page_no_further_than_the_minimum_and_keep_their_order(stress_brief):
    from generator.vocabulary import chart_kind

    view, doc = stress_brief
    charts = [c for part in view.parts for t in part.themes for c in t.charts]
    shapes = doc.inline_shapes
    assert [s._inline.docPr.get("name") for s in shapes] == [f"图{i}" for i in range(1, len(charts) + 1)]
    assert [s._inline.docPr.get("title") for s in shapes] == [c.title for c in charts]  # the order of the content
    scales = []
    for shape, chart in zip(shapes, charts):
        full = TEXT_W_PT * (0.68 if chart_kind(chart.kind).round else 0.92)
        scales.append(shape.width.pt / full)
    assert all(LEAST_FIGURE_SCALE - 0.01 <= s <= 1.001 for s in scales), scales  # below MIN only against an empty page
    # the rule itself, where a chart finds 90% of the room it needs at the foot of a page
    from generator.render.briefing.document import (
        FIT_MARGIN_PT,
        MIN_FIGURE_SCALE,
        PICTURE_LINE_PT,
        Briefing,
        _caption_height,
        _figure_scale,
        _figure_size,
        _figure_texts,
        _source_height,
    )

    b = Briefing(view, _theme())
    chart = charts[0]
    caption, note = _figure_texts(b, chart)
    rest = PICTURE_LINE_PT + _caption_height(caption) + _source_height(note) + FIT_MARGIN_PT
    b.flow.used = b.flow.capacity - rest - 0.9 * _figure_size(chart)[1]
    assert MIN_FIGURE_SCALE <= _figure_scale(b, chart) < 0.95
    b.flow.used = b.flow.capacity - rest - 0.5 * _figure_size(chart)[1]
    assert _figure_scale(b, chart) is None  # it waits for the next page rather than shrink below the minimum


def test_a_long_table_is_split_where_the_page_ends_with_xubiao_and_its_header(stress_brief):
    view, doc = stress_brief
    body = list(doc.element.body.iterchildren())
    continued = [i for i, el in enumerate(body) if el.tag == qn("w:p") and "".join(el.itertext()).startswith("续表")]
    assert len(continued) >= 2
    for i in continued:
        caption, table = body[i], body[i + 1]
        assert caption.find(qn("w:pPr")).find(qn("w:pageBreakBefore")) is not None
        assert table.tag == qn("w:tbl")
        assert tuple(c.text.replace("\u2060", "") for c in Table(table, doc).rows[0].cells) == TABLE_HEADER
    rows = sum(len(el.findall(qn("w:tr"))) - 1 for el in body if el.tag == qn("w:tbl"))
    assert rows == sum(len(t.metrics) for part in view.parts for t in part.themes)  # no row lost or repeated


def test_a_short_table_is_kept_on_one_page_with_its_source_line(stress_brief, built_brief):
    """Every table the model keeps whole holds each row to the next, the last to its source line; a table that goes
    on under 续表 does not do so for one row alone."""
    from generator.render.briefing.document import KEEP_TOGETHER_ROWS

    whole = 0
    for doc in (stress_brief[1], Document(str(built_brief[0]))):
        body = list(doc.element.body.iterchildren())
        tables = [i for i, el in enumerate(body) if el.tag == qn("w:tbl")]
        for n, i in enumerate(tables):
            caption = "".join(body[i - 1].itertext())
            following = "".join(body[tables[n + 1] - 1].itertext()) if n + 1 < len(tables) else ""
            rows = Table(body[i], doc).rows
            if following.startswith("续表"):
                assert len(Table(body[tables[n + 1]], doc).rows) > 2  # header and two rows at least
                continue
            if caption.startswith("表") and len(rows) - 1 < KEEP_TOGETHER_ROWS:
                whole += 1
                assert all(row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in rows)
    assert whole >= 3


def test_with_a_designers_reference_document_the_page_model_stands_aside(tmp_path):
    """A reference sets its own page and styles, which the model does not know: tables stay whole (Word repeats
    their header), charts keep their size."""
    import io

    from generator.build.pipeline import load
    from generator.present.view import present
    from generator.render.briefing.document import build_briefing
    from tests.conftest import ROOT

    reference = io.BytesIO()
    Document().save(reference)
    project, theme, _ = load(ROOT / "content")
    view = present(project.series, project.conferences[0].model, True)
    doc = build_briefing(view, theme, reference=reference.getvalue())
    assert not [p for p in doc.paragraphs if p.text.startswith("续表")]
    assert len(doc.tables) == sum(1 for part in view.parts for t in part.themes if len(t.metrics) > 1)
    widths = {round(s.width.pt) for s in doc.inline_shapes}
    assert widths <= {round(TEXT_W_PT * 0.68), round(TEXT_W_PT * 0.92)}


def test_a_long_table_that_would_open_with_a_few_rows_at_a_pages_foot_goes_whole_to_the_next_page():
    """Three rows at the foot of a page and 续表 over it read as a slip: a table longer than KEEP_TOGETHER_ROWS that
    would open with fewer than FEW_ROWS rows, and fits whole on a page, starts the next page whole, as long as this
    page stays full enough (MAX_EMPTY_SHARE); with more room left it fills the page and goes on under 续表."""
    from generator.content.loader import load_project
    from generator.present.view import present
    from generator.render.briefing.document import (
        FEW_ROWS,
        KEEP_TOGETHER_ROWS,
        MAX_EMPTY_SHARE,
        Briefing,
        _caption_height,
        _row_height,
        column_widths,
        metric_table_of,
        table_pieces,
    )
    from tests.conftest import ROOT

    project = load_project(ROOT / "content", ROOT)
    view = present(project.series, project.conferences[0].model)
    metrics = next(t.metrics for t in view.themes if len(t.metrics) > KEEP_TOGETHER_ROWS)  # the seed's 经济发展, 11
    table = metric_table_of(metrics)
    widths = column_widths(table) or column_widths(table, whole_phrases=False)
    assert widths is not None
    b = Briefing(view, _theme())
    head = _caption_height("表1") + _row_height(table.header, widths, table.size)
    row = _row_height(table.rows[0], widths, table.size)
    b.flow.used = b.flow.capacity - head - (FEW_ROWS - 1.5) * row  # room for a few rows only, little page left
    assert b.flow.capacity - b.flow.used < MAX_EMPTY_SHARE * b.flow.capacity
    pieces, new_page = table_pieces(b, "表1", table, widths, "资料来源：测试")
    assert new_page and pieces == [range(len(table.rows))]
    roomy = Briefing(view, _theme())
    roomy.flow.used = roomy.flow.capacity * 0.5  # half a page left: the table fills it and goes on
    pieces, new_page = table_pieces(roomy, "表1", table, widths, "资料来源：测试")
    assert not new_page and len(pieces) >= 1 and len(pieces[0]) >= FEW_ROWS
