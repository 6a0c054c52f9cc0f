"""One build at a time into an output folder: a build holds a lock named after the folder's path (in the user's
cache folder, so that a refused build writes nothing into the output folder) while it reads the up-to-date record,
writes and records; a second build into the same folder waits LOCK_WAIT_SECONDS for it, then
stops with one "busy" line. Two builds of different content into one folder used to interleave their files and
records, and the next build said "nothing changed" over the other's files.

The lock is a POSIX record lock (fcntl.lockf): it belongs to this process, so the render workers it forks do not
inherit it (watch keeps its workers across builds), and the system releases it when the process ends, however it
ends: a killed build leaves no stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import limits
from ..errors import GeneratorError
from .store import user_folder


def lock_path(out: Path) -> Path:
    """The lock of an output folder, named by its absolute path (which need not exist yet)."""
    import hashlib

    name = hashlib.sha256(out.resolve().as_posix().encode("utf-8")).hexdigest()[:32]
    return user_folder("locks", f"{name}.lock")


@contextmanager
def out_lock(out: Path, wait: float = limits.LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the output folder's lock for the block; GeneratorError ("busy") when another build keeps it past `wait`.
    Where no lock file can be made (a read-only home), the build runs without one, as it did before locks."""
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield
        return
    try:
        _acquire(fd, out, wait)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, out: Path, wait: float) -> None:
    end = time.monotonic() + wait
    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() >= end:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                raise GeneratorError(f"{out.as_posix()}: busy: another build (process {holder}) is writing there; "
                                     f"wait for it to finish, or build into another --out") from None
            time.sleep(0.1)
