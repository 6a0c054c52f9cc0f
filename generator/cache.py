"""Build cache: fingerprints of every input, a manifest of what each output was built from, and chart images by content.

Lives in <out>/.cache, so a build folder carries its own cache; deleting it only costs one full rebuild.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .writer import write_bytes

CACHE_DIR = ".cache"


def sha(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """The generator's own code and data (the font widths) and the versions of the libraries that write the files:
    a change to any of them rebuilds."""
    here = Path(__file__).resolve().parent
    files = sorted([*here.rglob("*.py"), *here.rglob("*.json")])
    parts = [p.relative_to(here).as_posix() + "\n" + p.read_text(encoding="utf-8") for p in files]
    for dist in ("python-pptx", "python-docx", "matplotlib", "XlsxWriter", "noto-cjk-sans-otc"):
        try:
            parts.append(f"{dist}=={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} missing")
    return sha(*parts)


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


class ChartCache:
    """PNG images by the hash of everything that shapes them: a chart is redrawn only when its data or look changes."""

    def __init__(self, out: Path):
        self.folder = out / CACHE_DIR / "charts"

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.png"

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, png: bytes) -> None:
        write_bytes(self.path(key), png)


def font_metrics(out: Path, font_file: str | None) -> tuple[dict[int, int], int]:
    """The measuring font's widths, from the cache when the font file is the one they were read from (the shipped
    table of the widest faces is read directly: it is as quick as the cache)."""
    from .render.fit import advance_widths, metrics_from_runs, metrics_runs

    if font_file is None:
        return advance_widths(None)
    source = Path(font_file)
    stat = source.stat()
    key = sha(str(source.resolve()), str(stat.st_size), str(stat.st_mtime_ns), generator_fingerprint())[:24]
    path = out / CACHE_DIR / f"metrics-{key}.json"
    try:
        return metrics_from_runs(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        data = metrics_runs(font_file)
        write_bytes(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        return metrics_from_runs(data)
