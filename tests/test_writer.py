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
