"""The storyboard on the reopened deck: the order of a conference, counts, each figure once, fuller slides."""
from __future__ import annotations

import re
import shutil

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from generator.present.storyboard import composed, figures, scale_groups, shaped, thinned
from generator.present.wording import num
from tests.conftest import ROOT, main_in

OVERVIEW, AGENDA, QA = "数说", "目录", "答记者问"


@pytest.fixture(scope="module")
def deck(built_deck):
    path, project = built_deck
    return Presentation(str(path)), project.conferences[0].model


@pytest.fixture(scope="module")
def red_deck(tmp_path_factory):
    """The shipped conference on the 红头 4:3 theme (as tools/golden.py builds it)."""
    work = tmp_path_factory.mktemp("red")
    shutil.copytree(ROOT / "content", work / "content")
    shutil.copytree(ROOT / "assets", work / "assets")
    series = work / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("theme: assets/theme.yaml",
                                                                 "theme: assets/theme-红头.yaml"), encoding="utf-8")
    assert main_in(work, "deck", "--no-cache") == 0
    return Presentation(str(next((work / "output").rglob("*.pptx"))))


def title(slide) -> str:
    t = slide.shapes.title
    return t.text_frame.text.replace("\v", "") if t is not None else ""


def shown_text(slide) -> str:
    return "\n".join(sh.text_frame.text.replace("\v", "") for sh in slide.shapes if sh.has_text_frame
                     and sh.name not in ("资料来源", "页码", "草稿标记"))


def cards(slide) -> list:
    return [sh for sh in slide.shapes if sh.name.startswith("指标卡 ")]


def test_the_deck_tells_the_conference_in_order(deck):
    prs, conf = deck
    slides = list(prs.slides)
    assert [title(s) for s in slides[:3]][1:] == [title(slides[1]), AGENDA]
    assert title(slides[1]).startswith(OVERVIEW)
    assert [s.slide_layout.name for s in slides[-2:]] == ["结束", "结束"]
    assert title(slides[-2]) == QA and "【主持人】" in slides[-2].notes_slide.notes_text_frame.text
    # each theme opens on a slide with its heading over its message and its key figures; a slide whose title is
    # the theme's own shows no heading saying it again, and keeps the theme's number in its title: （六）深化改革…
    opened = [(sh.text_frame.text.split("）", 1)[1], title(s)) for s in slides for sh in s.shapes if sh.name == "主题"]
    assert all(theme != shown for theme, shown in opened), opened
    titles = [title(s) for s in slides]
    numbered = {x.split("）", 1)[1] for x in titles if x.startswith("（") and "）" in x}
    for t in conf.themes():
        assert any(theme == t.title for theme, _ in opened) or t.title in numbered, t.title


def test_slide_counts_on_both_themes(deck, red_deck):
    """Full slides, but a highlight sits only beside the chart it is about: the seed's first theme has three
    sentences no chart shows, on a slide of their own (24 slides before, with them beside an unrelated chart); and
    each of the seed's two parts opens with its heading on a divider (two slides more)."""
    assert len(deck[0].slides) <= 27
    assert len(red_deck.slides) <= 30


def figure_strings(conf) -> set[str]:
    out = set()
    for m in conf.metrics().values():
        if m.value is not None and not m.withheld("value"):
            out.add(num(m.value) + m.unit)
    return out


@pytest.mark.parametrize("which", ["deck", "red_deck"])
def test_each_figure_on_its_home_slide_and_at_most_the_overview(which, request, deck):
    prs, conf = request.getfixturevalue(which), deck[1]
    prs = prs[0] if isinstance(prs, tuple) else prs
    where: dict[str, list[int]] = {}
    for n, slide in enumerate(prs.slides, 1):
        for f in figures(shown_text(slide)) & figure_strings(conf):
            where.setdefault(f, []).append(n)
    overview = 2
    for f, slides in where.items():
        assert len(slides) <= 2, (f, slides)
        assert len(slides) == 1 or overview in slides, (f, slides)


def chart_points(frame) -> int:
    return len(frame.chart._chartSpace.xpath(".//c:ser[1]/c:cat//c:pt"))


