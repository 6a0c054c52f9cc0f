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


class Entries:
    """A memory in a dict, as build/memory.KeptEntries keeps one in the store; `reads` counts the entries asked for."""

    def __init__(self, data: dict[str, bytes] | None = None):
        self.data = dict(data or {})
        self.reads = 0

    def get(self, key):
        self.reads += 1
        return self.data.get(key)

    def put(self, entries):
        self.data.update(entries)


def kept_in(memory: Entries, module) -> CompiledTexts:
    """A kind of compiled template whose rules are `module`, kept in `memory`."""
    texts = CompiledTexts("t", module)
    texts.keep_in(memory)
    return texts


def test_code_is_read_back_for_the_same_text_only(tmp_path):
    module = tmp_path / "rules.py"
    module.write_text("RULES = 1\n")
    blob, env = Entries(), Environment()
    first = kept_in(blob, module)
    first.put("{{ 1 + 1 }}", env.compile("{{ 1 + 1 }}"))
    first.save()
    later = kept_in(blob, module)
    code, extra = later.get("{{ 1 + 1 }}")
    assert from_code(env, code).render() == "2" and extra == ()
    assert later.get("{{ 1 + 2 }}") is None  # another text: compiled afresh
    module.write_text("RULES = 2\n")  # the rules changed: nothing made under the old ones is read
    assert kept_in(blob, module).get("{{ 1 + 1 }}") is None


def test_a_damaged_memory_is_empty(tmp_path):
    module = tmp_path / "rules.py"
    module.write_text("")
    key = CompiledTexts("t", module)._key("x")
    for damage in (b"", b"not marshal", b"\xe9" * 40, __import__("marshal").dumps(("code", ()))):
        assert kept_in(Entries({key: damage}), module).get("x") is None


def test_a_run_reads_only_the_entries_it_renders(tmp_path):
    """However many texts the memory holds, a run reads the ones it asks for, once each."""
    module = tmp_path / "rules.py"
    module.write_text("")
    env, memory = Environment(), Entries()
    many = kept_in(memory, module)
    for i in range(300):
        many.put(f"{{{{ {i} }}}}", env.compile(f"{{{{ {i} }}}}"))
    many.save()
    assert len(memory.data) == 300
    later = kept_in(memory, module)
    for _ in range(3):
        code, _extra = later.get("{{ 7 }}")
    assert from_code(env, code).render() == "7" and memory.reads == 1


def test_the_user_store_keeps_the_most_recently_used_entries(tmp_path):
    from generator.build.memory import KeptEntries
    from generator.build.store import Store

    kept = KeptEntries(Store(tmp_path))
    kept.MOST = 3
    for i in range(5):
        kept.put({f"k{i}": b"x"})
        os.utime(tmp_path / "compiled" / f"k{i}", (1000 + i, 1000 + i))
    kept.put({"k5": b"x"})
    assert sorted(p.name for p in (tmp_path / "compiled").iterdir()) == ["k3", "k4", "k5"]


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
