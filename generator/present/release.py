"""The press release (新闻通稿) and the host's script (主持词), composed from a conference's view: which words and
figures each says, in which order. The renderer (render/release/) only sets them in the briefing's official layout.

The release: the conference's title as headline; a lead (导语) of at most labels.RELEASE_LEAD_MOST characters that
says when, who held which conference (第一场 in a series) and what it told, with the one or two headline figures the
deck's overview picks first (storyboard.overview_metrics); then a paragraph per theme: its lead, then its highlights
in order while the paragraph stays within the theme's share of RELEASE_MOST characters, then any key figure the
paragraph has not said yet; （完）; then the source, the note on ※ when a figure carries it, and the series' contact
line when the series gives one. Every figure is the view's rendered text, in a clause that says it as the content
does (present/said.py: the content's own verb, never one of ours).

The script: the house wording of the theme (theme.HostScript) under the conference's own `script:`, filled with the
series and conference titles, the people the content names (a stage direction to introduce them when it names none)
and the order of the deck's agenda, counted (一是…；二是…).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..theme import HostScript
from . import labels as L
from .said import said as content_clause
from .said import texts_of
from .storyboard import agenda, figures, overview_metrics, thinned
from .view import ConferenceView, MetricShown, ThemeView
from .wording import cn

RELEASE_MOST = 1700  # characters the release aims at (the issue asks 1,000-2,000)
THEME_LEAST = 80  # a theme's share of the characters is never less than this (its lead stays whole)
HEADLINE_FIGURES = 2  # the figures the lead carries at most


@dataclass(frozen=True)
class ReleaseParagraph:
    title: str  # the theme's title with its full stop, set as a run-in heading: 经济发展跃上新台阶。
    text: str


@dataclass(frozen=True)
class ReleaseSection:
    heading: str  # the part's heading (一、…), '' for a conference of one part
    paragraphs: tuple[ReleaseParagraph, ...]


@dataclass(frozen=True)
class PressRelease:
    banner: str  # the series above the headline (引题)
    headline: str  # the conference's title
    lead: str  # 导语
    sections: tuple[ReleaseSection, ...]
    closing: tuple[str, ...]  # the source, the note on ※, the contact line
    end: str = L.RELEASE_END  # （完）after the body


@dataclass(frozen=True)
class ScriptSection:
    heading: str  # 一、开场
    lines: tuple[str, ...]  # what the host says, paragraph by paragraph
    cue: str = ""  # a stage direction after it: （发布人介绍情况）


@dataclass(frozen=True)
class Script:
    banner: str
    title: str  # the conference's title
    kind: str  # 主持词
    date: str
    sections: tuple[ScriptSection, ...]


# ---------------------------------------------------------------- the press release


def stated(m: MetricShown, texts: tuple[str, ...], period: bool = True, rank: bool = True, city: str = "") -> str:
    """A figure said in a sentence as the content says it, with its mark when derived: 2024年晋中市地区生产总值为
    2458.8亿元，居全省第四位; 汾河流域入河排污口超标率下降到1.7%; 80%以上的财力用于补齐民生短板、增进民生福祉."""
    clause, whole = content_clause(m, texts, m.text + m.mark)
    if whole:  # the content's own clause: it names what it counts, after the period when it does not say it
        opened = f"{m.period}，" if period and m.period and m.period not in clause else ""
        return opened + clause + (f"，{L.ranked(m.rank)}" if rank and m.rank and m.rank not in clause else "")
    return (m.period if period else "") + city + clause + (f"，{L.ranked(m.rank)}" if rank and m.rank else "")


def in_series(view: ConferenceView) -> bool:
    """Whether the conference is one of a series (第一场 is said of it): its series lists others, its number says so,
    or the series calls itself one (…系列主题新闻发布会) before its second conference is listed."""
    return view.series_size > 1 or view.number > 1 or L.SERIES_WORD in view.banner


def theme_texts(view: ConferenceView, m: MetricShown) -> tuple[str, ...]:
    """What the content says around a figure: its own theme's texts first, then the others'."""
    own = [t for t in view.themes if any(x.id == m.id for x in t.metrics)]
    return tuple(x for t in (*own, *(t for t in view.themes if t not in own)) for x in texts_of(t))


def composed(metrics: list[MetricShown], texts: tuple[str, ...]) -> str:
    """Figures said one after another, each period once: 2024年，工业增加值为972.2亿元，服务业增加值为1253.2亿元。"""
    groups: list[list[MetricShown]] = []
    for m in metrics:
        if groups and groups[-1][0].period == m.period:
            groups[-1].append(m)
        else:
            groups.append([m])
    return "；".join((g[0].period + "，" if g[0].period and len(g) > 1 else g[0].period) + "，".join(
        stated(m, texts, period=False) for m in g) for g in groups) + "。"


def talks(view: ConferenceView) -> list[str]:
    """What the conference told, in the order of the deck's agenda: its parts, or its themes when it has one part."""
    return [e.title for slide in agenda(view) for e in slide.entries]


