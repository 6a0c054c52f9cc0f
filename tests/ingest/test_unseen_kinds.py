"""Forms of the kinds of text ingest will meet unseen (a city 统计公报 without its title, a 政府工作报告 that never
names itself, a department's analysis), one rule a test: the document's year, goals, base years, signs after a
qualifier, tables flattened to a cell a line, chart captions, labels and a work report's structure. Invented
texts (湖滨市, figures made up), not copies of the corpus."""
from __future__ import annotations

import pytest

from generator.ingest.figures import Context, analyse, document_context, figures_of
from generator.ingest.read import Block, blocks


def figures(text: str):
    themes, _ = analyse(text)
    return [f for t in themes for f in t.figures]


def by_value(text: str):
    return {f.value: f for f in figures(text)}


# --- the document's year -------------------------------------------------------------------------------------------

def test_a_work_report_known_by_its_dateline_reviews_the_year_before_its_date():
    text = ("——2031年1月9日在湖滨市第三届人民代表大会第二次会议上\n\n湖滨市人民政府市长 张三\n\n各位代表：\n\n"
            "一、过去一年的工作\n\n一年来，全市地区生产总值增长6.1%，新增城镇就业3.2万人。\n")
    assert document_context(blocks(text)[0]) == Context(2030, 2031)
    got = by_value(text)
    assert (got["6.1"].year, got["3.2"].year) == (2030, 2030)


def test_a_work_report_known_by_its_opening_words():
    text = ("湖滨市人民政府\n\n（2031年2月1日）\n\n各位代表：现在，我代表市人民政府向大会报告工作，请予审议。\n\n"
            "全年粮食产量52.4万吨。\n")
    assert document_context(blocks(text)[0]) == Context(2030, 2031)


def test_a_work_report_delivered_in_december_reviews_its_own_year():
    text = ("——2030年12月28日在湖滨市第三届人民代表大会第一次会议上\n\n各位代表：\n\n"
            "一年来，全市地区生产总值增长6.1%。\n")
    assert document_context(blocks(text)[0]) == Context(2030, 2031)


def test_an_untitled_text_that_opens_with_its_year_gives_it_to_undated_figures():
    text = ("2030年，面对外部压力加大的形势，全市上下攻坚克难，高质量发展扎实推进。\n一、综合\n"
            "全年地区生产总值1234.5亿元，比上年增长5.5%。\n")
    got = by_value(text)
    assert (got["1234.5"].year, got["5.5"].year) == (2030, 2030)
    # a text whose first sentence names no year of its own stays undated (an extractor must not invent one)
    assert {f.year for f in figures("前三季度，全市地区生产总值1234.5亿元，同比增长5.5%。\n")} == {None}


def test_a_span_since_an_event_stays_a_span_in_a_dated_text():
    text = "2030年，全市经济稳中向好。全市地区生产总值2458.8亿元。党的十八大以来，累计脱贫12.3万人。"
    got = by_value(text)
    assert (got["2458.8"].year, got["12.3"].year) == (2030, None)


# --- estimates and goals -------------------------------------------------------------------------------------------

def test_an_estimate_is_of_the_year_under_review_not_a_target():
    text = ("——2031年1月9日在湖滨市第三届人民代表大会第二次会议上\n\n各位代表：\n\n一、过去一年的工作\n\n"
            "全市地区生产总值预计达到3300亿元，一般公共预算收入预计增长4%。\n")
    got = by_value(text)
    assert [(got[v].year, got[v].target) for v in ("3300", "4")] == [(2030, False), (2030, False)]


def test_a_goal_setting_sentence_makes_every_figure_after_it_and_the_rest_of_its_part_a_target():
    text = ("——2031年1月9日在湖滨市第三届人民代表大会第二次会议上\n\n各位代表：\n\n"
            "一、过去一年的工作\n\n全市地区生产总值增长5.8%。\n\n"
            "二、今年的工作\n\n今年是关键之年。2031年全市经济社会发展主要预期目标是：地区生产总值增长5%以上，"
            "一般公共预算收入增长2%，城镇调查失业率5.5%以内。\n\n（一）扩大有效投资\n\n"
            "重大项目年度投资额达到120亿元。\n")
    got = by_value(text)
    assert (got["5.8"].target, got["5.8"].year) == (False, 2030)
    assert [(got[v].target, got[v].year) for v in ("5", "2", "120")] == [(True, 2031)] * 3


def test_a_goal_met_sets_no_goals():
    text = ("——2031年1月9日在湖滨市第三届人民代表大会第二次会议上\n\n各位代表：\n\n一、过去一年的工作\n\n"
            "圆满完成年度预期目标：地区生产总值增长5.8%。\n\n全年新增城镇就业3.2万人。\n")
    assert {f.target for f in figures(text)} == {False}