def test_charts_have_three_points_and_one_scale_and_cards_one_size(deck, red_deck):
    for prs in (deck[0], red_deck):
        for n, slide in enumerate(prs.slides, 1):
            for frame in (sh for sh in slide.shapes if sh.has_chart):
                assert chart_points(frame) >= 3, (n, frame.name)
                plot = frame.chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
                if plot.find(qn("c:pieChart")) is not None or plot.find(qn("c:doughnutChart")) is not None:
                    continue
                for kind in plot:
                    values = [float(v) for v in kind.xpath("./c:ser/c:val//c:pt/c:v/text()")]
                    if values and min(values) > 0:
                        assert max(values) <= 20 * min(values), (n, frame.name, values)
            own = cards(slide)
            assert len({(c.width, c.height) for c in own}) <= 1, n
            if own and not any(sh.name == "要点" for sh in slide.shapes):
                assert len(own) >= 3, (n, "a key-figure slide of fewer than three figures")


def test_at_most_five_bullets_and_eight_agenda_entries(deck, red_deck):
    for prs in (deck[0], red_deck):
        for slide in prs.slides:
            for sh in slide.shapes:
                if sh.name == "要点":
                    assert len(sh.text_frame.paragraphs) <= 5, title(slide)
            if title(slide).startswith(AGENDA):
                badges = [sh for sh in slide.shapes if re.fullmatch(r"\d\d", sh.text_frame.text if sh.has_text_frame
                                                                     else "")]
                assert 1 <= len(badges) <= 8


def test_no_slide_is_one_bullet_alone(deck, red_deck):
    """A highlights slide that would hold one bullet alone (what a theme's opening had no room for) reads as a slip:
    that sentence is said in the notes instead (4:3 left two such slides)."""
    for prs in (deck[0], red_deck):
        for slide in prs.slides:
            bullets = [p for sh in slide.shapes if sh.name == "要点" for p in sh.text_frame.paragraphs if p.text.strip()]
            has_more = any(sh.has_chart for sh in slide.shapes) or cards(slide)
            assert has_more or len(bullets) != 1, title(slide)


def test_the_overview_shows_six_to_nine_figures_from_four_themes(deck):
    prs, conf = deck
    own = [sh.name.split(" ", 1)[1] for sh in cards(prs.slides[1])]
    assert 6 <= len(own) <= 9
    theme_of = {m.id: t.id for t in conf.themes() for m in t.metrics}
    assert len({theme_of[i] for i in own}) >= 4


def test_every_key_figure_and_every_chart_is_shown(deck):
    prs, conf = deck
    text = "".join(shown_text(s) for s in prs.slides).replace("\n", "")
    for m in conf.metrics().values():
        if m.key and not m.withheld("value"):
            assert f"{num(m.value)}{m.unit}" in text, m.id
    drawn = {sh.name.split(" ", 1)[1] for s in prs.slides for sh in s.shapes if sh.has_chart}
    for chart in (c for t in conf.themes() for c in t.charts):
        if chart.id not in drawn:  # shown as the cards of its figures
            ids = {r.partition(".")[0] for s in chart.series for r in s.values}
            carded = {sh.name.split(" ", 1)[1] for s in prs.slides for sh in cards(s)}
            left_out = {m.id for m in conf.metrics().values() if m.withheld("value") or m.derived}  # see below
            assert ids <= carded | left_out, chart.id


HOST_SLIDES = ("封面", "结束")  # layouts of the host's slides, besides the overview and the agenda


@pytest.mark.parametrize("which", ["deck", "red_deck"])
def test_notes_are_the_host_where_the_host_speaks_and_say_each_sentence_once(which, request):
    """The host's cues (【主持人】) on the cover, the overview, the agenda with the hand-over, 答记者问 and the closing
    only; the presenter's words unmarked, each sentence once; nothing written for the eye or the editor (alt text,
    a chart's kind and unit, 推算/※/hatching notes, the editor's note:)."""
    prs = request.getfixturevalue(which)
    prs = prs[0] if isinstance(prs, tuple) else prs
    host = 0
    for slide in prs.slides:
        text = slide.notes_slide.notes_text_frame.text
        assert text.strip(), title(slide)
        for word in ("柱形图", "圆环图", "饼图", "条形图", "推算", "斜线", "※", "（", "待补充", "note", "注："):
            assert word not in text, (title(slide), word)
        on_host_slide = (slide.slide_layout.name in HOST_SLIDES or title(slide).startswith((OVERVIEW, AGENDA))
                         or title(slide) in ("发布人", "出席人员"))
        assert ("【主持人】" in text) == on_host_slide, title(slide)
        host += on_host_slide
        sentences = [s.strip() for s in re.split(r"(?<=[。！？])|\n", text) if s and s.strip()]
        assert len(sentences) == len(set(sentences)), title(slide)
    assert host >= 5
    agenda = [s for s in prs.slides if title(s).startswith(AGENDA)]
    assert "下面请有关负责同志介绍有关情况。" in agenda[-1].notes_slide.notes_text_frame.text


