"""What a draft proposes beyond the figures, so that an editor has less to write by hand: a chart for sibling figures,
key figures that say the theme (not the count of a set or its parts), labels that name their subject, a 持平 kept as
a change of 0, a lead from the topic paragraph's first sentence, a title from the action a paragraph opens with, and
a one-part draft's part named after its conference (short texts written for these tests; places and figures invented)."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.ingest.draft import draft, ingest
from generator.ingest.figures import action_title, analyse


def _draft(text: str) -> dict:
    return draft(analyse(text)[0], 1, "t", text)


def _themes(text: str) -> list[dict]:
    return [t for p in _draft(text)["parts"] for t in p["themes"]]


def _metrics(text: str) -> dict[float, dict]:
    return {m["value"]: m for t in _themes(text) for m in t["metrics"]}


# three levels of one sentence in one unit
SCHOOLS = "上半年，全县小学在校生为12.5万人，初中在校生为6.8万人，高中在校生为4.1万人。"
# a total, then its parts after 其中, in one unit
CASES = "全年查处交通违法行为5200起，罚款150万元，其中，酒驾120起；超速860起；闯红灯430起。"


def test_three_sibling_figures_of_one_unit_give_a_chart():
    theme = _themes(SCHOOLS)[0]
    chart = theme["charts"][0]
    assert chart["type"] == "column" and chart["unit"] == "万人"
    assert chart["categories"] == ["小学", "初中", "高中"]  # the words all three share (在校生) name the series
    assert chart["series"] == [{"name": "在校生", "values": [m["id"] for m in theme["metrics"]]}]
    assert chart["title"] == "小学、初中、高中在校生"


def test_the_parts_of_a_total_are_charted_without_it():
    theme = _themes(CASES)[0]
    (chart,) = theme["charts"]
    by_id = {m["id"]: m for m in theme["metrics"]}
    assert [by_id[i]["value"] for i in chart["series"][0]["values"]] == [120, 860, 430]
    assert chart["categories"] == ["酒驾", "超速", "闯红灯"]
    assert chart["title"] == "查处交通违法行为中的酒驾、超速、闯红灯"


def test_no_chart_for_two_figures_nor_for_figures_far_apart():
    assert "charts" not in _themes("上半年，小学在校生为12.5万人，初中在校生为6.8万人。")[0]
    # a total beside its smallest part: 300 times apart, no bars to compare on one axis
    assert "charts" not in _themes("全年补偿资金15000万元，甲县获得资金2000万元，乙县上缴资金50万元。")[0]


def test_a_category_is_never_cut_inside_brackets():
    text = "上半年，全区臭氧（O3）平均浓度为150μg/m3，一氧化碳（CO）平均浓度为1.2μg/m3，颗粒物（PM10）平均浓度为70μg/m3。"
    assert "charts" not in _themes(text)[0]  # 150 and 1.2 lie 125 times apart
    text = text.replace("1.2μg/m3", "12μg/m3")
    chart = _themes(text)[0]["charts"][0]
    assert chart["categories"] == ["臭氧（O3）", "一氧化碳（CO）", "颗粒物（PM10）"]
    assert chart["type"] == "bar"  # long categories read on a bar chart's axis
    assert chart["title"] == "臭氧（O3）等平均浓度"  # all three named would be too long a title


def test_no_chart_for_figures_that_share_no_measure_nor_a_list():
    # three counts in 个 of one sentence, each of its own thing: no siblings
    assert "charts" not in _themes("全年新建学校12个，改造医院8个，开通公交线路15个。")[0]
    # a label that runs over a list of names is not yet right: no category is made of it
    text = "全年引进的甲公司、乙公司投产项目12个，丙公司、丁公司投产项目15个，戊公司投产项目9个。"
    assert "charts" not in _themes(text)[0]


def test_the_count_of_a_set_and_its_parts_are_no_key_figures_but_its_rate_is():
    metrics = _metrics("全县46所学校中，有44所完成校舍改造，完成率为95.7%。")
    assert not metrics[46].get("key") and not metrics[44].get("key")
    assert metrics[95.7].get("key")


def test_labels_name_their_subject():
    metrics = _metrics("全县46所学校中，有44所完成校舍改造，完成率为95.7%。")
    assert metrics[46]["label"] == "学校"
    assert metrics[44]["label"] == "校舍改造的学校"  # a part of the set, named by it
    assert metrics[95.7]["label"] == "学校完成率"  # a bare rate, named by the set (完成率 is no 率 alone)
    metrics = _metrics("全市水质综合指数为3.2，达标率为92.0%；森林覆盖率为45.2%，高于全省平均水平3.1个百分点。")
    assert metrics[92.0]["label"] == "水质达标率"  # the subject of the level before it, without its measure
    assert metrics[3.1]["label"] == "森林覆盖率高于全省平均水平"  # a verb phrase: said of the level before it
    assert _metrics(CASES)[150]["label"] == "查处交通违法行为罚款"  # an amount after a count: of what was counted


def test_a_bare_rate_keeps_its_label_when_the_sentence_names_no_subject_for_it():
    metrics = _metrics("全市地区生产总值为1200亿元，城镇化率为61.5%。")
    assert metrics[61.5]["label"] == "城镇化率"  # 地区生产总值 is no measure of a subject it shares


def test_an_unchanged_rate_is_a_change_of_zero_points():
    metric = _metrics("高校毕业生就业率为91.5%，与上年持平。")[91.5]
    assert metric["comparison"] == {"base_label": "上年", "points": 0}
    metric = _metrics("水质优良比例为70.2%，优于年度目标2.0个百分点，较去年同期持平。")[70.2]
    assert metric["comparison"] == {"base_label": "去年同期", "points": 0}
    # 持平 said of another figure in between is not this one's; 基本持平 is no exact 0
    assert "comparison" not in _metrics("优良率为70.2%，重污染天数为3天，同比持平。")[70.2]
    assert "comparison" not in _metrics("就业率为91.5%，与上年基本持平。")[91.5]


def test_a_lead_from_the_first_sentence_of_the_topic_paragraph():
    themes = _themes(SCHOOLS + "\n" + CASES)
    # short enough: the whole sentence, and then no highlight says it again
    assert themes[0]["lead"] == "上半年，全县小学在校生为{{ ma }}，初中在校生为{{ mb }}，高中在校生为{{ mc }}。"
    assert themes[0]["lead"] not in themes[0]["highlights"]
    # the parts after 其中 are no lead
    (theme,) = _themes(CASES)
    assert theme["lead"] == "全年查处交通违法行为{{ ma }}，罚款{{ mb }}。"
    long = ("上半年，《城市供水安全保障规划》（即“供水规划”）确定的城镇公共供水管网漏损控制率为9.6%，优于年度约束性指标要求"
            "0.4个百分点，较去年同期下降1.1个百分点；二次供水设施改造完成率为88.0%。")
    (theme,) = _themes(long)
    assert theme["lead"] == "上半年，《城市供水安全保障规划》（即“供水规划”）确定的城镇公共供水管网漏损控制率为{{ ma }}。"


def test_a_title_from_the_action_a_paragraph_opens_with():
    assert action_title("督导组反馈意见后，各部门迅速行动，全面推进反馈问题整改工作。截至6月底，已完成12项。") == "推进反馈问题整改"
    assert action_title("今年以来，我们扎实开展农村人居环境整治行动。") == "开展农村人居环境整治"
    assert action_title("上半年，全县小学在校生为12.5万人。") == ""  # a sentence of figures: its subject is no action
    text = "\n".join([SCHOOLS, CASES, "督导组反馈意见后，各部门迅速行动，全面推进反馈问题整改工作。截至6月底，已完成12项。"])
    assert [t.title for t in analyse(text)[0]][-1] == "推进反馈问题整改"


def test_a_one_part_draft_takes_the_conferences_title(tmp_path: Path):
    source = tmp_path / "report.txt"
    source.write_text("\n".join([
        "长河县发布2020年上半年教育发展情况", "2020-07-20 李明", "",
        "7月16日，县政府新闻办举行新闻发布会，邀请县教育局局长张强通报了2020年上半年全县教育发展情况。",
        SCHOOLS, CASES, "全县46所学校中，有44所完成校舍改造，完成率为95.7%。"]), encoding="utf-8")
    ingest(source, tmp_path / "01-教育.yaml")
    data = yaml.safe_load((tmp_path / "01-教育.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "2020年上半年全县教育发展"  # from 通报了…情况
    assert [p["title"] for p in data["parts"]] == [data["title"]]
