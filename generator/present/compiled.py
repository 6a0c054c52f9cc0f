"""Compiled jinja code remembered across runs: narratives, the download page's template, the long image's template.

jinja parses and compiles a template in Python on every run: the seed's 80 narratives took 0.04 s, the page template
0.03 s (three times a build: `check`, the page's own check, the render), the long image's template 0.1 s in its
worker. Each kind of template keeps here, under a hash of its text and of the code that checks and compiles it (its
`signature`: this Python, this jinja2, the modules named), the code jinja made and what the checks learnt beside it.
Only texts that passed their checks are kept, so a remembered text is one its checks would pass again; a changed
text, module, Python or jinja2 is a different key, so nothing stale can be read. The build hands each memory its
place in the user's store (build/memory.py); without one, each process keeps its own only."""
from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Protocol

import jinja2


class Memory(Protocol):
    """Where one kind's compiled code is kept between runs (build/memory.py's KeptBlob)."""

    def load(self) -> bytes | None: ...

    def save(self, data: bytes) -> None: ...


class CompiledTexts:
    """One kind of template's compiled code by text: read from its memory once per process, saved when it grew."""

    MOST = 5000  # entries; past this the memory keeps only what this run used

    def __init__(self, kind: str, *modules: Path):
        self.kind = kind
        self.modules = modules
        self.memory: Memory | None = None
        self._known: dict[str, tuple[bytes, tuple]] | None = None
        self._used: set[str] = set()
        self._unsaved = False
        self._signed: str | None = None

    def signature(self) -> str:
        """Code belongs to one Python and one jinja2, and to the rules and sandbox of the modules named (read once)."""
        if self._signed is None:
            head = f"{self.kind}|{sys.implementation.cache_tag}|{jinja2.__version__}|".encode()
            self._signed = hashlib.sha256(head + b"".join(m.read_bytes() for m in self.modules)).hexdigest()[:20]
        return self._signed

    def keep_in(self, memory: Memory | None) -> None:
        """Use `memory` from now on (None: this process's own only)."""
        self.memory, self._known = memory, None

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.signature()}|{text}".encode()).hexdigest()

    def _all(self) -> dict[str, tuple[bytes, tuple]]:
        """What the memory held, read once per process; a damaged or foreign entry counts as empty."""
        if self._known is None:
            self._known = {}
            try:
                found = marshal.loads(self.memory.load() or b"") if self.memory is not None else None
                if isinstance(found, dict):
                    self._known = {k: v for k, v in found.items()
                                   if isinstance(k, str) and isinstance(v, tuple) and len(v) == 2
                                   and isinstance(v[0], bytes) and isinstance(v[1], tuple)}
            except (ValueError, EOFError, TypeError):
                pass
        return self._known

    def get(self, text: str) -> tuple[CodeType, tuple] | None:
        """The code compiled from `text` and what was kept beside it, when a run compiled it before."""
        key = self._key(text)
        found = self._all().get(key)
        if found is None:
            return None
        try:
            code = marshal.loads(found[0])
        except (ValueError, EOFError, TypeError):
            return None
        if not isinstance(code, CodeType):
            return None
        self._used.add(key)
        return code, found[1]

    def put(self, text: str, code: CodeType, extra: tuple = ()) -> None:
        """Remember the code of a text that passed its checks."""
        key = self._key(text)
        self._all()[key] = (marshal.dumps(code), extra)
        self._used.add(key)
        self._unsaved = True

    def save(self) -> None:
        """Hand the memory what this process compiled, when it compiled texts the memory did not hold."""
        if not self._unsaved or self.memory is None:
            return
        known = self._all()
        kept = known if len(known) <= self.MOST else {k: v for k, v in known.items() if k in self._used}
        self.memory.save(marshal.dumps(kept))
        self._unsaved = False


def from_code(env: jinja2.Environment, code: CodeType) -> jinja2.Template:
    """A template of `env` from code jinja compiled before (what Environment.from_string does after compiling)."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)
