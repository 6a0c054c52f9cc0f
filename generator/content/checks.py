"""Arithmetic and completeness rules over a loaded conference -> findings.

Every stated figure is rounded, so each rule works with intervals: a figure written 2458.8 stands for
[2458.75, 2458.85]. A rule fires only when no choice of the unrounded figures can satisfy it.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import limits
from ..errors import Finding
from ..messages import _
from ..vocabulary import CHART_KINDS
from . import walk
from .loader import LoadedConference, Project
from .model import SHARE_UNITS, Conference, Metric, ref_part, ref_value
from .source import Source

EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @staticmethod
    def of(x: float) -> Interval:
        """The interval a rounded figure stands for, from the decimals it was written with."""
        text = repr(float(x))
        decimals = 0 if "e" in text else len(text.split(".")[1].rstrip("0")) if "." in text else 0
        half = 0.5 * 10 ** -decimals
        return Interval(x - half, x + half)

    def __add__(self, o: Interval) -> Interval:
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: Interval) -> Interval:
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __truediv__(self, o: Interval) -> Interval:
        qs = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Interval(min(qs), max(qs))

    def scale(self, k: float) -> Interval:
        return Interval(self.lo * k, self.hi * k) if k >= 0 else Interval(self.hi * k, self.lo * k)

    def meets(self, o: Interval) -> bool:
        return self.lo <= o.hi + EPS and o.lo <= self.hi + EPS


def _iv(x: float) -> Interval:
    return Interval.of(x)


def base_interval(m: Metric) -> Interval | None:
    """The base figure's interval; a derived base (value - increase) carries both roundings."""
    c = m.comparison
    if c is None or c.base_value is None:
        return None
    if c.base_derived and c.increase is not None and m.value is not None:
        return _iv(m.value) - _iv(c.increase)
    return _iv(c.base_value)


def _fmt(x: float | None) -> str:
    return "missing" if x is None else f"{x:.4f}".rstrip("0").rstrip(".")


class Checker:
    """Runs every rule over one conference, with positions from its source file."""

    def __init__(self, loaded: LoadedConference):
        self.conf: Conference = loaded.model
        self.source: Source = loaded.source
        self.metrics = self.conf.metrics()
        self.paths = {m.id: path for path, m in walk.metrics(self.conf)}
        self.findings: list[Finding] = []

    def add(self, m: Metric, field: str, message: str, *ids: str, severity: str = "error", gap: bool = False,
            shows: str = "") -> None:
        path = self.paths[m.id] + tuple(field.split(".")) if field else self.paths[m.id]
        self.findings.append(self.source.finding(path, message, severity, metrics=(m.id, *ids), gap=gap, shows=shows))

    def run(self) -> list[Finding]:
        for rule in RULES:
            rule(self)
        return self.findings


def rule_references(ck: Checker) -> None:
    """Every id that a metric, structure or chart names exists, and every figure a chart plots is given."""
    for m in ck.metrics.values():
        for field, ref in [("same_as", m.same_as),
                           ("share_of.part", m.share_of and m.share_of.part), ("share_of.whole", m.share_of and m.share_of.whole),
                           ("ratio_of.numerator", m.ratio_of and m.ratio_of.numerator),
                           ("ratio_of.denominator", m.ratio_of and m.ratio_of.denominator)]:
            if ref and ref not in ck.metrics:
                ck.add(m, field, _("refers to unknown metric {id!r}", id=ref))
        if m.same_as == m.id:  # agrees with itself: nothing was checked
            ck.add(m, "same_as", _("names the metric itself; same_as names another metric that states the same figure"))
    for k, mid in enumerate(ck.conf.overview):
        if mid in ck.metrics and ck.metrics[mid].withheld("value"):  # the overview left it out without a word
            ck.findings.append(ck.source.finding(("overview", k), _withheld_ref(ck.metrics[mid], mid, _("the overview")),
                                                 metrics=(mid,)))
    for path, s in walk.structures(ck.conf):
        for k, ref in enumerate(s.parts):
            if ref not in ck.metrics:
                ck.findings.append(ck.source.finding(path + ("parts", k), _("refers to unknown metric {id!r}", id=ref)))
    for base, chart in walk.charts(ck.conf):
        if CHART_KINDS[chart.type].shape == "parts":
            values = [ref_value(ck.metrics, r) for r in chart.series[0].values if r.partition(".")[0] in ck.metrics]
            if any(v is not None and v < 0 for v in values):
                ck.findings.append(ck.source.finding(base + ("type",),
                                                     _("a {type} chart cannot show negative values; use column or "
                                                       "bar", type=chart.type)))
            elif values and all(v == 0 for v in values):  # every part given, and none above zero: an empty circle
                ck.findings.append(ck.source.finding(base + ("type",), _(
                    "a {type} chart shows the parts of a whole, but every part is 0: there is no whole to divide; "
                    "check the figures, or use column or bar", type=chart.type)))
        for sj, series in enumerate(chart.series):
            unit_said = False  # once a series: its figures' unit, not each figure's
            for k, ref in enumerate(series.values):
                path = base + ("series", sj, "values", k)
                mid, _dot, attr = ref.partition(".")
                if mid not in ck.metrics:
                    ck.findings.append(ck.source.finding(path, _("refers to unknown metric {id!r}", id=mid)))
                elif attr and attr != "value" and not _declares(ck.metrics[mid], attr):
                    ck.findings.append(ck.source.finding(path, _("metric {id!r} states no {attr} figure", id=mid, attr=attr),
                                                         metrics=(mid,)))
                elif ck.metrics[mid].withheld(ref_part(ref)):
                    ck.findings.append(ck.source.finding(path, _withheld_ref(ck.metrics[mid], ref, _("a chart")),
                                                         metrics=(mid,)))
                elif (ref_unit(ck.metrics[mid], attr) != (drawn := series.unit if series.unit is not None else chart.unit)
                      and not unit_said):
                    unit_said = True
                    ck.findings.append(ck.source.finding(path, _(
                        "{ref} is in {unit}, but the chart draws this series in {drawn}: its labels, axis and alt text "
                        "would give the figure the wrong unit; plot figures of one unit, or give the series its own "
                        "unit:", ref=ref, unit=_unit_said(ref_unit(ck.metrics[mid], attr)), drawn=_unit_said(drawn)),
                        metrics=(mid,)))
    for path, s in walk.structures(ck.conf):
        for k, ref in enumerate(s.parts):
            if ref in ck.metrics and ck.metrics[ref].withheld("value"):
                ck.findings.append(ck.source.finding(path + ("parts", k), _withheld_ref(ck.metrics[ref], ref, s.label),
                                                     metrics=(ref,)))


