"""Shared fixtures: the project folder, small projects made from one conference file, and the built deck."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _messages_in_chinese(monkeypatch):
    """Messages in the default language, Chinese, whatever the machine's locale (tests of English pass --lang en or
    use the `english` fixture)."""
    from generator import messages

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    # a UTF-8 locale that names no language: messages stay Chinese, and the programs tests start (LibreOffice) can
    # still open files with Chinese names, which under the bare C locale they cannot
    monkeypatch.setenv("LANG", "C.UTF-8")
    messages.use("zh")
    yield
    messages.use("zh")


@pytest.fixture(autouse=True)
def _no_build_server(monkeypatch):
    """Every command a test starts runs in its own process, even where the developer runs a build server
    (generator/server.py); tests/test_server.py starts its own, in a folder of its own."""
    monkeypatch.setenv("GENERATOR_SERVER", "off")


@pytest.fixture
def english():
    """Messages in English for one test (for tests that read messages without the command line)."""
    from generator import messages

    messages.use("en")
    yield
    messages.use("zh")


@pytest.fixture
def make_project(tmp_path):
    """A project folder with the shipped theme and one conference file holding `text` (str or bytes)."""

    def make(text: str | bytes | None = None) -> Path:
        if not (tmp_path / "assets").exists():
            shutil.copytree(ROOT / "assets", tmp_path / "assets")
        content = tmp_path / "content"
        content.mkdir(exist_ok=True)
        shutil.copy(FIXTURES / "series.yaml", content / "series.yaml")
        if text is None:
            text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (content / "conference.yaml").write_bytes(data)
        return tmp_path

    return make


@pytest.fixture
def shipped_project(tmp_path):
    """A copy of the shipped content and assets, free to modify."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path


DRAFT = ROOT / "examples" / "draft"  # the shipped conference before its gaps were withheld: a draft, kept to be tested


@pytest.fixture
def draft_project(tmp_path):
    """The draft example (examples/draft: conference (一) with its 8 gaps as they are) as a project's content folder,
    with the shipped assets."""
    shutil.copytree(DRAFT, tmp_path / "content")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the CLI in a folder; returns (exit code, stdout, stderr)."""
    from generator.cli import main

    def call(folder: Path, *args: str):
        monkeypatch.chdir(folder)
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def main_in(folder: Path, *args: str) -> int:
    """The CLI run in `folder` (for module-scoped fixtures, where the function-scoped `run` cannot be used)."""
    import os

    from generator.cli import main

    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return main(list(args))
    finally:
        os.chdir(cwd)


def build_one(project, out, kind: str):
    """Build one kind of output of the project's conferences into `out`; the written file."""
    from generator.build.pipeline import build

    [path] = build(project, project.conferences, out, (kind,)).written
    return path


def _build_shipped(tmp_path_factory, kind: str, content: Path = ROOT / "content"):
    """The shipped conference's deck or briefing (or the draft example's), built once, with the project it came from."""
    from generator.content.loader import load_project

    project = load_project(content, ROOT)
    return build_one(project, tmp_path_factory.mktemp(kind), kind), project


@pytest.fixture(scope="session")
def built_deck(tmp_path_factory):
    return _build_shipped(tmp_path_factory, "deck")


@pytest.fixture(scope="session")
def built_brief(tmp_path_factory):
    return _build_shipped(tmp_path_factory, "brief")


@pytest.fixture(scope="session")
def built_draft_deck(tmp_path_factory):
    """The draft example's deck (examples/draft: gaps shown as 待补充, every slide marked 草稿)."""
    return _build_shipped(tmp_path_factory, "deck", DRAFT)


@pytest.fixture(scope="session")
def built_draft_brief(tmp_path_factory):
    return _build_shipped(tmp_path_factory, "brief", DRAFT)
