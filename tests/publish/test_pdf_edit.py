"""The PDF's catalog declares the document's language, and the in-place edits keep the cross-reference table true."""
from __future__ import annotations

import io
import re

import pypdf
import pytest
from pypdf.generic import NameObject, TextStringObject

from generator.present.labels import LANGUAGE
from generator.publish.pdf import normalise_pdf
from generator.publish.pdf_edit import declare_language, document_language


def _pdf(lang: str | None) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_blank_page(200, 200)
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    buf = io.BytesIO()
    writer.write(buf)
    data = buf.getvalue()
    assert b"\nxref" in data  # a classic table, as LibreOffice writes
    return data


def _xref_true(data: bytes) -> None:
    """Every in-use entry of the table points at its object, and startxref at the table."""
    table = re.search(rb"\nxref\r?\n(\d+) (\d+)\r?\n(.*?)trailer", data, re.S)
    assert table is not None
    first = int(table.group(1))
    for n, (entry, kind) in enumerate(re.findall(rb"(\d{10}) \d{5} ([nf])", table.group(3))):
        if kind == b"f":
            continue
        offset = int(entry)
        assert re.match(rb"\s*" + str(first + n).encode() + rb" 0 obj", data[offset:offset + 20]), (n, offset)
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    assert data[start:start + 4] == b"xref"


@pytest.mark.parametrize("before", [None, "en-US", "en", "de-DE-1996"])
def test_the_catalog_declares_the_language_whatever_it_said_before(before):
    data = declare_language(_pdf(before), "zh-CN")
    assert document_language(data) == "zh-CN"
    _xref_true(data)
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert len(reader.pages) == 2


def test_declaring_the_same_language_twice_changes_nothing():
    once = declare_language(_pdf("en-US"), "zh-CN")
    assert declare_language(once, "zh-CN") == once


def test_the_normalised_copy_declares_the_documents_language():
    data = normalise_pdf(_pdf("en-US"), (2025, 10, 22, 9, 0, 0))
    assert document_language(data) == LANGUAGE == "zh-CN"
    _xref_true(data)


def test_a_pdf_without_a_catalog_is_left_alone_and_a_bad_tag_refused():
    assert declare_language(b"%PDF-1.4\nnothing here", "zh-CN") == b"%PDF-1.4\nnothing here"
    with pytest.raises(ValueError):
        declare_language(_pdf(None), "zh-CN) /JS (x")
