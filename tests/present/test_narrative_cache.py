"""Compiled narratives are kept in the user's store: a later run renders them without parsing or compiling."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

TEXTS = ["产值{{ gdp }}，{{ gdp.label }}。", "{% if gdp.label %}有{% else %}无{% endif %}",
         "{{ gdp | num }}亿元"]
BAD = "{% for x in gdp %}{{ x }}{% endfor %}"
# renders the texts with a made-up metric; prints what came out and how many texts jinja parsed
PROBE = """
import json, sys
from generator.present import narrative as n
from generator.build.memory import remember_in_user_store
remember_in_user_store()
from generator.content.model import Metric
parsed = []
real = n._ENV.parse
n._ENV.parse = lambda source, *a, **k: parsed.append(source) or real(source, *a, **k)
ctx = {"gdp": n.MetricView(Metric(id="gdp", label="地区生产总值", value=2458.8, unit="亿元", year=2024))}
out = []
for text in sys.argv[1:]:
    try:
        out.append(n.render_narrative(text, ctx))
    except n.NarrativeError as exc:
        out.append("error: " + str(exc))
n.save_compiled()
print(json.dumps([out, len(parsed)], ensure_ascii=False))
"""


def run_probe(cache, *texts: str) -> tuple[list[str], int]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE, *texts], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out, parsed = json.loads(done.stdout)
    return out, parsed


def test_narratives_compiled_once_are_read_back_and_render_the_same(tmp_path):
    first, parsed_first = run_probe(tmp_path, *TEXTS)
    second, parsed_second = run_probe(tmp_path, *TEXTS)
    assert parsed_first == len(TEXTS) and parsed_second == 0  # the second run parsed and compiled nothing
    assert first == second and first[0] == "产值2458.8亿元，地区生产总值。" and first[1] == "有"
    assert len(list((tmp_path / "press-generator" / "store" / "compiled").glob("*"))) == len(TEXTS)  # one a text


def test_a_refused_narrative_is_never_cached_and_is_refused_again(tmp_path):
    first, _ = run_probe(tmp_path, BAD, TEXTS[0])
    second, parsed = run_probe(tmp_path, BAD, TEXTS[0])
    assert first[0].startswith("error: ") and second == first
    assert parsed == 1  # the refused text is checked again; the good one comes from the cache


def test_a_damaged_cache_is_ignored(tmp_path):
    run_probe(tmp_path, *TEXTS)
    entries = sorted((tmp_path / "press-generator" / "store" / "compiled").glob("*"))
    good, _ = run_probe(tmp_path, *TEXTS)
    whole = [e.read_bytes() for e in entries]
    for damage in (lambda d: b"", lambda d: b"not marshal data", lambda d: d[:len(d) // 2]):
        for entry, data in zip(entries, whole):
            entry.write_bytes(damage(data))
        out, parsed = run_probe(tmp_path, *TEXTS)
        assert out == good and parsed == len(TEXTS)
