"""Concurrency and the up-to-date record: one build at a time into a folder (a second one waits, then says "busy"
in one line), "nothing changed" only when it is so, and the record never reads what the build does not use: a big
file left in the content folder, or what a link out of the project points at."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.hostile.conftest import cli, refused


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_a_second_build_into_a_busy_folder_waits_then_says_busy_in_one_line(project):
    """The lock is held here by a process that keeps it: the build waits its few seconds, then refuses."""
    from generator.build.lock import lock_path

    lock = lock_path(project / "output")
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
                               "fcntl.lockf(fd, fcntl.LOCK_EX); os.write(fd, b'4242'); print('held', flush=True); "
                               "time.sleep(30)", str(lock)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        outcome = cli(project, "deck")
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    first = refused(outcome, "output: busy", "process 4242")
    assert len(outcome.lines) == 1 and waited >= 3, (first, waited)
    assert not (project / "output").exists()
    assert cli(project, "deck").code == 0  # the lock went with its process


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_two_builds_of_different_content_into_one_folder_never_say_nothing_changed_over_each_other(project):
    """Builds of two content folders into one --out, the second while the first runs: each waits for the other, and
    each one's "nothing changed" is said only over its own files."""
    other = project / "other"
    (other).mkdir()
    for name in ("series.yaml", "conference.yaml"):
        text = (project / "content" / name).read_text(encoding="utf-8")
        (other / name).write_text(text.replace("2458.8", "2459.9").replace("1622.6", "1623.7"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="en_US.UTF-8")
    both = [subprocess.Popen([sys.executable, "-m", "generator", "deck", "--content", folder, "--jobs", "1"],
                             cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for folder in ("content", "other")]
    for p in both:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    from pptx import Presentation

    def figures() -> str:
        [deck] = (project / "output").rglob("*.pptx")
        return "".join(sh.text_frame.text for s in Presentation(str(deck)).slides for sh in s.shapes
                       if sh.has_text_frame)

    last = "2459.9" if "2459.9" in figures() else "2458.8"
    again = "content" if last == "2459.9" else "other"  # the one whose files were overwritten
    outcome = cli(project, "deck", "--content", again, "--jobs", "1")
    assert outcome.code == 0 and "1 file(s) written" in outcome.out, outcome.out  # made again, not "unchanged"
    assert ("2458.8" if again == "content" else "2459.9") in figures()


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_the_record_reads_no_big_unused_file_and_follows_no_link_out_of_the_project(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.yaml"
    outside.write_text("a file outside the project\n", encoding="utf-8")
    (project / "content" / "outside.yaml").symlink_to(outside)
    with (project / "content" / "video.mp4").open("wb") as fh:  # sparse: 5 GB that the record must not read
        fh.truncate(5 << 30)
    assert cli(project, "deck").code == 0
    started = time.monotonic()
    outcome = cli(project, "deck")
    assert outcome.code == 0 and time.monotonic() - started < 5
    assert "nothing changed" in outcome.out, outcome.out  # told at once, the 5 GB unread
    import json

    [record] = json.loads((project / "output" / ".cache" / "last-builds.json").read_text(encoding="utf-8")).values()
    inputs = {k.rsplit("/", 1)[-1]: v for k, v in record["inputs"].items()}
    assert inputs["outside.yaml"] == f"link:{outside}"  # the link, not what it points at
    assert inputs["video.mp4"].startswith("stat:5368709120:")  # its size and time, not its 5 GB
    outside.write_text("changed outside\n", encoding="utf-8")  # not an input: still nothing to do
    assert "nothing changed" in cli(project, "deck").out
    (project / "content" / "video.mp4").unlink()  # a file gone from the folder is a change to look at
    assert "nothing changed" not in cli(project, "deck").out
