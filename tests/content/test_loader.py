"""Loader: every malformed content file gives one exact line naming file:line:col, field and problem; exit 1."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.loader import load_project
from generator.errors import ContentError

BAD = Path(__file__).resolve().parent / "bad_content"


@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """The exact lines below are the English catalogue's (an English LANG, as on an English desktop); the Chinese
    default is held by tests/test_messages.py and test_hints.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays

# file in tests/bad_content -> the first line `check` prints (after "error: content/conference.yaml:")
EXPECTED = {
    'value_huge': '17:20: part 1 “第一部分” › theme “经济发展” › metric gdp › value: 1e+308 is out of range: figures must stay below 10^15 in size',
    'value_tiny': '17:20: part 1 “第一部分” › theme “经济发展” › metric gdp › value: 9.99989e-321 is too small to print: write 0, or a figure of at least 0.000001',
    'escaped_nul': '3:8: control character U+0000 (written as an escape) is not allowed: documents cannot hold it; delete it',
    'date_far_future': '4:7: date: input should be less than or equal to 2099-12-31, got 2150-01-01',
    'structure_negative_share': '33:21: part 1 “第一部分” › theme “经济发展” › structure structure › item 1: 产业结构: part share_1 is -10; the parts of a whole cannot be negative',
    'anchor_and_alias': '10:9: anchors and aliases (& and *) are not allowed in content files; write the value out',
    'bad_id_pattern': '15:17: part 1 “第一部分” › theme “经济发展” › metric GDP-2024 › id: got "GDP-2024": ids are lower-case latin letters, digits and _ , starting with a letter (e.g. gdp_2024)',
    'bool_where_number': '17:20: part 1 “第一部分” › theme “经济发展” › metric gdp › value: expected a number, got true (yes/no)',
    'chart_series_length_mismatch': '35:13: part 1 “第一部分” › theme “经济发展” › chart gdp_chart: series “地区生产总值” has 1 values for 2 categories',
    'chart_unknown_metric': "42:36: part 1 “第一部分” › theme “经济发展” › chart gdp_chart › series › item 1 › values › item 2: refers to unknown metric 'gdp_2025'",
    'comments_only': '1:1: file is empty; it should hold a mapping of fields (key: value)',
    'control_character': '3:10: control character U+0007 is not allowed; delete it',
    'crlf_and_bom_ok': 'checked 1 conference(s), 3 metrics: 0 error(s), 0 warning(s)',
    'date_invalid': '4:7: 2025-13-01 is not a valid date (month must be in 1..12); write it as 2025-10-22',
    'duplicate_key': "19:13: duplicate key 'unit': each key may appear once in a mapping",
    'duplicate_metric_id': "26:17: part 1 “第一部分” › theme “经济发展” › metric share_1 › id: duplicate id 'share_1': already used by the metric at line 22",
    'empty_file': '1:1: file is empty; it should hold a mapping of fields (key: value)',
    'fullwidth_digits': '17:20: part 1 “第一部分” › theme “经济发展” › metric gdp › value: expected a number, got "２４５８．８" (full-width digits: type 2458.8 with half-width digits)',
    'gbk_encoding': '2:7: file is not UTF-8 (it looks like GBK/GB18030, as Notepad saves on Chinese Windows); save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)',
    'increase_mismatch': '20:55: part 1 “第一部分” › theme “经济发展” › metric gdp › comparison › base value: base 1662.6 + increase 836.2 = 2498.8, but value is 2458.8',
    'inf_value': '17:20: part 1 “第一部分” › theme “经济发展” › metric gdp › value: expected a finite number, got inf',
    'list_where_map': '20:25: part 1 “第一部分” › theme “经济发展” › metric gdp › comparison: expected a mapping (key: value), got a list',
    'map_where_list': '13:11: part 1 “第一部分” › theme “经济发展” › highlights: expected a list (lines starting with -), got a mapping (key: value)',
    'missing_parts': '6:8: parts: needs at least 1 item(s), got 0',
    'missing_required_label': "15:13: part 1 “第一部分” › theme “经济发展” › metric gdp › label: required field 'label' is missing",
    'nan_value': '17:20: part 1 “第一部分” › theme “经济发展” › metric gdp › value: expected a finite number, got nan',
    'null_value_without_note': '15:13: part 1 “第一部分” › theme “经济发展” › metric gdp: value is missing (null): add a note saying why, e.g. “原文此处数值缺失”',
    'number_as_text_title': '3:8: title: expected text, got 2024 (put it in quotes if it is meant as text)',
    'python_tag': '3:8: YAML tag !!python/object:os.system is not allowed; remove it',
    'rank_without_position': '22:19: part 1 “第一部分” › theme “经济发展” › metric gdp › rank: a rank needs a position or a wording',
    'slug_with_slash': '2:7: slug: got "测试/发布会": a slug is a short name for files, without spaces or \\ / : * ? " < > |',
    'structure_not_100': '33:20: part 1 “第一部分” › theme “经济发展” › structure structure › parts: 产业结构: parts sum to 110, not 100',
    'structure_unknown_metric': "33:30: part 1 “第一部分” › theme “经济发展” › structure structure › item 2: refers to unknown metric 'share_3'",
    'tab_indentation': '16:1: tab character used for indentation; indent with spaces',
    'template_sandbox_escape': "45:20: part 1 “第一部分” › theme “经济发展” › narrative: not allowed in a narrative: access to attribute '__class__' of 'str' object is unsafe.",
    'template_syntax_error': "45:20: part 1 “第一部分” › theme “经济发展” › narrative: template syntax: unexpected '}'",
    'template_unknown_attribute': "45:20: part 1 “第一部分” › theme “经济发展” › narrative: a metric has no field 'nonsense'; use one of: label, num, year, base, increase, compare, growth, growth_text, rank",
    'text_where_list': '12:21: part 1 “第一部分” › theme “经济发展” › highlights: expected a list (lines starting with -), got "地区生产总值"',
    'top_level_list': '1:1: expected a mapping of fields (key: value), got a list',
    'undefined_template_name': "44:20: part 1 “第一部分” › theme “经济发展” › narrative: unknown name 'gpd' in narrative: no metric or structure has this id",
    'unit_inside_number': '17:20: part 1 “第一部分” › theme “经济发展” › metric gdp › value: expected a number, got "2458.8亿元" (write the number alone, value: 2458.8, and put 亿元 in unit)',
    'unknown_chart_type': '36:19: part 1 “第一部分” › theme “经济发展” › chart gdp_chart › type: expected one of: \'column\', \'bar\', \'line\', \'pie\', \'doughnut\', \'stacked_column\', \'stacked_bar\' or \'combo\'; got "pie3d"',
    'unknown_key_typo': "17:13: part 1 “第一部分” › theme “经济发展” › metric gdp › vaule: unknown field 'vaule'; did you mean 'value'? Allowed: id, label, value, unit, year, start, period, qualifier, basis, comparison, growth, rank, derived, agrees_with, same_as, share_of, ratio_of, key, status, publish, withhold, source, note",
    'utf16_encoding': '1:1: file is saved as UTF-16; save it as UTF-8',
    'wrong_type_year_text': '19:19: part 1 “第一部分” › theme “经济发展” › metric gdp › year: expected a whole number, got "二〇二四"',
    'yaml_syntax_bad_indent': '12:8: line 12 starts at column 8, out of step with line 11, which starts at column 9; lines of one level start at the same column',
    'yaml_syntax_unclosed_quote': '3:8: a quoted value is not closed: add the closing quote on this line',
    'template_unquoted': "13:13: a value that begins with {{ or {% is read as YAML's own braces: put the whole value in quotes",
    'unclosed_bracket': '45:25: a list [ or a mapping { opened here is not closed: add the closing ] or }, or write the items on lines of their own',
    'text_after_closing_quote': '3:12: text follows the closing quote: put the whole value in quotes, or none of it',
    'line_separator': '13:19: control character U+2028 is not allowed; delete it',
    'direction_mark': '16:26: control character U+200F is not allowed; delete it',
    'year_out_of_range': '19:19: part 1 “第一部分” › theme “经济发展” › metric gdp › year: input should be greater than or equal to 1900, got 24',
}


