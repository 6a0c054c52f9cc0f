"""The 一图读懂 long image as one self-contained HTML page, 1080 px wide: jinja2 (autoescaped) over the content
present/infographic.py decides, in the theme's colours and faces. It is the accessible text version (lang zh-CN,
headings, the charts as SVG with a title and a description), and the page publish/long_image.py photographs.

Every title is broken into lines at phrase or word boundaries measured with the theme's font (render/fit.py), each
line kept whole; running text (highlights, the source) may break only between words (a <wbr> at each word boundary
under word-break: keep-all), and a figure and its unit sit in one unbreakable span."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from ...present.compiled import from_code
from ...present.infographic import Infographic, Panel, infographic
from ...present.view import ConferenceView, MetricShown
from ...theme import HouseStyle
from ..context import RenderContext
from ..fit import WORD_JOINER, Measurer, break_points, figure_spans, fit_title, label_lines, phrase_wrap, text_height
from . import COMPILED
from .chart_svg import Svg, chart_svg

PAGE = 1080  # px: the long image's width
MARGIN = 40  # px: the page's side margin around the panels
PADDING = 44  # px: inside a panel
INNER = PAGE - 2 * MARGIN - 2 * PADDING  # the width text and charts have inside a panel
GUTTER = 24
TITLE_LEAST = 40  # px: the conference's title shrinks to this to stay within two lines
SIZES = {"title": 54, "banner": 30, "subtitle": 26, "part": 34, "theme": 30, "message": 40, "label": 24,
         "number": 76, "detail": 21, "text": 25, "source": 28}  # the source at the foot reads on a phone: 28 px at least


@dataclass(frozen=True)
class Figure:
    """A big number as the page sets it: its parts, its size (smaller when a long one would not fit its cell)."""

    metric: MetricShown
    label: tuple[str, ...]  # the label's lines
    size: int
    wide: bool  # across both columns
    details: tuple[tuple[tuple[str, bool], ...], ...]  # each detail line as (piece, is a figure)
    label_rows: int = 1  # lines the labels of its row take at most: the numbers of a row stand on one line


@dataclass(frozen=True)
class Section:
    panel: Panel
    title: tuple[str, ...]
    message: tuple[str, ...]
    figures: tuple[Figure, ...]
    highlights: tuple[Words, ...]
    svg: Svg | None
    alt: str


def pieces(text: str) -> tuple[tuple[str, bool], ...]:
    """Running text as (piece, is a figure with its unit): the figures are set in unbreakable spans."""
    return tuple((piece.replace(WORD_JOINER, ""), fig) for piece, fig in figure_spans(text))


Words = tuple[tuple[tuple[str, bool], ...], ...]  # running text, word by word, each word as (piece, is a figure)


def words(text: str) -> Words:
    """Running text cut at every place a line may end (after phrase punctuation, between two words, never inside a
    figure with its unit): the page puts a <wbr> between two words and breaks nowhere else."""
    cuts = sorted({0, len(text), *(i for i, _rank in break_points(text))})
    return tuple(pieces(text[a:b]) for a, b in zip(cuts, cuts[1:]))


def lines(text: str, size: int, width: float, measure: Measurer) -> tuple[str, ...]:
    if not text:
        return ()
    return (text,) if measure.width(text, size) <= width else tuple(phrase_wrap(text, width, size, measure))


def figure(m: MetricShown, details: tuple[str, ...], wide: bool, measure: Measurer) -> Figure:
    cell = INNER if wide else (INNER - GUTTER) / 2
    room = cell - 2 * 24  # the cell's own padding
    size = SIZES["number"]
    small = f"{m.before}{m.unit}{m.after}{m.mark}"
    while size > 40 and measure.width(m.number, size) + measure.width(small, size * 0.42) > room:
        size -= 2
    label = tuple(label_lines(m.label, room, SIZES["label"], measure))
    return Figure(m, label, size, wide, tuple(pieces(d) for d in details))


def section(p: Panel, theme: HouseStyle, measure: Measurer) -> Section:
    n = len(p.figures)
    details = p.details or tuple(m.details for m in p.figures)
    figures = [figure(m, d, n == 1 or (n == 3 and k == 0), measure) for k, (m, d) in enumerate(zip(p.figures, details))]
    rows: list[list[int]] = []
    for k, f in enumerate(figures):  # a wide figure is a row of its own; the others go two by two
        if f.wide or not rows or len(rows[-1]) == 2 or figures[rows[-1][0]].wide:
            rows.append([k])
        else:
            rows[-1].append(k)
    for row in rows:
        most = max(len(figures[k].label) for k in row)
        for k in row:
            figures[k] = dataclasses.replace(figures[k], label_rows=most)
    svg = chart_svg(p.chart, theme, measure) if p.chart is not None else None
    return Section(p, lines(p.title, SIZES["theme"], INNER - 120, measure),
                   lines(p.message, SIZES["message"], INNER, measure), tuple(figures),
                   tuple(words(h) for h in p.highlights), svg, p.chart.alt_text() if p.chart else "")


def faces(theme: HouseStyle) -> dict[str, Markup]:
    """CSS font stacks: the house faces first, then the free faces of the same style on this machine. A stack goes
    into the style sheet as it is (escaping would turn its quotes into &#34;, which CSS does not read), so a name
    keeps no character that could end its string or the rule."""
    def stack(*names: str) -> Markup:
        clean = (re.sub(r'["\\<>;{}]', "", n).strip() for n in dict.fromkeys(names))
        return Markup(", ".join(f'"{n}"' for n in clean if n) + ", sans-serif")

    f = theme.fonts
    # the Chinese faces before the Latin one: Chinese quotation marks “” take the Chinese face's full-width forms
    return {"sans": stack(f.deck_ea, "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
                          f.deck_latin),
            "serif": stack(f.brief_title, "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Noto Sans CJK SC"),
            "figures": stack(f.deck_latin, "Liberation Sans", f.deck_ea, "Noto Sans CJK SC")}  # the big numbers


@lru_cache(maxsize=1)
def _template() -> Template:
    """The page's template, from the code compiled on an earlier run when its text and this module are the same
    (present/compiled.py: jinja's parse and compile of it took 0.1 s of each build's worker)."""
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                      lstrip_blocks=True)
    text = Path(__file__).with_name("long_image.html.j2").read_text(encoding="utf-8")
    known = COMPILED.get(text)
    if known is not None:
        return from_code(env, known[0])
    code = env.compile(text, "long_image.html.j2")
    COMPILED.put(text, code)
    COMPILED.save()
    return from_code(env, code)


def infographic_html(view: ConferenceView, context: RenderContext) -> bytes:
    """The page's bytes: the same view and theme give the same bytes."""
    page: Infographic = infographic(view)
    theme, measure = context.theme, context.measure
    sections = [[section(p, theme, measure) for p in part.panels] for part in page.parts]
    size = SIZES["title"]  # one line, else two balanced at a phrase or word boundary, as large as they fit
    title_size, title = fit_title(page.title, PAGE - 2 * MARGIN - 2 * PADDING, text_height(2, size, measure), size,
                                  TITLE_LEAST, measure)
    html = _template().render(
        page=page, parts=list(zip(page.parts, sections)), colours=theme.colours, faces=faces(theme), sizes=SIZES,
        width=PAGE, margin=MARGIN, padding=PADDING, gutter=GUTTER, title=title, title_size=round(title_size),
        source=words(page.source))
    return html.encode("utf-8")
