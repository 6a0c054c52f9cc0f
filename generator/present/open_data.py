"""The open data: every published metric of a conference as one row of typed fields, for the CSV and its
datapackage.json (Frictionless Data). One function makes the rows and one table names the fields, so every format
that carries the data (render/open_data.py writes both files) agrees with the other and with the documents.

What is withheld stays out: a metric with `publish: false` has no row; a withheld part (value, comparison, growth,
rank) leaves its fields empty, and a withheld value takes the comparison's base with it (base + increase would give
it back). A missing figure is an empty field, never a number; a sign is kept (-3.2, and 下降3.2% in the words). Editors'
notes never reach the audience, so no field carries them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Conference, Metric
from .wording import comparison_text, growth_text, num, period_text, rank_text, years_of

DATA_TITLE = "数据"  # after the conference's heading: the data package's title
DRAFT = "草稿"  # every row's status in a draft, and the package's title
MISSING_STATUS = "待补充"
UNVERIFIED_STATUS = "待核对"
TRUE, FALSE = "true", "false"  # Table Schema's booleans, as its default trueValues / falseValues read them


@dataclass(frozen=True)
class Field:
    """One column: its name (ASCII, for tools), its Table Schema type, and what it says in Chinese."""

    name: str
    type: str  # string, number, integer, boolean
    title: str
    description: str


FIELDS: tuple[Field, ...] = (
    Field("id", "string", "指标代码", "内容文件中的指标 id，唯一"),
    Field("theme", "string", "主题", "指标所属的发布主题"),
    Field("label", "string", "指标", "指标名称"),
    Field("value", "number", "数值", "指标数值；空表示待补充或暂不发布"),
    Field("qualifier", "string", "限定词", "数值的限定：以上、以下、左右、近、约、超过、突破、前"),
    Field("unit", "string", "单位", "计量单位；空表示无单位（如比值）"),
    Field("year", "integer", "年份", "数值所属年份（期末年）"),
    Field("start_year", "integer", "起始年份", "时期数值的起始年份（累计、年均）"),
    Field("period", "string", "时期", "年份或时期，如2024年、2021—2024年、2018年上半年"),
    Field("comparison", "string", "比较", "与基期的比较，如较2020年增加836.2亿元"),
    Field("base_year", "integer", "基期年份", "比较的基期年份"),
    Field("base_value", "number", "基期数值", "基期数值，单位同数值"),
    Field("base_derived", "boolean", "基期数值为推算", "true 表示基期数值由数值减增量推算得出"),
    Field("increase", "number", "增量", "较基期的增减量，单位同数值；负数表示减少"),
    Field("growth", "string", "增长", "增速及其口径，如按可比价格计算，年均增长5.6%"),
    Field("growth_rate", "number", "增速", "增速（%）；负数表示下降"),
    Field("growth_basis", "string", "增速口径", "现价、可比价或未注明"),
    Field("rank", "string", "位次", "位次，如全省第四位"),
    Field("rank_position", "integer", "位次序号", "位次的序号"),
    Field("derived", "boolean", "推算值", "true 表示数值由其他指标推算得出（文件中标※）"),
    Field("status", "string", "状态", "空表示已定稿；草稿中注明草稿、待补充或待核对"),
    Field("source", "string", "资料来源", "数据来源"),
)


@dataclass(frozen=True)
class DataRow:
    """One metric's fields as text, in FIELDS' order; '' is an empty field."""

    cells: tuple[str, ...]

    def as_dict(self) -> dict[str, str]:
        return {f.name: c for f, c in zip(FIELDS, self.cells)}


def _text(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return TRUE if x else FALSE
    if isinstance(x, (int, float)):
        return num(x)
    return str(x)


def _period(m: Metric) -> str:
    return period_text(years_of(m), m.period or "")


def _status(m: Metric, draft: bool) -> str:
    """'' when final; in a draft 草稿, with 待补充 when a value or rate it shows is missing, or 待核对."""
    missing = (m.value is None and not m.withheld("value")) or (
        m.growth is not None and m.growth.rate is None and not m.withheld("growth"))
    gap = MISSING_STATUS if missing else (UNVERIFIED_STATUS if m.status == UNVERIFIED_STATUS else "")
    if draft:
        return f"{DRAFT}：{gap}" if gap else DRAFT
    return gap


def metric_row(m: Metric, theme: str, source: str, draft: bool) -> DataRow:
    """The row of one published metric (see the module's rules for what is left empty)."""
    value = None if m.withheld("value") else m.value
    c = None if m.withheld("comparison") else m.comparison
    g = None if m.withheld("growth") else m.growth
    r = None if m.withheld("rank") else m.rank
    fields = {
        "id": m.id, "theme": theme, "label": m.label, "value": value,
        "qualifier": m.qualifier if value is not None else None, "unit": m.unit, "year": m.year, "start_year": m.start,
        "period": _period(m), "comparison": comparison_text(m) if c else "",
        "base_year": c.base_year if c else None,
        "base_value": c.base_value if c and value is not None else None,  # with the increase it would give the value
        "base_derived": bool(c and c.base_derived and value is not None),
        "increase": c.increase if c else None,
        "growth": growth_text(m) if g else "", "growth_rate": g.rate if g else None,
        "growth_basis": g.basis if g else None, "rank": rank_text(r) if r else "",
        "rank_position": r.position if r else None, "derived": bool(m.derived) and value is not None,
        "status": _status(m, draft), "source": m.source or source,
    }
    return DataRow(tuple(_text(fields[f.name]) for f in FIELDS))


def data_rows(conf: Conference, source: str, draft: bool = False) -> tuple[DataRow, ...]:
    """Every published metric of the conference, in the content's order (parts, themes, metrics)."""
    rows = []
    for part in conf.parts:
        for theme in part.themes:
            rows += [metric_row(m, theme.title, source, draft) for m in theme.metrics if m.publish]
    return tuple(rows)
