"""The processes that render: in this process for one task, else a pool of forked workers, started early.

A rebuild after an edit renders one deck and one briefing. Their workers used to be forked once the content was
loaded and checked, and only then imported python-pptx and python-docx (0.13 s and 0.17 s), while the second core
had sat idle through the loading. `EarlyPool` forks them as soon as a build is known to be needed, each importing
the renderer it will most likely run, in parallel with the loading; `executor` then uses them when they are enough
for the work the build found, and otherwise makes a pool of the right size, as before.

`watch` goes further: `KeptWorkers` forks its workers once, after its first build, and keeps them. A worker forked
for each save rendered its deck some 40 ms slower than a warm one (every object it touches is a page copied from the
parent); a kept worker has copied them once.
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context


class Inline(Executor):
    """Runs tasks in this process: --jobs 1, or when there is one task only (no pool start-up to pay)."""

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future, as a pool would
            future.set_exception(exc)
        return future


def cores(jobs: int | None) -> int:
    return jobs or os.cpu_count() or 1


def _warm(kind: str) -> None:
    from ..render.fit import advance_widths, load_segmenter
    from .kinds import KINDS

    module = KINDS[kind].warm
    if module:
        __import__(module)
    advance_widths(None)  # the shipped widths that measure text in every document
    if "measure" in KINDS[kind].needs:
        load_segmenter()  # the words jieba found before, for fitting titles


def _forked(workers: int, initializer=None) -> ProcessPoolExecutor | None:
    """A pool of `workers` forked from this process, or None where processes cannot be forked."""
    if "fork" not in get_all_start_methods():
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"), initializer=initializer)


class EarlyPool:
    """Forked workers warming up while the build loads: one per kind of document asked for, within --jobs; or
    `kept` workers lent by their owner (watch), which are warm already and stay when the build ends."""

    def __init__(self, kinds: tuple[str, ...], jobs: int | None, kept: KeptWorkers | None = None):
        self.owned = kept is None
        self.size = min(cores(jobs), len(kinds)) if kept is None else kept.size
        self.pool: ProcessPoolExecutor | None = None if kept is None else kept.get()
        if kept is None and self.size > 1:
            self.pool = _forked(self.size)
            if self.pool is not None:
                for kind in kinds[:self.size]:  # each idle worker takes one: they import in parallel
                    self.pool.submit(_warm, kind)

    def each(self, load, paths: list, *args) -> list:
        """The content loader's `each` (content/loader.py): a series' files are read half here, half by the workers
        as soon as they have warmed up, which they sat out idle (20 files took 0.36 s); results in the files' order."""
        from ..content.loader import in_turn

        if self.pool is None or len(paths) < 4:
            return in_turn(load, paths, *args)
        here = len(paths) // 2
        futures = [self.pool.submit(load, path, *args) for path in paths[here:]]
        return in_turn(load, paths[:here], *args) + [future.result() for future in futures]

    def fits(self, workers: int, tasks: int) -> bool:
        """Enough for the build: as many workers as it would start, or as it has tasks."""
        return self.pool is not None and (tasks <= self.size or workers <= self.size)

    def __enter__(self) -> EarlyPool:
        return self

    def __exit__(self, *exc) -> None:
        # Wait for the workers to end, an error (bad content) included: one left running past the build holds the
        # build's standard output (a forked copy), so `watch` stopped then would leave a reader waiting for ever.
        if self.pool is not None and self.owned:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _kept_worker() -> None:
    """A kept worker's start: it lets go of watch's output (it prints nothing; its errors come back through the
    futures), so that no reader of that output waits on it, and it ends with watch even if watch is killed outright
    (SIGKILL skips the shutdown)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    if sys.platform == "linux":
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _settle() -> None:
    """One full collection while the editor is not waiting: it walks every container object inherited from watch,
    so most of the pages a render touches are copied now rather than during the first build after a save."""
    gc.collect()


class KeptWorkers:
    """watch's render workers: forked from its warm process once, kept across builds, shut when watch ends."""

    def __init__(self, jobs: int | None):
        self.size = min(cores(jobs), 2)  # a deck and a briefing: what a save rebuilds
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.pool is None and self.size > 1:
            self.pool = _forked(self.size, _kept_worker)
            if self.pool is not None:
                for _ in range(self.size):
                    self.pool.submit(_settle)

    def get(self) -> ProcessPoolExecutor | None:
        self.start()
        return self.pool

    def replace(self) -> None:
        """After a worker died (the system ran out of memory, say): the pool is broken, so start another."""
        self.close()
        self.start()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> KeptWorkers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Borrowed(Executor):
    """The early pool, lent to one build: leaving the build's `with` does not shut it (its owner does)."""

    def __init__(self, pool: ProcessPoolExecutor):
        self.pool = pool

    def submit(self, fn, /, *args, **kwargs):
        return self.pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass


def executor(jobs: int | None, tasks: int, preload: set[str | None], early: EarlyPool | None = None) -> Executor:
    """Where a build's tasks run. A new pool's workers are forked after the libraries that several of them will use
    are imported here (`preload`: renderer modules, and "pictures" for matplotlib), so each starts with them loaded;
    a library only one task needs is left to that worker."""
    workers = cores(jobs)
    if workers <= 1 or tasks <= 1:
        return Inline()
    if early is not None and early.pool is not None and early.fits(workers, tasks):
        return _Borrowed(early.pool)
    if "fork" in get_all_start_methods():
        for module in sorted(m for m in preload if m and m != "pictures"):
            __import__(module)
        if preload - {"pictures"}:
            from ..render.fit import load_segmenter

            load_segmenter()  # the words found before, read once here for every fork (and watch's next build)
        if "pictures" in preload:
            from ..render.chart_image import _pyplot

            _pyplot()
    return _forked(min(workers, tasks)) or ProcessPoolExecutor(max_workers=min(workers, tasks))
