"""`watch`: rebuild whenever a content, template or theme file is saved; a bad save reports and keeps watching."""
from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..errors import ContentError, GeneratorError
from ..messages import _

WATCHED_SUFFIXES = (".yaml", ".yml", ".j2", ".html", ".pptx", ".docx", ".png", ".jpg", ".ttf", ".otf", ".ttc")


def watch(args, rebuild: Callable[[], int], kept=None, told: Callable[[list[str] | None], None] | None = None) -> int:
    """Build, then build again after each save until Ctrl+C (or SIGTERM); `kept` are the render workers kept across
    builds (build/workers.KeptWorkers), started once the first build has made this process warm. `told` hears how
    each build ended: None when it succeeded, else the lines it printed about the problem (serve shows them)."""
    from watchfiles import watch as changes

    folders = [Path(args.content), Path("assets")]
    folders = [f for f in folders if f.is_dir()]
    # the folders' parents are watched, not the folders: an editor's sync tool replaces a folder whole, and a watch
    # on the old one would hear nothing more; events outside the folders (output/ …) are filtered out
    inside = tuple(str(f.resolve()) + os.sep for f in folders)
    parents = sorted({f.resolve().parent for f in folders})
    # a terminated watch stops as an interrupted one does: the kept workers are shut, not left behind
    signal.signal(signal.SIGTERM, _interrupt)
    _run(rebuild, kept, told)
    if kept is not None:
        kept.start()
    announced = False
    try:
        # yield_on_timeout: the first (empty) yield comes once the watcher is running, which is when
        # "watching" is true; a save made before that would go unnoticed
        # step: a save is built once the folder has been quiet that long (an editor's save is a burst of events
        # within a few ms); debounce: the longest a burst is gathered
        for batch in changes(*parents, debounce=1000, step=15, rust_timeout=400, yield_on_timeout=True,
                             watch_filter=lambda _change, path: path.endswith(WATCHED_SUFFIXES)
                             and path.startswith(inside)):
            if not announced:
                print(_("watching {folders} (Ctrl+C to stop)", folders=", ".join(f.as_posix() for f in folders)),
                      flush=True)
                announced = True
            if not batch:
                continue
            names = sorted({Path(p).name for _, p in batch})
            print(_("changed: {files}", files=", ".join(names)), flush=True)
            _run(rebuild, kept, told)
    except KeyboardInterrupt:
        pass
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _run(rebuild: Callable[[], int], kept, told: Callable[[list[str] | None], None] | None = None) -> None:
    lines: list[str] | None = None
    try:
        try:
            rebuild()
        except BrokenProcessPool:  # a kept worker died (the system ran out of memory, say): new ones, once
            if kept is None:
                raise
            print(_("warning: a render worker stopped; starting new ones and building again"), flush=True)
            kept.replace()
            rebuild()
    except ContentError as exc:
        lines = [str(f) for f in exc.findings]
        for line in lines:
            print(line, flush=True)
        print(_("not rebuilt: fix the line(s) above and save again"), flush=True)
    except GeneratorError as exc:
        lines = [str(exc)]
        print(_("error: {problem}", problem=exc), flush=True)
    if told is not None:
        told(lines)
