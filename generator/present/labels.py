"""The fixed words an audience reads around the content: captions, headers, titles of the fixed slides, speaker
notes, the names PowerPoint's selection pane shows, the house template's prompts.

Renderers take every audience string from here or from the view (`view.py`, `charts.py`), never write their own,
so that the deck, the briefing and the page say the same thing and an editor finds the words in one place. Nothing
here depends on content: a word that does belongs to the view.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..content.numerals import cn
from ..theme import HostScript

# ---------------------------------------------------------------- both documents

LANGUAGE = "zh-CN"  # the language every output declares: its runs, its core properties, its PDF's catalog

REVIEWER = "发布会材料生成器"  # who a redline's tracked changes are by, when the briefing names no author


def signed_note(signed_at: str, changes: int | None) -> str:
    """The page's line for a signed conference: 已签发（2026-12-04 16:47 UTC）· 其后有 3 处修改."""
    when = signed_at.replace("T", " ").removesuffix("Z")[:16] + " UTC" if signed_at else ""
    after = "" if changes is None else "其后未修改" if changes == 0 else f"其后有 {changes} 处修改（见修改对照）"
    return "已签发" + (f"（{when}）" if when else "") + (f" · {after}" if after else "")

CONTINUED = "（续）"  # after the title of a slide or a list that goes on


def continued(title: str) -> str:
    """The title of a slide that goes on from the one before: 主要指标（续）."""
    return f"{title}{CONTINUED}"


def unit_line(unit: str) -> str:
    """A chart's unit as a line or an axis label: 单位：亿元."""
    return f"单位：{unit}"


def series_unit(name: str, unit: str) -> str:
    """A series' unit where a chart's series differ: 增速单位：%."""
    return f"{name}{unit_line(unit)}"


UNIT_SEPARATOR = "；"  # between the units of a chart's series

DERIVED_MARK = "※"  # after a derived (computed) value, wherever it is shown: table cell, card, chart label
DERIVED_MARK_NOTE = "※为推算值"  # what the mark means: under the table, on the slide's source line


def with_derived_note(note: str, marked: bool) -> str:
    """A source line's note, with what ※ means when a figure above it carries the mark."""
    if not marked:
        return note
    return f"{note.rstrip('。')}；{DERIVED_MARK_NOTE}" if note else DERIVED_MARK_NOTE

# ---------------------------------------------------------------- the briefing

TABLE_HEADER = ("指标", "数值", "单位", "年份", "比较")
PERIOD_HEADER = "时间"  # the 年份 column when a row covers part of a year (2018年上半年)


TABLE_OF = "主要指标"  # what a theme's table holds, after the theme's title and CAPTION_SEPARATOR
CAPTION_SEPARATOR = "："  # a theme's title is often a clause (经济规模不断扩大，综合实力显著提升): set off, not run in


def table_caption(number: int, title: str) -> str:
    """表5　经济规模不断扩大，综合实力显著提升：主要指标"""
    return f"表{number}　{title}{CAPTION_SEPARATOR}{TABLE_OF}"


def table_continued(number: int) -> str:
    """The caption over a table's rows on the following page."""
    return f"续表{number}"


def figure_caption(number: int, title: str, unit: str) -> str:
    """图1　title（单位：亿元）; `unit` empty leaves the unit out. A title that ends in a bracket of its own takes
    the unit into it: 图6　…增速（按可比价格计算，单位：%）, not two brackets in a row."""
    if not unit:
        return f"图{number}　{title}"
    if title.endswith("）") and "（" in title:
        return f"图{number}　{title[:-1]}，单位：{unit}）"
    return f"图{number}　{title}（单位：{unit}）"


def figure_name(number: int) -> str:
    """The picture's name (Word's selection pane, alt text dialog)."""
    return f"图{number}"


def source_note(source: str, note: str = "") -> str:
    """The line under a chart: 资料来源：…。注：…"""
    return f"资料来源：{source}。" + (f"注：{note}" if note else "")


# ---------------------------------------------------------------- the briefing's tables, each designed for its rows

BASE_MARK = "△"  # after a comparison whose base value was computed (value − increase), not stated
BASE_MARK_NOTE = "△为比较基期数值按增量推算"  # what △ means, in the note under the table
KEY_FIGURE_LEAD = "主要指标："  # opens the sentence that stands in for a table of one row