def test_every_bad_file_has_an_expectation():
    assert {p.stem for p in BAD.glob("*.yaml")} == set(EXPECTED)
    assert len(EXPECTED) >= 40


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if not e.startswith("checked")))
def test_bad_content_gives_one_clear_line(name, make_project, run):
    folder = make_project((BAD / f"{name}.yaml").read_bytes())
    code, out, err = run(folder, "check")
    assert code == 1
    first = err.splitlines()[0]
    assert first == "error: content/conference.yaml:" + EXPECTED[name]
    assert "Traceback" not in err
    assert err.splitlines()[-1].endswith("nothing was written.")


def test_bad_content_writes_nothing_and_keeps_earlier_output(make_project, run):
    folder = make_project()
    code, _, _ = run(folder, "deck")
    assert code == 0
    [deck] = list((folder / "output").rglob("*.pptx"))
    before = deck.read_bytes()
    (folder / "content" / "conference.yaml").write_bytes((BAD / "unit_inside_number.yaml").read_bytes())
    code, _, err = run(folder, "deck")
    assert code == 1 and "2458.8亿元" in err
    assert deck.read_bytes() == before
    assert [p.name for p in deck.parent.iterdir()] == [deck.name]  # no temporary file left behind


def test_bom_and_crlf_are_accepted(make_project, run):
    code, out, _ = run(make_project((BAD / "crlf_and_bom_ok.yaml").read_bytes()), "check")
    assert code == 0
    assert "0 error(s)" in out


