"""No input is read through a link that leaves the project: a series.yaml that links to a file outside the content
folder is refused in one line, and nothing of its target is shown (it used to echo the first line of /etc/passwd)."""
from __future__ import annotations

import shutil

from tests.conftest import ROOT


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
