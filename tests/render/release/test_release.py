"""The press release (新闻通稿) and the host's script (主持词), built as the build builds them and reopened: the lead
and its figures, every number from the content, the script's order and people, withheld figures absent."""
from __future__ import annotations

import re

import pytest
from docx import Document

from generator.content.model import highlight_text, published
from generator.present import labels as L
from generator.present.storyboard import overview_metrics
from tests.conftest import ROOT

WORD_JOINER = "\u2060"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
TEMPLATE_FIELD = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def built(tmp_path_factory, content):
    from generator.build.pipeline import build
    from generator.content.loader import load_project

    project = load_project(content, ROOT)
    out = tmp_path_factory.mktemp("release")
    result = build(project, project.conferences, out, ("release", "script"), jobs=1)
    files = {p.name.rsplit("-", 1)[1]: p for p in result.written}
    [view] = result.views.values()
    return files, view, project.conferences[0].model


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return built(tmp_path_factory, ROOT / "content")


@pytest.fixture(scope="module")
def shandong(tmp_path_factory):
    """The second example names its host and speaker."""
    return built(tmp_path_factory, ROOT / "examples" / "shandong-env")


def paragraphs(path) -> list[tuple[str, str]]:
    """(style, text) of every body paragraph, without the word joiners that hold a figure to its unit."""
    return [(p.style.name, p.text.replace(WORD_JOINER, "")) for p in Document(str(path)).paragraphs]


def words(path) -> str:
    return "\n".join(t for _, t in paragraphs(path))


def content_numbers(view, conf) -> set[str]:
    """Every number the content states: the view's figures, periods, comparisons, growths and labels; its date,
    titles and source; and the numbers the editors typed into the published texts (years, 5A级) outside the
    metric references."""
    found: set[str] = set()
    for theme in view.themes:
        for m in theme.metrics:
            for text in (m.label, m.number, m.years, m.comparison, m.growth, m.rank):
                found |= set(NUMBER.findall(text))
    for text in (view.date, view.title, view.subject, view.banner, view.source, *view.organisers):
        found |= set(NUMBER.findall(text))
    for theme in conf.themes():
        typed = [theme.title, theme.lead or "", theme.message or "", theme.narrative or "",
                 *(highlight_text(h) for h in theme.highlights if published(h))]
        found |= {n for t in typed for n in NUMBER.findall(TEMPLATE_FIELD.sub("", t))}
    return found


# ---------------------------------------------------------------- the press release


def test_the_release_opens_with_its_headline_and_a_short_lead_with_the_headline_figures(seed):
    files, view, _ = seed
    body = paragraphs(files["新闻通稿.docx"])
    styles = [s for s, _ in body]
    assert styles[:2] == ["Subtitle", "Title"] and body[0][1].replace("\n", "") == view.banner  # broken after ——
    assert body[1][1].replace("\n", " ") == view.title  # the headline is the conference's title
    [lead] = [t for s, t in body if s == "Normal" and t.startswith(view.date)]
    assert len(lead) <= L.RELEASE_LEAD_MOST
    # who held it and which conference of the series it was; no speaker named: 据介绍
    assert lead.startswith(f"{view.date}，{'、'.join(view.organisers)}举行{view.subject}第一场。据介绍，")
    first = overview_metrics(view)[0]
    assert first.text in lead  # the deck's first headline figure, as the deck words it (a second when it fits)
    # as the content says it (no 达 of ours), with its change (the same figure's in the statistics) before its rank
    assert "2024年晋中市地区生产总值2458.8亿元，较2020年增加836.2亿元，居全省第四位" in lead


def test_the_lead_says_who_told_the_news_with_its_change(shandong):
    files, view, _ = shandong
    [lead] = [t for s, t in paragraphs(files["新闻通稿.docx"]) if s == "Normal" and t.startswith(view.date)]
    assert len(lead) <= L.RELEASE_LEAD_MOST
    assert lead.endswith("。省环保厅巡视员葛为砚介绍，2018年上半年山东省细颗粒物（PM2.5）平均浓度为55μg/m³，同比下降15.4%。")


def test_every_figure_the_body_states_carries_its_change_in_the_themes_order(shandong):
    files, view, _ = shandong
    text = words(files["新闻通稿.docx"])
    # the key figures the paragraph composes: each with its change, in the theme's order (6.1天 before 5.95)
    assert "重污染天数平均为6.1天，较去年同期减少5.6天" in text
    assert "环境空气质量优良率为53.7%，较去年同期提升2.1个百分点" in text
    assert "可吸入颗粒物（PM10）平均浓度为108μg/m³，同比下降10.0%" in text  # a unit the figure finder does not know
    assert text.index("6.1天") < text.index("5.95") < text.index("53.7%")
    # a content's sentence that states a figure without its change gets it after the figure's clause
    assert "比例为59.0%，较去年同期持平。" in text
    for m in (m for t in view.themes for m in t.metrics if m.key and not m.missing):
        for change in (m.comparison, m.growth):
            if change and m.text in text:
                assert re.search(re.escape(change).replace("较去年同期", "(较去年同期|同比)"), text) or re.sub(
                    r"\D", "", change) in re.sub(r"\D", "", text), (m.label, change)


