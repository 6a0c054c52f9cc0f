"""The one module that writes files: atomic (temp file + rename) and deterministic (fixed zip timestamps)."""
from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

# 1980-01-01 is the earliest time a zip entry can hold; used when no date is known.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_bytes(path: Path, data: bytes) -> Path:
    """Write data to path atomically: a temporary file in the same folder, fsync, then rename over the target.

    A failure at any point leaves the previous file untouched and no temporary file behind.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # a read-only folder, a path that is a file: name the file we meant to write
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not exc.filename:  # a full disk says so without a name
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return path


def _entry(name: str, stamp: tuple) -> zipfile.ZipInfo:
    """A zip entry with fixed time and attributes, deflated: what makes equal content equal bytes."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    return info


def normalise_zip(data: bytes, stamp: tuple = ZIP_EPOCH) -> bytes:
    """Rewrite an OOXML zip with sorted-as-given entries, one fixed timestamp and fixed attributes.

    python-pptx and python-docx stamp entries with the current time; this makes equal content equal bytes.
    [Content_Types].xml stays first, as Office expects.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            # a chart's embedded workbook is copied as it is: it was pinned when it was made (normalise_workbook)
            dst.writestr(_entry(item.filename, stamp), src.read(item.filename))
    return out.getvalue()


def normalise_workbook(xlsx: bytes) -> bytes:
    """A chart's embedded workbook as fixed bytes: XlsxWriter writes the time of the build into docProps/core.xml
    and stamps its entries with it; both are pinned (2000-01-01 and the zip epoch). Done once, when the chart is
    made, so that normalise_zip copies the workbook without opening it."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            dst.writestr(_entry(item.filename, ZIP_EPOCH), data)
    return out.getvalue()


def zip_stamp(date) -> tuple:
    """Zip entry time: SOURCE_DATE_EPOCH when set (reproducible-builds convention), else the conference date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        import time

        t = time.gmtime(min(max(int(epoch), 315532800), 4102444798))  # 1980 … 2099: what a zip entry and OOXML hold
        return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)
    if date is None:
        return ZIP_EPOCH
    return (max(date.year, 1980), date.month, date.day, 9, 0, 0)
