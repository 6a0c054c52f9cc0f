"""Chart spec -> resolved chart data: one plain object that the deck (native chart) and the briefing (matplotlib) both draw."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..content.model import Chart, Conference, ref_value
from ..vocabulary import chart_kind
from .wording import MISSING, num


@dataclass(frozen=True)
class SeriesData:
    name: str
    values: tuple[float | None, ...]
    unit: str
    secondary: bool = False


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

    @property
    def primary(self) -> tuple[SeriesData, ...]:
        return tuple(s for s in self.series if not s.secondary)

    @property
    def secondary(self) -> tuple[SeriesData, ...]:
        return tuple(s for s in self.series if s.secondary)

    def alt_text(self) -> str:
        """Says what the chart shows, with its figures: for screen readers and for anyone without the picture."""
        parts = [f"{self.title}（{chart_kind(self.kind).label}，单位：{self.unit or '无'}）。"]
        for s in self.series:
            points = "，".join(f"{c}{num(v)}{s.unit if v is not None else ''}" for c, v in zip(self.categories, s.values))
            parts.append(f"{s.name}：{points}。")
        if self.note:
            parts.append(f"注：{self.note}")
        return "".join(parts)

    def category_labels(self) -> tuple[str, ...]:
        """Categories whose every value is missing carry a visible 待补充 mark."""
        out = []
        for i, c in enumerate(self.categories):
            gaps = all(s.values[i] is None for s in self.primary) if self.primary else False
            out.append(f"{c}（{MISSING}）" if gaps else c)
        return tuple(out)


def chart_data(chart: Chart, conf: Conference, default_source: str) -> ChartData:
    metrics = conf.metrics()
    series = []
    missing = []
    for s in chart.series:
        values = tuple(ref_value(metrics, ref) for ref in s.values)
        missing += [ref for ref, v in zip(s.values, values) if v is None]
        unit = s.unit if s.unit is not None else chart.unit
        series.append(SeriesData(s.name, values, unit, s.axis == "secondary"))
    return ChartData(chart.id, chart.type, chart.title, chart.unit, tuple(chart.categories), tuple(series),
                     chart.source or default_source, chart.note or "", tuple(missing))


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
