"""A figure is never parted from its unit (#31, #33), checked where it shows: the text layer of the PDFs LibreOffice
makes of the shipped deck (both themes) and briefing. A split is a line that ends with a number while the line
under it (in the same text block, or the next line below it on the page that overlaps it across) starts with a
unit or % of the content's metrics."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.present.labels import UNIT_WORDS
from tests.conftest import ROOT, main_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice and poppler"),
]
XHTML = "{http://www.w3.org/1999/xhtml}"
CAPTION = re.compile(r"^(续表|表|图)\s*\d+$")


def units(project_content: Path) -> list[str]:
    """Every unit the content's metrics use, with the words line breaking keeps with a figure; longest first."""
    found = set(UNIT_WORDS) | {"%", "年", "个百分点"}
    for path in project_content.rglob("*.yaml"):
        found.update(u for u in re.findall(r"^\s*unit:\s*\"?([^\"\n#]+?)\"?\s*(?:#.*)?$",
                                           path.read_text(encoding="utf-8"), re.M) if u)
    return sorted(found, key=len, reverse=True)


def pages(pdf: Path):
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    for page in root.iter(XHTML + "page"):
        blocks = []
        for block in page.iter(XHTML + "block"):
            blocks.append([("".join(w.text or "" for w in line.iter(XHTML + "word")),
                            *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                           for line in block.iter(XHTML + "line")])
        yield blocks


def splits(pdf: Path, unit_words: list[str]) -> list[tuple[int, str, str]]:
    """(page, end of the line with the number, start of the line with its unit) for every figure parted."""
    def starts_unit(text: str) -> bool:
        return any(text.startswith(u) for u in unit_words)

    found = set()
    for n, blocks in enumerate(pages(pdf), 1):
        lines = [line for block in blocks for line in block]
        for block in blocks:  # consecutive lines of one block (a text frame, a label that wrapped)
            for a, b in zip(block, block[1:]):
                if re.search(r"\d$", a[0]) and not CAPTION.match(a[0]) and starts_unit(b[0]):
                    found.add((n, a[0][-10:], b[0][:6]))
        for a, ax0, ay0, ax1, ay1 in lines:  # the line below, wherever the PDF put it (justified body text)
            if not re.search(r"\d$", a) or CAPTION.match(a):
                continue
            for b, bx0, by0, bx1, _by1 in lines:
                if -1 <= by0 - ay1 < 0.8 * (ay1 - ay0) and bx0 < ax1 and bx1 > ax0 and starts_unit(b):
                    found.add((n, a[-10:], b[:6]))
    return sorted(found)


@pytest.fixture(scope="module", params=["theme.yaml", "theme-红头.yaml"])
def pdfs(request, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("units")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("theme: assets/theme.yaml",
                                                                  f"theme: assets/{request.param}"), encoding="utf-8")
    assert main_in(folder, "build", "--final", "--jobs", "1") == 0
    out = folder / "output"
    return {"deck": next(out.rglob("*发布会.pdf")), "brief": next(out.rglob("*发布材料.pdf"))}


def test_the_detector_finds_a_parted_figure(tmp_path):
    """The check itself: a narrow text frame LibreOffice must wrap between 151.8 and 万吨 is reported."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from generator.publish.pdf import to_pdf

    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(Inches(0.5), Inches(0.5), Inches(3.2), Inches(6))
    box.text_frame.word_wrap = True
    for k in range(12):
        p = box.text_frame.add_paragraph()
        p.text = "各地区生产总值的增长"[:k] + "较上年151.8万吨，继续保持增长态势良好"
        p.runs[0].font.size = Pt(16)
    path = tmp_path / "probe.pptx"
    prs.save(path)
    pdf = tmp_path / "probe.pdf"
    pdf.write_bytes(to_pdf([path], ROOT / "assets" / "fonts" / "fonts.conf")[path])
    assert splits(pdf, units(ROOT / "content"))


def test_no_figure_is_parted_from_its_unit_in_the_deck(pdfs):
    assert splits(pdfs["deck"], units(ROOT / "content")) == []


def test_no_chart_label_parts_a_figure_from_its_percent_in_the_briefing(pdfs):
    """Pie labels (25.4%) and axis ticks are set on one line (a:bodyPr wrap=none)."""
    found = splits(pdfs["brief"], units(ROOT / "content"))
    assert not [s for s in found if re.fullmatch(r"[\d.]+", s[1])], found


def test_no_figure_is_parted_from_its_unit_in_the_briefing_text(pdfs):
    """Body text is laid out by the word processor: each figure is a run of its own, its number and unit joined by
    U+2060 and tagged en-US for its East Asian text too (LibreOffice's Chinese breaking ignores the joiner, its
    Latin one honours it; Word and WPS honour it anyway)."""
    assert splits(pdfs["brief"], units(ROOT / "content")) == []
