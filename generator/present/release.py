"""The press release (新闻通稿) and the host's script (主持词), composed from a conference's view: which words and
figures each says, in which order. The renderer (render/release/) only sets them in the briefing's official layout.

The release: the conference's title as headline; a lead (导语) of at most labels.RELEASE_LEAD_MOST characters that
says when, who held which conference (第一场 in a series), who told what (the speakers the content names) and the
news: the one or two headline figures the deck's overview picks first (storyboard.overview_metrics), those that
carry a change before those that do not, each with its change; then a paragraph per theme: its lead, then its
highlights in order while the paragraph stays within the theme's share of RELEASE_MOST characters, then any key
figure the paragraph has not said yet, set after the sentence that says the figure before it in the theme (the
theme's order); （完）; then the source, the note on ※ when a figure carries it, and the series' contact line when
the series gives one. Every figure is the view's rendered text, in a clause that says it as the content does
(present/said.py: the content's own verb, never one of ours), followed by its change (comparison, growth) in the
view's words when the content's sentence does not say it.

The script: the house wording of the theme (theme.HostScript) under the conference's own `script:`, filled with the
series and conference titles, the people the content names (a neutral sentence when it names none: no bracketed
instruction reaches a final script), the one speaker thanked by name, and the order of the deck's
agenda, counted (一是…；二是…).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..theme import HostScript
from . import labels as L
from .said import said as content_clause
from .said import texts_of
from .storyboard import agenda, figures, overview_metrics, thinned
from .view import ConferenceView, MetricShown, ThemeView
from .wording import MISSING, cn

RELEASE_MOST = 1400  # characters the sentences aim at; key figures composed with their changes come on top (the issue asks 1,000-2,000)
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


def changes(m: MetricShown) -> tuple[str, ...]:
    """What the view says of a figure's change: its comparison, then its growth (较2020年增加836.2亿元, 同比下降15.4%);
    a change still to be filled in (增长待补充) is not news and is left out."""
    return tuple(t for t in (m.comparison, m.growth) if t and MISSING not in t)


def with_twin_changes(m: MetricShown, view: ConferenceView) -> MetricShown:
    """A figure without a change of its own takes the change of the same figure shown elsewhere in the conference
    (the same label, figure and period: 地区生产总值2458.8亿元 of 2024 in the overview theme and in the statistics)."""
    if changes(m):
        return m
    for other in (x for t in view.themes for x in t.metrics):
        if (other.label, other.text, other.period) == (m.label, m.text, m.period) and changes(other):
            return dataclasses.replace(m, comparison=other.comparison, growth=other.growth)
    return m


_CHANGE_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.年])")  # a change's figures, not its base year (较2020年)


def standalone(figure: str, text: str) -> list[int]:
    """Where a text states a figure whole, as the end of each place: 8% is not inside 98%, 1.7 not inside 21.75.
    (A search, not a pattern per figure: a release asked some 800 of them, and compiled each.)"""
    ends, at = [], text.find(figure) if figure else -1
    while at >= 0:
        end = at + len(figure)
        before, after = text[at - 1:at], text[end:end + 1]
        whole = not (before.isdecimal() or before == ".") and not (after.isdecimal() or after == ".")
        if whole:
            ends.append(end)
        at = text.find(figure, end if whole else at + 1)  # as a pattern's matches: none overlaps the last
    return ends


def change_said(change: str, text: str) -> bool:
    """Whether a text already says a change, in whatever words (同比增加2.1个百分点 says 较去年同期提升2.1个百分点): all its
    figures are in it, or, for a change without figures (较去年同期持平), its word."""
    numbers = _CHANGE_NUMBER.findall(change)
    if numbers:
        return all(standalone(n, text) for n in numbers)
    return change in text or (L.FLAT in change and L.FLAT in text)


def unsaid_changes(m: MetricShown, text: str) -> list[str]:
    return [c for c in changes(m) if not change_said(c, text)]


def stated(m: MetricShown, texts: tuple[str, ...], period: bool = True, rank: bool = True, city: str = "",
           change: bool = True) -> str:
    """A figure said in a sentence as the content says it, with its mark when derived, then its change (unless the
    content's clause says it) and its rank: 2024年晋中市地区生产总值为2458.8亿元，较2020年增加836.2亿元，居全省第四位;
    汾河流域入河排污口超标率下降到1.7%; 80%以上的财力用于补齐民生短板、增进民生福祉."""
    clause, whole = content_clause(m, texts, m.text + m.mark)
    moved = "".join(f"，{c}" for c in unsaid_changes(m, clause)) if change else ""
    if whole:  # the content's own clause: it names what it counts, after the period when it does not say it
        opened = f"{m.period}，" if period and m.period and m.period not in clause else ""
        return opened + clause + moved + (f"，{L.ranked(m.rank)}" if rank and m.rank and m.rank not in clause else "")
    return (m.period if period else "") + city + clause + moved + (f"，{L.ranked(m.rank)}" if rank and m.rank else "")


def in_series(view: ConferenceView) -> bool:
    """Whether the conference is one of a series (第一场 is said of it): its series lists others, its number says so,
    or the series calls itself one (…系列主题新闻发布会) before its second conference is listed."""
    return view.series_size > 1 or view.number > 1 or L.SERIES_WORD in view.banner


def theme_texts(view: ConferenceView, m: MetricShown) -> tuple[str, ...]:
    """What the content says around a figure: its own theme's texts first, then the others'."""
    own = [t for t in view.themes if any(x.id == m.id for x in t.metrics)]
    return tuple(x for t in (*own, *(t for t in view.themes if t not in own)) for x in texts_of(t))


def composed(metrics: list[MetricShown], texts: tuple[str, ...]) -> str:
    """Figures said one after another, each period once, each with its change (set apart by ； then): 2024年，工业增加值
    达到972.2亿元，较2020年增加369.3亿元；服务业增加值达到1253.2亿元，较2020年增加451.6亿元。"""
    groups: list[list[MetricShown]] = []
    for m in metrics:
        if groups and groups[-1][0].period == m.period:
            groups[-1].append(m)
        else:
            groups.append([m])
    return "；".join((g[0].period + "，" if g[0].period and len(g) > 1 else g[0].period) + (
        "；" if any(changes(m) for m in g) else "，").join(stated(m, texts, period=False) for m in g)
        for g in groups) + "。"


def talks(view: ConferenceView) -> list[str]:
    """What the conference told, in the order of the deck's agenda: its parts, or its themes when it has one part."""
    return [e.title for slide in agenda(view) for e in slide.entries]


def headline_figures(view: ConferenceView) -> list[MetricShown]:
    """The lead's figures: the overview's, in its order, those that carry a change first (the news is the change)."""
    picked = [with_twin_changes(m, view) for m in overview_metrics(view) if not m.missing]
    return sorted(picked, key=lambda m: not changes(m))[:HEADLINE_FIGURES]


def release_lead(view: ConferenceView) -> str:
    """When, who held which conference, who told what, then the news: the headline figures with their changes. The
    fullest wording within RELEASE_LEAD_MOST, giving up in turn a figure's rank, what the conference told (the
    speakers then say the figures: 省环保厅巡视员葛为砚介绍，…), the speakers after the first (…等), a second
    figure; at the last the opening alone."""
    conference = L.session(view.subject, view.number_cn, in_series(view))
    people = [L.person(name, role) for name, role in view.speakers]
    whos = [L.listed_people(people)] + ([L.listed_people(people[:1], more=True)] if len(people) > 1 else [])
    figures_ = headline_figures(view)
    told = talks(view)
    for n in range(len(figures_), 0, -1):
        for who in whos:
            for with_talks in ((True, False) if told else (False,)):
                for rank in (True, False):
                    said = "；".join(stated(m, theme_texts(view, m), rank=rank, city=view.city if k == 0 else "")
                                    for k, m in enumerate(figures_[:n])) + "。"
                    if with_talks:
                        lead = L.release_opening(view.date, view.organisers, conference, told, who) + said
                    else:
                        lead = L.release_opening(view.date, view.organisers, conference, []) + L.release_news(who) + said
                    if len(lead) <= L.RELEASE_LEAD_MOST:
                        return lead
    return L.release_opening(view.date, view.organisers, conference, [])


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


def _says(m: MetricShown, text: str) -> bool:
    """Whether a text states a figure, as a whole number (8% is not inside 98%): also a figure of a unit the deck's
    figure finder does not know (55μg/m³)."""
    return not m.missing and bool(standalone(m.text, text))


def said_of(text: str, metrics: tuple[MetricShown, ...]) -> set[str]:
    """The figures a text states: every figure with a known unit, and each metric's figure it states."""
    return figures(text) | {m.text for m in metrics if _says(m, text)}


def is_said(m: MetricShown, said: set[str]) -> bool:
    return m.text in said or bool(figures(m.text)) and figures(m.text) <= said


def with_changes(sentence: str, metrics: tuple[MetricShown, ...], paragraph: str) -> str:
    """A content's sentence with each figure's change (comparison, growth: the view's words) after the clause that
    states the figure, when its paragraph does not say it: 比例为59.0%，较去年同期持平。 A figure two metrics share, or
    the sentence states twice, is left as it is: which change is whose would be a guess."""
    shown = [m.text for m in metrics if not m.missing]
    for m in metrics:
        if m.missing or not changes(m) or shown.count(m.text) > 1:
            continue
        found = standalone(m.text, sentence)
        moved = unsaid_changes(m, paragraph)
        if len(found) != 1 or not moved:
            continue
        end = found[0]
        boundary = re.search(r"[，；。！？]", sentence[end:])
        end = end + boundary.start() if boundary else len(sentence)
        sentence = sentence[:end] + "".join(f"，{c}" for c in moved) + sentence[end:]
    return sentence


def theme_paragraph(theme: ThemeView, budget: int, said: set[str]) -> str:
    """Its sentences in order, each without the clauses that only restate a figure said before (in this paragraph or
    an earlier theme's), while within `budget` characters, each figure with its change; then the key figures still
    not said, composed (a clause each, with its change), each after the sentence that states the figure before it in
    the theme's order (after the first sentence when none does). `said` gains the figures the paragraph states."""
    kept: list[str] = []
    for sentence in _sentences(theme):
        text = "".join(kept)
        thin = thinned(sentence, said | said_of(text, theme.metrics))
        if thin and (not kept or len(text) + len(thin) <= budget):
            kept.append(thin)
    if not kept and _sentences(theme):
        kept = [_sentences(theme)[0]]  # every figure said before: its lead still opens its paragraph
    kept = [with_changes(k, theme.metrics, "".join(kept)) for k in kept]
    stating = {m.id: k for m in theme.metrics for k in reversed(range(len(kept))) if _says(m, kept[k])}
    placed: dict[int, list[MetricShown]] = {}
    here = said | said_of("".join(kept), theme.metrics)
    for n, m in enumerate(theme.metrics):  # the theme's order
        if m.key and not m.missing and not is_said(m, here):
            before = [stating[p.id] for p in theme.metrics[:n] if p.id in stating]
            after = [stating[p.id] for p in theme.metrics[n + 1:] if p.id in stating]
            # after the figure before it; else before the figure after it (the paragraph's first sentence still
            # first); else at the end
            stating[m.id] = max(before) if before else max(0, min(after) - 1) if after else max(0, len(kept) - 1)
            placed.setdefault(stating[m.id], []).append(m)
    text = "".join(k + (composed(placed[i], texts_of(theme)) if i in placed else "") for i, k in enumerate(kept))
    if not kept and placed:  # a theme of figures alone
        text = composed(placed[0], texts_of(theme))
    said |= said_of(text, theme.metrics)
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
    # no speaker named: a neutral sentence in the theme's words (never a bracketed instruction)
    named = ([house.host.format(name=view.host[0], role=view.host[1])] if view.host else []) + (
        [house.speakers.format(people="；".join(people))] if people else [house.introduction])
    parts.append((L.SCRIPT_SECTIONS[1], named, ""))
    told = talks(view)
    order = house.order.format(talks=L.enumerated(told), count=L.count_word(len(told)), **slots)
    parts.append((L.SCRIPT_SECTIONS[2], [order, L.handover(people, house.handover, house.unnamed)], L.TALKS_CUE))
    parts.append((L.SCRIPT_SECTIONS[3], [house.questions.format(**slots)], L.QA_PAUSE))
    parts.append((L.SCRIPT_SECTIONS[4], [L.thanked(house.closing.format(**slots), people)], ""))
    sections = tuple(ScriptSection(L.script_heading(cn(k), heading), tuple(lines), cue)
                     for k, (heading, lines, cue) in enumerate(parts, 1))
    return Script(view.banner, view.title, L.SCRIPT_TITLE, view.date, sections)
