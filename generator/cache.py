"""Build cache: fingerprints of every input, a manifest of what each output was built from, and chart images by content.

Lives in <out>/.cache, so a build folder carries its own cache; deleting it only costs one full rebuild.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .fingerprint import generator_fingerprint
from .writer import write_bytes

CACHE_DIR = ".cache"


def sha(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@dataclass
class Manifest:
    """What each output was built from (input fingerprint) and what was written (its bytes' hash)."""

    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / CACHE_DIR / "manifest.json"
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError):
            entries = {}  # a missing or damaged manifest only means a full rebuild
        return cls(path, entries)

    def up_to_date(self, output: Path, key: str, inputs: str) -> bool:
        """True when the output exists, was built from these inputs, and nobody has changed it since."""
        entry = self.entries.get(key)
        if not entry or entry.get("inputs") != inputs or not output.is_file():
            return False
        return entry.get("sha256") == hashlib.sha256(output.read_bytes()).hexdigest()

    def record(self, key: str, inputs: str, data: bytes) -> None:
        self.entries[key] = {"inputs": inputs, "sha256": hashlib.sha256(data).hexdigest()}

    def save(self) -> None:
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_bytes(self.path, text.encode("utf-8"))


class _Kept:
    """Parts of documents made before, by the hash of everything that shapes them besides what `key` is given: the
    look (the theme) and the generator. Files are written whole (temporary file, then rename); a file read is
    touched, so that pruning keeps what builds use."""

    folder_name: str = ""
    suffix: str = ""  # the file that says an entry is there
    companions: tuple[str, ...] = ()  # the entry's other files

    def __init__(self, out: Path, look: str, read: bool = True):
        self.folder = out / CACHE_DIR / self.folder_name
        self.look = sha(generator_fingerprint(), look)  # the theme, hashed once per build
        self.read = read  # False: everything is made again (and kept for the builds after)

    def key(self, *parts: str) -> str:
        return sha(self.look, *parts)

    def _read(self, key: str, *others: str) -> tuple[bytes, ...] | None:
        """The entry's main file and its `others` (suffixes), read whole; None when any is missing."""
        if not self.read:
            return None
        main = self.folder / f"{key}{self.suffix}"
        try:
            found = main.read_bytes(), *((self.folder / f"{key}{other}").read_bytes() for other in others)
            os.utime(main)  # used now: prune keeps it
        except OSError:
            return None
        return found

    def prune(self, since: float, spare: int = 100) -> None:
        """Keep what was used or made since `since` (this build) and the `spare` most recently used others (an
        edit undone finds its parts); each save in watch would otherwise leave an entry behind for good."""
        try:
            used = sorted((p.stat().st_mtime, p) for p in self.folder.glob(f"*{self.suffix}"))
        except OSError:
            return
        stale = [(when, p) for when, p in used if when < since]
        for _, main in stale[:max(len(stale) - spare, 0)]:
            for path in (main, *(main.with_suffix(other) for other in self.companions)):
                path.unlink(missing_ok=True)


class _KeptFiles(_Kept):
    """One file per entry."""

    def get(self, key: str) -> bytes | None:
        found = self._read(key)
        return found[0] if found else None

    def put(self, key: str, data: bytes) -> None:
        write_bytes(self.folder / f"{key}{self.suffix}", data)


class ChartParts(_Kept):
    """Native chart parts, the styled chart XML and its embedded workbook, by the hash of the chart's data, faces
    and colours (and the look): a one-figure edit makes one chart again, not fourteen, in the deck and in the
    briefing. Made in the workers; read as a pair, the XML written last, so a half-written one is a miss."""

    folder_name, suffix, companions = "chart-parts", ".xml", (".xlsx",)

    def get(self, key: str) -> tuple[bytes, bytes] | None:
        found = self._read(key, ".xlsx")
        return (found[0], found[1]) if found else None

    def put(self, key: str, xml: bytes, workbook: bytes) -> None:
        write_bytes(self.folder / f"{key}.xlsx", workbook)
        write_bytes(self.folder / f"{key}.xml", xml)  # last: its presence says the pair is complete


class SlideRecords(_KeptFiles):
    """A theme's slides as a deck made them (render/deck_replay), by the hash of the theme's view, the
    conference's and the slide number (and the look, which the build gives with its shared inputs: theme, template,
    logo, measuring font): a one-figure edit lays out the slides of one theme again, not of twelve."""

    folder_name, suffix = "slides", ".slides"


class ChartCache(_KeptFiles):
    """Chart pictures (brief_charts: picture) by the hash of their data (and the look): a chart is drawn again only
    when its data or look changes."""

    folder_name, suffix = "charts", ".png"


def font_metrics(font_file: str | None) -> tuple[dict[int, int], int]:
    """The measuring font's widths, from the user's cache folder when the font file is the one they were read from
    (by its path, size and time, as Python keys its bytecode): they outlive a deleted output folder and serve every
    project naming the same font. The shipped table of the widest faces is read directly: it is as quick."""
    from .render.fit import advance_widths, metrics_from_runs, metrics_runs
    from .user_cache import user_cache

    if font_file is None:
        return advance_widths(None)
    source = Path(font_file)
    stat = source.stat()
    key = sha(str(source.resolve()), str(stat.st_size), str(stat.st_mtime_ns), generator_fingerprint())[:24]
    path = user_cache("metrics", f"{key}.json")
    try:
        return metrics_from_runs(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        data = metrics_runs(font_file)
        with contextlib.suppress(OSError):  # a read-only cache folder only costs the time
            write_bytes(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        return metrics_from_runs(data)
