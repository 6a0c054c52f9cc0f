"""The set-up an office PC follows (#28): the README opens with the two commands and the system packages, the lock file
pins the environment CI tests, matplotlib is an optional extra whose absence gives one clear line."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_the_two_commands_then_the_system_packages_and_windows():
    head = README[:3000]
    first = head.index('pip install -e . && python -m generator deck')
    second = head.index('pip install -e ".[test]" && python -m pytest')
    apt = head.index("sudo apt-get install")
    windows = head.index("Windows")
    assert first < second < apt < windows
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    packages = set(re.findall(r"need_apt\+=\(([^)]*)\)", ci))
    wanted = {p for group in packages for p in group.split()}
    line = next(line for line in head.splitlines() if "sudo apt-get install" in line)
    assert wanted <= set(line.split()), wanted - set(line.split())  # every package CI installs for the tests
    assert re.search(r'pip install (-q )?-e "\.\[test\]" && python -m pytest', ci)  # CI runs the README's command


def test_the_editor_guide_in_chinese_is_near_the_top():
    start = README.index("## 编辑指南")
    assert start < 6000
    guide = README[start:README.index("\n## ", start + 5)]
    for step in ("python -m generator build", "python -m generator check", "content/conferences/01-转型发展.yaml",
                 "output/", "UTF-8"):
        assert step in guide, step


def test_the_lock_file_pins_every_dependency_of_the_project_and_its_test_extra():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {re.sub(r"[-_.]+", "-", m.group(1)).lower(): m.group(2)
              for m in re.finditer(r"(?m)^([A-Za-z0-9_.-]+)==(\S+)", lock)}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"],
              *project["optional-dependencies"]["pictures"]]
    for requirement in wanted:
        name = re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)).lower()
        assert name in pinned, name
    assert "requirements.lock" in README[:4000]


def test_matplotlib_is_an_optional_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.startswith("matplotlib") for d in project["dependencies"])
    assert any(d.startswith("matplotlib") for d in project["optional-dependencies"]["pictures"])
    assert any(d.startswith("matplotlib") for d in project["optional-dependencies"]["test"])


def test_picture_charts_without_matplotlib_give_one_clear_line(shipped_project, run, monkeypatch):
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "brief_charts: picture\n", encoding="utf-8")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a, **kw: None if name == "matplotlib" else real(name, *a, **kw))
    code, _out, err = run(shipped_project, "brief", "--jobs", "1")
    assert code == 1
    assert err.strip() == ('错误：主题设了 brief_charts: picture，需要 matplotlib，但没有安装：请运行 pip install -e ".[pictures]"，'
                           '或改为 brief_charts: native')
