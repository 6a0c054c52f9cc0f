"""The part of a year a figure covers (period: 上半年, 前三季度, 1—9月), as ingest writes it into a draft: from the
figure's own clause or sentence, else from a document about part of a year; never on a span or a goal (short texts
written for these tests; places and figures invented)."""
from __future__ import annotations

from generator.content.model import Metric
from generator.ingest.draft import draft
from generator.ingest.figures import analyse, periods_named

# an annual review whose sentences name parts of the year, a base (比上半年), a list of months and the whole year
OWN_CLAUSE = """# 2023年青禾县经济运行情况

上半年，全县粮食产量12.3万吨，同比增长2.1%。1至9月，全县规模以上工业增加值增长6.5%，比上半年加快0.4个百分点。10月份，全县社会消费品零售总额8.2亿元，较去年同期增长3.3%。全年，全县接待游客300万人次。其中，4月份，城镇调查失业率为5.1%；5、6月份分别为4.9%、4.7%。
"""

# a report on the first three quarters: its figures that name no time are of them, those that name another are not
DOCUMENT = """# 2023年前三季度青禾县经济运行情况

全县地区生产总值256.3亿元，同比增长5.2%。9月份，全县居民消费价格上涨0.8%。全年，全县城镇新增就业预计1.9万人。
"""

# the same report's span and goals: no part of a year on either
SPAN_AND_GOAL = """# 2023年前三季度青禾县经济运行情况

全县一般公共预算收入18.6亿元，同比增长4.1%。2021年至2023年，全县累计新增城镇就业5.4万人。前三季度，全县规模以上工业增加值两年平均增长4.6%。到2025年，全县地区生产总值力争达到320亿元。四季度，全县力争完成固定资产投资45亿元。
"""


def _metrics(text: str) -> dict[float, dict]:
    data = draft(analyse(text)[0], 1, "t", text)
    return {m["value"]: m for p in data["parts"] for t in p["themes"] for m in t["metrics"]}


def _figures(text: str) -> dict[str, object]:
    return {f.source: f for t in analyse(text)[0] for f in t.figures}


def test_a_figure_takes_the_part_of_the_year_its_clause_or_sentence_names():
    figures = _figures(OWN_CLAUSE)
    assert figures["12.3万吨"].period == "上半年" and figures["2.1%"].period == "上半年"  # 同比 changes nothing
    assert figures["6.5%"].period == "1—9月"  # 1至9月 in the model's words
    assert figures["0.4个百分点"].period == "1—9月"  # 比上半年 is the base, not the figure's part of the year
    assert figures["8.2亿元"].period == "10月"  # 10月份; 较去年同期 is the base
    assert figures["300万人次"].period == ""  # 全年: the whole year
    assert figures["5.1%"].period == "4月"
    # 5、6月份分别为4.9%、4.7%: 分别 pairs the listed months with the figures in order, as it pairs subjects
    assert (figures["4.9%"].period, figures["4.7%"].period) == ("5月", "6月")
    metrics = _metrics(OWN_CLAUSE)
    assert (metrics[12.3]["year"], metrics[12.3]["period"]) == (2023, "上半年")
    assert metrics[8.2]["period"] == "10月" and "period" not in metrics[300]
    for m in metrics.values():  # every one the model takes as it is
        Metric.model_validate({k: v for k, v in m.items() if not k.startswith("_") and k != "key"})


def test_the_parts_of_a_year_are_read_in_the_models_words():
    said = {"1-9月": "1—9月", "1—9月份": "1—9月", "1~9月": "1—9月", "1月至9月": "1—9月", "前10个月": "1—10月",
            "第一季度": "一季度", "一至三季度": "前三季度", "二季度末": "", "截至7月15日": "", "去年上半年": "",
            "1-12月": "", "二季度以来": ""}
    for words, period in said.items():
        assert [p for _, p in periods_named(words)] == [period], words
    assert periods_named("较1月至8月回落") == [] and periods_named("低于一季度") == []  # a base is none


def test_a_document_about_part_of_a_year_gives_it_to_its_figures_that_name_none():
    metrics = _metrics(DOCUMENT)
    assert (metrics[256.3]["year"], metrics[256.3]["period"]) == (2023, "前三季度")
    assert metrics[256.3]["growth"]["rate"] == 5.2
    assert metrics[0.8]["period"] == "9月"  # another part, its own
    assert "period" not in metrics[1.9]  # 全年: the whole year's, not the document's part


def test_a_span_or_a_goal_has_no_part_of_a_year():
    metrics = _metrics(SPAN_AND_GOAL)
    assert metrics[18.6]["period"] == "前三季度"
    assert metrics[5.4]["start"] == 2021 and "period" not in metrics[5.4]  # a span (the model refuses period with start)
    assert "period" not in metrics[320]  # a goal
    assert "period" not in metrics[45]  # a goal, though its clause names a part of the year (四季度，…力争…)
    two_years = _figures(SPAN_AND_GOAL)["4.6%"]  # 两年平均: over 2022-2023, though its clause says 前三季度
    assert two_years.start == 2022 and two_years.period == ""
    for m in metrics.values():
        Metric.model_validate({k: v for k, v in m.items() if not k.startswith("_") and k != "key"})