def ref_unit(m: Metric, attr: str) -> str:
    """The unit of the figure a reference names: the metric's own for its value, base and increase (a percentage's
    increase is in 个百分点, as text says it), % for its growth and percent, 个百分点 for its points."""
    if attr in ("growth", "percent"):
        return "%"
    if attr == "points" or (attr == "increase" and m.unit == "%"):
        return "个百分点"
    return m.unit


def _withheld_ref(m: Metric, ref: str, where: str) -> str:
    part = ref_part(ref)
    how = (_("metric {id!r} has publish: false", id=m.id) if not m.publish
           else _("metric {id!r} has withhold: [{part}]", id=m.id, part=part))
    return _("{ref} is withheld on purpose ({how}), so {where} cannot show it; remove it here, or publish it", ref=ref,
             how=how, where=where)


def _declares(m: Metric, attr: str) -> bool:
    """Whether the metric declares the figure a reference asks for (a declared gap, rate: null, counts)."""
    if attr == "growth":
        return m.growth is not None
    field = "base_value" if attr == "base" else attr
    return m.comparison is not None and getattr(m.comparison, field) is not None


def rule_missing(ck: Checker) -> None:
    """Values the seed cut off are listed, so nobody forgets to fill them in; each keeps the build a draft."""
    for m in ck.metrics.values():
        if m.value is None and not m.withheld("value"):
            ck.add(m, "value", _("{label}: value missing ({note})", label=m.label, note=m.note), severity="warning",
                   gap=True, shows="missing")
        if m.growth is not None and m.growth.rate is None and not m.withheld("growth"):
            ck.add(m, "growth.rate", _("{label}: growth rate missing ({note})", label=m.label,
                                       note=m.growth.note or m.note or _("no note")),
                   severity="warning", gap=True, shows="missing")


def rule_unverified(ck: Checker) -> None:
    """A figure marked 待核对 (ingest marks every candidate so) keeps the build a draft until it is confirmed."""
    for m in ck.metrics.values():
        if m.status == "待核对" and not m.withheld("value"):
            ck.add(m, "status", _("{label}: not yet confirmed (待核对); check it against the source, then set "
                                  "status: 已核对", label=m.label), severity="warning", gap=True, shows="unverified")


def rule_withheld(ck: Checker) -> None:
    """What an editor withheld on purpose is listed (severity "withheld"): never shown, never a gap, never silent."""
    for path, what, why in walk.withheld(ck.conf):
        ck.findings.append(ck.source.finding(path, _("{what} ({why})", what=what, why=why), "withheld"))


# a period: 2024, 2024年, 2021—2024年, “十三五”末, 十四五时期
PERIOD = re.compile(r"^(\d{4}(年)?([—-]\d{4}年?)?|“?十[一二三四五六七八九]五”?(末|时期|期间)?)$")


def rule_combo_periods(ck: Checker) -> None:
    """A combo chart's line joins its categories as a trend, so they must be periods of one indicator."""
    for path, chart in walk.charts(ck.conf):
        if CHART_KINDS[chart.type].shape != "columns_and_line":
            continue
        other = [c for c in chart.categories if not PERIOD.match(c.strip())]
        if other:
            ck.findings.append(ck.source.finding(
                path + ("type",), _("a combo chart draws its line across periods (2020年, 2024年); “{category}” is "
                                    "not one, so the line would join unrelated indicators as a trend. Use type: bar for "
                                    "the figures, and a second bar chart for the rates", category=other[0])))


# Words of an editor's remark: they belong in note:, which the audience never sees
EDITORIAL_MARKS = ("待补充", "待核对", "待核实", "原文", "缺失", "截断", "TODO", "？？", "??")


def rule_editorial(ck: Checker) -> None:
    """No editorial remark in a text the audience reads; a remark keeps the build a draft until it moves to note:."""
    for path, text in walk.audience_texts(ck.conf):
        marks = [w for w in EDITORIAL_MARKS if w in text]
        if marks:
            ck.findings.append(ck.source.finding(
                path, _("editorial remark “{mark}” in text the audience reads; move the remark to note: (only editors "
                        "see notes)", mark=marks[0]), "warning", gap=True))


