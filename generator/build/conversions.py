"""The conversions behind the PDF copies, for copies.py: through the warm converter (publish/office.py), decks first,
and each deck's slide previews remade only for the slides whose bytes changed, as soon as LibreOffice has drawn them.

A build makes its own converter and closes it at the end; watch and serve keep one across their builds
(`keep_converter`), and are told which previews were written the moment they are (serve puts them in the open page
before the PDFs are done).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Generator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import _
from ..present.names import OUTPUTS
from ..publish.made_from import MadeFrom, slide_digests
from ..writer import write_bytes
from .fingerprint import generator_fingerprint
from .store import sha
from .up_to_date import Manifest

WIDTH = 320  # a preview's width in pixels


@dataclass
class Kept:
    """The converter kept across builds, for the font map it was started with, and who hears of new previews."""

    told: Callable[[list[Path]], None] | None = None
    converter: object | None = None  # publish.office.Converter, imported only when a PDF is made
    key: bytes | None = None


_KEPT: list[Kept] = []


@contextmanager
def keep_converter(told: Callable[[list[Path]], None] | None = None):
    """Within: every build's PDFs go through one LibreOffice, kept until the end; `told(paths)` hears of previews."""
    kept = Kept(told)
    _KEPT.append(kept)
    try:
        yield kept
    finally:
        _KEPT.remove(kept)
        if kept.converter is not None:
            kept.converter.close()  # type: ignore[attr-defined]


def _converter(font_map: Path | None, faces: Path | None):
    """(the converter, whether this build owns it): the kept one when its font map still holds, else a new one."""
    from ..publish.office import Converter

    key = font_map.read_bytes() if font_map is not None else b""
    offices = min(2, os.cpu_count() or 1)  # an edit converts a deck and a briefing: side by side on two cores
    if not _KEPT:
        return Converter(font_map, faces, offices), True
    kept = _KEPT[-1]
    if kept.converter is None or kept.key != key:  # a new font map: LibreOffice reads fontconfig once, at its start
        if kept.converter is not None:
            kept.converter.close()  # type: ignore[attr-defined]
        kept.converter, kept.key = Converter(font_map, faces, offices), key
    return kept.converter, False


def kept_font_config(font_map: Path | None) -> Path | None:
    """The fontconfig file of the converter kept for this map (watch's, serve's), if one is: the faces it lists are
    those its LibreOffices draw with, and it need not be made again."""
    if not _KEPT or _KEPT[-1].converter is None:
        return None
    kept = _KEPT[-1]
    return kept.converter.font_config if kept.key == (font_map.read_bytes() if font_map else b"") else None  # type: ignore[attr-defined]


@dataclass
class Due:
    """A deck's previews: each slide's digest, and the slides (1-based) whose preview is missing or out of date."""

    folder: Path
    digests: list[str]
    pages: list[int] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)


def previews_due(deck: Path, out: Path, manifest: Manifest, fonts: bytes, digests: list[str] | None = None) -> Due:
    """Which slides of a written deck need their preview made again: only those whose own bytes changed (or whose
    preview is missing or was changed by hand). `digests`: the deck's slide_digests, when the caller has them."""
    digests = slide_digests(deck.read_bytes()) if digests is None else digests
    due = Due(deck.parent / "thumbs", digests)
    for number, slide in enumerate(digests, 1):
        png = due.folder / f"slide-{number:02d}.png"
        inputs = sha(generator_fingerprint(), slide, fonts, str(WIDTH))
        due.inputs.append(inputs)
        if not manifest.up_to_date(png, png.relative_to(out).as_posix(), inputs):
            due.pages.append(number)
    return due


def previews_of(todo, out: Path, manifest: Manifest, fonts: bytes, notices: list[str],
                digests: dict[Path, list[str]] | None = None) -> dict[Path, Due]:
    """The previews due for each deck about to be converted; none, and one notice, without pdftoppm."""
    from ..publish.pdf import pdftoppm

    decks = [doc for doc in todo if is_deck(doc)]
    if decks and pdftoppm() is None:
        notices.append(_("pdftoppm (Debian: poppler-utils) is not installed: slide previews were skipped"))
        return {}
    return {doc: previews_due(doc, out, manifest, fonts, (digests or {}).get(doc)) for doc in decks}


