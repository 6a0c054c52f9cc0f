"""A figure is never parted from its unit (#31, #33), checked where it shows: the text layer of the PDFs LibreOffice
makes of the shipped deck (both themes) and briefing. A split is a line that ends with a number, or with a number
and the first characters of its unit (425.9亿|元), or with an amount in Chinese numerals (一万|美元), while the line
under it (in the same text block, or the next line below it on the page that overlaps it across) starts with the
rest of that unit (or % ) of the content's metrics.

And no character is lost on the way: every paragraph of the briefing and of the press release, as the .docx holds
it, is in the text layer of its PDF (a closing mark hung past a full justified line was not drawn at all)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.present.labels import UNIT_WORDS
from generator.publish.pdf import to_pdf
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


CHINESE_AMOUNT = r"[零〇一二两三四五六七八九十百千]+[万亿]"  # 一万 (美元): a figure, as render/fit.figure_spans holds it


def parted(a: str, b: str, unit_words: list[str]) -> bool:
    """Whether line `a` ends inside a figure that line `b` goes on with: 151.8|万吨, 425.9亿|元, 一万|美元."""
    if CAPTION.match(a):
        return False
    if re.search(r"\d$", a) and any(b.startswith(u) for u in unit_words):
        return True
    for u in unit_words:  # the number and the first characters of its unit, the rest below
        for k in range(1, len(u)):
            if b.startswith(u[k:]) and re.search(rf"\d{re.escape(u[:k])}$", a):
                return True
    return bool(re.search(CHINESE_AMOUNT + "$", a)) and any(b.startswith(u) for u in unit_words)


def splits(pdf: Path, unit_words: list[str]) -> list[tuple[int, str, str]]:
    """(page, end of the line with the number, start of the line with its unit) for every figure parted."""
    found = set()
    for n, blocks in enumerate(pages(pdf), 1):
        lines = [line for block in blocks for line in block]
        for block in blocks:  # consecutive lines of one block (a text frame, a label that wrapped)
            for a, b in zip(block, block[1:]):
                if parted(a[0], b[0], unit_words):
                    found.add((n, a[0][-10:], b[0][:6]))
        for a, ax0, ay0, ax1, ay1 in lines:  # the line below, wherever the PDF put it (justified body text)
            for b, bx0, by0, bx1, _by1 in lines:
                if -1 <= by0 - ay1 < 0.8 * (ay1 - ay0) and bx0 < ax1 and bx1 > ax0 and parted(a, b, unit_words):
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
    release = next(out.rglob("*新闻通稿.docx"))
    release.with_suffix(".pdf").write_bytes(to_pdf([release], ROOT / "assets" / "fonts" / "fonts.conf")[release])
    return {"deck": next(out.rglob("*发布会.pdf")), "brief": next(out.rglob("*发布材料.pdf")),
            "release": release.with_suffix(".pdf")}


def test_the_detector_finds_a_parted_figure(tmp_path):
    """The check itself: a narrow text frame LibreOffice must wrap between 151.8 and 万吨 is reported."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

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


def test_no_figure_is_parted_from_its_unit_in_the_press_release(pdfs):
    """The release is read and printed as the briefing is (1164|户, 2024|年 had been parted: its figures were plain
    text); its plain-text copy for newsrooms is 新闻通稿.txt."""
    assert splits(pdfs["release"], units(ROOT / "content")) == []


def test_the_detector_finds_a_unit_parted_inside_and_a_chinese_amount():
    found = units(ROOT / "content")
    assert parted("2024年全市一般公共预算支出425.9亿", "元，较2020年增加25.7亿元", found)
    assert parted("按当年汇率折算达到10283美元，连续三年超过一万", "美元；“十四五”前四年", found)
    assert parted("粮食总产量达到151.8", "万吨，粮食单产", found)
    assert not parted("全市扛牢能源保供政治责任，2024年原煤产量完成1.16亿吨。", "安全生产治本攻坚", found)
    assert not parted("连续三年", "年均增长", found) and not parted("图 6", "元", found)


PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$", re.M)


def text_layer(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, without whitespace or the page numbers (— 5 —) between pages."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", PAGE_NUMBER.sub("", out))


def docx_texts(docx: Path) -> list[str]:
    """Every paragraph of the document's body and of its table cells, as a reader reads it: without whitespace and
    without the U+2060 that binds a figure to its unit."""
    from docx import Document

    doc = Document(str(docx))
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    texts = [re.sub(r"[\s\u2060]+", "", p.text) for p in [*doc.paragraphs, *cells]]
    return [t for t in texts if t]


def lost(docx: Path, pdf: Path) -> list[str]:
    """The paragraphs of the .docx that the PDF's text layer does not hold whole, each with the characters of it that
    the PDF has fewer of than the whole document needs (a 。 that was never drawn)."""
    from collections import Counter

    layer, texts = text_layer(pdf), docx_texts(docx)
    short = Counter("".join(texts)) - Counter(layer)
    return [f"{t} (missing: {''.join(sorted(set(t) & set(short)))})" for t in dict.fromkeys(texts) if t not in layer]


@pytest.mark.parametrize("kind", ["brief", "release"])
def test_every_paragraph_and_every_mark_of_the_docx_is_in_its_pdf(pdfs, kind):
    """Each paragraph's text, punctuation included, is in the PDF's text layer, and no character fewer times than in
    the .docx: LibreOffice hung a closing mark past a full justified line of our condensed text and never drew it
    (…完成1.16亿吨|安全生产…, 就业优先政策|扩大就业…). style.py tells it not to hang (w:overflowPunct)."""
    pdf = pdfs[kind]
    missing = lost(pdf.with_suffix(".docx"), pdf)
    assert len(docx_texts(pdf.with_suffix(".docx"))) > {"brief": 300, "release": 15}[kind]  # tables' cells too
    assert not missing, missing


def spread_lines(pdf: Path) -> list[tuple[int, float, str]]:
    """Lines of 3号 body text that justification letter-spaced (split by pdftotext into seven words or more, as
    粮 食 安 全 …), with their widest gap between characters in ems: what a figure that did not fit costs its line."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for n, page in enumerate(out.split("<page ")[1:], 1):
        rows: dict[int, list[tuple[float, float, str]]] = {}
        for x0, y0, x1, y1, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                                               page):
            if 19 < float(y1) - float(y0) < 23:  # 16 pt text: boxes 20.8 pt tall
                rows.setdefault(round(float(y0)), []).append((float(x0), float(x1), word))
        for words in rows.values():
            words.sort()
            if len(words) >= 7:
                gap = max(b[0] - a[1] for a, b in zip(words, words[1:])) / 16
                found.append((n, round(gap, 2), "".join(w for _, _, w in words)))
    return found


@pytest.mark.parametrize("kind", ["brief", "release"])
def test_no_line_is_spread_wider_than_three_quarters_of_an_em(pdfs, kind):
    """A figure is never parted from its unit nor a mark from what it closes, so a line before one that does not fit
    is justified wide; measured on the seed: at most 0.61 em between two characters (…新增|4.1万人※。), a few lines
    a document. Wider would be a run bound longer than a figure (a unit with a sentence)."""
    found = spread_lines(pdfs[kind])
    assert all(gap <= 0.75 for _, gap, _ in found), found
    assert len(found) <= 12, found
