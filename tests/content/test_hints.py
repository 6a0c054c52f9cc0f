"""Hints that are right (#28): each slip an editor with a Chinese input method makes gets the line it is on and what
to write instead, in Chinese by default. The fixture's lines are edited one at a time; each test names the true line."""
from __future__ import annotations

from pathlib import Path

import pytest

MINIMAL = (Path(__file__).resolve().parent.parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
HEAD = "错误：content/conference.yaml "
GDP = "第1部分「第一部分」 › 主题「经济发展」 › 指标 gdp › "


def first_error(make_project, run, old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, old
    code, _out, err = run(make_project(MINIMAL.replace(old, new)), "check")
    assert code == 1, err
    assert "Traceback" not in err
    return err.splitlines()[0]


CASES = {
    # thousands separators: the whole figure, not 7323 with "2" as its unit
    "thousands": ("value: 2458.8", 'value: "73,232"',
                  GDP + "数值：应为数字，这里是 \"73,232\"（不要千分位逗号：写成 73232）", 17, 20),
    "thousands_fullwidth_comma": ("value: 2458.8", "value: 73，232",
                                  GDP + "数值：应为数字，这里是 \"73，232\"（不要千分位逗号：写成 73232）", 17, 20),
    "year_with_年": ("year: 2024", "year: 2024年", GDP + "年份：应为整数，这里是 \"2024年\"（年份只写数字：写成 2024）", 19, 19),
    "unit_in_value": ("value: 2458.8", "value: 2458.8亿元",
                      GDP + "数值：应为数字，这里是 \"2458.8亿元\"（数字单独写：value: 2458.8，把“亿元”写进 unit）", 17, 20),
    "fullwidth_colon": ("            unit: 亿元\n            year: 2024", "            unit：亿元\n            year: 2024",
                        "第18行用了全角冒号「：」，请改为半角「:」", 18, 17),
    "fullwidth_colon_on_a_list_item": ("  - id: part_a", "  - id：part_a", "第7行用了全角冒号「：」，请改为半角「:」", 7, 7),
    "fullwidth_comma_in_a_list": ("parts: [share_1, share_2]", "parts: [share_1，share_2]",
                                  "第39行列表项之间用了全角逗号「，」，请改为半角「,」", 39, 28),
    "fullwidth_space_after_colon": ("slug: 测试", "slug:\u3000测试", "第2行「:」后面用了全角空格，请改为半角空格", 2, 6),
    "fullwidth_space_indent": ("        title: 经济发展", "\u3000\u3000title: 经济发展",
                               "第11行用了全角空格「\u3000」缩进，请改为半角空格", 11, 1),
    "indented_too_little": ("        title: 经济发展", "       title: 经济发展",
                            "第11行从第8列开始，与第10行（从第9列开始）对不齐；同一层的行要从同一列开始", 11, 8),
    "indented_too_deep": ("            value: 2458.8\n            unit: 亿元\n", "            value: 2458.8\n              unit: 亿元\n",
                          "第18行比第17行缩进更深，但第17行的字段已经有值；请让它和同一层的字段一样从第13列开始", 18, 19),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hint_names_its_true_line(name, make_project, run):
    old, new, message, line, col = CASES[name]
    first = first_error(make_project, run, old, new)
    assert first == f"{HEAD}第{line}行第{col}列：{message}"
    changed = [n for n, (a, b) in enumerate(zip(MINIMAL.split("\n"), MINIMAL.replace(old, new).split("\n")), 1) if a != b]
    assert changed == [line]  # the line named is the line the slip is on


def test_a_fullwidth_colon_inside_a_narrative_or_a_value_is_the_editor_s_text(make_project, run):
    text = MINIMAL.replace("全市地区生产总值{{ gdp }}，", "GDP：全市地区生产总值{{ gdp }}，")
    text = text.replace("title: 经济发展", "title: 经济：发展")
    code, out, err = run(make_project(text), "check")
    assert code == 0, err


def test_the_english_hints(make_project, run):
    code, _out, err = run(make_project(MINIMAL.replace("year: 2024", "year: 2024年")), "--lang", "en", "check")
    assert code == 1
    assert err.splitlines()[0].endswith('year: expected a whole number, got "2024年" (write the year alone: 2024)')
