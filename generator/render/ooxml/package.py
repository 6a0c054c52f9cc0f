"""A designer's .pptx or .docx, vetted before python-pptx or python-docx unpacks it, and what we keep of it.

A template comes from outside the project, so it is read as untrusted: its zip is measured from the central directory
(entries, sizes, packing ratios) before anything is unpacked, its relationships are read with a parser that loads no
entity and no network, and what it must not carry into our files is refused by name: links to other files or to the
web (TargetMode="External": LibreOffice opens them when it converts), macros and ActiveX controls, embedded programs.
The bounds are generator/limits.py's PACKAGE_*.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from ... import limits
from ...errors import GeneratorError
from ...messages import _

# content types (or their endings) that carry code or reach outside the file: never copied into our documents
REFUSED_TYPES = ("macroEnabled", "vbaProject", "vbaData", "activeX", "oleObject", "ms-office.vbaProject",
                 "application/vnd.ms-office.activeX", "application/x-msdownload", "application/java-archive")
REFUSED_NAMES = ("vbaProject.bin", "vbaData.xml", "activeX", "embeddings/oleObject")
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class PackageError(GeneratorError):
    """A designer's file the tool will not read: too big, a zip bomb, or carrying links or code."""


def vet_package(data: bytes, shown: str, kind: str = "an Office file (.pptx, .docx)") -> None:
    """Refuse, in one line naming the file, a package past the bounds or carrying what our files must not."""
    if len(data) > limits.PACKAGE_BYTES:
        raise PackageError(_("{shown}: over {value} MB; a template is a few MB (compress its pictures in PowerPoint or Word: "
                             "File → Compress Pictures)", shown=shown, value=limits.PACKAGE_BYTES // 1024 // 1024))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise PackageError(_("{shown}: not {kind} (not a zip package); save it again in Office", shown=shown,
                             kind=kind)) from None
    with archive:
        entries = archive.infolist()
        _measure(entries, shown)
        names = {e.filename for e in entries}
        _refuse_code(archive, names, shown)
        for name in sorted(n for n in names if n.endswith(".rels")):
            _refuse_external(archive, name, shown)


def _measure(entries: list[zipfile.ZipInfo], shown: str) -> None:
    if len(entries) > limits.PACKAGE_ENTRIES:
        raise PackageError(_("{shown}: {value:,} parts in the package; a template has at most {PACKAGE_ENTRIES:,}",
                             shown=shown, value=len(entries), PACKAGE_ENTRIES=limits.PACKAGE_ENTRIES))
    total = 0
    for e in entries:
        total += e.file_size
        if e.file_size > limits.PACKAGE_ENTRY_BYTES or total > limits.PACKAGE_UNPACKED_BYTES:
            raise PackageError(_("{shown}: unpacks to over {value} MB ({filename}); not a template but a zip bomb, or pictures "
                                 "far too large", shown=shown, value=limits.PACKAGE_UNPACKED_BYTES // 1024 // 1024,
                                 filename=e.filename))
        if e.file_size > 1024 * 1024 and e.file_size > limits.PACKAGE_RATIO * max(e.compress_size, 1):
            raise PackageError(_("{shown}: {filename} unpacks {value:,} times its packed size; a zip bomb, not a template",
                                 shown=shown, filename=e.filename, value=e.file_size // max(e.compress_size, 1)))


def _refuse_code(archive: zipfile.ZipFile, names: set[str], shown: str) -> None:
    for name in sorted(names):
        if any(bad in name for bad in REFUSED_NAMES):
            raise PackageError(_("{shown}: carries {name} (macros, ActiveX or an embedded program); save a copy as a plain "
                                 ".pptx/.docx without macros and use that", shown=shown, name=name))
    if "[Content_Types].xml" not in names:
        raise PackageError(_("{shown}: not an Office file ([Content_Types].xml missing); save it as .pptx or .docx",
                             shown=shown))
    types = _xml(archive, "[Content_Types].xml", shown)
    for item in types.iter(f"{_TYPES_NS}Default", f"{_TYPES_NS}Override"):
        kind = item.get("ContentType", "")
        if any(bad in kind for bad in REFUSED_TYPES):
            raise PackageError(_("{shown}: declares content of type {kind} (macros or controls); save a copy as a plain "
                                 ".pptx/.docx without macros and use that", shown=shown, kind=kind))


def _refuse_external(archive: zipfile.ZipFile, name: str, shown: str) -> None:
    for rel in _xml(archive, name, shown).iter(f"{_RELS_NS}Relationship"):
        if rel.get("TargetMode") == "External":
            target = rel.get("Target", "")[:80]
            where = posixpath.dirname(posixpath.dirname(name)) or "the package"
            raise PackageError(_("{shown}: a part in {where} links to {target!r} outside the file (a linked picture, file or web "
                                 "address); insert it into the file instead of linking, or remove it", shown=shown,
                                 where=where, target=target))


def _xml(archive: zipfile.ZipFile, name: str, shown: str):
    try:
        return etree.fromstring(archive.read(name), _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise PackageError(_("{shown}: {name} is damaged XML ({value}); save the file again in Office", shown=shown,
                             name=name, value=str(exc)[:80])) from None


def read_package(path, shown: str) -> bytes:
    """A designer's file read whole only when its size is within PACKAGE_BYTES (its opener vets the rest)."""
    if path.stat().st_size > limits.PACKAGE_BYTES:
        raise PackageError(_("{shown}: over {value} MB; a template is a few MB (compress its pictures in PowerPoint or Word: "
                             "File → Compress Pictures)", shown=shown, value=limits.PACKAGE_BYTES // 1024 // 1024))
    return path.read_bytes()


# What our files relate from the package and from their main part; a designer's file may relate more (a thumbnail
# of its own first slide, printer settings, custom XML, comments …), which stays out of ours unless the main part's
# XML points at it.
_OURS = ("/officeDocument", "/core-properties", "/extended-properties", "/slideMaster", "/presProps", "/viewProps",
         "/theme", "/tableStyles", "/notesMaster", "/handoutMaster", "/slide", "/styles", "/stylesWithEffects",
         "/settings", "/webSettings", "/fontTable", "/numbering", "/header", "/footer", "/footnotes", "/endnotes")


def keep_only_our_parts(main_part) -> list[str]:
    """Drop the relationships (and so the parts) of the package and its main part that our files do not use; the
    relationship types dropped."""
    package = main_part.package
    owners = [(package._rels if hasattr(package, "_rels") else package.rels, b""),
              (main_part.rels, etree.tostring(main_part._element))]
    dropped = []
    for rels, xml in owners:
        for rid, rel in list(rels.items()):
            used = xml and re.search(rb'="' + re.escape(rid.encode()) + rb'"', xml)  # r:id, r:embed … any prefix
            if not rel.reltype.endswith(_OURS) and not used:
                rels.pop(rid)
                dropped.append(rel.reltype.rsplit("/", 1)[-1])
    return dropped
