"""The packages' zip entries deflated once a process for each distinct content, and read once a process from each
distinct package opened from bytes.

A Word document and a deck are zips whose parts a process writes again and again with the same bytes: every Word
document of a look carries the same 350 kB styles.xml, theme, settings, font table and numbering, every deck of a
look the same master, layouts and theme. Deflating them again was a tenth of the Word documents' rendering. The
zip is written by the libraries as before (zipfile, entry by entry); only the deflating of an entry's bytes is
looked up first: the same bytes, compressor and level give the same deflated bytes, which zlib gives whatever the
process did before, so the file is byte for byte the one zipfile writes (tests/render/ooxml/test_packing.py).

Reading is the same the other way: every document opens a copy of its empty document (blanks.py) from the same
bytes, and inflated its 800 kB of entries again (half of opening a Word document). A package opened from bytes in
memory has its entries inflated once a process; one opened from a file is read as before (the file may change).

A patch of the libraries' zip writers and readers (why: python-pptx and python-docx open a plain ZipFile to save and
to open; no upstream issue, they have no reason to expect the same part twice). Nothing is kept across processes.
"""
from __future__ import annotations

import io
import zipfile

MOST_BYTES = 48 << 20  # kept a process, entries and their deflated bytes: a series' worker writes some 20 MB
LEAST = 512  # smaller entries are deflated again (quicker than looking them up)


class _Deflated:
    """Entries' deflated bytes by what made them (compress type, level and the pieces of bytes given in turn)."""

    def __init__(self):
        self.kept: dict[tuple, bytes] = {}
        self.size = 0

    def get(self, key: tuple, make) -> bytes:
        found = self.kept.get(key)
        if found is None:
            found = make()
            size = sum(map(len, key[2])) + len(found)
            if self.size + size > MOST_BYTES:
                self.kept.clear()
                self.size = 0
            self.kept[key] = found
            self.size += size
        return found


_DEFLATED = _Deflated()


class _Remembered:
    """Stands in for zipfile's compressor of one entry: takes the pieces as given, and at flush gives the whole of
    what zipfile's own compressor would have given for them in turn (looked up, or made by one)."""

    def __init__(self, compress_type: int, level: int | None):
        self.compress_type, self.level = compress_type, level
        self.pieces: list[bytes] = []

    def compress(self, data) -> bytes:
        self.pieces.append(bytes(data))
        return b""

    def flush(self) -> bytes:
        pieces = tuple(self.pieces)
        if sum(map(len, pieces)) < LEAST:
            return self._made(pieces)
        return _DEFLATED.get((self.compress_type, self.level, pieces), lambda: self._made(pieces))

    def _made(self, pieces: tuple[bytes, ...]) -> bytes:
        compressor = zipfile._get_compressor(self.compress_type, self.level)  # type: ignore[attr-defined]
        return b"".join(compressor.compress(p) for p in pieces) + compressor.flush()


class _Unpacked:
    """Entries read from packages opened from bytes: by what read them and the package's bytes, then by name."""

    MOST = 8  # packages: a process opens copies of one or two empty documents a look

    def __init__(self):
        self.kept: dict[tuple[str, bytes], dict] = {}

    def entries(self, reader: str, pkg_file) -> dict | None:
        """The entries kept for a package given as bytes in memory (filled by the caller); None for a file."""
        if not isinstance(pkg_file, io.BytesIO):
            return None
        key = (reader, pkg_file.getvalue())
        found = self.kept.get(key)
        if found is None:
            if len(self.kept) >= self.MOST:
                self.kept.clear()
            found = self.kept[key] = {}
        return found


_UNPACKED = _Unpacked()


class PackageZip(zipfile.ZipFile):
    """A ZipFile whose deflated entries go through the process's kept deflated bytes."""

    def _open_to_write(self, zinfo, force_zip64=False):  # zipfile's: an entry's writer, its header written
        writer = super()._open_to_write(zinfo, force_zip64)  # type: ignore[misc]
        if zinfo.compress_type == zipfile.ZIP_DEFLATED and getattr(writer, "_compressor", None) is not None:
            writer._compressor = _Remembered(zinfo.compress_type, zinfo._compresslevel)
        return writer


def pack_pptx() -> None:
    """python-pptx saves through a PackageZip (its writer's zip, made as it makes it), and reads a package given as
    bytes once a process."""
    from pptx.opc import serialized
    from pptx.util import lazyproperty

    if getattr(serialized._ZipPkgWriter, "_packed_once", False):
        return
    read_all = serialized._ZipPkgReader.__dict__["_blobs"]._fget  # its reading: every entry, by part name

    def _blobs(self) -> dict:
        kept = _UNPACKED.entries("pptx", self._pkg_file)
        if kept is None:
            return read_all(self)
        if not kept:
            kept.update(read_all(self))
        return dict(kept)

    serialized._ZipPkgReader._blobs = lazyproperty(_blobs)  # type: ignore[method-assign]

    def _zipf(self) -> zipfile.ZipFile:
        return PackageZip(self._pkg_file, "w", compression=zipfile.ZIP_DEFLATED, strict_timestamps=False)

    serialized._ZipPkgWriter._zipf = lazyproperty(_zipf)  # type: ignore[method-assign]
    serialized._ZipPkgWriter._packed_once = True  # type: ignore[attr-defined]


def pack_docx() -> None:
    """python-docx saves through a PackageZip (its writer's zip, made as it makes it), and reads a package given as
    bytes once a process."""
    from docx.opc import phys_pkg

    if getattr(phys_pkg._ZipPkgWriter, "_packed_once", False):
        return
    reader = phys_pkg._ZipPkgReader
    open_zip, read = reader.__init__, reader.blob_for

    def open_package(self, pkg_file) -> None:
        open_zip(self, pkg_file)
        self._kept_entries = _UNPACKED.entries("docx", pkg_file)

    def blob_for(self, pack_uri) -> bytes:
        kept = getattr(self, "_kept_entries", None)
        if kept is None:
            return read(self, pack_uri)
        name = pack_uri.membername
        if name not in kept:
            kept[name] = read(self, pack_uri)  # a missing entry raises as before, and is not kept
        return kept[name]

    reader.__init__ = open_package  # type: ignore[method-assign]
    reader.blob_for = blob_for  # type: ignore[method-assign]

    def __init__(self, pkg_file) -> None:
        phys_pkg.PhysPkgWriter.__init__(self)
        self._zipf = PackageZip(pkg_file, "w", compression=zipfile.ZIP_DEFLATED)

    phys_pkg._ZipPkgWriter.__init__ = __init__  # type: ignore[method-assign]
    phys_pkg._ZipPkgWriter._packed_once = True  # type: ignore[attr-defined]
