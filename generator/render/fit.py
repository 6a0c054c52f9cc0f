"""Measure text with real font metrics and break Chinese lines by the rules (禁则), so nothing overflows its box."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from ..present.labels import CHINESE_DIGITS, DATE_WORDS, GRADE, MAGNITUDES, RANK_WORDS, UNIT_WORDS

# Line spacing used for every laid-out paragraph, as a multiple of the font size (set exactly in the output).
LINE_SPACING = 1.25
# The table is the widest of the free faces; 微软雅黑 on the official's PC is not among them: keep a margin for it.
SAFETY = 0.93

CLOSING = set("，。、；：？！）》」』”’】〕…—·%‰,.;:?!)]}")
OPENING = set("（《「『“‘【〔([{")
UNITS = sorted(UNIT_WORDS, key=len, reverse=True)
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_RANK, _COUNTED = RANK_WORDS
_FIGURE = (
    rf"(?P<grade>\d*[A-Z]+{GRADE})"  # 5A级, AAAA级: a grade is one word
    rf"|(?P<rank>{_RANK}(?:\d+|[{CHINESE_DIGITS}]+)[{_COUNTED}]?)"  # 第四位, 第2名: a rank is one word
    rf"|(?P<fig>{_NUMBER}(?:[:：]{_NUMBER})*(?:{'|'.join(map(re.escape, UNITS))})?)"  # a figure with its unit, or a ratio
    r"|(?P<word>[A-Za-z][A-Za-z&\-']*)"  # a Latin word
    r"|(?P<ch>\s|.)"
)
_TOKEN = re.compile(_FIGURE, re.S)
# what figure_spans holds together besides: a date (2025年10月22日), and an amount in Chinese numerals (一万美元, 三千亿元:
# a count with its magnitude, 万 or 亿, and its unit); a plain count (三年, 五个) is a word like any other and may wrap
_YEAR, _MONTH, _DAY = DATE_WORDS
_SPAN_TOKEN = re.compile(
    rf"(?P<date>\d{{4}}{_YEAR}\d{{1,2}}{_MONTH}(?:\d{{1,2}}{_DAY})?)"
    rf"|(?P<amount>[{CHINESE_DIGITS}]+[{MAGNITUDES}]+(?:{'|'.join(map(re.escape, UNITS))})?)|" + _FIGURE,
    re.S,
)


WORD_JOINER = "\u2060"


def figure_spans(text: str, dates_and_amounts: bool = False) -> list[tuple[str, bool]]:
    """_figure_spans, remembered: a briefing measures each text before it writes it, and a slide tries its text at
    several sizes (a conference asked for some 1,400 cuts of 470 texts)."""
    return list(_figure_spans(text, dates_and_amounts))


@lru_cache(maxsize=4096)
def _figure_spans(text: str, dates_and_amounts: bool) -> tuple[tuple[str, bool], ...]:
    """The text cut into (piece, is a figure) where a figure is a number with its unit (151.8万吨, 25.4%, 2024年) or a
    grade (5A级), and with `dates_and_amounts` (the Word documents) a date (2025年10月22日) or an amount in Chinese
    numerals (一万美元): what a line must never break inside. In each figure a WORD JOINER stands between every two
    characters a line could part (the number and each character of its unit: a line breaker that reads the run as
    Latin text, as LibreOffice does the briefing's figure runs, may break between two Chinese characters,
    425.9亿|元), for a word processor that lays the line out itself (the briefing) and respects it; between figures
    and Chinese it also keeps LibreOffice from setting the quarter-em it puts where scripts change (2025年 10 月)."""
    spans: list[tuple[str, bool]] = []
    plain = ""
    for m in (_SPAN_TOKEN if dates_and_amounts else _TOKEN).finditer(text):
        piece = m.group(0)
        number = re.match(_NUMBER, piece) if m.lastgroup == "fig" else None
        with_unit = number is not None and number.end() < len(piece) and piece[number.end()] not in ":："  # no ratio
        if m.lastgroup in ("grade", "date", "amount") or with_unit:
            if plain:
                spans.append((plain, False))
                plain = ""
            spans.append((_joined(piece), True))
        else:
            plain += piece
    if plain:
        spans.append((plain, False))
    return tuple(spans)


def _joined(figure: str) -> str:
    """A WORD JOINER between each two characters of a figure where a line could break: not inside a run of digits
    and Latin letters (151.8, AAAA), which no line breaker parts."""
    out = figure[0]
    for before, ch in zip(figure, figure[1:]):
        if not (_LATIN_WORD.match(before) and _LATIN_WORD.match(ch)):
            out += WORD_JOINER
        out += ch
    return out


_LATIN_WORD = re.compile(r"[0-9A-Za-z.+\-]")


WIDEST_TABLE = Path(__file__).with_name("font_widths.json")


@lru_cache(maxsize=1)
def _shipped_table() -> dict:
    """tools/font_widths.py's output, read once: the widest advances, and Times New Roman's."""
    return json.loads(WIDEST_TABLE.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def advance_widths(font_file: str | None) -> tuple[dict[int, int], int]:
    """Advance widths by code point, and units per em: by default the widest of the faces that draw our documents
    (shipped, see tools/font_widths.py), else those of the theme's measuring font."""
    if font_file is None:
        return metrics_from_runs(_shipped_table())
    from fontTools.ttLib import TTCollection, TTFont

    # lazy: only the tables we read are parsed (the eager parse takes four times the time and memory)
    if font_file.lower().endswith((".ttc", ".otc")):
        holder = TTCollection(font_file, lazy=True)
        font = holder.fonts[0]
    else:
        holder = font = TTFont(font_file, lazy=True)
    try:
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        widths = {cp: hmtx[name][0] for cp, name in cmap.items() if name in hmtx}
        return widths, font["head"].unitsPerEm
    finally:
        holder.close()


