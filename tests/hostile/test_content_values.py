"""Hostile values in a conference file (fourth round): each is refused by `check` in one line that names the file,
the line and the field (exit 1, nothing written), where before it passed `check` and broke the build, or was said at
the file's first line in Python's words."""
from __future__ import annotations

import pytest

from tests.hostile.conftest import assert_deck_whole, at, cli, edit

CONFERENCE = "content/conference.yaml"
NARRATIVE = "          全市地区生产总值{{ gdp }}，{{ gdp.compare }}。\n"
SOURCE = "source: 测试来源\n"

VALUES = "                values: [gdp.base, gdp_2022, gdp]\n"
CHART_TAIL = ("            title: 地区生产总值\n            unit: 亿元\n            categories: [2020年, 2022年, 2024年]\n"
              "            series:\n              - name: 地区生产总值\n" + VALUES)
RING = "            qualifier: 突破\n          - id: share_1\n            label: 第一产业占比\n            value: 40\n"
STRUCTURES = "        structures:\n"
CHARTS = "          - id: structure\n            label: 产业结构\n            parts: [share_1, share_2]\n        charts:\n"


def _share(unit: str, whole: str = "gdp") -> str:
    """A metric (at line 36) that is a share of gdp_2022 in `unit` (its line 39; none when empty), share_of at 40."""
    return ("          - id: gdp_2022_share\n            label: 2022年占比\n            value: 81.3\n"
            + (f"            unit: {unit}\n" if unit else "") + f"            share_of: {{part: gdp_2022, whole: {whole}}}\n")


def _zeros(a: float, b: float) -> str:
    """Two metrics (lines 36 to 45) with these values."""
    return "".join(f"          - id: part_{k}\n            label: 部分{k}\n            value: {v}\n            unit: 亿元\n"
                   f"            year: 2024\n" for k, v in (("a", a), ("b", b)))


def _pie(kind: str) -> str:
    """A chart of the two parts, its type at line 52."""
    return (f"          - id: parts_chart\n            type: {kind}\n            title: 构成\n            unit: 亿元\n"
            "            categories: [甲, 乙]\n            series:\n              - name: 构成\n"
            "                values: [part_a, part_b]\n")


