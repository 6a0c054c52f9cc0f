"""The storyboard: which slide shows what, in which order, with which title and notes.

The deck draws the slides listed here and decides no wording or order itself. The rules, in order:

1. cover; 2. 发布人 (host and speakers) when the conference names any; 3. the overview of headline figures (the
editor's `overview:` ids, else the first key metric of each theme of the first part, then of the other parts, then
the second of each, skipping a figure already chosen, up to OVERVIEW_MOST; left out under OVERVIEW_LEAST);
4. the agenda: one entry per part with its themes as lines (a conference of one part: one entry per theme), at most
AGENDA_MOST entries a slide; 5. in a conference of two parts or more, each part opens with its heading on a divider
(二、经济发展各领域取得的新成效), then per theme: an opening titled with its message (the editor's `message:`, else
composed from its first card: label + 达/为 + figure [+ rank], at most MESSAGE_MOST characters, else the theme's
title) with its key figures, then its charts, each with the highlights about it beside it (a highlight is about a
chart when it states a figure the chart plots; a chart no highlight is about stands alone under its message, its
figures said in the notes), then the highlights left alone; 6. 答记者问; 7. the closing.

Each figure once: a key figure already shown on an earlier slide (other than the overview) gets no card again, and a
clause of a lead or highlight that only restates figures shown before is said in the notes instead of shown. Each
highlight once: on one slide, said in that slide's notes (one left alone on a slide is said in the opening's notes).
A card states what the source states: a derived (※) figure is a card only when no stated figure of its theme is left.
A note under a slide only for what it shows: ※为推算值 under a ※ card, a chart's own note (its worked-out bases) under
the chart; a card shows a comparison, never a base value, so no note about bases stands under cards.
Fuller slides: at most BULLETS_MOST bullets a slide; a chart of fewer than MIN_POINTS categories, or the part of one
whose values lie more than SCALE_MOST times apart on one axis, is shown as the cards of the metrics it plots.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..vocabulary import chart_kind
from . import labels as L
from .charts import DERIVED_NOTE, ChartData
from .said import said as as_said
from .said import texts_of
from .view import GAP, ConferenceView, MetricShown, ThemeView
from .wording import cn, num

MESSAGE_MOST = 24  # characters of a composed message title; a longer one falls back to the theme's title
OVERVIEW_MOST, OVERVIEW_LEAST = 8, 3
AGENDA_MOST = 8
SPEAKERS_MOST = 6  # people on one 发布人 page: a row each, tall enough for a name at the body size
BULLETS_MOST = 5
CARDS_MOST = 6
MIN_POINTS = 3
SCALE_MOST = 20.0

# Fits(place, highlights, lead, cards): whether the highlights fit on one slide at `place` ("opening": under the
# lead beside or below `cards` cards; "chart": beside a chart; "page": a slide of their own). The deck answers it
# with its real font metrics; the storyboard only asks.
Fits = Callable[[str, tuple[str, ...], str, int], bool]

_UNITS = sorted((u for u in L.UNIT_WORDS if u != "年"), key=len, reverse=True)
FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:" + "|".join(map(re.escape, _UNITS)) + r")|(?<![\d.])\d+\.\d+")


def figures(text: str) -> set[str]:
    """The figures a text states, each with its unit (2458.8亿元, 98%, 2.15); years are no figures."""
    return set(FIGURE.findall(text))


@dataclass(frozen=True)
class Entry:
    """One agenda entry: a part (or a theme) and the lines under it."""

    title: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class StorySlide:
    kind: str  # a key of vocabulary.SLIDE_KINDS
    title: str
    notes: str
    kicker: str = ""  # the theme's heading above the lead
    lead: str = ""
    cards: tuple[MetricShown, ...] = ()
    highlights: tuple[str, ...] = ()
    charts: tuple[ChartData, ...] = ()
    source: str = ""  # the source line; '' on a slide without figures
    entries: tuple[Entry, ...] = ()
    people: tuple[tuple[str, str], ...] = ()  # (role, name)
    lines: tuple[str, ...] = ()  # the lines under a cover's, closing's or 答记者问's title


@dataclass(frozen=True)
class ThemeStory:
    id: str
    title: str
    slides: tuple[StorySlide, ...]

    @property
    def charts(self) -> tuple[ChartData, ...]:
        return tuple(c for s in self.slides for c in s.charts)


@dataclass(frozen=True)
class Storyboard:
    opening: tuple[StorySlide, ...]  # cover, 发布人, overview, agenda
    themes: tuple[ThemeStory, ...]
    ending: tuple[StorySlide, ...]  # 答记者问, closing
    parts: tuple[tuple[int, StorySlide], ...] = ()  # (the theme it opens, the part's divider), when there are parts

    def divider(self, theme: int) -> StorySlide | None:
        return next((s for i, s in self.parts if i == theme), None)

    @property
    def slides(self) -> tuple[StorySlide, ...]:
        themed = (s for i, t in enumerate(self.themes) for s in (*filter(None, [self.divider(i)]), *t.slides))
        return (*self.opening, *themed, *self.ending)


# ---------------------------------------------------------------- figures and messages


def card_figures(m: MetricShown) -> set[str]:
    return {m.text} | figures(" ".join(m.details))


def composed(m: MetricShown, texts: tuple[str, ...] = ()) -> str:
    """The figure as the theme's texts say it (present/said.py: the content's verb, 为 when it gives none), and its
    rank when it still fits; '' when none fits."""
    if m.missing or m.before == "前":
        return ""
    base = as_said(m, texts)[0]
    rank = m.rank if not m.rank or m.rank.startswith(("居", "连续")) else f"居{m.rank}"
    for title in (f"{base} {rank}" if rank else "", base):
        if title and len(title) <= MESSAGE_MOST:
            return title
    return ""


def thinned(text: str, shown: set[str]) -> str:
    """The text without what only restates figures shown before, or '' (the notes say it). A text whose every
    figure was shown keeps its other clauses when they are at least half of it; a text with new figures keeps them
    when the restated clauses all come after them (cut off at the end), else it is said in the notes: a clause cut
    from the middle would leave a sentence without its subject."""
    if GAP in text:  # a draft's gap stays in sight
        return text
    clauses = [c for c in re.split(r"(?<=[，；。：])", text) if c]
    figs = [figures(c) for c in clauses]
    restated = [bool(f) and f <= shown for f in figs]
    if not any(restated):
        return text
    new = [k for k, (f, r) in enumerate(zip(figs, restated)) if f and not r]
    if new:
        if any(restated[:new[-1]]):
            return ""
        return _ended("".join(clauses[:new[-1] + 1]))
    kept = "".join(c for c, r in zip(clauses, restated) if not r).strip("，；：")
    return _ended(kept) if 2 * len(kept) >= len(text) else ""


def _ended(text: str) -> str:
    return text if text.endswith("。") else re.sub(r"[，；：]?$", "。", text, count=1)


def cue(text: str) -> str:
    """What the host says (the cover, the overview, the agenda and the hand-over, 答记者问, the closing)."""
    return f"{L.HOST_CUE}{text}"


def script(said: Iterable[str], extra: Iterable[str] = ()) -> str:
    """The presenter's words, unmarked: each sentence once. `said` is spoken as written (but for a sentence said
    before); a text of `extra` (a lead, a highlight the slide leaves out) only for a figure not said yet, cut as
    `thinned` cuts a text shown after its figures."""
    lines: list[str] = []
    sentences: set[str] = set()
    told: set[str] = set()
    for text, always in [*((t, True) for t in said), *((t, False) for t in extra)]:
        for line in filter(None, (t.strip() for t in text.split("\n"))):
            if not always:  # only its clauses with new figures, when they can stand without the rest
                line = thinned(line, told)
                if not figures(line) - told:
                    continue
            stated = figures(line)
            parts = [p for p in re.split(r"(?<=[。！？])", line) if p.strip()]
            kept = "".join(p for p in parts if p.strip() not in sentences)
            sentences |= {p.strip() for p in parts}
            told |= stated
            if kept:
                lines.append(kept)
    return "\n".join(lines)


# ---------------------------------------------------------------- charts shown as charts or as cards


def shaped(data: ChartData) -> tuple[list[ChartData], list[str]]:
    """(charts to draw, metric ids to show as cards instead): a chart of fewer than MIN_POINTS categories is its
    cards; one whose values lie more than SCALE_MOST apart is split into groups that do not, each a chart when it
    keeps MIN_POINTS categories, else cards."""
    if chart_kind(data.kind).round:
        return [data], []
    groups = scale_groups(data)
    charts, cards = [], []
    for k, group in enumerate(groups):
        if len(group) >= MIN_POINTS:
            charts.append(data if len(groups) == 1 else subset(data, group, k))
        else:
            cards += [mid for i in group for mid in (data.refs[i] if i < len(data.refs) else ())]
    return charts, list(dict.fromkeys(cards))


def scale_groups(data: ChartData) -> list[list[int]]:
    """The categories in groups whose values on each axis lie within SCALE_MOST of each other (one group when all
    do, or when a value is not positive)."""
    values = [v for s in data.series for v in s.values if v is not None]
    if not values or min(values) <= 0:
        return [list(range(len(data.categories)))]

    def span(i: int, secondary: bool) -> tuple[float, float]:
        vs = [v for s in data.series if s.secondary == secondary for v in [s.values[i]] if v is not None]
        return (min(vs), max(vs)) if vs else (1.0, 1.0)

    axes = [a for a in (False, True) if any(s.secondary == a for s in data.series)]
    groups: list[list[int]] = []
    for i in sorted(range(len(data.categories)), key=lambda i: -span(i, axes[0])[1]):  # the largest together
        together = groups[-1] + [i] if groups else []
        if together and all(max(span(j, a)[1] for j in together) <= SCALE_MOST * min(span(j, a)[0] for j in together)
                            for a in axes):
            groups[-1].append(i)
        else:
            groups.append([i])
    return [sorted(g) for g in sorted(groups, key=min)]


def subset(data: ChartData, keep: list[int], k: int) -> ChartData:
    series = tuple(dataclasses.replace(s, values=tuple(s.values[i] for i in keep),
                                       derived=tuple(s.derived[i] for i in keep) if s.derived else ())
                   for s in data.series)
    note = data.note if any(any(s.derived) for s in series) else data.note.replace(DERIVED_NOTE, "")  # ※ where shown
    return dataclasses.replace(data, id=data.id if k == 0 else f"{data.id}_{k + 1}", note=note,
                               categories=tuple(data.categories[i] for i in keep), series=series,
                               refs=tuple(data.refs[i] for i in keep if i < len(data.refs)))


def chart_title(data: ChartData, metrics: dict[str, MetricShown], shown: set[str]) -> str:
    """The editor's message; for a pie, its largest share composed (when not shown before); else its title."""
    if data.message:
        return data.message
    if chart_kind(data.kind).round and data.series and len(data.refs) == len(data.categories):
        values = data.series[0].values
        best = max(range(len(values)), key=lambda i: values[i] or 0.0)
        m = metrics.get(data.refs[best][0]) if data.refs[best] else None
        if m is not None and m.text not in shown:
            title = f"{m.label}{m.text}"
            if len(title) <= MESSAGE_MOST:
                return title
    return data.title


