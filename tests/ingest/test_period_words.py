"""Years and parts of a year as texts also write them: in Chinese numerals (二〇二四年, 一至九月, 十一月份), with other
dashes and words (1-9月, 1～9月, 一到九月, 第一季度), and times that are no part of a year (今年以来, 上年同期). Short
texts written for these tests in the style of a 统计公报 or a monthly release; places and figures invented."""
from __future__ import annotations

import pytest

from generator.content.model import Metric
from generator.content.numerals import from_cn
from generator.ingest.draft import draft
from generator.ingest.figures import analyse, periods_named
from generator.ingest.read import normalise_line

# --- the words -----------------------------------------------------------------------------------------------------

SAID = {
    "一至九月": "1—9月", "一到九月": "1—9月", "1至9月": "1—9月", "1到9月": "1—9月", "1-9月": "1—9月", "1～9月": "1—9月",
    "1—9月份": "1—9月", "一至九月份": "1—9月", "一月至九月": "1—9月", "一月份至九月份": "1—9月", "一至十一月": "1—11月",
    "1-2月": "1—2月", "一至二月": "1—2月", "一季度": "一季度", "第一季度": "一季度", "第四季度": "四季度",
    "前三季度": "前三季度", "前三个季度": "前三季度", "前3季度": "前三季度", "十一月": "11月", "十二月份": "12月",
    "十月": "10月", "三月份": "3月", "今年十一月": "11月", "前九个月": "1—9月",
    # a time that is no part of a year: the whole year, a point, a span to now, a range not from January
    "一至十二月": "", "三至五月": "", "九月末": "", "十一月底": "", "十月一日": "", "九月以来": "", "今年以来": "",
    "年初以来": "", "截至九月底": "", "至十月中旬": "",
}


@pytest.mark.parametrize("words", list(SAID))
def test_a_part_of_a_year_is_read_however_it_is_written(words):
    assert [p for _, p in periods_named(words)] == [SAID[words]], words


@pytest.mark.parametrize("words", ["统一月度调度", "实行一月一通报", "每三月一次", "三个月", "五年来", "上年同期",
                                   "比上年同期"])
def test_numerals_before_a_month_that_name_no_time(words):
    assert periods_named(words) == [], words


def test_a_list_of_months_in_numerals_gives_no_one_its_part():
    # 三、四月份分别…: whose figure is whose, the words do not say
    assert [p for _, p in periods_named("三、四月份")] == [""]
    assert [p for _, p in periods_named("十、十一月份")] == [""]


def test_chinese_numerals_as_numbers():
    assert [from_cn(w) for w in ("一", "九", "十", "十一", "十二", "二十", "三十一", "两")] == [1, 9, 10, 11, 12, 20, 31, 2]
    assert [from_cn(w) for w in ("二〇二四", "二○二四", "二零二四", "一九九八")] == [2024, 2024, 2024, 1998]
    assert [from_cn(w) for w in ("", "年", "十十", "二〇二四年")] == [None, None, None, None]


def test_a_year_in_chinese_numerals_is_read_as_its_digits():
    said = {"二〇二四年前三季度": "2024年前三季度", "二○二四年": "2024年", "二零二四年全县": "2024年全县",
            "二O二三年度": "2023年度", "一九九八年": "1998年",
            # a date of a year in numerals: its month and day too
            "二〇二四年十月二十八日": "2024年10月28日", "二〇二五年一月九日": "2025年1月9日", "二〇二四年十二月": "2024年12月"}
    for raw, clean in said.items():
        assert normalise_line(raw) == clean, raw
    # numerals that are no year stay as they are
    for words in ("十二年", "二十年来", "一二三年", "三〇二四年", "第十二月"):
        assert normalise_line(words) == words, words


# --- in a text -----------------------------------------------------------------------------------------------------

