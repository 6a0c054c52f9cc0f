"""The one module that writes files: atomic (temp file + rename) and deterministic (fixed zip timestamps)."""
from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import tempfile
import zipfile
from pathlib import Path

# 1980-01-01 is the earliest time a zip entry can hold; used when no date is known.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_bytes(path: Path, data: bytes, durable: bool = True) -> Path:
    """Write data to path atomically: a temporary file in the same folder, fsync, then rename over the target.

    A failure at any point leaves the previous file untouched and no temporary file behind. `durable=False` skips
    the fsync (half a millisecond a file): for a cache's entries, which carry their own checksum (build/store.py).
    """
    return commit(stage(path, data, durable), path)


def stage(path: Path, data: bytes, durable: bool = True) -> Path:
    """The first half of write_bytes: the data in a temporary file beside `path`, on disk, not yet in its place.
    A build stages each document as its worker hands it over and puts them all in place at the end (commit), so a
    failure still leaves every earlier output as it was (discard)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # a read-only folder, a path that is a file: name the file we meant to write
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        discard(Path(tmp))
        _named(exc, path)
        raise
    return Path(tmp)


def commit(staged: Path, path: Path) -> Path:
    """The staged file in its place (a rename: all of it or none)."""
    try:
        os.replace(staged, path)
    except BaseException as exc:
        discard(staged)
        if isinstance(exc, OSError):  # the rename names our temporary file first: name the output (a folder there?)
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return Path(path)


def discard(staged: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staged)


def _named(exc: BaseException, path: Path) -> None:
    """A system error that names no file (a full disk says so without a name) raised again naming the one meant."""
    if isinstance(exc, OSError) and not exc.filename:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _entry(name: str, stamp: tuple) -> zipfile.ZipInfo:
    """A zip entry with fixed time and attributes, deflated: what makes equal content equal bytes."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    return info


def normalise_zip(data: bytes, stamp: tuple = ZIP_EPOCH) -> bytes:
    """An OOXML zip with its entries as given, one fixed timestamp and fixed attributes.

    python-pptx and python-docx stamp entries with the current time; this makes equal content equal bytes.
    [Content_Types].xml stays first, as Office expects.
    """
    return _restamped(data, stamp) or _rewritten(data, stamp)


def _rewritten(data: bytes, stamp: tuple) -> bytes:
    """Every entry read and written again, deflated, through _entry."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            # a chart's embedded workbook is copied as it is: it was pinned when it was made (normalise_workbook)
            dst.writestr(_entry(item.filename, stamp), src.read(item.filename))
    return out.getvalue()


_LOCAL, _CENTRAL, _END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"


def _restamped(data: bytes, stamp: tuple) -> bytes | None:
    """The same zip with only the fields _rewritten sets patched in place (time, date, attributes, made-on system),
    or None when it is not a plain one-disk deflated zip without extras and comments.

    python-pptx and python-docx deflate through zipfile at its default level, so their entries' compressed bytes are
    those _rewritten would write: patching gives the same file without inflating and deflating a deck again (a
    sixth of its rendering time)."""
    end = len(data) - 22
    if end < 0 or data[end:end + 4] != _END:  # a zip comment, or not a zip
        return None
    count, size, start = struct.unpack_from("<HII", data, end + 10)
    if start + size != end:
        return None
    date, time_ = ((stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2],
                   stamp[3] << 11 | stamp[4] << 5 | stamp[5] // 2)
    out = bytearray(data)
    at = start
    for _ in range(count):
        if data[at:at + 4] != _CENTRAL:
            return None
        flags, method = struct.unpack_from("<HH", data, at + 8)
        n, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        local = struct.unpack_from("<I", data, at + 42)[0]
        if (flags & ~0x800) or method != zipfile.ZIP_DEFLATED or extra or comment or data[local:local + 4] != _LOCAL \
                or struct.unpack_from("<H", data, local + 28)[0]:  # data descriptors, zip64, extras: rewrite
            return None
        out[at + 5] = 0  # made on: MS-DOS, as _entry says
        struct.pack_into("<HH", out, at + 12, time_, date)
        struct.pack_into("<I", out, at + 38, 0o600 << 16)
        struct.pack_into("<HH", out, local + 10, time_, date)
        at += 46 + n
    return bytes(out) if at == end else None


def normalise_workbook(xlsx: bytes) -> bytes:
    """A chart's embedded workbook as fixed bytes: XlsxWriter writes the time of the build into docProps/core.xml
    and stamps its entries with it; both are pinned (2000-01-01 and the zip epoch). Done once, when the chart is
    made, so that normalise_zip copies the workbook without opening it. A workbook XlsxWriter already dated
    2000-01-01 (render/ooxml/charts.py asks it to) has only its entries' headers pinned, in place."""
    core = _core_xml(xlsx)
    if core and _pinned_dates(core) == core:  # every date already the pinned one: only the headers to patch
        patched = _restamped(xlsx, ZIP_EPOCH)
        if patched is not None:
            return patched
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _pinned_dates(data)
            dst.writestr(_entry(item.filename, ZIP_EPOCH), data)
    return out.getvalue()


def _pinned_dates(core: bytes) -> bytes:
    """docProps/core.xml with its created and modified dates 2000-01-01."""
    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", core)


def _core_xml(xlsx: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(xlsx)) as package:
            return package.read("docProps/core.xml")
    except (zipfile.BadZipFile, KeyError):
        return b""


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
