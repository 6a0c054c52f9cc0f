"""`ingest`: clean blocks -> figure candidates (指标, value, unit, year, comparison, rank) -> a draft content file.

Every number in the draft is copied from the source text; nothing is computed, rounded or guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .read import Block, blocks, read_source, strip_number

UNITS = sorted(["亿元", "万亿元", "万元", "元", "元/人", "万美元", "亿美元", "美元", "万吨", "亿吨", "吨", "万吨标准煤",
                "吨标准煤", "万户", "户", "家", "件", "项", "个百分点", "个", "万人次", "人次", "万人", "人", "名", "倍", "%",
                "‰", "位", "所", "座", "台", "辆", "套", "张", "条", "处", "公里", "千米", "米", "平方公里", "万平方米",
                "平方米", "公顷", "万亩", "亩", "亿立方米", "万立方米", "立方米", "亿千瓦时", "万千瓦时", "千瓦时", "万千瓦",
                "千瓦", "兆瓦", "吉瓦", "架次", "标箱", "床", "万家", "万辆", "万头", "万只", "万公里", "万方", "万标箱",
                "微克/立方米", "万公顷", "千公顷", "万件", "亿件", "亿人次", "万套", "万台", "万个", "万张", "万所",
                "株", "万株", "亿株",
                "场", "次", "批", "届", "期", "轮", "起", "万起",
                "万", "亿"],  # bare 万/亿 after a count (参保人数达150万): longer units are tried first
               key=len, reverse=True)
PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_NUM = r"\d+(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?<![表图\d.])(?P<ratio>{_NUM}(?::{_NUM})+)(?!年)"  # 表1:2022年… is a caption, not a ratio
    rf"|(?P<value>(?:(?<=[为是：:])-)?{_NUM})(?P<more>余|多)?(?P<unit>{'|'.join(map(re.escape, UNITS))})"  # -1.48‰, 120余场
    rf"|(?<=[为缩小扩大至])(?P<bare>\d+\.\d+)(?![\d.%])")  # 收入比为2.15, 倍差缩小至1.82: ratios without a unit
YEAR = re.compile(r"(?<![较比与\d])(?P<year>(?:19|20)\d{2})年(?:末|底|初)?")
# a year the text looks ahead to (到2035年, 2035年远景目标): a target, never the year of an achievement
# (增加到2025年的2600亿元 is where a change ended, not a target)
TARGET_YEAR = re.compile(r"(?:(?<![加高长大降少升])(?:到|至)|力争|预计|计划)\s*(?:19|20)\d{2}年|(?:19|20)\d{2}年(?:远景|目标)")
BASE_YEAR = re.compile(r"[较比与](?P<year>(?:19|20)\d{2})年")
SAME_PERIOD = re.compile(r"同比|比上年|较上年|比去年|较去年")
PERIOD = re.compile(r"(?P<start>(?:19|20)\d{2})年?\s*(?:至|到|—|–|-|～)\s*(?P<end>(?:19|20)\d{2})年")
# a range of figures (5%-6%, 5-6%, 3万~4万人, 10至15个): no single figure to take from it
RANGE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿)?\s*[-—–～~至]\s*\d+(?:\.\d+)?(?![\d.]*年)")
# a span that runs from an event to the time of writing: its figures have no year of their own
SINCE = re.compile(r"(?:“?(?P<plan>十[一二三四五]五)”?|(?P<year>(?:19|20)\d{2})年|党的十[八九]大|[^，。；]{0,8}(?:会|大)召开)以来")
PLAN_FIRST = re.compile(r"“?(?P<plan>十[一二三四五]五)”?(?:首年|第一年)")
PLAN_FIRST_N = re.compile(r"“?(?P<plan>十[一二三四五]五)”?前(?P<n>[一二三四五两])年")
RANK = re.compile(r"(?P<scope>全省|全国|全市)(?:第(?P<pos>[一二三四五六七八九十\d]+)位?|(?P<first>首位)|(?P<front>前列))")
VERBS = re.compile(r"((?:缩小|扩大|下降|降|提高|提升|上升|增长|增加|减少)[至到]|达到|达|(?<![行作成认以视称更较最极])为|完成|"
                   r"突破|增加|增长|上涨|下跌|提升|实现|稳定在|保持在|保持|累计|分别|降到|减少|缩小|扩大|超过|约|近|共)$")
LEAD_VERBS = {"建成", "组建", "新建", "新增", "完工", "开工", "建设", "培育", "引进", "创建", "累计"}
CLAUSE = re.compile(r"[^，。；：！？]+[，。；：！？]?")


@dataclass
class Figure:
    value: str  # as written in the source
    unit: str
    year: int | None
    start: int | None
    label: str
    kind: str  # level / increase / growth / points / ratio
    basis: str | None
    sentence: str
    line: int
    rank: str = ""
    qualifier: str = ""  # 以上 / 以下 / 左右 / 近 / 约 / 超过 / 突破, as the source words it: never folded into the value
    listed: bool = False  # one of a 分别 list (A、B分别增长x%、y%): its subject's own figure, never another's rate

    @property
    def number(self) -> float:
        return float(self.value)


@dataclass
class FoundTheme:
    title: str
    line: int
    part: str = ""  # the part heading (一、…) it stands under, when the text has them
    blocks: list[Block] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def _plan_year(clause: str) -> tuple[int | None, int | None]:
    m = PLAN_FIRST_N.search(clause)
    if m:
        start = PLANS[m.group("plan")]
        return start + _CN[m.group("n")] - 1, start
    m = PLAN_FIRST.search(clause)
    if m:
        return PLANS[m.group("plan")], None
    return None, None


def _label(before: str, previous: str) -> str:
    """The indicator: what the clause says before the figure, without years, 全市 and the verb."""
    text = YEAR.sub("", BASE_YEAR.sub("", before))
    text = re.split(r"[:：]", text)[-1]  # 主要预期目标是：地区生产总值…: the indicator is after the colon
    text = re.sub(r"“?十[一二三四五]五”?(首年|前[一二三四五两]年|期间)?", "", text)
    # time and scope words open a label but are no part of it (全年全市地区生产总值, 年末常住人口, 其中私人汽车)
    text = re.sub(r"^[，、：；\s]*(?:(?:初步核算|全年|年末|年初|年底|其中|全市|全省|我市|本市)[，、\s]*)*", "", text)
    text = re.sub(r"按可比价格计算|按当年汇率折算", "", text)
    text = re.sub(r"^[，、：；\s]*(实现|完成)", "", text)
    for _ in range(3):
        text = VERBS.sub("", text.strip("，、：；（ "))
        text = re.sub(r"(?:比上年末?|较上年末?|比去年|较去年|同比|年均|平均)$", "", text)  # a rate's basis, not its subject
        text = re.sub(r"(?:[从由](?:上年|去年)?)?的?$", "", text)  # 地区生产总值从(2020年)的 1622.6亿元
    named = re.search(r"（([^（）]{4,24})）$", text)
    if named:  # 占常住人口比重（常住人口城镇化率）: the indicator's own name, in brackets
        text = named.group(1)
    text = text.strip("，、：；（）“” ")
    if not text or len(text) < 2:
        return previous
    return text[-24:]


def _after(clause: str, end: int) -> str:
    """The words right after a figure, up to the next figure or pause: 15个[省级重点科技创新平台]、…"""
    rest = re.sub(r"^(?:左右|以上|以下)", "", clause[end:])  # a qualifier (2600亿元左右) is no indicator
    stop = re.search(r"[、，。；：！？]|\d", rest)
    return rest[: stop.start()] if stop else rest


def _qualifier(clause: str, start: int, end: int) -> str:
    after = re.match(r"(以上|以下|左右)", clause[end:])
    if after:
        return after.group(1)
    before = re.search(r"(近|约|超过|突破|超)$", clause[:start])
    if not before:
        return ""
    return "超过" if before.group(1) == "超" else before.group(1)  # 超340家 reads 超过


def _kind(before: str, unit: str) -> tuple[str, str | None]:
    tail = before[-12:]
    basis = "可比价" if "可比价格" in before else None
    if unit == "个百分点" or re.search(r"(提升|提高|下降|回落)$", tail) and unit in ("%", ""):
        return "points" if unit == "个百分点" else "change", basis
    if re.search(r"(年均|平均)?(增长|下降|上涨|下跌)$", tail) and unit == "%":
        return "growth", basis
    if (BASE_YEAR.search(before) or SAME_PERIOD.search(before)) and re.search(r"(增加|减少|缩小|扩大)$", tail):
        return "increase", basis
    return "level", basis


def _subjects(clause: str) -> list[str]:
    """The subjects of a 分别 list: 第一、二、三产业 / 出口、进口 before 分别, when the figures after it match them."""
    m = re.search(r"(?P<list>[^，。；：]+?)分别", clause)
    if not m:
        return []
    names = [n.strip("“”（）() ") for n in re.split(r"[、和与及]", m.group("list"))]
    names = [re.sub(r"^(其中|全市|我市)", "", n) for n in names]
    names = [re.sub(r"(年均|平均)$", "", n) for n in names]
    if len(names) < 2 or not all(names):
        return []
    # 城镇、农村居民人均可支配收入: short names before a long last one share its words after its own short name
    short = {len(n) for n in names[:-1]}
    if len(short) == 1 and (size := short.pop()) <= 3 and len(names[-1]) > size + 1:
        suffix = names[-1][size:]
        names = [n + suffix for n in names[:-1]] + [names[-1]]
    figures = len(FIGURE.findall(clause[m.end():]))
    return names if figures == len(names) else []


_PAREN_UNIT = re.compile(r"[（(](?P<unit>[^（）()]{1,8})[）)]$")
_GROWTH_COLUMN = re.compile(r"增长|增速|增幅|比上年|同比|比20\d\d年")


def table_figures(block: Block) -> list[Figure]:
    """A table's figures: one per figure cell, labelled by its row, with the unit its cell, column or row names
    (2458.8亿元, 比上年增长（%）, 地区生产总值（亿元）) and the year its column or caption names. A growth column's
    figure is the growth of its row's figure: each row is its own sentence, so the draft attaches it there."""
    caption_year = YEAR.search(block.text)
    out: list[Figure] = []
    for row in block.rows:
        row_label = row[0]
        row_unit = _PAREN_UNIT.search(row_label)
        label = _PAREN_UNIT.sub("", row_label).strip() if row_unit else row_label
        # the row as the note quotes it, each figure with its column (绝对值 2458.8，比上年增长（%） 5.1)
        cells = [f"{block.header[j]} {c}" if j < len(block.header) else c for j, c in enumerate(row[1:], 1)]
        sentence = f"{block.text + '：' if block.text else ''}{row_label}：{'，'.join(cells)}。"
        for j, cell in enumerate(row[1:], 1):
            m = re.match(r"(?P<value>[-+]?\d+(?:\.\d+)?)(?P<unit>\D*)$", cell)
            if not m:  # — or …: a value the table does not give
                continue
            column = block.header[j] if j < len(block.header) else ""
            column_unit = _PAREN_UNIT.search(column)
            unit = (m.group("unit") or (column_unit.group("unit") if column_unit else "")
                    or (row_unit.group("unit") if row_unit else ""))
            unit = unit if unit in UNITS or unit == "%" else ""
            year_m = YEAR.search(column) or caption_year
            kind = "growth" if _GROWTH_COLUMN.search(column) and unit == "%" else "level"
            out.append(Figure(m.group("value"), unit, int(year_m.group("year")) if year_m else None, None, label, kind,
                              None, sentence, block.line))
    return out


