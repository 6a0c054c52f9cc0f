"""A figure for part of a year (上半年, 前三季度, 1—9月) is said with that part wherever its year is said: a half-year
figure printed as "2018年" would read as the whole year's, a factual error in every output."""
from __future__ import annotations

import pytest

from generator.present.open_data import data_rows
from generator.present.release import press_release
from generator.present.view import present
from generator.render.briefing.document import metric_table_of
from tests.conftest import FIXTURES

HALF = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
    "            year: 2024\n            comparison:", "            year: 2024\n            period: 上半年\n            comparison:", 1)


def view_of(make_project, text: str):
    from generator.content.loader import load_project

    folder = make_project(text)
    project = load_project(folder / "content", folder)
    return present(project.series, project.conferences[0].model)


def test_the_part_of_the_year_is_said_wherever_the_year_is(make_project):
    view = view_of(make_project, HALF)
    [theme] = view.themes
    gdp = next(m for m in theme.metrics if m.id == "gdp")
    assert gdp.period == "2024年上半年" and "2024年上半年" in gdp.details[-1]  # the card's period line
    other = next(m for m in theme.metrics if m.id == "gdp_2022")
    assert other.period == "2022年"  # a whole year's figure stays a year
    table = metric_table_of(theme.metrics)
    assert "时间" in table.header and "年份" not in table.header
    assert any("2024年上半年" in row for row in table.rows)
    assert "2024年上半年" in press_release(view).lead


def test_the_open_data_period_says_the_part_of_the_year(make_project):
    from generator.content.loader import load_project

    folder = make_project(HALF)
    project = load_project(folder / "content", folder)
    found = {r["id"]: r for r in (row.as_dict() for row in data_rows(project.conferences[0].model, "测试来源"))}
    assert found["gdp"]["period"] == "2024年上半年" and found["gdp"]["year"] == "2024"
    assert found["gdp_2022"]["period"] == "2022年"


@pytest.mark.parametrize("change,said", [
    ("            period: 上半年\n", "give the year"),  # no year to be part of
    ("            period: 前半年\n", "上半年"),  # not a part of a year official releases use: the choices are listed
])
def test_a_period_without_its_year_or_outside_the_list_is_refused_at_its_line(change, said, make_project, run):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "            unit: \"%\"\n", "            unit: \"%\"\n" + change, 1)
    code, _, err = run(make_project(text), "check", "--lang", "en")
    assert code == 1 and said in err and "period" in err, err
    assert err.splitlines()[0].startswith("error: content/conference.yaml:"), err