def rule_increase(ck: Checker) -> None:
    """base + stated increase = value."""
    for m in ck.metrics.values():
        c = m.comparison
        if m.value is None or c is None or c.base_value is None or c.increase is None:
            continue
        if not (_iv(c.base_value) + _iv(c.increase)).meets(_iv(m.value)):
            ck.add(m, "comparison.base_value",
                   _("base {base} + increase {increase} = {sum}, but value is {value}", base=_fmt(c.base_value),
                     increase=_fmt(c.increase), sum=_fmt(c.base_value + c.increase), value=_fmt(m.value)))


def rule_points_and_falls(ck: Checker) -> None:
    """A change in 个百分点 is a percentage's, and base + points = value, as base + increase does; no rate or percent
    says a fall of more than 100%, and no percent or 倍 is taken of a base of 0. Each printed unchecked: 35% -> 40% as
    提升9个百分点, 2458.8亿元 as 提升3个百分点, 年均下降150%, 0 -> 5 as 较2020年增长50%."""
    for m in ck.metrics.values():
        c = m.comparison
        if c is not None and c.base_value == 0:
            for field, given in (("comparison.percent", c.percent), ("comparison.times", c.times)):
                if given is not None:
                    ck.add(m, field, _("{label}: the base is 0, and a change in % or 倍 of nothing is no figure; write "
                                       "the change as increase", label=m.label))
        if c is not None and c.points is not None:
            if m.unit != "%":
                ck.add(m, "comparison.points", _("{label}: a change in 个百分点 (points) is said of a percentage, and "
                                                 "this figure is in “{unit}”; write the change as increase or percent",
                                                 label=m.label, unit=m.unit or _("no unit")))
            elif (m.value is not None and c.base_value is not None
                  and not (_iv(c.base_value) + _iv(c.points)).meets(_iv(m.value))):
                ck.add(m, "comparison.points", _("base {base}% + {points} points = {sum}%, but value is {value}%",
                                                 base=_fmt(c.base_value), points=_fmt(c.points),
                                                 sum=_fmt(c.base_value + c.points), value=_fmt(m.value)))
        for field, rate in (("growth.rate", m.growth.rate if m.growth else None),
                            ("comparison.percent", c.percent if c else None)):
            if rate is not None and rate < -100:
                ck.add(m, field, _("{label}: a fall of {rate}% leaves less than nothing; a figure falls by at most "
                                   "100%", label=m.label, rate=_fmt(-rate)))


def _years(m: Metric) -> int | None:
    g, c = m.growth, m.comparison
    end = (g.end or m.year) if g else None
    if g and g.start and end:
        return end - g.start + 1
    if c and c.base_year and m.year:
        return m.year - c.base_year
    return None


def rule_nominal_growth(ck: Checker) -> None:
    """A stated nominal (现价) average growth matches the two values; 可比价 rates are never checked so."""
    for m in ck.metrics.values():
        g, base = m.growth, base_interval(m)
        if g is None or g.rate is None or g.basis != "现价" or base is None or m.value is None:
            continue
        n = _years(m) if g.kind == "年均" else 1
        if not n or n < 1 or base.lo <= 0:
            continue
        if g.kind == "累计":
            n = 1
        v = _iv(m.value)
        implied = Interval(((v.lo / base.hi) ** (1 / n) - 1) * 100, ((v.hi / base.lo) ** (1 / n) - 1) * 100)
        if not implied.meets(_iv(g.rate)):
            stated = m.comparison.base_value if m.comparison else None  # a base interval means a stated base
            assert stated is not None
            mid = (((m.value / stated) ** (1 / n)) - 1) * 100
            ck.add(m, "growth.rate",
                   _("{kind}增长 {rate}% does not match the values: {base} -> {value} over {n} year(s) is {mid:.2f}% "
                     "(if the rate is at comparable prices, set basis: 可比价)", kind=g.kind, rate=_fmt(g.rate),
                     base=_fmt(stated), value=_fmt(m.value), n=n, mid=mid))


def rule_percent_and_times(ck: Checker) -> None:
    """较…增长X% and 是…的X倍 agree with the base figure when one is given."""
    for m in ck.metrics.values():
        c, base = m.comparison, base_interval(m)
        if c is None or base is None or m.value is None or base.lo <= 0:
            continue
        q = _iv(m.value) / base
        if c.percent is not None and not q.scale(100).meets(_iv(c.percent) + Interval(100, 100)):
            ck.add(m, "comparison.percent", _("增长 {percent}% does not match {base} -> {value}", percent=_fmt(c.percent),
                                              base=_fmt(c.base_value), value=_fmt(m.value)))
        if c.times is not None and not q.meets(_iv(c.times)):
            ck.add(m, "comparison.times", _("{times} 倍 does not match {base} -> {value}", times=_fmt(c.times),
                                            base=_fmt(c.base_value), value=_fmt(m.value)))


def _parts(ck: Checker, a: str, b: str) -> tuple[Metric, Metric] | None:
    if a in ck.metrics and b in ck.metrics:
        return ck.metrics[a], ck.metrics[b]
    return None


