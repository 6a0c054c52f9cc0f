"""Damage as PDF extraction does it to a text, for measuring ingest (tests/ingest, tools/ingest_report.py)."""
from __future__ import annotations

import random

_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _full_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def _cut_every_30(text: str) -> str:
    """Lines broken every 30 characters, wherever that falls: inside a figure (602.|8), a unit (万人|次), a word."""
    return "\n".join(line[k:k + 30] for line in text.split("\n") for k in range(0, max(len(line), 1), 30))


def _spaced(text: str) -> str:
    """A space after about one character in three, inside words and figures alike (2 4 5 8 . 8)."""
    rnd = random.Random(7)
    return "".join(c + (" " if not c.isspace() and rnd.random() < 0.3 else "") for c in text)


def _two_columns(text: str) -> str:
    """The text set in two columns and extracted across them: each line is a line of the first half, padded to
    the gutter, and a line of the second half (as pdftotext -layout gives a two-column page)."""
    lines = _cut_every_30(text).split("\n")
    half = (len(lines) + 1) // 2
    left, right = lines[:half], lines[half:] + [""] * (2 * half - len(lines))
    return "\n".join((a + "　" * (32 - len(a)) + "    " + b) if b else a for a, b in zip(left, right))


DAMAGE = {"full-width digits": _full_width, "cut every 30": _cut_every_30, "spaces inside": _spaced,
          "two columns": _two_columns}
