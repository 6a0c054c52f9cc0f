"""The press release and the host's script as output kinds: built by `build`, marked 草稿 in a draft and refused by
--final, the same bytes every time, remade only when what they are made from changes, their wording overridden in
the theme or the content, a bad wording refused with its line."""
from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document

from generator.build.kinds import KINDS
from tests.conftest import DRAFT

KINDS_MADE = ("release", "script")
CONF = "content/conferences/01-转型发展.yaml"

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def build_here(folder, out=None, use_cache: bool = True):
    from generator.build.pipeline import build
    from generator.content.loader import load_project

    project = load_project(folder / "content", folder)
    return build(project, project.conferences, out or folder / "output", KINDS_MADE, jobs=1, use_cache=use_cache)


def texts(path) -> list[str]:
    return [p.text.replace("\u2060", "") for p in Document(str(path)).paragraphs]


def named(result, suffix: str):
    [path] = [p for p in result.written if p.name.endswith(suffix)]
    return path


def test_the_build_command_makes_both_and_the_registry_knows_them():
    from generator.cli import BUILDS

    kinds, _, _ = BUILDS["build"]
    assert {"release", "script"} <= set(kinds)
    assert KINDS["release"].file_name == "新闻通稿.docx" and KINDS["script"].file_name == "主持词.docx"
    assert KINDS["release"].package and KINDS["script"].package  # zips the writer dates and orders


def test_the_same_content_gives_the_same_bytes_and_a_second_build_keeps_them(shipped_project, tmp_path):
    first = build_here(shipped_project)
    other = build_here(shipped_project, tmp_path / "elsewhere", use_cache=False)
    for suffix in ("新闻通稿.docx", "主持词.docx"):
        a, b = named(first, suffix), named(other, suffix)
        assert a.read_bytes() == b.read_bytes(), suffix
        assert len({i.date_time for i in zipfile.ZipFile(a).infolist()}) == 1  # every entry dated alike
    again = build_here(shipped_project)
    assert not again.written and len(again.skipped) == 2
    conf = shipped_project / CONF
    conf.write_text(conf.read_text(encoding="utf-8").replace("value: 2458.8", "value: 2458.9", 1), encoding="utf-8")
    edited = build_here(shipped_project)
    assert len(edited.written) == 2 and any("2458.9亿元" in t for t in texts(named(edited, "新闻通稿.docx")))


def test_a_draft_is_marked_on_every_page_and_final_refuses_it(tmp_path, run):
    import shutil

    shutil.copytree(DRAFT, tmp_path / "content")
    shutil.copytree(DRAFT.parent.parent / "assets", tmp_path / "assets")
    result = build_here(tmp_path)
    for suffix in ("新闻通稿.docx", "主持词.docx"):
        doc = Document(str(named(result, suffix)))
        headers = [doc.sections[0].header, doc.sections[0].even_page_header]
        assert all(h.paragraphs[0].text.replace("\u2060", "") == "草稿" for h in headers), suffix
    gaps = [r for p in Document(str(named(result, "新闻通稿.docx"))).paragraphs for r in p.runs if "待补充" in r.text]
    assert all(r.text == "待补充" and r.font.highlight_color is not None for r in gaps)  # highlighted, if any
    shutil.rmtree(tmp_path / "output")
    code, _, err = run(tmp_path, "build", "--final", "--no-pdf")
    assert code == 1 and "not final" in err
    assert not list(tmp_path.glob("output/**/*新闻通稿.docx")) and not list(tmp_path.glob("output/**/*主持词.docx"))


def test_the_script_takes_its_wording_from_the_theme_and_the_conference(shipped_project):
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace(
        "greeting: 各位记者朋友，大家好！欢迎出席{subject}。", "greeting: 女士们、先生们，欢迎出席{subject}。"), encoding="utf-8")
    conf = shipped_project / CONF
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        "source: 《晋中日报》", "script:\n  closing: 今天的发布会就到这里，谢谢{city}各界的关心！\nsource: 《晋中日报》", 1),
        encoding="utf-8")
    script = texts(named(build_here(shipped_project), "主持词.docx"))
    assert "女士们、先生们，欢迎出席晋中市辉煌“十四五”系列主题新闻发布会。" in script  # the theme's
    assert "今天的发布会就到这里，谢谢晋中市各界的关心！" in script  # the conference's, over the theme's
    assert not any(t.startswith("本场发布会到此结束") for t in script)
    assert any("现在开始提问" in t for t in script)  # what neither overrides stays the house's


@pytest.mark.parametrize("where, text, field", [
    (CONF, "script:\n  closing: 谢谢{name}！\nsource: 《晋中日报》", "script › closing"),
    ("assets/theme.yaml", None, "script › greeting"),
])
def test_a_wording_with_an_unknown_slot_is_refused_with_its_line(shipped_project, run, where, text, field):
    path = shipped_project / where
    old = path.read_text(encoding="utf-8")
    new = (old.replace("source: 《晋中日报》", text, 1) if text else old.replace("欢迎出席{subject}", "欢迎出席{subjet}"))
    path.write_text(new, encoding="utf-8")
    code, _, err = run(shipped_project, "check")
    assert code == 1, err
    [line] = [x for x in err.splitlines() if field in x]
    assert re.match("error: " + re.escape(where) + r":\d+:\d+: " + re.escape(field) + ": unknown slot", line), line
    assert "Traceback" not in err
