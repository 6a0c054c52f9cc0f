"""The command line checks its arguments at the boundary: bytes that are not UTF-8, a port out of range, and an
output folder that is the root, nothing, the home folder or the content folder are refused with exit 2, and nothing
is written anywhere."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.hostile.conftest import cli


def test_an_argument_that_is_not_utf8_is_one_line_and_exit_2(project):
    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="en_US.UTF-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--content", b"\xb8\xdf\xd6\xd0"], cwd=project,
                          env=env, capture_output=True, timeout=10)
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "is not UTF-8 text" in lines[0], lines


@pytest.mark.parametrize("value", ["70000", "-1", "http"])
def test_a_port_out_of_range_is_refused(value, project):
    outcome = cli(project, "serve", "--port", value)
    assert outcome.code == 2 and "--port" in outcome.err and value in outcome.err, outcome.err


@pytest.mark.parametrize("out, says", [("/", "the root folder"), ("", "an empty folder name"), ("~", "home folder"),
                                       ("content", "the content folder"), ("content/out", "the content folder")])
def test_an_output_folder_that_is_not_one_of_its_own_is_refused(out, says, project):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    outcome = cli(project, "deck", "--out", out)
    assert outcome.code == 2 and says in outcome.err, outcome.err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