def test_the_notes_say_a_figure_of_the_narrative_once(deck):
    """Slide 13 said its GDP sentence three times (lead, narrative, a highlight left off the slide) and the GDP per
    head twice: a lead or left-off highlight is said only for a figure the narrative does not say."""
    prs, _ = deck
    for slide in prs.slides:
        text = slide.notes_slide.notes_text_frame.text
        for figure in ("2458.8亿元", "73232元", "25193元"):
            assert text.count(figure) <= 1, (title(slide), figure)


SPEAKERS = """host: {name: 张三, role: 市政府新闻办主任}
speakers:
  - {name: 李四, role: 市统计局局长}
  - {name: 王五, role: 市发展改革委副主任}
"""


def test_a_conference_naming_its_host_and_speakers_opens_with_them(make_project, run):
    folder = make_project()
    conf = folder / "content" / "conference.yaml"
    conf.write_text(conf.read_text(encoding="utf-8").replace("source: 测试来源\n", "source: 测试来源\n" + SPEAKERS),
                    encoding="utf-8")
    code, _, err = run(folder, "deck")
    assert code == 0, err
    prs = Presentation(str(next((folder / "output").rglob("*.pptx"))))
    assert title(prs.slides[1]) == "出席人员"  # the host is on it: not all are 发布人
    text = shown_text(prs.slides[1])
    for who in ("张三", "市政府新闻办主任", "李四", "王五", "主持人", "发布人"):
        assert who in text
    assert "张三" in prs.slides[1].notes_slide.notes_text_frame.text
    agenda = [s for s in prs.slides if title(s).startswith(AGENDA)][-1].notes_slide.notes_text_frame.text
    assert "下面请市统计局局长　李四、市发展改革委副主任　王五介绍有关情况。" in agenda  # the hand-over names them


def test_the_rules_are_general():
    assert figures("2024年全市地区生产总值2458.8亿元，增长5.6%，比值2.15，5A级") == {"2458.8亿元", "5.6%", "2.15"}
    assert thinned("“十四五”首年，全市地区生产总值突破2000亿元，2024年达到2458.8亿元。", {"2458.8亿元"}) == \
        "“十四五”首年，全市地区生产总值突破2000亿元。"
    assert thinned("2024年全市地区生产总值达到2458.8亿元，较2020年增加836.2亿元。", {"2458.8亿元", "836.2亿元"}) == ""
    assert thinned("焦化先进产能占比待补充，煤炭98%。", {"98%"}).startswith("焦化先进产能占比待补充")


def test_a_chart_of_two_points_or_two_scales_becomes_cards():
    from generator.present.charts import ChartData, SeriesData

    two = ChartData("c", "column", "t", "亿元", ("a", "b"), (SeriesData("s", (1.0, 2.0), "亿元"),), "src",
                    refs=(("x",), ("y",)))
    assert shaped(two) == ([], ["x", "y"])
    wide = ChartData("d", "bar", "t", "亿元", ("a", "b", "c", "e"), (SeriesData("s", (738.4, 8.2, 45, 700), "亿元"),),
                     "src", refs=(("a",), ("b",), ("c",), ("e",)))
    assert scale_groups(wide) == [[0, 2, 3], [1]]
    charts, ids = shaped(wide)
    assert [c.categories for c in charts] == [("a", "c", "e")] and ids == ["b"]


def test_a_composed_message_is_short_and_states_the_figure(deck):
    from generator.present.view import MetricShown

    m = MetricShown("gdp", "地区生产总值", True, "2458.8", False, "", "", "亿元", "2024", "", "", "全省第四位", False,
                    False)
    assert composed(m) == "地区生产总值为2458.8亿元 居全省第四位"  # no verb of its own: 为 where the content says none
    assert composed(m, ("2024年全市地区生产总值达到2458.8亿元。",)) == "地区生产总值达到2458.8亿元 居全省第四位"
    long = MetricShown("x", "一个非常非常非常非常长的指标名称", True, "1", False, "", "", "个", "", "", "", "", False, False)
    assert composed(long) == "一个非常非常非常非常长的指标名称为1个"
    assert composed(MetricShown("x", "位次", True, "10", False, "前", "", "位", "", "", "", "", False, False)) == ""


