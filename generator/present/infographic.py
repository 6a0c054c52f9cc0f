"""The 一图读懂 long image, as content: what it shows and in which order, decided from the view and the deck's
storyboard (never re-derived): the series banner, the conference's title, then per part its heading and per theme
its message (the storyboard's title of the theme's opening slide) with the key figures that slide picks (at most
FIGURES_MOST), a chart of the theme where the storyboard draws one, and, for a theme of fewer than two figures, its
highlights in words; the source line at the foot.

A card says what the content says of its figure: its label with the content's verb when that verb gives the
figure's direction (汾河流域入河排污口超标率下降到 1.7%, present/said.py), and under the figure its period first,
then the change the content gives (2024年 / 较2020年缩小0.17).

render/infographic/ draws it as HTML (the accessible text version) and publish/long_image.py photographs that page.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import labels as L
from .charts import ChartData
from .release import in_series
from .said import directed, own_verb, texts_of
from .storyboard import card_source, storyboard
from .view import DRAFT_MARK, ConferenceView, MetricShown

FIGURES_MOST = 4  # big numbers a theme shows
HIGHLIGHTS_MOST = 3  # the highlights said in words of a theme with fewer than two figures
KICKER = "一图读懂"
DRAFT_NOTE = "草稿：含待补充或待核对的数据，不得对外发布"
SOURCE_TITLE = "资料来源"
CHART_LABEL = "图表"  # an SVG's name for a screen reader when the chart has no title of its own


@dataclass(frozen=True)
class Panel:
    """One theme on the long image."""

    id: str
    number: str  # 01, 02 … across the conference
    title: str  # the theme's title
    message: str  # what the theme says: the storyboard's message title ('' when it is the title itself)
    figures: tuple[MetricShown, ...]
    highlights: tuple[str, ...] = ()
    details: tuple[tuple[str, ...], ...] = ()  # under each figure: its period (and rank) first, then its changes
    chart: ChartData | None = None
    chart_caption: str = ""  # 图 title（单位：…）
    chart_note: str = ""  # 注：… under the chart


@dataclass(frozen=True)
class PartPanel:
    heading: str  # 一、“十四五”时期发展成就
    panels: tuple[Panel, ...]


@dataclass(frozen=True)
class Infographic:
    page_title: str  # the HTML's <title>
    kicker: str  # 一图读懂
    banner: str  # the series' title
    subtitle: str  # the series' subtitle
    number: str  # 第一场, '' for a conference that is not one of a series
    title: str  # the conference's title
    meta: str  # date and organisers
    parts: tuple[PartPanel, ...]
    source: str  # the source line at the foot, with what ※ and computed bases mean where a figure needs it
    draft: bool
    draft_mark: str = DRAFT_MARK
    draft_note: str = DRAFT_NOTE

    @property
    def panels(self) -> tuple[Panel, ...]:
        return tuple(p for part in self.parts for p in part.panels)

    @property
    def figures(self) -> tuple[MetricShown, ...]:
        return tuple(m for p in self.panels for m in p.figures)


def _always(*_args) -> bool:
    """The storyboard's question about room on a slide: the long image has room, so the highlights fit; only which
    figures a theme shows and its message matter here, and neither depends on the answer."""
    return True


def _chart_words(data: ChartData) -> tuple[str, str]:
    caption = f"{data.title}（{L.unit_line(data.unit)}）" if data.unit else data.title
    return caption, (f"注：{data.note}" if data.note else "")


def card_details(m: MetricShown) -> tuple[str, ...]:
    """The lines under a card's figure: when (and its rank), then what it changed by: 2024年 / 较2020年缩小0.17."""
    when = "　".join(t for t in (m.period, m.rank) if t)
    return tuple(t for t in (when, m.comparison, m.growth) if t)


def card(m: MetricShown, texts: tuple[str, ...]) -> MetricShown:
    """The figure as its card says it: the label carries the content's verb when that verb says which way the
    figure moved (超标率下降到), so that a fall never reads as a level."""
    verb = own_verb(m, texts)
    return dataclasses.replace(m, label=m.label + verb) if verb and directed(verb) else m


def panel(view: ConferenceView, theme_index: int, story) -> Panel:
    theme = view.themes[theme_index]
    opening = story.slides[0]
    figures = tuple(card(m, texts_of(theme)) for m in opening.cards[:FIGURES_MOST])
    highlights = theme.highlights[:HIGHLIGHTS_MOST] if len(figures) < 2 else ()
    chart = next(iter(story.charts), None)
    caption, note = _chart_words(chart) if chart else ("", "")
    message = opening.title if opening.title not in (theme.title, theme.heading) else ""  # not the theme again
    return Panel(theme.id, f"{theme.index:02d}", theme.title, message, figures, tuple(highlights),
                 tuple(card_details(m) for m in figures), chart, caption, note)


def infographic(view: ConferenceView) -> Infographic:
    board = storyboard(view, _always)
    stories = {s.id: s for s in board.themes}
    index = {t.id: i for i, t in enumerate(view.themes)}
    parts = tuple(PartPanel(p.heading if len(view.parts) > 1 else "",
                            tuple(panel(view, index[t.id], stories[t.id]) for t in p.themes)) for p in view.parts)
    shown = [m for part in parts for p in part.panels for m in p.figures]
    series_title, _, subtitle = view.banner.partition("——")
    return Infographic(
        page_title=f"{KICKER}｜{view.heading}", kicker=KICKER, banner=series_title, subtitle=subtitle,
        number=f"第{view.number_cn}场" if in_series(view) else "", title=view.title,
        meta="　".join(t for t in (view.date, "　".join(view.organisers)) if t),
        parts=parts, source=card_source(view, shown), draft=view.draft)