# ---------------------------------------------------------------- the fixed slides


def cover(view: ConferenceView) -> StorySlide:
    return StorySlide("cover", view.heading, cue(view.cover_script),
                      lines=(view.banner, view.date + "\n" + "　".join(view.organisers)))


def speakers(view: ConferenceView) -> list[StorySlide]:
    people = ([(L.HOST, _named(*view.host))] if view.host else []) + [(L.SPEAKER, _named(*p)) for p in view.speakers]
    if not people:
        return []
    # the host introduces everyone on the first page; a long platform goes on to 发布人（续）, a row a person at a size
    # that holds a name (60 people on one page left rows of negative height)
    pages = [people[k:k + SPEAKERS_MOST] for k in range(0, len(people), SPEAKERS_MOST)]
    title = L.ATTENDING_TITLE if view.host else L.SPEAKERS_TITLE
    return [StorySlide("speakers", title if k == 0 else L.continued(title),
                       L.speakers_notes(people) if k == 0 else "", people=tuple(page))
            for k, page in enumerate(pages)]


def _named(name: str, role: str) -> str:
    return f"{role}　{name}" if role else name


def overview_metrics(view: ConferenceView) -> list[MetricShown]:
    everything = {m.id: m for t in view.themes for m in t.metrics}
    if view.overview:
        return [everything[i] for i in view.overview if i in everything and not everything[i].missing]
    queues = [[m for m in t.key_metrics if not m.missing] for t in view.themes]  # parts in order: the first first
    picked: list[MetricShown] = []
    while any(queues) and len(picked) < OVERVIEW_MOST:
        for queue in queues:
            while queue and queue[0].text in {p.text for p in picked}:
                queue.pop(0)
            if queue and len(picked) < OVERVIEW_MOST:
                picked.append(queue.pop(0))
    return picked


