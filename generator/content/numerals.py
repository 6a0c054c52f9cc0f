"""Chinese numerals for counts and ranks (四, 十二, 一百零五): the conference numbers of the content files themselves
(第二场), and how present/ words ranks and counts."""
from __future__ import annotations

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
