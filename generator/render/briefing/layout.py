"""Where the briefing's pages will break: a model of the official layout, fed block by block as the briefing is
written, so a chart can be sized to the room left on its page and a long table split with 续表 where the page ends.

The layout is regular enough to predict: body text sits on a 22-line grid with exact line spacing, CJK characters
are one em, and tables, captions and pictures have heights we set. The model errs on the full side (widest faces,
lines rounded up to the grid), so what it says fits does fit in LibreOffice, Word and WPS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..fit import CLOSING, OPENING, WORD_JOINER, advance_widths, figure_spans, latin_serif_widths

# what a word processor keeps on one line: a run of Latin letters and figures; any two CJK characters may part
_RUN = re.compile(r"[A-Za-z0-9.,%‰+\-/:']+|\s+|.", re.S)
_LATIN = re.compile(r"[A-Za-z0-9.,%‰+\-/:']")

MIN_LINES_SPLIT = 2  # widow and orphan control: a paragraph leaves and takes at least two lines at a page break
# LibreOffice sets a grid line's text low in the line, and a block off the grid (a caption, a table, a picture) starts
# below that text: measured at 4.4 mm after a line of 3号 text (pdftotext -bbox). Word starts it at the line's foot.
GRID_EXIT_PT = 12.5


def text_width(text: str, size: float, condense: float = 0.0) -> float:
    """Points, as the briefing sets the text: Latin and figures in Times New Roman's widths, everything else (CJK,
    and the punctuation both scripts share, set in the CJK face) with the widest of the mapped faces; plus the
    style's character spacing."""
    widths, upm = advance_widths(None)
    latin, latin_upm = latin_serif_widths()
    total = 0.0
    for ch in text:
        cp = ord(ch)
        if cp in latin:
            total += latin[cp] / latin_upm
        else:
            total += widths.get(cp, upm if cp > 0x2E80 else upm // 2) / upm
    return total * size + condense * len(text)


def processor_pieces(text: str) -> list[str]:
    """The text in the pieces Word and LibreOffice keep whole: figures as the briefing binds them (151.8万吨, 一万美元,
    2025年10月22日: fit.figure_spans), Latin runs, single CJK characters, closing punctuation with what precedes it
    and opening punctuation with what follows (禁则)."""
    out: list[str] = []
    carry = ""
    for span, figure in figure_spans(text, dates_and_amounts=True):
        for piece in [span.replace(WORD_JOINER, "")] if figure else _RUN.findall(span):
            if piece in OPENING:
                carry += piece
                continue
            piece, carry = carry + piece, ""
            if out and (piece[0] in CLOSING or _LATIN.match(out[-1][-1])):
                out[-1] += piece  # LibreOffice keeps a figure with the character after it (158|亿元 never parts)
            else:
                out.append(piece)
    if carry:
        out.append(carry)
    return out


@lru_cache(maxsize=4096)
def count_lines(text: str, width: float, size: float, first_indent: float = 0.0, condense: float = 0.0) -> int:
    """Lines the text takes in a box `width` points wide, broken greedily where a word processor breaks it;
    linear in the text's length. Remembered: a table's cells are measured for each width tried."""
    total = 0
    for para in text.split("\n"):
        lines, room = 1, width - first_indent
        for piece in processor_pieces(para):
            w = text_width(piece, size, condense)
            if w <= room:
                room -= w
                continue
            if w <= width:  # the piece starts the next line
                lines += 1
                room = width - w
                continue
            # a piece wider than a line (a long Latin word or digit string) is broken by characters
            for ch in piece:
                cw = text_width(ch, size, condense)
                if cw > room:
                    lines += 1
                    room = width
                room -= cw
        total += lines
    return total


def last_line(text: str, width: float, size: float, first_indent: float = 0.0, condense: float = 0.0) -> str:
    """What the last line of a paragraph holds, broken as count_lines breaks it."""
    line, room = "", width - first_indent
    for piece in processor_pieces(text.split("\n")[-1]):
        w = text_width(piece, size, condense)
        if w > room:
            line, room = "", width
        line += piece
        room -= w
    return line


@dataclass
class PageFlow:
    """The current page's filled height, in points, as blocks are added in order."""

    capacity: float  # the type area's height
    pitch: float  # the line grid
    page: int = 1
    used: float = 0.0
    after_grid: bool = False  # the last block was grid lines
    kept: float = 0.0  # the height at the page's foot that keeps with the next block (a heading): it moves with it

    @property
    def room(self) -> float:
        return self.capacity - self.used

    def new_page(self) -> None:
        self.page += 1
        self.used = 0.0
        self.after_grid = False

    def _move_on(self) -> None:
        """The next block begins a new page, and takes with it what was kept with it."""
        kept, after = self.kept, self.after_grid
        self.new_page()
        if kept:
            self.used, self.after_grid = kept, after

    def start_of_box(self) -> float:
        """Where a block off the grid would start on this page."""
        return self.used + GRID_EXIT_PT if self.after_grid and self.used > 0 else self.used

    def _on_grid(self) -> float:
        """Where the next line starts. LibreOffice sets a line that follows a table or a picture right below it, a
        grid pitch tall, and the lines after it on that pitch (pdftotext -bbox: 26 pt from a source line's text to
        the next heading's, 29 pt on); it does not snap it to the page's grid as Word does."""
        return self.used

    def here(self, count: int, keep_next: float = 0.0) -> int:
        """How many of a paragraph's `count` lines the current page takes: all, some (widow and orphan control
        leave at least two on each side), or none (the paragraph moves to the next page)."""
        start = self._on_grid()
        # LibreOffice's last line must hold its low-set text too: a page holds 21 lines there, 22 in Word
        bottom = self.capacity - GRID_EXIT_PT
        if start + count * self.pitch + keep_next <= bottom + 1e-6:
            return count
        fit = max(0, int((bottom - start) // self.pitch + 1e-6))
        if self.used <= self.kept + 1e-6:  # at the top of a page, or under its heading: it flows from here
            return min(fit, count)
        if keep_next or count <= fit or fit < MIN_LINES_SPLIT or count < 2 * MIN_LINES_SPLIT:
            return 0
        return min(fit, count - MIN_LINES_SPLIT)

    def lines(self, count: int, keep_next: float = 0.0) -> None:
        """A paragraph of `count` grid lines; `keep_next` is the height that must follow it on the same page
        (a heading keeps with its first lines)."""
        first = self.here(count, keep_next)
        if first == count:
            self.used = self._on_grid() + count * self.pitch
        elif first == 0:
            self._move_on()
            self.used = self._on_grid()
            self._flow(count)
        else:
            self.new_page()
            self._flow(count - first)
        self.after_grid = True
        self.kept = count * self.pitch if keep_next and first == count else 0.0

    def _flow(self, count: int) -> None:
        """`count` lines from the current position (the top of a page, or below what moved with them)."""
        bottom = self.capacity - GRID_EXIT_PT
        per_page = int(bottom // self.pitch + 1e-6)
        room = max(0, int((bottom - self.used) // self.pitch + 1e-6))
        while count > room:
            count -= room
            self.new_page()
            room = per_page
        self.used += count * self.pitch

    def box(self, height: float, keep_next: float = 0.0) -> None:
        """An unsplittable block (a table row, a caption, a picture) with the height that must follow it."""
        if self.used > self.kept and self.start_of_box() + height + keep_next > self.capacity + 1e-6:
            self._move_on()
        self.used = self.start_of_box() + height
        self.after_grid = False
        self.kept = height if keep_next else 0.0
        while self.used > self.capacity + 1e-6:  # taller than a page: it spills (only a picture could)
            self.used -= self.capacity
            self.page += 1

    def fits(self, height: float) -> bool:
        """Whether an unsplittable block of this height starts on the current page."""
        return self.start_of_box() + height <= self.capacity + 1e-6
