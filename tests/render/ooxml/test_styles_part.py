"""The Word documents' styles part, parsed only when read (render/ooxml/styles_part.py), gives the very bytes the
eager part of python-docx gives; a part that is read is parsed and written as before."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.parts.styles import StylesPart

import generator.render.ooxml.styles_part as styles_part
from generator.content.loader import load_project
from generator.present.view import present
from generator.render.briefing.document import briefing_bytes
from generator.render.context import RenderContext
from generator.render.release.document import release_bytes, script_bytes
from generator.theme import load_theme
from generator.writer import normalise_zip
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def seed():
    project = load_project(ROOT / "content", ROOT)
    return present(project.series, project.conferences[0].model), load_theme(ROOT, project.series.theme)


@pytest.mark.parametrize("render", [briefing_bytes, release_bytes, script_bytes])
def test_documents_are_the_bytes_the_eager_styles_part_writes(monkeypatch, seed, render):
    view, theme = seed
    lazy = normalise_zip(render(view, RenderContext(theme)))
    monkeypatch.setattr(styles_part, "install", lambda: None)
    monkeypatch.setitem(PartFactory.part_type_for, CT.WML_STYLES, StylesPart)
    assert normalise_zip(render(view, RenderContext(theme))) == lazy


def _saved(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _styles_xml(blob: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return z.read("word/styles.xml")


def test_a_part_nothing_reads_is_never_parsed_and_one_read_is_written_from_its_tree(monkeypatch):
    monkeypatch.setitem(PartFactory.part_type_for, CT.WML_STYLES, StylesPart)
    styles_part.install()  # as speed_up_docx does; undone after the test
    blank = _saved(Document())
    doc = Document(io.BytesIO(blank))
    part = doc.part._styles_part
    assert isinstance(part, styles_part.StylesPartParsedWhenRead)
    assert styles_part.style_id(doc, "Heading 1") == "Heading1"
    styles_part.add_table(doc, 2, 3)
    assert part._tree is None  # neither the lookup nor the table parsed it
    assert _styles_xml(_saved(doc)) == _styles_xml(blank)
    doc.styles["Normal"].font.bold = True  # read, and changed
    assert part._tree is not None and part.blob == serialize_part_xml(part._tree) != _styles_xml(blank)
    assert styles_part.style_id(doc, "Heading 1") == doc.styles["Heading 1"].style_id


def test_bytes_that_the_tree_would_not_write_back_are_not_written_as_read():
    read = _styles_xml(_saved(Document()))
    spaced = read.replace(b"><w:docDefaults>", b">\n  <w:docDefaults>", 1)  # blank text the parser drops
    assert spaced != read
    part = styles_part.StylesPartParsedWhenRead.load(PackURI("/word/styles.xml"), CT.WML_STYLES, spaced, None)
    assert part.blob == read  # the tree written out, as python-docx's own part writes it
