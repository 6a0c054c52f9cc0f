"""The release's and the script's composition rules on small conferences: the lead's length rule and its fallbacks,
the conference's number said only in a series, a theme with nothing to say left out."""
from __future__ import annotations

from generator.present import labels as L
from generator.present.release import host_script, press_release
from generator.present.view import present
from generator.theme import HostScript
from tests.conftest import FIXTURES

LONG = "全市规模以上工业企业研究与试验发展经费内部支出占营业收入比重"  # 30 characters: a label that fills a lead


def view_of(make_project, text: str):
    from generator.content.loader import load_project

    folder = make_project(text)
    project = load_project(folder / "content", folder)
    return present(project.series, project.conferences[0].model)


def test_a_lead_says_both_headline_figures_when_they_fit_and_fewer_words_when_not(make_project):
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    view = view_of(make_project, minimal)
    lead = press_release(view).lead
    # conference 2 of its series: its number is said; its one key figure, with the city
    assert lead == "2025年11月1日，测试系列发布会第二场举行。2024年测试市地区生产总值达2458.8亿元。"
    longer = minimal.replace("label: 地区生产总值\n", f"label: {LONG}\n", 1).replace(
        "            key: true\n", "            key: true\n            rank: {scope: 全省, wording: 居全省前列}\n", 1)
    long_lead = press_release(view_of(make_project, longer)).lead
    assert len(long_lead) <= L.RELEASE_LEAD_MOST and "2458.8亿元" in long_lead


def test_a_theme_with_nothing_to_say_is_left_out(make_project):
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    quiet = minimal.replace("      - id: theme_a\n", "      - id: quiet\n        title: 暂无内容\n      - id: theme_a\n", 1)
    release = press_release(view_of(make_project, quiet))
    assert [p.title for s in release.sections for p in s.paragraphs] == ["经济发展。"]


def test_the_script_fills_the_slots_and_names_no_one_it_does_not_know(make_project):
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    script = host_script(view_of(make_project, minimal), HostScript())
    lines = [line for s in script.sections for line in s.lines]
    assert "今天举行的是系列发布会的第二场，主题是“测试发布会”。" in lines  # the series' size decides
    assert [s.heading for s in script.sections] == ["一、开场", "二、发布议程", "三、答记者问", "四、结束语"]
    assert "{" not in "".join(lines)