# ---------------------------------------------------------------- a chart slide says what its chart shows


def chart_numbers(frame) -> set[str]:
    """The figures a chart plots, as numbers (units aside)."""
    return {num(float(v)) for v in frame.chart._chartSpace.xpath(".//c:ser/c:val//c:pt/c:v/text()")}


def stated_numbers(frame) -> set[str]:
    """The chart's figures but the computed ones (a point drawn hatched)."""
    out = set()
    for ser in frame.chart._chartSpace.xpath(".//c:ser"):
        hatched = {int(i) for i in ser.xpath("./c:dPt[.//a:pattFill]/c:idx/@val")}
        if ser.xpath("./c:spPr/a:pattFill"):  # every point computed: the series is hatched whole
            hatched |= {int(i) for i in ser.xpath("./c:val//c:pt/@idx")}
        out |= {num(float(pt.xpath("./c:v/text()")[0])) for pt in ser.xpath("./c:val//c:pt")
                if int(pt.get("idx")) not in hatched}
    return out


def numbers(text: str) -> set[str]:
    return {re.match(r"[\d.]+", f).group() for f in figures(text)}


def bullets(slide) -> list[str]:
    return [p.text.replace("\v", "") for sh in slide.shapes if sh.name == "要点" for p in sh.text_frame.paragraphs
            if p.text.strip()]


@pytest.mark.parametrize("which", ["deck", "red_deck"])
def test_a_chart_slide_says_what_its_chart_shows(which, request):
    """Slide 15 showed a chart of GDP and value added beside a bullet about grain, slide 17 an innovation chart
    beside broadband users, slide 19 the investment doughnut beside export growth that slide 20's chart plots, and
    the notes said the same: a bullet beside a chart states a figure it plots; a chart alone has its figures in the
    notes; nothing else is said over it."""
    prs = request.getfixturevalue(which)
    prs = prs[0] if isinstance(prs, tuple) else prs
    for n, slide in enumerate(prs.slides, 1):
        frames = [sh for sh in slide.shapes if sh.has_chart]
        if not frames:
            continue
        plotted = set().union(*map(chart_numbers, frames))
        shown = bullets(slide)
        for text in shown:
            assert numbers(text) & plotted, (n, text)
        notes = slide.notes_slide.notes_text_frame.text
        lines = [ln for ln in notes.split("\n") if ln.strip()]
        assert lines[0].startswith("请看图表"), (n, notes)
        for line in lines[1:]:
            assert line in shown or numbers(line) <= plotted, (n, line)
        if not shown:
            said = numbers(notes)
            for frame in frames:
                assert stated_numbers(frame) <= said, (n, frame.name, notes)


@pytest.mark.parametrize("which", ["deck", "red_deck"])
def test_a_highlight_is_shown_on_one_slide_and_said_on_it(which, request):
    """A highlight once: on one slide, in that slide's notes only, and beside the chart that plots its figures
    (slide 19 showed export and import growth that slide 20's chart plots)."""
    prs = request.getfixturevalue(which)
    prs = prs[0] if isinstance(prs, tuple) else prs
    slides = list(prs.slides)
    for n, slide in enumerate(slides, 1):
        for text in bullets(slide):
            for m, other in enumerate(slides, 1):
                if m != n:
                    assert text not in shown_text(other), (n, m, text)
                    assert text not in other.notes_slide.notes_text_frame.text, (n, m, text)
                    for frame in (sh for sh in other.shapes if sh.has_chart):
                        assert not numbers(text) & chart_numbers(frame), (n, m, text)


def footer(slide) -> str:
    return "".join(sh.text_frame.text for sh in slide.shapes if sh.name == "资料来源")


@pytest.mark.parametrize("which", ["deck", "red_deck"])
def test_a_note_under_a_slide_is_about_a_figure_on_it(which, request):
    """注：基期数值按增量推算 stood under cards on slides 13, 14, 16, 18 and 21, where no base value is shown (a card
    states the change, not the base): a note about computed figures stands only where one is shown, ※ only under
    a ※ figure."""
    prs = request.getfixturevalue(which)
    prs = prs[0] if isinstance(prs, tuple) else prs
    for n, slide in enumerate(prs.slides, 1):
        note = footer(slide)
        frames = [sh for sh in slide.shapes if sh.has_chart]
        hatched = any(f.chart._chartSpace.xpath(".//c:dPt[.//a:pattFill] | .//c:ser/c:spPr/a:pattFill") for f in frames)
        if "推算" in note:
            assert hatched, (n, note)
        if "※" in note:
            marks = [t for f in frames for t in f.chart._chartSpace.xpath(".//c:dLbl/c:numFmt/@formatCode")]
            assert "※" in shown_text(slide) or any("※" in t for t in marks), (n, note)


