"""Zip entries deflated once a process (render/ooxml/packing.py): the file is byte for byte the one zipfile writes,
whatever was deflated before, and whether an entry comes whole or in pieces."""
from __future__ import annotations

import io
import zipfile

from generator.render.ooxml import packing


def _entries() -> list[tuple[str, bytes]]:
    styles = b"<w:styles>" + b"".join(b'<w:style w:styleId="S%d"/>' % i for i in range(3000)) + b"</w:styles>"
    return [("[Content_Types].xml", b"<Types/>"), ("word/styles.xml", styles), ("word/document.xml", b"<w:body/>" * 99),
            ("word/again.xml", styles), ("empty.xml", b""), ("word/media/image1.png", bytes(range(256)) * 40)]


def _written(cls, entries, pieces: int = 1, level: int | None = None) -> bytes:
    buf = io.BytesIO()
    with cls(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, (2024, 1, 2, 3, 4, 6))  # dated: the two files are written apart
            if pieces == 1:  # as the libraries save a part
                z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
                continue
            info.compress_type, info._compresslevel = zipfile.ZIP_DEFLATED, level  # type: ignore[attr-defined]
            with z.open(info, "w") as w:
                step = max(1, len(data) // pieces)
                for i in range(0, len(data), step):
                    w.write(data[i:i + step])
    return buf.getvalue()


def test_a_package_zip_writes_the_bytes_zipfile_writes_the_first_time_and_after():
    entries = _entries()
    plain = _written(zipfile.ZipFile, entries)
    assert _written(packing.PackageZip, entries) == plain
    assert _written(packing.PackageZip, entries) == plain  # the deflated bytes now kept
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        assert all(z.getinfo(name).compress_type == zipfile.ZIP_DEFLATED and z.read(name) == data
                   for name, data in entries)


def test_entries_in_pieces_and_other_levels_are_the_bytes_zipfile_writes():
    entries = _entries()
    for pieces, level in ((3, None), (7, 9), (1, 1)):
        assert _written(packing.PackageZip, entries, pieces, level) == _written(zipfile.ZipFile, entries, pieces, level)


def test_what_is_kept_is_bounded(monkeypatch):
    monkeypatch.setattr(packing, "MOST_BYTES", 4096)
    monkeypatch.setattr(packing, "_DEFLATED", packing._Deflated())
    entries = [(f"part{i}.xml", bytes([i]) * 3000) for i in range(5)]
    assert _written(packing.PackageZip, entries) == _written(zipfile.ZipFile, entries)
    assert packing._DEFLATED.size <= 4096 and len(packing._DEFLATED.kept) == 1


def test_a_package_opened_from_bytes_is_read_once_and_the_same(tmp_path):
    from docx import Document
    from docx.opc.packuri import PackURI
    from docx.opc.phys_pkg import PhysPkgReader
    from pptx import Presentation
    from pptx.opc.packuri import PackURI as PptxURI
    from pptx.opc.serialized import PackageReader

    packing.pack_docx()
    packing.pack_pptx()
    buf = io.BytesIO()
    Document().save(buf)
    docx_bytes = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        want = {name: z.read(name) for name in z.namelist()}
    for _ in range(2):  # inflated the first time, kept the second
        reader = PhysPkgReader(io.BytesIO(docx_bytes))
        assert {name: reader.blob_for(PackURI("/" + name)) for name in want} == want
        assert reader.rels_xml_for(PackURI("/word/fontTable.xml")) is None  # a missing entry: KeyError, as before
        assert ("docx", docx_bytes) in packing._UNPACKED.kept
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes)
    assert PhysPkgReader(str(path))._kept_entries is None  # a file is read as it is now

    buf = io.BytesIO()
    Presentation().save(buf)
    pptx_bytes = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as z:
        want = {"/" + name: z.read(name) for name in z.namelist()}
    for _ in range(2):
        reader = PackageReader(io.BytesIO(pptx_bytes))
        assert {str(uri): reader[uri] for uri in map(PptxURI, want)} == want
        assert ("pptx", pptx_bytes) in packing._UNPACKED.kept
    assert len(Presentation(io.BytesIO(pptx_bytes)).slide_layouts) == 11