# --- base years and signs ------------------------------------------------------------------------------------------

def test_the_base_year_of_a_multiple_is_not_the_figures_year():
    text = "2030年，全市地区生产总值达到3300亿元，是2020年的1.6倍；研发经费投入达到95亿元，是2020年的2倍。"
    got = figures(text)
    assert [(f.value, f.unit, f.year) for f in got] == [("3300", "亿元", 2030), ("1.6", "倍", 2030),
                                                        ("95", "亿元", 2030), ("2", "倍", 2030)]


@pytest.mark.parametrize("words,qualifier", [("超", "超过"), ("超过", "超过"), ("近", "近"), ("约", "约"),
                                             ("逾", "超过")])
def test_a_qualifier_between_the_direction_word_and_the_number_keeps_the_sign(words, qualifier):
    [f] = figures_of(Block("text", f"2030年，单位地区生产总值能耗较2020年下降{words}25%。", 1), None)
    assert (f.value, f.qualifier, f.direction) == ("-25", qualifier, "下降")
    [g] = figures_of(Block("text", f"工业用水量比上年减少{words}1.5亿立方米。", 1), None)
    assert (g.value, g.kind, g.qualifier) == ("-1.5", "increase", qualifier)


def test_a_change_against_a_base_year_of_an_annual_mean_is_a_change():
    [f] = figures_of(Block("text", "细颗粒物年均浓度较2020年下降21.3%。", 1), None)
    assert (f.value, f.kind) == ("-21.3", "change")


def test_where_a_change_started_is_the_year_before():
    text = "2030年，全市三次产业结构由上年的8.1:40.2:51.7调整为7.9:39.8:52.3。"
    assert [f.year for f in figures(text)] == [2029] * 3 + [2030] * 3


# --- tables and captions -------------------------------------------------------------------------------------------

CELL_TABLE = ("2030年，全市物价总体平稳。\n一、物价\n全年居民消费价格上涨0.3%。\n表1 2030年居民消费价格比上年涨跌幅度\n"
              "单位:%\n项 目 |\n涨 跌 |\n||\n居民消费价格 |\n0.3\n|\n|\n食品 |\n-1.2 |\n|\n|\n衣 着 |\n0.8 |\n|\n|\n"
              "图1 2026-2030年居民消费价格涨跌幅度\n二、就业\n全年城镇新增就业4.1万人。\n")


def test_a_table_flattened_to_a_cell_a_line_is_read_as_a_table():
    found, _ = blocks(CELL_TABLE)
    [table] = [b for b in found if b.kind == "table"]
    assert table.header == ["项目", "涨跌"]
    assert table.rows == [["居民消费价格", "0.3"], ["食品", "-1.2"], ["衣着", "0.8"]]
    rows = [(f.label, f.value, f.unit, f.kind, f.year) for f in figures(CELL_TABLE) if f.table]
    assert rows == [("居民消费价格", "0.3", "%", "growth", 2030), ("食品", "-1.2", "%", "growth", 2030),
                    ("衣着", "0.8", "%", "growth", 2030)]


def test_a_cell_a_line_table_without_bare_bar_lines_starts_a_row_at_each_label():
    text = "表2 2030年主要农产品产量\n单位:万吨\n粮食 |\n52.4 |\n蔬菜 |\n31.8 |\n水果 |\n9.6 |\n"
    [table] = [b for b in blocks(text)[0] if b.kind == "table"]
    assert table.rows == [["粮食", "52.4"], ["蔬菜", "31.8"], ["水果", "9.6"]]
    assert [(f.value, f.unit) for f in figures(text)] == [("52.4", "万吨"), ("31.8", "万吨"), ("9.6", "万吨")]


def test_a_chart_caption_joins_no_paragraph_and_the_heading_after_a_table_stays():
    found, unplaced = blocks(CELL_TABLE)
    assert [n for n, _ in unplaced] == [21]  # 图1 …: the chart is not in the text
    assert any(b.kind == "heading" and b.text == "二、就业" for b in found)
    text = "一、综合\n全年地区生产总值1234.5亿元。\n图1 2026-2030年地区生产总值\n全年居民消费价格上涨0.3%。\n"
    got = by_value(text)
    assert got["0.3"].span is None and got["0.3"].start is None
    assert [b.text for b in blocks(text)[0]][-1] == "全年居民消费价格上涨0.3%。"


# --- a work report's structure -------------------------------------------------------------------------------------

