"""The warm converter: one LibreOffice kept alive for as long as the converter is, every PDF made through it.

LibreOffice's own API (UNO) is reached through a small script, office_bridge.py, run by a Python that has the `uno`
module (Debian's python3-uno is for /usr/bin/python3; the generator's Python usually has none). The bridge starts
LibreOffice, and the two talk over a pipe: one JSON line a request, one a reply.

- Conversions are queued: one thread sends them to LibreOffice one at a time, in the order they came.
- Each has a time limit; past it LibreOffice is killed, and the next conversion starts a new one.
- A LibreOffice that died is started again once, and the conversion tried again.
- When no LibreOffice can be kept (no python3-uno, a crash twice, the time limit) the document is converted by a
  cold `soffice --convert-to` run instead (pdf.to_pdf), and the converter says so in one line.

A document is opened once for all its targets: the slides whose previews are due (a page range, in a fraction of
the time) before the whole PDF.
"""
from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import _
from .fonts import font_config
from .pdf import PDF_A_OPTIONS, ConversionError, seed_profile, soffice, to_pdf

BRIDGE = Path(__file__).with_name("office_bridge.py")
START_SECONDS = 60  # LibreOffice's first start with a new profile takes a few seconds; a minute means it is stuck
CONVERT_SECONDS = 120  # one document, all its targets: LibreOffice converts the seed's deck in under a second
UNO_PYTHON = "PRESS_UNO_PYTHON"  # a Python with the uno module, if not /usr/bin/python3


def uno_python() -> str | None:
    """The Python that runs the bridge: $PRESS_UNO_PYTHON, Debian's /usr/bin/python3, or LibreOffice's own."""
    named = os.environ.get(UNO_PYTHON)
    if named:
        return named
    office = soffice()
    candidates = ["/usr/bin/python3"]
    if office:  # LibreOffice's own builds (libreoffice.org, not Debian's) bring a Python with uno
        candidates.append(str(Path(os.path.realpath(office)).parent / "python"))
    return next((c for c in candidates if os.access(c, os.X_OK)), None)


class OfficeError(Exception):
    """The warm LibreOffice could not be had or did not answer; the message is the reason, in one line. `lasting`:
    it cannot be started at all; `retry`: it died, and a new one may do."""

    def __init__(self, message: str, lasting: bool = False, retry: bool = False):
        super().__init__(message)
        self.lasting, self.retry = lasting, retry


@dataclass
class Target:
    """One PDF to make from a document: `pages` (1-based) for a part of it, None for the whole."""

    pages: tuple[int, ...] | None = None
    future: Future = field(default_factory=Future)


def page_range(pages: tuple[int, ...]) -> str:
    """(1, 2, 3, 7) -> "1-3,7", LibreOffice's PageRange."""
    runs: list[list[int]] = []
    for p in sorted(set(pages)):
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