@lru_cache(maxsize=1)
def latin_serif_widths() -> tuple[dict[int, int], int]:
    """Times New Roman's widths (Liberation Serif, metric-compatible) below U+2000, for the briefing's page model."""
    data = _shipped_table()
    return metrics_from_runs({"upm": data["upm"], "runs": data["latin_serif"]})


def width_runs(widths: dict[int, int]) -> list[list[int]]:
    """Widths by code point as runs [first, last, width] of consecutive code points with one width."""
    runs: list[list[int]] = []
    for cp in sorted(widths):
        if runs and runs[-1][1] == cp - 1 and runs[-1][2] == widths[cp]:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, widths[cp]])
    return runs


def metrics_runs(font_file: str | None) -> dict:
    """The advance widths as runs of consecutive code points with one width: small enough to cache as JSON."""
    widths, upm = advance_widths(font_file)
    return {"upm": upm, "runs": width_runs(widths)}


def metrics_from_runs(data: dict) -> tuple[dict[int, int], int]:
    widths = {cp: w for start, end, w in data["runs"] for cp in range(start, end + 1)}
    return widths, int(data["upm"])


@dataclass(frozen=True)
class Measurer:
    """Measures strings in points at a font size, with the theme's measuring font."""

    font_file: str | None = None
    # the font's widths when the build cache already has them (reading them from the font takes 0.1 s)
    table: tuple | None = field(default=None, compare=False, repr=False)

    def width(self, text: str, size: float) -> float:
        return self.to_points(self.units(text), size)

    def units(self, text: str) -> int:
        """The text's advance in font units: widths add up, so a line's width is the sum of its pieces'."""
        widths, upm = self.table or advance_widths(self.font_file)
        total = 0
        for ch in text:
            cp = ord(ch)
            total += widths.get(cp, upm if cp > 0x2E80 else upm // 2)
        return total

    def to_points(self, units: int, size: float) -> float:
        upm = (self.table or advance_widths(self.font_file))[1]
        return units * size / upm / SAFETY

    def line_height(self, size: float) -> float:
        return size * LINE_SPACING


@lru_cache(maxsize=2048)
def tokens(text: str) -> tuple[str, ...]:
    """Unbreakable pieces: a figure with its unit stays whole; closing punctuation sticks to what precedes it,
    opening punctuation to what follows."""
    raw = [m.group(0) for m in _TOKEN.finditer(text)]
    out: list[str] = []
    carry = ""
    for tok in raw:
        if tok and all(c in OPENING for c in tok):
            carry += tok
            continue
        tok = carry + tok
        carry = ""
        if out and tok[0] in CLOSING:
            out[-1] += tok
        else:
            out.append(tok)
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return tuple(out)


@lru_cache(maxsize=1024)
def _measured_tokens(measure: Measurer, para: str) -> tuple[tuple[str, int, int, str, int], ...]:
    """A paragraph's tokens with their widths in font units: whole, right-stripped, and left-stripped with its width.
    Fitting tries several sizes and widths for one text; it is measured once."""
    out = []
    for tok in tokens(para):
        left = tok.lstrip()
        out.append((tok, measure.units(tok), measure.units(tok.rstrip()), left, measure.units(left)))
    return tuple(out)


# A line ends at a word boundary when that leaves it at least this full; else it is filled and breaks where it must.
WORD_FILL = 0.88
# A paragraph's last line of at most this many characters (closing punctuation not counted) takes words from the
# line above, while that line stays at least WIDOW_FILL full.
WIDOW_CHARS = 3
WIDOW_FILL = 0.55


def wrap(text: str, width: float, size: float, measure: Measurer) -> list[str]:
    """_wrap's lines, remembered: fitting a slide tries each text at several sizes and widths, and a deck asked for
    some 450 wraps of under 100 texts."""
    return list(_wrap(text, width, size, measure))


@lru_cache(maxsize=4096)
def _wrap(text: str, width: float, size: float, measure: Measurer) -> tuple[str, ...]:
    """Break text into lines no wider than width (points). A line ends between two words (jieba's, see _segment) or
    after phrase punctuation when that keeps it WORD_FILL full, else at the last piece that fits (tokens: a figure
    never parts from its unit, nor a rank 第四位); a token wider than a whole line is split by characters. A short
    last line (全省。) takes words from the line above (_no_widow). Linear in the text: each piece is measured once and
    a line's width is the running sum of its pieces; a paragraph that fits one line is never segmented."""
    lines: list[str] = []
    limit = measure.to_points(1, size)  # points per font unit: a line fits while units * limit <= width
    for para in text.split("\n"):
        measured = _measured_tokens(measure, para)
        if sum(m[1] for m in measured) * limit <= width:
            lines.append(para.rstrip())
        else:
            _wrap_paragraph(lines, para, measured, width, limit, measure)
    return tuple(lines)


def _wrap_paragraph(lines: list[str], para: str, measured: tuple, width: float, limit: float, measure: Measurer) -> None:
    """wrap's work for a paragraph longer than a line: its lines appended to `lines`."""
    start = len(lines)
    ends = _word_ends(para)
    starts: list[int] = []  # where each line begins in para
    line, used, at, pos = "", 0, 0, 0
    marks: list[tuple[int, int, int]] = []  # word ends in the line: (characters, units, units right-stripped)
    for tok, tok_units, stripped_units, left, left_units in measured:
        tok_at = pos
        pos += len(tok)
        trailing = tok_units - stripped_units  # the spaces the piece ends with
        while line and (used + stripped_units) * limit > width:
            if tok_at not in ends and marks and marks[-1][2] * limit >= WORD_FILL * width:
                k, k_units, _ = marks[-1]  # back to the last word end: the rest begins the next line
                lines.append(line[:k].rstrip())
                starts.append(at)
                rest = line[k:]
                line = rest.lstrip()
                at += k + len(rest) - len(line)
                drop = used - measure.units(line)
                used -= drop
                shift = len(rest) - len(line) + k
                marks = [(c - shift, u - drop, s - drop) for c, u, s in marks if c - shift > 0]
            else:
                lines.append(line.rstrip())
                starts.append(at)
                line, used, marks = "", 0, []
        if not line and len(lines) > start:
            tok_at += len(tok) - len(left)
            tok, tok_units = left, left_units
        if not line:
            at = tok_at
        if line or tok_units * limit <= width:
            line, used = line + tok, used + tok_units
        else:
            for i, ch in enumerate(tok):  # a single piece longer than the line: no rule can keep it whole
                ch_units = measure.units(ch)
                if line and (used + ch_units) * limit > width:
                    lines.append(line)
                    starts.append(at)
                    line, used, at = "", 0, tok_at + i
                line, used = line + ch, used + ch_units
            marks = []
        if pos in ends:
            marks.append((len(line), used, used - trailing))
    lines.append(line.rstrip())
    starts.append(at)
    if not _no_widow(lines, starts, start, para, ends, width, limit, measure):
        _no_orphan(lines, start, width, limit, measure)


def _visible(text: str) -> int:
    return sum(1 for c in text if c not in CLOSING and not c.isspace())


@lru_cache(maxsize=1024)
def _word_ends(para: str) -> frozenset[int]:
    """Where a line of the paragraph ends well: after phrase punctuation or before a space, or between two words;
    only where wrap's tokens allow a break at all (never inside a figure with its unit, a rank, or before closing
    punctuation); a short quotation (“三放心”, 《条例》) is one word."""
    inside = {i for m in _SHORT_QUOTE.finditer(para) for i in range(m.start() + 1, m.end())}
    return frozenset(i for i, _rank in break_points(para) if i not in inside)


_SHORT_QUOTE = re.compile(r"“[^“”]{1,8}”|‘[^‘’]{1,8}’|《[^《》]{1,8}》|「[^「」]{1,8}」")


def _no_widow(lines: list[str], starts: list[int], start: int, para: str, ends: frozenset[int], width: float,
              limit: float, measure: Measurer) -> bool:
    """A paragraph (lines[start:]) whose last line is short (WIDOW_CHARS or fewer characters besides closing
    punctuation: 全省。) takes the last words of the line above down with it, as few as make it longer, when the line
    above stays WIDOW_FILL full and the last line still fits. True when it moved words."""
    if len(lines) - start < 2 or _visible(lines[-1]) > WIDOW_CHARS:
        return False
    a, prev = starts[-2], lines[-2]
    stop = starts[-1] + len(lines[-1])
    for k in range(len(prev) - 1, 0, -1):
        if a + k not in ends:
            continue
        last = para[a + k:stop].strip()
        if _visible(last) <= WIDOW_CHARS:
            continue
        head = prev[:k].rstrip()
        if measure.units(head) * limit < WIDOW_FILL * width or measure.units(last) * limit > width:
            return False
        lines[-2], lines[-1] = head, last
        return True
    return False


def _no_orphan(lines: list[str], start: int, width: float, limit: float, measure: Measurer) -> None:
    """A paragraph (lines[start:]) whose last line holds one character and its punctuation (型。) takes the last
    piece of the line above down with it, when the line above keeps another piece and the last line still fits:
    the pieces are wrap's, so a figure stays with its unit and no line begins with closing punctuation."""
    if len(lines) - start < 2 or sum(1 for c in lines[-1] if c not in CLOSING and not c.isspace()) > 1:
        return
    pieces = tokens(lines[-2])
    if len(pieces) < 2:
        return
    last = pieces[-1].lstrip() + lines[-1]
    if measure.units(last) * limit <= width:
        lines[-2], lines[-1] = "".join(pieces[:-1]).rstrip(), last


def text_height(lines: int, size: float, measure: Measurer, space_before: float = 0.0) -> float:
    return lines * measure.line_height(size) + space_before


# a line may end after these: a title is set in phrases, and these end one
PHRASE_ENDS = set("，。、；：？！）》」』”’】〕…—·,.;:?!)]} 　")


def load_segmenter() -> None:
    """Read the words already found (see _segment) before forking, so that every worker has them; jieba's dictionary
    itself (0.1 s) is loaded only by a process that meets a title not seen before."""
    _known_segments()


_NUMERAL = re.compile(r"\d+(?:\.\d+)?")


def _segment(text: str) -> list[str]:
    """Words, by jieba's dictionary through rjieba (its Rust port: 0.15 s to load where jieba takes 0.8 s), loaded on
    first use. What it found is kept in the user's cache folder, so a rebuild of the same texts does not load the
    dictionary at all (0.1 s of every build). Its numbers are looked up as 0: jieba parts Chinese words alike whatever
    the digits (生产总值|2458.8|亿元 and 生产总值|0|亿元), so an edited figure, or a series of conferences that differ in
    their figures, finds its words known."""
    if not _NUMERAL.search(text):
        return _segment_as_written(text)
    key, where, at = "", [], 0  # the text with each number as 0; where each of its characters begins in the text
    for m in _NUMERAL.finditer(text):
        key += text[at:m.start()] + "0"
        where += [*range(at, m.start()), m.start()]
        at = m.end()
    key += text[at:]
    where += [*range(at, len(text)), len(text)]
    cuts, pos = [0], 0
    for word in _segment_as_written(key):
        pos += len(word)
        cuts.append(where[pos])
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _segment_as_written(text: str) -> list[str]:
    known = _known_segments()
    if text in known:
        return list(known[text])
    try:
        import rjieba
    except ImportError:  # no wheel for this platform: every character boundary is a word boundary
        return list(text)
    words = rjieba.cut(text, hmm=False)
    known[text] = words
    _remember_segments(text, words)
    return words


class WordMemory(Protocol):
    """Where the words found before are kept between processes (the build gives one: build/store.py); this module
    only asks it for what it knows and tells it what it found."""

    def known(self) -> dict[str, list[str]]: ...

    def remember(self, text: str, words: list[str]) -> None: ...


_MEMORY: WordMemory | None = None
_SEGMENTS: dict[str, list[str]] | None = None


def keep_words_in(memory: WordMemory | None) -> None:
    """Use `memory` for the words found from now on (None: this process's own only)."""
    global _MEMORY, _SEGMENTS
    _MEMORY, _SEGMENTS = memory, None


def _known_segments() -> dict[str, list[str]]:
    """What the memory knew, read once per process."""
    global _SEGMENTS
    if _SEGMENTS is None:
        _SEGMENTS = _MEMORY.known() if _MEMORY is not None else {}
    return _SEGMENTS


def _remember_segments(text: str, words: list[str]) -> None:
    if _MEMORY is not None:
        _MEMORY.remember(text, words)


def break_points(text: str, words: bool = True) -> list[tuple[int, int]]:
    """(position, rank) where a line may end: after phrase punctuation or a space (rank 0), and with `words` also
    between two words (rank 1). Never inside a figure with its unit, nor before closing or after opening punctuation."""
    allowed, pos = set(), 0
    for piece in tokens(text)[:-1]:
        pos += len(piece)
        allowed.add(pos)
    phrase = {i for i in allowed if text[i - 1] in PHRASE_ENDS or text[i:i + 1] in (" ", "　")}
    out = [(i, 0) for i in sorted(phrase)]
    if words:
        bounds, pos = set(), 0
        for word in _segment(text)[:-1]:
            pos += len(word)
            bounds.add(pos)
        out += [(i, 1) for i in sorted((bounds & allowed) - phrase)]
    return out


def two_lines(text: str, width: float, size: float, measure: Measurer) -> list[str] | None:
    """The text in two lines broken at a phrase boundary, else at a word boundary, as balanced as the breaks allow;
    None if no boundary gives two lines that each fit the width. A phrase boundary that leaves one line under half
    the other (“十四五” / 前四年三次产业累计投资构成) gives way to a better balanced word boundary."""
    lopsided: list[str] | None = None
    for words in (False, True):  # the segmenter loads only when no phrase boundary will do
        best: tuple[float, list[str], float] | None = None
        for i, _rank in break_points(text, words):
            first, second = text[:i].rstrip(" 　"), text[i:].lstrip(" 　")
            w1, w2 = measure.width(first, size), measure.width(second, size)
            if first and second and max(w1, w2) <= width and (best is None or abs(w1 - w2) < best[0]):
                best = (abs(w1 - w2), [first, second], min(w1, w2) / max(w1, w2))
        if best and not words and best[2] < 0.5:
            lopsided = best[1]
        elif best:
            return best[1]
    return lopsided


def phrase_wrap(text: str, width: float, size: float, measure: Measurer) -> list[str]:
    """Lines that end only at phrase or word boundaries: the fewest lines, then the most even, preferring phrase
    ends to word ends (a small dynamic programme over the boundaries). A word wider than a line falls back to wrap."""
    points = dict(break_points(text))
    cuts = [0, *sorted(points), len(text)]
    best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
    for j in cuts[1:]:
        for i in cuts:
            if i >= j or i not in best:
                continue
            line = text[i:j].strip(" 　")
            w = measure.width(line, size)
            if not line or w > width:
                continue
            # a line costs 1, so fewer lines always win; then slack (evenness) and a word end instead of a phrase end
            cost = best[i][0] + 1.0 + ((width - w) / width) ** 2 * 0.5 + (0.3 if points.get(j) == 1 else 0.0)
            if j not in best or cost < best[j][0]:
                best[j] = (cost, [*best[i][1], line])
    return best[len(text)][1] if len(text) in best else wrap(text, width, size, measure)


def label_lines(text: str, width: float, size: float, measure: Measurer) -> list[str]:
    """A short label (a key card's 指标): one line, or two broken at a phrase or word boundary, never mid-word."""
    if measure.width(text, size) <= width:
        return [text]
    return two_lines(text, width, size, measure) or phrase_wrap(text, width, size, measure)


def fit_title(text: str, width: float, height: float, size: float, min_size: float, measure: Measurer) -> tuple[float, list[str]]:
    """Largest size from size down to min_size at which the title fits: one line preferred, then two lines broken
    at a phrase or word boundary and balanced, never mid-word."""
    s = size
    while s >= min_size:
        if measure.width(text, s) <= width and text_height(1, s, measure) <= height:
            return s, [text]
        s -= 1
    s = size
    while s >= min_size:
        lines = two_lines(text, width, s, measure)
        if lines and text_height(2, s, measure) <= height:
            return s, lines
        s -= 1
    return min_size, phrase_wrap(text, width, min_size, measure)  # a long title: three lines or more


def font_file(theme, root: Path) -> str | None:
    return str(root / theme.fonts.measure_file) if theme.fonts.measure_file else None
