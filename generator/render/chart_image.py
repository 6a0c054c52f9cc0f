"""Resolved chart data -> PNG (matplotlib, CJK font from noto-cjk-sans-otc), for the briefing. Same spec as the deck."""
from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache

from PIL import Image

from ..present.charts import ChartData
from ..present.labels import NO_DATA, bar_and_line_units, unit_line
from ..theme import HouseStyle
from ..vocabulary import chart_kind

DPI = 200
SIZE_IN = (6.3, 3.5)  # fits the 156 mm text width of the official layout
ROUND_SIZE_IN = (4.6, 3.2)  # pies and doughnuts: no empty width around the circle


@lru_cache(maxsize=1)
def _pyplot():
    """Import matplotlib once, headless, with the packaged CJK font registered and preferred over system copies."""
    import matplotlib

    matplotlib.use("Agg")
    import noto_cjk_sans_otc
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    packaged = str(noto_cjk_sans_otc.FONT_PATH)
    font_manager.fontManager.addfont(packaged)
    # the same family may also be installed system-wide; keep only the packaged file so every machine draws alike
    font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist
                                        if not (f.name.startswith("Noto Sans CJK") and f.fname != packaged)]
    return plt


def _style(theme: HouseStyle) -> dict:
    return {
        "font.family": [theme.fonts.chart],
        "font.size": 11,
        "axes.unicode_minus": False,  # the CJK font's minus sign, not U+2212 which it may lack
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#" + theme.colours.axis,
        "axes.titlesize": 12,
        "svg.hashsalt": "press-generator",
        "path.simplify": True,
    }


def _fmt(values, unit: str):
    """Labels in each figure's own precision, as the deck's (ChartData.label)."""
    return lambda v: ChartData.label(v, unit)


def _colours(theme: HouseStyle, n: int) -> list[str]:
    return ["#" + theme.colours.series[i % len(theme.colours.series)] for i in range(n)]


