"""The release's and the script's composition rules on small conferences: the lead's length rule and its fallbacks,
the conference's number said only in a series, a theme with nothing to say left out, a figure said with the
content's own verb (never one of ours), the script's introduction when no one is named."""
from __future__ import annotations

from generator.present import labels as L
from generator.present.release import host_script, press_release
from generator.present.said import directed, own_verb, said
from generator.present.view import MetricShown, present
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
    # who held which conference (number 2 of its series) and what it told; its one key figure, with the city, said
    # as the highlight says it (the label runs into the figure: no 达 of ours)
    assert lead == ("2025年11月1日，测试单位举行测试系列发布会第二场，介绍了经济发展有关情况。"
                    "2024年测试市地区生产总值2458.8亿元，较2020年增加836.2亿元。")  # the figure with its change
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
    assert [s.heading for s in script.sections] == ["一、开场", "二、介绍出席人员", "三、发布议程", "四、答记者问", "五、结束语"]
    introduction = script.sections[1]  # no one named: a neutral sentence, never a bracketed instruction
    assert introduction.lines == (HostScript().introduction,) and introduction.cue == ""
    assert "（" not in introduction.lines[0] and "下面请有关负责同志介绍有关情况。" in lines
    assert "感谢各位发布人" in script.sections[4].lines[0]  # no one to thank by name
    assert "今天的发布会主要介绍一方面情况：一是经济发展。" in lines
    assert "{" not in "".join(lines)


def metric(label: str, number: str, unit: str, before: str = "", after: str = "") -> MetricShown:
    return MetricShown("m", label, True, number, False, before, after, unit, "", "", "", "", False, False)


def test_a_figure_is_said_with_the_contents_verb_or_a_neutral_one():
    fall = metric("汾河流域入河排污口超标率", "1.7", "%")
    texts = ("全面排查入河排污口，汾河流域入河排污口超标率下降到1.7%。",)
    assert said(fall, texts) == ("汾河流域入河排污口超标率下降到1.7%", False)  # the fall stays a fall
    assert directed(own_verb(fall, texts)) and not directed(own_verb(fall, ("汾河流域入河排污口超标率达到1.7%。",)))
    assert said(fall, ("汾河流域入河排污口超标率为21.7%。",)) == ("汾河流域入河排污口超标率为1.7%", False)  # not 21.7%
    assert said(fall, ()) == ("汾河流域入河排污口超标率为1.7%", False)  # the content says nothing: the neutral 为
    share = metric("用于民生的财力占比", "80", "%", after="以上")
    assert said(share, ("扎实推进民生项目建设，80%以上的财力用于补齐民生短板、增进民生福祉。",)) == (
        "80%以上的财力用于补齐民生短板、增进民生福祉", True)  # the content's clause, the figure first, whole
    jobs = metric("城镇新增就业累计", "16.2", "万人")
    assert said(jobs, ("全市城镇新增就业累计16.2万人，年均新增4.1万人。",))[0] == "城镇新增就业累计16.2万人"
    assert said(metric("地区生产总值", "2000", "亿元", before="突破"), ())[0] == "地区生产总值突破2000亿元"


def test_the_release_says_a_fall_as_the_content_says_it(make_project):
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    outfall = "          - id: outfall\n            label: 排污口超标率\n            value: 1.7\n            unit: \"%\"\n" \
              "            key: true\n"
    falling = minimal.replace("          - id: gdp_2022\n", outfall + "          - id: gdp_2022\n", 1)
    release = press_release(view_of(make_project, falling))
    text = "".join(p.text for s in release.sections for p in s.paragraphs)
    assert "排污口超标率为1.7%" in text and "超标率达" not in text  # no text says it: the neutral 为, never 达
    # the highlights leave the figure out and the narrative says it fell: the clause composed for it says so too
    said_to_fall = falling.replace("          产业结构为{{ structure }}。\n",
                                   "          产业结构为{{ structure }}。全面整治，排污口超标率下降到{{ outfall }}。\n", 1)
    assert said_to_fall != falling
    release = press_release(view_of(make_project, said_to_fall))
    text = "".join(p.text for s in release.sections for p in s.paragraphs)
    assert "排污口超标率下降到1.7%" in text and "超标率为" not in text and release.end == "（完）"


def test_a_derived_figure_the_release_says_carries_its_mark_and_the_note(make_project):
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    ratio = ("          - id: ratio\n            label: 第一产业与第二产业占比之比\n            value: 66.7\n"
             "            unit: \"%\"\n            derived: share_1 / share_2 * 100\n            key: true\n")
    release = press_release(view_of(make_project, minimal.replace("          - id: share_1\n",
                                                                  ratio + "          - id: share_1\n", 1)))
    text = "".join(p.text for s in release.sections for p in s.paragraphs)
    assert "第一产业与第二产业占比之比为66.7%※" in text  # composed with the neutral 为, marked as worked out
    assert release.closing[-1] == L.note_line(L.DERIVED_MARK_NOTE)


def test_a_figure_is_found_only_where_it_stands_whole():
    """standalone(): 8% is not inside 98%, 1.7 not inside 21.75 or 1.75; the same places a pattern
    (?<![\\d.])figure(?![\\d.]) finds, without one pattern compiled per figure."""
    import re

    from hypothesis import given
    from hypothesis import strategies as st

    from generator.present.release import standalone

    assert standalone("8%", "增长98%，其中8%来自") == [len("增长98%，其中8%")]
    assert standalone("1.7", "21.75与1.75") == [] and standalone("1.7", "为1.7。") == [4]
    assert standalone("12", "１２12") == []  # a full-width digit is a digit too

    chars = st.sampled_from("0123456789.%年亿元，１２")

    @given(st.text(chars, max_size=14), st.text(chars, min_size=1, max_size=4))
    def same_as_the_pattern(text, figure):
        pattern = re.compile(r"(?<![\d.])" + re.escape(figure) + r"(?![\d.])")
        assert standalone(figure, text) == [m.end() for m in pattern.finditer(text)]

    same_as_the_pattern()
