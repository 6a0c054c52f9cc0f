"""The Noto CJK SC faces under Simplified Chinese names, for the PDF copies.

Debian's Noto CJK ships every language in one collection whose CFF data (shared by all of them) is named
NotoSansCJKjp-…, so a PDF drawn with the SC face still lists `NotoSansCJKjp-Regular` in its fonts, and a reader who
checks with pdffonts sees a Japanese face. The glyphs are the SC ones; the name is not. Here each SC face is copied
out of its collection once, table by table, with the CFF names changed from CJKjp to CJKsc (same length: no offset
moves) and the family renamed `… Print`, so that fontconfig picks this copy and not the collection's. assets/fonts/
fonts.conf prefers the `Print` families and falls back to the collection where they are missing.

The copies live in the user's cache (about 16 MB a face, made in a fraction of a second) and are remade when the
installed font changes. Without fontconfig or the Noto faces nothing is made and the map falls back.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

# (fontconfig pattern, family of the copy)
FACES = (("Noto Sans CJK SC:regular", "Noto Sans CJK SC Print"), ("Noto Sans CJK SC:bold", "Noto Sans CJK SC Print"),
         ("Noto Serif CJK SC:regular", "Noto Serif CJK SC Print"), ("Noto Serif CJK SC:bold", "Noto Serif CJK SC Print"))


def installed_face(pattern: str) -> tuple[Path, int] | None:
    """(file, index in a collection) of the face fontconfig gives for the pattern, if it is that family."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    out = subprocess.run([fc_match, "-f", "%{file}\t%{index}\t%{family[0]}", pattern], capture_output=True, text=True,
                         timeout=30).stdout
    parts = out.split("\t")
    if len(parts) != 3 or parts[2].lower() != pattern.split(":")[0].lower():
        return None
    return Path(parts[0]), int(parts[1])


def _copy_face(source: Path, index: int, family: str, target: Path) -> None:
    from fontTools.ttLib import TTCollection, TTFont
    from fontTools.ttLib.sfnt import SFNTWriter

    collection = source.suffix.lower() in (".ttc", ".otc")
    holder = TTCollection(str(source), lazy=True) if collection else TTFont(str(source), lazy=True)
    try:
        font = holder.fonts[index] if collection else holder
        old = font["name"].getDebugName(1) or ""
        tables = {tag: font.reader[tag] for tag in font.reader.keys()}  # noqa: SIM118 - SFNTReader iterates by index
        names = font["name"]
        for record in names.names:
            text = record.toUnicode()
            if old and old in text and family not in text:
                record.string = text.replace(old, family)
        tables["name"] = names.compile(font)
        if "CFF " in tables:
            tables["CFF "] = tables["CFF "].replace(b"CJKjp", b"CJKsc")
        flavour = font.reader.sfntVersion
    finally:
        holder.close()
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".part-", delete=False) as handle:
        writer = SFNTWriter(handle, len(tables), flavour)
        for tag in sorted(tables):
            writer[tag] = tables[tag]
        writer.close()
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, target)  # whole or not at all: a parallel build never reads half a font


def print_faces(folder: Path) -> Path | None:
    """The folder of SC-named copies of the installed Noto CJK SC faces, made where missing; None when none can be."""
    made = False
    for pattern, family in FACES:
        found = installed_face(pattern)
        if found is None:
            continue
        source, index = found
        stat = source.stat()
        key = hashlib.sha256(f"{source}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{family}".encode()).hexdigest()[:16]
        weight = pattern.split(":")[1]
        target = folder / f"{family.replace(' ', '')}-{weight}-{key}.otf"
        try:
            if not target.exists():
                folder.mkdir(parents=True, exist_ok=True)
                for stale in folder.glob(f"{family.replace(' ', '')}-{weight}-*.otf"):
                    stale.unlink()
                _copy_face(source, index, family, target)
            made = True
        except OSError:
            continue  # a read-only or full cache: the map falls back to the collection's faces
    return folder if made else None


def font_config(font_map: Path, work: Path, folder: Path) -> Path:
    """A fontconfig file for one LibreOffice run: the SC-named copies (if any, kept in `folder`), the faces in the
    map's folder, then the project's map."""
    faces = print_faces(folder)
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">', "<fontconfig>"]
    if faces is not None:
        lines += [f"  <dir>{_xml(faces)}</dir>", f"  <cachedir>{_xml(faces / 'fc-cache')}</cachedir>"]
    # the map's own folder (assets/fonts/): an office may put its licensed faces there, beside the map
    lines += [f"  <dir>{_xml(font_map.resolve().parent)}</dir>", f"  <include>{_xml(font_map.resolve())}</include>",
              "</fontconfig>", ""]
    path = work / "fonts.conf"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _xml(path: Path) -> str:
    return str(path).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
