"""A small chart for the long image, as SVG shapes from the same ChartData the deck and the briefing draw: columns,
bars, lines, a column-and-line combo, pies and doughnuts, in the theme's series colours, each point labelled with
its value as the source writes it (a computed one hatched and marked ※, as in the documents). No axis, no grid:
the labels carry the figures, as a designer's infographic does.

The shapes are plain records (tag, attributes, text); the template writes them with jinja2's escaping."""
from __future__ import annotations

import math
from dataclasses import dataclass

from ...present.charts import ChartData, SeriesData
from ...present.labels import DERIVED_MARK
from ...theme import HouseStyle
from ...vocabulary import chart_kind
from ..fit import Measurer

WIDTH = 920
HEIGHT = 340
ROUND_HEIGHT = 300
LABEL = 22  # px: value labels
SMALL = 20  # px: categories and legend


@dataclass(frozen=True)
class Shape:
    tag: str  # rect, path, circle, polyline, line, text
    attrs: tuple[tuple[str, str], ...]
    text: str = ""


@dataclass(frozen=True)
class Svg:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    patterns: tuple[tuple[str, str], ...]  # (id, colour) of the hatching a computed value is drawn with


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def shape(tag: str, text: str = "", **attrs: float | str) -> Shape:
    return Shape(tag, tuple((k.rstrip("_").replace("_", "-"), _f(v) if isinstance(v, float | int) else v)
                            for k, v in attrs.items()), text)


class Canvas:
    def __init__(self, data: ChartData, theme: HouseStyle, measure: Measurer):
        self.data, self.colours, self.measure = data, theme.colours, measure
        self.shapes: list[Shape] = []
        self.patterns: dict[str, str] = {}

    def width(self, text: str, size: int = SMALL) -> float:
        return self.measure.width(text, size)

    def colour(self, k: int) -> str:
        return "#" + self.colours.series[k % len(self.colours.series)]

    def fill(self, k: int, derived: bool) -> str:
        if not derived:
            return self.colour(k)
        pid = f"hatch-{self.data.id}-{k}"
        self.patterns[pid] = self.colour(k)
        return f"url(#{pid})"

    def label(self, s: SeriesData, i: int) -> str:
        text = ChartData.label(s.values[i], s.unit)
        return text + (DERIVED_MARK if text and s.is_derived(i) else "")

    def text(self, x: float, y: float, text: str, size: int = LABEL, anchor: str = "middle", colour: str = "",
             weight: str = "normal") -> None:
        self.shapes.append(shape("text", text, x=x, y=y, font_size=size, text_anchor=anchor, font_weight=weight,
                                 fill=colour or "#" + self.colours.text))

    def legend(self, series: tuple[SeriesData, ...], y: float) -> None:
        """One row of swatches and names, centred, when a chart has more than one series."""
        if len(series) < 2:
            return
        widths = [40 + self.width(s.name) for s in series]
        x = (WIDTH - sum(widths) - 40 * (len(series) - 1)) / 2
        for k, (s, w) in enumerate(zip(series, widths)):
            self.shapes.append(shape("rect", x=x, y=y - 16, width=22, height=18, rx=3, fill=self.colour(k)))
            self.text(x + 30, y, s.name, SMALL, "start")
            x += w + 40


