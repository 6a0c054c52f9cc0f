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


def chart_data(chart: Chart, conf: Conference, default_source: str) -> ChartData:
    """The chart's figures from its metrics. A category with no figure at all is left out, and the note says so:
    an empty slot or a bar at zero would read as a figure."""
    metrics = conf.metrics()
    resolved = [(s, tuple(ref_value(metrics, ref) for ref in s.values)) for s in chart.series]
    missing = [ref for s, values in resolved for ref, v in zip(s.values, values) if v is None]
    keep = [i for i in range(len(chart.categories)) if any(values[i] is not None for _, values in resolved)]
    left_out = [c for i, c in enumerate(chart.categories) if i not in keep]
    series = tuple(SeriesData(s.name, tuple(values[i] for i in keep), s.unit if s.unit is not None else chart.unit,
                              s.axis == "secondary") for s, values in resolved)
    note = chart.note or ""
    if left_out:
        note += f"{'、'.join(left_out)}数值{MISSING}，暂未绘出。"
    return ChartData(chart.id, chart.type, chart.title, chart.unit, tuple(chart.categories[i] for i in keep), series,
                     chart.source or default_source, note, tuple(missing))


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
