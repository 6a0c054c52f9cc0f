"""The presentation stage: the checked model turned, once per conference, into everything an audience sees.

Renderers (deck, briefing, page) read only a ConferenceView and the house style. Every text, figure with its unit,
period, comparison, heading, date, source line, chart's data and file name is decided here, so the formats cannot
disagree.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..content import walk
from ..content.model import Conference, Metric, ScriptWording, Series
from .charts import ChartData, chart_data
from .labels import DERIVED_MARK, logo_alt
from .names import OUTPUTS, file_stem, output_key
from .narrative import rendered
from .open_data import DataRow, data_rows
from .wording import MISSING, cn, comparison_text, growth_text, num, period_text, qualifier_sides, rank_text, years_of

GAP = MISSING  # how a missing figure reads; in a draft every occurrence is highlighted
DRAFT_MARK = "草稿"  # on every slide and page of a draft
DERIVED_BASE = "基期数值按增量推算"  # said wherever a base value was computed (value − increase), not stated


@dataclass(frozen=True)
class MetricShown:
    """One metric as shown: the parts of its figure, and the words around it."""

    id: str
    label: str
    key: bool
    number: str  # 2458.8, or 待补充
    missing: bool
    before: str  # 近 / 约 / 超过 / 突破 / 前
    after: str  # 以上 / 以下
    unit: str
    years: str  # 2024, 2021—2024, or ''
    comparison: str  # 较2020年增加836.2亿元
    growth: str  # 按可比价格计算，年均增长5.6%
    rank: str  # 全省第四位
    base_derived: bool
    unverified: bool  # status 待核对: shown highlighted in a draft
    mark: str = ""  # ※ after a derived (computed) value (labels.DERIVED_MARK), '' after a stated one
    within: str = ""  # the part of the year (上半年, 1—9月), '' for a whole year or a span

    @property
    def text(self) -> str:
        """The figure as a sentence says it: 2458.8亿元, 80%以上, 近1000亿元; 待补充 when missing."""
        return MISSING if self.missing else f"{self.before}{self.number}{self.unit}{self.after}"

    @property
    def figure(self) -> str:
        """The figure without its unit, for a table with a unit column."""
        return MISSING if self.missing else f"{self.before}{self.number}{self.after}"

    @property
    def period(self) -> str:
        """2024年, 2021—2024年, 2018年上半年; '' when undated."""
        return period_text(self.years, self.within)

    @property
    def details(self) -> tuple[str, ...]:
        """What a reporter needs next to the big number: comparison, growth, then period and rank on one line."""
        last = "　".join(t for t in (self.period, self.rank) if t)
        return tuple(t for t in (self.comparison, self.growth, last) if t)


@dataclass(frozen=True)
class ThemeView:
    id: str
    index: int  # 1, 2, … across the whole conference (section numbers)
    title: str
    heading: str  # （一）title: the numbered heading inside its part
    part_title: str
    message: str  # the editor's finding (content's message:), '' when the storyboard composes one
    lead: str
    highlights: tuple[str, ...]
    paragraphs: tuple[str, ...]  # the narrative, paragraph by paragraph
    metrics: tuple[MetricShown, ...]
    charts: tuple[ChartData, ...]  # a chart with no figure at all yet is left out (check lists the gaps)

    @property
    def narrative(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def key_metrics(self) -> tuple[MetricShown, ...]:
        return tuple(m for m in self.metrics if m.key)


@dataclass(frozen=True)
class PartView:
    title: str
    heading: str  # 一、title
    themes: tuple[ThemeView, ...]


@dataclass(frozen=True)
class SeriesView:
    """The series as the download page shows it."""

    title: str
    subtitle: str
    banner: str
    organisers: tuple[str, ...]


@dataclass(frozen=True)
class ConferenceView:
    number: int
    number_cn: str  # 一
    title: str
    heading: str  # （一）title
    banner: str  # the series: 见证高质量发展的晋中实践——晋中市辉煌“十四五”系列主题新闻发布会
    subject: str  # the series' subtitle, or its title
    date: str  # 2025年10月22日, or 日期待补充
    venue: str
    organisers: tuple[str, ...]
    city: str
    source: str  # the default source of every figure
    stamp: datetime.datetime  # the documents' own dates, fixed so equal content gives equal bytes
    stem: str  # 01-转型发展
    files: dict[str, str]  # output kind -> path inside the output folder
    parts: tuple[PartView, ...]
    host: tuple[str, str] | None = None  # (name, role) of the host (主持人), when the conference names one
    speakers: tuple[tuple[str, str], ...] = ()  # (name, role) of each speaker (发布人)
    overview: tuple[str, ...] = ()  # metric ids the editor chose for the overview slide; () = by the storyboard's rule
    period: str = ""  # the series' period (“十四五”), '' when it names none
    draft: bool = False  # a missing or unverified figure, or an editorial remark: marked 草稿, gaps highlighted
    withheld: int = 0  # items the editor withheld on purpose (publish: false, withhold): never shown, only counted
    contact: str = ""  # the series' contact line for the press release, '' when it gives none
    series_size: int = 1  # how many conferences the series holds (第一场 is said only of a series of several)
    series_title: str = ""  # the series' own title (the banner's first half)
    script: ScriptWording | None = None  # the conference's own wording of the host's script, over the theme's
    # every published metric as the open data's row (present/open_data.py); out of the view's repr, which keys
    # the deck's kept slides: the rows follow the conference file, which every output's inputs hash already holds
    data: tuple[DataRow, ...] = field(default=(), repr=False, compare=False)

    @property
    def themes(self) -> tuple[ThemeView, ...]:
        return tuple(t for p in self.parts for t in p.themes)

    @property
    def key_figures(self) -> tuple[MetricShown, ...]:
        return tuple(m for t in self.themes for m in t.key_metrics)

    @property
    def cover_script(self) -> str:
        """What the host says over the cover."""
        return f"{self.banner}第{self.number_cn}场：{self.title}。\n主办：{'、'.join(self.organisers)}。"

    @property
    def logo_alt(self) -> str:
        """The logo's alt text: whose it is."""
        return logo_alt(self.organisers[0])

    def source_line(self, note: str = "") -> str:
        return f"资料来源：{self.source}" + (f"。注：{note}" if note else "")


