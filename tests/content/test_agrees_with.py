"""A figure the source states and arithmetic confirms (agrees_with) is checked like a derived one but never marked ※:
the mark says "computed, not stated", and such a figure is stated."""
from __future__ import annotations

import re

import docx
from pptx import Presentation

from generator.content.checks import check_project, errors
from generator.content.loader import load_project

CONF = "content/conferences/01-转型发展.yaml"


def _findings(project, old: str, new: str):
    path = project / CONF
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return check_project(load_project(project / "content", project))


def test_a_stated_figure_that_disagrees_with_its_formula_is_an_error_at_its_value(shipped_project):
    found = errors(_findings(shipped_project, "value: 754.6\n", "value: 760.1\n"))
    assert len(found) == 1 and "investment_avg" in found[0].path and "760.1" in found[0].message
    assert found[0].path.endswith(("数值", "value"))


def test_a_formula_that_cannot_be_evaluated_is_named_at_agrees_with(shipped_project):
    found = errors(_findings(shipped_project, "agrees_with: investment_total / 4", "agrees_with: investment_totl / 4"))
    assert len(found) == 1 and found[0].path.endswith("agrees_with")  # the field, named as written


def _texts(shipped_outputs) -> tuple[str, str]:
    deck_path, brief_path = shipped_outputs
    deck = "\n".join(shape.text_frame.text for slide in Presentation(str(deck_path)).slides for shape in slide.shapes
                     if shape.has_text_frame)
    document = docx.Document(str(brief_path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    brief = "\n".join([p.text for p in document.paragraphs] + cells).replace("\u2060", "")
    return deck, brief


def test_stated_figures_checked_by_arithmetic_carry_no_mark_and_derived_ones_do(shipped_project, run):
    code, _, _ = run(shipped_project, "build", "--no-pdf")
    assert code == 0
    folder = shipped_project / "output" / "01-转型发展"
    deck, brief = _texts((folder / "01-转型发展-发布会.pptx", folder / "01-转型发展-发布材料.docx"))
    for text in (deck, brief):
        assert "754.6" in text and not re.search(r"754\.6(亿元)?※", text)
    assert not re.search(r"4\.1(万人)?※", brief)
    assert "※" in brief  # the computed figures (a derived rate, a completion share) keep theirs
