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


def _tagged(objects: dict[int, bytes], root: int, trailer_extra: bytes = b"") -> bytes:
    """A PDF of the given objects (number -> its value) with a classic cross-reference table, as LibreOffice writes
    them: out of order, each where the table says."""
    out = bytearray(b"%PDF-1.6\n")
    offsets = {}
    for number in sorted(objects, key=lambda n: (n % 3, n)):  # not in number order
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n\n"
    size = max(objects) + 1
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<</Size %d/Root %d 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, table)
    return bytes(out)


def _structured() -> bytes:
    """Three pages under two page-tree nodes; a structure tree with a figure inside a figure, a figure reached by a
    bare reference, a title with nested parentheses and a comment, and a marked-content dictionary among the kids."""
    page = b"<</Type/Page/Parent %d 0 R/MediaBox[0 0 200 200]>>"
    return _tagged({
        1: b"<</Type/Catalog/Pages 2 0 R/StructTreeRoot 10 0 R/Lang(en-US)>>",
        2: b"<</Type/Pages/Kids[3 0 R 6 0 R]/Count 3>>",
        3: b"<</Type/Pages/Parent 2 0 R/Kids[4 0 R 5 0 R]/Count 2>>",
        4: page % 3, 5: page % 3, 6: page % 2,
        10: b"<</Type/StructTreeRoot/K[11 0 R]/RoleMap<</Chart/Figure>>>>",
        11: b"<</Type/StructElem/S/Document/P 10 0 R/K[12 0 R 13 0 R 15 0 R 16 0 R]>>",
        12: b"<</Type/StructElem/S/P/P 11 0 R/Pg 4 0 R/T(a (nested) title \\) % not a comment)/K[0 ]>>",
        13: b"<</Type/StructElem/S/Figure/P 11 0 R/Pg 6 0 R/K[14 0 R <</Type/MCR/Pg 6 0 R/MCID 1>>]>>",
        14: b"<</Type/StructElem/S/Figure/P 13 0 R/Pg 6 0 R/K[2 ]>>",
        15: b"<</Type/StructElem % a comment\n/S/Figure/P 11 0 R/Pg 5 0 R/Alt<FEFF0041>/K 3>>",
        16: b"<</Type/StructElem/S/Sect/P 11 0 R/K 17 0 R>>",
        17: b"<</Type/StructElem/S/Figure/P 16 0 R/Pg 4 0 R/K[4 ]>>",
    }, 1)


def test_figures_are_read_without_a_full_parse_as_pypdf_reads_them():
    from generator.publish.pdf_edit import _figures_pypdf, figures

    data = _structured()
    # outermost figures only, in reading order, each with its page's index; one that has its text already is listed
    assert figures(data) == [(13, 2), (15, 1), (17, 0)]
    assert _figures_pypdf(data)[:2] == [(13, 2), (15, 1)]  # pypdf does not follow a bare /K reference (17)


def test_a_file_the_light_reading_refuses_is_read_by_pypdf():
    from generator.publish.pdf_edit import figures

    data = _structured()
    table = data.rindex(b"startxref\n") + len(b"startxref\n")
    moved = data[:table] + b"9" + data[table:]  # startxref points nowhere: pypdf finds the objects by scanning
    assert figures(moved)[:2] == [(13, 2), (15, 1)]
    updated = _tagged({1: b"<</Type/Catalog/Pages 2 0 R>>", 2: b"<</Type/Pages/Kids[]/Count 0>>"}, 1, b"/Prev 9")
    assert figures(updated) == []  # an incremental update (/Prev) is pypdf's to read


def test_alt_texts_are_written_in_one_pass_and_the_table_stays_true():
    from generator.publish.pdf_edit import describe_figures, figures, splice

    data = _structured()
    described = describe_figures(data, {13: "图一（2024年）", 15: "已有", 17: "图二"})
    _xref_true(described)
    reader = pypdf.PdfReader(io.BytesIO(described), strict=True)
    assert reader.get_object(13)["/Alt"] == "图一（2024年）" and reader.get_object(17)["/Alt"] == "图二"
    assert reader.get_object(15)["/Alt"] == "A"  # a figure that had its text keeps it
    assert figures(described) == figures(data)
    one_by_one = data  # the same bytes as splicing each text in on its own, later objects first
    for number, text in ((17, "图二"), (13, "图一（2024年）")):
        at = one_by_one.index(b"<<", one_by_one.index(b"\n%d 0 obj" % number)) + 2
        alt = b"/Alt<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"
        one_by_one = splice(one_by_one, at, at, alt)
    assert described == one_by_one


def test_many_splices_at_once_are_the_splices_one_after_another():
    from generator.publish.pdf_edit import splice, splice_many

    data = _structured()
    edits = [(data.index(b"/Lang(en-US)"), data.index(b"/Lang(en-US)") + 12, b"/Lang(zh)"),
             (data.index(b"/T(a"), data.index(b"/T(a"), b"/ActualText(x)"), (len(data) - 60, len(data) - 60, b"")]
    expected = data
    for start, end, new in sorted(edits, reverse=True):
        expected = splice(expected, start, end, new)
    assert splice_many(data, edits) == expected
    _xref_true(expected)
    with pytest.raises(ValueError):
        splice_many(data, [(10, 20, b""), (15, 25, b"")])


def test_an_object_is_found_by_its_number_as_the_pattern_would_find_it():
    from generator.publish.pdf_edit import find_object

    data = b"12 0 obj\n<</A 1>>\nendobj\n112 0 obj\n<</B 2>>\nendobj\nx 12 0 obj <</C>>\n12 0 obj\n7\nendobj\n"
    for number, rest in ((12, rb"\s*<<([^<>]*)>>"), (b"12", rb"\s*(\d+)\s*endobj"), (112, rb"\s*<<([^<>]*)>>"),
                         (2, rb"\s*<<"), (12, rb"\s*<</C")):
        slow = re.search(rb"(?:^|\n)" + (number if isinstance(number, bytes) else str(number).encode()) + rb" 0 obj"
                         + rest, data)
        fast = find_object(data, number, rest)
        # the same place, groups and end (the match itself is of `rest`, from just after the object's number)
        assert (fast and (fast.end(), fast.regs[1:])) == (slow and (slow.end(), slow.regs[1:]))