def test_the_release_says_each_theme_in_a_paragraph_within_its_length(seed):
    files, view, _ = seed
    text = words(files["新闻通稿.docx"])
    assert 1000 <= len(re.sub(r"\s", "", text)) <= 2000
    for theme in view.themes:  # each theme's paragraph opens with its title, run in
        assert L.run_in(theme.title) in text
    for part in view.parts:
        assert part.heading in text
    for m in view.key_figures:  # every key figure is said, as the view renders it
        assert m.missing or m.text in text, m.label
    noted = "\n" + L.note_line(L.DERIVED_MARK_NOTE) if L.DERIVED_MARK in text else ""  # ※ explained where it is used
    assert text.rstrip().endswith(view.source_line() + noted)
    assert L.release_issuer(view.organisers) in text
    assert "联系方式" not in text  # the series gives no contact: no line, never an invented one


def test_a_derived_figure_carries_its_mark_in_the_release(seed):
    """The seed states its figures (none of its ※ figures is said in the release: tests/present/test_release.py has
    one that is); any derived figure the release does say carries ※."""
    files, view, _ = seed
    text = words(files["新闻通稿.docx"])
    for m in (m for t in view.themes for m in t.metrics if m.mark):
        assert re.search(r"(?<![\d.])" + re.escape(m.text) + "(?!※)", text) is None, m.label


@pytest.mark.parametrize("example", ["seed", "shandong"])
def test_every_number_in_both_documents_comes_from_the_content(example, request):
    files, view, conf = request.getfixturevalue(example)
    allowed = content_numbers(view, conf)
    for name in ("新闻通稿.docx", "主持词.docx"):
        shown = NUMBER.findall(words(files[name]))
        assert shown and set(shown) <= allowed, (name, sorted(set(shown) - allowed))
    assert len(NUMBER.findall(words(files["新闻通稿.docx"]))) > 30  # a release full of figures, each checked


def test_a_figure_is_said_with_the_contents_own_verb_and_direction(seed):
    """A clause composed for a figure adds no verb the content does not say: 下降到 stays a fall, 达 only where the
    content says 达, a figure that opens the content's clause keeps its order (80%以上的财力用于…)."""
    files, view, _ = seed
    text = words(files["新闻通稿.docx"])
    content = "\n".join(t for theme in view.themes for t in (theme.lead, *theme.highlights, *theme.paragraphs))
    assert "汾河流域入河排污口超标率下降到1.7%" in text and "超标率达" not in text
    assert "80%以上的财力用于补齐民生短板" in text and "用于民生的财力占比达" not in text
    for m in (m for t in view.themes for m in t.metrics if not m.missing):
        for verb in ("达", "达到", "增长到", "提高到"):
            if f"{m.label}{verb}{m.text}" in text:
                assert f"{m.label}{verb}{m.text}" in content, (m.label, verb)


def test_the_body_ends_with_wan_before_the_source_lines(seed):
    files, view, _ = seed
    body = paragraphs(files["新闻通稿.docx"])
    texts = [t for _, t in body]
    end = texts.index("（完）")
    assert texts[end + 1] == "" and texts[end + 2] == L.release_issuer(view.organisers)
    assert texts[end - 1].endswith("。") and len(texts[end - 1]) > 40  # right after the last theme's paragraph


def test_withheld_figures_and_highlights_appear_in_neither_document(seed):
    files, _, conf = seed
    withheld = [m for m in conf.metrics().values() if not m.publish and m.value is not None]
    assert {m.value for m in withheld} == {71, 131}  # 企业数, 跨市办理高频事项: known, not to be published
    for name in ("新闻通稿.docx", "主持词.docx"):
        text = words(files[name])
        assert not {"71", "131"} & set(NUMBER.findall(text))
        assert "全市参加" not in text and "待补充" not in text  # the withheld highlight; no gap in a final build


def test_the_release_names_its_contact_when_the_series_gives_one(tmp_path_factory, tmp_path):
    import shutil

    shutil.copytree(ROOT / "content", tmp_path / "content")
    series = tmp_path / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace(
        "theme: assets/theme.yaml", "contact: 市政府新闻办公室新闻发布科\ntheme: assets/theme.yaml"), encoding="utf-8")
    files, view, _ = built(tmp_path_factory, tmp_path / "content")
    assert view.contact and words(files["新闻通稿.docx"]).rstrip().endswith(L.release_contact(view.contact))


# ---------------------------------------------------------------- the host's script