def rule_share_units(ck: Checker) -> None:
    """A share is written in % or ‰ (SHARE_UNITS), of two figures in one unit: a share in 亿元 or in 个百分点 printed
    a figure that is no share (and passed whenever the whole was missing), and 万元 of 亿元 is off by 10,000."""
    for m in ck.metrics.values():
        if not m.share_of:
            continue
        if m.unit not in SHARE_UNITS:
            if m.unit == "个百分点":
                ck.add(m, "unit", _("a share (share_of) is written in % or ‰, not in 个百分点, which says a change of a "
                                    "share: write unit: \"%\", and the change as comparison: {{points: …}}"))
            elif m.unit:
                ck.add(m, "unit", _("a share (share_of) is part / whole, written in % or ‰, not “{unit}”: write unit: "
                                    "\"%\" (or use ratio_of for a ratio)", unit=m.unit))
            else:
                ck.add(m, "unit", _("a share (share_of) is part / whole, written in % or ‰, but it has no unit: write "
                                    "unit: \"%\" (or use ratio_of for a ratio)"))
        pair = _parts(ck, m.share_of.part, m.share_of.whole)
        if pair is not None and pair[0].unit != pair[1].unit:
            top, bottom = pair
            ck.add(m, "share_of", _("a share divides two figures in one unit, but {part} is in {unit} and {whole} in "
                                    "{unit2}: state both in one unit", part=top.id, unit=_unit_said(top.unit),
                                    whole=bottom.id, unit2=_unit_said(bottom.unit)), top.id, bottom.id)


def _unit_said(unit: str) -> str:
    return f"“{unit}”" if unit else _("no unit")


def rule_share_and_ratio(ck: Checker) -> None:
    """A share (服务业占GDP 51%) or a ratio (城乡收入比 2.15) matches its parts, and so do their changes; a share or a
    ratio in % is part / whole × 100, in ‰ × 1,000."""
    for m in ck.metrics.values():
        if m.share_of:
            if m.unit not in SHARE_UNITS:  # said by rule_share_units
                continue
            pair, k, what = _parts(ck, m.share_of.part, m.share_of.whole), SHARE_UNITS[m.unit], _("share")
        elif m.ratio_of:
            pair, k, what = (_parts(ck, m.ratio_of.numerator, m.ratio_of.denominator), SHARE_UNITS.get(m.unit, 1.0),
                             _("ratio"))
        else:
            continue
        if pair is None or (m.share_of and pair[0].unit != pair[1].unit):
            continue
        top, bottom = pair
        if m.value is not None and top.value is not None and bottom.value:
            implied = (_iv(top.value) / _iv(bottom.value)).scale(k)
            if not implied.meets(_iv(m.value)):
                ck.add(m, "value", _("{what} {value} does not match {top} / {bottom} = {implied}", what=what,
                                     value=_fmt(m.value), top=top.id, bottom=bottom.id,
                                     implied=_fmt(top.value / bottom.value * k)), top.id, bottom.id)
        tb, bb, c = base_interval(top), base_interval(bottom), m.comparison
        if c is None or tb is None or bb is None or m.value is None:
            continue
        implied_base = (tb / bb).scale(k)
        change = c.points if c.points is not None else c.increase
        if change is not None and not (_iv(m.value) - implied_base).meets(_iv(change)):
            mid = (tb.lo + tb.hi) / (bb.lo + bb.hi) * k  # the bases as stated: the middle of their intervals
            ck.add(m, "comparison", _("change {change} does not match: base-year {what} from {top} and {bottom} is "
                                      "{mid:.2f}, so the change is {implied:.2f}", change=_fmt(change), what=what,
                                      top=top.id, bottom=bottom.id, mid=mid, implied=m.value - mid),
                   top.id, bottom.id)


def rule_structures(ck: Checker) -> None:
    """Shares of a structure sum to their total (100) within rounding."""
    for path, s in walk.structures(ck.conf):
        for k, mid in enumerate(s.parts):
            share = ck.metrics[mid].value if mid in ck.metrics else None
            if share is not None and share < 0:
                ck.findings.append(ck.source.finding(path + ("parts", k), _(
                    "{label}: part {id} is {share}; the parts of a whole cannot be negative", label=s.label, id=mid,
                    share=_fmt(share)), metrics=(mid,)))
        given = [ck.metrics[p].value for p in s.parts if p in ck.metrics]
        values = [v for v in given if v is not None]
        if len(values) != len(s.parts):
            continue
        total = Interval(0, 0)
        for v in values:
            total = total + _iv(v)
        if not total.meets(_iv(s.total)):
            ck.findings.append(ck.source.finding(
                path + ("parts",), _("{label}: parts sum to {sum}, not {total}", label=s.label, sum=_fmt(sum(values)),
                                     total=_fmt(s.total)),
                metrics=tuple(s.parts)))


def rule_same_figure(ck: Checker) -> None:
    """A figure stated twice agrees: explicit same_as, and any two metrics with one label, unit and year."""
    seen: dict[tuple, Metric] = {}
    for m in ck.metrics.values():
        other = ck.metrics.get(m.same_as) if m.same_as else None
        if other is not None and (other.value != m.value or other.unit != m.unit):
            ck.add(m, "value", _("states {label} as {value}{unit}, but {other} says {other_value}{other_unit}", label=m.label,
                                 value=_fmt(m.value) if m.value is not None else _("missing"), unit=m.unit, other=other.id,
                                 other_value=_fmt(other.value) if other.value is not None else _("missing"),
                                 other_unit=other.unit), other.id)
        apart = [(when, mine, theirs) for when, mine, theirs in (("year", m.year, other.year if other else None),
                 ("start", m.start, other.start if other else None), ("period", m.period, other.period if other else None))
                 if mine is not None and theirs is not None and mine != theirs]
        if apart:  # one figure printed under two years: 2023年 here, 2024年 there
            when, mine, theirs = apart[0]
            ck.add(m, when, _("states the figure of {other}, which is of {theirs}, as of {mine}; a figure stated twice "
                              "is of one time", other=m.same_as, theirs=theirs, mine=mine), m.same_as or "")
        key = (m.label, m.unit, m.year, m.start, m.period)
        if key in seen and seen[key].value != m.value and m.value is not None and seen[key].value is not None:
            first = seen[key]
            ck.add(m, "value", _("{label} ({year}) is {value}{unit} here but {other_value}{other_unit} in {other} (line "
                                 "{line})", label=m.label, year=m.year, value=_fmt(m.value), unit=m.unit,
                                 other_value=_fmt(first.value), other_unit=first.unit, other=first.id,
                                 line=ck.source.where(ck.paths[first.id])[0]), first.id)
        seen.setdefault(key, m)


