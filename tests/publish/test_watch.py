"""watch: a saved content file is rebuilt; a bad save is reported and watching goes on."""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time

from tests.conftest import ROOT

CONF = "content/conferences/01-转型发展.yaml"


def wait_for(lines: queue.Queue, words: str, timeout: float = 90) -> list[str]:
    seen, end = [], time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if words in line:
            return seen
    raise AssertionError(f"no line with {words!r} within {timeout} s; saw: {seen[-10:]}")


def test_watch_rebuilds_on_save_and_survives_a_bad_save(shipped_project):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "generator", "watch"], cwd=shipped_project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in proc.stdout], daemon=True)
    reader.start()
    try:
        wait_for(lines, "watching content")
        deck = shipped_project / "output" / "01-转型发展" / "01-转型发展-发布会.pptx"
        first = deck.read_bytes()
        conf = shipped_project / CONF
        text = conf.read_text(encoding="utf-8")
        conf.write_text(text.replace("value: 3.7\n", "value: 3.8\n", 1), encoding="utf-8")
        wait_for(lines, "changed: 01-转型发展.yaml")
        wait_for(lines, "done in")
        assert deck.read_bytes() != first
        conf.write_text(text.replace("value: 3.7\n", 'value: "3.7%"\n', 1), encoding="utf-8")
        seen = wait_for(lines, "not rebuilt")
        assert any('expected a number, got "3.7%"' in line for line in seen)
        assert proc.poll() is None  # still watching
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        # no worker process of watch outlives it still holding its output (the reader would wait for ever)
        reader.join(timeout=10)
        assert not reader.is_alive(), "a process started by watch still holds its output"
        proc.stdout.close()
