"""Random expressions through the bounded sandbox, in this process: every one renders within the bounds or is refused
as a NarrativeError (check's one line), in well under a second; no other exception, no runaway value."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import limits

ATOMS = st.sampled_from(["1", "9", "99", "-7", "10**60", "2.5", "'x'", "'经'", "'%s'", "'%0999999d'", "'{:99999}'",
                         "'ab'*5000", "[1, 2]", "gdp", "gdp.num", "gdp.label", "gdp.growth"])
BINARY = st.sampled_from(["*", "**", "%", "+", "-", "//", "/", "~"])
FILTERS = st.sampled_from(["|join('x' * 9999)", "|join", "|string", "|length", "|upper", "|first", "|int", "|abs",
                           "|round", "|default('y')", *[""] * 12])
CALLS = st.sampled_from([""] * 24 + [".center(99999)", ".format(1)", ".ljust(10**9)", ".zfill(99999)", ".join(['a'] * 9)",
                         ".replace('', 'y' * 999)", ".split()", ".__class__"])


def expressions(depth: int = 3):
    leaf = st.builds(lambda a, f, c: f"({a}{c}){f}", ATOMS, FILTERS, CALLS)
    if depth == 0:
        return leaf
    inner = expressions(depth - 1)
    return st.one_of(leaf, st.builds(lambda a, op, b: f"({a} {op} {b})", inner, BINARY, inner),
                     st.builds(lambda a: f"-{a}", inner))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expr=expressions())
@example(expr="((1.__class__) ~ (1)|join('x' * 9999))")  # refused while jinja folded constants, at compile time
def test_any_expression_is_rendered_within_the_bounds_or_refused_in_one_line(expr):
    from generator.content.model import Conference
    from generator.present.narrative import NarrativeError, context, render_narrative
    from tests.conftest import FIXTURES

    conference = _conference(Conference, FIXTURES)
    started = time.monotonic()
    try:
        made = render_narrative("{{ " + expr + " }}", context(conference))
    except NarrativeError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 400
    else:
        assert len(made) <= limits.VALUE_CHARS
    assert time.monotonic() - started < 2


_CACHE: dict = {}


def _conference(model, fixtures):
    if "c" not in _CACHE:
        from ruamel.yaml import YAML

        data = YAML(typ="safe", pure=True).load((fixtures / "minimal.yaml").read_text(encoding="utf-8"))
        _CACHE["c"] = model.model_validate(data)
    return _CACHE["c"]
