"""What each copy was made from: a PDF from its document's bytes, a slide preview from its slide's.

The build records it as it writes a copy (build/copies.py), and the download page reads it to mark a copy that is
older than the document it stands for (a `build --no-pdf` after an edit, or a build that failed half-way): such a
copy is shown as stale, never passed off as current. The record is <out>/.cache/made-from.json; a copy it does not
know is stale.

A slide's bytes are its own part and every part it reaches through its relationships (layout, master, theme, charts
and their data, pictures), less its speaker notes (the preview does not show them), with its place in the deck (the
page number it shows), the presentation part (slide size, default text styles) and the parts it names besides the
slides (table styles, embedded fonts, properties).
"""
from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..writer import write_bytes

RECORD = Path(".cache") / "made-from.json"
_REL = re.compile(rb'<Relationship\b[^>]*?/>', re.S)
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
NOTES = "/notesSlide"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rels(names: set[str], zf: zipfile.ZipFile, part: str) -> list[tuple[str, str]]:
    """(type, target part) of each internal relationship of a part."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in names:
        return []
    found = []
    for rel in _REL.findall(zf.read(rels)):
        attrs = {k.decode(): v.decode() for k, v in _ATTR.findall(rel)}
        if attrs.get("TargetMode") == "External" or "Target" not in attrs:
            continue
        target = attrs["Target"]
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.append((attrs.get("Type", ""), path))
    return found


def slide_digests(pptx: bytes) -> list[str]:
    """One digest per slide, in the deck's order: what its picture is drawn from."""
    with zipfile.ZipFile(io.BytesIO(pptx)) as zf:
        names = set(zf.namelist())
        presentation = zf.read("ppt/presentation.xml")
        rel_ids = re.findall(rb'<p:sldId\b[^>]*?r:id="([^"]+)"', presentation)
        targets = _rel_targets(zf.read("ppt/_rels/presentation.xml.rels"))
        slides = [posixpath.normpath(posixpath.join("ppt", targets[r.decode()])) for r in rel_ids]
        # what every slide is drawn with besides its own parts: table styles, embedded fonts, the presentation's
        # properties (the slides, notes and handouts themselves aside)
        shared = hashlib.sha256(presentation)
        for kind, part in sorted(_rels(names, zf, "ppt/presentation.xml"), key=lambda r: r[1]):
            if part in names and not kind.endswith(("/slide", "/notesMaster", "/handoutMaster")):
                shared.update(part.encode() + b"\0" + zf.read(part))
        out = []
        for number, slide in enumerate(slides, 1):
            h = hashlib.sha256(f"{number}\n{shared.hexdigest()}\n".encode())
            seen: set[str] = set()
            todo = [slide]
            while todo:
                part = todo.pop()
                if part in seen or part not in names:
                    continue
                seen.add(part)
                todo += [t for kind, t in _rels(names, zf, part) if not kind.endswith(NOTES)]
            for part in sorted(seen):
                h.update(part.encode() + b"\0" + zf.read(part))
            out.append(h.hexdigest())
        return out


def _rel_targets(rels: bytes) -> dict[str, str]:
    found = {}
    for rel in _REL.findall(rels):
        attrs = {k.decode(): v.decode() for k, v in _ATTR.findall(rel)}
        if "Id" in attrs and "Target" in attrs:
            found[attrs["Id"]] = attrs["Target"]
    return found


@dataclass
class MadeFrom:
    """Copy (its path inside out/) -> the digest of what it was made from."""

    out: Path
    entries: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> MadeFrom:
        try:
            entries = json.loads((out / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        return cls(out, entries if isinstance(entries, dict) else {})

    def key(self, copy: Path) -> str:
        return copy.relative_to(self.out).as_posix()

    def set(self, copy: Path, source: str) -> None:
        self.entries[self.key(copy)] = source

    def current(self, copy: Path, source: str) -> bool:
        return copy.is_file() and self.entries.get(self.key(copy)) == source

    def save(self) -> None:
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_bytes(self.out / RECORD, text.encode("utf-8"))


STALE = "已过期"  # a copy older than the document it stands for
DRAFT = "草稿"  # a file of a conference that still has gaps


class Marks:
    """What the download page says beside a file: a draft's files are drafts; a PDF or a slide preview older than
    its document is stale."""

    def __init__(self, out: Path, draft: bool, sources: dict[Path, Path]):
        self.out, self.draft, self.sources = out, draft, sources  # copy -> the document it is made from
        self.made = MadeFrom.load(out)
        self._slides: dict[Path, list[str]] = {}

    def file(self, path: Path) -> str:
        source = self.sources.get(path)
        stale = source is not None and not (source.is_file() and self.made.current(path, digest(source.read_bytes())))
        return "·".join(word for word, on in ((DRAFT, self.draft), (STALE, stale)) if on)

    def preview(self, png: Path, number: int, deck: Path) -> str:
        if deck not in self._slides:
            try:
                self._slides[deck] = slide_digests(deck.read_bytes())
            except (OSError, KeyError, zipfile.BadZipFile):
                self._slides[deck] = []
        slides = self._slides[deck]
        return "" if number <= len(slides) and self.made.current(png, slides[number - 1]) else STALE
