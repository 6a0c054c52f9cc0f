"""The content model: series -> conference -> part -> theme -> metric / chart / highlight / narrative."""
from __future__ import annotations

import datetime
import string
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .. import limits
from ..limits import UNIT_CHARS  # a longer unit squeezed the briefing's table columns below zero
from ..messages import _
from ..vocabulary import CHART_KINDS

# Ids are used as jinja names in narratives, so they must be identifiers.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


def invisible(text: str) -> bool:
    """Nothing a reader would see: spaces and format characters (a zero-width space) only, or nothing at all."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def _visible(v: str) -> str:
    """A text shows something: '   ' or a zero-width space alone passed min_length and built a blank title."""
    if v and invisible(v):
        raise ValueError(_("holds only spaces or invisible characters; write the text, or leave the field out"))
    return v


Visible = AfterValidator(_visible)
# the bounds and their reasons: limits.py
Text = Annotated[str, StringConstraints(min_length=1, max_length=limits.TEXT_CHARS), Visible]  # highlights, narratives
Line = Annotated[str, StringConstraints(min_length=1, max_length=limits.LINE_CHARS), Visible]  # leads, sources
Title = Annotated[str, StringConstraints(min_length=1, max_length=limits.TITLE_CHARS), Visible]  # titles
Label = Annotated[str, StringConstraints(min_length=1, max_length=limits.LABEL_CHARS), Visible]  # labels, names
NUMBER_LIMIT = 1e15  # larger figures overflow chart axes and are no statistic of a city
SMALLEST = 1e-6  # a figure is zero or at least this: 1e-320 would print as 319 zeros


def _plausible(v: float) -> float:
    if abs(v) >= NUMBER_LIMIT:
        raise ValueError(_("{value:g} is out of range: figures must stay below 10^15 in size", value=v))
    if v and abs(v) < SMALLEST:
        raise ValueError(_("{value:g} is too small to print: write 0, or a figure of at least 0.000001", value=v))
    return v


Number = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_plausible)]


def _unit(v: str) -> str:
    """A unit is printed right after its figure (2458.8亿元): a space, a line break or an invisible character in it
    parted the figure from its unit (or printed a blank unit), and a full-width ％ read as another unit than %: its
    changes were said as 增加1.6％, not 提升1.6个百分点, and charts dropped it from their labels."""
    if "％" in v:
        raise ValueError(_("write the half-width % for a percentage: a full-width ％ reads as another unit (its changes "
                           "would not be said in 个百分点)"))
    for ch in v:
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Zs"):
            raise ValueError(_("the unit holds U+{code:04X} ({name}); a unit is letters and signs written right after "
                               "its figure, with no space", code=ord(ch),
                               name=unicodedata.name(ch, _("an invisible character"))))
    return v


Unit = Annotated[str, StringConstraints(max_length=UNIT_CHARS), AfterValidator(_unit)]


def _in_order(start: int | None, end: int | None) -> None:
    """A span of years runs forward: start 2030 with year 2024 printed 2030—2024年 in every output."""
    if start is not None and end is not None and start > end:
        raise ValueError(_("the period starts in {start}, after it ends in {end}: write the first year as start",
                           start=start, end=end))
Year = Annotated[int, Field(ge=1900, le=2200)]
Basis = Literal["现价", "可比价", "未注明"]
CHART_TYPES = tuple(CHART_KINDS)  # the table in vocabulary.py is the one list of chart kinds


class Strict(BaseModel):
    """Base for every content object: typed, no coercion of text into numbers, no unknown keys."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Comparison(Strict):
    """A figure compared with a base year: 较2020年增加836.2亿元 / 增长60% / 提升1.6个百分点 / 是…的1.6倍."""

    base_year: Year | None = None
    base_label: Label | None = Field(None, description="Wording of the base when it is not a year, e.g. “十三五”末")
    base_value: Number | None = Field(None, description="The base figure, in the metric's unit")
    base_derived: bool = Field(False, description="True when base_value is computed (value - increase), not stated")
    increase: Number | None = Field(None, description="Absolute change in the metric's unit; negative for a fall")
    percent: Number | None = Field(None, description="Nominal change in % against the base")
    points: Number | None = Field(None, description="Change in 个百分点 (for shares and rates)")
    times: Number | None = Field(None, description="The value is this many times the base (倍)")

    @model_validator(mode="after")
    def _times_above_zero(self) -> Comparison:
        if self.times is not None and self.times <= 0:  # 是2020年的0倍 / 的-1.6倍 is said of no figure
            raise ValueError(_("times {times:g}: 是…的X倍 says a figure above zero; for a fall write increase or percent",
                               times=self.times))
        return self


