"""The generator's fingerprint: its own code and data, and the versions of the libraries that shape its files. Every
cache is keyed on it, so that a change to any of them rebuilds.

Computing it reads the package's files and asks importlib.metadata for the versions (0.025 s, most of it importing
importlib.metadata); every build and every no-change check needs it. It is kept in the user's store (store.py), keyed by
what Python itself trusts for its bytecode: the size and modification time of each file, here of the package's files
and of every folder on sys.path (installing, upgrading or removing a library renames its dist-info folder, which
changes its folder's time). When the key matches, nothing is read or imported."""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from .store import sha, user_store

HERE = Path(__file__).resolve().parent.parent  # the package: generator/
LIBRARIES = ("python-pptx", "python-docx", "matplotlib", "XlsxWriter", "noto-cjk-sans-otc", "rjieba")
SHAPING = LIBRARIES[:5]  # the libraries whose versions shape the files (rjieba's keys the words cache on its own)


def own_files(here: Path = HERE) -> list[Path]:
    return sorted([*here.rglob("*.py"), *here.rglob("*.json")])


def memo_key(files: list[Path], folders: list[str]) -> str:
    """What would change if the fingerprint could: each file's and folder's size and modification time."""
    h = hashlib.sha256()
    for path in [*map(str, files), *folders]:
        try:
            st = os.stat(path)
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{path}\0missing\n".encode())
    return h.hexdigest()


def _computed(files: list[Path], here: Path) -> tuple[str, dict[str, str]]:
    from importlib import metadata


    versions = {}
    for dist in LIBRARIES:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "missing"
    parts = [p.relative_to(here).as_posix() + "\n" + p.read_text(encoding="utf-8") for p in files]
    parts += [f"{dist}=={versions[dist]}" if versions[dist] != "missing" else f"{dist} missing" for dist in SHAPING]
    return sha(*parts), versions


@lru_cache(maxsize=1)
def _known() -> tuple[str, dict[str, str]]:
    files = own_files()
    key = memo_key(files, [p for p in sys.path if p and os.path.isdir(p)])
    store = user_store()
    try:
        data = json.loads(store.get("fingerprint", store.key("fingerprint")) or b"")
        if data["key"] == key and isinstance(data["fingerprint"], str) and isinstance(data["versions"], dict):
            return data["fingerprint"], data["versions"]
    except (ValueError, KeyError, TypeError):
        pass
    fingerprint, versions = _computed(files, HERE)
    store.put("fingerprint", store.key("fingerprint"),
              json.dumps({"key": key, "fingerprint": fingerprint, "versions": versions}).encode())
    return fingerprint, versions


def generator_fingerprint() -> str:
    return _known()[0]


def library_version(dist: str) -> str:
    """One of LIBRARIES' installed version, or "missing"."""
    return _known()[1].get(dist, "missing")
