"""The PDF copies draw each official face with a free face of its own style, in Simplified Chinese forms."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image, ImageChops, ImageDraw, ImageFont

from generator.publish.pdf import to_pdf
from tests.conftest import ROOT
from tests.publish.test_publish import built, needs_office  # noqa: F401 - the module's LibreOffice build

FONT_MAP = ROOT / "assets" / "fonts" / "fonts.conf"
pytestmark = [needs_office, pytest.mark.slow]


def pdffonts(pdf) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_the_briefing_pdf_has_a_face_per_role_and_the_deck_sans_only(built):  # noqa: F811
    out = built / "output" / "01-转型发展"
    brief = pdffonts(out / "01-转型发展-发布材料.pdf")
    assert "UMingCN" in brief  # 仿宋_GB2312 body
    assert "UKaiCN" in brief  # 楷体_GB2312 headings and captions
    assert "NotoSerifCJK" in brief and "Bold" in brief  # 方正小标宋简体 title, in the serif's bold
    assert "NotoSansCJK" in brief  # 黑体 headings
    assert "LiberationSerif" in brief and "DejaVu" not in brief  # Times New Roman, with its metrics
    deck = pdffonts(out / "01-转型发展-发布会.pdf")
    assert "NotoSansCJK" in deck and "LiberationSans" in deck  # 微软雅黑 and Arial
    assert "Serif" not in deck and "UKai" not in deck and "DejaVu" not in deck


def test_no_pdf_lists_a_japanese_korean_or_traditional_face_nor_dejavu(built):  # noqa: F811
    import re

    for pdf in (built / "output").rglob("*.pdf"):
        names = [line.split()[0] for line in pdffonts(pdf).splitlines()[2:]]
        assert names, pdf.name
        wrong = [n for n in names if re.search(r"CJK(jp|kr|tc|hk)|JP|KR|TC|HK|DejaVu", n.split("+")[-1])]
        assert not wrong, (pdf.name, wrong)
        assert any("NotoSansCJKsc" in n for n in names)


def test_the_sc_copies_carry_sc_names_and_a_failed_cache_falls_back(tmp_path):
    from generator.publish.fonts import FACES, print_faces

    folder = print_faces(tmp_path / "fonts")
    if folder is None:
        pytest.skip("Noto CJK not installed (CI installs fonts-noto-cjk)")
    made = sorted(folder.glob("*.otf"))
    assert len(made) == len(FACES)
    for face in made:
        scan = subprocess.run(["fc-scan", "--format", "%{family[0]}|%{postscriptname}", str(face)], capture_output=True,
                              text=True, check=True).stdout
        family, postscript = scan.split("|")
        assert family.endswith(" Print") and "CJKsc" in postscript, scan
        assert b"CJKjp" not in face.read_bytes()
    again = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.otf")}
    print_faces(folder)  # made once: a second run reuses them
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.otf")} == again
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert print_faces(blocked / "fonts") is None  # the map then falls back to the collection's faces


def _ink(image: Image.Image) -> Image.Image:
    """The glyph's black box, scaled to a fixed size, as black and white."""
    grey = image.convert("L")
    box = ImageChops.invert(grey).getbbox()
    return grey.crop(box).resize((64, 64)).point(lambda v: 0 if v < 128 else 255)


def _reference(face_file: str, family: str, char: str) -> Image.Image:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(face_file, lazy=True)
    names = [f["name"].getDebugName(1) for f in collection.fonts]
    collection.close()
    font = ImageFont.truetype(face_file, 200, index=names.index(family))
    image = Image.new("L", (300, 300), 255)
    ImageDraw.Draw(image).text((20, 20), char, font=font, fill=0)
    return _ink(image)


def _difference(a: Image.Image, b: Image.Image) -> int:
    histogram = ImageChops.difference(a, b).histogram()
    return sum(histogram[1:])  # pixels that differ


@pytest.mark.parametrize("face, file, style", [
    ("黑体", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Sans"),
    ("宋体", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "Serif"),
])
def test_glyphs_take_their_simplified_chinese_forms(tmp_path, face, file, style):
    """门 has different forms in Japanese and Simplified Chinese: the PDF must draw the Chinese one."""
    if not Path(file).exists():
        pytest.skip("Noto CJK not installed (CI installs fonts-noto-cjk)")
    doc = Document()
    run = doc.add_paragraph().add_run("门")
    run.font.size = Pt(120)
    rpr = run._r.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), face)
    docx = tmp_path / "glyph.docx"
    doc.save(str(docx))
    pdf = tmp_path / "glyph.pdf"
    pdf.write_bytes(to_pdf([docx], FONT_MAP)[docx])
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    drawn = _ink(Image.open(next(tmp_path.glob("page*.png"))))
    sc = _difference(drawn, _reference(file, f"Noto {style} CJK SC", "门"))
    jp = _difference(drawn, _reference(file, f"Noto {style} CJK JP", "门"))
    assert sc < jp, (face, sc, jp)
