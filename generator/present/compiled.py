"""Compiled jinja code remembered across runs: narratives, the download page's template, the long image's template.

jinja parses and compiles a template in Python on every run: the seed's 80 narratives took 0.04 s, the page template
0.03 s (three times a build: `check`, the page's own check, the render), the long image's template 0.1 s in its
worker. Each kind of template keeps here, under a hash of its text and of the code that checks and compiles it (its
`signature`: this Python, this jinja2, the modules named), the code jinja made and what the checks learnt beside it.
Only texts that passed their checks are kept, so a remembered text is one its checks would pass again; a changed
text, module, Python or jinja2 is a different key, so nothing stale can be read. The build hands each memory its
place in the user's store (build/memory.py); without one, each process keeps its own only.

Each text is one entry, read when it is asked for: a run reads what it renders, however many texts the machine has
seen (one blob of them all had grown to 9 MB on a working machine, and every run read and unmarshalled it whole).
"""
from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Protocol

import jinja2


class Memory(Protocol):
    """Where one kind's compiled code is kept between runs, entry by entry (build/memory.py's KeptEntries)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, entries: dict[str, bytes]) -> None: ...


class CompiledTexts:
    """One kind of template's compiled code by text: each entry read from its memory when first asked for in a
    process, the new ones handed to it on save."""

    def __init__(self, kind: str, *modules: Path):
        self.kind = kind
        self.modules = modules
        self.memory: Memory | None = None
        self._known: dict[str, tuple[bytes, tuple] | None] = {}  # key -> entry, None: not in the memory
        self._unsaved: dict[str, bytes] = {}
        self._signed: str | None = None

    def signature(self) -> str:
        """Code belongs to one Python and one jinja2, and to the rules and sandbox of the modules named (read once)."""
        if self._signed is None:
            head = f"{self.kind}|{sys.implementation.cache_tag}|{jinja2.__version__}|".encode()
            self._signed = hashlib.sha256(head + b"".join(m.read_bytes() for m in self.modules)).hexdigest()[:20]
        return self._signed

    def keep_in(self, memory: Memory | None) -> None:
        """Use `memory` from now on (None: this process's own only)."""
        self.memory, self._known, self._unsaved = memory, {}, {}

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.signature()}|{text}".encode()).hexdigest()

    def _entry(self, key: str) -> tuple[bytes, tuple] | None:
        """The entry kept under `key`, read once per process; a damaged or foreign entry counts as absent."""
        if key not in self._known:
            found = None
            try:
                data = self.memory.get(key) if self.memory is not None else None
                entry = marshal.loads(data) if data else None
                if (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], bytes)
                        and isinstance(entry[1], tuple)):
                    found = entry
            except (ValueError, EOFError, TypeError):
                pass
            self._known[key] = found
        return self._known[key]

    def get(self, text: str) -> tuple[CodeType, tuple] | None:
        """The code compiled from `text` and what was kept beside it, when a run compiled it before."""
        found = self._entry(self._key(text))
        if found is None:
            return None
        try:
            code = marshal.loads(found[0])
        except (ValueError, EOFError, TypeError):
            return None
        if not isinstance(code, CodeType):
            return None
        return code, found[1]

    def put(self, text: str, code: CodeType, extra: tuple = ()) -> None:
        """Remember the code of a text that passed its checks."""
        key = self._key(text)
        entry = (marshal.dumps(code), extra)
        self._known[key] = entry
        self._unsaved[key] = marshal.dumps(entry)

    def save(self) -> None:
        """Hand the memory the texts this process compiled that it did not hold."""
        if self._unsaved and self.memory is not None:
            self.memory.put(self._unsaved)
        self._unsaved = {}


def from_code(env: jinja2.Environment, code: CodeType) -> jinja2.Template:
    """A template of `env` from code jinja compiled before (what Environment.from_string does after compiling)."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)
