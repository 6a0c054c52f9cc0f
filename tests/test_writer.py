"""The writer: atomic replacement, no temporary files left, fixed zip timestamps."""
from __future__ import annotations

import datetime
import io
import os
import zipfile

import pytest

from generator.writer import normalise_zip, write_bytes, zip_stamp


def test_write_is_atomic_and_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out" / "deck.pptx"
    write_bytes(target, b"good")

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_bytes(target, b"half-written")
    assert target.read_bytes() == b"good"
    assert [p.name for p in target.parent.iterdir()] == ["deck.pptx"]


def test_normalised_zip_has_fixed_times_and_same_bytes(tmp_path):
    def make(stamp):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(zipfile.ZipInfo("[Content_Types].xml", stamp), "<x/>")
            z.writestr(zipfile.ZipInfo("a.xml", stamp), "<a/>")
        return buf.getvalue()

    a = normalise_zip(make((2020, 1, 1, 0, 0, 0)), (2025, 10, 22, 9, 0, 0))
    b = normalise_zip(make((2024, 5, 5, 12, 30, 0)), (2025, 10, 22, 9, 0, 0))
    assert a == b
    names = zipfile.ZipFile(io.BytesIO(a)).namelist()
    assert names[0] == "[Content_Types].xml"
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(a)).infolist()} == {(2025, 10, 22, 9, 0, 0)}


def test_zip_stamp_from_date_or_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert zip_stamp(datetime.date(2025, 10, 22)) == (2025, 10, 22, 9, 0, 0)
    assert zip_stamp(None) == (1980, 1, 1, 0, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1761123600")  # 2025-10-22 09:00:00 UTC
    assert zip_stamp(None) == (2025, 10, 22, 9, 0, 0)


def test_a_chart_workbook_is_pinned_once_and_then_copied_as_it_is(monkeypatch):
    import time

    from pptx.chart.data import CategoryChartData

    from generator.writer import normalise_workbook

    def workbook() -> bytes:
        cd = CategoryChartData()
        cd.categories = ["2023", "2024"]
        cd.add_series("产值", (1.5, 2.5))
        return cd.xlsx_blob

    first = workbook()
    time.sleep(1.1)  # XlsxWriter's clock moves on: its bytes differ, the pinned ones must not
    again = workbook()
    assert normalise_workbook(first) == normalise_workbook(again)
    pinned = zipfile.ZipFile(io.BytesIO(normalise_workbook(first)))
    assert {i.date_time for i in pinned.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert b"2000-01-01T00:00:00Z" in pinned.read("docProps/core.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx", normalise_workbook(first))
    deck = zipfile.ZipFile(io.BytesIO(normalise_zip(buf.getvalue(), (2025, 10, 22, 9, 0, 0))))
    assert deck.read("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx") == normalise_workbook(first)


def test_a_deck_and_a_briefing_are_restamped_in_place_to_the_bytes_a_full_rewrite_gives():
    """python-pptx and python-docx deflate as zipfile does: patching the stamps gives the rewrite's very bytes."""
    from docx import Document
    from pptx import Presentation

    from generator.writer import _restamped, _rewritten

    stamp = (2025, 10, 22, 9, 0, 0)
    for doc in (Presentation(), Document()):
        buf = io.BytesIO()
        doc.save(buf)
        raw = buf.getvalue()
        patched = _restamped(raw, stamp)
        assert patched is not None and patched == _rewritten(raw, stamp) == normalise_zip(raw, stamp)
        z = zipfile.ZipFile(io.BytesIO(patched))
        assert z.testzip() is None
        assert {(i.date_time, i.create_system, i.external_attr) for i in z.infolist()} == {(stamp, 0, 0o600 << 16)}


@pytest.mark.parametrize("how", ["stored", "comment", "descriptor", "extra", "not a zip"])
def test_a_zip_that_cannot_be_patched_in_place_is_rewritten(how):
    from generator.writer import _restamped, _rewritten

    buf: io.BytesIO | _Unseekable = _Unseekable() if how == "descriptor" else io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if how == "stored" else zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("[Content_Types].xml", (2020, 1, 1, 0, 0, 0))
        info.compress_type = z.compression
        if how == "extra":
            info.extra = b"\xca\xfe\x00\x00"
        z.writestr(info, "<x/>" * 50)
        if how == "comment":
            z.comment = b"made elsewhere"
    raw = b"PK\x05\x06 nothing here" if how == "not a zip" else buf.getvalue()
    assert _restamped(raw, (2025, 10, 22, 9, 0, 0)) is None
    if how != "not a zip":
        again = zipfile.ZipFile(io.BytesIO(normalise_zip(raw, (2025, 10, 22, 9, 0, 0))))
        assert again.read("[Content_Types].xml") == b"<x/>" * 50
        assert normalise_zip(raw, (2025, 10, 22, 9, 0, 0)) == _rewritten(raw, (2025, 10, 22, 9, 0, 0))


class _Unseekable(io.BytesIO):
    """A stream zipfile cannot seek back in: it writes a data descriptor after each entry."""

    def seekable(self) -> bool:
        return False

    def seek(self, *args):
        raise OSError("unseekable")

    def tell(self) -> int:
        return len(self.getvalue())


def test_a_workbook_dated_by_xlsxwriter_is_pinned_in_place_to_the_same_bytes():
    """render/ooxml/charts.py asks XlsxWriter for 2000-01-01: normalise_workbook then patches the entries' headers
    only, and gets the bytes the full rewrite gets (which stays for any other workbook)."""
    import re

    from generator.present.charts import ChartData, SeriesData
    from generator.render.ooxml.charts import category_chart_data
    from generator.writer import ZIP_EPOCH, _entry, normalise_workbook

    data = ChartData(id="c", kind="column", title="t", unit="%", categories=("甲", "乙"),
                     series=(SeriesData(name="2024年", values=(1.5, 2.0), unit="%"),), source="")
    xlsx = category_chart_data(data).xlsx_blob
    src, out = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                assert b"2000-01-01T00:00:00Z" in body
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            dst.writestr(_entry(item.filename, ZIP_EPOCH), body)
    assert normalise_workbook(xlsx) == out.getvalue()


def test_a_folder_where_an_output_goes_is_named_as_that_output(tmp_path):
    """The rename's error named the temporary file (.01-…-发布会.pptx.5a322nwa.tmp: Is a directory); it names the
    output, and no temporary file is left."""
    import pytest

    from generator.writer import write_bytes

    target = tmp_path / "01-测试-发布会.pptx"
    target.mkdir()
    with pytest.raises(OSError) as raised:
        write_bytes(target, b"x")
    assert raised.value.filename == str(target)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
