"""No gap where Chinese meets Latin letters or digits in the PDFs.

LibreOffice sets a quarter-em between the scripts by default ("apply spacing between Asian and non-Asian text"),
which PowerPoint never does and Word does not in our documents: （ PM2.5 ）, 建设， 80%. The warm converter turns it
off in every paragraph before export (office_bridge.no_script_spacing)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.publish.office import Converter

from .test_office import FONT_MAP, needs_office, needs_uno

pytestmark = [pytest.mark.slow, needs_office]

LINES = ["空气质量持续改善，细颗粒物（PM2.5）平均浓度为55μg/m³，同比下降15.4%。",
         "扎实推进民生项目建设，80%以上的财力用于补齐民生短板。"]
QUOTED = "“十四五”以来，全市经济总量跃上新台阶。"


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _deck(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Cm, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Cm(1), Cm(1), Cm(23), Cm(6)).text_frame
    box.word_wrap = True
    for i, line in enumerate([*LINES, QUOTED]):
        paragraph = box.paragraphs[0] if i == 0 else box.add_paragraph()
        run = paragraph.add_run()
        run.text, run.font.size = line, Pt(16)
    table = slide.shapes.add_table(1, 1, Cm(1), Cm(10), Cm(23), Cm(2)).table
    table.cell(0, 0).text = "增长25.4%、25.7%和48.9%，居全省第2位"
    prs.save(path)
    return path


def _briefing(path: Path) -> Path:
    from docx import Document

    doc = Document()
    for line in [*LINES, QUOTED]:
        doc.add_paragraph(line)
    doc.save(path)
    return path


def _unspaced(text: str) -> None:
    flat = re.sub(r"\s*\n\s*", "", text)  # a line may wrap anywhere: only the spaces within a line count
    for expected in ("（PM2.5）", "为55μg/m³，", "下降15.4%。", "建设，80%以上"):
        assert expected in flat, (expected, text)


@needs_uno
def test_the_warm_converter_sets_no_gap_between_chinese_and_latin(tmp_path):
    deck, brief = _deck(tmp_path / "deck.pptx"), _briefing(tmp_path / "brief.docx")
    with Converter(FONT_MAP) as converter:
        deck_text, brief_text = _text(converter.convert(deck)), _text(converter.convert(brief))
        assert converter.said == []  # warm, not the cold way
    _unspaced(deck_text)
    assert "25.4%、25.7%和48.9%，" in deck_text  # a table cell's text too
    _unspaced(brief_text)