def table_note(marked: bool, base_derived: bool) -> str:
    """The note under a table: what △ and ※ mean, when a row carries them ('' when none does)."""
    return with_derived_note(BASE_MARK_NOTE if base_derived else "", marked)


def figure_sentence(label: str, figure: str, period: str, facts: Iterable[str]) -> str:
    """A table of one row said as a sentence: 主要指标：城乡居民人均可支配收入比值2.15（2024年），较2020年缩小0.17。"""
    return f"{KEY_FIGURE_LEAD}{label}{figure}" + (f"（{period}）" if period else "") + "".join(
        f"，{fact}" for fact in facts if fact) + "。"


# ---------------------------------------------------------------- the deck's fixed slides

AGENDA_TITLE = "目录"
CLOSING_TITLE = "谢谢！"
CLOSING_NOTES = "发布会到此结束，谢谢各位记者朋友。"
SECTION_OPENING = "封面与目录"  # PowerPoint's sections: the cover and agenda, each theme, the end
SECTION_CLOSING = "结束"


def agenda_title(page: int) -> str:
    """目录, then 目录（续） on the slides that continue it."""
    return AGENDA_TITLE if page == 0 else continued(AGENDA_TITLE)


HOUSE_SCRIPT = HostScript()  # the house wording of the host's script (主持词): the deck's host says the same words


def count_word(n: int) -> str:
    """How many, said before a measure word: 两方面, 三方面."""
    return "两" if n == 2 else cn(n)


def enumerated(titles: Iterable[str], start: int = 0) -> str:
    """The talks counted as a host says them: 一是…；二是…."""
    return "；".join(f"{cn(k)}是{t}" for k, t in enumerate(titles, start + 1))


def agenda_notes(titles: Iterable[str], first: bool, wording: str = HOUSE_SCRIPT.order, start: int = 0,
                 total: int | None = None) -> str:
    """What the host says over an agenda slide (the script's order of the talks): 今天的发布会主要介绍两方面情况：
    一是…；二是…。 `start` counts the talks of the slides before, `total` all of them (this slide's when None)."""
    titles = list(titles)
    talks = enumerated(titles, start)
    count = count_word(total if total is not None else len(titles))
    return wording.format(talks=talks, count=count) if first else f"{CONTINUED}{talks}。"


# ---------------------------------------------------------------- the storyboard's slides and the host's cues

HOST_CUE = "【主持人】"  # opens what the host says in a slide's notes
HOST = "主持人"
SPEAKER = "发布人"
SPEAKERS_TITLE = "发布人"
ATTENDING_TITLE = "出席人员"  # the same slide when the host is on it too: the host is no 发布人
def part_notes(number_cn: str, title: str) -> str:
    """The host opens a part of the conference, over its divider slide."""
    return f"下面介绍第{number_cn}部分：{title}。"


QA_TITLE = "答记者问"
QA_LINE = "欢迎各位记者朋友提问"
QA_CUE = "下面进入答记者问环节。请记者朋友举手示意，提问前请先通报所在新闻机构，每次提一个问题。"
OVERVIEW_CUE = "请看一组数据。"


def overview_title(period: str) -> str:
    """The overview of headline figures: 数说“十四五”, or 数说发展成就 for a series without a period."""
    return f"数说{period}" if period else "数说发展成就"


def speakers_notes(people: list[tuple[str, str]]) -> str:
    """The host introduces the people on the platform."""
    return HOST_CUE + HOUSE_SCRIPT.speakers.format(people="；".join(name for _, name in people))


def handover(speakers: list[str], wording: str = HOUSE_SCRIPT.handover, unnamed: str = HOUSE_SCRIPT.unnamed) -> str:
    """The host gives the floor to the speakers (by name when the conference names them; else to whoever speaks, in
    neutral words: 有关负责同志), after the agenda."""
    return wording.format(speakers="、".join(speakers) or unnamed)


SPEAKERS_THANKED = "各位发布人"  # how the house's closing thanks the speakers; one speaker named is thanked by name


def thanked(closing: str, people: list[str]) -> str:
    """The closing with the one speaker the content names in place of 各位发布人: 感谢省环保厅巡视员葛为砚 (the plural
    stays for several, or when no one is named)."""
    return closing.replace(SPEAKERS_THANKED, people[0]) if len(people) == 1 else closing


def figures_cue(count: int) -> str:
    return f"请看另外{count}组数据。"


