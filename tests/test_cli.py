"""The command line: exit codes, messages without tracebacks, --only/--content/--out, schema and new."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def test_check_passes_on_shipped_content(shipped_project, run):
    code, out, err = run(shipped_project, "check")
    assert code == 0, err
    assert out.splitlines()[-1] == "checked 1 conference(s), 73 metrics: 0 error(s), 0 warning(s), 9 item(s) withheld"
    assert "› publish: 焦化先进产能占比 (" in out and "value missing" not in out


def test_check_lists_the_gaps_of_the_draft_example(run):
    code, out, err = run(ROOT, "check", "--content", "examples/draft")
    assert code == 0, err
    assert out.splitlines()[-1] == "checked 1 conference(s), 73 metrics: 0 error(s), 8 warning(s)"
    assert "examples/draft/conferences/01-转型发展.yaml:" in out and "焦化先进产能占比: value missing" in out


def test_python_m_generator_runs_without_traceback_on_bad_input(make_project):
    folder = make_project((ROOT / "tests" / "content" / "bad_content" / "unit_inside_number.yaml").read_bytes())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "generator", "deck"], cwd=folder, capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0].startswith("error: content/conference.yaml:17:20: part 1 “第一部分” › theme “经济发展” › "
                                                  "metric gdp › value:")
    assert not (folder / "output").exists()


def test_help_and_usage_errors(run, tmp_path):
    assert run(tmp_path, "--help")[0] == 0
    assert run(tmp_path, "deck", "--help")[0] == 0
    assert run(tmp_path, "frobnicate")[0] == 2
    assert run(tmp_path)[0] == 2


def test_missing_content_folder_is_one_line(run, tmp_path):
    code, _, err = run(tmp_path, "check")
    assert code == 1
    assert err.strip() == "error: content/series.yaml not found (use --content DIR to point at the content folder)"


def test_deck_with_only_content_and_out(shipped_project, run, tmp_path):
    out = tmp_path / "elsewhere"
    code, stdout, err = run(shipped_project, "deck", "--only", "1", "--content", "content", "--out", str(out))
    assert code == 0, err
    path = out / "01-转型发展" / "01-转型发展-发布会.pptx"
    assert path.exists() and len(Presentation(str(path)).slides) > 20
    code, _, err = run(shipped_project, "deck", "--only", "7")
    assert code == 2 and "choose one of: 01-转型发展" in err


def test_unexpected_error_says_bug_and_exits_3(shipped_project, run, monkeypatch):
    import generator.build.pipeline

    def boom(*a, **k):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(generator.build.pipeline, "build", boom)
    code, _, err = run(shipped_project, "deck")
    assert code == 3
    assert "internal error: RuntimeError: kaputt" in err and "--debug" in err and "Traceback" not in err


def test_schema_is_written_and_matches_the_content_modeline(tmp_path, run):
    code, out, _ = run(tmp_path, "schema", "--out", "schema")
    assert code == 0
    schema = json.loads((tmp_path / "schema" / "conference.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert "Metric" in schema["$defs"] and schema["$defs"]["Metric"]["additionalProperties"] is False
    shipped = (ROOT / "assets" / "schema" / "conference.schema.json").read_text(encoding="utf-8")
    assert (tmp_path / "schema" / "conference.schema.json").read_text(encoding="utf-8") == shipped, \
        "assets/schema is stale: run python -m generator schema"
    first = next((ROOT / "content" / "conferences").glob("*.yaml")).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../assets/schema/conference.schema.json"


def test_new_scaffolds_a_valid_next_conference(shipped_project, run):
    code, out, err = run(shipped_project, "new", "--slug", "民生保障")
    assert code == 0, err
    path = shipped_project / "content" / "conferences" / "02-民生保障.yaml"
    assert path.exists()
    series = (shipped_project / "content" / "series.yaml").read_text(encoding="utf-8")
    assert "  - conferences/02-民生保障.yaml" in series and "# 系列发布会的总信息" in series
    code, out, _ = run(shipped_project, "check")
    assert code == 0 and "checked 2 conference(s)" in out
    code, _, err = run(shipped_project, "new", "--slug", "民生保障")
    assert code == 1 and "already used by conference 2" in err
    assert not (shipped_project / "content" / "conferences" / "03-民生保障.yaml").exists()
    code, _, err = run(shipped_project, "new", "--slug", "a/b")
    assert code == 1 and "slug" in err


def test_an_output_path_that_is_a_file_is_exit_1_with_the_path(shipped_project, run):
    (shipped_project / "taken").write_text("not a folder", encoding="utf-8")
    code, _, err = run(shipped_project, "deck", "--out", "taken")
    assert code == 1 and "taken" in err and "Traceback" not in err and "bug" not in err
    assert (shipped_project / "taken").read_text(encoding="utf-8") == "not a folder"


def test_new_writes_any_title_safely(shipped_project, run):
    code, _, err = run(shipped_project, "new", "--slug", "测试", "--title", 'a: b "c" #d')
    assert code == 0, err
    assert run(shipped_project, "check")[0] == 0
    from generator.content.loader import load_project

    project = load_project(shipped_project / "content", shipped_project)
    assert project.conferences[-1].model.title == 'a: b "c" #d'


@pytest.mark.parametrize("slug, words", [("CON", "reserved file name on Windows"), ("测试\u200b", "ZERO WIDTH SPACE"),
                                          ("测试🎉", "PARTY POPPER"), ("a\u202eb", "RIGHT-TO-LEFT OVERRIDE")])
def test_new_refuses_slugs_that_are_unsafe_file_names(shipped_project, run, slug, words):
    code, _, err = run(shipped_project, "new", "--slug", slug)
    assert code == 1 and words in err and "Value error" not in err and "Traceback" not in err
