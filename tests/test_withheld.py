"""Withheld on purpose: an editor keeps a figure, a part of one or a highlight from the audience, with a reason.

Such an item is never shown (deck, notes, briefing, charts, page), never a gap (no 草稿, --final accepts it) and never
silent (check lists it with its line, the build report and the page count it). The shipped conference withholds
the 8 gaps of the seed this way and builds final."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from tests.conftest import FIXTURES

DRAFT_WORDS = ("草稿", "待补充", "待核对", "待定")
STEM = "02-测试"

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def package_texts(data: bytes):
    """(part name, text) of every XML part of an OOXML zip, embedded workbooks included: slides, notes, charts …"""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            raw = z.read(name)
            if name.endswith((".xml", ".rels")):
                yield name, raw.decode("utf-8")
            elif name.endswith(".xlsx"):
                for inner, text in package_texts(raw):
                    yield f"{name}!{inner}", text


def deck_words(path: Path) -> str:
    """Every text python-pptx reads back: shapes, tables, notes, chart titles and categories."""
    prs = Presentation(str(path))
    out = []
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_text_frame:
                out.append(sh.text_frame.text)
            if sh.has_table:
                out += [c.text for row in sh.table.rows for c in row.cells]
            if sh.has_chart:
                chart = sh.chart
                if chart.has_title:
                    out.append(chart.chart_title.text_frame.text)
                out += [str(c) for c in chart.plots[0].categories]
                out += [f"{v:g}" for plot in chart.plots for s in plot.series for v in s.values if v is not None]
        out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def brief_words(path: Path) -> str:
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    out += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for s in doc.sections:
        out += [p.text for h in (s.header, s.even_page_header, s.first_page_header, s.footer) for p in h.paragraphs]
    return "\n".join(out)


# ---------------------------------------------------------------- the shipped conference is final-ready


@pytest.fixture(scope="module")
def final_build(tmp_path_factory):
    import shutil

    from tests.conftest import ROOT, main_in

    folder = tmp_path_factory.mktemp("final")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    assert main_in(folder, "build", "--final", "--no-pdf", "--jobs", "1") == 0
    return folder / "output"


def test_the_shipped_conference_builds_final_with_no_draft_word_anywhere(final_build):
    out = final_build / "01-转型发展"
    deck, brief = out / "01-转型发展-发布会.pptx", out / "01-转型发展-发布材料.docx"
    for words in (deck_words(deck), brief_words(brief)):
        assert not [w for w in DRAFT_WORDS if w in words]
    for path in (deck, brief):  # and in no part at all: chart parts, their workbooks, alt texts, shape names
        for name, text in package_texts(path.read_bytes()):
            assert not [w for w in DRAFT_WORDS if w in text], (path.name, name)
    prs = Presentation(str(deck))
    assert not [sh for s in prs.slides for sh in s.shapes if sh.name == "草稿标记"]
    page = (final_build / "index.html").read_text(encoding="utf-8")
    assert "暂不发布" not in page  # how many were withheld is the editors' business, not the journalists'


def test_the_shipped_conference_shows_no_withheld_figure(final_build):
    out = final_build / "01-转型发展"
    deck = deck_words(out / "01-转型发展-发布会.pptx").replace("\n", "")
    brief = brief_words(out / "01-转型发展-发布材料.docx").replace("\n", "")
    for words in (deck, brief):
        assert "131项" not in words and "社会保险" not in words and "焦化" not in words and "肉类" not in words
        assert "企业数" not in words and "71户" not in words
        assert "农业综合机械化率居全省首位" in words  # its rank is published; only its (unknown) rate is withheld
    assert "年均增长1.6%" in deck  # its growth is published; only its (unknown) value is withheld


# ---------------------------------------------------------------- a small project that withholds


WITHHOLDING = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
    "          - 地区生产总值{{ gdp }}。\n",
    "          - 地区生产总值{{ gdp }}。\n"
    "          - text: 绝密要点，数字{{ secret }}。\n"
    "            publish: false\n"
    "            note: 尚未经统计部门核实\n",
).replace(
    "        metrics:\n",
    "        metrics:\n"
    "          - id: secret\n"
    "            label: 保密指标\n"
    "            value: 777.7\n"
    "            unit: 亿元\n"
    "            key: true\n"
    "            publish: false\n"
    "            note: 尚未经统计部门核实\n"
    "          - id: gone\n"
    "            label: 截断指标\n"
    "            value: null\n"
    "            unit: 万人\n"
    "            publish: false\n"
    "            note: 原文此处截断\n"
    "          - id: partly\n"
    "            label: 工业增加值\n"
    "            value: 972.2\n"
    "            unit: 亿元\n"
    "            key: true\n"
    "            growth: {rate: 9.9, kind: 年均, basis: 可比价, start: 2021, end: 2024}\n"
    "            withhold: [growth]\n"
    "            note: 增速口径待统计部门确认\n",
    1,
)


def test_withheld_items_are_shown_nowhere_and_do_not_make_a_draft(make_project, run):
    folder = make_project(WITHHOLDING)
    code, out, err = run(folder, "build", "--no-pdf", "--final", "--jobs", "1")
    assert code == 0, err
    assert "4 item(s) withheld on purpose" in out and "待补充" not in out
    deck = folder / "output" / STEM / f"{STEM}-发布会.pptx"
    brief = folder / "output" / STEM / f"{STEM}-发布材料.docx"
    words = deck_words(deck) + brief_words(brief)
    assert "972.2" in words  # the metric whose growth is withheld is shown, without its growth
    for secret in ("777.7", "保密指标", "截断指标", "9.9", "绝密要点"):
        assert secret not in words, secret
        for path in (deck, brief):
            for name, text in package_texts(path.read_bytes()):
                assert secret not in text, (secret, path.name, name)
    assert not [w for w in DRAFT_WORDS if w in words]
    page = (folder / "output" / "index.html").read_text(encoding="utf-8")
    assert "暂不发布" not in page and "777.7" not in page


def test_check_lists_each_withheld_item_with_its_line_and_strict_still_passes(make_project, run):
    folder = make_project(WITHHOLDING)
    code, out, err = run(folder, "check", "--strict")
    assert code == 0, err
    lines = WITHHOLDING.splitlines()
    listed = [line for line in out.splitlines() if line.startswith("withheld: ")]
    assert len(listed) == 4  # in the order of the file: the highlight, then the three metrics
    for line, field, why in zip(listed, ("publish", "publish", "publish", "withhold"),
                                ("尚未经统计部门核实", "尚未经统计部门核实", "原文此处截断", "增速口径待统计部门确认")):
        m = re.match(r"^withheld: content/conference\.yaml:(\d+):\d+: .* › (\w+): .*\((.*)\)$", line)
        assert m and m.group(2) == field and m.group(3) == why, line
        assert lines[int(m.group(1)) - 1].strip().startswith(field + ":"), line
    assert "highlight 2 › publish:" in listed[0]
    assert out.splitlines()[-1].endswith("0 error(s), 0 warning(s), 4 item(s) withheld")


@pytest.mark.parametrize("edit, where, what", [
    ("          全市地区生产总值{{ gdp }}，{{ gdp.compare }}。\n",
     "          全市地区生产总值{{ gdp }}，{{ gdp.compare }}。\n          另有{{ secret }}。\n", "narrative"),
    ("          - 地区生产总值{{ gdp }}。\n", "          - 地区生产总值{{ gdp }}，年均增长{{ partly.growth }}。\n", "highlight 1"),
])
def test_a_text_that_names_a_withheld_figure_is_refused_with_its_line(make_project, run, edit, where, what):
    text = WITHHOLDING.replace(edit, where, 1)
    folder = make_project(text)
    code, _, err = run(folder, "check")
    assert code == 1
    [line] = [x for x in err.splitlines() if "withheld on purpose" in x]
    number = next(i for i, x in enumerate(text.splitlines(), 1) if ("secret }}。" in x and "另有" in x) or "partly.growth" in x)
    assert line.startswith(f"error: content/conference.yaml:{number}:"), line
    assert what in line and "drop the reference, or withhold this text too" in line
    assert run(folder, "build", "--no-pdf")[0] == 1
    assert not (folder / "output").exists()


def test_a_chart_or_structure_that_shows_a_withheld_figure_is_refused(make_project, run):
    text = WITHHOLDING.replace("values: [gdp.base, gdp_2022, gdp]", "values: [secret, gdp_2022, gdp]").replace(
        "parts: [share_1, share_2]", "parts: [share_1, gone]")
    code, _, err = run(make_project(text), "check")
    assert code == 1
    assert "values › item 1: secret is withheld on purpose (metric 'secret' has publish: false)" in err
    assert "item 2: gone is withheld on purpose" in err


@pytest.mark.parametrize("old, new, message", [
    ("            withhold: [growth]\n            note: 增速口径待统计部门确认\n", "            withhold: [growth]\n",
     "a withheld figure needs a note saying why"),
    ("            publish: false\n            note: 尚未经统计部门核实\n          - id: gone",
     "            publish: false\n          - id: gone", "a withheld figure needs a note saying why"),
    ("            publish: false\n            note: 尚未经统计部门核实\n          - id: gone", "          - id: gone", None),
    ("            publish: false\n            note: 尚未经统计部门核实\n        metrics", "            publish: false\n        metrics",
     "a withheld highlight needs a note saying why"),
    ("            withhold: [growth]\n", "            withhold: [rank]\n", "withhold names rank, but the metric states no rank"),
])
def test_withholding_needs_a_reason_and_a_part_that_exists(make_project, run, old, new, message):
    assert WITHHOLDING.count(old) == 1, old
    code, out, err = run(make_project(WITHHOLDING.replace(old, new)), "check")
    if message is None:  # the metric published again: a plain figure, no finding about it
        assert code == 0 and "保密指标" not in out, err
    else:
        assert code == 1 and message in err, err