class Growth(Strict):
    """A growth rate with its statistical basis. 可比价 rates are never checked against nominal values."""

    rate: Number | None = Field(None, description="Rate in %; null when the seed cut it off")
    kind: Literal["年均", "同比", "累计", "未注明"] = "年均"
    basis: Basis = "现价"
    start: Year | None = Field(None, description="First year of the period (2021 for “十四五”前四年)")
    end: Year | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _forward(self) -> Growth:
        _in_order(self.start, self.end)
        return self


class Rank(Strict):
    """A rank such as 全省第四位; wording covers ranks without a position (居全省前列)."""

    scope: Label = "全省"
    position: Annotated[int, Field(ge=1, le=1000)] | None = None
    wording: Label | None = Field(None, description="Free wording when there is no position, e.g. 居全省前列")

    @model_validator(mode="after")
    def _needs_something(self) -> Rank:
        if self.position is None and self.wording is None:
            raise ValueError(_("a rank needs a position or a wording"))
        return self


# The units a share is written in, and what part / whole is multiplied by to give it: a share of 51 in 亿元 or in
# 个百分点 (a change of a share, not a share) printed a figure that is no share, and one in ‰ was checked as if in %
SHARE_UNITS = {"%": 100.0, "‰": 1000.0}


class ShareOf(Strict):
    """The metric (in % or ‰) is part / whole, of two figures in one unit."""

    part: Id
    whole: Id


class RatioOf(Strict):
    """The metric is numerator / denominator (城乡收入比)."""

    numerator: Id
    denominator: Id


MetricPart = Literal["value", "comparison", "growth", "rank"]
# the part of its year a figure covers, as official releases write it (上半年, 前三季度, 1—11月); the year is `year`
WithinYear = Literal["一季度", "二季度", "三季度", "四季度", "上半年", "下半年", "前三季度", "1—2月", "1—3月", "1—4月",
                     "1—5月", "1—6月", "1—7月", "1—8月", "1—9月", "1—10月", "1—11月", "1月", "2月", "3月", "4月", "5月",
                     "6月", "7月", "8月", "9月", "10月", "11月", "12月"]