_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub,
            ast.Constant, ast.Name, ast.Attribute, ast.Load)


_ATTRS = ("base", "increase", "growth", "points", "percent")


def evaluate(formula: str, metrics: dict[str, Metric], own: str = "") -> float | None:
    """Evaluate a derived-value formula: + - * / over numbers and metric references ('gdp - gdp.increase'); a
    reference to `own` (the metric the formula belongs to) or to a figure its metric does not state is refused.

    Its length and nesting are bounded before Python's parser (which recurses on each sign and bracket) reads it."""
    if len(formula) > limits.FORMULA_CHARS:
        raise ValueError(_("a formula of {n:,} characters; at most {most}", n=len(formula), most=limits.FORMULA_CHARS))
    if _nesting(formula) > limits.FORMULA_DEPTH:
        raise ValueError(_("brackets and signs nested deeper than {depth} levels", depth=limits.FORMULA_DEPTH))
    tree = ast.parse(formula, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ValueError(_("only + - * / numbers and metric ids are allowed, found {found}", found=type(node).__name__))

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float)):
                raise ValueError(_("only numbers may be written in a formula"))
            return float(node.value)
        if isinstance(node, (ast.Name, ast.Attribute)):
            ref = node.id if isinstance(node, ast.Name) else f"{node.value.id}.{node.attr}" if isinstance(node.value, ast.Name) else None
            if ref is None:
                raise ValueError(_("write references as id or id.field"))
            mid, _dot, attr = ref.partition(".")
            if mid not in metrics:
                raise ValueError(_("unknown metric {id!r}", id=mid))
            if mid == own:  # a figure computed from itself agrees with itself: nothing was checked
                raise ValueError(_("it names the metric itself ({ref}); a formula works from other figures", ref=ref))
            if attr not in ("", "value", *_ATTRS):  # gdp.foo read None for a metric with no comparison
                raise ValueError(_("a metric has no figure {attr!r}; write id or id.{fields}", attr=attr,
                                   fields="|".join(_ATTRS)))
            if attr and attr != "value" and not _declares(metrics[mid], attr):
                # it read None and passed unchecked, as a gap would
                raise ValueError(_("metric {id!r} states no {attr} figure", id=mid, attr=attr))
            return ref_value(metrics, ref)
        if isinstance(node, ast.UnaryOp):
            x = ev(node.operand)
            return None if x is None else -x
        a, b = ev(node.left), ev(node.right)
        if a is None or b is None:
            return None
        if isinstance(node.op, ast.Div) and b == 0:
            raise ValueError(_("division by zero"))
        return {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b}.get(type(node.op)) if not isinstance(node.op, ast.Div) else a / b

    return ev(tree)


def _nesting(formula: str) -> int:
    """The deepest run of open brackets and signs in a row: what the parser recurses on."""
    deepest = depth = signs = 0
    for ch in formula:
        if ch.isspace():
            continue
        depth += (ch == "(") - (ch == ")")
        signs = signs + 1 if ch in "+-" else 0
        deepest = max(deepest, depth + signs)
    return deepest


def rule_derived(ck: Checker) -> None:
    """A derived value equals its formula over stated figures, rounded to the decimals it is written with; so does a
    stated figure that names a formula it must agree with (agrees_with: checked the same way, shown unmarked)."""
    for m in ck.metrics.values():
        for field, formula in (("derived", m.derived), ("agrees_with", m.agrees_with)):
            if formula:
                _check_formula(ck, m, field, formula)
    _derived_cycles(ck)


def _derived_cycles(ck: Checker) -> None:
    """Figures derived from one another in a ring (a from b, b from a) are each checked against the other, and none
    against a stated figure: each is marked computed, and nothing it is computed from is stated."""
    needs: dict[str, set[str]] = {}
    for m in ck.metrics.values():
        if m.derived and len(m.derived) <= limits.FORMULA_CHARS and _nesting(m.derived) <= limits.FORMULA_DEPTH:
            try:
                tree = ast.parse(m.derived, mode="eval")
            except SyntaxError:  # said by _check_formula
                continue
            needs[m.id] = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in ck.metrics} - {m.id}
    state: dict[str, int] = {}  # 1: on the path being walked, 2: walked
    for first in needs:
        if first in state:
            continue
        path, stack = [first], [iter(sorted(needs[first]))]  # walked without recursion: a chain may be long
        state[first] = 1
        while stack:
            other = next((o for o in stack[-1] if o in needs and state.get(o) != 2), None)
            if other is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(other) == 1:  # a ring: said once, at the metric where it closes
                ring = path[path.index(other):]
                ck.add(ck.metrics[other], "derived", _(
                    "derived in a ring ({ring}): each figure is computed from another of the ring, and none from a "
                    "stated figure; state one of them (drop its derived:)", ring=" -> ".join([*ring, other])), *ring)
            else:
                state[other] = 1
                path.append(other)
                stack.append(iter(sorted(needs[other])))