def figures_of(block: Block, year: int | None) -> list[Figure]:
    """Figures of one paragraph or bullet, each with the year its clause (or the sentence before it) speaks of."""
    if block.kind == "table":
        return table_figures(block)
    out: list[Figure] = []
    label = ""
    start: int | None = None
    basis_sentence = False
    for sentence in re.findall(r"[^。！？]+[。！？]?", block.text):
        basis_sentence = "可比价格" in sentence
        # a sentence that looks ahead (到2035年，…) and names no other year: its figures are targets, without a year
        ahead = bool(TARGET_YEAR.search(sentence)) and not YEAR.search(TARGET_YEAR.sub("", sentence))
        for clause in CLAUSE.findall(sentence):
            plan_year, plan_start = _plan_year(clause)
            period = PERIOD.search(clause)  # 2020年至2024年: a period, not a target
            target = None if period else TARGET_YEAR.search(clause)
            since = SINCE.search(clause)
            # the years the clause names, where they stand (a target's or a span's start is none of them)
            spans = [x.span() for x in (*([] if period else TARGET_YEAR.finditer(clause)), *SINCE.finditer(clause))]
            named = [(y.start(), int(y.group("year"))) for y in YEAR.finditer(clause)
                     if not any(a <= y.start() < b for a, b in spans)]
            found = named[0] if named else None
            clause_year, clause_start = year, start  # what the clause's figures get
            if since and not found:  # “十四五”以来, 2012年以来, 党的十八大以来: a span to a year the text does not name
                year = None
                start = PLANS.get(since.group("plan") or "") or (int(since.group("year")) if since.group("year") else None)
                clause_year, clause_start = year, start
            elif plan_year:
                year, start = plan_year, plan_start
                clause_year, clause_start = year, start
            elif period:  # 2020年至2024年，累计…: the figures of the period end in its last year
                year, start = int(period.group("end")), int(period.group("start"))
                clause_year, clause_start = year, start
                named = []
            elif found:  # 从2020年的1622.6亿元增加到2025年的2600亿元: each figure its nearest year; the last one carries
                year, start = named[-1][1], None
                clause_year, clause_start = found[1], None
            elif target or ahead:  # a target: its figures have no year, and it does not change the year carried on
                clause_year, clause_start = None, None
            subjects = _subjects(clause)
            first_kind: tuple[str, str | None] | None = None
            previous_end = 0
            level_label = label
            ranges = [r.span() for r in RANGE.finditer(clause)]
            for n, m in enumerate(FIGURE.finditer(clause)):
                if any(a <= m.start() < b for a, b in ranges):
                    continue  # 增长5%-6%, 3万~4万人: a range is no one figure; it stays in the text for the editor
                between = clause[previous_end:m.start()]
                own = _label(between, "")
                # 建成15个平台、4个联合体: the indicator follows the figure
                if not own or own in LEAD_VERBS or between.rstrip().endswith("、"):
                    own = _label(_after(clause, m.end()), "") or own
                label = own or level_label
                if subjects and n < len(subjects):  # A、B、C分别增长x%、y%、z%: one subject each
                    label = subjects[n]
                previous_end = m.end()
                if m.group("ratio"):
                    for part in m.group("ratio").split(":"):
                        out.append(Figure(part, "", clause_year, clause_start, label, "ratio", None, sentence, block.line))
                else:
                    value = m.group("value") or m.group("bare")
                    unit = m.group("unit") or ""
                    kind, basis = _kind(clause[:m.start()], unit)
                    if subjects:  # the list shares its verb: 分别增长1.9%、6.2% are all growth rates
                        first_kind = first_kind or (kind, basis)
                        kind, basis = first_kind
                    if basis_sentence and kind == "growth":
                        basis = "可比价"
                    figure_year = next((y for at, y in reversed(named) if at < m.start()), clause_year) \
                        if named and not plan_year else clause_year
                    out.append(Figure(value, unit, figure_year, clause_start, label, kind, basis, sentence, block.line,
                                      qualifier="超过" if m.group("more") else _qualifier(clause, m.start(), m.end()),
                                      listed=bool(subjects) and n < len(subjects)))
                    if kind == "level" and not subjects:  # 从2020年的X增加到2025年的Y: Y is of X's indicator
                        level_label = label
            rank = RANK.search(clause)
            levels = [f for f in out if f.kind in ("level", "ratio")]
            if rank and levels:  # a rank belongs to a level (地区生产总值), not to its increase
                levels[-1].rank = rank.group(0)
    return out