@pytest.mark.parametrize("which", ["deck", "red_deck"])
def test_a_card_states_a_stated_figure_before_a_derived_one(which, request, deck):
    """Slide 16 made 规上工业增加值年均增长 6%※ (worked out as 13.1 − 7.1) a headline card while the theme still had
    stated figures to show: a derived figure is a card only when no stated figure of its theme is left."""
    prs, conf = request.getfixturevalue(which), deck[1]
    prs = prs[0] if isinstance(prs, tuple) else prs
    text = "".join(shown_text(s) for s in prs.slides).replace("\n", "")
    theme_of = {m.id: t for t in conf.themes() for m in t.metrics}
    marked = [sh.name.split(" ", 1)[1] for s in prs.slides for sh in cards(s) if "※" in sh.text_frame.text
              or any("※" in x.text_frame.text for x in getattr(sh, "shapes", ()) if x.has_text_frame)]
    for card in {sh.name.split(" ", 1)[1] for s in prs.slides for sh in s.shapes if sh.name.startswith("数值 ")
                 and "※" in sh.text_frame.text} | set(marked):
        stated = [m for m in theme_of[card].metrics if m.value is not None and not m.derived and m.publish
                  and not m.withheld("value")]
        assert all(f"{num(m.value)}{m.unit}" in text for m in stated), card
    assert "数值 above_scale_industry_growth" not in {sh.name for s in prs.slides for sh in s.shapes}


GROWTH = """
      - id: theme_b
        title: 新兴产业
        metrics:
          - {id: sei, label: 战略性新兴产业增加值年均增长, value: 13.1, unit: "%", start: 2021, year: 2024, key: true}
          - {id: gap, label: 高于规上工业, value: 7.1, unit: 个百分点, start: 2021, year: 2024, key: true}
          - id: industry
            label: 规上工业增加值年均增长
            value: 6.0
            unit: "%"
            start: 2021
            year: 2024
            derived: sei - gap
            key: true
"""


@pytest.mark.parametrize("stated_left", [False, True])
def test_a_derived_card_only_when_nothing_stated_is_left(make_project, run, stated_left):
    """A theme of two stated key figures and one worked out from them shows all three, the derived one marked ※ in
    its written precision (6.0) and the note under it; with stated figures of the theme still unshown, the first
    is the third card and the derived figure no card at all (a stated one is still left)."""
    extra = ("          - {id: firms, label: 规上工业企业, value: 1164, unit: 户, year: 2024}\n"
             "          - {id: patents, label: 有效发明专利, value: 1171, unit: 件, year: 2024}\n" if stated_left else "")
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    folder = make_project(text.rstrip("\n") + "\n" + GROWTH.lstrip("\n") + extra)
    code, _, err = run(folder, "deck")
    assert code == 0, err
    prs = Presentation(str(next((folder / "output").rglob("*.pptx"))))
    [slide] = [s for s in prs.slides if any(sh.name == "数值 sei" for sh in s.shapes)
               and not title(s).startswith(OVERVIEW)]
    values = {sh.name.split(" ", 1)[1]: sh.text_frame.text for sh in slide.shapes if sh.name.startswith("数值 ")}
    if stated_left:
        assert set(values) == {"sei", "gap", "firms"} and "※" not in footer(slide)
    else:
        assert values["industry"] == "6.0%※" and "※为推算值" in footer(slide)
        assert "推算" not in footer(slide).replace("※为推算值", "")  # no base note: no base is shown


def test_a_highlight_taken_off_a_slide_of_its_own_is_said_with_its_new_figures(deck):
    """The broadband sentence no chart shows would stand alone on a slide: it is said in the theme's opening notes,
    whole, as its increase (58.3万户) is said nowhere else."""
    prs, _ = deck
    shown = "".join(shown_text(s) for s in prs.slides)
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert "58.3万户" not in shown
    assert sum("较2020年增加58.3万户" in n for n in notes) == 1