REPORT = """# 二〇二四年前三季度青禾县经济运行情况

前三季度，全县地区生产总值256.3亿元，同比增长5.2%。一至九月，全县规模以上工业增加值同比增长5.6%，比上半年回落0.3个百分点。一到九月，全县固定资产投资同比下降2.3%。1-9月，全县进出口总额36.5亿元，同比减少8.1%。1～9月，全县一般公共预算收入12.3亿元，增长-2.3%。

第一季度，全县社会消费品零售总额40.2亿元，同比负增长1.2%。1—9月份，全县商品房销售面积42.1万平方米，同比回落12.5%。

十一月，全县居民消费价格同比上涨0.3%。十二月份，全县城镇调查失业率为5.0%。

今年以来，全县新增市场主体5230户。

全县粮食产量18.6万吨，比上年同期减少0.4万吨。
"""


def _figures(text: str) -> dict[str, object]:
    return {f.source: f for t in analyse(text)[0] for f in t.figures}


def _metrics(text: str) -> dict[float, dict]:
    data = draft(analyse(text)[0], 1, "t", "\n".join(normalise_line(line) for line in text.splitlines()))
    return {m["value"]: m for p in data["parts"] for t in p["themes"] for m in t["metrics"]}


def test_a_report_with_its_year_in_numerals_dates_its_figures():
    got = _figures(REPORT)
    assert {f.year for f in got.values()} == {2024}
    assert got["256.3亿元"].period == "前三季度"  # the title's, and its own clause's
    assert got["5.6%"].period == got["2.3%"].period == "1—9月"
    assert got["36.5亿元"].period == got["12.3亿元"].period == "1—9月"
    assert got["40.2亿元"].period == "一季度" and got["42.1万平方米"].period == "1—9月"
    assert got["0.3%"].period == "11月" and got["5.0%"].period == "12月"


def test_since_the_start_of_the_year_names_no_part_of_it():
    # 今年以来: up to the time of writing, which the text does not say; never the title's 前三季度
    got = _figures(REPORT)
    assert got["5230户"].year == 2024 and got["5230户"].period == ""
    only = _figures("# 2024年上半年青禾县经济运行情况\n\n今年以来，全县新增市场主体5230户，同比增长3.4%。\n")
    assert only["5230户"].period == only["3.4%"].period == ""
    assert _figures("# 2024年上半年青禾县经济运行情况\n\n全县新增市场主体5230户。\n")["5230户"].period == "上半年"


def test_a_fall_in_these_phrasings_is_a_negative_growth_never_a_positive_level():
    got = _figures(REPORT)
    for source in ("2.3%", "8.1%", "-2.3%", "1.2%", "12.5%"):
        assert got[source].number < 0 and got[source].kind == "growth", source
    assert got["0.3个百分点"].number == -0.3  # 回落 …个百分点
    assert got["0.4万吨"].number == -0.4 and got["0.4万吨"].kind == "increase"  # 减少 an amount: a change
    metrics = _metrics(REPORT)
    assert metrics[36.5]["growth"]["rate"] == -8.1 and metrics[12.3]["growth"]["rate"] == -2.3
    assert metrics[40.2]["growth"]["rate"] == -1.2 and metrics[42.1]["growth"]["rate"] == -12.5
    assert metrics[18.6]["comparison"]["increase"] == -0.4
    # a rate said alone is a metric of its own, the rate (固定资产投资增速 -2.3%); no fall is ever a positive figure
    assert metrics[-2.3]["unit"] == "%" and metrics[-2.3]["label"].endswith("增速")
    assert not {2.3, 8.1, 1.2, 12.5, 0.4} & set(metrics)
    assert all(m.get("year") == 2024 for m in metrics.values())  # 2024 is the title's, in numerals
    assert metrics[36.5]["period"] == "1—9月" and "period" not in metrics[5230]
    for m in metrics.values():  # every one the model takes as it is
        Metric.model_validate({k: v for k, v in m.items() if not k.startswith("_") and k != "key"})


SAME_PERIOD = """# 2024年前三季度青禾县经济运行情况

全县粮食产量比上年同期负增长1.2%。1至9月，全县规模以上工业增加值同比增长5.6%，上年同期为下降2.1%。全县社会消费品零售总额40.2亿元，增长3.1%（上年同期为增长4.5%）。
"""


