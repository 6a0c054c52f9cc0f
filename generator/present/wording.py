"""Chinese number formatting and the sandboxed jinja2 narratives that use it."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Iterable

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import Finding
from ..content.model import Conference, Metric, Rank, Structure
from ..content.source import Source, format_path

MISSING = "待补充"
_DIGITS = "零一二三四五六七八九"


def num(x: float | None, digits: int | None = None) -> str:
    """A figure the way Chinese statistics print it: no thousands separator, no trailing zeros, half-up rounding."""
    if x is None:
        return MISSING
    d = Decimal(repr(float(x)))
    if digits is not None:
        d = d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        text = f"{d:f}"
    else:
        text = f"{d:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "-0.0") else text


def with_unit(x: float | None, unit: str = "", qualifier: str | None = None) -> str:
    """2458.8亿元, 98.8%, 80%以上, 近1000亿元; a missing value reads 待补充."""
    if x is None:
        return MISSING
    text = num(x) + unit
    if qualifier in ("以上", "以下"):
        return text + qualifier
    return (qualifier or "") + text


def cn(n: int) -> str:
    """Chinese numerals for counts and ranks: 4 -> 四, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五."""
    n = int(n)
    if n < 0:
        return "负" + cn(-n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + cn(rest) if rest < 10 else (cn(rest) if rest >= 20 else "一" + cn(rest)))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def change(x: float | None, unit: str = "%", up: str = "增长", down: str = "下降") -> str:
    """增长5.6% / 下降1.2% from the sign; 持平 for zero."""
    if x is None:
        return up + MISSING
    if x == 0:
        return "持平"
    return (up if x > 0 else down) + num(abs(x)) + unit


def points(x: float | None, up: str = "提升", down: str = "下降") -> str:
    """提升1.6个百分点 / 下降0.3个百分点."""
    return change(x, "个百分点", up, down)


def ratio(*values) -> str:
    """Structure ratio 6.2:42.8:51 from metrics or numbers."""
    out = []
    for v in values:
        v = v.metric.value if isinstance(v, MetricView) else v
        out.append(num(v))
    return ":".join(out)


def rank_text(rank: Rank | None) -> str:
    """全省第四位 / 居全省前列."""
    if rank is None:
        return ""
    if rank.position is None:
        return rank.wording or ""
    return f"{rank.scope}第{cn(rank.position)}位" if rank.position > 1 else f"{rank.scope}首位"


def span(start: int, end: int) -> str:
    """2021—2024年 (em dash, as in official writing)."""
    return f"{start}—{end}年"


def comparison_text(m: Metric) -> str:
    """较2020年增加836.2亿元 / 较2020年增长60% / 较2020年提升1.8个百分点 / 是“十三五”末的1.6倍; '' when none."""
    c = m.comparison
    if c is None:
        return ""
    base = c.base_label or (f"{c.base_year}年" if c.base_year else "")
    parts = []
    if c.increase is not None:
        verb = ("扩大" if c.increase >= 0 else "缩小") if (m.ratio_of or not m.unit) else ("增加" if c.increase >= 0 else "减少")
        if m.unit == "%":
            parts.append(f"较{base}" + points(c.increase))
        else:
            parts.append(f"较{base}{verb}{num(abs(c.increase))}{m.unit}")
    if c.points is not None:
        parts.append(f"较{base}" + points(c.points))
    if c.percent is not None:
        parts.append(f"较{base}" + change(c.percent))
    if c.times is not None:
        parts.append(f"是{base}的{num(c.times)}倍")
    return "，".join(parts)


def growth_text(m: Metric) -> str:
    """年均增长5.6% (按可比价格计算); the basis is kept in the words."""
    g = m.growth
    if g is None:
        return ""
    prefix = "按可比价格计算，" if g.basis == "可比价" else ""
    return prefix + ("" if g.kind == "未注明" else g.kind) + change(g.rate)


class MetricView:
    """What a narrative sees for a metric id: prints as value with unit; attributes give the other wordings."""

    def __init__(self, metric: Metric):
        self.metric = metric

    def __str__(self) -> str:
        m = self.metric
        return with_unit(m.value, m.unit, m.qualifier)

    __html__ = __str__

    @property
    def label(self) -> str:
        return self.metric.label

    @property
    def num(self) -> str:
        return num(self.metric.value)

    @property
    def year(self) -> str:
        return f"{self.metric.year}年" if self.metric.year else ""

    @property
    def base(self) -> str:
        c = self.metric.comparison
        return with_unit(c.base_value if c else None, self.metric.unit)

    @property
    def increase(self) -> str:
        c = self.metric.comparison
        return with_unit(c.increase if c else None, self.metric.unit)

    @property
    def compare(self) -> str:
        return comparison_text(self.metric) or MISSING

    @property
    def growth(self) -> str:
        g = self.metric.growth
        return with_unit(g.rate if g else None, "%")

    @property
    def growth_text(self) -> str:
        return growth_text(self.metric) or MISSING

    @property
    def rank(self) -> str:
        return rank_text(self.metric.rank) or MISSING


METRIC_FIELDS = tuple(n for n, v in vars(MetricView).items() if isinstance(v, property))


class StructureView:
    def __init__(self, structure: Structure, metrics: dict[str, Metric]):
        self.structure = structure
        self.metrics = metrics

    def __str__(self) -> str:
        return ratio(*[self.metrics[p].value if p in self.metrics else None for p in self.structure.parts])

    __html__ = __str__


class NarrativeError(Exception):
    """Raised when a narrative cannot be rendered; lineno is the line inside the narrative."""

    def __init__(self, lineno: int, message: str):
        self.lineno = lineno
        super().__init__(message)


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox plus bounds on * and **, so `'a' * 10**9` cannot eat the machine's memory."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and (abs(right) > 64 if isinstance(right, (int, float)) else True):
            raise SecurityError("exponent too large")
        if operator == "*":
            sized = [x for x in (left, right) if isinstance(x, (str, list, tuple))]
            count = [x for x in (left, right) if isinstance(x, int)]
            if sized and count and len(sized[0]) * count[0] > 10000:
                raise SecurityError("repeated text too long")
        return super().call_binop(context, operator, left, right)


def environment() -> SandboxedEnvironment:
    """The only jinja environment: sandboxed, strict about undefined names, no file system or imports."""
    env = _BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.globals.clear()
    env.globals.update(ratio=ratio, span=span, cn=cn, change=change, points=points, num=num)
    env.filters.update(num=num, cn=cn, change=change, points=points,
                       pct=lambda x: with_unit(x, "%"), wan=lambda x: with_unit(x, "万"))
    return env


_ENV = environment()


def context(conf: Conference) -> dict:
    metrics = conf.metrics()
    ctx: dict = {mid: MetricView(m) for mid, m in metrics.items()}
    for theme in conf.themes():
        for s in theme.structures:
            ctx[s.id] = StructureView(s, metrics)
    return ctx


def _undefined_names(tree: nodes.Template, known: Iterable[str]) -> list[tuple[int, str]]:
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    known = set(known) | assigned | set(_ENV.globals)
    return [(n.lineno, n.name) for n in tree.find_all(nodes.Name) if n.ctx == "load" and n.name not in known]


@lru_cache(maxsize=4096)
def _compiled(text: str):
    """Parse, name check and compile a text once; `check` compiles everything, and forked workers inherit it."""
    try:
        tree = _ENV.parse(text)
    except TemplateSyntaxError as exc:
        raise NarrativeError(exc.lineno or 1, f"template syntax: {exc.message}")
    return _ENV.from_string(tree), tree


def render_narrative(text: str, ctx: dict) -> str:
    """Render one narrative; raise NarrativeError with the narrative's own line number."""
    template, tree = _compiled(text)
    undefined = _undefined_names(tree, ctx)
    if undefined:
        line, name = undefined[0]
        raise NarrativeError(line, f"unknown name {name!r} in narrative: no metric or structure has this id")
    try:
        return template.render(ctx).strip()
    except (SecurityError, UndefinedError, TemplateError, TypeError, ValueError, AttributeError,
            ArithmeticError, IndexError, KeyError, RecursionError) as exc:
        message = str(exc).splitlines()[0][:160]
        if isinstance(exc, SecurityError):
            message = f"not allowed in a narrative: {message}"
        elif "MetricView object' has no attribute" in message:
            attr = message.rsplit("'", 2)[-2]
            message = f"a metric has no field {attr!r}; use one of: {', '.join(METRIC_FIELDS)}"
        else:
            message = f"narrative cannot render: {message}"
        raise NarrativeError(_template_line(exc), message)


