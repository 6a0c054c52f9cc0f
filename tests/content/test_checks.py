"""Checks: each rule catches a planted mistake in the shipped content and stays quiet on the correct seed figure."""
from __future__ import annotations

import pytest

from generator.content.checks import Interval, check_project, errors, evaluate
from generator.content.loader import load_project

CONF = "content/conferences/01-转型发展.yaml"

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def findings_after(project_dir, old: str, new: str):
    path = project_dir / CONF
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must appear exactly once in the shipped content"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return check_project(load_project(project_dir / "content", project_dir))


def test_the_draft_example_has_no_errors_and_lists_only_the_seed_gaps(draft_project):
    findings = check_project(load_project(draft_project / "content", draft_project))
    assert errors(findings) == []
    assert all(f.gap for f in findings)  # every warning keeps the build a draft
    missing = sorted(f.metrics[0] for f in findings if "missing" in f.message)
    assert missing == sorted(["coking_advanced_share", "farm_mechanisation", "gdp", "budget_revenue", "meat_growth",
                              "social_insurance"])
    unverified = sorted(f.metrics[0] for f in findings if "待核对" in f.message)
    assert unverified == ["cross_city_services", "unnamed_firms"]
    assert len(findings) == 8


WITHHELD = {"coking_advanced_share": "publish", "unnamed_firms": "publish", "farm_mechanisation": "withhold",
            "cross_city_services": "publish", "gdp": "withhold", "budget_revenue": "withhold", "meat_growth": "publish",
            "social_insurance": "publish"}


def test_shipped_content_lists_each_withheld_item_with_its_line_and_reason_and_nothing_else(shipped_project, run):
    from generator.content import walk

    project = load_project(shipped_project / "content", shipped_project)
    findings = check_project(project)
    assert errors(findings) == [] and not any(f.gap for f in findings)
    assert all(f.severity == "withheld" for f in findings), [str(f) for f in findings if f.severity != "withheld"]
    conf = project.conferences[0]
    lines = (shipped_project / "content" / "conferences" / "01-转型发展.yaml").read_text(encoding="utf-8").splitlines()
    by_metric = {}
    for path, m in walk.metrics(conf.model):
        if m.id in WITHHELD:
            by_metric[m.id] = (conf.source.where(path + (WITHHELD[m.id],))[0], m.note)
    for mid, (line, note) in by_metric.items():
        [f] = [f for f in findings if f.line == line]
        assert note in f.message, mid
        assert lines[line - 1].strip().startswith(WITHHELD[mid] + ":"), (mid, lines[line - 1])
    [highlight] = [f for f in findings if f.path.endswith("highlight 3 › publish")]
    assert "参保人数未给出" in highlight.message
    assert len(findings) == 9
    code, out, err = run(shipped_project, "check", "--strict")
    assert code == 0, err
    assert "0 error(s), 0 warning(s), 9 item(s) withheld" in out
    assert sum(line.startswith("withheld: ") for line in out.splitlines()) == 9
    assert all(line.startswith("withheld: content/conferences/01-转型发展.yaml:") for line in out.splitlines()[:-1])