def _check_formula(ck: Checker, m, field: str, formula: str) -> None:
    try:
        result = evaluate(formula, ck.metrics, m.id)
    except (SyntaxError, ValueError, KeyError, ArithmeticError, RecursionError, MemoryError) as exc:
        shown = formula if len(formula) <= 60 else formula[:57] + "…"
        ck.add(m, field, _("cannot evaluate formula {formula!r}: {problem}", formula=shown,
                           problem=getattr(exc, 'msg', None) or exc))
        return
    if result is None or m.value is None or _iv(m.value).meets(Interval(result, result)):
        return
    if field == "derived":
        ck.add(m, "value", _("derived value {value} does not match {formula} = {result}", value=_fmt(m.value),
                             formula=formula, result=_fmt(result)))
    else:
        ck.add(m, "value", _("stated value {value} does not agree with {formula} = {result}", value=_fmt(m.value),
                             formula=formula, result=_fmt(result)))




PLACEHOLDER = "待补充"


def placeholders(loaded: LoadedConference) -> list[Finding]:
    """What --final refuses besides the gaps: a title, date or source still a placeholder (标题待补充, 日期待补充, a
    待补充 source, as `new` writes them) and a theme with nothing to show (no figure, highlight, chart or text)."""
    conf, source = loaded.model, loaded.source
    found = []
    if PLACEHOLDER in conf.title:
        found.append(source.finding(("title",), _("the title is still a placeholder: “{text}”", text=conf.title)))
    if conf.date is None:
        found.append(source.finding(("date",), _("the date is not set: the outputs would read 日期待补充")))
    if conf.source is not None and PLACEHOLDER in conf.source:
        found.append(source.finding(("source",), _("the source is still a placeholder: “{text}”", text=conf.source)))
    for pi, part in enumerate(conf.parts):
        if PLACEHOLDER in part.title:
            found.append(source.finding(("parts", pi, "title"), _("the title is still a placeholder: “{text}”",
                                                                    text=part.title)))
    for path, _part, theme in walk.themes(conf):
        if PLACEHOLDER in theme.title:
            found.append(source.finding(path + ("title",), _("the title is still a placeholder: “{text}”",
                                                               text=theme.title)))
        shown = ([m for m in theme.metrics if m.publish and m.value is not None] or theme.charts or theme.narrative
                 or theme.lead or [h for h in theme.highlights if not hasattr(h, "publish") or h.publish])
        if not shown:
            found.append(source.finding(path, _("theme “{title}” has nothing to show: no figure, highlight, chart or "
                                                "text; fill it in or remove it", title=theme.title)))
    return found


def check_project(project: Project) -> list[Finding]:
    """All findings over all conferences, loader warnings included, sorted by file and line."""
    findings = list(project.warnings)
    for loaded in project.conferences:
        findings.extend(Checker(loaded).run())
    return sorted(findings)


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


# ---------------------------------------------------------------- figures typed into audience text

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|‘[^’]*’|\"[^\"]*\"")
_EXEMPT = re.compile(r"\d{4}(?:年|[—-]\d{4}年?)|\d+[A-Z]+级|第\d+|\d{4}(?=[—-])")  # years, spans, 5A级, ordinals
_TYPED = re.compile(r"\d+(?:\.\d+)?")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_APPROX = re.compile(r"(近|约|逾|超过|超|突破|接近)([一二两三四五六七八九]?[十百千])(亿元|万元|亿|万吨|万人|万户|元|户|家|项|个)")


def _cn_amount(text: str) -> float:
    """两千 -> 2000, 千 -> 1000, 三百 -> 300."""
    return float(_CN_DIGITS.get(text[0], 1) * _CN_UNITS[text[-1]])


# a metric's part a text names ({{ gdp.rank }}, {% if gdp.growth %}); .num is its figure without the unit
_NAMED_PART = re.compile(r"\b([A-Za-z_]\w*)\.(base|increase|compare|growth_text|growth|rank|num)\b")
# {{ x.num }} alone, or with its sign dropped where the text says the fall in words (下降{{ x.num|trim("-") }}%, as
# ingest writes a negative figure the source calls a decline)
_NUM_ALONE = re.compile(r"""\{\{-?\s*[A-Za-z_]\w*\.num(?:\s*\|\s*trim\((["'])-\1\))?\s*-?\}\}""")
# a metric put through a filter that makes a number of it: {{ gdp|int }} printed 0 (int() of a figure with its unit
# fails, and jinja's filter falls back to 0), {{ gdp|float }} 0.0
_AS_NUMBER = re.compile(r"\b([A-Za-z_]\w*)(?:\.\w+)?\s*(?:\|\s*\w+\s*)*\|\s*(int|float|round|abs|sum|min|max|filesizeformat)\b")


def _states(m: Metric, part: str) -> bool:
    """Whether a metric states the part a text names (a declared gap, rate: null, counts: check lists it)."""
    c = m.comparison
    return {"base": c is not None and c.base_value is not None, "increase": c is not None and c.increase is not None,
            "compare": c is not None, "growth": m.growth is not None, "growth_text": m.growth is not None,
            "rank": m.rank is not None}.get(part, True)


