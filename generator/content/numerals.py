"""Chinese numerals for counts and ranks (四, 十二, 一百零五): the conference numbers of the content files themselves
(第二场), and how present/ words ranks and counts; and read back (from_cn), as ingest meets them in years and months."""
from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    """Chinese numerals for counts and ranks: 4 -> 四, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五."""
    n = int(n)
    if n < 0:
        return "负" + cn(-n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + cn(rest) if rest < 10 else (cn(rest) if rest >= 20 else "一" + cn(rest)))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


_VALUES = {"〇": 0, "○": 0, "零": 0, "两": 2, **{d: i for i, d in enumerate(_DIGITS) if i}}


def from_cn(text: str) -> int | None:
    """The number Chinese numerals write, as counts, months and days (九 -> 9, 十一 -> 11, 二十 -> 20, 三十一 -> 31)
    or digit by digit as years (二〇二四, 二○二四, 二零二四 -> 2024); None for any other text."""
    if not text or any(c not in _VALUES and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(_VALUES[c]) for c in text))
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units or (tens and not _VALUES[tens]) or (units and not _VALUES[units]):
        return None
    return (_VALUES[tens] if tens else 1) * 10 + (_VALUES[units] if units else 0)


class Written(float):
    """A figure written with trailing zeros (6.0, 59.0, 1.50): a float to every rule and sum, and the decimals its
    source writes, which are part of the figure (present/wording.num prints 6.0, never 6)."""

    __slots__ = ("digits",)
    digits: int

    def __new__(cls, value: float, digits: int) -> Written:
        self = super().__new__(cls, value)
        self.digits = digits
        return self

    def __reduce__(self):
        return (Written, (float(self), self.digits))


_DECIMAL = re.compile(r"[-+]?[0-9][0-9_]*\.([0-9_]*)")


def written_digits(text: str) -> int:
    """The decimals of a number written `text` when they end in 0 (what a float forgets: 6.0 -> 1), else 0."""
    match = _DECIMAL.fullmatch(text.strip())
    decimals = match.group(1).replace("_", "") if match else ""
    return len(decimals) if decimals.endswith("0") else 0


def written(text: str, value: float) -> float:
    """The value of a number written `text`: a Written when its decimals end in 0, else the plain float."""
    digits = written_digits(text)
    return Written(value, digits) if digits else value