def test_all_problems_of_a_run_are_reported(make_project):
    text = (Path(__file__).parent.parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("value: 2458.8", 'value: "2458.8亿元"').replace("year: 2024", "year: 二〇二四")
    text = text.replace("type: column", "type: pie3d")
    folder = make_project(text)
    with pytest.raises(ContentError) as exc:
        load_project(folder / "content", folder)
    fields = [f.path for f in exc.value.findings]
    assert fields == ["part 1 “第一部分” › theme “经济发展” › metric gdp › value",
                      "part 1 “第一部分” › theme “经济发展” › metric gdp › year",
                      "part 1 “第一部分” › theme “经济发展” › chart gdp_chart › type"]


def test_positions_point_into_the_file(make_project):
    """The reported line holds the offending value, so an editor lands on it."""
    folder = make_project((BAD / "unit_inside_number.yaml").read_bytes())
    with pytest.raises(ContentError) as exc:
        load_project(folder / "content", folder)
    f = exc.value.findings[0]
    line = (folder / "content" / "conference.yaml").read_text(encoding="utf-8").splitlines()[f.line - 1]
    assert line[f.col - 1:].startswith("2458.8亿元")


def test_alias_bomb_is_refused_quickly(make_project, run):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    code, _, err = run(make_project(bomb), "check")
    assert code == 1
    assert "anchors and aliases" in err


def test_deep_nesting_is_refused(make_project, run):
    code, _, err = run(make_project("a: " + "[" * 200 + "]" * 200 + "\n"), "check")
    assert code == 1
    assert "nesting deeper than" in err


def test_missing_conference_file_is_named(make_project, run):
    folder = make_project()
    (folder / "content" / "conference.yaml").unlink()
    code, _, err = run(folder, "check")
    assert code == 1
    assert err.startswith("error: content/series.yaml:7:5: conferences › item 1: conference file 'conference.yaml' not found")


def test_conference_path_escaping_the_content_folder_is_refused(make_project, run):
    folder = make_project()
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("  - conference.yaml", "  - ../../etc/passwd"), encoding="utf-8")
    code, _, err = run(folder, "check")
    assert code == 1
    assert "must stay inside the content folder" in err


def test_a_link_out_of_the_content_folder_is_refused_and_nothing_of_it_shown(make_project, run, tmp_path):
    import os

    folder = make_project()
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: 机密内容不可外泄\n", encoding="utf-8")
    os.symlink(secret, folder / "content" / "linked.yaml")
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "  - linked.yaml\n", encoding="utf-8")
    code, _, err = run(folder, "check")
    assert code == 1 and "links that lead out of it" in err and "机密" not in err
    assert err.splitlines()[0].startswith("error: content/series.yaml:")


