"""Hostile values in a conference file (fourth round): each is refused by `check` in one line that names the file,
the line and the field (exit 1, nothing written), where before it passed `check` and broke the build, or was said at
the file's first line in Python's words."""
from __future__ import annotations

import pytest

from tests.hostile.conftest import assert_deck_whole, at, cli, edit

CONFERENCE = "content/conference.yaml"
NARRATIVE = "          全市地区生产总值{{ gdp }}，{{ gdp.compare }}。\n"
SOURCE = "source: 测试来源\n"

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