def is_deck(doc: Path) -> bool:
    return doc.name.endswith(OUTPUTS["deck"])


def converted(docs: list[Path], dues: dict[Path, Due], font_map: Path | None, faces: Path | None, out: Path,
              manifest: Manifest, notices: list[str]) -> Generator[tuple[Path, bytes], None, None]:
    """Each document's PDF as LibreOffice made it, as soon as it is done (decks are asked for first), so that the
    caller finishes one PDF while LibreOffice still converts another; a deck's due previews are written from a page
    range of only those slides as soon as it is drawn, before any PDF that is ready at the same time (from the whole
    PDF when the converter had to go the cold way)."""
    converter, own = _converter(font_map, faces)
    said = len(converter.said)
    try:
        parts: dict[Future, Path] = {}
        wholes: dict[Future, Path] = {}
        for doc in sorted(docs, key=lambda d: (not is_deck(d), d)):
            due = dues.get(doc)
            part = due is not None and 0 < len(due.pages) < len(due.digests)
            asked = converter.submit(doc, ([tuple(due.pages)] if due and part else []) + [None])
            if len(asked) == 2:
                parts[asked[0]] = doc
            wholes[asked[-1]] = doc
        first = {doc: part for part, doc in parts.items()}
        pending = set(parts) | set(wholes)
        while pending:
            ready, _pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(ready, key=lambda f: f not in parts):  # the previews first: the open page waits
                if future not in pending:
                    continue
                doc = parts.get(future) or wholes[future]
                due = dues.get(doc)
                if future in wholes and first.get(doc) in pending:
                    _previews_from_part(first[doc], due, out, manifest)  # its previews before its PDF
                    pending.discard(first[doc])
                pending.discard(future)
                if future in parts:
                    _previews_from_part(future, due, out, manifest)
                    continue
                whole = future.result()
                if due is not None and due.pages:
                    write_previews(whole, due, out, manifest, from_part=False)
                yield doc, whole
    finally:
        notices += converter.said[said:]
        if own:
            converter.close()


def _previews_from_part(future: Future, due: Due | None, out: Path, manifest: Manifest) -> None:
    """The due previews from the page range LibreOffice drew (None: the cold way made none, the whole PDF will)."""
    drawn = future.result()
    if drawn is not None and due is not None:
        write_previews(drawn, due, out, manifest, from_part=True)


def write_previews(pdf: bytes, due: Due, out: Path, manifest: Manifest, from_part: bool) -> None:
    """The due slides' previews from `pdf` (a page range of just those slides, or the whole deck), written and
    recorded; slides the deck no longer has lose theirs. The kept converter's listener hears of them at once."""
    from ..publish.pdf import thumbnails

    pages = list(range(1, len(due.pages) + 1)) if from_part else due.pages
    pictures = thumbnails(pdf, WIDTH, pages)
    made = MadeFrom.load(out)
    written = []
    for page, number in zip(pages, due.pages):
        png = due.folder / f"slide-{number:02d}.png"
        written.append(write_bytes(png, pictures[page]))
        manifest.record(png.relative_to(out).as_posix(), due.inputs[number - 1], pictures[page])
        made.set(png, due.digests[number - 1])
    for number, slide in enumerate(due.digests, 1):  # the previews kept: current for this deck too
        made.set(due.folder / f"slide-{number:02d}.png", slide)
    for stale in due.folder.glob("slide-*.png"):  # a shorter deck than last time: drop the pages it no longer has
        if int(stale.stem.split("-")[1]) > len(due.digests):
            stale.unlink()
    made.save()
    due.pages = []
    if _KEPT and _KEPT[-1].told is not None and written:
        _KEPT[-1].told(written)


def record_pdf(out: Path, pdf: Path, source: bytes) -> None:
    """The PDF now on disk was made from the document whose bytes are `source`."""
    made = MadeFrom.load(out)
    made.set(pdf, hashlib.sha256(source).hexdigest())
    made.save()
