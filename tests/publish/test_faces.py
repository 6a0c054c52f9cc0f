"""The PDFs' faces, language, alt text and bookmarks: an office's licensed faces are used when installed, the build
names the face of every role, and the PDFs are accessible (zh-CN, titled, tagged, described, bookmarked)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.publish.faces import FaceUse, embedded_faces, face_line, installed_faces
from tests.conftest import ROOT

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("fc-match") is None,
                                  reason="LibreOffice/fontconfig not installed (CI installs them)")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # Debian fonts-arphic-uming, which CI installs


def licensed_face(family: str, postscript: str, target: Path) -> None:
    """A stand-in for a licensed face: AR PL UMing's glyphs for the project's text, under the licensed family name,
    as 仿宋_GB2312.ttf carries it (a Chinese and an English family name)."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    font = TTCollection(str(UMING)).fonts[0]
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.yaml"))
    text += (ROOT / "generator" / "present" / "labels.py").read_text(encoding="utf-8")
    options = subset.Options()
    options.name_IDs = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    names = font["name"]
    names.names = []
    for lang in (0x409, 0x804):
        for number, value in ((1, family), (2, "Regular"), (4, family)):
            names.setName(value, number, 3, 1, lang)
    names.setName(postscript, 6, 3, 1, 0x409)
    font.save(str(target))


def test_a_role_is_a_stand_in_unless_the_face_drawn_carries_the_family_asked_for():
    assert FaceUse("body", "仿宋_GB2312", "AR PL UMing CN", ("AR PL UMing CN",), "UMingCN").stand_in
    licensed = FaceUse("body", "仿宋_GB2312", "FangSong_GB2312", ("FangSong_GB2312", "仿宋_GB2312"), "FangSong_GB2312")
    assert not licensed.stand_in


def test_the_faces_line_names_only_what_the_pdf_embeds(english):
    pdf = b"<</Type/Font/BaseFont/ABCDEF+UMingCN>> <</BaseFont /LiberationSerif>>"
    assert embedded_faces(pdf) == {"UMingCN", "LiberationSerif"}
    uses = [FaceUse("body", "仿宋_GB2312", "AR PL UMing CN", ("AR PL UMing CN",), "UMingCN"),
            FaceUse("heading 2", "楷体_GB2312", "AR PL UKai CN", ("AR PL UKai CN",), "UKaiCN"),
            FaceUse("figures and Latin", "Times New Roman", "Liberation Serif", ("Liberation Serif",), "LiberationSerif")]
    line = face_line("x.pdf", uses, pdf)
    assert line.startswith("faces of x.pdf: body 仿宋_GB2312 → AR PL UMing CN (stand-in)")
    assert "楷体" not in line and "install the licensed faces" in line
    assert "not known" in face_line("x.pdf", [FaceUse("body", "仿宋_GB2312", "", (), "")], pdf)


@pytest.mark.skipif(shutil.which("fc-list") is None or not UMING.is_file(), reason="fontconfig or UMing missing")
@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_a_face_put_beside_the_map_changes_what_the_pdfs_are_made_from(tmp_path):
    shutil.copytree(ROOT / "assets" / "fonts", tmp_path / "fonts")
    font_map = tmp_path / "fonts" / "fonts.conf"
    before = installed_faces(font_map, tmp_path / "faces")
    licensed_face("仿宋_GB2312", "FangSongGB2312Test", tmp_path / "fonts" / "fs.ttf")
    after = installed_faces(font_map, tmp_path / "faces")
    assert before != after and "仿宋_GB2312".encode() in after


@pytest.fixture(scope="module")
def licensed_build(tmp_path_factory):
    """The shipped project built with its PDFs, with a licensed 仿宋_GB2312 and 方正小标宋简体 put in assets/fonts."""
    from tests.conftest import main_in

    if shutil.which("soffice") is None or not UMING.is_file():
        pytest.skip("LibreOffice or AR PL UMing not installed (CI installs them)")
    folder = tmp_path_factory.mktemp("licensed")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    licensed_face("仿宋_GB2312", "FangSongGB2312Test", folder / "assets" / "fonts" / "fs.ttf")
    licensed_face("方正小标宋简体", "FZXiaoBiaoSongTest", folder / "assets" / "fonts" / "xbs.ttf")
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert main_in(folder, "build", "--only", "1") == 0
    return folder, out.getvalue()


def _pdf(folder: Path, ending: str) -> Path:
    return next((folder / "output").rglob(f"*{ending}"))


