"""Empty documents made once for a look and opened as a copy by each document that starts from them.

Styling an empty .docx in the official layout took 20 ms and a conference has three; the house presentation takes
about 45 ms to make and 2 to open, and a series renders many decks in each worker, watch and serve one at every save.
Each is made once for a look, kept as its saved bytes, and every document opens a copy, the first included, so that
a document's bytes never depend on what its process made before.

A build also gives them a memory across runs (build/memory.py, the user's store): the bytes made for a look, under
the hash of the look and the generator's own fingerprint (its code and the versions of the libraries that write
them), so a cold build of a look made before opens it rather than making it again. An entry damaged on disk reads as
missing and is made again; the bytes are those `make` gives, to the byte.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Protocol


class BlankMemory(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


_memory: BlankMemory | None = None


def keep_blanks_in(memory: BlankMemory | None) -> None:
    """Where the empty documents are kept across runs (None: made again in each process)."""
    global _memory
    _memory = memory


def look_key(look: Hashable) -> str:
    """A look (nested tuples of text, bytes and None) as a hash: each part with its type and length."""
    h = hashlib.sha256()

    def feed(part) -> None:
        if isinstance(part, tuple):
            h.update(b"(%d" % len(part))
            for item in part:
                feed(item)
        else:
            data = part if isinstance(part, bytes) else b"" if part is None else str(part).encode("utf-8")
            h.update(b"%s%d:" % (type(part).__name__.encode(), len(data)) + data)

    feed(look)
    return h.hexdigest()


class Blanks:
    """Saved empty documents by look: the latest MOST looks (a process that serves many keeps the latest)."""

    MOST = 8

    def __init__(self):
        self._saved: dict[Hashable, bytes] = {}

    def saved(self, look: Hashable, make: Callable[[], bytes]) -> bytes:
        """The bytes made for `look`, by `make` the first time it is asked for (in this process, and across runs
        when a memory is given)."""
        if look not in self._saved:
            if len(self._saved) >= self.MOST:
                self._saved.clear()
            memory = _memory
            key = look_key(look) if memory is not None else ""
            data = memory.get(key) if memory is not None else None
            if data is None:
                data = make()
                if memory is not None:
                    memory.put(key, data)
            self._saved[look] = data
        return self._saved[look]
