"""How the content itself says a figure, so that a clause composed for it (the release's lead and its key figures,
a slide's message title, a card on the long image) says no more than the content does.

The rule: a composed clause adds no verb of its own. When a text of the theme runs the figure's label into the
figure, directly or through a few words (城镇新增就业累计16.2万人, 超标率下降到1.7%, 粮食总产量达到151.8万吨), the
clause says it so; when the figure opens a clause of its own (80%以上的财力用于补齐民生短板), that clause is said
whole, the figure first as the content has it; else the label and the figure are joined by the neutral 为 (nothing
when the figure carries its own word: 突破2000亿元). The verb keeps the figure's direction: a fall said 下降到 is
never turned into 达.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from . import labels as L
from .view import MetricShown, ThemeView

VERB_MOST = 6  # characters between a label and its figure that are still the clause's verb (下降到, 稳定在)
CLAUSE_MOST = 30  # characters of a content's clause said whole for a figure that opens it
_NOT_VERB = r"[^\d，。；：、！？“”（）《》\s]"
_CLAUSES = re.compile(r"[，。；！？]")


def texts_of(theme: ThemeView) -> tuple[str, ...]:
    """What the content says of a theme, in the order it is trusted: its lead, highlights, then narrative."""
    return tuple(t for t in (theme.lead, *theme.highlights, *theme.paragraphs) if t)


def _figure(m: MetricShown) -> str:
    """The figure as a whole number in a text: 8% is not inside 98%, 1.7% not inside 21.7%."""
    return r"(?<![\d.])" + re.escape(m.text) + r"(?![\d.])"


def own_verb(m: MetricShown, texts: Iterable[str]) -> str | None:
    """The words a text puts between the label and the figure ('' when the label runs into it), or None when no
    text says the label next to the figure."""
    if m.missing:
        return None
    pattern = re.compile(re.escape(m.label) + f"({_NOT_VERB}{{0,{VERB_MOST}}}?)" + _figure(m))
    for text in texts:
        found = pattern.search(text)
        if found:
            return found.group(1)
    return None


def opening_clause(m: MetricShown, texts: Iterable[str]) -> str:
    """A clause of the content that opens with the figure and says what it counts (80%以上的财力用于…), or ''."""
    if m.missing:
        return ""
    for text in texts:
        for clause in _CLAUSES.split(text):
            clause = clause.strip()
            if re.match(_figure(m) + r"\D", clause) and len(clause) <= CLAUSE_MOST:
                return clause
    return ""


def directed(verb: str | None) -> bool:
    """Whether the content's verb says which way the figure moved (下降到, 提高到, 缩小): a card must keep it."""
    return bool(verb) and any(c in L.DIRECTION_CHARACTERS for c in verb or "")


def linked(m: MetricShown, verb: str | None, figure: str) -> str:
    """label + the content's verb ('' when it runs the label into the figure), or 为 when no text says them
    together (nothing before a figure that has its own word: 突破2000亿元)."""
    if verb is not None:
        return f"{m.label}{verb}{figure}"
    return f"{m.label}{'' if m.before else L.NEUTRAL_VERB}{figure}"


def said(m: MetricShown, texts: Iterable[str], figure: str | None = None) -> tuple[str, bool]:
    """The clause for a figure as the content says it, and whether it is the content's whole clause (which then
    needs no label, no period and no city before it): 汾河流域入河排污口超标率下降到1.7%, 80%以上的财力用于…"""
    texts = tuple(texts)
    figure = m.text if figure is None else figure
    verb = own_verb(m, texts)
    if verb is None:
        clause = opening_clause(m, texts)
        if clause:
            return figure + clause[len(m.text):], True
    return linked(m, verb, figure), False