@needs_office
@pytest.mark.slow  # LibreOffice
def test_installed_licensed_faces_draw_their_roles_and_the_build_says_so(licensed_build):
    folder, said = licensed_build
    brief = _pdf(folder, "发布材料.pdf")
    line = next(x for x in said.splitlines() if x.startswith(f"{brief.name} 所用字体"))
    assert "正文 仿宋_GB2312 → 仿宋_GB2312，" in line and "标题 方正小标宋简体 → 方正小标宋简体，" in line
    assert "二级标题 楷体_GB2312 → AR PL UKai CN（替代）" in line  # not installed: the stand-in, said so
    fonts = subprocess.run(["pdffonts", str(brief)], capture_output=True, text=True, check=True).stdout
    assert "FangSongGB2312Test" in fonts and "FZXiaoBiaoSongTest" in fonts  # (UMing may draw a glyph the test
    # face was not given: LibreOffice falls back glyph by glyph)
    deck_line = next(x for x in said.splitlines() if "发布会.pdf 所用字体" in x)
    assert "微软雅黑 → Noto Sans CJK SC" in deck_line and "（替代）" in deck_line


@needs_office
@pytest.mark.slow  # LibreOffice
def test_both_pdfs_are_chinese_titled_tagged_bookmarked_and_their_figures_described(licensed_build):
    import pypdf

    from generator.publish.alt_text import briefing_descriptions, deck_descriptions
    from generator.publish.pdf_edit import _figures_pypdf, figures

    folder, _ = licensed_build
    for ending, source in (("发布材料.pdf", "发布材料.docx"), ("发布会.pdf", "发布会.pptx")):
        pdf = _pdf(folder, ending)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        title = re.search(r"^Title:\s+(.+)$", info, re.M).group(1)
        with zipfile.ZipFile(_pdf(folder, source)) as package:
            assert f"<dc:title>{title}</dc:title>" in package.read("docProps/core.xml").decode()
        reader = pypdf.PdfReader(str(pdf), strict=True)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "zh-CN" and root["/MarkInfo"]["/Marked"]
        assert len(reader.outline) >= 2  # bookmarks from the headings
        data = pdf.read_bytes()
        assert figures(data) == _figures_pypdf(data)  # the light reading of LibreOffice's PDF, as pypdf reads it
        alts = {number: reader.get_object(number).get("/Alt") for number, _ in figures(data)}
        document = _pdf(folder, source).read_bytes()
        if ending == "发布材料.pdf":
            expected = briefing_descriptions(document)
            assert len(expected) == len(alts) >= 3 and all(alts.values())
            assert [str(a) for a in alts.values()] == [re.sub(r"\s+", " ", e).strip() for e in expected]
        else:
            charts = sum(len(slide) for slide in deck_descriptions(document))
            described = [a for a in alts.values() if a]
            assert charts >= 3 and len(described) == charts


def test_faces_are_asked_once_while_the_map_and_the_installed_faces_stay_the_same(tmp_path, monkeypatch):
    from generator.publish import faces

    asked = []
    monkeypatch.setattr(faces, "_ANSWERED", {})
    monkeypatch.setattr(faces, "_ask", lambda roles, font_map, folder: asked.append(roles) or [
        FaceUse(role, family, "Drawn", ("Drawn",), "Drawn") for role, family in roles])
    font_map = tmp_path / "fonts.conf"
    font_map.write_text("<fontconfig/>", encoding="utf-8")
    roles = [("body", "仿宋_GB2312")]
    for _ in range(3):
        assert faces.chosen_faces(roles, font_map, tmp_path, b"face-list")[0].drawn == "Drawn"
    assert len(asked) == 1
    faces.chosen_faces(roles, font_map, tmp_path, b"another face installed")
    font_map.write_text("<fontconfig><!-- changed --></fontconfig>", encoding="utf-8")
    faces.chosen_faces(roles, font_map, tmp_path, b"another face installed")
    faces.chosen_faces(roles, font_map, tmp_path)  # without the installed faces: always asked
    assert len(asked) == 4


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig not installed")
def test_the_installed_faces_are_listed_under_the_kept_libreoffices_font_file_without_making_another(tmp_path,
                                                                                                   monkeypatch):
    from generator.publish import faces

    font_map = ROOT / "assets" / "fonts" / "fonts.conf"
    made = tmp_path / "made.conf"
    made.write_text(f'<?xml version="1.0"?><fontconfig><include>{font_map}</include></fontconfig>', encoding="utf-8")
    listed = installed_faces(font_map, tmp_path / "faces", made)
    monkeypatch.setattr(faces, "font_config", lambda *a: (_ for _ in ()).throw(AssertionError("made again")))
    assert installed_faces(font_map, tmp_path / "faces", made) == listed and listed
