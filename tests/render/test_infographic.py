"""The 一图读懂 HTML (issue 27): the accessible text version of the long image, reopened with html.parser and checked
against the content and the deck's storyboard: each big number is a metric's figure with its unit, every number on
the page comes from the content, the storyboard's key figures and messages per theme, figures never parted from their
units, charts with a title and a description, 草稿 on a draft, and the same bytes from the same content."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content.loader import load_project
from generator.present.infographic import FIGURES_MOST
from generator.present.storyboard import storyboard
from generator.present.view import present
from generator.present.wording import num
from tests.conftest import ROOT, main_in
from tests.render.test_open_data import read_csv

STEM = "01-转型发展"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


class Page(HTMLParser):
    """The page's visible text (style and aria-hidden elements left out), its big figures, headings and SVGs."""

    def __init__(self, html: str):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.figs: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.svgs: list[dict] = []
        self.lang = ""
        self.feed(html)

    def _inside(self, test) -> bool:
        return any(test(tag, attrs) for tag, attrs in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "svg":
            self.svgs.append({"attrs": attrs, "title": "", "desc": ""})
        if tag == "p" and "fig" in attrs.get("class", "").split():
            self.figs.append("")
        if tag in ("h1", "h2", "h3"):
            self.headings.append((tag, ""))
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._inside(lambda t, a: t in ("style", "head") or a.get("aria-hidden") == "true"):
            return
        self.text.append(data)
        if self._inside(lambda t, a: t == "p" and "fig" in a.get("class", "").split()):
            self.figs[-1] += data.strip()
        if self.stack and self.stack[-1][0] in ("title", "desc") and self._inside(lambda t, a: t == "svg"):
            self.svgs[-1][self.stack[-1][0]] += data
        if self.headings and self._inside(lambda t, a: t == self.headings[-1][0]):
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long-image-html")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    assert main_in(folder, "build", "--no-pdf", "--jobs", "1") == 0
    project = load_project(folder / "content", folder)
    view = present(project.series, project.conferences[0].model)
    html = (folder / "output" / STEM / f"{STEM}-一图读懂.html").read_text(encoding="utf-8")
    return folder, project, view, html


def test_each_big_number_is_a_metrics_figure_with_its_unit(built):
    _, _, view, html = built
    page = Page(html)
    shown = {m.text + m.mark for t in view.themes for m in t.metrics}
    assert page.figs and all(f in shown for f in page.figs), [f for f in page.figs if f not in shown]
    assert "2458.8亿元" in page.figs
    for m in (m for t in view.themes for m in t.metrics if m.mark):  # a derived value shown keeps its mark
        assert m.text not in page.figs, m.label


def test_every_theme_shows_the_storyboards_message_and_key_figures(built):
    _, _, view, html = built
    board = storyboard(view, lambda *a: True)
    page = Page(html)
    headings = [text for tag, text in page.headings]
    assert ("h1", view.title.replace(" ", "")) in [(t, x.replace(" ", "")) for t, x in page.headings]
    for story, theme in zip(board.themes, view.themes):
        opening = story.slides[0]
        assert theme.title in headings
        if opening.title not in (theme.title, theme.heading):
            assert opening.title in "".join(page.text)  # the message, as the deck titles the theme's opening slide
        else:  # no message: the theme is named once, not again with its number (06 深化… / （六）深化…)
            assert theme.heading not in "".join(page.text)
        for m in opening.cards[:FIGURES_MOST]:
            assert m.text + m.mark in page.figs
    assert len(page.figs) == sum(len(s.slides[0].cards[:FIGURES_MOST]) for s in board.themes)


def content_numbers(project) -> set[str]:
    """Every number the content states (the files' text, and each metric's figures as the documents print them)."""
    files = [project.series_path, *(c.path for c in project.conferences)]
    found = {n for f in files for n in NUMBER.findall(Path(f).read_text(encoding="utf-8"))}
    for m in project.conferences[0].model.metrics().values():
        for x in (m.value, m.comparison and m.comparison.increase, m.comparison and m.comparison.base_value,
                  m.comparison and m.comparison.percent, m.growth and m.growth.rate):
            if isinstance(x, float | int) and not isinstance(x, bool):
                found |= {num(x), num(abs(x))}
    return found


def test_every_number_on_the_page_comes_from_the_content(built):
    _, project, _, html = built
    text = "\n".join(Page(html).text)
    allowed = content_numbers(project)
    stray = [n for n in NUMBER.findall(text) if n.lstrip("-") not in allowed and n not in allowed]
    assert not stray, stray
    for hidden in ("131项", "71户"):  # figures the shipped conference withholds
        assert hidden not in html


def test_the_style_sheet_names_the_house_faces_as_css_reads_them(built):
    html = built[3]
    css = html[html.index("<style>"):html.index("</style>")]
    assert "&#34;" not in css and "&quot;" not in css  # an escaped quote is no CSS string: the face would be dropped
    body = re.search(r"body \{[^}]*font-family: ([^;]*);", css).group(1)
    faces = [f.strip().strip('"') for f in body.split(",")]
    assert faces[0] == "微软雅黑" and faces.index("Noto Sans CJK SC") < faces.index("Arial")  # Chinese before Latin


def test_a_figure_is_never_parted_from_its_unit(built):
    _, _, _, html = built
    css = html[html.index("<style>"):html.index("</style>")]
    assert re.search(r"\.nb, \.fig \{ white-space: nowrap; \}", css)
    outside = re.sub(r'<span class="nb">.*?</span>', "", html)
    for block in re.findall(r'<p class="detail">(.*?)</p>|<li>(.*?)</li>', outside):
        for text in block:
            assert not re.search(r"\d(?:亿元|万元|元|万吨|%|个百分点|万人|项|家|户)", text), text


def test_charts_are_svg_with_a_title_a_description_and_the_chart_data(built):
    _, _, view, html = built
    page = Page(html)
    assert page.lang == "zh-CN"
    assert page.svgs, "the seed's themes have charts"
    for svg in page.svgs:
        assert svg["attrs"].get("role") == "img" and svg["attrs"].get("aria-labelledby")
        assert svg["title"] and "：" in svg["desc"]
    desc = " ".join(s["desc"] for s in page.svgs)
    assert "第一产业6.2%" in desc  # the doughnut's alt text, from its ChartData


def test_a_draft_is_marked_in_the_page_the_csv_and_the_package_and_final_refuses_it(draft_project, run):
    code, _, err = run(draft_project, "build", "--no-pdf", "--jobs", "1")
    assert code == 0, err
    [html_file] = (draft_project / "output").glob("*/*-一图读懂.html")
    html = html_file.read_text(encoding="utf-8")
    assert 'class="draft-tag"' in html and "草稿：含待补充或待核对的数据" in html
    rows = read_csv(next(html_file.parent.glob("*-数据.csv")).read_bytes())
    assert rows and all(r["status"].startswith("草稿") for r in rows)
    missing = [r for r in rows if r["status"] == "草稿：待补充"]
    assert missing and all(r["value"] == "" or r["growth_rate"] == "" for r in missing)  # a gap is empty, never a number
    assert [r for r in missing if r["value"] == ""] and [r for r in missing if r["growth"].endswith("待补充")]
    descriptor = json.loads((html_file.parent / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"].endswith("（草稿）")
    shutil.rmtree(draft_project / "output")
    assert run(draft_project, "build", "--no-pdf", "--final", "--jobs", "1")[0] == 1
    assert not list(draft_project.glob("output/*/*-一图读懂.html"))


def test_the_same_content_gives_the_same_bytes(built):
    folder = built[0]
    assert main_in(folder, "build", "--no-pdf", "--jobs", "1", "--no-cache", "--out", "again") == 0
    for name in (f"{STEM}-一图读懂.html", f"{STEM}-数据.csv", "datapackage.json"):
        assert (folder / "again" / STEM / name).read_bytes() == (folder / "output" / STEM / name).read_bytes(), name


def test_the_page_links_every_file_made(built):
    folder = built[0]
    page = (folder / "output" / "index.html").read_text(encoding="utf-8")
    from urllib.parse import quote

    for name in (f"{STEM}-一图读懂.html", f"{STEM}-数据.csv", "datapackage.json", f"{STEM}-发布会.pptx"):
        assert f'href="{quote(f"{STEM}/{name}")}"' in page, name
    assert "一图读懂文字版（HTML）" in page and "发布数据（CSV）" in page and "数据包说明（JSON）" in page