def _columns(c: Canvas, top: float, bottom: float, left: float, right: float) -> None:
    data = c.data
    primary = data.primary
    stacked = chart_kind(data.kind).stacked
    n = len(data.categories)
    values = [v for s in primary for v in s.values if v is not None]
    if stacked:
        values += [sum(v for v in col if v is not None and v > 0) for col in zip(*(s.values for s in primary))]
    high, low = max([0.0, *values]), min([0.0, *values])
    scale = (bottom - top - LABEL * 1.5) / ((high - low) or 1.0)
    base = bottom - (0 - low) * scale
    group = (right - left) / n
    width = group * (0.5 if stacked else min(0.7 / len(primary), 0.3))
    for i in range(n):
        x0 = left + group * i + (group - width * (1 if stacked else len(primary))) / 2
        level = 0.0
        for k, s in enumerate(primary):
            v = s.values[i]
            if v is None:
                continue
            x = x0 if stacked else x0 + width * k
            y0 = base - (level + v) * scale if v >= 0 else base - level * scale
            c.shapes.append(shape("rect", x=x, y=min(y0, base - level * scale), width=width,
                                  height=max(abs(v) * scale, 1.0), fill=c.fill(k, s.is_derived(i))))
            if stacked:
                if abs(v) * scale > LABEL * 1.2:
                    c.text(x + width / 2, y0 + abs(v) * scale / 2 + LABEL / 3, c.label(s, i), SMALL, colour="#FFFFFF")
                level += v
            else:
                c.text(x + width / 2, (y0 - 8) if v >= 0 else (base + abs(v) * scale + LABEL), c.label(s, i))
        c.text(left + group * (i + 0.5), bottom + SMALL * 1.5, data.categories[i], SMALL)
    c.shapes.append(shape("line", x1=left, x2=right, y1=base, y2=base, stroke="#" + c.colours.axis, stroke_width=2))


def _line(c: Canvas, series: tuple[SeriesData, ...], top: float, bottom: float, left: float, right: float,
          first: int = 0) -> None:
    """Each series as a line with round markers and labels above its points, on a scale of its own values."""
    n = len(c.data.categories)
    values = [v for s in series for v in s.values if v is not None]
    if not values:
        return
    high, low = max(values), min(values)
    span = (high - low) or abs(high) or 1.0
    step = (right - left) / n
    for k, s in enumerate(series, first):
        points = [(left + step * (i + 0.5), bottom - (v - low) / span * (bottom - top)) for i, v in enumerate(s.values)
                  if v is not None]
        c.shapes.append(shape("polyline", points=" ".join(f"{_f(x)},{_f(y)}" for x, y in points), fill="none",
                              stroke=c.colour(k), stroke_width=4, stroke_linejoin="round"))
        kept = [i for i, v in enumerate(s.values) if v is not None]
        for (x, y), i in zip(points, kept):
            c.shapes.append(shape("circle", cx=x, cy=y, r=7, fill="#FFFFFF", stroke=c.colour(k), stroke_width=4))
            c.text(x, y - 16, c.label(s, i), colour=c.colour(k) if len(series) > 1 or first else "", weight="bold")


def _categories(c: Canvas) -> Svg:
    data = c.data
    top = 56 if len(data.series) > 1 else 24
    c.legend(data.series, 28)
    bottom, left, right = HEIGHT - 44, 16, WIDTH - 16
    if chart_kind(data.kind).shape == "columns_and_line":
        _columns(c, top + LABEL * 2, bottom, left, right)
        _line(c, data.secondary, top + LABEL, top + (bottom - top) * 0.35, left, right, len(data.primary))
    elif data.kind == "line":
        _line(c, data.series, top + LABEL, bottom - SMALL * 1.5, left, right)
        for i, name in enumerate(data.categories):
            c.text(left + (right - left) / len(data.categories) * (i + 0.5), bottom + SMALL * 1.5, name, SMALL)
        c.shapes.append(shape("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#" + c.colours.axis,
                              stroke_width=2))
    else:
        _columns(c, top, bottom, left, right)
    return Svg(WIDTH, HEIGHT, tuple(c.shapes), tuple(sorted(c.patterns.items())))


