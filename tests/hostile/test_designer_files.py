"""Hostile designer's files (the deck template and the briefing's reference document): each is refused by `check`
with the file and what is wrong (exit 1, nothing written), or builds files that pass openxml-audit and carry only
the parts we mean to write. The files are made at test time from the shipped template, never committed."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import at, cli, edit, refused
from tests.test_ooxml import audit

TEMPLATE = "assets/templates/红头-4比3.pptx"
SERIES = "content/series.yaml"


def rezip(src: Path, dst: Path, change=None, add: dict | None = None) -> None:
    """A copy of the package `src` at `dst`, each entry's bytes through change(name, data), with entries added."""
    change = change or (lambda name, data: data)
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst.with_suffix(".tmp"), "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, change(item.filename, old.read(item.filename)))
        for name, data in (add or {}).items():
            if callable(data):
                with new.open(name, "w") as fh:
                    data(fh)
            else:
                new.writestr(name, data)
    dst.with_suffix(".tmp").replace(dst)


def with_template(project: Path) -> Path:
    """The project on the 红头 theme, whose deck is built on the designer's template; the template's path."""
    edit(project / SERIES, "theme: assets/theme.yaml", "theme: assets/theme-红头.yaml")
    return project / TEMPLATE


def zeros(size: int):
    def write(fh) -> None:
        chunk = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            fh.write(chunk)

    return write


def sub(pattern: str, new: str, part: str):
    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        text, n = re.subn(pattern, new, data.decode("utf-8"), count=1)
        assert n == 1, (pattern, part)
        return text.encode("utf-8")

    return change