def test_a_fifo_is_refused_without_hanging(make_project, run):
    import os

    folder = make_project()
    os.mkfifo(folder / "content" / "pipe.yaml")
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "  - pipe.yaml\n", encoding="utf-8")
    code, _, err = run(folder, "check")
    assert code == 1 and "not a regular file" in err


def test_a_file_listed_twice_is_named_at_its_series_line(make_project, run):
    folder = make_project()
    series = folder / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "  - conference.yaml\n", encoding="utf-8")
    code, _, err = run(folder, "check")
    assert code == 1
    line = err.splitlines()[0]
    assert line.startswith("error: content/series.yaml:8:") and "listed twice" in line, line


def test_a_file_of_a_million_tiny_items_is_refused_at_once(make_project, run):
    import time

    text = "number: 1\nslug: 大\ntitle: 大\nparts:\n" + "  - 1\n" * 1_000_000
    started = time.monotonic()
    code, _, err = run(make_project(text[:2_500_000]), "check")
    assert code == 1 and "a content file may have at most 50,000" in err
    assert time.monotonic() - started < 5


# plain scalars as YAML 1.2's core schema reads them (the content files were written for it): what ruamel's safe
# loader, which read them before libyaml did, makes of each
CORE_SCHEMA_CASES = [
    "yes", "no", "on", "off", "true", "True", "TRUE", "tRue", "false", "1:30", "190:20:30", "010", "0o10", "0x1F",
    "0b101", "1_000", "1,000", "1e3", "1.5e3", "1E3", ".5", "5.", "+12", "-0", "+.inf", ".inf", "-.inf", "2025-10-22",
    "2025-1-5", "2025-10-22 10:30:00", "~", "null", "Null", "NULL", "", "12.50", "0.0", "-3.2", "1.0e+3", "3e", "0o",
    "0x", "08", "09.5", "1__0", "_1", "1_", "12%", "７８", "１２", "1.2.3", "0.", "-.5", "+1_0.5", "1e-3", "0x_1F",
    "0o7_7", "00", "-010", "1_0e3", "0b2", ".Inf", "+.INF", "R&D", "9:30—10:30", "第1季度",
]


@pytest.mark.parametrize("text", CORE_SCHEMA_CASES)
def test_plain_scalars_read_as_yaml_1_2_core_schema(text, tmp_path):
    from ruamel.yaml import YAML

    from generator.content.source import load_yaml

    line = f"k: {text}\n" if text else "k:\n"
    (tmp_path / "c.yaml").write_text(line, encoding="utf-8")
    ours = load_yaml(tmp_path / "c.yaml", "c.yaml").data["k"]
    expected = YAML(typ="safe", pure=True).load(line)["k"]
    assert (ours, type(ours)) == (expected, type(expected))


@pytest.mark.parametrize("text,where", [("a: &x 1\nb: 2\n", "1:4"), ("a:\n  - &y\n    k: 1\n", "2:5"),
                                        ("a: 1\nb: *z\n", None), ("a: [1,&x 2]\n", "1:7"), ('{"a":&x 1}\n', "1:6"),
                                        ("a: !!str &x 1\n", "1:4"), ("a:\t&x 1\n", None), ("&x a: 1\n", "1:1")])
def test_an_anchor_alone_or_an_alias_is_refused_where_it_stands(text, where, tmp_path):
    from generator.content.source import SourceError, load_yaml

    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_yaml(tmp_path / "c.yaml", "c.yaml")
    finding = caught.value.finding
    if where:
        assert f"{finding.line}:{finding.col}" == where and "anchors and aliases" in finding.message
    assert "Traceback" not in finding.message


def test_an_ampersand_inside_text_is_text(tmp_path):
    from generator.content.source import load_yaml

    (tmp_path / "c.yaml").write_text("a: R&D 投入 & 产出\nb: '&quoted'\n", encoding="utf-8")
    assert load_yaml(tmp_path / "c.yaml", "c.yaml").data == {"a": "R&D 投入 & 产出", "b": "&quoted"}
