"""Closed vocabularies as tables: the chart kinds an editor may name and the slide kinds a deck is made of.

A new chart kind is one entry in CHART_KINDS plus, if no existing picture drawer fits, one function decorated with
`@draws(name)` in render/chart_image.py. The model, the checks, the deck and the briefing all read this table.
This module is plain data: it imports nothing of the generator, so every stage may read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Shape = Literal["categories", "parts", "columns_and_line"]


@dataclass(frozen=True)
class ChartKind:
    """One chart kind: how its data is shaped, which native chart the deck starts from, which drawer pictures it."""

    name: str  # what the content's `type:` says
    label: str  # the Chinese name, in alt text
    native: str  # a member of python-pptx's XL_CHART_TYPE
    picture: str  # a drawer registered in render/chart_image.py with @draws(...)
    # categories: any number of series over the categories; parts: one series of shares of a whole (no negatives);
    # columns_and_line: columns plus one or more series on a secondary axis, drawn as a line
    shape: Shape = "categories"
    options: dict = field(default_factory=dict)  # handed to the drawer as keyword arguments

    @property
    def round(self) -> bool:
        """Pies and doughnuts: drawn in a square, not across the page."""
        return self.shape == "parts"

    @property
    def horizontal(self) -> bool:
        return self.native.startswith("BAR")

    @property
    def stacked(self) -> bool:
        return "STACKED" in self.native


CHART_KINDS: dict[str, ChartKind] = {k.name: k for k in (
    ChartKind("column", "柱形图", "COLUMN_CLUSTERED", "bars"),
    ChartKind("bar", "条形图", "BAR_CLUSTERED", "bars"),
    ChartKind("line", "折线图", "LINE_MARKERS", "line"),
    ChartKind("pie", "饼图", "PIE", "pie", "parts"),
    ChartKind("doughnut", "圆环图", "DOUGHNUT", "pie", "parts", {"hole": 0.45}),
    ChartKind("stacked_column", "堆积柱形图", "COLUMN_STACKED", "bars"),
    ChartKind("stacked_bar", "堆积条形图", "BAR_STACKED", "bars"),
    ChartKind("combo", "柱线组合图", "COLUMN_CLUSTERED", "combo", "columns_and_line"),
)}


def chart_kind(name: str) -> ChartKind:
    """The table entry for a kind; an unknown name is an error that lists the known ones."""
    try:
        return CHART_KINDS[name]
    except KeyError:
        raise KeyError(f"unknown chart type {name!r}; known: {', '.join(CHART_KINDS)}") from None


@dataclass(frozen=True)
class SlideKind:
    """One kind of slide: the layout PowerPoint's own template names for it (a designer maps others in the theme)."""

    name: str
    label: str  # the Chinese name a designer sees in `layouts`
    default_layout: str
    like: str = ""  # the kind whose layout it takes when a template has none of its own (nor one mapped)


SLIDE_KINDS: dict[str, SlideKind] = {k.name: k for k in (
    SlideKind("cover", "封面", "Title Slide"),
    SlideKind("speakers", "发布人", "Title Only", like="agenda"),
    SlideKind("overview", "数说", "Title Only", like="agenda"),
    SlideKind("agenda", "目录", "Title Only"),
    SlideKind("key_figures", "关键数据", "Title Only"),
    SlideKind("highlights", "要点", "Title and Content"),
    SlideKind("chart", "图表", "Title Only"),
    SlideKind("part", "篇章", "Title Slide", like="qa"),
    SlideKind("qa", "答记者问", "Title Slide", like="closing"),
    SlideKind("closing", "结束", "Title Slide"),
)}
