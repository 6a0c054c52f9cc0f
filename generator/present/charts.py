"""Chart spec -> resolved chart data: one plain object that the deck (native chart) and the briefing (matplotlib) both draw."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..content.model import Chart, Conference, ref_derived, ref_value
from ..content.numerals import Written
from ..vocabulary import chart_kind
from .wording import MISSING, num

DERIVED_NOTE = "斜线填充、标※的为推算值。"  # said in the note of every chart that plots a computed figure
AXIS_STEPS = (1, 1.2, 1.4, 1.5, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10)


@dataclass(frozen=True)
class SeriesData:
    name: str
    values: tuple[float | None, ...]
    unit: str
    secondary: bool = False
    derived: tuple[bool, ...] = ()  # per value: computed, not stated (drawn hatched)

    def is_derived(self, i: int) -> bool:
        return bool(self.derived) and self.derived[i]


@dataclass(frozen=True)
class ChartData:
    """Everything needed to draw a chart, with no reference to any output format."""

    id: str
    kind: str
    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[SeriesData, ...]
    source: str
    note: str = ""
    missing: tuple[str, ...] = field(default=())
    message: str = ""  # the editor's finding (content's message:), the title of the chart's slide
    refs: tuple[tuple[str, ...], ...] = ()  # per category, the metric ids it plots (shown as cards instead, at need)

    @property
    def primary(self) -> tuple[SeriesData, ...]:
        return tuple(s for s in self.series if not s.secondary)

    @property
    def secondary(self) -> tuple[SeriesData, ...]:
        return tuple(s for s in self.series if s.secondary)

    @staticmethod
    def label(value: float | None, unit: str) -> str:
        """A data label as the source writes the figure: 60%, 45, 2458.8 (never 60.0%)."""
        return "" if value is None else num(value) + ("%" if unit == "%" else "")

    def axis_max(self) -> float | None:
        """Where the value axis ends: a round number just above the data, with room for the labels over the bars; a
        percentage axis stays at or below 100 unless the data passes it. None when a value is negative."""
        primary = self.primary
        values = [v for s in primary for v in s.values if v is not None]
        if not values or min(values) < 0:
            return None
        if chart_kind(self.kind).stacked:
            values = [sum(v for v in column if v is not None) for column in zip(*(s.values for s in primary))]
        top = nice_ceiling(max(values) * 1.1)
        return min(top, 100.0) if primary[0].unit == "%" and max(values) <= 100 else top

    def points(self, s: SeriesData, stated: bool = False) -> str:
        """A series' figures as a sentence says them (第一产业25.4%，第二产业25.7%…), a computed one marked （推算）, or
        left out when `stated` (what a presenter says aloud)."""
        return "，".join(f"{c}{num(v)}{s.unit if v is not None else ''}{'（推算）' if s.is_derived(i) else ''}"
                        for i, (c, v) in enumerate(zip(self.categories, s.values))
                        if not (stated and (v is None or s.is_derived(i))))

    def alt_text(self) -> str:
        """Says what the chart shows, with its figures: for screen readers and for anyone without the picture."""
        parts = [f"{self.title}（{chart_kind(self.kind).label}，单位：{self.unit or '无'}）。"]
        for s in self.series:
            parts.append(f"{s.name}：{self.points(s)}。")
        if self.note:
            parts.append(f"注：{self.note}")
        return "".join(parts)


def chart_data(chart: Chart, conf: Conference, default_source: str, message: str = "") -> ChartData:
    """The chart's figures from its metrics. A category with no figure at all is left out, and the note says so:
    an empty slot or a bar at zero would read as a figure."""
    metrics = conf.metrics()
    resolved = [(s, tuple(ref_value(metrics, ref) for ref in s.values)) for s in chart.series]
    derived = {s.name: tuple(ref_derived(metrics, ref) for ref in s.values) for s in chart.series}
    missing = [ref for s, values in resolved for ref, v in zip(s.values, values) if v is None]
    keep = [i for i in range(len(chart.categories)) if any(values[i] is not None for _, values in resolved)]
    left_out = [c for i, c in enumerate(chart.categories) if i not in keep]
    series = tuple(SeriesData(s.name, tuple(values[i] for i in keep), s.unit if s.unit is not None else chart.unit,
                              s.axis == "secondary", tuple(derived[s.name][i] for i in keep)) for s, values in resolved)
    note = chart.note or ""
    if any(any(s.derived) for s in series):
        note += DERIVED_NOTE
    if left_out:
        note += f"{'、'.join(left_out)}数值{MISSING}，暂未绘出。"
    refs = tuple(tuple(dict.fromkeys(s.values[i].partition(".")[0] for s in chart.series)) for i in keep)
    return ChartData(chart.id, chart.type, chart.title, chart.unit, tuple(chart.categories[i] for i in keep), series,
                     chart.source or default_source, note, tuple(missing), message, refs)


def written_digits(value: float | None) -> int:
    """The decimals a figure is written with when its source writes trailing zeros (6.0: 1; content.numerals.Written),
    else 0: what a chart's own label format keeps."""
    return value.digits if isinstance(value, Written) else 0


def nice_ceiling(x: float) -> float:
    """The smallest round number (1, 1.2, 1.4 … 9, 10 times a power of ten) at or above x."""
    if x <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(x))
    return next(k * step for k in AXIS_STEPS if k * step >= x)


def decimals(values) -> int:
    """Decimals to show in data labels: as many as the most precise figure, at most 2."""
    best = 0
    for v in values:
        if v is None:
            continue
        text = num(v)
        if "." in text:
            best = max(best, len(text.split(".")[1]))
    return min(best, 2)