LINK = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="file:///etc/passwd" TargetMode="External"/></Relationships>')
MACRO = '<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
CASES = {  # name -> (change, added entries, what the refusal says)
    "a slide one centimetre across": (sub(r'<p:sldSz cx="\d+" cy="\d+"', '<p:sldSz cx="100" cy="100"',
                                          "ppt/presentation.xml"), None, "slide size 0.0 × 0.0 cm"),
    "a zip bomb": (None, {"ppt/media/bomb.bin": zeros(40 << 20)}, "zip bomb"),
    "an external r:link": (sub("</Relationships>", LINK, "ppt/slideLayouts/_rels/slideLayout6.xml.rels"), None,
                           "links to 'file:///etc/passwd' outside the file"),
    "a macro content type": (sub("</Types>", MACRO, "[Content_Types].xml"), None, "vnd.ms-office.vbaProject"),
    "a macro part": (None, {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, "carries ppt/vbaProject.bin"),
    "1-EMU placeholders": (sub(r'<a:ext cx="[1-9]\d*" cy="\d+"/>', '<a:ext cx="1" cy="1"/>',
                               "ppt/slideLayouts/slideLayout6.xml"), None, "too small to hold a line"),
    "a damaged part": (sub(r"</Types>", "</Typ", "[Content_Types].xml"), None, "damaged XML"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_template_is_refused_by_check_in_one_line(name, project):
    change, added, says = CASES[name]
    template = with_template(project)
    rezip(template, template, change, added)
    outcome = cli(project, "build")
    first = refused(outcome, says)
    assert len(outcome.lines) == 1, outcome.err
    assert at(first, "assets/theme-红头.yaml", 43) and f"deck_template '{TEMPLATE}'" in first, first  # as a logo's
    assert not (project / "output").exists()


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_a_layout_without_a_title_placeholder_still_gives_every_slide_its_title(project):
    """仅标题 (the key figures', charts' and agenda's layout) loses its title placeholder: the deck draws a title box
    of its own, so each slide still says what the same deck on the intact template says in its title."""
    from pptx import Presentation

    def slides() -> list:
        [deck] = (project / "output").rglob("*.pptx")
        assert "Errors: 0" in audit(deck)
        return list(Presentation(str(deck)).slides)

    template = with_template(project)
    assert cli(project, "deck").code == 0
    titles = [(s.slide_layout.name, s.shapes.title.text_frame.text if s.shapes.title is not None else "")
              for s in slides()]
    rezip(template, template, sub(r'<p:sp><p:nvSpPr><p:cNvPr id="\d+" name="Title 1"/>.*?</p:sp>', "",
                                  "ppt/slideLayouts/slideLayout6.xml"))
    assert cli(project, "check").code == 0
    assert cli(project, "deck").code == 0
    after = slides()
    assert len(after) == len(titles)
    untitled = [i for i, (layout, _) in enumerate(titles) if layout == "仅标题"]
    assert untitled
    for i in untitled:
        shown = "".join(sh.text_frame.text for sh in after[i].shapes if sh.has_text_frame)
        assert titles[i][1].replace("\v", "") in shown.replace("\v", ""), i


# The parts our decks and briefings are made of: anything else in a designer's file stays out of ours.
OURS = re.compile(r"(presentationml\.(presentation\.main|slide|slideLayout|slideMaster|notesMaster|notesSlide|"
                  r"presProps|viewProps|tableStyles)|wordprocessingml\.(document\.main|styles|settings|webSettings|"
                  r"fontTable|numbering|header|footer|footnotes|endnotes)|drawingml\.(chart|chartshapes)|"
                  r"officedocument\.theme|package\.core-properties|officedocument\.extended-properties|"
                  r"officedocument\.custom-properties|spreadsheetml\.sheet|^image/|xml$|relationships)")


def content_types(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
    return set(re.findall(r'ContentType="([^"]+)"', types))


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_our_deck_on_a_designer_template_carries_only_our_parts(project):
    template = with_template(project)
    rezip(template, template, add={"customXml/item1.xml": b"<x/>"})
    assert cli(project, "deck").code == 0
    [deck] = (project / "output").rglob("*.pptx")
    with zipfile.ZipFile(deck) as z:
        names = z.namelist()
    assert not [n for n in names if "printerSettings" in n or "thumbnail" in n or "customXml" in n], names
    assert all(OURS.search(t) for t in content_types(deck)), content_types(deck)


def reference_docx(path: Path, styles: bytes | None = None) -> None:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    path.write_bytes(buffer.getvalue())
    if styles is not None:
        rezip(path, path, lambda name, data: styles if name == "word/styles.xml" else data)


def _narrow_page(path: Path) -> None:
    from docx import Document
    from docx.shared import Mm

    reference_docx(path)
    doc = Document(str(path))
    doc.sections[0].left_margin = doc.sections[0].right_margin = Mm(90)
    doc.save(str(path))


REFERENCES = {  # name -> (how the reference document is made, what the refusal says)
    "an empty styles part": (lambda path: reference_docx(path, styles=b""), "styles or sections are damaged"),
    "a file that is no docx": (lambda path: path.write_bytes(b"not a zip"), "not a Word .docx file"),
    "a page its margins leave no room on": (_narrow_page, "for text"),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_a_refused_reference_document_is_said_at_the_theme_line_that_names_it(name, project):
    """The refusal named the field alone (error: brief_reference: …): it now names the theme file and the line of its
    brief_reference:, as a logo's or a font's does."""
    make, says = REFERENCES[name]
    make(project / "assets" / "reference.docx")
    edit(project / "assets" / "theme.yaml", "logo: null", "logo: null\nbrief_reference: assets/reference.docx")
    outcome = cli(project, "build")
    first = refused(outcome, "brief_reference 'assets/reference.docx'", says)
    assert at(first, "assets/theme.yaml", 42), first
    assert len(outcome.lines) == 1 and not (project / "output").exists(), outcome.err


@pytest.mark.slow  # a briefing and its audit
def test_our_briefing_on_a_reference_document_carries_only_our_parts(project):
    """python-docx's own template, as a reference document, carries custom XML and a thumbnail of a blank page."""
    reference = project / "assets" / "reference.docx"
    reference_docx(reference)
    with zipfile.ZipFile(reference) as z:
        assert {"customXml/item1.xml", "docProps/thumbnail.jpeg"} <= set(z.namelist())
    edit(project / "assets" / "theme.yaml", "logo: null", "logo: null\nbrief_reference: assets/reference.docx")
    assert cli(project, "brief").code == 0
    [brief] = (project / "output").rglob("*.docx")
    with zipfile.ZipFile(brief) as z:
        names = z.namelist()
    assert not [n for n in names if "customXml" in n or "thumbnail" in n], names
    assert all(OURS.search(t) for t in content_types(brief)), content_types(brief)
    assert "Errors: 0" in audit(brief)


@pytest.mark.slow  # a deck
def test_our_own_deck_carries_no_part_of_python_pptx_s_template(project):
    """Without a designer's template too: python-pptx's default template brought a thumbnail of a blank slide (what a
    file browser showed for every deck) and printer settings."""
    assert cli(project, "deck").code == 0
    [deck] = (project / "output").rglob("*.pptx")
    with zipfile.ZipFile(deck) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n or "printerSettings" in n], z.namelist()
    assert all(OURS.search(t) for t in content_types(deck)), content_types(deck)