class Metric(Strict):
    """One figure of the seed: 指标, value, unit, year, comparison, growth, rank, source."""

    id: Id
    label: Label = Field(description="指标, as it should read on a slide")
    value: Number | None = Field(description="The figure; null when the seed does not give it (needs a note)")
    unit: Unit = Field("", description="亿元, 万吨, %, 户, 元 …; empty for a pure ratio")
    year: Year | None = None
    start: Year | None = Field(None, description="First year, for figures over a period (累计, 年均)")
    period: WithinYear | None = Field(None, description="The part of `year` the figure covers (上半年, 前三季度, 1—9月); "
                                                        "none for a whole year")
    qualifier: Literal["以上", "以下", "左右", "近", "约", "超过", "突破", "前"] | None = None
    basis: Basis | None = None
    comparison: Comparison | None = None
    growth: Growth | None = None
    rank: Rank | None = None
    derived: Text | None = Field(None, description="Formula over metric ids, e.g. 'gdp - gdp.increase': the figure is "
                                                   "computed, not stated, and every output marks it ※")
    agrees_with: Text | None = Field(None, description=(
        "Formula the stated figure must agree with, e.g. 'investment_total / 4': checked like derived, but the source "
        "states the figure, so it is shown without a mark"))
    same_as: Id | None = Field(None, description="Another metric that states the same figure")
    share_of: ShareOf | None = None
    ratio_of: RatioOf | None = None
    key: bool = Field(False, description="Show on the theme's key-figure slide")
    status: Literal["待核对", "已核对"] | None = Field(
        None, description="待核对: not yet confirmed by the statistics office; the build stays a draft until 已核对")
    publish: bool = Field(True, description="false: the whole metric is withheld from the audience on purpose (never "
                                            "shown, not a gap, listed by check); needs a note saying why")
    withhold: list[MetricPart] = Field(
        default_factory=list, max_length=4,
        description="Parts withheld on purpose while the rest is shown: value, comparison, growth, rank (a metric "
                    "whose value is withheld shows no figure, and text may still say its other parts); needs a note")
    source: Line | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _missing_needs_note(self) -> Metric:
        _in_order(self.start, self.year)
        if self.period and (self.year is None or self.start is not None):
            raise ValueError(_("period ({period}) is a part of one year: give the year, and no start",
                               period=self.period))
        if self.value is None and not self.note:
            raise ValueError(_("value is missing (null): add a note saying why, e.g. “原文此处数值缺失”"))
        if (not self.publish or self.withhold) and not self.note:
            raise ValueError(_("a withheld figure needs a note saying why it is withheld, e.g. “原文此处数值缺失”"))
        if not self.publish and self.withhold:
            raise ValueError(_("publish: false already withholds the whole metric; remove withhold"))
        for part in self.withhold:
            if part != "value" and getattr(self, part) is None:
                raise ValueError(_("withhold names {part}, but the metric states no {part}", part=part))
        if len(set(self.withhold)) != len(self.withhold):
            raise ValueError(_("withhold names a part twice"))
        if self.share_of and self.ratio_of:  # it was checked as a share alone, and shown as one
            raise ValueError(_("a metric is a share (share_of) or a ratio (ratio_of), not both; keep the one it is"))
        return self

    def withheld(self, part: str = "value") -> bool:
        """Whether this part (value, comparison, growth, rank) is withheld from the audience on purpose."""
        return not self.publish or part in self.withhold


class Structure(Strict):
    """Shares that make a whole, e.g. 三次产业结构 6.2:42.8:51."""

    id: Id
    label: Label
    parts: list[Id] = Field(min_length=2)
    total: Number = 100

    @model_validator(mode="after")
    def _each_part_once(self) -> Structure:
        twice = _twice(self.parts)
        if twice:  # 6.2:6.2:42.8:51 summed a share twice into the whole
            raise ValueError(_("parts names {id} twice; a structure names each part once", id=twice))
        return self


def _twice(items: list[str]) -> str | None:
    """The first item a list names a second time."""
    seen: set[str] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


Reference = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.(value|base|increase|growth|points|percent))?$")]


class ChartSeries(Strict):
    """One series of a chart: a name and one reference per category ('gdp', 'gdp.base', 'gdp.growth')."""

    name: Label
    values: list[Reference] = Field(min_length=1)
    axis: Literal["primary", "secondary"] = "primary"
    unit: Unit | None = Field(None, description="Unit of this series when it differs from the chart's")


