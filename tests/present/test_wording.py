"""Chinese number formatting filters and the narrative sandbox."""
from __future__ import annotations

import pytest

from generator.content.model import Metric, Rank
from generator.present.narrative import MetricView, NarrativeError, ratio, render_narrative
from generator.present.wording import MISSING, change, cn, comparison_text, growth_text, num, points, rank_text, span, with_unit


@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


@pytest.mark.parametrize("value,digits,expected", [
    (0, None, "0"), (0.0, 1, "0.0"), (-0.0, None, "0"), (2458.8, None, "2458.8"), (51.0, None, "51"),
    (73232, None, "73232"), (1e12, None, "1000000000000"), (-3.25, 1, "-3.3"), (0.05, 1, "0.1"),
    (0.049, 1, "0.0"), (2.675, 2, "2.68"), (1.005, 2, "1.01"), (1.16, None, "1.16"), (None, None, MISSING),
])
def test_num(value, digits, expected):
    assert num(value, digits) == expected


def test_with_unit_and_qualifiers():
    assert with_unit(2458.8, "亿元") == "2458.8亿元"
    assert with_unit(98.8, "%") == "98.8%"
    assert with_unit(80, "%", "以上") == "80%以上"
    assert with_unit(2000, "亿元", "突破") == "突破2000亿元"
    assert with_unit(None, "亿元") == MISSING


@pytest.mark.parametrize("n,expected", [(0, "零"), (1, "一"), (4, "四"), (10, "十"), (11, "十一"), (20, "二十"),
                                        (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十"),
                                        (999, "九百九十九"), (-2, "负二")])
def test_chinese_numerals(n, expected):
    assert cn(n) == expected


def test_change_wording_from_sign():
    assert change(5.6) == "增长5.6%"
    assert change(-1.2) == "下降1.2%"
    assert change(0) == "持平"
    assert change(None) == "增长" + MISSING
    assert points(1.6) == "提升1.6个百分点"
    assert points(-0.3) == "下降0.3个百分点"


def test_ratio_rank_span():
    assert ratio(6.2, 42.8, 51) == "6.2:42.8:51"
    assert rank_text(Rank(scope="全省", position=4)) == "全省第四位"
    assert rank_text(Rank(scope="全省", position=1)) == "全省首位"
    assert rank_text(Rank(wording="居全省前列")) == "居全省前列"
    assert span(2021, 2024) == "2021—2024年"
    assert span(2024, 2024) == "2024年"  # a span of one year is that year


def test_a_figure_that_starts_and_ends_in_one_year_says_that_year():
    from generator.present.wording import years_of

    assert years_of(metric(start=2024)) == "2024"
    assert years_of(metric(start=2021)) == "2021—2024"


def metric(**kw) -> Metric:
    base = {"id": "gdp", "label": "地区生产总值", "value": 2458.8, "unit": "亿元", "year": 2024}
    base.update(kw)
    return Metric.model_validate(base)


def test_comparison_wordings():
    assert comparison_text(metric(comparison={"base_year": 2020, "increase": 836.2})) == "较2020年增加836.2亿元"
    assert comparison_text(metric(comparison={"base_year": 2020, "increase": -3.5})) == "较2020年减少3.5亿元"
    assert comparison_text(metric(unit="%", comparison={"base_year": 2020, "increase": 1.6})) == "较2020年提升1.6个百分点"
    assert comparison_text(metric(unit="", comparison={"base_year": 2020, "increase": -0.17})) == "较2020年缩小0.17"
    assert comparison_text(metric(comparison={"base_label": "“十三五”末", "times": 1.6})) == "是“十三五”末的1.6倍"
    assert comparison_text(metric(comparison={"base_year": 2020, "percent": 60})) == "较2020年增长60%"


def test_growth_keeps_its_basis():
    assert growth_text(metric(growth={"rate": 4.4, "basis": "可比价"})) == "按可比价格计算，年均增长4.4%"
    assert growth_text(metric(growth={"rate": 5.6})) == "年均增长5.6%"


def test_narrative_renders_metrics_and_missing_values():
    ctx = {"gdp": MetricView(metric(comparison={"base_year": 2020, "increase": 836.2})),
           "gap": MetricView(metric(id="gap", value=None, note="原文缺失"))}
    text = render_narrative("总值{{ gdp }}，{{ gdp.compare }}；缺{{ gap }}；{{ ratio(1, 2) }}。", ctx)
    assert text == f"总值2458.8亿元，较2020年增加836.2亿元；缺{MISSING}；1:2。"
    assert "None" not in text


@pytest.mark.parametrize("template,line,words", [
    ("第一行\n{{ nope }}", 2, "unknown name 'nope'"),
    ("{{ gdp }\n", 1, "template syntax"),
    ("a\nb\n{{ ''.__class__.__mro__ }}", 3, "not allowed"),
    ("{{ gdp.__init__.__globals__ }}", 1, "not allowed"),
    ("{{ range(10) }}", 1, "unknown name 'range'"),
    ("x\n{{ 'a' * 10**9 }}", 2, "not allowed"),
    ("{{ 'a' * 100000 }}", 1, "not allowed"),
    ("{{ cycler }}", 1, "unknown name 'cycler'"),
    ("{% include '/etc/passwd' %}", 1, "not allowed in a narrative: {% include %}"),
    ("a\n{% for x in [1] %}{% for y in [1] %}x{% endfor %}{% endfor %}", 2, "not allowed in a narrative: {% for %}"),
    ("{% set x = 'a' %}{{ x ~ x }}", 1, "{% set %}"),
    ("{{ 'x'|center(10**9) }}", 1, "the filter 'center'"),
    ("{{ '%0999999999d'|format(1) }}", 1, "the filter 'format'"),
    ("{{ ((10**64)**64)**64 }}", 1, "power too large"),
    ("{{ 'a'|upper }}{% if gdp %}有{% endif %}", 0, ""),
])
def test_narrative_errors_name_their_line(template, line, words):
    if not line:  # allowed: renders
        assert render_narrative(template, {"gdp": MetricView(metric())}) == "A有"
        return
    with pytest.raises(NarrativeError) as exc:
        render_narrative(template, {"gdp": MetricView(metric())})
    assert exc.value.lineno == line
    assert words in str(exc.value)
