"""What is up to date: each output's record (Manifest), and a build with nothing to do, which ends at once.

Each output written is recorded in <out>/.cache/manifest.json with the hash of everything it was made from and the hash
of its bytes: an output is made again when either differs. Beside it, the whole build's record:

A successful build records, per set of options, the hash of every file it read (everything under the content folder,
the theme and the assets it names), the generator's own fingerprint and the hash of every output. The next build
with the same options compares those before it imports anything heavy: if every input and every output is as it
was, it says so and stops (about 0.1 s, where loading the libraries and checking the content took 0.3 s). Anything
else, a damaged record included, takes the normal path, whose own per-output cache still applies.

Lives in <out>/.cache like the rest of the cache; this module imports nothing of the pipeline.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..writer import write_bytes

RECORD = Path(".cache") / "last-builds.json"


@dataclass
class Manifest:
    """What each output was built from (input fingerprint) and what was written (its bytes' hash)."""

    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / ".cache" / "manifest.json"
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


def _file_hash(path: Path) -> str | None:
    """A file's hash; a folder's (the slide previews) from its files' names and hashes; None when absent."""
    try:
        if path.is_dir():
            return hashlib.sha256(json.dumps([(p.name, _file_hash(p)) for p in sorted(path.iterdir())]).encode()).hexdigest()
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def content_files(content: Path) -> list[Path]:
    """Every file under the content folder (hidden ones aside): a new or removed file also counts as a change. The
    walk does not follow linked folders (a link to / made it walk the disk)."""
    found = []
    for folder, dirs, files in os.walk(content, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / f for f in files if not f.startswith(".")]
    return sorted(found)


READ_IN_FULL = (".yaml", ".yml")  # what a build reads from the content folder; anything else it never opens


def _signature(path: Path) -> str | None:
    """What stands for a content file in the record: the hash of a YAML file the build reads; of anything else (a
    video left in the folder, say) its size and time, never its bytes; of a link that leads out of the folder, the
    link itself, never what it points at."""
    try:
        if path.is_symlink():
            target = os.readlink(path)
            inside = path.resolve().is_relative_to(path.parent.resolve()) and path.resolve().is_file()
            if not inside:
                return f"link:{target}"
        info = path.stat()
        if path.suffix.lower() not in READ_IN_FULL or info.st_size > limits.HASH_FILE_BYTES:
            return f"stat:{info.st_size}:{info.st_mtime_ns}"
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11's resolve() on a loop of links (ELOOP from 3.13)
        return None
    return _file_hash(path)


def _same(name: str, recorded: str | None) -> bool:
    path = Path(name)
    if recorded is None:
        return False
    now = _signature(path) if recorded.startswith(("stat:", "link:")) else _file_hash(path)
    return now == recorded


def _absolute(path: Path) -> str:
    return path.resolve().as_posix()


def options_key(content: Path, kinds, only, final: bool, pdf: bool, page: bool) -> str:
    """What shapes the outputs besides the files: the options, and the zip date SOURCE_DATE_EPOCH may set."""
    import os

    return json.dumps([content.resolve().as_posix(), sorted(kinds), only, final, pdf, page,
                       os.environ.get("SOURCE_DATE_EPOCH")])


def _fingerprint() -> str:
    from .fingerprint import generator_fingerprint

    return generator_fingerprint()


def unchanged(out: Path, key: str, content: Path) -> dict | None:
    """The record of the last build with these options when nothing it read or wrote has changed since; else None."""
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(record, dict) or record.get("generator") != _fingerprint():
        return None
    inputs, outputs = record.get("inputs", {}), record.get("outputs", [])
    if {_unresolved(p) for p in content_files(content)} - set(inputs):  # a file added to the content folder
        return None
    for name, digest in inputs.items():
        if not _same(name, digest):
            return None
    for _, name, digest in outputs:
        if digest is None or _file_hash(Path(name)) != digest:
            return None
    return record


def input_hashes(paths: list[Path], content: bool = False) -> dict[str, str | None]:
    """The inputs' hashes, taken before the build reads them: a file saved while the build runs must not be
    recorded as what it was built from. The content folder's files by their signature (_signature); the assets a
    theme names, which the build reads whole and bounds where it reads them, by their hash."""
    if content:  # named as they lie in the folder: a link is not resolved to what it points at
        return {_unresolved(p): _signature(p) for p in paths}
    return {_absolute(p): _file_hash(p) for p in paths}


def _unresolved(path: Path) -> str:
    return Path(os.path.abspath(path)).as_posix()


def remember(out: Path, key: str, inputs: dict[str, str | None], outputs: list[Path], shown: dict[str, int]) -> None:
    """Record a successful build: its inputs (input_hashes) and outputs by hash, and what its report says again."""
    from ..writer import write_bytes

    path = out / RECORD
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, dict):
            records = {}
    except (OSError, ValueError):
        records = {}
    records[key] = {"generator": _fingerprint(), "inputs": inputs, "shown": shown,
                    "outputs": [(p.as_posix(), _absolute(p), _file_hash(p)) for p in outputs]}
    write_bytes(path, (json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))