def test_the_same_period_a_year_before_is_a_base_or_that_years_figure():
    got = _figures(SAME_PERIOD)
    assert got["1.2%"].number == -1.2 and "同期" not in got["1.2%"].label  # 比上年同期: the base, no part of the label
    assert (got["5.6%"].year, got["5.6%"].period) == (2024, "1—9月")
    # 上年同期为…: the figure of 2023's first nine months, a fall
    assert (got["2.1%"].year, got["2.1%"].period, got["2.1%"].number) == (2023, "1—9月", -2.1)
    assert (got["4.5%"].year, got["4.5%"].number) == (2023, 4.5)
    metrics = _metrics(SAME_PERIOD)
    # the aside in brackets names no indicator of the rate before it: 3.1% is the growth of 40.2亿元
    assert metrics[40.2]["growth"]["rate"] == 3.1 and 3.1 not in metrics
    # 2023 is written nowhere: the year before's figures stay undated (and so with no part of a year) for the editor
    assert "year" not in metrics[-2.1] and "period" not in metrics[-2.1] and "上年同期" in metrics[-2.1]["label"]


def test_no_year_in_the_text_gives_none_and_so_no_part_of_one():
    # numbers are sacred: 一至九月 names no year, and the text names none either
    got = _figures("一至九月，全县规模以上工业增加值同比增长5.6%。十一月份，全县居民消费价格同比上涨0.3%。\n")
    assert {(f.year, f.period) for f in got.values()} == {(None, "")}


def test_a_part_of_a_year_in_numerals_opens_no_label():
    got = _figures("# 2024年青禾县经济运行简况\n\n一至九月全县规模以上工业增加值增长5.6%。十一月份全县居民消费价格上涨0.3%。"
                   "今年十一月全县粮食收购量增长2.1%。第一季度全县社会消费品零售总额增长3.2%。\n")
    assert {s: (f.label, f.period) for s, f in got.items()} == {
        "5.6%": ("规模以上工业增加值", "1—9月"), "0.3%": ("居民消费价格", "11月"), "2.1%": ("粮食收购量", "11月"),
        "3.2%": ("社会消费品零售总额", "一季度")}


def test_a_dateline_in_numerals_dates_the_text():
    # a work report's dateline: the year it reviews is the one before
    report = ("——二〇二四年一月十日在青禾县第十八届人民代表大会第三次会议上\n\n各位代表：现在，我代表县人民政府向大会报告工作，"
              "请予审议。\n\n一、过去一年的工作\n\n全县地区生产总值增长5.1%。\n")
    assert [f.year for f in _figures(report).values()] == [2023]
    # a bureau's dated release on the months of its year
    release = "青禾县统计局\n\n二〇二四年十月二十日\n\n一至九月，全县规模以上工业增加值增长5.6%。\n"
    assert [(f.year, f.period) for f in _figures(release).values()] == [(2024, "1—9月")]


def test_a_point_in_a_month_in_numerals_is_no_part_of_the_year():
    # 截至九月底: a stock at a date, never the title's 前三季度; a figure that names no time still takes the title's
    got = _figures("# 2024年前三季度青禾县经济运行情况\n\n截至九月底，全县市场主体12.3万户。\n\n"
                   "至十月中旬，全县秋粮收获进度85.2%。\n\n全县地区生产总值256.3亿元。\n")
    assert {s: f.period for s, f in got.items()} == {"12.3万户": "", "85.2%": "", "256.3亿元": "前三季度"}


def test_a_rate_against_its_basis_without_a_verb_is_a_growth_rate():
    # 同比-2.3%: a fall of 2.3% on the same months of the year before, never a level of -2.3%
    got = _figures("# 2024年前三季度青禾县经济运行情况\n\n1-9月，全县工业用电量同比-2.3%，环比0.4%。\n")
    assert (got["-2.3%"].kind, got["-2.3%"].number, got["-2.3%"].period) == ("growth", -2.3, "1—9月")
    assert (got["0.4%"].kind, got["0.4%"].number) == ("growth", 0.4)


