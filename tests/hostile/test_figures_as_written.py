"""Hostile figures (sixth round): numbers `check` accepted whose outputs then printed another figure than the file
writes. The sign and the digits are part of a figure."""
from __future__ import annotations

import csv

import pytest

from tests.hostile.conftest import at, cli, edit, refused

CONFERENCE = "content/conference.yaml"
GDP_2022 = "            value: 2000\n"  # line 24, a metric with no comparison to agree with


def _printed(project) -> dict[str, str]:
    """Each metric's value as the open data writes it (the figure every output prints)."""
    [table] = (project / "output").rglob("*-数据.csv")
    with table.open(encoding="utf-8-sig") as fh:
        return {row["id"]: row["value"] for row in csv.DictReader(fh)}


@pytest.mark.parametrize("written", ["2000.12345678901234567", "0.1000000000000000055511151231257827",
                                     "9.000000000000000001"])
def test_a_figure_of_more_digits_than_a_float_keeps_is_refused_at_its_field(written, project):
    """2000.12345678901234567 passed check and every output printed 2000.1234567890124: a figure changed."""
    edit(project / CONFERENCE, GDP_2022, f"            value: {written}\n")
    first = refused(cli(project, "--lang", "en", "check"), "metric gdp_2022 › value", written, "round it")
    assert at(first, CONFERENCE, 24)
    assert not (project / "output").exists()


@pytest.mark.slow  # a build: over 2 s on a busy machine
def test_a_negative_zero_is_printed_as_the_zero_it_is(project):
    """-0.00 printed -0.00亿元 in every output (and -0.0 printed 0, dropping the decimal the file writes); the figures
    a float keeps exactly, long or short, print as written."""
    edit(project / CONFERENCE, GDP_2022, "            value: -0.00\n")
    edit(project / CONFERENCE, "            qualifier: 突破\n", "            qualifier: 突破\n"
         + "".join(f"          - {{id: m{k}, label: 指标{k}, value: {v}, unit: 亿元, year: 2024}}\n"
                   for k, v in enumerate(["-0.0", "123456789012345.67", "-0"])))
    assert cli(project, "build", "--no-pdf").code == 0
    printed = _printed(project)
    assert [printed[k] for k in ("gdp_2022", "m0", "m1", "m2")] == ["0.00", "0.0", "123456789012345.67", "0"]


SHARE = '            unit: "%"\n'  # share_1's unit; the comparison then stands at line 33
CHANGES = {  # each passed check and was printed in every output
    "points that do not add up": (SHARE, SHARE + "            year: 2024\n            comparison: {base_year: 2020, "
                                  "base_value: 35, points: 9}\n", 33, "base 35% + 9 points = 44%, but value is 40%"),
    "points of a figure in 亿元": ("increase: 836.2}", "points: 3}", 20, "in “亿元”"),
    "a percent of a base of 0": (SHARE, SHARE + "            year: 2024\n            comparison: {base_year: 2020, "
                                 "base_value: 0, percent: 50}\n", 33, "the base is 0"),
    "a fall of 150%": ("            key: true\n", "            key: true\n            growth: {rate: -150, basis: 可比价}\n",
                       22, "a fall of 150%"),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_change_check_cannot_bear_out_is_refused_at_its_field(name, project):
    """35% -> 40% printed 较2020年提升9个百分点 (points were never checked against the base), 2458.8亿元 较2020年提升3个
    百分点, 0 -> 40% 较2020年增长50%, and 年均下降150%: a figure cannot fall by more than all of it."""
    old, new, line, says = CHANGES[name]
    edit(project / CONFERENCE, old, new)
    first = refused(cli(project, "--lang", "en", "check"), says)
    assert at(first, CONFERENCE, line), first


def test_a_figure_restated_under_another_year_is_refused_at_its_year(project):
    """same_as compared value and unit only: gdp's 2458.8亿元 of 2024 was printed again as a figure of 2023."""
    edit(project / CONFERENCE, "            qualifier: 突破\n", "            qualifier: 突破\n          - {id: again, "
         "label: 地区生产总值, value: 2458.8, unit: 亿元, year: 2023, same_as: gdp}\n")
    first = refused(cli(project, "--lang", "en", "check"), "metric again › year", "of 2024, as of 2023")
    assert at(first, CONFERENCE, 28), first


NARRATIVE = "          全市地区生产总值{{ gdp }}，{{ gdp.compare }}。\n"  # line 50
NAMED = {  # passed check, and built
    "a rank the metric does not state": ("{{ gdp.rank }}", "states no rank"),  # 待补充 in a --final build
    "a growth guarded by if": ("{% if gdp.growth %}，{{ gdp.growth }}{% endif %}", "states no growth"),
    "a figure given another unit": ("{{ gdp.num }}万元", "followed by “亿元”"),  # 2458.8万元 of a figure in 亿元
    "a figure without its unit": ("{{ gdp.num }}", "followed by “亿元”"),
    "a figure joined to a digit": ("{{ '1' ~ gdp.num }}亿元", "must stand alone"),  # 12458.8亿元
    "a figure made a whole number": ("{{ gdp|int }}亿元", "the filter int"),  # 0亿元
    "a figure made a float through its text": ("{{ gdp|string|float }}", "the filter float"),  # 0.0
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_a_text_naming_what_its_metric_does_not_state_is_refused_at_its_line(name, project):
    text, says = NAMED[name]
    edit(project / CONFERENCE, NARRATIVE, f"          全市地区生产总值{text}。\n")
    first = refused(cli(project, "--lang", "en", "build", "--no-pdf", "--final"), "narrative", says)
    assert at(first, CONFERENCE, 50), first
    assert not (project / "output").exists()


@pytest.mark.parametrize("text", ["{{ gdp.num }}亿元", "超过{{ gdp.num }}余亿元", "{{ gdp.num }}多亿元",
                                  "{{ gdp.num }}亿余元", "{{ gdp.num }}亿、{{ gdp.num }}亿元",
                                  "分别为{{ gdp.num }}、{{ gdp.num }}亿元"])
def test_a_figure_without_its_unit_may_stand_before_its_unit_or_a_word_of_approximation(text, project):
    """As ingest writes real texts: the bare number, a word of approximation before or inside the unit (120余场,
    1.2万余家), a money unit without its 元 (1.28万亿、1.18万亿), a list of figures of one unit said after the last
    (分别减少1.2、3.4万吨)."""
    edit(project / CONFERENCE, NARRATIVE, f"          全市地区生产总值{text}。\n")
    assert cli(project, "check").code == 0
