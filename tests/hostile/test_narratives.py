"""Hostile narratives and formulas: each is refused by `check` with its file, line and field (exit 1, nothing written),
or builds valid files. Every case runs the real command in a child process bounded to 10 s and 1 GB."""
from __future__ import annotations

import pytest

from tests.hostile.conftest import assert_deck_whole, at, cli, edit, refused

HIGHLIGHT = "          - 地区生产总值{{ gdp }}。\n"
THEME = "        highlights:\n"
QUALIFIER = "            qualifier: 突破\n"

# name -> (where, what goes in, what the refusal says)
CASES = {
    "a repeated string past a lead's bound": (THEME, "        lead: \"{{ '经'*700 }}\"\n" + THEME,
                                              "lead: renders to 700 characters; this field may hold at most 300"),
    "a %-format a gigabyte wide": (HIGHLIGHT, "          - \"{{ '%0999999999d' % 1 }}\"\n", "a %-format wider"),
    "a %-format with a * width": (HIGHLIGHT, "          - \"{{ '%*d' % (999999999, 1) }}\"\n", "a %-format wider"),
    "join with a long separator": (HIGHLIGHT, "          - \"{{ ('ab'*5000)|join('x'*9999) }}\"\n",
                                   "makes a text of"),
    "str.format a gigabyte wide": (HIGHLIGHT, "          - \"{{ '{:999999999}'.format(1) }}\"\n", "calls format()"),
    "a method that pads": (HIGHLIGHT, "          - \"{{ 'x'.center(999999999) }}\"\n", "calls center()"),
    "a power tower": (HIGHLIGHT, "          - \"{{ 9**9**9**9 }}\"\n", "power too large"),
    "squares of squares": (HIGHLIGHT, "          - \"{{ " + "*".join(["(10**60)"] * 6) + " }}\"\n",
                           "makes a number of more than 300 digits"),
    "500 brackets": (HIGHLIGHT, "          - \"{{ " + "(" * 500 + "1" + ")" * 500 + " }}\"\n", "nested deeper than 24"),
    "5,000 minus signs": (HIGHLIGHT, "          - \"{{ " + "-" * 5000 + "1 }}\"\n", "nested deeper than 24"),
    "a sum of 5,000 terms": (HIGHLIGHT, "          - \"{{ " + "+".join(["1"] * 5000) + " }}\"\n",
                             "nested deeper than 24"),
    "120 nested ifs": (HIGHLIGHT, "          - \"" + "{% if 1 %}" * 120 + "x" + "{% endif %}" * 120 + "\"\n",
                       "{% if %} nested deeper than 8"),
    "a text that renders empty": (HIGHLIGHT, "          - \"{{ '' }}\"\n", "renders to nothing visible"),
    "an if never true, alone": (HIGHLIGHT, "          - \"{% if false %}增长{% endif %}\"\n", "renders to nothing visible"),
    "a derived formula of 5,000 minus signs": (QUALIFIER, QUALIFIER + "            derived: \"" + "-" * 5000 + "gdp\"\n",
                                               "derived: cannot evaluate formula"),
    "a derived formula nested 100 deep": (QUALIFIER, QUALIFIER + "            derived: \"" + "(" * 100 + "gdp"
                                          + ")" * 100 + "\"\n", "nested deeper than 24"),
}


def test_every_hostile_text_is_refused_with_its_line_and_nothing_is_written(project):
    """All the texts in one file, so one `build` (which checks first) answers for all: a line each, at its own line.
    (The formulas are checked once the texts pass: they are tested alone below.)"""
    conference = project / "content" / "conference.yaml"
    text = conference.read_text(encoding="utf-8")
    highlights = "".join(new for where, new, _ in CASES.values() if where == HIGHLIGHT)
    _, lead, _ = CASES["a repeated string past a lead's bound"]
    text = text.replace(HIGHLIGHT, highlights).replace(THEME, lead, 1)
    conference.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    outcome = cli(project, "build")
    refused(outcome)
    for name, (where, new, says) in CASES.items():
        if where == QUALIFIER:
            continue
        line = lines.index(new.splitlines()[-1 if where == QUALIFIER else 0]) + 1
        assert any(at(f, "content/conference.yaml", line) and says in f for f in outcome.lines), (name, outcome.err)
    assert len(outcome.lines) == len(CASES) - 2 + 1  # one line a problem, and the summary
    assert not (project / "output").exists()


@pytest.mark.parametrize("name", ["a %-format a gigabyte wide", "a derived formula nested 100 deep",
                                  "a derived formula of 5,000 minus signs"])
def test_one_hostile_text_alone_is_one_line(name, project):
    where, text, says = CASES[name]
    edit(project / "content" / "conference.yaml", where, text)
    outcome = cli(project, "build")
    first = refused(outcome, says)
    assert at(first, "content/conference.yaml", 28 if where == QUALIFIER else 13) and len(outcome.lines) == 2
    assert not (project / "output").exists()


@pytest.mark.slow  # builds and audits, or waits out a lock: over a second or two
def test_a_long_lead_check_accepts_builds_a_valid_deck(project):
    """The bound of a lead, reached by a written one: check accepts it, and the deck keeps it on the slide."""
    edit(project / "content" / "conference.yaml", THEME, "        lead: " + "经" * 300 + "\n" + THEME)
    assert cli(project, "check").code == 0
    assert cli(project, "deck").code == 0
    [deck] = (project / "output").rglob("*.pptx")
    assert_deck_whole(deck)
