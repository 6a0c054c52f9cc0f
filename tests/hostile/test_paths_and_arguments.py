"""Hostile paths and arguments (fourth round): a link that loops, a folder listed as a conference, a theme or logo
that is not there, a logo past Pillow's own bomb warning, a title `new` would write and `check` refuse. Each is one
line naming where it is (the file and line, or the argument), in the user's language; before, some were exit 3 or
a traceback, some named no line, some were English in a Chinese run."""
from __future__ import annotations

import os

import pytest

from tests.hostile.conftest import at, cli, edit, refused

THEME = "assets/theme.yaml"
SERIES = "content/series.yaml"


@pytest.mark.parametrize("args", [("deck", "--content", "loop"), ("new", "--content", "loop", "--slug", "x"),
                                  ("check", "--content", "loop"), ("deck", "--out", "loop"),
                                  ("template", "--content", "loop")])
def test_a_link_that_loops_is_one_line_and_exit_2(args, project, run):
    """deck and new ended in exit 3 (RuntimeError: Symlink loop), --out in a traceback from argparse's type check."""
    os.symlink("loop", project / "loop")
    code, _, err = run(project, *args, "--lang", "en")
    errors = [line for line in err.splitlines() if "error" in line]
    assert code == 2 and len(errors) == 1 and "leads round in a loop" in errors[0], err
    assert "Traceback" not in err and not (project / "output").exists()


def test_an_argument_refused_is_said_in_chinese_by_default(project, run):
    """The argument checks were English f-strings in a Chinese run."""
    code, _, err = run(project, "deck", "--out", "/")
    assert code == 2 and "根目录" in err and "root folder" not in err, err


@pytest.mark.parametrize("title", ["a\x01b", "a\x85b"])
def test_new_refuses_a_title_that_check_would_refuse(title, project, run):
    """`new --title` checked its file with another YAML reader than check's: it wrote a file check then refused."""
    before = (project / SERIES).read_bytes()
    code, _, err = run(project, "new", "--lang", "en", "--slug", "民生", "--title", title)
    assert code == 1 and "--title" in err and "control character" in err, err
    assert (project / SERIES).read_bytes() == before and not (project / "content" / "conferences").exists()


CASES = {
    # said "content: not a regular file", naming no line of series.yaml
    "a folder listed as a conference": (SERIES, "  - conference.yaml", "  - .", SERIES, 7, "is a folder"),
    # said "theme 'assets/nope.yaml': file not found" without the series.yaml line that names it
    "a theme that is not there": (SERIES, "theme: assets/theme.yaml", "theme: assets/nope.yaml", SERIES, 5,
                                  "file not found"),
    # the theme file's refusals of the files it names gave no line
    "a logo that is not there": (THEME, "logo: null", "logo: assets/nope.png", THEME, 41, "file not found"),
    "a page template that is not there": (THEME, "page_template: assets/templates/index.html.j2",
                                          "page_template: assets/nope.j2", THEME, 42, "file not found"),
    # a name past the file system's bound (ENAMETOOLONG) was "cannot write or read /tmp/…aaaa…" in 5,000 characters,
    # naming no line of the file that named it
    "a logo named past the file system's bound": (THEME, "logo: null", "logo: " + "a" * 5000 + ".png", THEME, 41,
                                                  "cannot be opened"),
    "a theme named past the file system's bound": (SERIES, "theme: assets/theme.yaml", "theme: " + "t" * 5000,
                                                   SERIES, 5, "cannot be opened"),
    "a conference named past the file system's bound": (SERIES, "  - conference.yaml", "  - " + "c" * 5000 + ".yaml",
                                                        SERIES, 7, "cannot be opened"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_named_file_that_is_not_there_is_refused_at_the_line_that_names_it(name, project, run):
    file, old, new, shown, line, says = CASES[name]
    edit(project / file, old, new)
    code, _, err = run(project, "check", "--lang", "en")
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 1 and at(lines[0], shown, line) and says in lines[0], err


def test_a_logo_past_pillows_bomb_warning_is_refused_in_one_line(project):
    """12,000 × 12,000 pixels: Pillow warned in two lines of Python (DecompressionBombWarning) before our bound."""
    from PIL import Image

    Image.new("1", (12_000, 12_000)).save(project / "assets" / "logo.png")
    edit(project / THEME, "logo: null", "logo: assets/logo.png")
    outcome = cli(project, "check")
    first = refused(outcome, THEME, "12000×12000 pixels")
    assert len(outcome.lines) == 1 and "Warning" not in outcome.err, outcome.err
    assert at(first, THEME, 41)


def test_a_series_period_that_runs_backwards_is_refused_at_its_line(project, run):
    """period: {start: 2025, end: 2021} passed check and printed a period running backwards."""
    edit(project / SERIES, "organisers: [测试单位]\n", "organisers: [测试单位]\nperiod: {name: 十四五, start: 2025, end: 2021}\n")
    code, _, err = run(project, "check", "--lang", "en")
    assert code == 1 and at(err.splitlines()[0], SERIES, 5) and "starts in 2025" in err, err


@pytest.mark.slow  # four child processes
def test_new_run_four_times_at_once_lists_four_conferences_of_four_numbers(project):
    """Each read series.yaml, took the same next number and wrote it back over the others: two files numbered 03,
    two of the four listed, and check passed over the two it no longer saw."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="en_US.UTF-8")
    runs = [subprocess.Popen([sys.executable, "-m", "generator", "new", "--slug", f"s{i}"], cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(4)]
    assert all(p.wait(timeout=60) == 0 for p in runs), [p.stderr.read() for p in runs]
    for p in runs:
        p.stdout.close()
        p.stderr.close()
    files = sorted(p.name for p in (project / "content" / "conferences").iterdir())
    assert sorted(f[:2] for f in files) == ["03", "04", "05", "06"], files
    series = (project / SERIES).read_text(encoding="utf-8")
    assert all(f"conferences/{f}" in series for f in files), series


def test_watch_of_a_content_folder_that_is_not_there_stops_in_one_line(project):
    """It printed the error, then watched assets/ forever: nothing it watched could ever bring the folder."""
    outcome = cli(project, "watch", "--content", "nope", seconds=10)
    refused(outcome, "nope/series.yaml not found")
    assert len(outcome.lines) == 1, outcome.err