def _grouped(ax, data: ChartData, theme: HouseStyle, horizontal: bool, stacked: bool) -> None:
    cats = data.categories
    series = data.primary
    n, width = len(series), 0.8 / (1 if stacked else max(len(series), 1))
    positions = list(range(len(cats)))
    base = [0.0] * len(cats)
    for k, (s, colour) in enumerate(zip(series, _colours(theme, n))):
        vals = [v if v is not None else 0.0 for v in s.values]
        offs = [p if stacked else p - 0.4 + width * (k + 0.5) for p in positions]
        if horizontal:
            bars = ax.barh(offs, vals, width, left=base if stacked else 0, label=s.name, color=colour)
        else:
            bars = ax.bar(offs, vals, width, bottom=base if stacked else 0, label=s.name, color=colour)
        for i, bar in enumerate(bars):
            if s.is_derived(i):  # a computed figure is hatched, as on the slide
                bar.set_hatch("///")
                bar.set_facecolor("white")
                bar.set_edgecolor(colour)
        labels = [_fmt(s.values, s.unit)(v) for v in s.values]
        ax.bar_label(bars, labels=labels, label_type="center" if stacked else "edge", padding=2, fontsize=10)
        if stacked:
            base = [b + v for b, v in zip(base, vals)]
    top = data.axis_max()
    if horizontal:
        ax.set_yticks(positions, cats)
        ax.invert_yaxis()  # read top-down, as in the table
        ax.margins(x=0.15)
        if top is not None:
            ax.set_xlim(0, top)
        ax.grid(axis="x", color="#" + theme.colours.grid, linewidth=0.6)
    else:
        ax.set_xticks(positions, cats)
        ax.margins(y=0.15)
        if top is not None:
            ax.set_ylim(0, top)
        ax.grid(axis="y", color="#" + theme.colours.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    if n > 1:
        ax.legend(frameon=False, ncols=n, loc="upper center", bbox_to_anchor=(0.5, 1.12))


DRAWERS: dict[str, Callable] = {}  # drawer name (a chart kind's `picture`) -> function(ax, data, theme, **options)


def draws(name: str) -> Callable:
    """Register a picture drawer under the name chart kinds give as `picture` in vocabulary.CHART_KINDS."""
    def register(fn: Callable) -> Callable:
        DRAWERS[name] = fn
        return fn
    return register


@draws("bars")
def _bars(ax, data: ChartData, theme: HouseStyle) -> None:
    kind = chart_kind(data.kind)
    _grouped(ax, data, theme, kind.horizontal, kind.stacked)


@draws("line")
def _line(ax, data: ChartData, theme: HouseStyle) -> None:
    cats = data.categories
    for s, colour in zip(data.primary, _colours(theme, len(data.primary))):
        xs = [i for i, v in enumerate(s.values) if v is not None]
        ys = [v for v in s.values if v is not None]
        ax.plot(xs, ys, marker="o", color=colour, label=s.name, linewidth=2)
        for x, y in zip(xs, ys):
            ax.annotate(_fmt(s.values, s.unit)(y), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=10)
    ax.set_xticks(range(len(cats)), cats)
    ax.grid(axis="y", color="#" + theme.colours.grid, linewidth=0.6)
    if len(data.primary) > 1:
        ax.legend(frameon=False)


@draws("pie")
def _pie(ax, data: ChartData, theme: HouseStyle, hole: float = 0.0) -> None:
    s = data.series[0]
    pairs = [(c, v) for c, v in zip(data.categories, s.values) if v]
    hatched = [s.is_derived(i) for i, v in enumerate(s.values) if v]
    if not pairs:  # nothing to draw yet: say so rather than draw an empty circle
        ax.text(0.5, 0.5, NO_DATA, ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return
    fmt = _fmt(s.values, s.unit)
    wedges, _ = ax.pie([v for _, v in pairs], colors=_colours(theme, len(pairs)), startangle=90, counterclock=False,
                       wedgeprops={"width": 1 - hole, "edgecolor": "white"} if hole else {"edgecolor": "white"})
    for w, (c, v), derived in zip(wedges, pairs, hatched):
        import math

        if derived:  # a computed share is hatched, as on the slide
            w.set_hatch("///")

        angle = math.radians((w.theta1 + w.theta2) / 2)
        x, y = math.cos(angle), math.sin(angle)
        ax.annotate(f"{c} {fmt(v)}", (1.08 * x, 1.08 * y), ha="left" if x >= 0 else "right", va="center", fontsize=10)
    ax.set_aspect("equal")


@draws("combo")
def _combo(ax, data: ChartData, theme: HouseStyle) -> None:
    _grouped(ax, data, theme, horizontal=False, stacked=False)
    right = ax.twinx()
    right.spines["right"].set_visible(True)
    n = len(data.primary)
    for s, colour in zip(data.secondary, _colours(theme, n + len(data.secondary))[n:]):
        xs = [i for i, v in enumerate(s.values) if v is not None]
        ys = [v for v in s.values if v is not None]
        right.plot(xs, ys, marker="o", color=colour, linewidth=2, label=s.name)
        for x, y in zip(xs, ys):
            right.annotate(_fmt(s.values, s.unit)(y), (x, y), textcoords="offset points", xytext=(0, 7), ha="center",
                           fontsize=10, color="#" + theme.colours.text)
    present = [v for s in data.secondary for v in s.values if v is not None] or [0.0]
    low, high = min(0.0, min(present)), max(0.0, max(present))
    if high - low <= 0:  # nothing but zeros: any visible range will do
        high = 1.0
    right.set_ylim(bottom=low * 1.3, top=high * 1.3)
    right.yaxis.set_major_formatter(lambda v, _: f"{v:g}%" if data.secondary[0].unit == "%" else f"{v:g}")
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    if ax.get_legend():
        ax.get_legend().remove()
    ax.legend(handles, [h.get_label() for h in handles], frameon=False, ncols=len(handles), loc="upper center",
              bbox_to_anchor=(0.5, 1.12))


def chart_png(data: ChartData, theme: HouseStyle) -> bytes:
    """One chart as PNG bytes: 200 dpi, CJK labels, no varying metadata (same data, same bytes)."""
    kind = chart_kind(data.kind)
    if kind.picture not in DRAWERS:
        raise KeyError(f"chart kind {kind.name!r} names drawer {kind.picture!r}; registered: {', '.join(DRAWERS)}")
    plt = _pyplot()
    with plt.rc_context(_style(theme)):
        fig, ax = plt.subplots(figsize=ROUND_SIZE_IN if kind.round else SIZE_IN, dpi=DPI)
        try:
            DRAWERS[kind.picture](ax, data, theme, **kind.options)
            if not kind.round:
                unit = data.unit if not data.secondary else bar_and_line_units(data.primary[0].unit, data.secondary[0].unit)
                ax.set_ylabel("" if kind.horizontal else unit_line(unit), fontsize=10)
                if kind.horizontal:
                    ax.set_xlabel(unit_line(unit), fontsize=10)
            fig.tight_layout()
            # draw once and encode with Pillow: savefig would draw twice, and PNG metadata stays empty this way
            fig.canvas.draw()
            width, height = fig.canvas.get_width_height(physical=True)
            image = Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
            buf = io.BytesIO()
            image.convert("RGB").save(buf, format="PNG", dpi=(DPI, DPI))
        finally:
            plt.close(fig)
    return buf.getvalue()