def release_lead(view: ConferenceView) -> str:
    """When, who held which conference and what it told, then its headline figures: the fullest wording within
    RELEASE_LEAD_MOST, giving up a second figure, then a figure's rank, then what it told, then the figures."""
    conference = L.session(view.subject, view.number_cn, in_series(view))
    openings = [L.release_opening(view.date, view.organisers, conference, talks(view)),
                L.release_opening(view.date, view.organisers, conference, [])]
    figures_ = [m for m in overview_metrics(view) if not m.missing][:HEADLINE_FIGURES]
    for opening in openings:
        for n, rank in [(n, rank) for n in range(len(figures_), 0, -1) for rank in (True, False)]:
            lead = opening + "；".join(stated(m, theme_texts(view, m), rank=rank, city=view.city if k == 0 else "")
                                      for k, m in enumerate(figures_[:n])) + "。"
            if len(lead) <= L.RELEASE_LEAD_MOST:
                return lead
    return openings[-1]


def _sentences(theme: ThemeView) -> list[str]:
    """What a theme's paragraph is made of, first first: its lead and highlights (its narrative where it has none)."""
    said = [t for t in (theme.lead, *theme.highlights) if t]
    return said or [s + "。" for p in theme.paragraphs for s in p.split("。") if s.strip()]


def marked(text: str, metrics: tuple[MetricShown, ...]) -> str:
    """The text with ※ after each derived figure it states (a figure is its whole number: 8% is not inside 98%)."""
    for m in metrics:
        if m.mark and not m.missing:
            text = re.sub(r"(?<![\d.])" + re.escape(m.text) + "(?!" + re.escape(m.mark) + ")", m.text + m.mark, text)
    return text


def theme_paragraph(theme: ThemeView, budget: int, said: set[str]) -> str:
    """Its sentences in order, each without the clauses that only restate a figure said before (in this paragraph or
    an earlier theme's), while within `budget` characters; then
    the key figures still not said, composed (a clause each). `said` gains the figures the paragraph states."""
    keys = [m for m in theme.key_metrics if not m.missing]
    text = ""
    for sentence in _sentences(theme):
        kept = thinned(sentence, said | figures(text))
        if kept and (not text or len(text) + len(kept) <= budget):
            text += kept
    if not text and _sentences(theme):
        text = _sentences(theme)[0]  # every figure said before: its lead still opens its paragraph
    unsaid = [m for m in keys if not figures(m.text) <= said | figures(text)]
    if unsaid:
        text += composed(unsaid, texts_of(theme))
    said |= figures(text)
    return marked(text, theme.metrics)


def press_release(view: ConferenceView) -> PressRelease:
    lead = release_lead(view)
    several_parts = len(view.parts) > 1
    headings = sum(len(p.heading) for p in view.parts) if several_parts else 0
    budget = max(THEME_LEAST, (RELEASE_MOST - len(view.title) - len(lead) - headings) // max(1, len(view.themes)))
    said: set[str] = set()
    sections = tuple(ReleaseSection(p.heading if several_parts else "", tuple(
        x for x in (ReleaseParagraph(L.run_in(t.title), theme_paragraph(t, budget - len(t.title), said))
                    for t in p.themes) if x.text)) for p in view.parts)  # a theme with nothing to say is left out
    sections = tuple(s for s in sections if s.paragraphs)
    texts = [lead, *(x.text for s in sections for x in s.paragraphs)]
    closing = [L.release_issuer(view.organisers), view.source_line()]
    if any(L.DERIVED_MARK in t for t in texts):  # what ※ means, on a line of its own
        closing.append(L.note_line(L.DERIVED_MARK_NOTE))
    if view.contact:
        closing.append(L.release_contact(view.contact))
    return PressRelease(view.banner, view.title, lead, sections, tuple(closing))


# ---------------------------------------------------------------- the host's script


def _slots(view: ConferenceView) -> dict[str, str]:
    return {"subject": view.subject, "series": view.series_title, "title": view.title, "number": view.number_cn,
            "date": view.date, "city": view.city}


def host_script(view: ConferenceView, theme_wording: HostScript) -> Script:
    """The script in the order of a conference, in the theme's wording under the conference's own."""
    house = theme_wording.over(view.script)
    slots = _slots(view)
    purpose = house.purpose if in_series(view) else house.purpose_one
    parts: list[tuple[str, list[str], str]] = [(L.SCRIPT_SECTIONS[0], [house.greeting.format(**slots),
                                                                      purpose.format(**slots)], "")]
    people = [house.person.format(name=name, role=role) for name, role in view.speakers]
    named = ([house.host.format(name=view.host[0], role=view.host[1])] if view.host else []) + (
        [house.speakers.format(people="；".join(people))] if people else [])
    # no speaker named: the host introduces whoever is on the platform, a stage direction in the theme's words
    parts.append((L.SCRIPT_SECTIONS[1], named, "" if people else house.introduction))
    told = talks(view)
    order = house.order.format(talks=L.enumerated(told), count=L.count_word(len(told)), **slots)
    parts.append((L.SCRIPT_SECTIONS[2], [order, L.handover(people, house.handover)], L.TALKS_CUE))
    parts.append((L.SCRIPT_SECTIONS[3], [house.questions.format(**slots)], L.QA_PAUSE))
    parts.append((L.SCRIPT_SECTIONS[4], [house.closing.format(**slots)], ""))
    sections = tuple(ScriptSection(L.script_heading(cn(k), heading), tuple(lines), cue)
                     for k, (heading, lines, cue) in enumerate(parts, 1))
    return Script(view.banner, view.title, L.SCRIPT_TITLE, view.date, sections)