def _bars(c: Canvas) -> Svg:
    """Horizontal bars: the category on the left, its bars, the value at each bar's end."""
    data = c.data
    primary = data.primary
    stacked = chart_kind(data.kind).stacked
    n = len(data.categories)
    top = 56 if len(primary) > 1 else 12
    c.legend(primary, 28)
    row = min(64.0, (HEIGHT - top - 8) / n)
    label_w = min(300.0, max(c.width(name) for name in data.categories) + 24)
    left, right = label_w, WIDTH - 110
    values = [v for s in primary for v in s.values if v is not None]
    if stacked:
        values = [sum(v for v in col if v is not None) for col in zip(*(s.values for s in primary))]
    scale = (right - left) / (max([0.0, *values]) or 1.0)
    bar = row * (0.6 if stacked else 0.7 / len(primary))
    for i, name in enumerate(data.categories):
        y0 = top + row * i + (row - bar * (1 if stacked else len(primary))) / 2
        c.text(left - 16, top + row * (i + 0.5) + SMALL / 3, name, SMALL, "end")
        level = 0.0
        for k, s in enumerate(primary):
            v = s.values[i]
            if v is None:
                continue
            y = y0 if stacked else y0 + bar * k
            w = max(v, 0.0) * scale
            c.shapes.append(shape("rect", x=left + level * scale, y=y, width=max(w, 1.0), height=bar, rx=3,
                                  fill=c.fill(k, s.is_derived(i))))
            if not stacked:
                c.text(left + w + 10, y + bar / 2 + LABEL / 3, c.label(s, i), anchor="start", weight="bold")
            elif w > LABEL * 2.5:
                c.text(left + (level + v / 2) * scale, y + bar / 2 + SMALL / 3, c.label(s, i), SMALL, colour="#FFFFFF")
            level += max(v, 0.0)
    return Svg(WIDTH, int(top + row * n + 8), tuple(c.shapes), tuple(sorted(c.patterns.items())))


def _round(c: Canvas) -> Svg:
    """A pie or doughnut on the left, its legend with each share on the right."""
    data = c.data
    s = data.series[0]
    values = [max(v or 0.0, 0.0) for v in s.values]
    total = sum(values) or 1.0
    cx, cy, r = 170.0, ROUND_HEIGHT / 2, ROUND_HEIGHT / 2 - 16
    hole = float(chart_kind(data.kind).options.get("hole", 0.0))
    angle = -math.pi / 2
    for k, v in enumerate(values):
        if not v:
            continue
        sweep = v / total * 2 * math.pi
        c.shapes.append(shape("path", d=_sector(cx, cy, r, r * hole, angle, angle + sweep),
                              fill=c.fill(k, s.is_derived(k)), stroke="#FFFFFF", stroke_width=3))
        angle += sweep
    rows = len(data.categories)
    step = min(64.0, (ROUND_HEIGHT - 40) / max(rows, 1))
    y = cy - step * (rows - 1) / 2
    for k, name in enumerate(data.categories):
        c.shapes.append(shape("rect", x=380, y=y - 20, width=28, height=28, rx=4, fill=c.fill(k, s.is_derived(k))))
        c.text(424, y, name, LABEL, "start")
        c.text(WIDTH - 24, y, c.label(s, k), LABEL + 8, "end", weight="bold")
        y += step
    return Svg(WIDTH, ROUND_HEIGHT, tuple(c.shapes), tuple(sorted(c.patterns.items())))


def _sector(cx: float, cy: float, r: float, inner: float, a0: float, a1: float) -> str:
    """An SVG path of the ring (or wedge, inner 0) between two angles; a full turn is drawn as two halves."""
    if a1 - a0 >= 2 * math.pi - 1e-9:
        mid = a0 + math.pi
        return _sector(cx, cy, r, inner, a0, mid) + " " + _sector(cx, cy, r, inner, mid, a1)
    large = 1 if a1 - a0 > math.pi else 0

    def at(radius: float, a: float) -> str:
        return f"{_f(cx + radius * math.cos(a))} {_f(cy + radius * math.sin(a))}"

    outer = f"M {at(r, a0)} A {_f(r)} {_f(r)} 0 {large} 1 {at(r, a1)}"
    if inner <= 0:
        return f"{outer} L {_f(cx)} {_f(cy)} Z"
    return f"{outer} L {at(inner, a1)} A {_f(inner)} {_f(inner)} 0 {large} 0 {at(inner, a0)} Z"


def chart_svg(data: ChartData, theme: HouseStyle, measure: Measurer) -> Svg:
    """The chart's shapes, sized for a panel of the long image (WIDTH px wide)."""
    canvas = Canvas(data, theme, measure)
    kind = chart_kind(data.kind)
    if kind.round:
        return _round(canvas)
    if kind.horizontal:
        return _bars(canvas)
    return _categories(canvas)