class Chart(Strict):
    """A chart declared once and drawn natively in the deck and with matplotlib in the briefing."""

    id: Id
    type: Literal[CHART_TYPES]  # type: ignore[valid-type]
    title: Title
    unit: Unit = ""
    categories: list[Label] = Field(min_length=1, max_length=30)
    series: list[ChartSeries] = Field(min_length=1, max_length=8)
    source: Line | None = None
    note: Line | None = None
    message: Line | None = Field(None, description="The finding the chart shows, as its slide's title (jinja2 like a "
                                                  "lead, e.g. 服务业增加值增至{{ services_va }}); keep it short")

    @model_validator(mode="after")
    def _shape(self) -> Chart:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(_("series “{name}” has {n} values for {categories} categories", name=s.name,
                                   n=len(s.values), categories=len(self.categories)))
        shape = CHART_KINDS[self.type].shape
        if shape == "parts" and len(self.series) != 1:
            raise ValueError(_("a {type} chart takes exactly one series, got {n}", type=self.type, n=len(self.series)))
        if shape == "columns_and_line" and not any(s.axis == "secondary" for s in self.series):
            raise ValueError(_("a combo chart needs one series with axis: secondary (the line)"))
        if shape == "columns_and_line" and all(s.axis == "secondary" for s in self.series):
            raise ValueError(_("a combo chart needs a series on the primary axis too (the columns under the line)"))
        if shape != "columns_and_line" and any(s.axis == "secondary" for s in self.series):  # built no chart at all
            raise ValueError(_("axis: secondary is the line of a combo chart; a {type} chart has one axis: remove "
                               "axis: secondary, or use type: combo", type=self.type))
        category = _twice(self.categories)
        if category is not None:  # two bars of one name, two figures: which is it?
            raise ValueError(_("the category “{name}” is named twice; a chart names each category once", name=category))
        name = _twice([s.name for s in self.series])
        if name is not None:  # a legend of two like names, and a series' computed figures were marked by the other's
            raise ValueError(_("two series are named “{name}”; a chart names each series once", name=name))
        return self


class Highlight(Strict):
    """A highlight written out, to give it a note or to withhold it: {text: …, publish: false, note: why}."""

    text: Text
    publish: bool = Field(True, description="false: withheld from the audience on purpose; needs a note saying why")
    note: Text | None = None

    @model_validator(mode="after")
    def _withheld_needs_note(self) -> Highlight:
        if not self.publish and not self.note:
            raise ValueError(_("a withheld highlight needs a note saying why it is withheld"))
        return self


def _highlight_form(v: object) -> str:
    return "written_out" if isinstance(v, (dict, Highlight)) else "sentence"


# A highlight is a sentence, or written out as {text, publish, note}; the tag picks one, so an error names only it
HighlightItem = Annotated[Annotated[Text, Tag("sentence")] | Annotated[Highlight, Tag("written_out")],
                          Discriminator(_highlight_form)]
HIGHLIGHT_FORMS = ("sentence", "written_out")  # the tags, left out of the paths that errors name


def highlight_text(h: str | Highlight) -> str:
    return h if isinstance(h, str) else h.text


def published(h: str | Highlight) -> bool:
    return isinstance(h, str) or h.publish


class Theme(Strict):
    """A theme (一个“新”) or a statistics section: title, lead, highlights, metrics, charts, narrative."""

    id: Id
    title: Title
    message: Line | None = Field(None, description="The theme's finding, as the title of its opening slide (jinja2 like "
                                                  "a lead, e.g. 地区生产总值跃升至{{ gdp }}); keep it short")
    lead: Line | None = None
    highlights: list[HighlightItem] = Field(
        default_factory=list, max_length=200,
        description="Bullets: a sentence each (jinja2 text), or {text: …, publish: false, note: why} to withhold one")
    metrics: list[Metric] = Field(default_factory=list)
    structures: list[Structure] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    narrative: Text | None = Field(None, description="jinja2 text; refer to metrics by id: {{ gdp }}")
    note: Text | None = None


class Part(Strict):
    """A part of a conference, e.g. the seven achievements or the statistics section."""

    id: Id
    title: Title
    themes: list[Theme] = Field(min_length=1)


class Person(Strict):
    name: Label
    role: Label | None = None