def test_each_part_opens_with_its_heading_on_a_divider(deck):
    """二、经济发展各领域取得的新成效 on a slide of its own before its first theme, so the audience sees the second （一）
    begin a new part; the host's notes say which part it is."""
    prs, conf = deck[0], deck[1]
    titles = [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in prs.slides]
    headings = [f"{'一二三四五六七八九'[i]}、{part.title}" for i, part in enumerate(conf.parts)]
    assert len(headings) == 2
    at = [titles.index(h) for h in headings]
    assert at == sorted(at) and at[0] > titles.index("目录")
    notes = [prs.slides[i].notes_slide.notes_text_frame.text for i in at]
    assert "第一部分" in notes[0] and "第二部分" in notes[1]
    # the divider stands right before its part's first theme, whose kicker or title names that theme
    first = conf.parts[1].themes[0].title
    after = "".join(sh.text_frame.text for sh in prs.slides[at[1] + 1].shapes if sh.has_text_frame)
    assert first in after


def test_a_continued_title_follows_a_slide_of_the_same_title(deck, red_deck):
    """（续） says the slide goes on with the one titled the same; a theme's highlights after slides titled by
    messages are not a continuation of anything shown, so they bear the theme's title alone."""
    for prs in (deck[0], red_deck):
        titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
        for i, t in enumerate(titles):
            if t.endswith("（续）"):
                base = t[:-len("（续）")]
                assert any(x in (base, t) or x.split("）", 1)[-1] == base for x in titles[:i]), (t, titles[:i])


def test_a_lead_is_on_its_slide_only_when_it_says_more_than_the_title(deck):
    """Title, lead and card stating the one figure three times reads as padding: a lead whose figures the title
    states all is said in the notes instead (the seed's （二） theme: 80%以上 in its title, lead and card)."""
    from generator.present.storyboard import figures

    prs, conf = deck
    leads = 0
    for s in prs.slides:
        lead = next((sh.text_frame.text for sh in s.shapes if sh.name == "导语"), "")
        said = figures(lead.replace("\x0b", ""))
        if said:  # a lead without figures (a sentence of the theme's idea) is no repetition
            leads += 1
            assert said - figures(s.shapes.title.text), (s.shapes.title.text, lead)
    assert leads  # the rule keeps the leads that add figures
    livelihood = next(t for t in conf.themes() if t.id == "livelihood")
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    assert "80%以上" in notes and livelihood.lead is not None


def test_the_overview_gives_each_figure_its_change(deck):
    """数说: a level read without its change can read as the wrong news (a pollution level of 55 as an achievement,
    where the news is its fall): each card says its comparison, else its growth, with its period."""
    from generator.render.deck.cards import key_comparison_name

    prs, conf = deck
    overview = prs.slides[1]
    said = {sh.name: sh.text_frame.text.replace("\x0b", "") for sh in overview.shapes if sh.has_text_frame}
    metric = next(m for m in conf.metrics().values() if m.id == "gdp_per_capita")
    details = said[key_comparison_name(metric.id)]
    assert "较2020年增加25193元" in details and "2024年" in details, said


def test_highlights_beside_a_chart_sit_in_the_middle_of_its_height(deck):
    """A bullet or two beside a tall chart, set at the top, left the slide's lower left empty."""
    from pptx.enum.text import MSO_ANCHOR

    prs, _ = deck
    beside = [sh for s in prs.slides if any(g.has_chart for g in s.shapes) for sh in s.shapes if sh.name == "要点"]
    assert beside and all(sh.text_frame.vertical_anchor == MSO_ANCHOR.MIDDLE for sh in beside)


@pytest.mark.parametrize("which", ["deck", "red_deck"])
def test_a_slide_titled_by_its_theme_names_it_with_its_number(which, request, deck):
    """Every slide whose title is a theme's name carries the theme's number (（一）…), the opening of a theme without
    a message and the chart or highlights slides after a message alike: the review found “（六）深化改革实现新突破”
    beside bare “经济发展跃上新台阶” and “绿色发展谱写新篇章” (M4)."""
    from generator.present.labels import continued

    prs = request.getfixturevalue(which)
    prs = prs[0] if isinstance(prs, tuple) else prs
    model = deck[1]
    themes = [(t.title, f"（{cn}）{t.title}") for part in model.parts for cn, t in zip("一二三四五六七八九十", part.themes)]
    seen = 0
    for n, slide in enumerate(prs.slides, 1):
        t = title(slide)
        for name, heading in themes:
            assert t not in (name, continued(name)), (n, t)
            seen += t in (heading, continued(heading))
    assert seen >= 3
