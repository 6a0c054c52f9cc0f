"""Narratives: the sandboxed jinja2 texts (leads, highlights, narratives) that name metrics by id."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import CodeType

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from .. import limits
from ..content import walk
from ..content.model import Conference, Metric, Structure, highlight_text, invisible, published
from ..content.source import UNPRINTABLE, Source, format_path
from ..errors import Finding
from ..messages import _
from .compiled import CompiledTexts, from_code
from .sandbox import BoundedSandbox, constant_problem, deadline, shape_problem, too_deep
from .wording import MISSING, change, cn, comparison_text, growth_text, num, period_text, points, rank_text, span, with_unit


class Withheld(Exception):
    """Raised when a text the audience reads names a figure withheld on purpose (publish: false, withhold: [...])."""

    def __init__(self, metric: Metric, part: str):
        self.metric, self.part = metric, part
        how = "publish: false" if not metric.publish else f"withhold: [{part}]"
        what = metric.id if not metric.publish else _("the {part} of {id}", part=part, id=metric.id)
        super().__init__(_("{what} is withheld on purpose ({how}) and must not be shown; drop the reference, or "
                           "withhold this text too ({{text: …, publish: false, note: why}})", what=what, how=how))


class MetricView:
    """What a narrative sees for a metric id: prints as value with unit; attributes give the other wordings.

    A part withheld on purpose raises Withheld when read (unless `allow_withheld`, for texts withheld themselves); the
    metric is kept in `_metric`, which the sandbox does not let a narrative read."""

    def __init__(self, metric: Metric, allow_withheld: bool = False):
        self._metric = metric
        self._allow = allow_withheld

    def _part(self, part: str) -> Metric:
        if self._metric.withheld(part) and not self._allow:
            raise Withheld(self._metric, part)
        return self._metric

    def __str__(self) -> str:
        m = self._part("value")
        return with_unit(m.value, m.unit, m.qualifier)

    __html__ = __str__

    @property
    def label(self) -> str:
        return self._part("label").label

    @property
    def num(self) -> str:
        return num(self._part("value").value)

    @property
    def year(self) -> str:
        m = self._part("label")
        return period_text(str(m.year) if m.year else "", m.period or "")  # the year alone, never a span's start

    @property
    def base(self) -> str:
        m = self._part("comparison")
        return with_unit(m.comparison.base_value if m.comparison else None, m.unit)

    @property
    def increase(self) -> str:
        m = self._part("comparison")
        return with_unit(m.comparison.increase if m.comparison else None, m.unit)

    @property
    def compare(self) -> str:
        return comparison_text(self._part("comparison")) or MISSING

    @property
    def growth(self) -> str:
        g = self._part("growth").growth
        return with_unit(g.rate if g else None, "%")

    @property
    def growth_text(self) -> str:
        return growth_text(self._part("growth")) or MISSING

    @property
    def rank(self) -> str:
        return rank_text(self._part("rank").rank) or MISSING


METRIC_FIELDS = tuple(n for n, v in vars(MetricView).items() if isinstance(v, property))


def ratio(*values) -> str:
    """Structure ratio 6.2:42.8:51 from metrics or numbers."""
    out = []
    for v in values:
        v = v._part("value").value if isinstance(v, MetricView) else v
        out.append(num(v))
    return ":".join(out)


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


# What a narrative may use: text, {{ expressions }} and {% if %}. Loops, assignments, macros and includes are what
# let a template grow without bound (nested loops, x = x ~ x), and a narrative needs none of them.
ALLOWED_STATEMENTS = (nodes.Output, nodes.If)
# Filters whose output stays the size of their input; center, indent, format, wordwrap … are left out, since their
# arguments set the size of what they make (`'x'|center(10**9)`, `'%0999999999d'|format(1)`).
ALLOWED_FILTERS = {"abs", "capitalize", "default", "d", "first", "float", "int", "join", "last", "length", "lower",
                   "round", "string", "title", "trim", "upper"}
def environment() -> BoundedSandbox:
    """The only jinja environment: sandboxed, strict about undefined names, no file system or imports."""
    env = BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, methods=frozenset())
    env.globals.clear()
    env.globals.update(ratio=ratio, span=span, cn=cn, change=change, points=points, num=num)
    env.filters = {name: f for name, f in env.filters.items() if name in ALLOWED_FILTERS}
    env.filters.update(num=num, cn=cn, change=change, points=points,
                       pct=lambda x: with_unit(x, "%"), wan=lambda x: with_unit(x, "万"))
    env.bound_filters()
    return env


_ENV = environment()


def context(conf: Conference, allow_withheld: bool = False) -> dict:
    """The names a text may use; `allow_withheld` for texts that are withheld themselves (checked, never shown)."""
    metrics = conf.metrics()
    ctx: dict = {mid: MetricView(m, allow_withheld) for mid, m in metrics.items()}
    for theme in conf.themes():
        for s in theme.structures:
            ctx[s.id] = StructureView(s, metrics)
    return ctx


@dataclass(frozen=True)
class Names:
    """The names a narrative reads (with their lines) and the ones it sets: enough to check it against a context."""

    read: tuple[tuple[int, str], ...]
    assigned: frozenset[str]

    @classmethod
    def of(cls, tree: nodes.Template) -> Names:
        return cls(tuple((n.lineno, n.name) for n in tree.find_all(nodes.Name) if n.ctx == "load"),
                   frozenset(n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")))


def _undefined_names(names: Names, known: Iterable[str]) -> list[tuple[int, str]]:
    known = set(known) | names.assigned | set(_ENV.globals)
    return [(line, name) for line, name in names.read if name not in known]


@lru_cache(maxsize=4096)
def _compiled(text: str):
    """Parse, name check and compile a text once; `check` compiles everything, and forked workers inherit it.

    A text compiled before, in any run on this machine, comes from the memory of compiled narratives instead (jinja's
    parse and compile of the seed's 80 texts took 0.04 s of every run)."""
    known = COMPILED.get(text)
    if known is not None:
        kept, (read, assigned) = known
        return from_code(_ENV, kept), Names(tuple(read), frozenset(assigned))
    deep = too_deep(_ENV, text)
    if deep:
        raise NarrativeError(*deep)
    try:
        tree = _ENV.parse(text)
    except TemplateSyntaxError as exc:
        raise NarrativeError(exc.lineno or 1, _("template syntax: {problem}", problem=exc.message))
    except RecursionError:
        raise NarrativeError(1, _("an expression nested too deep to read; write it simpler")) from None
    shape = shape_problem(tree, limits.TEMPLATE_NODES) or constant_problem(_ENV, tree)
    if shape:
        raise NarrativeError(*shape)
    for node in tree.find_all(nodes.Stmt):
        if not isinstance(node, ALLOWED_STATEMENTS):
            word = type(node).__name__.lower().replace("assign", "set").replace("fromimport", "import")
            word = "autoescape" if "scope" in word or "evalcontext" in word else word  # its Scope, its modifier
            # a Scope ({% autoescape %}'s) carries no line of its own: the narrative's first, then
            raise NarrativeError(node.lineno or 1, _("not allowed in a narrative: {{% {word} %}}; a narrative is text with "
                                                "{{{{ metric }}}} references and {{% if %}}, nothing more", word=word))
    for used in tree.find_all(nodes.Filter):
        if used.name not in _ENV.filters:
            raise NarrativeError(used.lineno or 1, _("not allowed in a narrative: the filter {name!r}; use one of: {names}",
                                                name=used.name, names=", ".join(sorted(_ENV.filters))))
    names = Names.of(tree)
    try:
        code: CodeType = _ENV.compile(tree)  # a code object (raw=False)
    except (RecursionError, SyntaxError, MemoryError) as exc:  # past what shape_problem measures: still the text's
        raise NarrativeError(1, _("too complex to compile ({kind}); write it simpler", kind=type(exc).__name__)) from None
    except SecurityError as exc:  # jinja folds constant expressions as it compiles: (1).__class__ is refused there
        raise NarrativeError(1, _("not allowed in a narrative: {problem}", problem=str(exc)[:160])) from None
    COMPILED.put(text, code, (names.read, tuple(sorted(names.assigned))))  # only texts that pass
    return from_code(_ENV, code), names


# compiled narratives remembered across runs (present/compiled.py), for this module's rules and its sandbox's
COMPILED = CompiledTexts("narrative", Path(__file__), Path(__file__).with_name("sandbox.py"))
save_compiled = COMPILED.save


def render_narrative(text: str, ctx: dict, most: int = limits.VALUE_CHARS) -> str:
    """Render one narrative, in at most NARRATIVE_SECONDS and `most` characters; raise NarrativeError with the
    narrative's own line number."""
    template, names = _compiled(text)
    undefined = _undefined_names(names, ctx)
    if undefined:
        line, name = undefined[0]
        raise NarrativeError(line, _("unknown name {name!r} in narrative: no metric or structure has this id", name=name))
    try:
        with deadline(limits.NARRATIVE_SECONDS, "the text"):
            made = template.render(ctx).strip()
    except Withheld as exc:
        raise NarrativeError(_template_line(exc), str(exc))
    except (SecurityError, UndefinedError, TemplateError, TypeError, ValueError, AttributeError,
            ArithmeticError, IndexError, KeyError, RecursionError) as exc:
        message = str(exc).splitlines()[0][:160]
        if isinstance(exc, SecurityError):
            message = _("not allowed in a narrative: {problem}", problem=message)
        elif "MetricView object' has no attribute" in message:
            attr = message.rsplit("'", 2)[-2]
            message = _("a metric has no field {name!r}; use one of: {names}", name=attr, names=", ".join(METRIC_FIELDS))
        else:
            message = _("narrative cannot render: {problem}", problem=message)
        raise NarrativeError(_template_line(exc), message)
    if len(made) > most:
        raise NarrativeError(1, _("renders to {n:,} characters; this field may hold at most {most:,}", n=len(made),
                                  most=most))
    if invisible(made):  # a blank bullet, lead or paragraph
        raise NarrativeError(1, _("renders to nothing visible ({text}); write what it should say or delete it",
                                  text=text.strip()[:60]))
    bad = UNPRINTABLE.search(made)
    if bad:  # a string in the template ('\x0b', '\ud800') makes what the file's own check refuses in its raw text
        raise NarrativeError(1, _("renders control character U+{code:04X} (from an escape in the text): documents "
                                  "cannot hold it; delete it", code=ord(bad.group())))
    odd = _NOT_A_FIGURE.search(made)
    if odd:  # {{ 'nan'|float }}, {{ 1e308 * 10 }}: what a reader would take for a figure no content states
        raise NarrativeError(1, _("renders {text!r}, which is no number; write the figure's reference instead",
                                  text=odd.group()))
    return made


_NOT_A_FIGURE = re.compile(r"(?<![A-Za-z])-?(?:nan|inf|infinity)(?![A-Za-z])", re.I)


def _template_line(exc: BaseException) -> int:
    """Jinja rewrites tracebacks so template frames carry the template's own line numbers."""
    tb, line = exc.__traceback__, 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


LINE_FIELDS = ("lead", "message")  # content/model.py's Line: a sentence or two, bounded when rendered as when written


def check_narratives(conf: Conference, source: Source) -> list[Finding]:
    """Render every templated text once, so template problems are content errors found by `check`."""
    ctx, out = context(conf), []
    texts = [(path, text, ctx) for path, _theme, text in walk.text_fields(conf)]
    if any(True for _ in walk.highlights(conf, withheld=True)):
        hidden = context(conf, allow_withheld=True)
        texts += [(path, text, hidden) for path, _theme, text in walk.highlights(conf, withheld=True)]
    for path, text, names in texts:
        try:
            render_narrative(text, names, limits.LINE_CHARS if path[-1] in LINE_FIELDS else limits.VALUE_CHARS)
        except NarrativeError as exc:
            line, col = source.where(path)
            out.append(Finding(source.file, line + exc.lineno - 1, col, format_path(path, source.data), str(exc)))
    save_compiled()
    return out


@dataclass
class RenderedTheme:
    message: str = ""
    lead: str = ""
    charts: dict[str, str] = field(default_factory=dict)  # chart id -> its message
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
        r.message = _one_line(render_narrative(theme.message, ctx)) if theme.message else ""
        r.charts = {c.id: _one_line(render_narrative(c.message, ctx)) for c in theme.charts if c.message}
        r.lead = _one_line(render_narrative(theme.lead, ctx)) if theme.lead else ""
        r.highlights = [_one_line(render_narrative(highlight_text(h), ctx)) for h in theme.highlights if published(h)]
        text = render_narrative(theme.narrative, ctx) if theme.narrative else ""
        r.paragraphs = [_one_line(p) for p in text.split("\n\n") if p.strip()]
        out[theme.id] = r
    return out