# The host's script (主持词): each part of what the host says, a template with named slots in braces. The house
# wording is the theme's (theme.py HostScript, assets/theme.yaml `script:`); a conference may override any of it.
CONFERENCE_SLOTS = ("subject", "series", "title", "number", "date", "city")  # the series' and conference's words
SCRIPT_SLOTS: dict[str, tuple[str, ...]] = {
    "greeting": CONFERENCE_SLOTS,  # 各位记者朋友，大家好！欢迎出席{subject}。
    "purpose": CONFERENCE_SLOTS,  # 今天举行的是系列发布会的第{number}场，主题是“{title}”。
    "purpose_one": CONFERENCE_SLOTS,  # the same for a series of one conference
    "host": ("name", "role"),  # the host introduces themselves: 我是{role}{name}，…
    "person": ("name", "role"),  # how a speaker is named: {role}{name}
    "speakers": ("people",),  # 出席今天发布会的有：{people}。
    "order": ("talks", "count", *CONFERENCE_SLOTS),  # 今天的发布会主要介绍{count}方面情况：{talks}（一是…；二是…）。
    "handover": ("speakers",),  # 下面请{speakers}介绍有关情况。
    "questions": CONFERENCE_SLOTS,  # 现在开始提问……请先通报所在新闻机构……
    "closing": CONFERENCE_SLOTS,  # 本场发布会到此结束……
}


def check_template(text: str | None, slots: tuple[str, ...]) -> str | None:
    """A wording template names only its slots, in braces: {title}, never {titel} or a stray brace."""
    if text is None:
        return text
    try:
        named = [f for _text, f, _spec, _conv in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise ValueError(_("{problem}: write a slot as {{name}}; slots here: {slots}", problem=exc,
                           slots=", ".join(slots) or _("none"))) from None
    unknown = [f for f in named if f not in slots]
    if unknown:
        raise ValueError(_("unknown slot {{{slot}}}; slots here: {slots}", slot=unknown[0],
                           slots=", ".join(slots) or _("none")))
    # {title:>99999999} padded the host's script to 100 MB and {title!r} put Python's quotes around it: a slot is
    # filled with its words as they are, so a slot is its name and nothing more
    dressed = [(f, spec, conv) for _text, f, spec, conv in string.Formatter().parse(text) if f and (spec or conv)]
    if dressed:
        name, spec, conv = dressed[0]
        raise ValueError(_("the slot {{{slot}}} carries “{extra}”; write it as {{{name}}}: a slot is filled with its "
                           "words as they are", slot=name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else ""),
                           extra=(f"!{conv}" if conv else "") + (f":{spec}" if spec else ""), name=name))
    return text


class ScriptWording(Strict):
    """The host's wording for one conference, overriding the theme's part by part (a field left out keeps it)."""

    greeting: Line | None = None
    purpose: Line | None = None
    purpose_one: Line | None = None
    host: Line | None = None
    person: Label | None = None
    speakers: Line | None = None
    order: Line | None = None
    handover: Line | None = None
    questions: Line | None = None
    closing: Line | None = None

    @field_validator("*", mode="after")
    @classmethod
    def _slots(cls, v: str | None, info: ValidationInfo) -> str | None:
        return check_template(v, SCRIPT_SLOTS[info.field_name or ""])


WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _safe_file_name(slug: str) -> str:
    """A slug names files on Windows, macOS and Linux: no reserved name, nothing invisible or pictographic."""
    if slug.split(".")[0].upper() in WINDOWS_RESERVED:
        raise ValueError(_("“{slug}” is a reserved file name on Windows; choose another slug", slug=slug))
    if slug.endswith("."):  # Windows drops a folder name's last dot: 02-转型. and 02-转型 would be one folder
        raise ValueError(_("“{slug}” ends with a dot, which Windows drops from file and folder names; remove it",
                           slug=slug))
    for ch in slug:
        if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Cn", "So", "Zl", "Zp"):
            raise ValueError(_("the slug holds U+{code:04X} ({name}), which file names cannot hold safely; use "
                               "letters, digits, Chinese characters, - or _", code=ord(ch),
                               name=unicodedata.name(ch, _("an invisible character"))))
    return slug


