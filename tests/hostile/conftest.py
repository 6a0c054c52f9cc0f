"""The hostile corpus's harness: every case runs the real command line in a child process under a memory ceiling and a
time limit, so a case that would hang or eat the machine fails its test instead of the test run."""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

SECONDS = 10  # no case may take longer
MEMORY = 1 << 30  # nor more than 1 GB of address space


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


# PRESS_TESTS_SERVED=1: every case through a build server (generator/server.py) started for this run, a check that a
# served command behaves as one in its own process, its memory ceiling included. The server's folder is kept in the
# environment: test modules import this file under another name than pytest's own copy of it.
SERVER_DIR = "PRESS_TESTS_SERVER_DIR"


def _environment() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               LC_ALL="en_US.UTF-8")  # the messages in English, as the assertions say them
    if os.environ.get(SERVER_DIR):
        env.update(GENERATOR_SERVER="on", XDG_RUNTIME_DIR=os.environ[SERVER_DIR])
    return env


@pytest.fixture(scope="session", autouse=True)
def _served_if_asked():
    if not os.environ.get("PRESS_TESTS_SERVED"):
        yield
        return
    import tempfile

    os.environ[SERVER_DIR] = tempfile.mkdtemp(prefix="pg-", dir="/tmp")
    server = [sys.executable, "-m", "generator", "server"]
    subprocess.run([*server, "start"], env=_environment(), check=True, capture_output=True)
    yield
    print(subprocess.run([*server, "stop"], env=_environment(), capture_output=True, text=True).stdout)
    shutil.rmtree(os.environ.pop(SERVER_DIR), ignore_errors=True)


def cli(folder: Path, *args: str, seconds: float = SECONDS) -> Outcome:
    """`python -m generator ARGS` in `folder`, bounded; a timeout fails the test, and so does a traceback."""
    env = _environment()
    done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=folder, env=env, capture_output=True,
                          timeout=seconds, preexec_fn=_bounded)
    outcome = Outcome(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
    assert "Traceback" not in outcome.err and outcome.code != 3, outcome.err[-2000:]
    return outcome


@pytest.fixture
def project(tmp_path) -> Path:
    """The shipped assets and the minimal conference, free to spoil."""
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (tmp_path / "content").mkdir()
    shutil.copy(FIXTURES / "series.yaml", tmp_path / "content" / "series.yaml")
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "content" / "conference.yaml")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def at(line: str, file: str, number: int) -> bool:
    """Whether a problem line names `file` at line `number` (file:13:5, or 第13行 in Chinese)."""
    return file in line and (f"{file}:{number}:" in line or f"第{number}行" in line)


def refused(outcome: Outcome, *named: str) -> str:
    """Exit 1 with problem lines that each name what they are about, then the summary; the first problem line."""
    assert outcome.code == 1, (outcome.code, outcome.err[-2000:])
    first = outcome.lines[0]
    for word in named:
        assert word in first, (word, outcome.err)
    return first


def assert_deck_whole(deck: Path) -> None:
    """Every shape of every slide lies on its slide, and the package has no schema error: the deck opens without a
    repair prompt whatever the input made it hold."""
    from pptx import Presentation

    from tests.test_ooxml import audit

    prs = Presentation(str(deck))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height, shape.name
    assert "Errors: 0" in audit(deck)