# (what to change in the shipped file, the rule's words, the metric ids the finding must name)
PLANTED = [
    ("base_value: 1622.6", "base_value: 1662.6", "base 1662.6 + increase 836.2 = 2498.8, but value is 2458.8", ("gdp",)),
    ("growth: {rate: 3.6, kind: 年均, basis: 现价", "growth: {rate: 4.6, kind: 年均, basis: 现价",
     "年均增长 4.6% does not match the values: 216.4 -> 248.8 over 4 year(s) is 3.55%", ("farm_output",)),
    ("            value: 2.15\n            unit: \"\"\n            year: 2024\n            comparison: {base_year: 2020, increase: -0.17}\n            ratio_of",
     "            value: 2.25\n            unit: \"\"\n            year: 2024\n            comparison: {base_year: 2020, increase: -0.17}\n            ratio_of",
     "ratio 2.25 does not match urban_income / rural_income = 2.1498", ("income_ratio", "urban_income", "rural_income")),
    ("comparison: {base_year: 2020, increase: 1.6}", "comparison: {base_year: 2020, increase: 2.6}",
     "change 2.6 does not match: base-year share from services_va and gdp is 49.40, so the change is 1.60",
     ("services_share", "services_va", "gdp")),
    ("label: 第二产业占比\n            value: 42.8", "label: 第二产业占比\n            value: 44.8",
     "三次产业结构: parts sum to 102, not 100", ("industry_share_1", "industry_share_2", "industry_share_3")),
    ("label: 规上工业增加值年均增长\n            value: 6.0", "label: 规上工业增加值年均增长\n            value: 6.5",
     "derived value 6.5 does not match sei_growth - sei_gap = 6", ("above_scale_industry_growth",)),
    ("id: economy_gdp\n            label: 地区生产总值\n            value: 2458.8",
     "id: economy_gdp\n            label: 地区生产总值\n            value: 2485.8",
     "states 地区生产总值 as 2485.8亿元, but gdp says 2458.8亿元", ("economy_gdp", "gdp")),
    ("comparison: {base_year: 2020, percent: 60}", "comparison: {base_year: 2020, base_value: 700, percent: 60}",
     "增长 60% does not match 700 -> 1171", ("patents",)),
    ("comparison: {base_label: “十三五”末, times: 1.6}", "comparison: {base_label: “十三五”末, base_value: 200, times: 1.6}",
     "1.6 倍 does not match 200 -> 396", ("hightech_firms",)),
    ("value: 4.2\n            unit: \"%\"\n            year: 2024\n            share_of",
     "value: 4.8\n            unit: \"%\"\n            year: 2024\n            share_of",
     "share 4.8 does not match digital_core_va / gdp = 4.2297", ("digital_share", "digital_core_va", "gdp")),
]


@pytest.mark.parametrize("old,new,words,ids", PLANTED, ids=[p[3][0] + "-" + p[2][:12] for p in PLANTED])
def test_rule_catches_planted_mistake(shipped_project, old, new, words, ids):
    found = [f for f in errors(findings_after(shipped_project, old, new)) if words in f.message]
    assert found, f"no finding says {words!r}"
    assert found[0].file == CONF and found[0].line > 0
    assert set(ids) <= set(found[0].metrics)


def test_comparable_price_rates_are_never_checked_as_nominal(shipped_project):
    # 工业增加值 4.4% is 按可比价格; the nominal growth of 602.9 -> 972.2 is 12.7%: no finding, either way.
    findings = findings_after(shipped_project, "growth: {rate: 4.4, kind: 年均, basis: 可比价",
                              "growth: {rate: 9.4, kind: 年均, basis: 可比价")
    assert errors(findings) == []


def test_same_figure_stated_twice_without_same_as_is_caught(shipped_project):
    # two metrics with one label, unit and year must agree even when nobody linked them
    findings = findings_after(shipped_project, "label: 原煤产量\n            value: 1.16",
                              "label: 原煤产量\n            value: 1.16\n            unit: 亿吨\n            year: 2024\n"
                              "          - id: raw_coal_again\n            label: 原煤产量\n            value: 1.61")
    assert any("原煤产量 (2024) is 1.61亿吨 here but 1.16亿吨" in f.message for f in errors(findings))


def test_strict_turns_warnings_into_errors(draft_project, run):
    assert run(draft_project, "check")[0] == 0
    code, out, err = run(draft_project, "check", "--strict")
    assert code == 1
    assert "8 warning(s)" in out and "--strict" in err


def test_interval_of_a_rounded_figure():
    iv = Interval.of(2458.8)
    assert (iv.lo, iv.hi) == (pytest.approx(2458.75), pytest.approx(2458.85))
    assert Interval.of(51) == Interval(50.5, 51.5)
    assert Interval.of(0.17) == Interval(pytest.approx(0.165), pytest.approx(0.175))


def test_formula_evaluation_is_arithmetic_only(shipped_project):
    metrics = load_project(shipped_project / "content", shipped_project).conferences[0].model.metrics()
    assert evaluate("gdp - gdp.increase", metrics) == pytest.approx(1622.6)
    with pytest.raises(ValueError):
        evaluate("__import__('os')", metrics)
    with pytest.raises(ValueError):
        evaluate("gdp / 0", metrics)


