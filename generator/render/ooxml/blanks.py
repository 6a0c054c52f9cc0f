"""Empty documents made once a process and opened as a copy by each document that starts from them.

Styling an empty .docx in the official layout took 20 ms and a conference has three; the house presentation takes
9 ms to make and 2 to open, and a series renders many decks in each worker, watch and serve one at every save. Each
is made once for a look, kept as its saved bytes, and every document opens a copy, the first included, so that a
document's bytes never depend on what its process made before.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable


class Blanks:
    """Saved empty documents by look: the latest MOST looks (a process that serves many keeps the latest)."""

    MOST = 8

    def __init__(self):
        self._saved: dict[Hashable, bytes] = {}

    def saved(self, look: Hashable, make: Callable[[], bytes]) -> bytes:
        """The bytes made for `look`, by `make` the first time it is asked for."""
        if look not in self._saved:
            if len(self._saved) >= self.MOST:
                self._saved.clear()
            self._saved[look] = make()
        return self._saved[look]
