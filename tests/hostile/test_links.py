"""No input is read through a link that leaves the project: a series.yaml that links to a file outside the content
folder is refused in one line, and nothing of its target is shown (it used to echo the first line of /etc/passwd); a
loop of links is said at the line that names it."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT
from tests.hostile.conftest import at, cli, edit, refused


def test_a_series_file_linked_out_of_the_content_folder_is_refused_without_its_text(tmp_path, run):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("root:x:0:0:secret-line\n", encoding="utf-8")
    series = tmp_path / "content" / "series.yaml"
    series.unlink()
    series.symlink_to(outside)
    code, out, err = run(tmp_path, "check")
    assert code == 1 and "secret-line" not in out + err and "root:x" not in out + err
    assert err.strip().splitlines()[0].startswith("错误：content/series.yaml")
    assert not (tmp_path / "output").exists()


def test_a_series_file_linked_inside_the_content_folder_is_read(tmp_path, run):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    series = tmp_path / "content" / "series.yaml"
    (tmp_path / "content" / "series-real.yaml").write_bytes(series.read_bytes())
    series.unlink()
    series.symlink_to("series-real.yaml")
    code, _, err = run(tmp_path, "check")
    assert code == 0, err


LOOPS = {  # a link to itself where the project names a file: (what is edited, the line the refusal names)
    "a series entry": ("content/series.yaml", "  - conference.yaml", "  - conference.yaml\n  - loop.yaml",
                       "content/series.yaml", 8),
    "the theme": ("content/series.yaml", "theme: assets/theme.yaml", "theme: content/loop.yaml", "content/series.yaml", 5),
    "the logo": ("assets/theme.yaml", "logo: null", "logo: content/loop.yaml", "assets/theme.yaml", 41),
}


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_a_file_named_through_a_loop_of_links_is_refused_at_the_line_that_names_it(name, project):
    """Python 3.11's resolve() raises RuntimeError on a loop of links, not the OSError the readers caught: check and
    build ended in exit 3 (RuntimeError: Symlink loop) for a series entry, a theme or a logo linked to itself."""
    file, old, new, shown, line = LOOPS[name]
    (project / "content" / "loop.yaml").symlink_to("loop.yaml")
    edit(project / file, old, new)
    for command in (("check",), ("build", "--no-pdf")):
        first = refused(cli(project, "--lang", "en", *command), "symbolic links")
        assert at(first, shown, line), first
    assert not (project / "output").exists()


def test_a_stray_loop_of_links_in_the_content_folder_builds(project):
    """No file names it, so check passed; the build's up-to-date record resolved it and ended in exit 3."""
    (project / "content" / "loop.yaml").symlink_to("loop.yaml")
    assert cli(project, "check").code == 0
    assert cli(project, "build", "--no-pdf").code == 0