def test_a_bulletin_of_another_name_dates_its_figures():
    # …环境状况公报, …水资源公报: a 公报 of a year, as a 统计公报 is
    got = _figures("# 2024年青禾县生态环境状况公报\n\n全县区域环境噪声平均值为53.2分贝。\n")
    assert [(f.year, f.unit) for f in got.values()] == [(2024, "分贝")]


@pytest.mark.parametrize("sentence,periods", [
    ("一、二、三季度，全县地区生产总值分别增长5.3%、4.9%和4.6%。", ["一季度", "二季度", "三季度"]),
    ("一季度和二季度全县地区生产总值分别增长5.3%、4.9%。", ["一季度", "二季度"]),
    ("十、十一月份全县居民消费价格分别上涨0.3%、0.1%。", ["10月", "11月"]),
    ("1—5月、1—6月全县固定资产投资分别下降3.2%、2.8%。", ["1—5月", "1—6月"]),
    ("4月份，全县城镇调查失业率为5.2%；5、6月份连续回落，分别为5.1%、4.9%。", ["4月", "5月", "6月"]),
    # as many parts as figures, or none: which figure is whose, the words do not say
    ("5、6月份，全县城镇调查失业率均为5.1%。", [""]),
    ("5、6月份全县工业用电量分别增长3.1%、2.2%和1.0%。", ["", "", ""]),
    ("5、6月份，全县工业和投资分别增长3.1%、2.2%。", ["", ""]),
    # another year's list, or a base
    ("全县地区生产总值增速比去年一、二季度分别高0.3、0.2个百分点。", ["", ""]),
])
def test_a_fenbie_list_pairs_the_listed_parts_of_a_year_with_its_figures_in_order(sentence, periods):
    got = _figures(f"# 2024年青禾县经济运行情况\n\n{sentence}\n")
    assert [f.period for f in got.values()] == periods
    assert [f.number < 0 for f in got.values()] == ["下降" in sentence] * len(periods)


RATE_MOVES = """# 2024年前三季度青禾县经济运行情况

全县商品房销售面积降幅收窄至2.3%。

全县出口降幅为5.1%。

全县工业用电量增速回落至3.2%。

全县社会消费品零售总额增速由上半年的5.2%回落至4.8%。
"""


def test_where_a_rate_of_change_came_to_is_a_growth_rate_and_a_falls_is_negative():
    got = _figures(RATE_MOVES)
    # 降幅收窄至2.3%, 降幅为5.1%: the fall is the size, the rate is negative; never a positive level labelled 降幅
    assert (got["2.3%"].kind, got["2.3%"].number) == ("growth", -2.3)
    assert (got["5.1%"].kind, got["5.1%"].number) == ("growth", -5.1)
    assert (got["3.2%"].kind, got["3.2%"].number) == ("growth", 3.2)
    # 由上半年的5.2%回落至4.8%: both are the same rate's, 5.2% of the first half, 4.8% not of it
    assert [(f.kind, f.label) for f in (got["5.2%"], got["4.8%"])] == [("growth", "社会消费品零售总额增速")] * 2
    assert (got["5.2%"].period, got["4.8%"].period) == ("上半年", "")
    metrics = _metrics(RATE_MOVES)
    assert metrics[-2.3]["label"] == "商品房销售面积增速" and metrics[-5.1]["label"] == "出口增速"
    assert not {2.3, 5.1} & set(metrics)


def test_a_base_of_part_of_a_year_or_the_years_start_is_no_label():
    got = _figures("# 2024年前三季度青禾县经济运行情况\n\n一至九月，全县规模以上工业增加值同比增长6.2%，增速比1—8月加快0.2个百分点。"
                   "九月末，全县金融机构存款余额356.2亿元，比年初增加21.5亿元。\n")
    assert got["0.2个百分点"].label == "增速" and got["0.2个百分点"].period == "1—9月"
    assert got["21.5亿元"].label == "金融机构存款余额" and got["21.5亿元"].kind == "increase"
