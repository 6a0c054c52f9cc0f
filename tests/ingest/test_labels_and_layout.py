"""Rules found reading new real texts (a county 统计公报 with a misaligned table, a newspaper's report of a press
conference, a county's quarterly release): a table header with no cell over the row labels, a subtitle and a news
opener that start no paragraph of the one before, a rank's move, a rank said of a rate, an abbreviation after a
label, a ratio's subject in the clause before, a converted amount. Short texts written for these tests; places and
figures invented."""
from __future__ import annotations

from generator.ingest.figures import analyse
from generator.ingest.read import blocks


def _figures(text: str):
    themes, _ = analyse(text)
    return [f for t in themes for f in t.figures]


def _find(figures, value: str):
    return next(f for f in figures if f.value == value)


def test_a_header_with_no_cell_over_the_row_labels_names_the_figure_columns():
    text = ("甲县2021年统计公报\n一、综合\n全县生产总值321.40亿元。\n表1 2021年甲县生产总值\n"
            "| 绝 对 数 (亿元) | 比上年增长 (%) |\n生产总值 | 321.40 | 6.1 |\n第一产业 | 20.15 | 2.2 |\n"
            "第二产业 | 150.25 | -3.5 |\n")
    table = [f for f in _figures(text) if f.table]
    assert [(f.value, f.unit, f.kind) for f in table[:2]] == [("321.40", "亿元", "level"), ("6.1", "%", "growth")]
    assert ("-3.5", "%", "growth") in [(f.value, f.unit, f.kind) for f in table]


def test_a_header_over_the_row_labels_keeps_its_place():
    text = ("甲县2021年统计公报\n表1 主要指标\n| 指标 | 绝对数(亿元) | 增长(%) |\n| --- | --- | --- |\n"
            "| 生产总值 | 321.40 | 6.1 |\n| 第一产业 | 20.15 | 2.2 |\n")
    table = [f for f in _figures(text) if f.table]
    assert [(f.value, f.unit) for f in table[:2]] == [("321.40", "亿元"), ("6.1", "%")]


def test_a_subtitle_under_the_title_is_no_start_of_the_lead():
    text = ("我县召开一季度经济运行新闻发布会\n主要指标增速快于全市\n\n"
            "一季度我县实现生产总值(GDP)88.12亿元,同比增长5.1%。\n")
    found, _ = blocks(text)
    assert [b.kind for b in found[:2]] == ["heading", "heading"]
    assert _find(_figures(text), "88.12").label == "生产总值"  # (GDP): the name's abbreviation, no part of it


def test_a_news_opener_after_a_blank_line_starts_a_paragraph():
    text = ("乙市召开经济运行新闻发布会\n\n上半年全市工业增加值增长4.2%,服务业增加值增长3.7%\n\n"
            "本报讯 (记者 张三) 7月20日,乙市召开经济运行新闻发布会。\n\n上半年全市社会消费品零售总额增长2.5%。\n")
    rate = _find(_figures(text), "3.7")
    assert rate.label == "服务业增加值" and "本报讯" not in rate.sentence


def test_a_rank_move_is_no_figure_and_ranks_go_to_their_figures():
    text = ("乙市2022年上半年经济运行情况\n上半年全市生产总值1200.50亿元,居全省第7位;同比增长4.4%,高于全省1.2个百分点,"
            "居全省第4位,较去年同期前移6位,较一季度前移2位。夏粮亩产和总产增幅均居全省第一位。\n")
    figures = _figures(text)
    assert [f.value for f in figures] == ["1200.50", "4.4", "1.2"]
    assert (_find(figures, "1200.50").rank, _find(figures, "4.4").rank) == ("全省第7位", "全省第4位")


def test_a_ratio_from_the_year_before_takes_its_subject_from_the_clause_before():
    text = "丙县2023年一季度经济运行情况\n城乡收入比持续缩小,由上年同期的2.31:1下降为2.24:1。\n"
    ratios = [f for f in _figures(text) if f.kind == "ratio"]
    assert [f.value for f in ratios] == ["2.31", "1", "2.24", "1"]
    assert {f.label for f in ratios} == {"城乡收入比"}


def test_a_converted_amount_is_about_so_much_and_its_label_has_no_conversion_word():
    text = "丁市2020年统计公报\n全市人均生产总值为120500元,按年平均汇率折算,人均生产总值约合17460美元。\n"
    dollars = _find(_figures(text), "17460")
    assert (dollars.unit, dollars.qualifier, dollars.label) == ("美元", "约", "人均生产总值")


def test_a_bare_measure_takes_the_subject_of_the_measure_before_it():
    text = ("戊市2020年统计公报\n全市实现农林牧渔业总产值50.12亿元,比上年增长2.1%,增加值30.05亿元,增长2.3%。"
            "规模以上服务业企业营业收入比上年增长6.2%,利润总额下降1.4%。\n")
    figures = _figures(text)
    assert {_find(figures, "30.05").label, _find(figures, "2.3").label} == {"农林牧渔业增加值"}
    profit = _find(figures, "-1.4")
    assert profit.label == "规模以上服务业企业利润总额"


def test_a_newspaper_report_names_the_conference_it_held_and_its_host():
    from generator.ingest.facts import conference_facts, is_meta

    text = ("我县召开一季度经济运行新闻发布会\n\n"
            "本报讯 (记者 张三) 4月20日,我县召开一季度经济运行新闻发布会,县委宣传部副部长李四主持。\n\n"
            "一季度全县生产总值增长5.1%。\n")
    facts = conference_facts(blocks(text)[0])
    assert facts["title"] == "一季度经济运行新闻发布会"
    assert facts["host"] == {"name": "李四", "role": "县委宣传部副部长"}
    assert is_meta("本报讯（记者张三）4月20日，我县召开一季度经济运行新闻发布会，县委宣传部副部长李四主持。")
    assert not is_meta("一季度全县生产总值增长5.1%，发布会上记者提问。")
