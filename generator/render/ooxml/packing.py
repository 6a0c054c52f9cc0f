"""The packages' zip entries deflated once a process for each distinct content.

A Word document and a deck are zips whose parts a process writes again and again with the same bytes: every Word
document of a look carries the same 350 kB styles.xml, theme, settings, font table and numbering, every deck of a
look the same master, layouts and theme. Deflating them again was a tenth of the Word documents' rendering. The
zip is written by the libraries as before (zipfile, entry by entry); only the deflating of an entry's bytes is
looked up first: the same bytes, compressor and level give the same deflated bytes, which zlib gives whatever the
process did before, so the file is byte for byte the one zipfile writes (tests/render/ooxml/test_packing.py).

A patch of the libraries' zip writers (why: python-pptx and python-docx open a plain ZipFile to save; no upstream
issue, they have no reason to expect the same part twice). Nothing is kept across processes.
"""
from __future__ import annotations

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


class PackageZip(zipfile.ZipFile):
    """A ZipFile whose deflated entries go through the process's kept deflated bytes."""

    def _open_to_write(self, zinfo, force_zip64=False):  # zipfile's: an entry's writer, its header written
        writer = super()._open_to_write(zinfo, force_zip64)  # type: ignore[misc]
        if zinfo.compress_type == zipfile.ZIP_DEFLATED and getattr(writer, "_compressor", None) is not None:
            writer._compressor = _Remembered(zinfo.compress_type, zinfo._compresslevel)
        return writer


def pack_pptx() -> None:
    """python-pptx saves through a PackageZip (its writer's zip, made as it makes it)."""
    from pptx.opc import serialized
    from pptx.util import lazyproperty

    if getattr(serialized._ZipPkgWriter, "_packed_once", False):
        return

    def _zipf(self) -> zipfile.ZipFile:
        return PackageZip(self._pkg_file, "w", compression=zipfile.ZIP_DEFLATED, strict_timestamps=False)

    serialized._ZipPkgWriter._zipf = lazyproperty(_zipf)  # type: ignore[method-assign]
    serialized._ZipPkgWriter._packed_once = True  # type: ignore[attr-defined]


def pack_docx() -> None:
    """python-docx saves through a PackageZip (its writer's zip, made as it makes it)."""
    from docx.opc import phys_pkg

    if getattr(phys_pkg._ZipPkgWriter, "_packed_once", False):
        return

    def __init__(self, pkg_file) -> None:
        phys_pkg.PhysPkgWriter.__init__(self)
        self._zipf = PackageZip(pkg_file, "w", compression=zipfile.ZIP_DEFLATED)

    phys_pkg._ZipPkgWriter.__init__ = __init__  # type: ignore[method-assign]
    phys_pkg._ZipPkgWriter._packed_once = True  # type: ignore[attr-defined]