class Conference(Strict):
    """One press conference of the series: its facts, in parts and themes."""

    number: Annotated[int, Field(ge=1, le=99)]
    slug: Annotated[str, StringConstraints(pattern=r"^[^\\/:*?\"<>|\s.][^\\/:*?\"<>|\s]{0,29}$"),
                    AfterValidator(_safe_file_name)] = Field(
        description="Short title for file names, e.g. 转型发展 (no spaces or \\ / : * ? \" < > |)"
    )
    title: Title
    date: datetime.date | None = Field(None, ge=datetime.date(1980, 1, 1), le=datetime.date(2099, 12, 31),
                                       description="1980–2099: the dates a document and its zip can hold")
    date_note: Line | None = None
    venue: Line | None = None
    host: Person | None = None
    speakers: list[Person] = Field(default_factory=list, max_length=limits.SPEAKERS, description=(
        "The people on the platform besides the host; a long list goes on over several 发布人 slides"))
    source: Line | None = Field(None, description="Default source line for every figure")
    overview: list[Id] = Field(default_factory=list, max_length=9, description=(
        "Metric ids for the overview slide of headline figures (6 to 9); empty: the first key metric of each theme"))
    script: ScriptWording | None = Field(None, description=(
        "The host's script (主持词) for this conference, part by part, over the theme's house wording: greeting, "
        "purpose, purpose_one, host, person, speakers, order, handover, questions, closing; slots in braces"))
    parts: list[Part] = Field(min_length=1)

    @model_validator(mode="after")
    def _overview_names_metrics(self) -> Conference:
        known = self.metrics()
        unknown = [i for i in self.overview if i not in known]
        if unknown:
            raise ValueError(_("overview names no metric of this conference: {ids}", ids=", ".join(unknown)))
        if self.overview and len(self.overview) < 6:
            raise ValueError(_("overview lists 6 to 9 metric ids (or none, to choose them by rule)"))
        twice = _twice(self.overview)
        if twice:  # the overview showed the same figure twice
            raise ValueError(_("overview names {id} twice; list each metric once", id=twice))
        return self

    def themes(self) -> list[Theme]:
        return [t for p in self.parts for t in p.themes]

    def metrics(self) -> dict[str, Metric]:
        return {m.id: m for t in self.themes() for m in t.metrics}


class Period(Strict):
    name: Label = Field(description="e.g. “十四五”")
    start: Year
    end: Year

    @model_validator(mode="after")
    def _forward(self) -> Period:
        _in_order(self.start, self.end)
        return self


class Series(Strict):
    """The series file: the banner every conference shares."""

    title: Title
    subtitle: Title | None = None
    city: Label
    period: Period | None = None
    organisers: list[Label] = Field(min_length=1, max_length=6)
    contact: Line | None = Field(None, description="The press release's contact line (联系人、电话), as the press "
                                                   "office gives it; none: the release has no contact line")
    theme: str = Field("assets/theme.yaml", description="Theme file, relative to the project folder")
    conferences: list[str] = Field(min_length=1, description="Conference files, relative to this file")


def ref_part(ref: str) -> str:
    """The part of a metric a reference reads: 'gdp' value, 'gdp.base' comparison, 'gdp.growth' growth."""
    attr = ref.partition(".")[2]
    return "value" if attr in ("", "value") else "growth" if attr == "growth" else "comparison"


def ref_derived(metrics: dict[str, Metric], ref: str) -> bool:
    """Whether the figure a reference names is computed (a derived metric, or a base worked out as value − increase)."""
    mid, _, attr = ref.partition(".")
    m = metrics[mid]
    if attr in ("", "value"):
        return m.derived is not None
    return attr == "base" and m.comparison is not None and m.comparison.base_derived


def ref_value(metrics: dict[str, Metric], ref: str) -> float | None:
    """The number a reference names: 'gdp' or 'gdp.value', 'gdp.base', 'gdp.increase', 'gdp.growth' …

    Raises KeyError for an unknown id; returns None where the figure is missing.
    """
    mid, _, attr = ref.partition(".")
    m = metrics[mid]
    attr = attr or "value"
    if attr == "value":
        return m.value
    if attr == "growth":
        return m.growth.rate if m.growth else None
    c = m.comparison
    if c is None:
        return None
    return {"base": c.base_value, "increase": c.increase, "points": c.points, "percent": c.percent}[attr]