# name: (old, new, the line the refusal names, words it says)
CASES = {
    # passed check; the build padded the host's script to 100 MB in 44 s and wrote a docx Word cannot parse
    "a format spec in a script slot": (SOURCE, SOURCE + "script: {greeting: '{title:>99999999}'}\n", 6,
                                       "{title:>99999999}"),
    # passed check; the host's script read 'title' in Python's quotes
    "a conversion in a script slot": (SOURCE, SOURCE + "script: {greeting: '{title!r}'}\n", 6, "{title!r}"),
    # passed check; the build ended in exit 3 (python-pptx: "All strings must be XML compatible")
    "a control character made by a narrative's string": (NARRATIVE, "          {{ 'a\\x01b' }}\n", 50, "U+0001"),
    # passed check; the build ended in exit 3 (UnicodeEncodeError: surrogates not allowed)
    "a lone surrogate made by a narrative's string": (NARRATIVE, "          {{ '\\ud800' }}\n", 50, "U+D800"),
    # passed check; every output printed nan or inf where a figure was meant
    "a nan made by a narrative": (NARRATIVE, "          {{ 'nan'|float }}\n", 50, "no number"),
    "an infinity made by a narrative": (NARRATIVE, "          {{ 1e308 * 10 }}\n", 50, "no number"),
    # check ended in exit 3 (TypeError: the autoescape block's Scope has no line), and named {% scope %}
    "an autoescape block in a narrative": (NARRATIVE, "          {% autoescape false %}x{% endautoescape %}\n", 50,
                                           "{% autoescape %}"),
    # said at line 1 in Python's words: "Exceeds the limit (4300 digits) … use sys.set_int_max_str_digits()"
    "a whole number of 5,001 digits": ("            value: 2458.8\n", "            value: 1" + "0" * 5000 + "\n", 17,
                                       "5,001 digits"),
    # built a folder 02-a. that Windows names 02-a: two slugs, one folder
    "a slug ending with a dot": ("slug: 测试", "slug: 'a.'", 2, "ends with a dot"),
    # built a cover with a blank title
    "a title of spaces": ("title: 测试发布会", "title: '   '", 3, "only spaces"),
    "a label of a zero-width space": ("            label: 地区生产总值\n", "            label: \"\\u200b\"\n", 16,
                                      "only spaces"),
    # passed check and printed 2030—2024年 in every output: a span of years runs forward
    "a metric's start after its year": ("            key: true\n", "            key: true\n            start: 2030\n", 15,
                                        "starts in 2030"),
    "a growth that starts after it ends": ("            key: true\n",
                                           "            key: true\n            growth: {rate: 5, start: 2030, end: 2020}\n",
                                           22, "starts in 2030"),
    # passed check whenever the whole was missing, and printed 81.3亿元 as a share in every output
    "a share in 亿元": (STRUCTURES, _share("亿元") + STRUCTURES, 39, "not “亿元”"),
    # a share's level printed as 81.3个百分点, the words of a change
    "a share in 个百分点": (STRUCTURES, _share("个百分点") + STRUCTURES, 39, "个百分点"),
    "a share without a unit": (STRUCTURES, _share("") + STRUCTURES, 36, "no unit"),
    # 亿元 of %: the share's arithmetic divided figures of two units
    "a share of figures in two units": (STRUCTURES, _share('"%"', "share_2") + STRUCTURES, 40, "in one unit"),
    # passed check and drew an empty circle with a legend of zeros
    "a pie whose parts are all zero": (STRUCTURES + CHARTS, _zeros(0, 0) + STRUCTURES + CHARTS + _pie("pie"), 52,
                                       "every part is 0"),
    "a doughnut whose parts are all zero": (STRUCTURES + CHARTS, _zeros(0, 0) + STRUCTURES + CHARTS + _pie("doughnut"),
                                            52, "every part is 0"),
    "a pie with a negative part": (STRUCTURES + CHARTS, _zeros(5, -1) + STRUCTURES + CHARTS + _pie("pie"), 52,
                                   "negative"),
    # passed check, and the build ended in exit 3 (IndexError): a column chart of one series, on an axis it lacks
    "a secondary axis on a column chart": (VALUES, "                axis: secondary\n" + VALUES, 41, "axis: secondary"),
    "a combo chart of lines alone": ("            type: column\n" + CHART_TAIL,
                                     "            type: combo\n" + CHART_TAIL.replace(VALUES, "                axis: "
                                                                                   "secondary\n" + VALUES), 41,
                                     "primary axis"),
    # two bars of one name; and two series of one name, whose computed figures were marked by the other's
    "a category named twice": ("[2020年, 2022年, 2024年]", "[2020年, 2020年, 2024年]", 41, "named twice"),
    "a series named twice": (VALUES, VALUES + "              - name: 地区生产总值\n" + VALUES, 41, "two series are named"),
    "a structure naming a part twice": ("parts: [share_1, share_2]", "parts: [share_1, share_2, share_1]", 37,
                                        "share_1 twice"),
    "an overview naming a figure twice": (SOURCE, SOURCE + "overview: [gdp, gdp, gdp_2022, share_1, share_2, gdp]\n",
                                          1, "gdp twice"),
    # printed 2458.8 亿元 (a space), or a blank unit, or 增加1.6％ for a change of a percentage
    "a unit with a space": ("            unit: 亿元\n            year: 2024\n",
                            "            unit: 亿 元\n            year: 2024\n", 18, "U+0020"),
    "a unit of a zero-width space": ("            unit: 亿元\n            year: 2024\n",
                                     "            unit: \"\\u200b\"\n            year: 2024\n", 18, "U+200B"),
    "a full-width percent sign": ('            value: 40\n            unit: "%"', "            value: 40\n            unit: ％",
                                  31, "half-width %"),
    # the chart labelled 2458.8 亿元 as 万元 on its axis, labels and alt text
    "a chart in another unit than its figures": ("            unit: 亿元\n            categories",
                                                 "            unit: 万元\n            categories", 48,
                                                 "gdp.base is in “亿元”"),
    # 是2020年的0倍: said of no figure
    "a figure 0 times its base": ("increase: 836.2}", "increase: 836.2, times: 0}", 20, "above zero"),
    # it was checked as a share alone
    "a share that is a ratio too": (STRUCTURES, _share('"%"') + "            ratio_of: {numerator: gdp_2022, "
                                    "denominator: gdp}\n" + STRUCTURES, 36, "not both"),
    # agreed with itself: nothing was checked, and every output marked it computed
    "a formula naming its own metric": ("            qualifier: 突破\n",
                                        "            qualifier: 突破\n            derived: gdp_2022 * 1\n", 28,
                                        "names the metric itself"),
    # gdp_2022 states no base: the formula read nothing and passed unchecked
    "a formula naming a figure its metric does not state": (
        "            qualifier: 突破\n", "            qualifier: 突破\n            derived: gdp - share_1.base\n", 28,
        "states no base figure"),
    "two figures derived from each other": (RING, RING.replace("            qualifier: 突破\n", "            qualifier: 突破\n"
                                                               "            derived: share_1 * 50\n")
                                            + "            derived: gdp_2022 / 50\n", 28, "derived in a ring"),
    "a same_as naming its own metric": ("            qualifier: 突破\n",
                                        "            qualifier: 突破\n            same_as: gdp_2022\n", 28, "itself"),
    # 2024年…较2030年增加 printed in every output after a warning
    "a base year after the figure's year": ("base_year: 2020,", "base_year: 2030,", 20, "after the figure's year"),
    # 2021—2030年年均增长 printed of a 2024 figure: years still to come
    "a growth that runs past the figure's year": ("            key: true\n", "            key: true\n            growth: "
                                                  "{rate: 5, basis: 可比价, start: 2021, end: 2030}\n", 22,
                                                  "after the figure's year"),
    # showed 21 where the file says 12: text shown other than it is written
    "a right-to-left override": ("title: 测试发布会", "title: 测试\u202e12发布会", 3, "U+202E"),
    # 60 people on one 发布人 slide gave rows of negative height: an invalid deck
    "31 speakers": (SOURCE, SOURCE + "speakers:\n" + "".join(f"  - {{name: 人{i}}}\n" for i in range(31)), 7,
                    "speakers"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_value_is_refused_at_its_line(name, project, run):
    """Small files, nothing to build: in this process."""
    old, new, line, says = CASES[name]
    edit(project / CONFERENCE, old, new)
    code, _, err = run(project, "check", "--lang", "en")
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 1 and len(lines) == 2 and at(lines[0], CONFERENCE, line) and says in lines[0], err
    assert "sys.set_int" not in err
    assert not (project / "output").exists()


@pytest.mark.slow  # builds and audits: over 2 s
def test_thirty_speakers_go_on_over_several_slides_that_stay_whole(project):
    edit(project / CONFERENCE, SOURCE,
         SOURCE + "host: {name: 主持人, role: 新闻发言人}\nspeakers:\n"
         + "".join(f"  - {{name: 发布人{i}, role: 局长}}\n" for i in range(30)))
    assert cli(project, "deck").code == 0
    [deck] = (project / "output").rglob("*.pptx")
    assert_deck_whole(deck)
    from pptx import Presentation

    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides if s.shapes.title is not None]
    assert titles.count("出席人员") == 1 and titles.count("出席人员（续）") == 5, titles  # 31 people, six a page


@pytest.mark.slow  # builds and audits: over 2 s
def test_a_comparison_wider_than_the_page_builds_a_valid_briefing(project):
    """A rank's wording of 40 characters squeezed the briefing table's label column to -39 mm: Word repaired it."""
    from tests.test_ooxml import audit

    edit(project / CONFERENCE, "            key: true\n", "            key: true\n            rank: {wording: " + "居前" * 20 + "}\n")
    assert cli(project, "brief").code == 0
    [brief] = (project / "output").rglob("*.docx")
    assert "Errors: 0" in audit(brief)
