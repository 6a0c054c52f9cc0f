"""Compiled templates kept across runs (present/compiled.py): read back only for the same text under the same rules,
never for a refused text, and a damaged memory counts as empty."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from jinja2 import Environment

from generator.present.compiled import CompiledTexts, from_code
from tests.conftest import ROOT


class Blob:
    def __init__(self, data: bytes | None = None):
        self.data = data

    def load(self):
        return self.data

    def save(self, data):
        self.data = data


def test_code_is_read_back_for_the_same_text_only(tmp_path):
    module = tmp_path / "rules.py"
    module.write_text("RULES = 1\n")
    blob, env = Blob(), Environment()
    first = CompiledTexts("t", module)
    first.keep_in(blob)
    first.put("{{ 1 + 1 }}", env.compile("{{ 1 + 1 }}"))
    first.save()
    later = CompiledTexts("t", module)
    later.keep_in(blob)
    code, extra = later.get("{{ 1 + 1 }}")
    assert from_code(env, code).render() == "2" and extra == ()
    assert later.get("{{ 1 + 2 }}") is None  # another text: compiled afresh
    module.write_text("RULES = 2\n")  # the rules changed: nothing made under the old ones is read
    changed = CompiledTexts("t", module)
    changed.keep_in(blob)
    assert changed.get("{{ 1 + 1 }}") is None


def test_a_damaged_memory_is_empty(tmp_path):
    module = tmp_path / "rules.py"
    module.write_text("")
    for damage in (b"", b"not marshal", b"\xe9" * 40):
        kept = CompiledTexts("t", module)
        kept.keep_in(Blob(damage))
        assert kept.get("x") is None


# checks and renders a page template twice in one process; prints how many times jinja parsed a page template
PROBE = """
import json, sys
from pathlib import Path
from generator.build.memory import remember_in_user_store
remember_in_user_store()
from generator.present import sandbox
parsed = []
real = sandbox.BoundedSandbox.parse
sandbox.BoundedSandbox.parse = lambda self, source, *a, **k: parsed.append(source) or real(self, source, *a, **k)
path = Path(sys.argv[1])
out = []
for _ in range(2):
    try:
        text = sandbox.read_page_template(path, "page.html.j2")
        out.append(sandbox.page_template(text).render(n=3))
    except Exception as exc:
        out.append("refused: " + str(exc))
print(json.dumps([out, len(parsed)], ensure_ascii=False))
"""


def probe(cache, template):
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE, str(template)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_page_template_is_checked_and_compiled_once_on_a_machine(tmp_path):
    template = tmp_path / "page.html.j2"
    template.write_text("{% for i in range(n) %}<b>{{ i }}</b>{% endfor %}", encoding="utf-8")
    out, parsed = probe(tmp_path / "cache", template)
    assert out == ["<b>0</b><b>1</b><b>2</b>"] * 2 and parsed == 1  # the second check of the run parsed nothing
    again, parsed = probe(tmp_path / "cache", template)
    assert again == out and parsed == 0  # a later run neither parses nor compiles it
    template.write_text("{{ n * 2 }}", encoding="utf-8")
    changed, parsed = probe(tmp_path / "cache", template)
    assert changed == ["6", "6"] and parsed == 1  # an edited template is checked and compiled again


def test_a_refused_page_template_is_refused_every_time(tmp_path):
    template = tmp_path / "page.html.j2"
    template.write_text("<p>\n{% include 'other.html' %}\n", encoding="utf-8")
    for _ in range(2):
        out, parsed = probe(tmp_path / "cache", template)
        assert all(o.startswith("refused: page.html.j2:2") for o in out) and parsed == 2, out