def sections(path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for style, text in paragraphs(path):
        if style == "Heading 1":
            current = out.setdefault(text, [])
        elif current is not None and text:
            current.append(text)
    return out


def test_the_script_runs_in_the_order_of_a_conference(seed):
    files, view, _ = seed
    parts = sections(files["主持词.docx"])
    assert list(parts) == ["一、开场", "二、介绍出席人员", "三、发布议程", "四、答记者问", "五、结束语"]
    opening, people, order, questions, closing = parts.values()
    assert view.subject in opening[0] and f"“{view.title}”" in opening[1]
    # a series that calls itself one (…系列主题新闻发布会) numbers its first conference before a second is listed
    assert view.series_size == 1 and "系列" in view.subject and "第一场" in opening[1]
    # no one named: a neutral sentence in the theme's words; a final script holds no bracketed instruction
    assert people == ["出席今天发布会的有关负责同志将介绍情况，并回答记者朋友的提问。"]
    spoken = [t for t in (*opening, *people, *order, *questions, *closing) if t not in (L.TALKS_CUE, L.QA_PAUSE)]
    assert not [t for t in spoken if "（" in t and "）" in t]  # only the pauses are stage directions
    assert order[0] == ("今天的发布会主要介绍两方面情况：" + "；".join(f"{n}是{p.title}" for n, p in zip("一二", view.parts))
                        + "。")
    assert order[1] == "下面请有关负责同志介绍有关情况。" and order[2] == L.TALKS_CUE
    assert questions[0] == "下面进入答记者问环节。请记者朋友举手示意，提问前请先通报所在新闻机构，每次提一个问题。现在开始提问。"
    assert closing[0].startswith("本场发布会到此结束")
    assert "出席今天发布会的有：" not in words(files["主持词.docx"])  # no list of people it does not know


def test_the_script_introduces_the_host_and_speakers_the_content_names(shandong):
    files, view, _ = shandong
    parts = sections(files["主持词.docx"])
    assert list(parts) == ["一、开场", "二、介绍出席人员", "三、发布议程", "四、答记者问", "五、结束语"]
    people = parts["二、介绍出席人员"]
    assert people == ["我是省政府新闻办事业处处长丁绍敏，今天由我主持发布会。", "出席今天发布会的有：省环保厅巡视员葛为砚。"]
    assert parts["三、发布议程"][1] == "下面请省环保厅巡视员葛为砚介绍有关情况。"
    # one speaker: thanked by name and role as the content gives them, not 各位发布人
    assert parts["五、结束语"] == ["本场发布会到此结束。感谢省环保厅巡视员葛为砚，感谢各位记者朋友，谢谢大家！"]
    assert "第一场" not in "".join(parts["一、开场"])  # one conference, and its series does not call itself one


def test_the_deck_says_the_same_words_as_the_script(shandong):
    """The house wording is written once: the deck's notes introduce and hand over as the script does."""
    from generator.present.storyboard import agenda, speakers

    _, view, _ = shandong
    [slide] = speakers(view)
    assert slide.notes == "【主持人】出席今天发布会的有：省政府新闻办事业处处长　丁绍敏；省环保厅巡视员　葛为砚。"
    assert agenda(view)[-1].notes.endswith("下面请省环保厅巡视员　葛为砚介绍有关情况。")


def test_the_release_keeps_figures_whole_and_its_text_copy_is_plain(seed, tmp_path_factory):
    """The release and the script are read and printed: their figures stay bound to their units (1164|户 had been
    parted in the release). Journalists paste the release into their systems from 新闻通稿.txt: the same paragraphs,
    without a word joiner, so a search for 2458.8亿元 finds what was pasted; UTF-8 with its mark, CRLF lines."""
    import zipfile

    from generator.build.pipeline import build
    from generator.content.loader import load_project

    files, _, _ = seed
    release = zipfile.ZipFile(files["新闻通稿.docx"]).read("word/document.xml").decode()
    script = zipfile.ZipFile(files["主持词.docx"]).read("word/document.xml").decode()
    assert "1164\u2060户" in release and WORD_JOINER in script
    project = load_project(ROOT / "content", ROOT)
    [path] = build(project, project.conferences, tmp_path_factory.mktemp("text"), ("release_text",), jobs=1).written
    data = path.read_bytes()
    assert path.name.endswith("新闻通稿.txt") and data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    text = data.decode("utf-8-sig")
    assert WORD_JOINER not in text and "\n\n\n" not in text.replace("\r", "") and "2458.8亿元" in text
    # a title's phrases: one line; the banner broken after its —— is one line again
    said = [t.replace("——\n", "——").replace("\n", " ") for _, t in paragraphs(files["新闻通稿.docx"]) if t]
    assert [t for t in text.replace("\r", "").split("\n") if t] == said  # every paragraph, in order, nothing else