APPROXIMATELY = "余多来"  # 120余场, 1.2万余家: a word of approximation before or inside a unit
# the next figure of a list that shares one unit, said after its last figure (分别减少{{ a.num }}、{{ b.num }}万吨)
_LIST_NEXT = re.compile(r"[、和与及]\{\{-?\s*([A-Za-z_]\w*)\.num\b")


def _unit_follows(text: str, at: int, unit: str) -> bool:
    """The metric's own unit right after the number, or with one word of approximation before or inside it (120余场,
    1.2万余家: ingest writes {{ x.num }}余场 and {{ x.num }}万余家 where the text says so), or a money unit without
    its 元."""
    ahead = text[at:at + len(unit) + 1]
    if ahead.startswith(unit) or re.sub(f"[{APPROXIMATELY}]", "", ahead, count=1).startswith(unit):
        return True
    # a money unit said without its 元 (1.28万亿、1.18万亿, of figures in 万亿元): the magnitude is the figure's own
    return len(unit) > 1 and unit.endswith("元") and ahead.startswith(unit[:-1])


def _unit_after(ck: Checker, text: str, at: int, unit: str) -> bool:
    """Its unit follows it, or it is one of a list of figures of that unit whose last one the unit follows."""
    if _unit_follows(text, at, unit):
        return True
    listed = _LIST_NEXT.match(text, at)
    nxt = ck.metrics.get(listed.group(1)) if listed else None
    return nxt is not None and nxt.unit == unit  # that one's own reference is checked in its turn


def rule_text_references(ck: Checker) -> None:
    """A text names only what its metric states: {{ gdp.rank }} of a metric without a rank printed 待补充 even in a
    --final build, a gap check never listed. {{ gdp.num }}, the figure without its unit, stands alone and is followed
    by the metric's own unit: {{ gdp.num }}万元 printed 2458.8万元 of a figure in 亿元, and arithmetic on it
    ((gdp.num|float) * 10000) a figure nothing checks. No filter makes a number of a figure ({{ gdp|int }} printed 0)."""
    for path, _theme, text in walk.text_fields(ck.conf):
        for block in _TEMPLATE.finditer(text):
            for made in _AS_NUMBER.finditer(block.group()):
                if made.group(1) in ck.metrics:
                    ck.findings.append(ck.source.finding(path, _(
                        "{text}: the filter {name} makes a number of the figure {id} that nothing checks ({id}|int "
                        "printed 0); write {{{{ {id} }}}}", text=made.group(0), name=made.group(2), id=made.group(1)),
                        metrics=(made.group(1),)))
            for named in _NAMED_PART.finditer(block.group()):
                mid, part = named.groups()
                m = ck.metrics.get(mid)
                if m is None:
                    continue
                ref = f"{{{{ {mid}.{part} }}}}"
                if not _states(m, part):
                    ck.findings.append(ck.source.finding(path, _(
                        "{ref}: metric {id} states no {part}, so every output would print 待补充 there; state it in "
                        "the metric, or leave the reference out", ref=ref, id=mid, part=part), metrics=(mid,)))
                elif part == "num" and (not _NUM_ALONE.fullmatch(block.group())
                                        or (m.unit and not _unit_after(ck, text, block.end(), m.unit))):
                    ck.findings.append(ck.source.finding(path, _(
                        "{ref} is the figure without its unit, so it must stand alone and be followed by “{unit}”; "
                        "write {{{{ {id} }}}} for the figure with its unit", ref=ref, unit=m.unit, id=mid),
                        metrics=(mid,)))


def rule_typed_figures(ck: Checker) -> None:
    """A figure typed into a lead, highlight or narrative escapes every arithmetic rule: it should be a metric named
    by id. A Chinese approximation (近千亿元) that no figure of its theme bears out is flagged for the editor."""
    for path, theme, text in walk.text_fields(ck.conf):
        plain = _EXEMPT.sub("", _QUOTED.sub("", _TEMPLATE.sub("", text)))
        typed = _TYPED.search(plain)
        if typed:
            ck.findings.append(ck.source.finding(
                path, _("the figure {figure} is typed into the text; make it a metric and write {{{{ its_id }}}}, so "
                        "check can verify it and it reads the same everywhere", figure=typed.group(0)), "warning"))
        for m in _APPROX.finditer(_TEMPLATE.sub("", text)):
            word, amount, unit = m.group(1), _cn_amount(m.group(2)), m.group(3)
            low, high = {"近": (0.9, 1.0), "接近": (0.9, 1.0), "约": (0.9, 1.1)}.get(word, (1.0, 1.5))
            # the theme's own figures, and those its metrics say they restate (same_as)
            own = [*theme.metrics, *(ck.metrics[x.same_as] for x in theme.metrics if x.same_as in ck.metrics)]
            figures = [(x.id, what, v) for x in own if x.unit == unit
                       for what, v in (("value", x.value), ("increase", x.comparison.increase if x.comparison else None))
                       if v is not None]
            if any(amount * low <= v <= amount * high for _what, _x, v in figures):
                continue
            near = [f for f in figures if amount / 2 <= f[2] <= amount * 2]
            if near:
                mid, what, v = near[0]
                ck.findings.append(ck.source.finding(
                    path, _("“{words}” is not borne out by the figures: {id} states {what} {value}{unit}; decide which "
                            "stands, and write the figure as {{{{ {ref} }}}}", words=m.group(0), id=mid, what=what,
                            value=_fmt(v), unit=unit, ref=mid if what == "value" else f"{mid}.{what}"),
                    "warning", metrics=(mid,)))


