"""watch: a saved content file is rebuilt; a bad save is reported and watching goes on."""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT

CONF = "content/conferences/01-转型发展.yaml"

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


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


def start_watch(project) -> tuple[subprocess.Popen, queue.Queue, threading.Thread]:
    """`watch` running in the project, with a thread putting each line it prints on the queue."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "generator", "watch", "--lang", "en"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in proc.stdout], daemon=True)
    reader.start()
    return proc, lines, reader


def test_watch_rebuilds_on_save_and_survives_a_bad_save(shipped_project):
    proc, lines, reader = start_watch(shipped_project)
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


@pytest.mark.slow  # a watch process and two builds
def test_watch_hears_saves_in_a_content_folder_replaced_whole(shipped_project):
    """An editor's sync tool replaces the content folder whole (a new folder renamed into place): watch goes on
    hearing the saves in the new one (it watched the old folder's inode and heard nothing more)."""
    proc, lines, reader = start_watch(shipped_project)
    try:
        wait_for(lines, "watching content")
        deck = shipped_project / "output" / "01-转型发展" / "01-转型发展-发布会.pptx"
        first = deck.read_bytes()
        content = shipped_project / "content"
        fresh = shipped_project / "content.new"
        shutil.copytree(content, fresh)
        shutil.rmtree(content)
        fresh.rename(content)
        time.sleep(1.5)  # the replacement itself may be built; then a save in the new folder
        conf = shipped_project / CONF
        text = conf.read_text(encoding="utf-8")
        conf.write_text(text.replace("value: 3.7\n", "value: 3.8\n", 1), encoding="utf-8")
        deadline = time.monotonic() + 30
        while deck.read_bytes() == first and time.monotonic() < deadline:
            time.sleep(0.2)
        assert deck.read_bytes() != first
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        reader.join(timeout=10)
        proc.stdout.close()


def test_a_render_worker_that_died_is_replaced_and_the_build_done_again(capsys):
    from concurrent.futures.process import BrokenProcessPool

    from generator.build.workers import KeptWorkers
    from generator.publish.watch import _run

    calls: list[int] = []

    def rebuild() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise BrokenProcessPool("a child process terminated abruptly")
        return 0

    class Kept(KeptWorkers):
        replaced = 0

        def replace(self) -> None:
            self.replaced += 1

    kept = Kept(2)
    _run(rebuild, kept)
    assert len(calls) == 2 and kept.replaced == 1
    assert "starting new ones" in capsys.readouterr().out


def test_watch_killed_outright_takes_its_workers_with_it(shipped_project):
    """SIGKILL skips watch's shutdown: the kept workers end anyway, and none holds its output."""
    import signal

    proc, lines, reader = start_watch(shipped_project)
    try:
        wait_for(lines, "watching content")
        conf = shipped_project / CONF
        conf.write_text(conf.read_text(encoding="utf-8").replace("value: 3.7\n", "value: 3.8\n", 1), encoding="utf-8")
        wait_for(lines, "done in")
        children = _children(proc.pid)
        assert len(children) >= 2  # the kept workers (and multiprocessing's resource tracker, maybe)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    reader.join(timeout=10)
    assert not reader.is_alive(), "a process started by watch still holds its output"
    end = time.monotonic() + 10
    while time.monotonic() < end and any(_alive(pid) for pid in children):
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)], "a worker of watch outlived it"
    proc.stdout.close()


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc (field 4 of stat is the parent)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().split(")")[-1].split()[1]) == pid:
                        found.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                continue
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False