def test_a_figure_typed_into_text_is_flagged_but_years_grades_ordinals_and_names_are_not(make_project, run):
    from tests.conftest import FIXTURES

    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    ok = "          - 2024年在“十四五”时期，5A级景区第2名，“15分钟生活圈”，2021—2024年地区生产总值{{ gdp }}。\n"
    typed = "          - 新增就业12.5万人。\n"
    folder = make_project(text.replace("        highlights:\n", "        highlights:\n" + ok + typed, 1))
    code, out, _ = run(folder, "check")
    assert code == 0
    flagged = [line for line in out.splitlines() if "typed into the text" in line]
    assert len(flagged) == 1 and "highlight 2:" in flagged[0] and "the figure 12.5" in flagged[0]
    assert "warning:" in flagged[0]


def test_an_approximation_that_no_figure_bears_out_is_flagged(make_project, run):
    from tests.conftest import FIXTURES

    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("        highlights:\n", "        lead: 比2020年增长近千亿元。\n        highlights:\n", 1)
    code, out, _ = run(make_project(text), "check")
    assert code == 0
    [line] = [ln for ln in out.splitlines() if "近千亿元" in ln]
    assert "gdp states increase 836.2亿元" in line and "{{ gdp.increase }}" in line
    # an approximation that a figure bears out is not flagged
    text2 = text.replace("近千亿元", "超过两千亿元")
    code, out, _ = run(make_project(text2), "check")
    assert "超过两千亿元" not in out  # 2458.8 is over 2000: borne out


def test_a_highlight_longer_than_a_slide_reads_is_a_warning_naming_its_line(shipped_project):
    old = "          - 产业结构更加优化，三次产业的占比为{{ industry_structure }}。\n"
    long = "产业结构更加优化，三次产业的占比为{{ industry_structure }}。" + "传统产业提质升级。" * 40
    findings = findings_after(shipped_project, old, f"          - {long}\n")
    [found] = [f for f in findings if "highlight of" in f.message]
    text = (shipped_project / "content" / "conferences" / "01-转型发展.yaml").read_text(encoding="utf-8")
    assert found.severity == "warning" and found.line == text.splitlines().index(f"          - {long}") + 1
    assert f"highlight of {len(long)} characters" in found.message and "narrative" in found.message
    assert errors(findings) == []  # it builds; the editor is told


SHARE = "            value: 4.2\n            unit: \"%\"\n            year: 2024\n            share_of"


def test_a_share_in_permille_is_part_over_whole_times_a_thousand(shipped_project):
    """数字经济核心产业增加值 104 of GDP 2458.8 is 4.2% or 42‰: a share in ‰ was checked as if in % (42 against 4.23)."""
    findings_after(shipped_project, "            same_as: digital_share\n", "")  # 4.2% elsewhere: the same figure
    findings = findings_after(shipped_project, SHARE, SHARE.replace("4.2", "42").replace('"%"', '"‰"'))
    assert errors(findings) == [], [str(f) for f in errors(findings)]
    findings = findings_after(shipped_project, '            value: 42\n            unit: "‰"',
                              '            value: 45\n            unit: "‰"')
    [found] = errors(findings)
    assert "share 45 does not match digital_core_va / gdp = 42.297" in found.message


def test_shares_of_one_whole_in_permille_that_pass_it_are_flagged(shipped_project):
    """Shares of one whole past it are worth a look in ‰ as in % (the rule read % alone, against 100)."""
    findings_after(shipped_project, "            same_as: digital_share\n", "")
    other = ("          - id: other_share\n            label: 其他占比\n            value: 1000\n            unit: \"‰\"\n"
             "            year: 2024\n            share_of: {part: gdp, whole: gdp}\n")
    findings = findings_after(shipped_project, "          - id: broadband_users\n",
                              other + "          - id: broadband_users\n")
    findings = findings_after(shipped_project, SHARE, SHARE.replace("4.2", "42").replace('"%"', '"‰"'))
    assert errors(findings) == [], [str(f) for f in errors(findings)]
    [found] = [f for f in findings if "more than the whole" in f.message]
    assert "sum to 1042‰" in found.message and found.severity == "warning"


def test_a_withheld_figure_named_on_the_overview_is_refused_at_its_line(shipped_project):
    """The overview left it out without a word, as a chart or a structure refuses it."""
    findings = findings_after(shipped_project, "speakers: []\n", "speakers: []\noverview: [unnamed_firms, gdp, "
                              "services_va, preschool_enrolment, river_projects, hightech_firms]\n")
    [found] = errors(findings)
    assert "unnamed_firms is withheld on purpose" in found.message and "the overview" in found.message
    assert found.line == 15 and found.metrics == ("unnamed_firms",)