class Office:
    """One LibreOffice and its bridge. Not thread-safe: the Converter's one thread is its only caller."""

    def __init__(self, env: dict[str, str], work: Path):
        self.env, self.work = env, work
        self.bridge: subprocess.Popen | None = None
        self.office_pid: int | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.started = 0  # how many times a LibreOffice was started

    def alive(self) -> bool:
        return self.bridge is not None and self.bridge.poll() is None

    def start(self) -> None:
        python, exe = uno_python(), soffice()
        if python is None or exe is None:
            raise OfficeError(_("no Python with LibreOffice's uno module (Debian: apt-get install python3-uno)"),
                              lasting=True)
        self.stop()
        profile = seed_profile(self.work / f"profile-{self.started}")
        pipe = f"press-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.lines = queue.Queue()
        self.bridge = subprocess.Popen([python, str(BRIDGE), exe, profile.as_uri(), pipe], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        self.started += 1
        threading.Thread(target=self._read, args=(self.bridge, self.lines), daemon=True).start()
        try:
            first = self._reply(START_SECONDS, "start")
        except OfficeError as exc:
            raise OfficeError(str(exc), lasting=True) from None
        if not first.get("ready"):
            self.stop()
            raise OfficeError(first.get("error") or "LibreOffice did not start", lasting=True)
        self.office_pid = int(first["pid"])

    @staticmethod
    def _read(bridge: subprocess.Popen, lines: queue.Queue) -> None:
        assert bridge.stdout is not None
        try:
            for line in bridge.stdout:
                lines.put(line)
        except (OSError, ValueError):  # stop() closed the pipe under it
            pass
        lines.put(None)

    def _reply(self, seconds: float, doing: str) -> dict:
        try:
            line = self.lines.get(timeout=seconds)
        except queue.Empty:
            self.stop(gently=False)  # a LibreOffice that hangs would not hear the bridge either
            raise OfficeError(_("LibreOffice took over {seconds:g} s to {doing}; it was stopped", seconds=seconds,
                                doing=doing)) from None
        if line is None:
            reason = self._stderr_reason()
            self.stop()
            raise OfficeError(_("LibreOffice stopped while it was to {doing}{reason}", doing=doing,
                                reason=f" ({reason})" if reason else ""), retry=True)
        return json.loads(line)

    def _stderr_reason(self) -> str:
        if self.bridge is None or self.bridge.stderr is None:
            return ""
        try:
            self.bridge.wait(timeout=2)
            text = self.bridge.stderr.read()
        except (subprocess.TimeoutExpired, OSError, ValueError):
            return ""
        if "No module named 'uno'" in text:
            return "no uno module: Debian: apt-get install python3-uno"
        tail = text.strip().splitlines()[-1:]
        return tail[0] if tail else ""

    def convert(self, source: Path, targets: list[Path], pages: list[tuple[int, ...] | None],
                done: Callable[[int], None]) -> None:
        """Each target written from the document, in order; `done(i)` once target i is on disk."""
        if not self.alive():
            self.start()
        assert self.bridge is not None and self.bridge.stdin is not None
        request = {"source": str(source.resolve()), "targets": [
            {"path": str(t), "options": {**PDF_A_OPTIONS, **({"PageRange": page_range(p)} if p else {})}}
            for t, p in zip(targets, pages)]}
        try:
            self.bridge.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.bridge.stdin.flush()
        except (BrokenPipeError, OSError):
            self.stop()
            raise OfficeError(_("LibreOffice stopped before the conversion"), retry=True) from None
        end = time.monotonic() + CONVERT_SECONDS
        for i in range(len(targets)):
            answer = self._reply(max(0.1, end - time.monotonic()), f"convert {source.name}")
            if answer.get("dead"):
                self.stop()
                raise OfficeError(_("LibreOffice stopped while it was to convert {name}", name=source.name), retry=True)
            if not answer.get("ok"):
                raise ConversionError(_("LibreOffice made no PDF of {name}: {value}", name=source.name,
                                        value=answer.get('error')))
            done(i)

    def stop(self, gently: bool = True) -> None:
        """The bridge and its LibreOffice ended, whatever state they are in: asked to quit (gently), else killed."""
        bridge, self.bridge = self.bridge, None
        if bridge is None:
            return
        if bridge.stdin is not None:
            with contextlib.suppress(OSError):
                bridge.stdin.close()  # the bridge's cue to close LibreOffice and end
        if gently:
            with contextlib.suppress(subprocess.TimeoutExpired):
                bridge.wait(timeout=10)
        if self.office_pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.office_pid, signal.SIGKILL)  # LibreOffice runs in a session of its own (the bridge's)
        if bridge.poll() is None:
            bridge.kill()
        bridge.wait()
        for stream in (bridge.stdout, bridge.stderr):
            if stream is not None:
                stream.close()
        self.office_pid = None


@dataclass
class Job:
    source: Path
    targets: list[Target]