REPORT = ("——2031年1月9日在湖滨市第三届人民代表大会第二次会议上\n\n湖滨市人民政府市长 李四\n\n各位代表：\n\n"
          "现在，我代表市人民政府向大会报告工作，请予审议。\n\n"
          "一、过去一年的工作\n\n2030年是极不平凡的一年，全市经济运行稳中有进。\n\n"
          "一年来，我们着力在扩大有效投资上下功夫。全年完成固定资产投资820亿元，增长6.3%。\n\n"
          "一年来，我们着力在培育新兴产业上下功夫。新增高新技术企业120家。\n\n"
          "一年来，我们着力在改善民生福祉上下功夫。城镇新增就业4.2万人。\n\n"
          "——产业强：全市规模以上工业增加值增长7.1%。\n\n——百姓富：居民人均可支配收入增长5.6%。\n\n"
          "二、今年的工作\n\n（一）扩大有效投资\n\n重大项目年度投资额达到120亿元。\n\n（二）培育新兴产业\n\n新增省级专精特新企业50家。\n")


def _drafted(text: str) -> list[dict]:
    from generator.ingest.draft import draft

    return [t for p in draft(analyse(text)[0], 1, "t", text)["parts"] for t in p["themes"]]


def test_a_work_reports_front_matter_is_no_theme_nor_highlight():
    themes = _drafted(REPORT)
    shown = [t["title"] for t in themes] + [h for t in themes for h in t["highlights"]] + \
        [t.get("narrative", "") for t in themes]
    assert not any("市长" in s or "人民代表大会" in s or "各位代表" in s or "报告工作" in s for s in shown)
    assert themes[0]["id"] == "ta"  # the front matter's theme is dropped, and the ids run on without it
    # the speaker's line is read as a line of text, never a heading
    assert [b.kind for b in blocks(REPORT)[0] if "李四" in b.text] == ["text"]


def test_paragraphs_that_open_alike_are_the_points_of_a_part():
    titles = [t.title for t in analyse(REPORT)[0] if t.part]
    assert titles[:4] == ["过去一年的工作", "扩大有效投资", "培育新兴产业", "改善民生福祉"]


def test_a_lead_of_three_words_before_a_colon_is_a_theme():
    titles = [t.title for t in analyse(REPORT)[0] if t.part]
    assert titles[4:6] == ["产业强", "百姓富"]


# --- labels and kinds ----------------------------------------------------------------------------------------------

def _labels(text: str) -> list[tuple[str, str]]:
    return [(f.value, f.label) for f in figures_of(Block("text", text, 1), None)]


@pytest.mark.parametrize("text,want", [
    # a rate on the same basis (同口径) is of the amount before it
    ("全区一般公共预算收入52.3亿元，同口径下降6.4%。", [("52.3", "一般公共预算收入"), ("-6.4", "一般公共预算收入")]),
    # a pronoun and a verb of doing name no subject: the noun after the figure does
    ("我们接续出台了18条稳增长政策措施。", [("18", "稳增长政策措施")]),
    # an adverb names none either; a verb of giving ends the noun
    ("继续为2.4万多名城乡困难群众发放救助金。", [("2.4", "城乡困难群众")]),
    # a lead verb with a name after it (3A级 is a name, no figure)
    ("全年新增5家3A级旅游景区。", [("5", "3A级旅游景区")]),
    # a running total is named by the subject before it
    ("全年新增市场主体3.1万户、总数达到42.6万户。", [("3.1", "新增市场主体"), ("42.6", "市场主体总数")]),
    # a figure after a rate of the same clause, with no subject of its own, is of that subject
    ("全年签约项目总投资额增长20%、达到500亿元。", [("20", "签约项目总投资额"), ("500", "签约项目总投资额")]),
    # a goal's and an estimate's words are no part of the label; nor is 扩至
    ("规上服务业营业收入力争增长12%。", [("12", "规上服务业营业收入")]),
    ("全市地区生产总值预计达到2100亿元。", [("2100", "地区生产总值")]),
    ("跨省通办事项扩至260项。", [("260", "跨省通办事项")]),
])
def test_a_label_is_the_nearest_named_subject(text, want):
    assert _labels(text) == want


def test_a_change_of_a_level_against_a_base_is_an_increase_and_a_count_upgraded_a_level():
    [level, change] = figures_of(Block("text", "人均预期寿命达到80.5岁，较2020年提高1.6岁。", 1), None)
    assert (level.kind, change.kind) == ("level", "increase")
    [built, upgraded] = figures_of(Block("text", "新建公厕120座、改造提升85座。", 1), None)
    assert (built.kind, upgraded.kind) == ("level", "level")


def test_the_set_a_rate_is_of_is_no_figure():
    got = _labels("18个重点园区对全市工业投资的贡献度较上年提高3.2个百分点。")
    assert [v for v, _ in got] == ["3.2"]


def test_a_long_run_of_one_cell_lines_that_makes_no_table_is_read_in_linear_time():
    import time

    started = time.monotonic()
    found, _ = blocks("甲 |\n" * 20000)
    assert not [b for b in found if b.kind == "table"]
    assert time.monotonic() - started < 20  # tried once for the run, not once per line (minutes)