# a bullet that opens with a short phrase of its own: ◆ 工业生产稳中有进。前三季度，…
LEAD_PHRASE = re.compile(r"^(?P<lead>[^\d，。；：、！？]{4,16})[。：:](?P<rest>.+)$")


def _lead_phrase_headings(found: list[Block]) -> list[Block]:
    """Points that open with a short phrase of their own (◆ 工业生产稳中有进。… / ——经济实力持续增强。…) set a text out
    where it has no theme headings of its own: each such phrase becomes a theme heading. That is a text with no
    headings at all, or the stretch under a part heading (一、…) with no （一） below it. Where theme headings exist,
    points stay points (the seed's ◆ 经济总量跃上新台阶。… are points of a theme)."""
    out: list[Block] = []
    segment: list[Block] = []

    def flush() -> None:
        leads = [LEAD_PHRASE.match(b.text) if b.kind == "bullet" else None for b in segment]
        # a heading that opens the document is its title, not a theme heading
        themed = any(b.kind == "heading" and b.level == 2 and (out or i > 0) for i, b in enumerate(segment))
        if themed or sum(m is not None for m in leads) < 2:
            out.extend(segment)
        else:
            for block, m in zip(segment, leads):
                if m is None:
                    out.append(block)
                else:
                    out.extend([Block("heading", m.group("lead").strip(), block.line),
                                Block("text", m.group("rest").strip(), block.line)])
        segment.clear()

    for block in found:
        if block.kind == "heading" and block.level == 1:
            flush()
            out.append(block)
        else:
            segment.append(block)
    flush()
    return out