def metric_shown(m: Metric) -> MetricShown:
    years = years_of(m)
    before, after = qualifier_sides(m.qualifier)
    return MetricShown(
        id=m.id, label=m.label, key=m.key, number=num(m.value) if m.value is not None else MISSING,
        missing=m.value is None, before=before, after=after, unit=m.unit, years=years, within=m.period or "",
        comparison="" if m.withheld("comparison") else comparison_text(m),
        growth="" if m.withheld("growth") else growth_text(m), rank="" if m.withheld("rank") else rank_text(m.rank),
        base_derived=bool(m.comparison and m.comparison.base_derived and not m.withheld("comparison")),
        unverified=m.status == "待核对", mark=DERIVED_MARK if m.derived and m.value is not None else "")


def without_heading(paragraphs: list[str], title: str) -> tuple[str, ...]:
    """The narrative without an opening sentence that only repeats the theme's title: every format shows the title
    right above it (the briefing's heading, the slide's title)."""
    out = list(paragraphs)
    if out and out[0].startswith(title + "。"):
        out[0] = out[0][len(title) + 1:].lstrip()
        if not out[0]:
            out.pop(0)
    return tuple(out)


def banner(series: Series) -> str:
    return f"{series.title}——{series.subtitle}" if series.subtitle else series.title


def present_series(series: Series) -> SeriesView:
    return SeriesView(series.title, series.subtitle or "", banner(series), tuple(series.organisers))


def present(series: Series, conf: Conference, draft: bool = False) -> ConferenceView:
    """The one place that decides what is shown; computed once per conference, read by every renderer.

    `draft` comes from the checks: the pipeline knows which conferences still have gaps."""
    texts = rendered(conf)
    source = conf.source or series.title
    parts: list[PartView] = []
    index = 0
    for pi, part in enumerate(conf.parts, 1):
        themes = []
        for ti, theme in enumerate(part.themes, 1):
            index += 1
            r = texts[theme.id]
            themes.append(ThemeView(
                id=theme.id, index=index, title=theme.title, heading=f"（{cn(ti)}）{theme.title}", part_title=part.title,
                message=r.message, lead=r.lead, highlights=tuple(r.highlights), paragraphs=without_heading(r.paragraphs, theme.title),
                metrics=tuple(metric_shown(m) for m in theme.metrics if not m.withheld("value")),
                charts=tuple(d for d in (chart_data(c, conf, source, r.charts.get(c.id, "")) for c in theme.charts) if d.categories)))
        parts.append(PartView(part.title, f"{cn(pi)}、{part.title}", tuple(themes)))
    d = conf.date
    return ConferenceView(
        number=conf.number, number_cn=cn(conf.number), title=conf.title, heading=f"（{cn(conf.number)}）{conf.title}",
        banner=banner(series), subject=series.subtitle or series.title,
        date=f"{d.year}年{d.month}月{d.day}日" if d else f"日期{MISSING}", venue=conf.venue or "",
        organisers=tuple(series.organisers), city=series.city, source=source,
        stamp=datetime.datetime.combine(d or datetime.date(2000, 1, 1), datetime.time(9, 0)),
        stem=file_stem(conf), files={kind: output_key(conf, kind) for kind in OUTPUTS}, parts=tuple(parts),
        host=(conf.host.name, conf.host.role or "") if conf.host else None,
        speakers=tuple((p.name, p.role or "") for p in conf.speakers), overview=tuple(conf.overview),
        period=series.period.name if series.period else "", draft=draft, withheld=sum(1 for _ in walk.withheld(conf)),
        contact=series.contact or "", series_size=len(series.conferences), series_title=series.title, script=conf.script,
        data=data_rows(conf, source, draft))