LONG_HIGHLIGHT = 300  # characters: a highlight is a sentence or two on a slide


def rule_long_highlights(ck: Checker) -> None:
    """A highlight is read off a slide; a page of text there is a slide nobody reads (and dozens of slides)."""
    for path, _h, text in walk.highlights(ck.conf):
        if len(text) > LONG_HIGHLIGHT:
            ck.findings.append(ck.source.finding(
                path, _("highlight of {n:,} characters; a highlight is a sentence or two (at most {most}) read off a "
                        "slide: put the rest in the narrative", n=len(text), most=LONG_HIGHLIGHT),
                "warning"))


def _step(values: list[float]) -> float:
    """The unit of the finest decimal the figures were written with (1 for 30, 0.1 for 33.3)."""
    decimals = [len(f"{v:.6f}".rstrip("0").split(".")[1]) for v in values]
    return 10.0 ** -max(decimals, default=0)


def rule_plausible_shares(ck: Checker) -> None:
    """Shares of one whole that sum to other than their total, though within what rounding allows (30 + 40 + 31 =
    101): not an error, but worth a look. Shares stated of one whole (share_of) that add up past it are too."""
    for path, s in walk.structures(ck.conf):
        values = [v for p in s.parts if p in ck.metrics and (v := ck.metrics[p].value) is not None]
        if len(values) != len(s.parts):
            continue
        total = sum(values)
        if abs(total - s.total) > _step([*values, s.total]) / 2 and _iv_sum(values).meets(_iv(s.total)):
            ck.findings.append(ck.source.finding(path + ("parts",), _(
                "{label}: the parts sum to {sum}, not {total} ({parts}); rounding may explain it, but check the figures",
                label=s.label, sum=_fmt(total), total=_fmt(s.total),
                parts=" + ".join(_fmt(v) for v in values)), "warning", metrics=tuple(s.parts)))
    wholes: dict[tuple[str, str], list[Metric]] = {}
    for m in ck.metrics.values():
        if m.share_of and m.unit in SHARE_UNITS and m.value is not None:
            wholes.setdefault((m.share_of.whole, m.unit), []).append(m)
    for (whole, unit), parts in wholes.items():
        total, full = sum(m.value for m in parts if m.value is not None), SHARE_UNITS[unit]
        if len(parts) > 1 and total > full + _step([m.value for m in parts if m.value is not None]) * len(parts) / 2:
            ck.add(parts[-1], "value", _("shares of {whole} sum to {sum}{unit} ({parts}), more than the whole",
                                         whole=whole, sum=_fmt(total), unit=unit,
                                         parts=" + ".join(f"{m.id} {_fmt(m.value)}{unit}" for m in parts)),
                   *(m.id for m in parts[:-1]), severity="warning")


def _iv_sum(values: list) -> Interval:
    total = Interval(0, 0)
    for v in values:
        total = total + _iv(v)
    return total


def rule_plausible_years(ck: Checker) -> None:
    """A figure compared with a base (较2020年增长…) shown without its own year, so the comparison has no end; a
    comparison whose base year follows the figure's own year (an error) or is that year (a warning); and a growth whose
    period runs past the figure's year."""
    for m in ck.metrics.values():
        compared = m.comparison is not None and (m.comparison.base_year is not None or m.comparison.base_value is not None)
        if (compared and m.publish and m.value is not None and m.year is None and m.start is None
                and not m.withheld("value")):
            ck.add(m, "value", _("{label} is shown as {value}{unit} without a year: add year: so the audience knows "
                                 "when", label=m.label, value=_fmt(m.value), unit=m.unit), severity="warning")
        c, g = m.comparison, m.growth
        if c is not None and c.base_year is not None and m.year is not None and c.base_year > m.year:
            # 2024年…较2030年增加: a base still to come is no base; printed in every output
            ck.add(m, "comparison.base_year", _("{label}: the comparison's base year {base_year} is after the figure's "
                                                "year {year}; a figure is compared with a year before it",
                                                label=m.label, base_year=c.base_year, year=m.year))
        elif c is not None and c.base_year is not None and m.year is not None and c.base_year == m.year:
            ck.add(m, "comparison.base_year", _("{label}: the comparison's base year {base_year} is not before the "
                                                "figure's year {year}", label=m.label, base_year=c.base_year,
                                                year=m.year), severity="warning")
        late = [(part, when) for part, when in (("start", g.start if g else None), ("end", g.end if g else None))
                if when is not None and m.year is not None and when > m.year]
        if late:  # 2021—2030年年均增长 of a 2024 figure: years still to come
            ck.add(m, f"growth.{late[0][0]}", _("{label}: the growth's period runs to {when}, after the figure's year "
                                                "{year}; a figure's growth ends by its own year", label=m.label,
                                                when=late[0][1], year=m.year))

RULES: list[Callable[[Checker], None]] = [
    rule_references, rule_missing, rule_increase, rule_points_and_falls, rule_nominal_growth, rule_percent_and_times,
    rule_share_units, rule_share_and_ratio, rule_structures, rule_same_figure, rule_derived, rule_unverified, rule_withheld, rule_editorial,
    rule_combo_periods, rule_text_references, rule_typed_figures, rule_long_highlights, rule_plausible_shares, rule_plausible_years,
]