def overview(view: ConferenceView) -> list[StorySlide]:
    # at a glance: the figure, its one change (the comparison, else the growth: a level of 55μg/m³ read without its
    # fall reads as an achievement), its period; the rank and a second change are said on the theme's own slide
    cards = tuple(dataclasses.replace(m, comparison=m.comparison or m.growth, growth="", rank="",
                                      base_derived=m.base_derived and bool(m.comparison)) for m in overview_metrics(view))
    if len(cards) < OVERVIEW_LEAST:
        return []
    said = "；".join(f"{m.label}{m.text}" for m in cards)
    return [StorySlide("overview", L.overview_title(view.period), cue(L.OVERVIEW_CUE) + "\n" + said + "。",
                       cards=cards, source=card_source(view, cards))]


def agenda(view: ConferenceView) -> list[StorySlide]:
    if len(view.parts) > 1:
        entries = [Entry(p.title, tuple(t.title for t in p.themes)) for p in view.parts]
    else:
        entries = [Entry(t.title) for t in view.themes]
    n = max(1, -(-len(entries) // AGENDA_MOST))
    size = -(-len(entries) // n) if entries else 0
    chunks = [entries[k * size:(k + 1) * size] for k in range(n)]
    handover = L.handover([_named(*p) for p in view.speakers])  # the host gives the floor after the last page
    return [StorySlide("agenda", L.agenda_title(k), cue(L.agenda_notes((e.title for e in chunk), k == 0, start=k * size,
                                                                        total=len(entries))
                                                      + (handover if k == n - 1 else "")),
                       entries=tuple(chunk)) for k, chunk in enumerate(chunks)]


def ending(view: ConferenceView) -> list[StorySlide]:
    return [StorySlide("qa", L.QA_TITLE, cue(L.QA_CUE), lines=(L.QA_LINE,)),
            StorySlide("closing", L.CLOSING_TITLE, cue(L.CLOSING_NOTES),
                       lines=(f"{view.subject}\n" + "　".join(view.organisers),))]


# ---------------------------------------------------------------- a theme


def theme_cards(view: ConferenceView, theme: ThemeView, shown: set[str]) -> tuple[list[MetricShown], list[ChartData]]:
    """The theme's cards (its key figures, then the figures of charts shown as cards; none shown before) and the
    charts it still draws. A card states what the source states: a derived (※) figure is a card only when no
    stated figure of the theme is left to show."""
    everything = {m.id: m for t in view.themes for m in t.metrics}
    charts, extra = [], []
    for data in theme.charts:
        drawn, ids = shaped(data)
        charts += drawn
        extra += [everything[i] for i in ids if i in everything]
    cards, seen = [], set(shown)
    candidates = [*theme.key_metrics, *extra]
    for m in [m for m in candidates if not m.mark] + [m for m in candidates if m.mark]:
        if m.missing or m.text not in seen:
            cards.append(m)
            seen.add(m.text)
    cards = list({m.id: m for m in cards}.values())
    others = [m for m in theme.metrics if not m.missing and m.text not in seen and m not in cards]
    shown_cards = [m for m in cards if not m.mark]
    for derived in (False, True):  # the stated figures first; derived ones only when no stated one is left
        if derived:
            if any(not m.mark and m not in shown_cards for m in others):
                break
            shown_cards += [m for m in cards if m.mark]
        spare = [m for m in others if bool(m.mark) == derived]
        if cards and len(shown_cards) < 3 <= len(shown_cards) + len(spare):  # a key-figure slide shows three
            shown_cards += spare[:3 - len(shown_cards)]
    return shown_cards, charts


def card_source(view: ConferenceView, cards: Iterable[MetricShown]) -> str:
    """The source line under cards: what ※ means, where a card carries it. A card shows no base value (only the
    stated change from it), so the note that a base was worked out belongs to the chart that plots one."""
    return view.source_line(L.with_derived_note("", any(m.mark for m in cards)))


def take(items: list[str], fits: Callable[[tuple[str, ...]], bool], most: int = BULLETS_MOST) -> int:
    """How many of the first items fit (at most `most`)."""
    n = min(len(items), most)
    while n and not fits(tuple(items[:n])):
        n -= 1
    return n


def theme_story(view: ConferenceView, theme: ThemeView, shown: set[str], fits: Fits) -> ThemeStory:
    everything = {m.id: m for t in view.themes for m in t.metrics}
    cards, charts = theme_cards(view, theme, shown)
    chunks = balanced(cards, CARDS_MOST) if cards else [[]]
    lead = thinned(theme.lead, shown) if theme.lead else ""
    first = chunks[0]
    title = theme.message or next((t for t in (composed(m, texts_of(theme)) for m in first) if t), "") or theme.title
    if lead and figures(lead) and figures(lead) <= figures(title):  # the title says all its figures: the lead is
        lead = ""  # said in the notes (opening_notes), not a second time on the slide under the title
    here = set(shown) | figures(title) | figures(lead) | {f for m in first for f in card_figures(m)}
    items: list[str] = []
    dropped: list[str] = []
    for h in theme.highlights:
        kept = thinned(h, here)
        (items if kept else dropped).append(kept or h)
    charted = [h for h in items if any(about(h, c) for c in charts)]  # kept for the chart that shows its figures
    free = [h for h in items if h not in charted]
    n = take(free, lambda hs: fits("opening", hs, lead, len(first))) if len(first) <= 3 else 0
    if n and len(free) == n + 1 and not charted:  # one bullet alone on a slide of its own reads as a slip: it is said
        dropped.append(free.pop())
    source = card_source(view, first)
    notes = opening_notes(theme, dropped)
    own = title == theme.title  # no message: the theme's title is the slide's, with its number (（六）…), no kicker
    kicker = "" if own else theme.heading
    if own:
        title = theme.heading
    slides = [StorySlide("key_figures", title, notes, kicker=kicker, lead=lead, cards=tuple(first),
                         highlights=tuple(free[:n]), source=source)]
    here |= figures(" ".join(free[:n]))
    items = [h for h in items if h in free[n:] or h in charted]
    for chunk in chunks[1:]:
        slides.append(StorySlide("key_figures", L.continued(title), figures_notes(chunk), cards=tuple(chunk),
                                 source=card_source(view, chunk)))
    for m in (m for c in chunks[1:] for m in c):
        here |= card_figures(m)
    slides += chart_slides(view, theme, charts, items, everything, here, fits, titled=own)
    last = slides[-1]
    if (len(slides) > 1 and last.kind == "highlights" and len(last.highlights) == 1  # a bullet alone: it is said
            and fits("page", last.highlights, "", 0)):  # (a text longer than a slide goes on under （续）)
        slides.pop()
        slides[0] = dataclasses.replace(slides[0], notes=opening_notes(theme, dropped, last.highlights[0]))
    shown |= here | {f for s in slides for f in figures(" ".join((s.title, *s.highlights)))}
    return ThemeStory(theme.id, theme.title, tuple(slides))


def figures_notes(cards: Iterable[MetricShown]) -> str:
    """What the host says on a slide of key figures that continues a theme's opening: the cue, then each figure."""
    cards = list(cards)
    return script([L.figures_cue(len(cards)), "；".join(f"{m.label}{m.text}" for m in cards) + "。"])


def opening_notes(theme: ThemeView, dropped: list[str], alone: str = "") -> str:
    """The theme's narrative, then what its lead and the highlights no slide shows add to it; a highlight taken off
    a slide where it stood alone is said whole when it states a figure not said yet (cut, it could lose one)."""
    notes = script([theme.narrative], [theme.lead, *dropped]) if theme.narrative else script([theme.lead, *dropped])
    return script([notes, alone]) if figures(alone) - figures(notes) else notes


def chart_slides(view: ConferenceView, theme: ThemeView, charts: list[ChartData], items: list[str],
                 metrics: dict[str, MetricShown], shown: set[str], fits: Fits, titled: bool = False) -> list[StorySlide]:
    """Each chart with the highlights about it beside it (those stating a figure it plots, as many as fit), then
    the charts no highlight is about, alone under their message or two a slide with their captions, their figures
    in the notes; then the highlights left on slides of their own. A highlight is on one slide only. A slide titled
    by the theme's name carries its number, as the theme's opening does when it has no message (（六）深化改革…), so
    every slide that names the theme names it alike; after one that was (`titled`) it is its （续）, after slides
    titled by messages it is not."""
    slides, alone = [], []
    for data in charts:
        mine = [h for h in items if about(h, data)]
        n = take(mine, lambda hs: fits("chart", hs, "", 0))
        if not n:
            alone.append(data)
            continue
        title = chart_title(data, metrics, shown)
        shown |= figures(title)
        slides.append(StorySlide("chart", title, script([L.chart_cue(data.title), *mine[:n]]),
                                 highlights=tuple(mine[:n]), charts=(data,), source=view.source_line(data.note)))
        items = [h for h in items if h not in mine[:n]]
    for k in range(0, len(alone), 2):
        pair = tuple(alone[k:k + 2])
        title = chart_title(pair[0], metrics, shown) if len(pair) == 1 else theme.title
        if title == theme.title:
            title, titled = (L.continued(theme.heading) if titled else theme.heading), True
        shown |= figures(title)
        said = [line for c in pair for line in (L.chart_cue(c.title), chart_said(c))]
        slides.append(StorySlide("chart", title, script(said), charts=pair,
                                 source=view.source_line("；".join(c.note.rstrip("。") for c in pair if c.note))))
    while items:
        n = max(1, take(items, lambda hs: fits("page", hs, "", 0)))
        n = -(-len(items) // -(-len(items) // n))  # balanced: 6 are 3 + 3, not 5 + 1
        slides.append(StorySlide("highlights", L.continued(theme.heading) if titled else theme.heading,
                                 script([L.highlights_cue(theme.title), *items[:n]]),
                                 highlights=tuple(items[:n]), source=view.source_line()))
        items, titled = items[n:], True
    return slides


def chart_figures(data: ChartData) -> set[str]:
    """The figures a chart plots as a text states them: with the unit (57.7%), and bare as a ratio writes them
    (5.2:37.1:57.7)."""
    return {f for s in data.series for v in s.values if v is not None for f in (num(v) + s.unit, num(v))}


def about(text: str, data: ChartData) -> bool:
    """Whether a highlight is about a chart: it states a figure the chart plots."""
    return bool(figures(text) & chart_figures(data))


def chart_said(data: ChartData) -> str:
    """The chart's stated figures as the presenter says them (the alt text's points, without computed ones)."""
    series = [(s.name, data.points(s, stated=True)) for s in data.series]
    said = [(name, points) for name, points in series if points]
    if len(series) == 1:  # one series: its name is the chart's
        return said[0][1] + "。" if said else ""
    return "；".join(f"{name}，{points}" for name, points in said) + ("。" if said else "")


def balanced(items: list, most: int) -> list[list]:
    """Chunks of at most `most`, as even as can be: 7 cards are 4 + 3, never 6 + 1."""
    n = -(-len(items) // most)
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for k in range(n):
        end = start + size + (1 if k < extra else 0)
        out.append(items[start:end])
        start = end
    return out


# ---------------------------------------------------------------- the deck's story


def dividers(view: ConferenceView) -> tuple[tuple[int, StorySlide], ...]:
    """A conference of two parts or more opens each with its heading on a slide of its own (二、经济发展各领域取得的新
    成效), so the audience sees where the second （一） begins; one part needs none (the agenda says it)."""
    if len(view.parts) < 2:
        return ()
    out, first = [], 0
    for n, part in enumerate(view.parts, 1):
        out.append((first, StorySlide("part", part.heading, cue(L.part_notes(cn(n), part.title)))))
        first += len(part.themes)
    return tuple(out)


def storyboard(view: ConferenceView, fits: Fits) -> Storyboard:
    """The deck's slides in the order of a conference (see the module's rules)."""
    shown: set[str] = set()
    themes = tuple(theme_story(view, t, shown, fits) for t in view.themes)
    return Storyboard((cover(view), *speakers(view), *overview(view), *agenda(view)), themes, tuple(ending(view)),
                      dividers(view))


def all_text(slide: StorySlide) -> Iterable[str]:
    """Every text a slide shows (for tests and the figure rule)."""
    yield slide.title
    yield from (slide.kicker, slide.lead, *slide.highlights, *slide.lines)
    for m in slide.cards:
        yield m.text
        yield from m.details
