"""Plausibility warnings and a strict --final (#28): what passes the arithmetic but deserves a look is a 警告 with its
figures; --final refuses placeholders and empty themes, each named at its line."""
from __future__ import annotations

from pathlib import Path

MINIMAL = (Path(__file__).resolve().parent.parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def warnings_of(make_project, run, text: str) -> list[str]:
    code, out, err = run(make_project(text), "check")
    assert code == 0, err
    return [line for line in out.splitlines() if line.startswith("警告：")]


def test_the_minimal_conference_has_no_plausibility_warning(make_project, run):
    assert warnings_of(make_project, run, MINIMAL) == []


def test_shares_of_one_whole_summing_to_101_are_a_warning_with_the_figures(make_project, run):
    text = MINIMAL.replace("value: 40\n", "value: 41\n")
    [line] = warnings_of(make_project, run, text)
    assert line.startswith("警告：content/conference.yaml 第39行第20列：第1部分「第一部分」 › 主题「经济发展」 › "
                           "结构 structure › 组成部分：")
    assert "产业结构：各部分合计 101，不是 100（41 + 60）" in line


def test_a_compared_figure_without_its_year_is_a_warning(make_project, run):
    text = MINIMAL.replace("            year: 2024\n            comparison", "            comparison")
    [line] = warnings_of(make_project, run, text)
    assert line.startswith("警告：content/conference.yaml 第17行第20列：") and "指标 gdp › 数值" in line
    assert "地区生产总值显示为 2458.8亿元，却没有年份" in line


def test_a_base_year_of_the_figure_s_own_year_is_a_warning(make_project, run):
    text = MINIMAL.replace("comparison: {base_year: 2020,", "comparison: {base_year: 2024,")
    [line] = warnings_of(make_project, run, text)
    assert line.startswith("警告：content/conference.yaml 第20行第37列：") and "指标 gdp › 比较 › 基期年份" in line
    assert "基期年份 2024 不早于数字的年份 2024" in line


def test_a_base_year_after_the_figure_s_year_is_refused(make_project, run):
    """2024年…较2025年增加836.2亿元 was printed in every output after a warning: a base still to come is no base."""
    text = MINIMAL.replace("comparison: {base_year: 2020,", "comparison: {base_year: 2025,")
    code, _, err = run(make_project(text), "check")
    [line, _summary] = err.splitlines()
    assert code == 1 and line.startswith("错误：content/conference.yaml 第20行第37列：") and "基期年份" in line, err
    assert "对比基期 2025 年晚于数字所属的 2024 年" in line


def test_final_refuses_placeholders_and_an_empty_theme_each_named(make_project, run):
    folder = make_project()
    code, out, err = run(folder, "new", "--slug", "民生保障")
    assert code == 0, err
    code, out, err = run(folder, "deck", "--final")
    assert code == 1
    lines = err.splitlines()
    new_file = "content/conferences/03-民生保障.yaml"
    mine = [line for line in lines if new_file in line]
    assert any("第5行" in line and "标题仍是占位：“第三场发布会（标题待补充）”" in line for line in mine), mine
    assert any("日期" in line and "日期待补充" in line for line in mine), mine
    assert any("来源仍是占位：“待补充”" in line for line in mine), mine
    assert any("主题「待补充」" in line and "没有可展示的内容" in line for line in mine), mine
    assert lines[-1] == f"共 {len(lines) - 1} 个错误；没有写入任何内容。"
    assert not (folder / "output").exists()


def test_new_picks_a_number_no_file_uses(make_project, run):
    folder = make_project()  # conference.yaml is number 2
    stray = folder / "content" / "conferences"
    stray.mkdir()
    (stray / "05-旧稿.yaml").write_text("number: 7\nslug: 旧稿\n", encoding="utf-8")  # not listed in series.yaml
    code, out, err = run(folder, "new", "--slug", "民生保障")
    assert code == 0, err
    assert (stray / "08-民生保障.yaml").is_file()
    assert "number: 8\n" in (stray / "08-民生保障.yaml").read_text(encoding="utf-8")