# a turn of a press conference's transcript: 市发展改革委主任 张三： / 记者： / 主持人（…）：
SPEAKER = re.compile(r"^(?P<who>[^：:，。！？]{0,30}?(?:主持人|记者|发言人|负责人|主任|局长|部长|书记|市长|区长|县长|主席|院长|"
                     r"厅长|处长|科长|经理|董事长|总经理|同志|先生|女士)[^：:，。！？]{0,12})[:：](?P<rest>.*)$")


def _speaker_turns(found: list[Block]) -> list[Block]:
    """A transcript (发布会实录) set out by its turns: each answer is a theme, titled by the question put to it (请问…？)
    or else by who gives it; a question is no highlight; the host's words stay in the theme before."""
    turns = [SPEAKER.match(b.text) if b.kind == "text" else None for b in found]
    answers = [m for m in turns if m and not re.search(r"记者|主持人", m.group("who"))]
    if len(answers) < 2 and not (answers and any(m and "记者" in m.group("who") for m in turns)):
        return found
    out: list[Block] = []
    question = ""
    for block, m in zip(found, turns):
        if m is None:
            out.append(block)
        elif "记者" in m.group("who"):
            question = re.sub(r"^(请问|我想问一下|我想请问)[，,]?", "", m.group("rest").strip()).rstrip("？?")
        elif "主持人" in m.group("who"):
            if m.group("rest").strip():
                out.append(Block("text", m.group("rest").strip(), block.line))
        else:
            title = (question.split("，")[0] if question else m.group("who").strip())[:HEADING_TITLE]
            out += [Block("heading", title, block.line), Block("text", m.group("rest").strip(), block.line)]
            question = ""
    return [b for b in out if b.text]


HEADING_TITLE = 30  # a theme title made from a question or a speaker


def analyse(text: str) -> tuple[list[FoundTheme], list[tuple[int, str]]]:
    """Themes with their blocks and figures; the lines that could not be placed."""
    found, unplaced = blocks(text)
    found = _speaker_turns(found)
    found = _lead_phrase_headings(found)
    themes: list[FoundTheme] = []
    current = FoundTheme("（未归入主题的内容）", 1)
    part = ""
    for block in found:
        if block.kind == "heading":
            if current.blocks:
                themes.append(current)
            title = strip_number(block.text)
            if block.level == 1:  # 一、…: a part; its text before any （一） is a theme of the same name
                part = title
            current = FoundTheme(title, block.line, part)
            continue
        current.blocks.append(block)
        current.figures.extend(figures_of(block, None))
    if current.blocks:
        themes.append(current)
    return themes, unplaced


def ingest_file(path: Path) -> tuple[list[FoundTheme], list[tuple[int, str]]]:
    return analyse(read_source(path))
