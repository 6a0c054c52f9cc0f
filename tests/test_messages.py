"""The one message catalogue (#28): every message id in the code has its Chinese, the compiled catalogue is the .po's,
Chinese is the default and English comes with --lang en or an English locale, every line starts with 错误/警告
(error/warning) and names the file, the 1-based line and column and a readable path."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import messages
from generator.content.source import readable_path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("catalogue_tool", ROOT / "tools" / "messages.py")
assert spec and spec.loader
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)


def test_every_message_id_in_the_code_has_its_chinese_and_the_mo_is_compiled_from_the_po():
    used = tool.extract()
    assert len(used) > 250  # the code's messages, --help's texts and argparse's own words
    assert "expected a number, got {got}{hint}" in used and "usage: " in used
    assert tool.problems() == []


def test_the_check_catches_a_missing_translation_and_a_stale_mo(tmp_path, monkeypatch):
    po = tmp_path / "generator.po"
    entries = tool.read_po()
    entries.pop("file not found")
    tool.write_po(entries, tool.extract(), po)
    monkeypatch.setattr(tool, "PO", po)
    monkeypatch.setattr(tool, "MO", tmp_path / "generator.mo")
    found = tool.problems()
    assert any("no Chinese for 'file not found'" in p for p in found)
    assert any("not compiled" in p for p in found)


def test_the_compiled_catalogue_reads_back_with_gettext():
    import gettext

    with open(tool.MO, "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    assert catalogue.gettext("error") == "错误"
    assert catalogue.gettext("line {line} uses a full-width colon “：”; type a half-width “:”") == \
        "第{line}行用了全角冒号「：」，请改为半角「:」"


@pytest.mark.parametrize(("environ", "lang"), [({}, "zh"), ({"LANG": "C.UTF-8"}, "zh"), ({"LANG": "zh_CN.UTF-8"}, "zh"),
                                                ({"LANG": "en_US.UTF-8"}, "en"), ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN"}, "en"),
                                                ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}, "zh"),
                                                ({"LANGUAGE": "en", "LANG": "C.UTF-8"}, "en")])
def test_the_language_comes_from_the_first_locale_variable_set(environ, lang):
    assert messages.from_environment(environ) == lang


def test_readable_path_is_one_based_and_names_parts_themes_and_metrics():
    data = {"parts": [{"title": "总体情况"}, {"title": "经济发展各领域取得的新成效",
                                               "themes": [{"title": "经济发展跃上新台阶", "metrics": [{"id": "gdp"}]}]}]}
    path = ("parts", 1, "themes", 0, "metrics", 0, "value")
    assert readable_path(path, data) == "第2部分「经济发展各领域取得的新成效」 › 主题「经济发展跃上新台阶」 › 指标 gdp › 数值"
    messages.use("en")
    try:
        assert readable_path(path, data) == "part 2 “经济发展各领域取得的新成效” › theme “经济发展跃上新台阶” › metric gdp › value"
    finally:
        messages.use("zh")


BAD_VALUE = """\
number: 1
slug: 测试
title: 测试发布会
date: 2025-01-01
source: 测试来源
parts:
  - id: part_a
    title: 第一部分
    themes:
      - id: theme_a
        title: 经济发展跃上新台阶
        highlights:
          - 要点一。
        metrics:
          - id: gdp
            label: 地区生产总值
            value: "73,232"
            unit: 亿元
            year: 2024
"""


def test_a_content_error_in_chinese_by_default_and_in_english_with_lang_en(make_project, run):
    folder = make_project(BAD_VALUE)
    code, _out, err = run(folder, "check")
    assert code == 1
    first, last = err.splitlines()[0], err.splitlines()[-1]
    assert first == ("错误：content/conference.yaml 第17行第20列：第1部分「第一部分」 › 主题「经济发展跃上新台阶」 › 指标 gdp › 数值："
                     "应为数字，这里是 \"73,232\"（不要千分位逗号：写成 73232）")
    assert last == "共 1 个错误；没有写入任何内容。"
    code, _out, err = run(folder, "--lang", "en", "check")
    assert code == 1
    assert err.splitlines()[0] == ('error: content/conference.yaml:17:20: part 1 “第一部分” › theme “经济发展跃上新台阶” › metric gdp › '
                                   'value: expected a number, got "73,232" (write it without the thousands separators: 73232)')
    code, _out, err = run(folder, "check", "--lang", "en")  # after the command too
    assert err.startswith("error: content/conference.yaml:17:20")


def test_an_english_lang_gives_english_and_help_is_translated(make_project):
    folder = make_project(BAD_VALUE)
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env["PYTHONPATH"] = str(ROOT)
    english = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=folder, capture_output=True, text=True,
                             env={**env, "LANG": "en_US.UTF-8"})
    assert english.returncode == 1 and english.stderr.startswith("error: content/conference.yaml:17:20: part 1")
    chinese = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=folder, capture_output=True, text=True,
                             env=env)
    assert chinese.returncode == 0
    assert chinese.stdout.startswith("用法：python -m generator")
    assert "检查全部内容：格式、数字运算、缺失的数值" in chinese.stdout and "显示本帮助并退出" in chinese.stdout
    usage = subprocess.run([sys.executable, "-m", "generator", "chek"], cwd=folder, capture_output=True, text=True, env=env)
    assert usage.returncode == 2 and "错误：python -m generator：参数 COMMAND：无效的选择：'chek'" in usage.stderr


def test_warnings_start_with_警告(draft_project, run):
    code, out, _err = run(draft_project, "check")
    assert code == 0
    lines = [line for line in out.splitlines() if "待补充" in line or "待核对" in line]
    assert lines and all(line.startswith(("警告：", "不公开：")) for line in lines)
    assert any(line.startswith("警告：content/") and "行第" in line for line in lines)
