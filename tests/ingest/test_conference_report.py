"""A news report of a press conference, as ingest reads it: a theme per topic paragraph, the conference's own facts
(title, date, host, speakers, source) from its words, no highlight of who attended, units as the page shows them,
同比 changes against 去年同期, a change attached to its level, and a subject from the clause before (written text
about a made-up city)."""
from __future__ import annotations

import datetime

from generator.ingest.draft import draft, highlights_of
from generator.ingest.facts import conference_facts, is_meta
from generator.ingest.figures import analyse
from generator.ingest.read import blocks

REPORT = """\
临川市发布2019上半年全市环境质量状况
2019-08-06 王明

7月30日，市政府新闻办举行新闻发布会，邀请市生态环境局副局长李华通报了2019年上半年全市环境质量状况相关情况。
上半年，全市细颗粒物（PM2.5）平均浓度为41μg/m3，同比下降6.8%；重污染天数为3.5天，同比减少2.0天；优良率为71.2%，同比增加3.4个百分点。
生态补偿考核结果显示，上半年，市级财政共补偿各县资金5200万元，东湖县获得生态补偿资金最多，为860万元。
上半年，国控断面水质优良比例为66.7%，优于年度目标4.2个百分点，较去年同期持平；劣五类水体比例为3.3%，优于年度目标1.1个百分点，较去年同期下降5.0个百分点。全市12个集中式饮用水水源地中，有11个水质达标。
环保执法方面，上半年全市实施处罚环境违法案件612件，罚款3200万元；移送涉嫌环境污染犯罪案件9件。
市生态环境局相关科室负责人参加发布会。新闻发布会由市政府新闻办副主任赵敏主持。市主要新闻单位的记者参加。
"""


def _label_of(text: str, value: float) -> str:
    return next(f.label for t in analyse(text)[0] for f in t.figures if f.number == value)


def _themes():
    return analyse(REPORT)[0]


def test_each_topic_paragraph_is_a_theme_titled_by_its_topic_words():
    themes = _themes()
    assert len(themes) == 4
    assert [t.title for t in themes][1:4:2] == ["生态补偿", "环保执法"]
    assert {f.line for f in themes[3].figures} == {8}


def test_the_conferences_facts_come_from_its_report():
    facts = conference_facts(blocks(REPORT)[0])
    assert facts["title"] == "2019年上半年全市环境质量状况"
    assert facts["date"] == datetime.date(2019, 7, 30)
    assert facts["host"] == {"name": "赵敏", "role": "市政府新闻办副主任"}
    assert facts["speakers"] == [{"name": "李华", "role": "市生态环境局副局长"}]
    assert facts["source"] == "《临川市发布2019上半年全市环境质量状况》（王明，2019-08-06）"
    opening = REPORT.replace("全市环境质量状况相关情况", "全市环境质量及督察整改落实相关工作进展情况")
    assert conference_facts(blocks(opening)[0])["title"] == "2019年上半年全市环境质量及督察整改落实进展"


def test_who_hosted_and_attended_and_the_dateline_are_no_highlights():
    assert is_meta("新闻发布会由市政府新闻办副主任赵敏主持。") and is_meta("市主要新闻单位的记者参加。")
    assert not is_meta("上半年，全市实施处罚环境违法案件612件。")
    texts = [h for t in _themes() for h in highlights_of(t)]
    assert not any("主持" in h or "记者参加" in h or "2019-08-06" in h for h in texts)


def test_units_changes_and_subjects_in_the_draft():
    data = draft(_themes(), 1, "t", REPORT)
    metrics = {m["id"]: m for p in data["parts"] for t in p["themes"] for m in t["metrics"]}
    by_value = {m["value"]: m for m in metrics.values()}
    assert by_value[41]["unit"] == "μg/m³"
    assert by_value[3.5]["comparison"] == {"increase": -2.0, "base_label": "去年同期"}
    # 较去年同期下降5.0个百分点 is the change of 3.3%, not a metric of its own nor of the gap before it
    assert by_value[3.3]["comparison"] == {"increase": -5.0, "base_label": "去年同期"}
    assert 5.0 not in by_value and -5.0 not in by_value
    assert by_value[860]["label"] == "东湖县获得生态补偿资金"
    assert by_value[12]["label"] == "集中式饮用水水源地"
    assert _label_of("全市5个城区的140个黑臭水体中，132个已整治完成。", 140) == "黑臭水体"  # the noun after the figure
    assert _label_of("建成总投资206亿元的中环产业城。", 206) == "中环产业城"  # the project the amount is of
    assert not any(m.get("key") and m["unit"] == "个百分点" for m in metrics.values())