def chart_cue(title: str) -> str:
    return f"请看图表：{title}。"


def highlights_cue(title: str) -> str:
    return f"请看{title}的主要亮点。"


# ---------------------------------------------------------------- the press release (新闻通稿) and the host's script

RELEASE_LEAD_MOST = 120  # characters of the release's lead (导语)
RANK_WORD = "居"  # before a rank in a sentence: 居全省第四位


SERIES_WORD = "系列"  # a series whose title or subtitle says it is one numbers its conferences (第一场) from the first
NEUTRAL_VERB = "为"  # joins a label and its figure when the content gives no verb of its own (present/said.py)
DIRECTION_CHARACTERS = "降减升增涨提缩扩落翻"  # a verb with one of them says which way a figure moved: a card keeps it
RELEASE_END = "（完）"  # ends a press release's body, before its source lines


def listed(items: list[str]) -> str:
    """Items in a sentence: A, A和B, A、B和C."""
    return "、".join(items[:-1]) + "和" + items[-1] if len(items) > 1 else "".join(items)


FLAT = "持平"  # a change without a figure (较去年同期持平)
UNNAMED_TOLD = "据介绍，"  # opens the lead's figures when the content names no speaker


def person(name: str, role: str) -> str:
    """A speaker named in running text, the role first: 省环保厅巡视员葛为砚."""
    return f"{role}{name}"


def listed_people(people: list[str], more: bool = False) -> str:
    """Speakers in a sentence: A, A、B; the first alone with 等 when `more` (others are left out for length)."""
    return "、".join(people) + ("等" if more and people else "")


def release_opening(date: str, organisers: Iterable[str], conference: str, talks: list[str], who: str = "") -> str:
    """The lead's first sentence: when, who held which conference, and, when given, who told what (each part):
    10月22日，市委宣传部、市政府新闻办举行…系列主题新闻发布会第一场，省…局局长…介绍了…和…有关情况。"""
    held = "、".join(organisers)
    said = f"{date}，{held}举行{conference}" if held else f"{date}，{conference}举行"
    return said + (f"，{who}介绍了{listed(talks)}有关情况" if talks else "") + "。"


def release_news(who: str) -> str:
    """What opens the lead's figures when the opening does not say who told them: 省环保厅巡视员葛为砚介绍，/ 据介绍，"""
    return f"{who}介绍，" if who else UNNAMED_TOLD


def session(subject: str, number_cn: str, several: bool) -> str:
    """The conference named in a sentence: …系列主题新闻发布会第一场 in a series, else the subject alone."""
    return subject + (f"第{number_cn}场" if several else "")


def ranked(rank: str) -> str:
    """A rank after its figure: 居全省第四位 (连续五年领跑 and 居… as they are)."""
    return rank if rank.startswith((RANK_WORD, "连续")) else f"{RANK_WORD}{rank}"


def run_in(title: str) -> str:
    """A theme's title as the run-in heading of its paragraph: 经济发展跃上新台阶。"""
    return title.rstrip("，。；") + "。"


def release_issuer(organisers: Iterable[str]) -> str:
    return "来源：" + "、".join(organisers)


def note_line(note: str) -> str:
    """A note under a text: 注：※为推算值."""
    return f"注：{note}"


def release_contact(contact: str) -> str:
    return f"联系方式：{contact}"


SCRIPT_TITLE = "主持词"
SCRIPT_SECTIONS = ("开场", "介绍出席人员", "发布议程", "答记者问", "结束语")  # the script's five parts, in order
TALKS_CUE = "（发布人介绍情况）"  # the host's pause while the speakers talk
QA_PAUSE = "（记者提问，发布人回答）"


def script_heading(number_cn: str, title: str) -> str:
    return f"{number_cn}、{title}"


# ---------------------------------------------------------------- names of the deck's shapes (the selection pane)

SHAPE_TITLE = "标题"
SHAPE_SUBTITLE = "副标题"
SHAPE_LOGO = "标志"


def logo_alt(organiser: str) -> str:
    """The logo's alt text: whose it is (the deck's slides and the house template alike)."""
    return f"{organiser}{SHAPE_LOGO}"
