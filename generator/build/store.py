"""The one store: everything a build keeps to be quicker next time, content-addressed, in one format, pruned by one rule.

Two places hold a store of the same kind:
- the build folder's, `<out>/.cache/store/`: native chart parts, chart pictures and the deck's slides theme by
  theme (deleting it costs one full rebuild and gives the same bytes);
- the user's, `$XDG_CACHE_HOME/press-generator/store/` (`~/.cache/...`): what outlives a build folder and serves
  every project on the machine: the words jieba found, compiled narratives, a measuring font's widths, the
  generator's own fingerprint (and, as plain files beside it, the font copies the PDFs use).

An entry is one file, `<section>/<key>`, its name the SHA-256 of everything it was made from (the store's `salt`,
the generator's fingerprint and the theme for the build folder's, joined to what the caller names), its content
followed by its own SHA-256. A file is written whole (a temporary file, then a rename), so a reader sees all of it
or none; an entry that fails its check (a crash before it reached the disk, an edit by hand) is a missing one; a
file read is touched.
`prune` keeps what was used since a time (this build) and the `spare` most recently used others, in every section.
Nothing outside generator/build/ knows that this exists: renderers are handed a section through a small protocol
(render/chart_store.py, render/ooxml/slide_replay.py, fit.keep_words_in, present/compiled.CompiledTexts.keep_in).
"""
from __future__ import annotations

import contextlib
import hashlib
import math
import os
from pathlib import Path

from ..writer import write_bytes

STORE = "store"
SPARE = 100  # entries kept beyond a build's own: an edit undone finds its parts


def sha(*parts: bytes | str) -> str:
    """The one key rule: SHA-256 of the parts, each length-prefixed (so ("ab", "c") and ("a", "bc") differ)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def user_folder(*parts: str) -> Path:
    """The user's cache folder, $XDG_CACHE_HOME/press-generator (~/.cache/press-generator)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "press-generator", *parts)


class Store:
    """Entries by section and key. `read=False`: every get misses (everything is made again), puts still keep."""

    def __init__(self, root: Path, salt: str = "", read: bool = True):
        self.root = root
        self.salt = salt
        self.read = read

    def key(self, *parts: str) -> str:
        return sha(self.salt, *parts)

    def path(self, section: str, key: str) -> Path:
        return self.root / section / key

    def get(self, section: str, key: str) -> bytes | None:
        if not self.read:
            return None
        path = self.path(section, key)
        try:
            data = path.read_bytes()
            os.utime(path)  # used now: prune keeps it
        except OSError:
            return None
        body, check = data[:-32], data[-32:]
        if len(data) < 32 or hashlib.sha256(body).digest() != check:
            return None  # cut short or emptied (put does not fsync: the machine stopped), or changed by hand
        return body

    def put(self, section: str, key: str, data: bytes) -> None:
        """Keep an entry, its SHA-256 after it; a read-only or full cache folder only costs the time, never the
        build. Not synced to disk (half a millisecond an entry): an entry a crash damages fails its check."""
        with contextlib.suppress(OSError):
            write_bytes(self.path(section, key), data + hashlib.sha256(data).digest(), durable=False)

    def prune(self, since: float, spare: int = SPARE) -> None:
        """In every section: keep what was used or made since `since`, and the `spare` most recently used others."""
        try:
            sections = [p for p in self.root.iterdir() if p.is_dir()]
        except OSError:
            return
        for folder in sections:
            _keep_recent(folder, since, spare)

    def trim(self, section: str, keep: int) -> None:
        """Keep the `keep` most recently used entries of one section (the user's store, which no build prunes)."""
        _keep_recent(self.root / section, math.inf, keep)


def _keep_recent(folder: Path, since: float, spare: int) -> None:
    """Of a section's entries, keep those used since `since` and the `spare` most recently used of the others."""
    try:
        used = sorted((p.stat().st_mtime, p) for p in folder.iterdir() if p.is_file())
    except OSError:
        return
    stale = [path for when, path in used if when < since]
    for path in stale[:max(len(stale) - spare, 0)]:
        with contextlib.suppress(OSError):
            path.unlink()


def build_store(out: Path, salt: str, read: bool = True) -> Store:
    return Store(out / ".cache" / STORE, salt, read)


def user_store() -> Store:
    return Store(user_folder(STORE))


# ---------------------------------------------------------------- sections, as the renderers ask for them


def _pair(first: bytes, second: bytes) -> bytes:
    return len(first).to_bytes(8, "big") + first + second


def _unpair(data: bytes) -> tuple[bytes, bytes] | None:
    n = int.from_bytes(data[:8], "big")
    return (data[8:8 + n], data[8 + n:]) if len(data) >= 8 + n else None


class Section:
    """One section of a store, with the get/put the renderers' protocols ask for."""

    name = ""

    def __init__(self, store: Store):
        self.store = store

    def key(self, *parts: str) -> str:
        return self.store.key(self.name, *parts)

    def get(self, key: str) -> bytes | None:
        return self.store.get(self.name, key)

    def put(self, key: str, data: bytes) -> None:
        self.store.put(self.name, key, data)


class ChartParts(Section):
    """Native chart parts, the styled chart XML and its embedded workbook as one entry, by the hash of the chart's
    data, faces and colours: a one-figure edit makes one chart again, in the deck and in the briefing."""

    name = "chart-parts"

    def get(self, key: str) -> tuple[bytes, bytes] | None:  # type: ignore[override]
        data = super().get(key)
        return _unpair(data) if data is not None else None

    def put(self, key: str, xml: bytes, workbook: bytes) -> None:  # type: ignore[override]
        super().put(key, _pair(xml, workbook))


class SlideRecords(Section):
    """A theme's slides as a deck made them (render/ooxml/slide_replay), by the hash of the theme's view, the
    conference's and the slide number: a one-figure edit lays out the slides of one theme again, not of twelve."""

    name = "slides"


class ChartPictures(Section):
    """Chart pictures (brief_charts: picture) by the hash of their data."""

    name = "charts"
