"""The one walk over a conference's tree, with the YAML path of each thing (for file:line:col in findings)."""
from __future__ import annotations

from collections.abc import Iterator

from ..messages import N_, _
from .model import Chart, Conference, Highlight, Metric, Part, Structure, Theme

Path_ = tuple  # ("parts", 0, "themes", 2, "metrics", 1): the keys and indexes that lead to a value


def themes(conf: Conference) -> Iterator[tuple[Path_, Part, Theme]]:
    """Every theme in reading order, with its part and its path."""
    for pi, part in enumerate(conf.parts):
        for ti, theme in enumerate(part.themes):
            yield ("parts", pi, "themes", ti), part, theme


def metrics(conf: Conference) -> Iterator[tuple[Path_, Metric]]:
    for base, _part, theme in themes(conf):
        for mi, m in enumerate(theme.metrics):
            yield base + ("metrics", mi), m


def structures(conf: Conference) -> Iterator[tuple[Path_, Structure]]:
    for base, _part, theme in themes(conf):
        for si, s in enumerate(theme.structures):
            yield base + ("structures", si), s


def charts(conf: Conference) -> Iterator[tuple[Path_, Chart]]:
    for base, _part, theme in themes(conf):
        for ci, c in enumerate(theme.charts):
            yield base + ("charts", ci), c


def highlights(conf: Conference, withheld: bool = False) -> Iterator[tuple[Path_, Theme, str]]:
    """The highlights an audience reads (or, with withheld=True, those withheld on purpose), with the path of the text."""
    for base, _part, theme in themes(conf):
        for hi, h in enumerate(theme.highlights):
            if isinstance(h, Highlight):
                if h.publish != withheld:
                    yield base + ("highlights", hi, "text"), theme, h.text
            elif not withheld:
                yield base + ("highlights", hi), theme, h


def text_fields(conf: Conference) -> Iterator[tuple[Path_, Theme, str]]:
    """Every templated text an audience reads: leads, highlights and narratives (not a highlight withheld)."""
    shown: dict[str, list[tuple[Path_, str]]] = {}
    for path, theme, text in highlights(conf):
        shown.setdefault(theme.id, []).append((path, text))
    for base, _part, theme in themes(conf):
        if theme.message:
            yield base + ("message",), theme, theme.message
        for ci, chart in enumerate(theme.charts):
            if chart.message:
                yield base + ("charts", ci, "message"), theme, chart.message
        if theme.lead:
            yield base + ("lead",), theme, theme.lead
        for path, text in shown.get(theme.id, []):
            yield path, theme, text
        if theme.narrative:
            yield base + ("narrative",), theme, theme.narrative


def ids(conf: Conference) -> Iterator[tuple[Path_, str, str]]:
    """Every id a conference declares: (path of the id, kind, id)."""
    for base, _part, theme in themes(conf):
        yield base + ("id",), "theme", theme.id
        for i, m in enumerate(theme.metrics):
            yield base + ("metrics", i, "id"), "metric", m.id
        for i, s in enumerate(theme.structures):
            yield base + ("structures", i, "id"), "structure", s.id
        for i, c in enumerate(theme.charts):
            yield base + ("charts", i, "id"), "chart", c.id


def audience_texts(conf: Conference) -> Iterator[tuple[Path_, str]]:
    """Every text the audience reads, as written: titles, leads, highlights, narratives, labels, chart words."""
    for base, _part, theme in themes(conf):
        yield base + ("title",), theme.title
    for path, _theme, text in text_fields(conf):
        yield path, text
    for path, m in metrics(conf):
        if not m.withheld("value"):
            yield path + ("label",), m.label
    for path, s in structures(conf):
        yield path + ("label",), s.label
    for path, c in charts(conf):
        yield path + ("title",), c.title
        for i, category in enumerate(c.categories):
            yield path + ("categories", i), category
        for i, series in enumerate(c.series):
            yield path + ("series", i, "name"), series.name
        if c.note:
            yield path + ("note",), c.note


def withheld(conf: Conference) -> Iterator[tuple[Path_, str, str]]:
    """Everything withheld from the audience on purpose: (path, what it is, why), in reading order."""
    for path, m in metrics(conf):
        if not m.publish:
            yield path + ("publish",), m.label, m.note or ""
            continue
        for part in m.withhold:
            what = _({"value": N_("value"), "comparison": N_("comparison"), "growth": N_("growth rate"),
                      "rank": N_("rank")}[part])
            why = m.note or ""
            yield path + ("withhold",), f"{m.label}: {what}", why
    for base, _part, theme in themes(conf):
        for hi, h in enumerate(theme.highlights):
            if isinstance(h, Highlight) and not h.publish:
                yield base + ("highlights", hi, "publish"), _("{title}: highlight {n}", title=theme.title, n=hi + 1), h.note or ""