SHAPE_DRAFT_MARK = "草稿标记"
SHAPE_SOURCE = "资料来源"
SHAPE_PAGE_NUMBER = "页码"
SHAPE_LEAD = "导语"
SHAPE_KICKER = "主题"
SHAPE_ROLE = "身份"
SHAPE_NAME = "姓名"
SHAPE_HIGHLIGHTS = "要点"
SHAPE_CHART_TITLE = "图题"
SHAPE_UNIT = "单位"
SHAPE_AGENDA_HEADING = "议程标题"
SHAPE_AGENDA_ITEMS = "议程条目"


def chart_frame_name(chart_id: str) -> str:
    """A native chart's frame on a slide."""
    return f"图表 {chart_id}"


def key_card_name(metric_id: str) -> str:
    return f"指标卡 {metric_id}"


def key_value_name(metric_id: str) -> str:
    return f"数值 {metric_id}"


def key_label_name(metric_id: str) -> str:
    return f"指标 {metric_id}"


def key_comparison_name(metric_id: str) -> str:
    return f"比较 {metric_id}"


# ---------------------------------------------------------------- the house template: shape names and prompts

SECTION_LAYOUT = "章节"  # a layout no generated slide uses: for the section dividers officials add themselves
TEMPLATE_BAND = "底部色带"
TEMPLATE_TITLE_RULE = "标题下划线"
TEMPLATE_COVER_RULE = "金色分隔线"
TEMPLATE_SECTION_RULE = "章节分隔线"
TEMPLATE_BODY = "正文"
TEMPLATE_CHART = "图表"
MASTER_TITLE_PROMPT = "单击此处编辑标题"
MASTER_BODY_PROMPT = "单击此处编辑要点"
LAYOUT_TITLE_PROMPT = "单击此处添加标题"
LAYOUT_BODY_PROMPT = "单击此处添加文本"
LEAD_PROMPT = "单击此处添加导语"
CHART_PROMPT = "单击图标添加图表"
COVER_SERIES = "系列标题"
COVER_SERIES_PROMPT = "系列名称"
COVER_TITLE = "发布会标题"
COVER_TITLE_PROMPT = "发布会标题"
COVER_SUBTITLE = "日期与主办单位"
COVER_SUBTITLE_PROMPT = "日期　主办单位"
CLOSING_SHAPE = "结束语"
CLOSING_ORGANISERS = "主办单位"
CLOSING_ORGANISERS_PROMPT = "主办单位"
SECTION_TITLE = "章节标题"
SECTION_TITLE_PROMPT = "单击此处添加章节标题"
SECTION_NOTE = "章节说明"
SECTION_NOTE_PROMPT = "单击此处添加说明"


def layout_caption(layout: str, kinds: list[str], label: str) -> str:
    """The title of a layout's sample slide in the layouts overview: which slide kinds it serves."""
    return f"版式“{layout}”：" + ("用于 " + "、".join(kinds) if kinds else "未使用") + f"（{label}）"


# ---------------------------------------------------------------- chart pictures

NO_DATA = "数据待补充"  # in place of a pie that has no figure yet


def bar_and_line_units(bar_unit: str, line_unit: str) -> str:
    """The unit of a combo chart's picture: 亿元（柱）/ %（线）."""
    return f"{bar_unit}（柱）/ {line_unit}（线）"


# ---------------------------------------------------------------- words line breaking keeps together

# a figure is never parted from its unit (2458.8亿元, 1.6个百分点)
UNIT_WORDS = ("亿元", "万元", "元", "万吨", "亿吨", "吨", "万户", "户", "家", "件", "项", "个百分点", "个", "万人", "人",
              "倍", "位", "美元", "所", "亿", "万", "年", "%", "‰", "平方公里", "公里", "千瓦", "万千瓦", "千瓦时",
              "万千瓦时", "亩", "万亩", "公顷", "人次", "万人次", "辆", "座", "台", "套", "次", "天", "小时")
GRADE = "级"  # 5A级, AAAA级: a grade is one word
RANK_WORDS = ("第", "位名")  # 第四位, 第2名: a rank (its mark, a numeral, and what it counts) is one word
DATE_WORDS = ("年", "月", "日")  # 2025年10月22日: a date, held on one line in the Word documents
CHINESE_DIGITS = "零〇一二两三四五六七八九十百千"  # an amount in Chinese numerals (一万美元) is a figure when it has
MAGNITUDES = "万亿"  # a magnitude: held with its unit like 1.2万美元; a plain count (三年) is a word and may wrap
