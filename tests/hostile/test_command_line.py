"""The command line checks its arguments at the boundary: bytes that are not UTF-8, a port out of range, and an
output folder that is the root, nothing, the home folder or the content folder are refused with exit 2, and nothing
is written anywhere."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_an_argument_that_is_not_utf8_is_one_line_and_exit_2(project):
    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="en_US.UTF-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--content", b"\xb8\xdf\xd6\xd0"], cwd=project,
                          env=env, capture_output=True, timeout=10)
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "is not UTF-8 text" in lines[0], lines


@pytest.mark.parametrize("value", ["70000", "-1", "http"])
def test_a_port_out_of_range_is_refused(value, project, run):
    """Argument checks only: in this process (nothing here can hang or grow)."""
    code, _, err = run(project, "serve", "--lang", "en", "--port", value)
    assert code == 2 and "--port" in err and value in err, err


@pytest.mark.parametrize("out, says", [("/", "the root folder"), ("", "an empty folder name"), ("~", "home folder"),
                                       ("content", "the content folder"), ("content/out", "the content folder")])
def test_an_output_folder_that_is_not_one_of_its_own_is_refused(out, says, project, run):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    code, _, err = run(project, "deck", "--lang", "en", "--out", out)
    assert code == 2 and says in err, err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