class Converter:
    """A queue of conversions in front of one kept LibreOffice, with a cold run as the way out.

    `font_map`: the project's fontconfig map (pdf.to_pdf); `faces`: where the SC-named print faces are kept.
    `said` holds one line for each time the converter fell back to a cold run, and why."""

    def __init__(self, font_map: Path | None = None, faces: Path | None = None, offices: int = 1):
        self.font_map, self.faces = font_map, faces
        self.said: list[str] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="press-office-"))
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", TZ="UTC")  # as to_pdf: PDFs do not vary
        # the fontconfig file its LibreOffices read once, at their start (None: the system's)
        self.font_config = font_config(font_map, self.tmp, faces or self.tmp / "faces") if font_map else None
        if self.font_config is not None:
            env["FONTCONFIG_FILE"] = str(self.font_config)
        # `offices` LibreOffices, each with its own profile and thread, take the queue's jobs side by side: an edit's
        # deck and briefing convert at once (one LibreOffice converts one document at a time)
        self.offices = [Office(env, self.tmp / f"office-{i}") for i in range(max(1, offices))]
        self.broken: str | None = None  # why no LibreOffice can be kept: every conversion is a cold one
        self.jobs: queue.Queue[Job | None] = queue.Queue()
        self.threads = [threading.Thread(target=self._work, args=(office,), name=f"office-{i}", daemon=True)
                        for i, office in enumerate(self.offices)]
        for thread in self.threads:
            thread.start()

    @property
    def office(self) -> Office:
        """The first LibreOffice (the only one of a converter of one)."""
        return self.offices[0]

    def submit(self, source: Path, pages: list[tuple[int, ...] | None]) -> list[Future]:
        """Queue a document's conversion: one PDF (bytes) per entry of `pages` (a page range, or None for all).
        A range the cold way cannot make resolves to None; the whole document always resolves to its PDF."""
        job = Job(source, [Target(p) for p in pages])
        self.jobs.put(job)
        return [t.future for t in job.targets]

    def convert(self, source: Path) -> bytes:
        return self.submit(source, [None])[0].result()

    def close(self) -> None:
        for _thread in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()
        for office in self.offices:
            office.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ the converter's thread

    def _work(self, office: Office) -> None:
        while (job := self.jobs.get()) is not None:
            try:
                self._convert(job, office)
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the job
                for t in job.targets:
                    if not t.future.done():
                        t.future.set_exception(exc)

    def _convert(self, job: Job, office: Office) -> None:
        """Warm when a LibreOffice can be kept: one that died is started again and the job tried once more; past the
        time limit, or when it cannot be started at all, the job is converted cold."""
        reason = self.broken
        tries = 2 if reason is None else 0
        for _attempt in range(tries):
            try:
                self._warm(job, office)
                return
            except OfficeError as exc:
                reason = str(exc)
                if exc.lasting:
                    self.broken = reason  # no point asking again: every later job goes the cold way at once
                if not exc.retry:
                    break
            except ConversionError as exc:  # LibreOffice answered, but could not convert this document
                reason = str(exc)
                break
        self._cold(job, reason or "")

    def _warm(self, job: Job, office: Office) -> None:
        work = Path(tempfile.mkdtemp(dir=self.tmp, prefix="job-"))
        try:
            pending = [t for t in job.targets if not t.future.done()]  # a second try: what the first did not make
            paths = [work / f"{i}.pdf" for i in range(len(pending))]

            def done(i: int) -> None:
                pending[i].future.set_result(paths[i].read_bytes())

            office.convert(job.source, paths, [t.pages for t in pending], done)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _cold(self, job: Job, reason: str) -> None:
        self.said.append(_("warm converter: {reason}; {file} converted by a cold soffice run", reason=reason,
                           file=job.source.name))
        whole = to_pdf([job.source], self.font_map, self.faces)[job.source]
        for t in job.targets:
            if not t.future.done():
                t.future.set_result(whole if t.pages is None else None)
