"""`watch`: rebuild whenever a content, template or theme file is saved; a bad save reports and keeps watching."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import ContentError, GeneratorError

WATCHED_SUFFIXES = (".yaml", ".yml", ".j2", ".html", ".pptx", ".docx", ".png", ".jpg", ".ttf", ".otf", ".ttc")


def watch(args, rebuild: Callable[[], int]) -> int:
    from watchfiles import watch as changes

    folders = [Path(args.content), Path("assets")]
    folders = [f for f in folders if f.is_dir()]
    _run(rebuild)
    announced = False
    try:
        # yield_on_timeout: the first (empty) yield comes once the watcher is running, which is when
        # "watching" is true; a save made before that would go unnoticed
        # step: a save is built once the folder has been quiet that long (an editor's save is a burst of events
        # within a few ms); debounce: the longest a burst is gathered
        for batch in changes(*folders, debounce=1000, step=15, rust_timeout=400, yield_on_timeout=True,
                             watch_filter=lambda _change, path: path.endswith(WATCHED_SUFFIXES)):
            if not announced:
                print(f"watching {', '.join(f.as_posix() for f in folders)} (Ctrl+C to stop)", flush=True)
                announced = True
            if not batch:
                continue
            names = sorted({Path(p).name for _, p in batch})
            print(f"changed: {', '.join(names)}", flush=True)
            _run(rebuild)
    except KeyboardInterrupt:
        pass
    return 0


def _run(rebuild: Callable[[], int]) -> None:
    try:
        rebuild()
    except ContentError as exc:
        for f in exc.findings:
            print(f, flush=True)
        print("not rebuilt: fix the line(s) above and save again", flush=True)
    except GeneratorError as exc:
        print(f"error: {exc}", flush=True)
