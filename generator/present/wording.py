"""How figures read in Chinese: numbers, units, changes, ranks, periods and comparisons (one wording everywhere)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..content.model import Metric, Rank
from ..content.numerals import Written, cn  # noqa: F401 - how a figure reads includes its Chinese count

MISSING = "待补充"


def num(x: float | None, digits: int | None = None) -> str:
    """A figure the way Chinese statistics print it: no thousands separator, half-up rounding, no trailing zeros but
    those its source writes (6.0 written stays 6.0: content.numerals.Written)."""
    if x is None:
        return MISSING
    if digits is None and isinstance(x, Written):
        digits = x.digits
    d = Decimal(repr(float(x)))
    if digits is not None:
        d = d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        text = f"{d:f}"
    else:
        text = f"{d:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "-0.0") else text


def qualifier_sides(qualifier: str | None) -> tuple[str, str]:
    """(before, after) the figure: 以上 and 以下 follow the unit (80%以上); 近, 约, 超过 … come first (近1000亿元)."""
    if qualifier in ("以上", "以下", "左右"):
        return "", qualifier
    return qualifier or "", ""


def with_unit(x: float | None, unit: str = "", qualifier: str | None = None) -> str:
    """2458.8亿元, 98.8%, 80%以上, 近1000亿元; a missing value reads 待补充."""
    if x is None:
        return MISSING
    before, after = qualifier_sides(qualifier)
    return before + num(x) + unit + after


def change(x: float | None, unit: str = "%", up: str = "增长", down: str = "下降") -> str:
    """增长5.6% / 下降1.2% from the sign; 持平 for zero."""
    if x is None:
        return up + MISSING
    if x == 0:
        return "持平"
    return (up if x > 0 else down) + num(x).lstrip("-") + unit  # the sign is the word; abs() would lose a 6.0


def points(x: float | None, up: str = "提升", down: str = "下降") -> str:
    """提升1.6个百分点 / 下降0.3个百分点."""
    return change(x, "个百分点", up, down)


def rank_text(rank: Rank | None) -> str:
    """全省第四位 / 居全省前列."""
    if rank is None:
        return ""
    if rank.position is None:
        return rank.wording or ""
    return f"{rank.scope}第{cn(rank.position)}位" if rank.position > 1 else f"{rank.scope}首位"


def span(start: int, end: int) -> str:
    """2021—2024年 (em dash, as in official writing); one year when it starts and ends in it (2024年, not
    2024—2024年)."""
    return f"{start}—{end}年" if start != end else f"{end}年"


def years_of(m: Metric) -> str:
    """The years a figure covers as a table's 年份 cell writes them: 2024, 2021—2024; '' when undated."""
    if not m.year:
        return ""
    return span(m.start, m.year)[:-1] if m.start else str(m.year)


def period_text(years: str, within: str = "") -> str:
    """The period a figure covers as text says it: 2024年, 2021—2024年, 2018年上半年; '' when undated."""
    return f"{years}年{within}" if years else ""


def comparison_text(m: Metric) -> str:
    """较2020年增加836.2亿元 / 较2020年增长60% / 较2020年提升1.8个百分点 / 是“十三五”末的1.6倍; '' when none."""
    c = m.comparison
    if c is None:
        return ""
    base = c.base_label or (f"{c.base_year}年" if c.base_year else "")
    parts = []
    if c.increase is not None:
        verb = ("扩大" if c.increase >= 0 else "缩小") if (m.ratio_of or not m.unit) else ("增加" if c.increase >= 0 else "减少")
        if m.unit == "%":
            parts.append(f"较{base}" + points(c.increase))
        else:
            parts.append(f"较{base}{verb}{num(c.increase).lstrip('-')}{m.unit}")
    if c.points is not None:
        parts.append(f"较{base}" + points(c.points))
    if c.percent is not None:
        parts.append(f"较{base}" + change(c.percent))
    if c.times is not None:
        parts.append(f"是{base}的{num(c.times)}倍")
    return "，".join(parts)


def growth_text(m: Metric) -> str:
    """年均增长5.6% (按可比价格计算); the basis is kept in the words."""
    g = m.growth
    if g is None:
        return ""
    prefix = "按可比价格计算，" if g.basis == "可比价" else ""
    return prefix + ("" if g.kind == "未注明" else g.kind) + change(g.rate)