def _template_line(exc: BaseException) -> int:
    """Jinja rewrites tracebacks so template frames carry the template's own line numbers."""
    tb, line = exc.__traceback__, 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _text_fields(conf: Conference):
    """Every templated text of a conference with its path: leads, highlights and narratives."""
    for pi, part in enumerate(conf.parts):
        for ti, theme in enumerate(part.themes):
            base = ("parts", pi, "themes", ti)
            if theme.lead:
                yield theme, base + ("lead",), theme.lead
            for hi, h in enumerate(theme.highlights):
                yield theme, base + ("highlights", hi), h
            if theme.narrative:
                yield theme, base + ("narrative",), theme.narrative


def check_narratives(conf: Conference, source: Source) -> list[Finding]:
    """Render every templated text once, so template problems are content errors found by `check`."""
    ctx, out = context(conf), []
    for _theme, path, text in _text_fields(conf):
        try:
            render_narrative(text, ctx)
        except NarrativeError as exc:
            line, col = source.where(path)
            out.append(Finding(source.file, line + exc.lineno - 1, col, format_path(path), str(exc)))
    return out


@dataclass
class RenderedTheme:
    lead: str = ""
    highlights: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def _one_line(text: str) -> str:
    # A single line break inside a paragraph is only the editor's wrapping; Chinese joins without a space.
    return "".join(line.strip() for line in text.splitlines())


def rendered(conf: Conference) -> dict[str, RenderedTheme]:
    """Theme id -> lead, highlights and narrative paragraphs as final text (content passed check first)."""
    ctx = context(conf)
    out: dict[str, RenderedTheme] = {}
    for theme in conf.themes():
        r = RenderedTheme()
        r.lead = _one_line(render_narrative(theme.lead, ctx)) if theme.lead else ""
        r.highlights = [_one_line(render_narrative(h, ctx)) for h in theme.highlights]
        text = render_narrative(theme.narrative, ctx) if theme.narrative else ""
        r.paragraphs = [_one_line(p) for p in text.split("\n\n") if p.strip()]
        out[theme.id] = r
    return out
