"""A build with nothing to do stops before loading anything; any change to what it read or wrote builds again."""
from __future__ import annotations

import subprocess
import sys

import pytest

FAST = "nothing changed since the last build"

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


@pytest.fixture
def built(draft_project, run):
    """The draft example built once (a draft: its report names the values shown as 待补充)."""
    code, out, err = run(draft_project, "deck")
    assert code == 0 and FAST not in out, err
    return draft_project


def deck_of(folder):
    [path] = list((folder / "output").rglob("*.pptx"))
    return path


def test_a_second_build_with_nothing_changed_writes_nothing_and_says_so(built, run):
    deck = deck_of(built)
    before = deck.stat().st_mtime_ns
    code, out, _ = run(built, "deck")
    assert code == 0 and FAST in out and f"up to date: output/{deck.relative_to(built / 'output').as_posix()}" in out
    # the draft example's 8 gaps, as the first build counted them: 6 values missing, 2 figures unconfirmed
    assert "6 value(s) shown as 待补充" in out and "2 figure(s) highlighted as 待核对" in out
    assert deck.stat().st_mtime_ns == before


def test_the_summary_counts_only_what_the_build_shows(draft_project, run):
    """A build's summary names the gaps its own outputs show: 待补充 for missing values, 待核对 for unconfirmed
    figures (an ingest draft has only those), and nothing of a conference --only left out."""
    code, out, _ = run(draft_project, "deck", "--no-cache")
    assert code == 0 and "6 value(s) shown as 待补充" in out and "2 figure(s) highlighted as 待核对" in out
    conference = next((draft_project / "content" / "conferences").glob("*.yaml"))
    text = conference.read_text(encoding="utf-8")
    for line in [x for x in text.splitlines() if x.strip().startswith("value: null")]:
        text = text.replace(line, line.replace("value: null", "value: 1"), 1)
    conference.write_text(text.replace("growth: {rate: null", "growth: {rate: 1"), encoding="utf-8")
    code, out, err = run(draft_project, "deck", "--no-cache")
    assert code == 0, err
    assert "待补充" not in out and "2 figure(s) highlighted as 待核对" in out


def test_the_quick_answer_imports_neither_the_pipeline_nor_the_document_libraries(built):
    probe = ("import sys; from generator.cli import main; code = main(['deck']); "
             "print(code, [m for m in ('generator.build.pipeline', 'pptx', 'docx', 'pydantic', 'jinja2') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", probe], cwd=built, capture_output=True, text=True, check=True)
    assert FAST in done.stdout and done.stdout.strip().endswith("0 []"), done.stdout


@pytest.mark.parametrize("change", ["content", "added file", "theme", "output damaged", "output deleted",
                                    "other options", "no cache", "generator", "record damaged"])
def test_any_change_to_what_a_build_read_or_wrote_builds_again(built, run, change, monkeypatch):
    deck = deck_of(built)
    conference = next((built / "content" / "conferences").glob("*.yaml"))
    args = ["deck"]
    if change == "content":
        conference.write_text(conference.read_text(encoding="utf-8").replace("value: 3.7\n", "value: 3.8\n", 1),
                              encoding="utf-8")
    elif change == "added file":
        (built / "content" / "notes.txt").write_text("新的说明", encoding="utf-8")
    elif change == "theme":
        theme = built / "assets" / "theme.yaml"
        theme.write_text(theme.read_text(encoding="utf-8").replace("title: 28", "title: 30"), encoding="utf-8")
    elif change == "output damaged":
        deck.write_bytes(b"not a deck")
    elif change == "output deleted":
        deck.unlink()
    elif change == "other options":
        args = ["deck", "--only", "1"]
    elif change == "no cache":
        args = ["deck", "--no-cache"]
    elif change == "generator":
        import generator.build.up_to_date as up_to_date

        monkeypatch.setattr(up_to_date, "_fingerprint", lambda: "a newer generator")
    elif change == "record damaged":
        (built / "output" / ".cache" / "last-builds.json").write_text("{not json", encoding="utf-8")
    code, out, err = run(built, *args)
    assert code == 0, err
    assert FAST not in out and "Traceback" not in err
    assert deck.is_file() and deck.read_bytes()[:2] == b"PK"


def test_a_failed_build_is_not_remembered(built, run):
    conference = next((built / "content" / "conferences").glob("*.yaml"))
    good = conference.read_text(encoding="utf-8")
    conference.write_text(good.replace("value: 3.7\n", "value: [\n", 1), encoding="utf-8")
    assert run(built, "deck")[0] == 1
    conference.write_text(good, encoding="utf-8")
    code, out, _ = run(built, "deck")  # back as it was when last built: nothing to do
    assert code == 0 and FAST in out


def test_another_source_date_epoch_builds_again(built, run, monkeypatch):
    """SOURCE_DATE_EPOCH dates the zip entries: set or changed, the outputs differ, so nothing is up to date."""
    deck = deck_of(built)
    before = deck.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, out, err = run(built, "deck")
    assert code == 0 and FAST not in out and "up to date" not in out.split("\n")[0], err
    assert deck.read_bytes() != before


def test_a_file_saved_while_a_build_runs_is_built_next_time(shipped_project, run, monkeypatch):
    """The inputs are hashed before they are read: a save during the build (watch: the editor saves again while
    the deck is written) is no part of what the build recorded, so the next build sees it."""
    import generator.build.pipeline as pipeline

    conference = next((shipped_project / "content" / "conferences").glob("*.yaml"))
    good = conference.read_text(encoding="utf-8")
    real_build = pipeline.build

    def build_then_save(*args, **kwargs):
        result = real_build(*args, **kwargs)
        conference.write_text(good.replace("value: 3.7\n", 'value: "3.7%"\n', 1), encoding="utf-8")
        return result

    monkeypatch.setattr(pipeline, "build", build_then_save)
    assert run(shipped_project, "deck")[0] == 0
    monkeypatch.setattr(pipeline, "build", real_build)
    code, out, err = run(shipped_project, "deck")
    assert code == 1 and FAST not in out and 'expected a number, got "3.7%"' in err
