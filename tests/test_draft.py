"""Draft and final: gaps mark every slide and page as 草稿 and are highlighted; --final refuses a draft.

The draft behaviour is shown on examples/draft (conference (一) with its 8 gaps as they are); the shipped content
withholds those items on purpose and builds final (tests/test_withheld.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from pptx.oxml.ns import qn

from generator.content.checks import EDITORIAL_MARKS
from tests.conftest import DRAFT, ROOT

CONF = "content/conferences/01-转型发展.yaml"
MISSING_IN_SEED = ("焦化先进产能占比", "农业综合机械化率", "地区生产总值: growth rate", "一般公共预算收入", "肉类总产量年均增长",
                   "社会保险参保情况")

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def fill_the_gaps(folder: Path) -> None:
    """The editor's last pass, with stand-in figures (test data only): every gap filled, every figure confirmed."""
    path = folder / CONF
    text = path.read_text(encoding="utf-8")
    text = text.replace("value: null", "value: 1").replace("rate: null", "rate: 5").replace("status: 待核对", "status: 已核对")
    path.write_text(text, encoding="utf-8")


def slide_words(prs) -> tuple[list[str], list[str]]:
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    return texts, notes


def test_the_draft_example_is_marked_on_every_slide_and_page(draft_project, run):
    code, _, err = run(draft_project, "build", "--no-pdf", "--jobs", "1")
    assert code == 0, err
    out = draft_project / "output" / "01-转型发展"
    prs = Presentation(str(out / "01-转型发展-发布会.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        marks = [sh for sh in slide.shapes if sh.name == "草稿标记"]
        assert len(marks) == 1 and marks[0].text_frame.text == "草稿", number
        assert slide.shapes[-1].name == "草稿标记", f"slide {number}: the mark is drawn last, over everything"
    # each gap is a run of its own, highlighted
    gap_runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
                for r in p.runs if "待补充" in r.text]
    assert gap_runs and all(r.text == "待补充" and r._r.find(qn("a:rPr")).find(qn("a:highlight")) is not None
                            for r in gap_runs)
    doc = Document(str(out / "01-转型发展-发布材料.docx"))
    headers = [doc.sections[0].header, doc.sections[0].even_page_header]
    assert all("草稿" in h.paragraphs[0].text for h in headers)
    gaps = [r for p in doc.paragraphs for r in p.runs if "待补充" in r.text]
    gaps += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
             if "待补充" in r.text]
    assert gaps and all(r.text == "待补充" and r.font.highlight_color is not None for r in gaps)


def test_final_refuses_the_draft_example_naming_every_gap_and_writes_nothing(draft_project, run):
    code, out, err = run(draft_project, "build", "--no-pdf", "--final")
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[-1] == "8 error(s); nothing was written."
    for words in MISSING_IN_SEED:
        assert any(words in line for line in lines), words
    for line in lines[:-1]:
        where = r"part \d “.*” › theme “.*”( › metric \w+)?( › [\w ]+)+"
        assert re.match(rf"^error: {re.escape(CONF)}:\d+:\d+: {where}: not final: ", line), line
    assert not (draft_project / "output").exists()
    assert "Traceback" not in err + out


@pytest.mark.parametrize("command", ["deck", "brief"])
def test_final_refuses_for_each_document_command(draft_project, run, command):
    assert run(draft_project, command, "--final")[0] == 1
    assert not (draft_project / "output").exists()


def test_complete_content_builds_final_with_no_mark_and_no_editorial_words(draft_project, run):
    fill_the_gaps(draft_project)
    code, _, err = run(draft_project, "build", "--no-pdf", "--final", "--jobs", "1")
    assert code == 0, err
    out = draft_project / "output" / "01-转型发展"
    prs = Presentation(str(out / "01-转型发展-发布会.pptx"))
    assert not [sh for s in prs.slides for sh in s.shapes if sh.name == "草稿标记"]
    texts, notes = slide_words(prs)
    for words in texts + notes:
        assert not [m for m in EDITORIAL_MARKS if m in words], words
    assert not [r for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
                for r in p.runs if r._r.find(qn("a:rPr")) is not None and r._r.find(qn("a:rPr")).find(qn("a:highlight")) is not None]
    doc = Document(str(out / "01-转型发展-发布材料.docx"))
    assert "草稿" not in "".join(p.text for p in doc.sections[0].header.paragraphs)
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not [m for m in EDITORIAL_MARKS if m in body]


def test_an_editorial_remark_in_audience_text_is_a_gap_with_its_position(draft_project, run):
    fill_the_gaps(draft_project)
    path = draft_project / CONF
    text = path.read_text(encoding="utf-8")
    text = text.replace("          - 产业结构更加优化，", "          - （此处数字待核实）产业结构更加优化，", 1)
    text = text.replace("categories: [蔬菜, 园林水果, 肉类]", "categories: [蔬菜, 园林水果, 肉类TODO]", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("          - （此处数字待核实）产业结构更加优化，三次产业的占比为{{ industry_structure }}。") + 1
    code, out, _ = run(draft_project, "check")
    assert code == 0  # a warning: the build is a draft, not an error
    lines = [line for line in out.splitlines() if "editorial remark" in line]
    assert len(lines) == 2
    assert re.match(rf"^warning: {re.escape(CONF)}:{line}:\d+: part 1 “.*” › theme “.*” › highlight 1: "
                    rf"editorial remark “待核实”", lines[0])
    assert "› categories › item 3:" in lines[1] and "“TODO”" in lines[1]
    code, _, err = run(draft_project, "deck", "--final")
    assert code == 1 and "not final: editorial remark" in err


def test_a_chart_category_without_figures_is_left_out_and_named_in_the_note():
    from generator.content.loader import load_project
    from generator.present.view import present

    project = load_project(DRAFT, ROOT)
    view = present(project.series, project.conferences[0].model)
    farm = next(c for t in view.themes for c in t.charts if c.id == "farm_growth_chart")
    assert farm.categories == ("蔬菜", "园林水果") and "肉类数值待补充，暂未绘出" in farm.note
    assert not any("（待补充）" in c for t in view.themes for ch in t.charts for c in ch.categories)


def test_readme_documents_draft_and_final():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--final" in readme and "草稿" in readme
