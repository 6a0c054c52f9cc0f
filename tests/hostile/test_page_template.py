"""Hostile download-page templates: `check` compiles and bounds-checks the page template, so what it would stop on is
refused before anything is written; what only the render can see (a loop's work, a method's size) stops the build
with one line naming the template, in bounded time and memory."""
from __future__ import annotations

import pytest

from tests.hostile.conftest import at, cli, refused

TEMPLATE = "assets/templates/index.html.j2"

AT_CHECK = {  # body -> what the refusal says; each on line 2 of the template
    "{{ 9**9**9**9 }}": "power too large",
    "{{ 'x' * 10**9 }}": "repeats to more than 20,000",
    "{{ '%0999999999d' % 1 }}": "a %-format wider",
    "{% include 'other.html' %}": "{% include %} is not allowed",
    "{% extends 'base.html' %}": "{% extends %} is not allowed",
    "{% import 'macros.html' as m %}": "{% import %} is not allowed",
    "{{ " + "(" * 300 + "1" + ")" * 300 + " }}": "nested deeper than 24",
    "{{ " + "+".join(["1"] * 3000) + " }}": "nested deeper than 24",
    "{% if x %}" * 40 + "{% endif %}" * 40: "nested deeper than 8",
}


@pytest.mark.parametrize("body", sorted(AT_CHECK), ids=lambda b: b[:24])
def test_check_refuses_a_page_template_it_would_stop_on(body, project):
    (project / TEMPLATE).write_text("<html>\n" + body + "\n</html>\n", encoding="utf-8")
    outcome = cli(project, "check")
    first = refused(outcome, AT_CHECK[body])
    assert at(first, TEMPLATE, 2) and len(outcome.lines) == 1, outcome.err
    assert not (project / "output").exists()


AT_RENDER = {  # body -> what the one line says: found only by rendering the page, which `check` does (and throws away)
    "{{ 'x'.center(999999999) }}": "calls center()",
    "{{ '{:999999999}'.format(1) }}": "calls format()",
    "{{ range(10**8)|list|length }}": "a range of 100,000,000 items",
    "{{ (range(9999)|list|join('x' * 9999)) }}": "makes a text of",
    # these three ended the build in exit 3 after the documents were written, check having passed
    "{% macro m(n) %}{{ m(n+1) }}{% endmacro %}{{ m(0) }}": "calls itself without end",
    "{{ conferences[7].title }}": "has no element 7",
    "{{ '\\ud800' }}": "no file can hold (U+D800)",
}


SAID_AT_ITS_LINE = list(AT_RENDER)[-3:-1]  # the line where rendering failed (jinja maps its frames; a constant is
# folded into the text before it, so a character no file can hold is said at the line that text starts)


@pytest.mark.parametrize("body", [pytest.param(b, marks=[pytest.mark.slow] if i else [], id=b[:24])
                                  for i, b in enumerate(AT_RENDER)])  # a build each: one in the quick loop
def test_check_renders_the_page_and_refuses_what_only_rendering_finds(body, project):
    (project / TEMPLATE).write_text("<html>\n" + body + "\n</html>\n", encoding="utf-8")
    outcome = cli(project, "check")
    first = refused(outcome, AT_RENDER[body], TEMPLATE)
    assert len(outcome.lines) == 1 and not (project / "output").exists(), outcome.err
    if body in SAID_AT_ITS_LINE:
        assert at(first, TEMPLATE, 2), first
    outcome = cli(project, "build", "--no-pdf")  # a build stops at the page, in one line too
    refused(outcome, AT_RENDER[body], TEMPLATE)
    assert len(outcome.lines) == 1, outcome.err
    assert not (project / "output" / "index.html").exists()


@pytest.mark.slow  # a build, then the page's own 2 s limit
def test_an_empty_loop_of_loops_is_stopped_by_the_clock(project):
    (project / TEMPLATE).write_text("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
                                    encoding="utf-8")
    outcome = cli(project, "build", "--no-pdf")
    assert "took over 2 s" in refused(outcome, TEMPLATE)


def test_a_page_template_may_call_its_own_macros_and_loop_helpers():
    """What a designer's page legitimately calls stays allowed: its macros, range, loop.cycle, safe methods."""
    from generator.present.sandbox import page_environment

    env = page_environment()
    text = ("{% macro b(x) %}<b>{{ x }}</b>{% endmacro %}{{ b('y') }}"
            "{% for i in range(3) %}{{ loop.cycle('a', 'b') }}{% endfor %}{{ 'A-B'.lower().split('-')|join }}")
    assert env.from_string(text).render() == "<b>y</b>abaab"


def test_both_clocks_say_the_same_line():
    """Off the main thread no SIGALRM can be had and the per-operator deadline stops the loop: its refusal must name
    the limit as the signal's does (CI once saw "took too long" where the build said "took over 2 s" under load)."""
    import threading

    from generator.present.sandbox import TooMuch, deadline, page_environment

    template = page_environment().from_string("{% for i in range(9999) %}{% for j in range(9999) %}{{ i + j }}"
                                              "{% endfor %}{% endfor %}")
    said: list[str] = []

    def run():
        try:
            with deadline(0.2, "the page"):
                template.render()
        except TooMuch as stopped:
            said.append(str(stopped))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(10)
    assert said == ["the page took over 0.2 s"]
