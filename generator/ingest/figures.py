"""`ingest`: clean blocks -> figure candidates (指标, value, unit, year, comparison, rank) -> a draft content file.

Every number in the draft is copied from the source text; nothing is computed, rounded or guessed.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.numerals import from_cn
from .read import GLOSSARY_LINE, Block, blocks, read_source, strip_number
from .units import MAGNITUDE, UNIT, UNITS, is_unit, superscripts  # noqa: F401 - UNITS and is_unit are part of this module's reading

PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUM = r"\d+(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?<![表图\d.])(?P<ratio>{_NUM}(?::{_NUM})+)(?!年)"  # 表1:2022年… is a caption, not a ratio
    rf"|(?<![A-Za-z\d.第])(?P<value>(?:(?<![\dA-Za-z%）)])-)?{_NUM}){UNIT}"  # -1.48‰, 120余场, 3万余人, 1.2万亿元
    rf"|(?<=[为缩小扩大至])(?P<bare>\d+\.\d+)(?![\d.%])")  # 收入比为2.15, 倍差缩小至1.82: ratios without a unit
YEAR = re.compile(r"(?<![较比与\d])(?P<year>(?:19|20)\d{2})年(?:末|底|初)?")
# a year the text looks ahead to (到2035年, 2035年远景目标): a target (增加到2025年的2600亿元 is where a change ended)
TARGET_YEAR = re.compile(r"(?:(?<![加高长大降少升])(?:到|至)|力争|计划)\s*(?P<year>(?:19|20)\d{2})年"
                         r"|(?P<year2>(?:19|20)\d{2})年(?:远景|目标)")
# a figure the text sets as a goal: 预期目标是…, 目标任务, …的预期目标 (the figure itself, in the clause)
# (预计 is no goal word: 预计达到5500亿元 is an estimate of the year under review, written before its figures are final)
# (a goal met is none: 完成年度预期目标, 实现全年主要目标)
TARGET_WORDS = re.compile(r"(?<!完成)(?<!实现)(?<!完成年度)(?<!完成全年)(?<!实现年度)(?<!实现全年)(?:预期目标|主要目标)"
                          r"|目标是|目标为|力争|确保|(?<![完成超年])计划(?!的)")
# words of a total over a period (累计, 年均, 新增 …): under a paragraph that opens with 五年来, the period's figures
CUMULATIVE = re.compile(r"累计|年均|平均|新增|净增|新建|新改|改扩建|建成(?!区)|实施|完成|引进|培育|创建|打造|解决|减少|降低|"
                        r"保持|稳定在|始终")
CARRIED_TOTAL = re.compile(r"累计")
# a sentence that sets the goals of the report's year (2025年全市经济社会发展主要预期目标是：…): every figure after it
# is a goal, and so is every figure of the rest of its part (the work the goals call for); a goal met
# (完成年度预期目标) sets none
GOAL_SETTING = re.compile(r"预期目标(?:是|为|如下)?[:：]|预期目标(?:是|为)")
# a document's name (《水污染防治行动计划》): its words (计划) set no goal
BOOK_TITLE = re.compile(r"《[^《》]*》")
TARGET_AFTER = re.compile(r"^(?:以上|以下|左右)?的?(?:预期|发展|年度)?目标")
BASE_YEAR = re.compile(r"(?:[较比与]|(?:是|为|相当于)(?=(?:19|20)\d{2}年(?:末|底)?的[^，。；]{0,12}倍))(?P<year>(?:19|20)\d{2})年")
# a base year a multiple is of (是2014年的1.7倍): the base, never the figure's year
BASE_MULTIPLE = re.compile(r"(?:是|为|相当于)(?P<year>(?:19|20)\d{2})年(?:末|底)?的(?=[^，。；]{0,12}倍)")
# where a change started, the year before the figure's: 由上年的10.3:45.2:44.5 (调整为…), 从上年末的…
FROM_YEAR_BEFORE = re.compile(r"[由从](?:上年|去年)(?:末|底)?的?$")
# the same part of the year before, said as a figure's own time (上年同期为下降2.1%, 去年同期为5.2%): that year's figure;
# 比上年同期, 较去年同期, 高于上年同期 are a base, not the figure's time
SAME_PERIOD_BEFORE = re.compile(r"(?<![比较与于同])(?:上年|去年)同期(?:水平)?(?:为|是)[^，。；\d]{0,4}$")
# a qualifier between a direction word and its number (下降超30%, 增长近一倍, 减少约12万吨): no part of the verb
# where a change started, the month or quarter before: 由上月的95.6%…, 从上季度的…
FROM_BEFORE = re.compile(r"[由从](?:上月|上季度|上季|前月)(?:末|底)?的?$")
QUALIFIER_TAIL = re.compile(r"(?:超过|超出|超|逾|将近|接近|近|约|突破|高达)$")
SAME_PERIOD = re.compile(r"同比|比上年|较上年|比去年|较去年")
PERIOD = re.compile(r"(?P<start>(?:19|20)\d{2})年?\s*(?:至|到|—|–|-|～)\s*(?P<end>(?:19|20)\d{2})年")
# a range of figures (5%-6%, 5-6%, 3万~4万人, 10至15个): no single figure to take from it
RANGE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿)?\s*[-—–～~至]\s*\d+(?:\.\d+)?(?![\d.]*(?:年|月))")
# a span that runs from an event to the time of writing: its figures have no year of their own
SINCE = re.compile(r"(?:“?(?P<plan>十[一二三四五]五)”?|(?P<year>(?:19|20)\d{2})年|党的十[八九]大|[^，。；]{0,8}(?:会|大)召开)以来")
# a plan period as a whole: “十四五”时期, “十四五”期间, 过去五年 (from the document's year)
PLAN_SPAN = re.compile(r"“?(?P<plan>十[一二三四五]五)”?(?:时期|期间|以来)")
PAST_YEARS = re.compile(r"(?:过去|近|这)(?P<n>[二两三四五六七八九十])年(?:来|间|中)?|(?P<m>[二两三四五])年来")
N_YEAR_AVERAGE = re.compile(r"(?P<n>[二两三四五])年平均")
PLAN_FIRST = re.compile(r"“?(?P<plan>十[一二三四五]五)”?(?:首年|第一年)")
PLAN_FIRST_N = re.compile(r"“?(?P<plan>十[一二三四五]五)”?前(?P<n>[一二三四五两])年")
RANK = re.compile(r"(?P<scope>全省|全国|全市|全球|全区|全行业)?(?:第(?P<pos>[一二三四五六七八九十\d]+)(?:位|名)|(?P<first>首位)"
                  r"|(?P<front>前列)|前(?P<top>\d+(?:\.\d+)?)(?:位|名|强|%))")
# a sentence that carries the year of the sentence before it: 同期, 当年, 同年, 其中
CONTINUES = re.compile(r"^[“”\s]*(?:同期|当年|同年|其中|期间|全年)")
# the part of its year a figure covers, as texts write it (上半年, 前三季度, 1-9月, 1月至9月, 前10个月, 10月份), read
# into the model's words (1—9月, 10月); a point in time (二季度末, 6月底, 7月15日), a span to now (二季度以来) or the
# whole year (全年, 1—12月) names none, and keeps the document's from the figures after it
# (in numerals too: 一至九月, 一到九月, 十一月份; a month in numerals alone only where it opens the words, or after a
# year or 截至/到: 统一月度, 一月一通报, 每三月 name none), and a span from the year's start (今年以来, 年初以来), which names none
_MONTH = r"(?:1[0-2]|0?[1-9])"
_CN_MONTH = r"(?:十[一二]|[一二三四五六七八九十])"
_ANY_MONTH = rf"(?:{_MONTH}|{_CN_MONTH})"
_NUMERALS = "一二三四五六七八九十两〇○零"
# a part of a year as words, for what reads words rather than the part (a label's opening, a report's time)
_PART_OF_YEAR = (rf"(?:前[三3]个?季度|[上下]半年|第?[一二三四1-4]季度|{_ANY_MONTH}月?份?\s*[-—–~～至到]\s*{_ANY_MONTH}月份?"
                 rf"|前(?:{_MONTH}|{_CN_MONTH}|两)个月|\d{{1,2}}月份?|{_CN_MONTH}月份?)")
WITHIN_YEAR = re.compile(
    rf"(?:(?P<half>[上下]半年)|(?P<q3>前[三3]个?季度|[一1]\s*[至到—-]\s*[三3]季度)|第?(?<![\d.])(?P<q>[一二三四1-4])季度"
    rf"|(?<![\d.{_NUMERALS}第每])(?P<from>{_ANY_MONTH})月?份?\s*[-—–~～至到]\s*(?P<to>{_ANY_MONTH})月份?"
    rf"|前(?P<first>{_MONTH}|十[一二]|[两二三四五六七八九十])个月|(?<![\d.])(?P<month>{_MONTH})月份?"
    rf"|(?:(?<![\u3400-\u9fff〇○])|(?<=[年至到止]))(?P<cnmonth>{_CN_MONTH})月份?"
    r"|(?P<since>(?:今年|本年|年初)以来))"
    r"(?P<tail>末|底|初|中旬|上旬|下旬|首周|第?[一二三四末]周|以来|以后|以前|\d{1,2}日|\d{1,2}号"
    r"|[二三]?十[一二三四五六七八九]?[日号]|[一二三四五六七八九][日号])?"
    rf"(?(cnmonth)(?![{_NUMERALS}次度]))")
# the whole year, said as the time of a figure (全年，… / 全年GDP…), not the year a goal is set for (全年目标任务)
WHOLE_YEAR = re.compile(r"全年(?![^，。；]{0,12}(?:目标|任务|计划))")
# what a part of a year after these words is: a base (比上半年, 较1月至8月, 低于一季度), or another year's (去年上半年)
PERIOD_BASE = re.compile(r"(?:[比较与]|相比于?|相较于?|对比|低于|高于|快于|慢于|好于|差于|不及|超过)$")
# a part of a year in a list of them (5、6月份, 一、二季度): which figure is whose, the words do not say (unless a
# 分别 list pairs them with its figures: listed_periods)
PERIOD_LISTED = re.compile(r"(?:\d月?份?|(?:十[一二]|[一二三四五六七八九十])月?份?|[一二三四](?:季度)?)[、和及与]$")
PERIOD_OTHER_YEAR = re.compile(r"(?:去|上|前|明|后)年(?:同期)?的?$")
_Q = {"一": "一", "二": "二", "三": "三", "四": "四", "1": "一", "2": "二", "3": "三", "4": "四"}


def _within(m: re.Match[str]) -> str:
    """A part of a year in the model's words (上半年, 一季度, 1—9月, 10月), or '' for a time that is none of them (a
    point, a span to now, 1—12月, 3—5月)."""
    if m.group("tail") or m.group("since"):
        return ""
    if m.group("half"):
        return m.group("half")
    if m.group("q3"):
        return "前三季度"
    if m.group("q"):
        return _Q[m.group("q")] + "季度"
    if m.group("to"):
        start, end = _month(m.group("from")), _month(m.group("to"))
        return f"1—{end}月" if start == 1 and 2 <= end <= 11 else ""
    if m.group("first"):
        n = _month(m.group("first"))
        return f"1—{n}月" if 2 <= n <= 11 else ""
    return f"{_month(m.group('month') or m.group('cnmonth'))}月"


def _month(words: str) -> int:
    """A month's number, as digits or numerals write it (9, 09, 九, 十一; 两 in 前两个月)."""
    return int(words) if words.isdigit() else from_cn(words) or 0


def periods_named(text: str) -> list[tuple[int, str]]:
    """The parts of a year a text names for its figures, where they stand: (position, the model's words), '' for a
    time that is no such part (全年, 二季度末, 7月15日, 去年上半年); a base (比上半年, 较1月至8月) is none of them."""
    out = [(w.start(), "") for w in WHOLE_YEAR.finditer(text)]
    for m in WITHIN_YEAR.finditer(text):
        before = text[:m.start()]
        if PERIOD_BASE.search(before):
            continue
        out.append((m.start(), "" if PERIOD_OTHER_YEAR.search(before) or PERIOD_LISTED.search(before)
                    else _within(m)))
    return sorted(out)


# a list of parts of a year that a 分别 list goes through in order (一、二、三季度分别增长…; 5、6月份连续回落，分别为…)
_PART_ITEM = (rf"(?:{_ANY_MONTH}\s*[-—–~～至到]\s*{_ANY_MONTH}月份?|前三季度|第?[一二三四1-4]季度|{_ANY_MONTH}月?份?"
              rf"|[上下]半年)")
PARTS_LISTED = re.compile(rf"(?<![\d.{_NUMERALS}])(?P<list>{_PART_ITEM}(?:[、和及与]{_PART_ITEM})+)[^\d、，。；和及与]{{0,12}}$")


def listed_periods(clause: str, before: str = "") -> list[str]:
    """The parts of a year a 分别 list goes through, one a figure in order: 一、二、三季度分别增长18.3%、7.9%和4.9%;
    5、6月份连续回落，分别为5.9%、5.5% and 一、二季度，全市…分别增长… (the list in the clause `before` it, when the words
    before 分别 list nothing of their own). [] when the words list no parts, or not as many as the figures after 分别,
    or a figure stands before 分别, or the parts are another year's (去年一、二季度) or a base (比一、二季度)."""
    head, end = _before_respectively(clause)
    opening = re.match(r"^\s*分别", clause)
    if opening:
        head, end = "", opening.end()
    if end < 0 or FIGURE.search(clause[:end]):
        return []
    if not re.search(r"[、和及与]", head):  # no list of its own: the clause before may list the parts
        head = re.split(r"[，；：]", before.rstrip("，、；： "))[-1] + head
    m = PARTS_LISTED.search(head)
    if not m or PERIOD_OTHER_YEAR.search(head[:m.start()]) or PERIOD_BASE.search(head[:m.start()]):
        return []
    items = re.split(r"[、和及与]", m.group("list"))
    kind = "季度" if "季度" in items[-1] else "月" if "月" in items[-1] else ""
    parts = []
    for item in items:
        named = periods_named(item if re.search(r"月|季度|半年", item) else item + kind)
        if len(named) != 1 or not named[0][1]:
            return []
        parts.append(named[0][1])
    return parts if len(set(parts)) == len(parts) == len(FIGURE.findall(clause[end:])) else []


# a fall: the source's direction word, kept as the figure's sign (下降8% is -8, 减少12万平方米 is -12)
FALL = re.compile(r"(?:少增|下降|减少|降低|回落|收窄|下跌|下滑|负增长|缩小|缩减|减产|减收|贬值|压减|削减|压缩|下调|减|降|放缓|回调|"
                  r"(?:降幅|跌幅|减幅)(?:分别)?(?:高达|达到|达|为|约)?)(?:了|为)?$")
FALL_POINTS = re.compile(r"(?:低于|慢于|落后)[^，。；]{0,8}$")  # 低于全国0.3个百分点: behind by 0.3 points
FALL_LEVEL = re.compile(r"(?:至|到|为)$")  # 下降至3%: where it fell to, a level
# what a rate of change came to (增速回落至3.2%, 降幅收窄至2.3%, 降幅为2.3%): a growth rate, and a fall's is negative
# (and where it came from: 增速由上半年的5.2%…)
RATE_TO = re.compile(r"(?P<rate>增速|增幅|涨幅|降幅|跌幅|减幅)(?:[^，。；\d%]{0,6}?(?:至|到|为)|[由从][^，。；\d%]{0,8}?的?)$")
# the end of a change whose start the clause gave just before (增速由上半年的5.2%回落至4.8%): the same indicator
CHANGE_END = re.compile(r"[由从][^，。；\d]{0,10}?的?-?\d+(?:\.\d+)?%[^，。；\d%]{0,6}?(?:至|到)$")
RISE = re.compile(r"(?:多增|增长|增加|提高|提升|上升|上涨|回升|加快|扩大|增产|增收|升值|增速|增幅|涨幅)(?:了|为)?$")
VERBS = re.compile(r"((?:缩小|扩大|下降|降|提高|提升|上升|增长|增加|减少|回落|放缓|收窄|加快|扩|增|升)[至到]|达到|达|"
                   r"(?<![行作成认以视称更较最极])为|完成|"
                   r"突破|增加|增长|上涨|上升|下跌|下降|降低|回落|回升|收窄|下滑|负增长|提升|提高|加快|放缓|实现|稳定在|保持在|保持|累计|"
                   r"分别|降到|减少|缩小|扩大|超过|超|逾|约|近|共|了|高达|减产|增产|减收|增收|贬值|升值|调整|高于|低于|多增|少增)$")
LEAD_VERBS = {"建成", "组建", "新建", "新增", "完工", "开工", "建设", "培育", "引进", "创建", "累计"}
MODAL_END = re.compile(r"(?:力争|确保|预计|计划|争取|努力|预期|将)$")
# what names no subject: a pronoun (我们, 我市), an adverb (继续, 进一步), a verb of doing (叠加出台, 发放): the subject
# is then the noun after the figure (我们叠加出台了24条助企纾困增量政策措施; 继续为1.8万多名城乡低保对象…)
NO_SUBJECT_START = re.compile(r"^(?:我们|我市|我区|我县|我省|我局|他们|特别是|继续|持续|不断|进一步|再次|先后|已经|已|共|又|还|"
                              r"全年|累计|今年|去年)+")
ACTION_VERB = r"(?:出台|推出|发放|办理|开展|举办|认定|获评|入选|落实|制定|修订|发布|打造|创建|实施|建成|新建|组建|成立|" \
              r"引进|培育|新增|提高|提升|帮助|支持|扶持|资助|救助|慰问|安置|招引|签约|叠加)"
ACTION_END = re.compile(rf"{ACTION_VERB}$")
GIVE_VERB = r"(?:发放|给予|提供|支付|拨付|减免)"
# the generic word a running total is named by (新增5.5万户、总数达到61.8万户): the subject before it, and it
GENERIC_LABEL = {"总数", "总量", "总额", "总计", "合计", "累计", "规模", "余额", "数量"}
# a measure that names no subject of its own (…农林牧渔业总产值69.93亿元，…，增加值37.90亿元): the subject's other measure
MEASURE_NOUN = re.compile(r"(?:总产值|产值|增加值|总产量|产量|营业收入|利润总额|零售额|销售额|出口额|进口额|进出口总额)$")
CLAUSE = re.compile(r"[^，。；：！？]+[，。；：！？]?")
# the basis words a rate's clause opens with, which name no subject: 同比, 比上年, 较上月, 两年平均
BASIS_WORDS = (r"(?:同比|环比|(?:按)?同口径(?:比较)?|[比较与](?:上年|去年)同期(?:相比)?|比上年末?|较上年末?|比去年|较去年|"
               r"比上月|较上月|比上半年|较上半年|比上季度|较一季度|年均|平均|两年平均)")


@dataclass
class Figure:
    value: str  # the number as the source writes it, with the sign its direction word gives (下降8% -> "-8")
    unit: str
    year: int | None
    start: int | None
    label: str
    kind: str  # level / increase / growth / points / change / share / ratio
    basis: str | None
    sentence: str
    line: int
    rank: str = ""
    qualifier: str = ""  # 以上 / 以下 / 左右 / 近 / 约 / 超过 / 突破, as the source words it: never folded into the value
    listed: bool = False  # one of a 分别 list (A、B分别增长x%、y%): its subject's own figure, never another's rate
    direction: str = ""  # the source's word for a change (下降, 减少, 回落 …), when it gives one
    target: bool = False  # a figure the text sets as a goal (到2030年…, 预期目标…)
    table: bool = False  # read from a table
    heading: bool = False  # stands in a heading (its figure is told again in the text below)
    span: tuple[int, int] | None = None  # the period a figure covers (“十四五”时期, 2021—2025年), when the text names one
    source: str = ""  # the words the figure was read from (8%, 2458.8亿元, 6.2 of 6.2:42.8:51), as they stand
    at: int = -1  # where `source` starts in its block's text (the text without ** marks), -1 when not in prose
    own_subject: bool = True  # its clause names its subject (False: it took the one before, 较去年同期下降7.2个百分点)
    same_period: bool = False  # its words compare with the same period a year before (同比, 较去年同期)
    breakdown: bool = False  # it follows 其中 in its sentence: a part of the figure before, not a headline of its own
    period: str = ""  # the part of `year` it covers (上半年, 前三季度, 1—9月), as its words or its document name it

    def __post_init__(self) -> None:
        self.unit = superscripts(self.unit)

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


@dataclass
class Context:
    """The year a figure falls back on when its sentence names none: its section heading's, else the document's."""

    year: int | None = None  # the year the document's figures are of (2023 for 2023年全市经济运行情况)
    report_year: int | None = None  # the year it was written in (2026 for the 2026 政府工作报告: 今年, targets)
    target: bool = False  # a section of goals (2026年工作安排)
    period: str = ""  # the part of `year` the document reports on (2018上半年全省环境质量状况): its undated figures'


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
    """The indicator: what the clause says before the figure, without years, 全市, the verb and its direction."""
    text = YEAR.sub("", BASE_YEAR.sub("", before))
    text = re.split(r"[:：]", text)[-1]  # 主要预期目标是：地区生产总值…: the indicator is after the colon
    text = re.sub(r"“?十[一二三四五]五”?(首年|前[一二三四五两]年|期间|时期|以来)?", "", text)
    # time and scope words open a label but are no part of it (全年全市地区生产总值, 年末常住人口, 其中私人汽车)
    unscoped = text
    text = re.sub(r"^[，、：；\s]*(?:(?:初步核算|全年|年末|年初|年底|其中|全市|全省|全国|全县|全区|我市|本市|我省|本省|我县|我区|"
                  r"同期|当年|今年|"
                  r"力争|确保|预计|计划|"
                  rf"{_PART_OF_YEAR})[，、\s]*)*", "", text)
    if not _label_words(text):  # 一季度(同比增长18.3%): the period is all the clause names, so it is the label
        period = re.search(rf"(?:前三季度|上半年|下半年|[一二三四]季度|\d{{1,2}}月份?|{_CN_MONTH}月份?)(?=[^季月]*$)",
                           unscoped)
        if period:
            return period.group(0)
    text = re.sub(r"按可比价格计算|按当年汇率折算|按不变价格计算", "", text)
    text = re.sub(r"^[，、：；\s]*(实现|完成|压减|削减|压缩)(?![率量额])", "", text)  # 完成率 is a rate, not 率
    for _ in range(3):
        text = VERBS.sub("", text.strip("，、：；（ "))
        text = re.sub(r"(?:约合|折合)$", "", text)  # 人均生产总值约合(20533美元): a conversion's word, no subject
        text = MODAL_END.sub("", text)  # 营业收入力争(增长15%), 地区生产总值预计(达到…): the goal's or estimate's word
        text = re.sub(rf"{BASIS_WORDS}$", "", text)  # a rate's basis, not its subject
        # 地区生产总值从(2020年)的 1622.6亿元, 增速由上半年的5.2%: where a change started is no part of the label
        text = re.sub(rf"(?:[从由](?:(?:上年|去年)同期|上年|去年|上月|上季度|{_PART_OF_YEAR})?)?的?$", "", text)
        text = re.sub(rf"(?:[较比](?:上年末?|去年|上月|年初|{_PART_OF_YEAR})?)$", "", text)  # 增速比1—8月, 比年初: a base
    text = re.sub(r"（[A-Za-z]{2,8}）$", "", text)  # 地区生产总值（GDP）: the name's abbreviation, no part of the label
    named = re.search(r"（([^（）]{4,24})）$", text)
    if named:  # 占常住人口比重（常住人口城镇化率）: the indicator's own name, in brackets
        text = named.group(1)
    text = text.strip("，、：；（）“”* ")
    # …水源地中, 学校中: where, not what (集中, 其中, 高中 are words of their own)
    text = re.sub(r"(?<=[^集其高初空\d])之?中$", "", text) if len(text) >= 3 else text
    if not text or len(text) < 2 or re.match(r"^[较比](?:上年|去年|上月|上半年|同期|\d|[一二三四]季度|1月)", text):
        return previous  # 较1月至8月(回落1.6个百分点): the base of a change names no subject
    # a label cut inside a quotation or brackets (”）确定的国控…比例): from where they close, without a short modifier
    return re.sub(r"^[”’）)》」』]+(?:[^，、的”）]{1,4}的)?", "", text[-24:]) or text[-24:]


def _label_words(text: str) -> str:
    """What remains of a label once its verbs and basis words are gone (empty: it names no subject)."""
    for _ in range(2):
        text = VERBS.sub("", text.strip("，、：；（ "))
        text = re.sub(rf"{BASIS_WORDS}$", "", text)
    return text.strip("，、：；（）“”* ")


def _after(clause: str, end: int) -> str:
    """The words right after a figure, up to the next figure, pause or aside: 15个[省级重点科技创新平台]、…; an aside
    with a figure of its own (增长3.1%（上年同期为增长4.5%）) names no indicator of it, and one of words right after it
    is the unit's (120万户（次）市场主体)."""
    rest = re.sub(r"^(?:左右|以上|以下)?的?", "", clause[end:])  # a qualifier (2600亿元左右) is no indicator
    rest = re.sub(r"^（[^（）\d]{1,3}）", "", rest)
    stop = re.search(r"[、，。；：！？]|（(?=[^（）]*\d)|(?<![\d.])\d+(?:\.\d+)?(?![\d.A-Za-z])", rest)  # 3A级, 5G: a name, no figure
    return rest[: stop.start()] if stop else rest


def _qualifier(clause: str, start: int, end: int) -> str:
    after = re.match(r"(以上|以下|左右)", clause[end:])
    if after:
        return after.group(1)
    if re.search(r"约合$", clause[max(start - 2, 0):start]):
        return "约"  # 人均生产总值约合20533美元: a conversion, about so much
    before = re.search(r"(近|约|超过|突破|超|逾)$", clause[max(start - 2, 0):start])  # not the whole clause: linear
    if not before:
        return ""
    return "超过" if before.group(1) in ("超", "逾") else before.group(1)  # 超340家 reads 超过


def _direction(before: str, unit: str = "") -> tuple[int, str]:
    """The sign the words before a figure give it, and their direction word: 下降8% -> (-1, 下降); 下降至3% -> (1, '')."""
    tail = QUALIFIER_TAIL.sub("", before)[-14:]  # 下降超30%: the qualifier stands between the verb and the number
    rate_to = RATE_TO.search(tail)
    if rate_to and rate_to.group("rate") in ("降幅", "跌幅", "减幅"):
        return -1, rate_to.group("rate")  # 降幅收窄至2.3%: the fall is 2.3%, a rate of -2.3
    if FALL_LEVEL.search(tail):
        return 1, ""
    m = FALL.search(tail) or (FALL_POINTS.search(tail) if unit in ("个百分点", "百分点") else None)
    if m:
        return -1, re.sub(r"(?:了|为)$", "", m.group(0))[:4]
    m = RISE.search(tail)
    return 1, (re.sub(r"(?:了|为)$", "", m.group(0))[:4] if m else "")


_RATE_VERB = re.compile(r"(增长|下降|上涨|下跌|回落|降低|减少|回升|上升|下滑|负增长|增速|增幅|降幅|涨幅|跌幅|增加|增产|减产|增收|减收|"
                        r"贬值|升值)"
                        r"(?:分别)?(?:高达|达到|达|为|约)?(?:了|为)?$")


def _kind(before: str, unit: str) -> tuple[str, str | None]:
    tail = QUALIFIER_TAIL.sub("", before)[-12:]
    basis = "可比价" if "可比价格" in before else None
    if unit in ("个百分点", "百分点"):
        return "points", basis
    if unit == "%":
        if re.search(r"(提升|提高)(?:了)?$", tail):
            return "change", basis
        if _RATE_VERB.search(tail) or RATE_TO.search(tail) or \
                re.search(r"(?:同比|环比|[比较](?:上年|去年)(?:同期)?)(?:分别)?$", tail):
            # 同比-2.3%, 环比0.4%: a rate against its basis, with no verb; 较2020年下降5.2%: a change against the base
            # (年均增长 is a yearly rate; 年均浓度 is a level's name)
            if BASE_YEAR.search(before) and not re.search(r"年均[^，。；]{0,2}(?:增长|增速|增幅|下降|降低|提高|提升|减少|"
                                                           r"增加|上涨|递增|递减)", before):
                return "change", basis
            return "growth", basis
        if re.search(r"占|比重|占比|比例|份额", before[-20:]):
            return "share", basis
        return "level", basis
    # 较2014年提高2.71岁: a change of a level in its own unit, against a base (改造提升666座 is a count)
    # (比上年多增12万人, 同比少增: a change of an increase, in its unit)
    if (re.search(r"(增加|减少|扩大|缩小|下降|降低|回落|多|少|多增|少增)(?:了)?$", tail)
            or re.search(r"[较比][^，。；]{0,12}?(?:提高|提升|延长|缩短)(?:了)?$", before[-20:])) and \
            not re.search(r"新增加|至少$", tail):
        return "increase", basis
    return "level", basis


def _before_respectively(clause: str) -> tuple[str, int]:
    """The words between the last stop and the first 分别 that follows some: what re.search(r"[^，。；：]+?分别")
    finds, with where its 分别 ends, in linear time (that pattern tries every start: seconds for 20,000 characters)."""
    start = 0
    at = clause.find("分别")
    while at != -1:
        cut = max(clause.rfind(stop, start, at) for stop in "，。；：") + 1
        start = max(start, cut)
        if start < at:
            return clause[start:at], at + len("分别")
        at = clause.find("分别", at + 1)
    return "", -1


def _subjects(clause: str) -> list[str]:
    """The subjects of a 分别 list: 第一、二、三产业 / 出口、进口 before 分别, when the figures after it match them."""
    listed, end = _before_respectively(clause)
    if not listed:
        return []
    head = re.sub(rf"{BASIS_WORDS}+$", "", listed)  # 工业、服务业同比分别…: 同比 is no part of 服务业
    head = re.sub(r"(?:[比较](?:上年|去年|上月)?)?(?:增长|下降|增加|减少)?$", "", head)
    names = [n.strip("“”（）() ") for n in re.split(r"[、和与及]", head)]
    names = [re.sub(r"^(其中|全市|我市|全省|全国)", "", n) for n in names]
    names = [re.sub(rf"{BASIS_WORDS}$", "", n) for n in names]
    if len(names) < 2 or not all(names):
        return []
    # 城镇、农村居民人均可支配收入: short names before a long last one share its words after its own short name
    short = {len(n) for n in names[:-1]}
    if len(short) == 1 and (size := short.pop()) <= 3 and len(names[-1]) > size + 1:
        suffix = names[-1][size:]
        names = [n + suffix for n in names[:-1]] + [names[-1]]
    figures = len(FIGURE.findall(clause[end:]))
    return names if figures == len(names) else []


_PAREN_UNIT = re.compile(r"[（(](?:单位[:：])?(?P<unit>[^（）()]{1,10})[）)]$")
_CAPTION_UNIT = re.compile(r"单位[:：]\s*(?P<unit>[^，。；）)\s\-]{1,10}?)(?=$|[，。；）)\s\-]|指标|项目|名称)")
_GROWTH_COLUMN = re.compile(r"增长|增速|增幅|涨幅|涨跌|升降|比上年|同比|比20\d\d年|±|增减|变动")
_SHARE_COLUMN = re.compile(r"占比|比重|构成|占.{0,6}(?:比|%)|份额")
_UNIT_COLUMN = re.compile(r"^(?:计量)?单位$")


def _column_unit(column: str) -> str:
    m = _PAREN_UNIT.search(column)
    if m and is_unit(m.group("unit").strip()):
        return m.group("unit").strip()
    m = re.search(r"[（(]?(%|‰)[）)]?$", column)
    return m.group(1) if m else ""


def _cell_unit(written: str, rate_column: bool, row: str, given: str, caption: str) -> str:
    """A cell's unit: its own or its column's; % in a growth or share column (比上年增长, 占比); else the row's, the
    单位 column's or the caption's, whichever is a unit."""
    unit = written or ("%" if rate_column else "")
    unit = unit or next((u for u in (row, given, caption) if is_unit(u)), "")
    return unit if is_unit(unit) else ""


def table_figures(block: Block, context: Context | None = None) -> list[Figure]:
    """A table's figures: one per figure cell, labelled by its row, with the unit its cell, column, row, 单位 column
    or caption names (2458.8亿元, 比上年增长（%）, 地区生产总值（亿元）, 单位：万元) and the year its column, row or caption
    names, else its section's. A growth column (增长%, 比上年±%) gives growth rates, a share column (占比, 比重) shares;
    a growth rate is its row's figure's: each row is its own sentence, so the draft attaches it there."""
    context = context or Context()
    caption_year = YEAR.search(block.text)
    caption_unit = _CAPTION_UNIT.search(block.text)
    header = block.header
    unit_column = next((j for j, c in enumerate(header) if _UNIT_COLUMN.match(c.strip())), None)
    header_year = [YEAR.search(c) for c in header]
    # the part of a year a column or the caption names (1-9月, 上半年): one only, else none said
    caption_period = _one_period(block.text)
    header_period = [_one_period(c) for c in header]
    out: list[Figure] = []
    for r, row in enumerate(block.rows):
        row_label = row[0]
        row_line = block.row_lines[r] if r < len(block.row_lines) else block.line
        row_unit = _PAREN_UNIT.search(row_label)
        label = _PAREN_UNIT.sub("", row_label).strip() if row_unit else row_label
        label = re.sub(r"^[#\s]*(?:其中[:：]?|#)", "", label).strip("：: *") or row_label
        row_year = YEAR.fullmatch(label.strip()) or (YEAR.match(label) if len(label) <= 8 else None)
        given_unit = row[unit_column].strip() if unit_column is not None and unit_column < len(row) else ""
        # the row as the note quotes it, each figure with its column (绝对值 2458.8，比上年增长（%） 5.1)
        cells = [f"{header[j]} {c}" if j < len(header) else c for j, c in enumerate(row[1:], 1)]
        sentence = f"{block.text + '：' if block.text else ''}{row_label}：{'，'.join(cells)}。"
        for j, cell in enumerate(row[1:], 1):
            if j == unit_column:
                continue
            m = re.match(r"(?P<value>[-+]?\d+(?:\.\d+)?)(?P<unit>\D*)$", cell.strip())
            if not m:  # — or …: a value the table does not give
                continue
            column = header[j] if j < len(header) else ""
            column = column or (block.text if not header else "")  # no header: the caption names the kind (涨跌幅度)
            growth_column = bool(_GROWTH_COLUMN.search(column))
            share_column = bool(_SHARE_COLUMN.search(column))
            unit = _cell_unit(m.group("unit").strip() or _column_unit(column), growth_column or share_column,
                              row_unit.group("unit") if row_unit else "", given_unit,
                              caption_unit.group("unit") if caption_unit else "")
            kind = "growth" if growth_column and unit == "%" else ("share" if share_column and unit == "%" else "level")
            year_m: re.Match[str] | None
            if row_year and column and not _GROWTH_COLUMN.search(column) and not _SHARE_COLUMN.search(column):
                figure_label = _PAREN_UNIT.sub("", column).strip() or label  # a row per year: the column names it
                year_m = row_year
            else:
                figure_label = label
                year_m = header_year[j] if j < len(header_year) and header_year[j] else caption_year
            year = int(year_m.group("year")) if year_m else context.year
            period = None if row_year and year_m is row_year else (
                header_period[j] if j < len(header_period) and header_period[j] is not None else caption_period)
            if period is None and year_m is None:
                period = context.period  # the section's or the document's year, and its part of it
            value = m.group("value").lstrip("+")
            out.append(Figure(value, unit, year, None, figure_label, kind, None, sentence, row_line, table=True,
                              direction="下降" if value.startswith("-") else "", source=cell.strip(),
                              period=(period or "") if year else ""))
    return out


def _one_period(text: str) -> str | None:
    """The part of a year a table's column or caption names, '' when it names another time or several, None when
    it names none."""
    named = {p for _, p in periods_named(text)}
    return (named.pop() if len(named) == 1 else "") if named else None


_BARE_LIST = re.compile(rf"(?<![\d.:])(?P<list>{_NUM}(?:[、和及]{_NUM})+)(?={UNIT})")
_UNIT_AT = re.compile(UNIT)


def _expand_bare_list(clause: str) -> tuple[str, list[tuple[int, int]]]:
    """A list that writes its unit once, after its last number (分别减少1.2、0.7和1.4万吨), with the unit after each
    number, so each is read as a figure; and where text was put in (position in the new clause, length)."""
    inserted: list[tuple[int, int]] = []
    if "、" not in clause and "和" not in clause:
        return clause, inserted
    out, last = [], 0
    for m in _BARE_LIST.finditer(clause):
        unit_m = _UNIT_AT.match(clause, m.end())
        unit = unit_m.group(0) if unit_m else ""
        if not unit or unit.startswith(("余", "多")):
            continue
        numbers = list(re.finditer(_NUM, m.group("list")))
        out.append(clause[last:m.start()])
        piece, cursor = "", 0
        for k, n in enumerate(numbers):
            piece += m.group("list")[cursor:n.end()]
            cursor = n.end()
            if k < len(numbers) - 1:
                inserted.append((len("".join(out)) + len(piece), len(unit)))
                piece += unit
        piece += m.group("list")[cursor:]
        out.append(piece)
        last = m.end()
    out.append(clause[last:])
    return "".join(out), inserted


def _source_at(position: int, inserted: list[tuple[int, int]]) -> int:
    """A position in the expanded clause, back in the source's clause."""
    return position - sum(size for at, size in inserted if at < position)


def _source_text(m: re.Match[str], inserted: list[tuple[int, int]]) -> str:
    """The words of a figure as the source writes them: a list's number without the unit put after it."""
    text = m.group(0)
    for at, _size in inserted:
        if m.start() <= at < m.end():
            text = text[:at - m.start()]
    return text


_MAGNITUDE_ONLY = re.compile(rf"^{MAGNITUDE}$")
_CJK_RANGE = "\u3400-\u9fff"


def _share_list_unit(figures: list[Figure], clause: str) -> None:
    """A list that writes its unit once, on its last item: 1.28万亿、1.18万亿、8200亿元 are all in 元."""
    for k, f in enumerate(figures):
        if not _MAGNITUDE_ONLY.match(f.unit):
            continue
        later = next((g for g in figures[k + 1:] if g.unit and g.unit != f.unit), None)
        if later is None or later.at < f.at:
            continue
        base = re.sub(rf"^{MAGNITUDE}", "", later.unit)
        between = clause[f.at - figures[0].at:later.at - figures[0].at] if figures[0].at >= 0 else ""
        if base and base not in ("%", "‰") and not re.search(r"[，；。]", between):
            f.unit = f.unit + base


def _threshold(clause: str, start: int, end: int) -> bool:
    """A bound, not a figure: 前1%, 超过50%的企业, 收入排名前10位 (the figures of a rank or a selection)."""
    before, after = clause[max(0, start - 4):start], clause[end:end + 8]
    if re.search(r"前$|后$", before):
        return True
    # 5000万元以上项目, 亿元以上企业: a bound that qualifies a noun (80%以上的财力 and 150万吨以上，are figures)
    # (50家以上省级…企业 counts the firms themselves: a count with its qualifier, a figure)
    if re.match(rf"(?:以上|以下|及以上|及以下)[{_CJK_RANGE}](?<!的)", after) and not re.match(r"(?:以上|以下)(?:的|目标)", after) \
            and not re.search(r"\d(?:家|个|所|座|名|户|项|条|处)$", clause[start:end]):
        return True
    if re.search(r"千?伏$", clause[start:end]) and re.match(rf"(?:及以上)?[{_CJK_RANGE}]", after):
        return True  # 220千伏变电站: a voltage class, a name
    if re.search(r"(?:在|居|列|位居)(?:全国|全省|全市|全球)?$", clause[max(0, start - 6):start]) and \
            re.match(r"[^，。；\d]{1,10}(?:中(?:位?[居列排进]|第)|之首|之冠|前列)", clause[end:end + 16]):
        return True  # 在15个副省级城市中进至第9位, 居全国8个试验区之首: the field of a rank, not a figure
    if clause[end:end + 1] == "兑" or clause[start - 1:start] == "/" or \
            re.search(r"按(?:照)?(?:(?:每人|每户|人均)[^，。；\d]{0,6}|[^，。；\d]{0,12}标准[^，。；\d]{0,8})$",
                      clause[max(0, start - 24):start]):
        return True  # 1美元兑6.6174元 (a rate's unit), 238.76/10万 (its base), 按照每人每年2300元 (a standard)
    # 12条重点产业链项目占比达84.4%, 70个大中城市…上涨的城市个数为69个: the set a statistic is of, part of its name
    # (26个保留园区对全市项目投资的贡献度较2023年提高2.6个百分点: the parks the rate is of)
    if re.search(r"\d(?:个|条|家|所|座|类|项)$", clause[start:end]) and \
            re.match(r"(?!的)[^，。；、\d以左]{2,30}?(?:占比|比重|个数|比例|贡献度|贡献率|覆盖率|达标率|优良率)[^，。；]{0,12}\d",
                     clause[end:]):
        return True
    if re.search(r"(?:超过|超|逾)$", before) and re.search(r"元$", clause[start:end]) and \
            re.match(rf"[{_CJK_RANGE}]", after) and not re.match(r"(?:以上|以下|左右|的)", after):
        return True  # 325个超10亿元项目: a bound on the projects, not an amount
    if re.search(r"\d(?:个)?(?:位|名|位次)$", clause[start:end]) and \
            re.search(r"(?:前移|后移|上移|下移|前进|后退|上升|下降|提升|提高|回落|下滑)了?$", before):
        return True  # 较一季度前移3位: a rank's move (the rank is kept with its figure), not a quantity
    if re.search(r"时速$", before):
        return True  # 时速350公里高铁: a class of train, a name
    if re.search(r"连续\d+年(?:稳定|保持)在$", clause[max(0, start - 12):start]):
        return True  # 连续13年稳定在430亿斤以上: a floor held, not the year's figure
    # 15个方面的重点任务, 28个主要指标: the parts of a plan or a document, not a quantity of what it reports
    return bool(re.match(r"(?:个)?(?:方面|(?:主要|预期性|约束性|具体)?指标)", clause[end:end + 6])
                if re.search(r"\d(?:个|项)?$", clause[start:end]) else False) or \
        bool(re.search(r"(?:超过|超|高于|低于|不低于|不少于|不超过|大于|小于)$", before)
             and re.match(r"(?:以上|以下)?的(?!.{0,4}目标)", after))


def _span_of(clause: str, context: Context) -> tuple[int, int] | None:
    """The period a clause's figures cover: “十四五”时期 (2021-2025), 过去五年 (from the document's year)."""
    m = PLAN_SPAN.search(clause)
    if m and not re.search(r"以来", m.group(0)):
        start = PLANS[m.group("plan")]
        return start, start + 4
    m = PAST_YEARS.search(clause)
    if m and context.report_year:
        n = _CN[m.group("n") or m.group("m")]
        return context.report_year - n, context.report_year - 1
    return None


@dataclass
class _Paragraph:
    """A paragraph or bullet being read, with what all its sentences share."""

    block: Block
    context: Context
    span: tuple[int, int] | None  # the period it opens with (五年来，… / “十五五”期间，…), which it speaks of throughout
    # it has named a time other than the document's part of the year (6月份，…; 截至7月15日): its sentences after
    # that which name none may be of it, so the document's part is given to none of them
    other_time: bool = False


@dataclass
class _Sentence:
    """A sentence being read: what its clauses share, and the year each clause hands on to the next."""

    text: str
    at: int  # where it starts in its block's text
    comparable: bool  # it says 按可比价格: its growth rates are at comparable prices
    goal: bool  # it sets goals (预期目标, 力争 …), or stands in a section of goals
    ahead: re.Match[str] | None  # the year it looks ahead to (到2035年，…), when it names no other
    ahead_year: int | None
    year: int | None  # the year (and period start) the clauses so far end with: carried to the next clause
    start: int | None
    span: tuple[int, int] | None = None  # the period a clause named (“十四五”时期, 过去五年) without naming a year
    sets_goals: int = -1  # where, in it, the goals it sets begin (主要预期目标是：…), or -1
    since: re.Match[str] | None = None  # 党的十八大以来，…: a span its later clauses go on with (no year of theirs)
    period: str | None = None  # the part of a year its clauses so far named (上半年), '' for none (全年), None: unsaid


@dataclass
class _Clause:
    """A clause being read: the year and period its figures get, and what the figures of a list in it share."""

    text: str  # the clause with a bare list's unit put after each number (1.2、0.7和1.4万吨 -> 1.2万吨、0.7万吨…)
    original: str  # the clause as the source writes it
    inserted: list[tuple[int, int]]  # where units were put in (position in `text`, length)
    offset: int  # where it starts in its block's text
    year: int | None
    start: int | None
    named: list[tuple[int, int]]  # the years it names, where they stand: each figure takes the nearest before it
    plan_year: int | None  # a plan's year (“十四五”首年): it holds for the whole clause
    since: re.Match[str] | None  # 以来: a span to a year the text does not name
    target: bool  # it looks ahead to a year: its figures are goals
    subjects: list[str]  # the subjects of its 分别 list
    parts: list[str]  # the parts of a year its 分别 list goes through (一、二、三季度分别增长…), one a figure
    first_figure: int  # the index of its first figure among the paragraph's
    shared: tuple[str, str | None, int, str] | None = None  # a 分别 list's verb (kind, basis, sign, direction)
    periods: list[tuple[int, str]] = field(default_factory=list)  # the parts of a year it names, where they stand
    period: str | None = None  # the part of a year the sentence named before it (None: unsaid)


@dataclass
class _Reading:
    """A figure of prose as read so far: its number and unit, and what the words around it make of it."""

    value: str
    unit: str
    kind: str
    basis: str | None
    sign: int
    direction: str
    label: str


def figures_of(block: Block, year: int | None, context: Context | None = None) -> list[Figure]:
    """Figures of one paragraph or bullet, each with the year its clause, its sentence, its section or its document
    names. A year never passes to the next sentence unless that sentence goes on with the same subject (同期, 当年,
    其中); `year` is what the first sentence may carry on from (None: nothing)."""
    context = context or Context(year=year)
    if block.kind == "table":
        return table_figures(block, context)
    out: list[Figure] = []
    label = ""
    carried: tuple[int | None, int | None, str | None] = (None, None, None)  # the year, start and part of a year
    # the sentence before ended with
    text = block.text.replace("**", "")
    opening = CLAUSE.match(text)
    # a paragraph that opens with its period (五年来，… / “十五五”期间，…) speaks of that period throughout
    paragraph = _Paragraph(block, context, _span_of(opening.group(0), context) if opening else None)
    for sentence_m in re.finditer(r"[^。！？]+[。！？]?", text):
        sentence = _read_sentence(sentence_m, carried, paragraph)
        loose = ""  # the clause before, when it has no figure: it may name the subject (聊城市…最多，为2824万元)
        for clause_m in CLAUSE.finditer(sentence.text):
            clause = _read_clause(clause_m, sentence, paragraph, len(out))
            label = _clause_figures(out, _loose_subject(loose, clause.text, label), clause, sentence, paragraph)
            loose = clause.original if len(out) == clause.first_figure else ""
            _share_list_unit(out[clause.first_figure:], clause.original)
            _rank_to_level(out, clause.original, sentence.text)
        carried = (sentence.year, sentence.start, sentence.period)
    return out


def _read_sentence(sentence_m: re.Match[str], carried: tuple[int | None, int | None, str | None],
                   paragraph: _Paragraph) -> _Sentence:
    """A sentence's own setting: whether it goes on with the year before it, looks ahead to one, or sets goals."""
    sentence = sentence_m.group(0)
    # a list item is one point, and a comparison with a base year (较2020年) goes on with the period before it
    goes_on = CONTINUES.match(sentence) or paragraph.block.kind == "bullet" or BASE_YEAR.search(sentence)
    year, start, period = carried if goes_on else (None, None, None)
    # a sentence that looks ahead (到2035年，…) and names no other year: its figures are targets
    ahead = TARGET_YEAR.search(sentence)
    ahead_year = int(ahead.group("year") or ahead.group("year2")) if ahead else None
    if ahead and YEAR.search(TARGET_YEAR.sub("", sentence)):
        ahead, ahead_year = None, None
    goal = bool(TARGET_WORDS.search(BOOK_TITLE.sub("", sentence))) or paragraph.context.target
    return _Sentence(sentence, sentence_m.start(), "可比价格" in sentence, goal, ahead, ahead_year, year, start,
                     sets_goals=goal_setting(sentence, paragraph.context), period=period)


def _named_years(clause: str, period: re.Match[str] | None) -> list[tuple[int, int]]:
    """The years a clause names, where they stand: a target's or a span's start is none of them, nor a basis year."""
    spans = [x.span() for x in (*([] if period else TARGET_YEAR.finditer(clause)), *SINCE.finditer(clause))]
    spans += [x.span() for x in re.finditer(r"（[^（）]*）", clause)]  # （2010年不变价）: a basis, no year of it
    spans += [x.span() for x in BASE_MULTIPLE.finditer(clause)]  # 是2014年的1.7倍: the base of a multiple
    return [(y.start(), int(y.group("year"))) for y in YEAR.finditer(clause)
            if not any(a <= y.start() < b for a, b in spans)]


def _read_clause(clause_m: re.Match[str], sentence: _Sentence, paragraph: _Paragraph, first_figure: int) -> _Clause:
    """A clause's year and period, from the words it names (以来, a plan's year, a period, a year, a target year) or
    else the sentence's; what it names is handed on to the sentence's next clauses."""
    clause = clause_m.group(0)
    plan_year, plan_start = _plan_year(clause)
    period = PERIOD.search(clause)  # 2020年至2024年: a period, not a target
    target = None if period else TARGET_YEAR.search(clause)
    since = SINCE.search(clause)
    span = _span_of(clause, paragraph.context)
    named = _named_years(clause, period)
    found = named[0] if named else None
    ahead = sentence.ahead
    if span and not found:
        sentence.span = span
    clause_year, clause_start = sentence.year, sentence.start  # what the clause's figures get
    if since and not found:  # “十四五”以来, 2012年以来, 党的十八大以来: a span to a year the text does not name
        since_year = int(since.group("year")) if since.group("year") else None
        sentence.year, sentence.start = None, PLANS.get(since.group("plan") or "") or since_year
        clause_year, clause_start = sentence.year, sentence.start
        sentence.since = since
    elif plan_year:
        sentence.year, sentence.start = plan_year, plan_start
        clause_year, clause_start = sentence.year, sentence.start
    elif period:  # 2020年至2024年，累计…: the figures of the period end in its last year
        sentence.year, sentence.start = int(period.group("end")), int(period.group("start"))
        clause_year, clause_start = sentence.year, sentence.start
        named = []
    elif found:  # 从2020年的1622.6亿元增加到2025年的2600亿元: each figure its nearest year; the last one carries
        sentence.year, sentence.start = named[-1][1], None
        clause_year, clause_start = found[1], None
    elif target or (ahead and (not paragraph.span or ahead.start() < 3)):  # a target: the year it looks to
        clause_year, clause_start = (int(target.group("year") or target.group("year2")) if target
                                     else sentence.ahead_year), None
    if not (since or found or plan_year or period or target):
        since = sentence.since  # 党的十八大以来，累计脱贫12.3万人: the span goes on, never the document's year
    expanded, inserted = _expand_bare_list(clause)
    # the part of a year: the one it names last goes on to the sentence's next clauses; a year named with none
    # (2017年，…) is that whole year's
    periods = periods_named(expanded)
    paragraph.other_time = paragraph.other_time or any(p != paragraph.context.period for _, p in periods)
    carried_period = sentence.period
    if periods:
        sentence.period = periods[-1][1]
    elif found or period or plan_year or since:
        sentence.period = carried_period = ""
    return _Clause(expanded, clause, inserted, sentence.at + clause_m.start(), clause_year, clause_start, named,
                   plan_year, since, bool(target) or (ahead is not None), _subjects(expanded),
                   listed_periods(expanded, sentence.text[:clause_m.start()]), first_figure,
                   periods=periods, period=carried_period)


def _clause_figures(out: list[Figure], label: str, clause: _Clause, sentence: _Sentence,
                    paragraph: _Paragraph) -> str:
    """Adds a clause's figures to `out`; returns the label the next figure falls back on (a figure that names no
    subject is of the level before it: 从2020年的X增加到2025年的Y)."""
    level_label = label
    previous_end = 0
    ranges = [r.span() for r in RANGE.finditer(clause.text)]
    for n, m in enumerate(FIGURE.finditer(clause.text)):
        if any(a <= m.start() < b for a, b in ranges):
            continue  # 增长5%-6%, 3万~4万人: a range is no one figure; it stays in the text for the editor
        if _threshold(clause.text, m.start(), m.end()):
            continue  # 前1%, 超过50%的企业: a bound, no figure
        between = clause.text[previous_end:m.start()]
        before_label = label
        # 签约项目总投资额增长40%、达到2300亿元: a figure with no subject of its own is the one's before it
        label = _figure_label(clause.text, m, between, level_label or (label if n else ""))
        if label in GENERIC_LABEL and before_label and before_label not in GENERIC_LABEL:
            label = re.sub(r"^(?:新增|累计|全年|新建|净增)", "", before_label) + label  # 经营主体总数
        elif (n == 0 and before_label and MEASURE_NOUN.fullmatch(label) and (other := MEASURE_NOUN.search(before_label))
              and other.group(0) != label and len(before_label) - len(other.group(0)) >= 2):
            label = before_label[:other.start()] + label  # 农林牧渔业总产值…，增加值37.90亿元: 农林牧渔业增加值
        listed = bool(clause.subjects) and n < len(clause.subjects)
        if listed:  # A、B、C分别增长x%、y%、z%: one subject each
            label = clause.subjects[n]
        previous_end = m.end()
        if m.group("ratio"):
            out.extend(_ratio_figures(m, between, label, clause, sentence, paragraph))
            level_label = label
            continue
        previous = out[-1] if len(out) > clause.first_figure else None
        figure = _prose_figure(m, between, label, listed, previous, clause, sentence, paragraph)
        if n < len(clause.parts) and figure.year and not (figure.start or figure.span or figure.target):
            figure.period = clause.parts[n]  # 一、二季度分别增长5.1%、4.2%: each its part, in the list's order
        out.append(figure)
        label = figure.label
        if figure.kind in ("level", "ratio") and not clause.subjects:  # 从2020年的X增加到2025年的Y: Y is of X's indicator
            level_label = label
    return label


def _loose_subject(loose: str, clause: str, label: str) -> str:
    """The subject a clause without figures names for the clause after it, whose figure names none: 聊城市获得生态补偿
    资金最多，为2824万元 (the figure is 聊城市's, not the total's before it); …细化分解的主要问题，已完成23项. Only where
    the figure is said of it (为, 达) or no subject came before."""
    if not loose:
        return label
    first = FIGURE.search(clause)
    # (城乡收入比持续缩小，由上年同期的2.05:1下降为2.02:1: a change from … to … said of the subject before)
    if first is None or (label and not re.match(r"^[，\s]*(?:为|达到|达|[由从])", clause[:first.start()])):
        return label
    if _label(clause[:first.start()], ""):
        return label
    subject = re.sub(r"(?:最多|最少|最高|最低|最大|最小|最快|最慢)[，。；：]?$", "", loose.strip())
    subject = re.sub(r"^(?:截至|截止)[^，]*，?|^(?:我省|我市|我区|全省|全市|全区)", "", _label(subject, ""))
    subject = re.sub(r"(?:持续|不断|进一步|继续|逐步|稳步|明显|大幅)$", "", subject)  # 城乡收入比持续(缩小): an adverb
    return subject if len(subject) >= 4 else label


def _figure_label(clause: str, m: re.Match[str], between: str, level_label: str) -> str:
    """A figure's indicator: the words before it, else those after it (建成15个平台、4个联合体), else the level's before."""
    own = _label(between, "")
    # 建成15个平台、4个联合体: the indicator follows the figure; so does the noun a 的 before it qualifies
    # (17市城市建成区的165个黑臭水体中); and so does the subject of a clause whose words before the figure name none
    # (我们叠加出台了24条…政策措施, 继续为1.8万多名城乡低保对象…)
    no_subject = bool(own) and _names_no_subject(own)
    if not own or own in LEAD_VERBS or between.rstrip().endswith(("、", "的")) or own.endswith("等") or no_subject:
        after = _after(clause, m.end())
        # 向7.2万多名困难对象发放保障金: the noun before a verb of giving (or of any doing, after 我们/继续 …)
        cut = re.search(ACTION_VERB if no_subject else GIVE_VERB, after) if no_subject or not own else None
        after = after[:cut.start()] if cut and cut.start() >= 2 else after  # 困难对象(发放保障金…): the noun only
        own = _label(after, "") or own
    # 总投资206亿元的中环产业城: the amount is the project's, named after the 的
    elif own.endswith(PROJECT_MEASURES) and clause[m.end():m.end() + 1] == "的":
        own = _label(_after(clause, m.end() + 1), "") or own
    return own or level_label


def _names_no_subject(label: str) -> bool:
    """A label of pronouns, adverbs and a verb of doing only (我们叠加出台, 继续, 新增): it names no subject."""
    rest = NO_SUBJECT_START.sub("", label)
    return len(rest) < 2 or bool(NO_SUBJECT_START.match(label) and ACTION_END.search(rest) and len(rest) <= 6)


PROJECT_MEASURES = ("总投资", "投资", "总投资额", "投资额", "年产", "产能", "年产能", "规模")


def _ratio_figures(m: re.Match[str], between: str, label: str, clause: _Clause, sentence: _Sentence,
                   paragraph: _Paragraph) -> list[Figure]:
    """A ratio (6.2:42.8:51), one figure a term; with no year of its own, of the period its paragraph opens with (the
    year before it for the ratio a change starts from), else of the document's year."""
    at = clause.offset + _source_at(m.start(), clause.inserted)
    ratio_year = clause.year
    block_span = paragraph.span
    if block_span and ratio_year is None and not clause.start:  # 由8.7:41.2:50.1调整为7.4:39.6:53
        ratio_year = block_span[0] - 1 if re.search(r"[由从]$", between) else block_span[1]
    elif ratio_year is None and not clause.start and not clause.since:
        ratio_year = paragraph.context.year
    period = _period_before(m.start(), clause)
    if period is None and ratio_year is not None and clause.year is None and not block_span:
        period = "" if paragraph.other_time else paragraph.context.period  # the document's year and its part
    if ratio_year and not clause.start and FROM_YEAR_BEFORE.search(between):
        ratio_year -= 1  # 由上年的10.3:45.2:44.5调整为…: where the change started, the year before
        period = ""
    if FROM_BEFORE.search(between):
        period = ""  # 由上月的…, 从上季度的…: where a change started, not the part of the year it ended
    if clause.start or block_span or not ratio_year:
        period = ""
    out: list[Figure] = []
    for part in m.group("ratio").split(":"):
        out.append(Figure(part, "", ratio_year, clause.start, label, "ratio", None, sentence.text,
                          paragraph.block.line, source=part, at=at, period=period or ""))
        at += len(part) + 1
    return out


def _prose_figure(m: re.Match[str], between: str, label: str, listed: bool, previous: Figure | None,
                  clause: _Clause, sentence: _Sentence, paragraph: _Paragraph) -> Figure:
    """One figure of prose: its value and unit, what its words make of it (kind, sign, direction), its year or
    period, whether it is a goal, its qualifier and the words it was read from."""
    reading = _read_figure(m, clause.text, label)
    _take_list_verb(reading, between, listed, previous, clause)
    if previous is not None and previous.unit == reading.unit == "%" and CHANGE_END.search(clause.text[:m.start()]):
        reading.kind, reading.label = previous.kind, previous.label  # 增速由上半年的5.2%回落至4.8%: the rate it came to
    fall_word = re.search(r"(?:降幅|跌幅|减幅)$", reading.label) if reading.kind == "growth" and reading.sign < 0 else None
    if fall_word and len(reading.label) > 4 and not re.fullmatch(BASIS_WORDS, reading.label[:-2]):
        reading.label = reading.label[:-2]  # 商品房销售面积降幅为5.1%: the direction word, no part of the label
    if sentence.comparable and reading.kind == "growth":
        reading.basis = "可比价"
    _settle_sign(reading, clause.text[m.end():], sentence.text[:clause.offset - sentence.at] + between)
    figure_year, figure_start, figure_span = _figure_period(m, reading.kind, between, clause, sentence, paragraph)
    context = paragraph.context
    is_target = _is_target(m, figure_span, clause, sentence, context)
    period = _period_before(m.start(), clause)
    if figure_year is None and figure_span is None and clause.start is None and not clause.since:
        figure_year = (context.report_year or context.year) if is_target else context.year
        if period is None:  # the document's year, and its part of it
            period = "" if paragraph.other_time else context.period
    if figure_year and figure_span is None and not is_target and FROM_YEAR_BEFORE.search(between):
        figure_year -= 1  # 由上年的1.98下降到1.91: the first figure is the year before's
        period = ""
    elif figure_year and figure_span is None and not is_target and SAME_PERIOD_BEFORE.search(between):
        figure_year -= 1  # 上年同期为下降2.1%: the year before's, of the same part of it
    if FROM_BEFORE.search(between):
        period = ""  # 由上月的95.6%下降至95.4%: the month before's, a part of the year no words name
    if is_target or figure_span or figure_start or not figure_year:
        period = ""  # a goal, or a figure over years: no part of one year
    more = m.group("more") or m.group("more2") or m.group("more3") or m.group("more4")
    qualifier = "超过" if more else _qualifier(clause.text, m.start(), m.end())
    at_source = _source_at(m.start(), clause.inserted)
    source = (clause.original[at_source:at_source + len(m.group(0))] if not clause.inserted
              else _source_text(m, clause.inserted))
    return Figure(("-" if reading.sign < 0 else "") + reading.value, reading.unit, figure_year, figure_start,
                  reading.label, reading.kind, reading.basis, sentence.text, paragraph.block.line, qualifier=qualifier,
                  listed=listed, direction=reading.direction, target=is_target, span=figure_span, source=source,
                  at=clause.offset + at_source,
                  own_subject=listed or reading.kind not in ("points", "increase") or bool(_label(between, "")),
                  same_period=bool(re.search(r"同比|[较比与](?:去年|上年)同期", between)),
                  breakdown="其中" in sentence.text[:clause.offset - sentence.at] + between, period=period or "")


def _period_before(at: int, clause: _Clause) -> str | None:
    """The part of a year a figure at `at` in its clause covers: the last its clause names before it, else the one
    its sentence named before (None when none is said). '' when the part named last is one of a list of them
    (一季度、二季度和三季度分别增长…: which figure is whose, a rule cannot tell)."""
    before = [(x, p) for x, p in clause.periods if x < at]
    if not before:
        return clause.period
    last_at, last = before[-1]
    if re.search(r"[由从]$", clause.text[:last_at]) and any(last_at < f.start() < at for f in FIGURE.finditer(clause.text)):
        return clause.period  # 由上半年的5.2%回落至4.8%: 上半年 is where the change started, not the part 4.8% is of
    if len(before) > 1:
        prev_at, prev = before[-2]
        if prev != last and not any(prev_at < f.start() < last_at for f in FIGURE.finditer(clause.text)):
            return ""
    return last


def _read_figure(m: re.Match[str], clause: str, label: str) -> _Reading:
    """A figure's number and unit, and the kind, basis, sign and direction word the words before it give."""
    value = m.group("value") or m.group("bare")
    unit = "".join(m.group(g) or "" for g in ("mag", "base2", "mag3", "base", "magonly")) if m.group("value") else ""
    kind, basis = _kind(clause[:m.start()], unit)
    sign, direction = _direction(clause[:m.start()], unit)
    return _Reading(value, unit, kind, basis, sign, direction, label)


def _take_list_verb(reading: _Reading, between: str, listed: bool, previous: Figure | None, clause: _Clause) -> None:
    """A list's figures share its verb: 分别下降9.2%、4.8% are all falls, and so are 降幅分别高达41%和60%; 压减公用经费
    10% names its verb before its object."""
    if listed:
        own_verb = _direction(between, reading.unit)[1]
        clause.shared = clause.shared or (reading.kind, reading.basis, reading.sign, reading.direction)
        if not own_verb:
            reading.kind, reading.basis, reading.sign, reading.direction = clause.shared
    elif (previous is not None and re.match(r"^(?:以上|以下|左右)?[、和及与]", between)
          and not _RATE_VERB.search(between) and not VERBS.search(between.rstrip("、和及与"))
          and previous.unit[-1:] == reading.unit[-1:]):
        # 降幅分别高达41%和60%, 压减公用经费10%、一般性支出20%: the list's verb
        reading.kind, reading.sign, reading.direction = previous.kind, (-1 if previous.number < 0 else 1), previous.direction
        if not _label(re.sub(r"^(?:以上|以下|左右)", "", between), ""):
            reading.label = previous.label  # 41%和60%: no subject of its own
    elif (cut := re.match(r"^[，、\s]*(压减|削减|压缩|减少|降低)", between)) and reading.unit == "%":
        # 压减公用经费10%: the verb before its object; a cut of 10%, a rate of -10 (never a level of -10%)
        reading.sign, reading.direction, reading.kind = -1, cut.group(1), "growth"


def _settle_sign(reading: _Reading, after: str, before: str) -> None:
    """A fall the words name apart from the verb (4成左右降幅; 跌幅尤为显著，达到7成以上) or the number's own minus
    sign makes the figure negative; a level that fell is a change (减少12万平方米 is a fall of 12)."""
    if reading.sign > 0 and re.match(r"^(?:以上|以下|左右)?的?(?:降幅|跌幅|减幅)", after):
        reading.sign, reading.direction = -1, "降幅"  # 4成左右降幅: the fall named after its size
    elif reading.sign > 0 and reading.kind not in ("growth", "increase") and re.search(
            r"(?:降幅|跌幅|减幅)[^\d。；]{0,10}[，、]?(?:达到?|为|高达|约)$", before):
        reading.sign, reading.direction = -1, "降幅"  # 跌幅尤为显著，达到7成以上: the fall named in the clause before
    if reading.value.startswith("-"):
        reading.sign, reading.value = -1, reading.value[1:]
        reading.direction = reading.direction or "负"
    if reading.sign < 0 and reading.kind == "level" and reading.unit not in ("%", "‰", "", "成"):
        reading.kind = "increase"  # 减少12万平方米: a fall of 12, never a level of 12


def _figure_period(m: re.Match[str], kind: str, between: str, clause: _Clause, sentence: _Sentence,
                   paragraph: _Paragraph) -> tuple[int | None, int | None, tuple[int, int] | None]:
    """A figure's year, period start and span: the nearest year its clause names before it, an n-year average's
    years, else the span its sentence or its paragraph names (a total over the period, or the level it reached)."""
    named = clause.named
    figure_year = next((y for at, y in reversed(named) if at < m.start()), clause.year) \
        if named and not clause.plan_year else clause.year
    figure_start = clause.start
    figure_span = None
    average = N_YEAR_AVERAGE.search(clause.text[:m.start()])
    if average and figure_year is None:
        figure_year = paragraph.context.year
    block_span = paragraph.span
    if average and figure_year and kind == "growth":  # 两年平均增长5.2%: over 2020-2021
        figure_start = figure_year - _CN[average.group("n")] + 1
        figure_span = (figure_start, figure_year)
    elif figure_start and figure_year:
        figure_span = (figure_start, figure_year)
    elif sentence.span and figure_year is None:
        figure_span = sentence.span
        figure_start = sentence.span[0]
    elif block_span and figure_year is None and not clause.since:
        reached = re.search(r"(?:达到?|总量|总数|规模|提高至|提升至|增至|增加到|提高到|调整为|升至|降至|扩大至|突破)"
                            r"[^，。；]{0,6}$", between)
        # a total over the period: its own clause says so, or 累计 runs on to it from a clause before (累计清理…2793件，
        # 复制推广…267项, up to a ；); 保持, 建成, 减少 … speak of their own clause only
        before = sentence.text[:clause.offset - sentence.at].rsplit("；", 1)[-1]
        cumulative = CUMULATIVE.search(clause.text[:m.start()]) or CARRIED_TOTAL.search(before)
        if not reached and (cumulative or kind in ("growth", "increase")):
            figure_span, figure_start = block_span, block_span[0]
        else:  # a level the period reached (总量达474万户): the period's last year
            figure_year = block_span[1]
    return figure_year, figure_start, figure_span


def goal_setting(text: str, context: Context) -> int:
    """Where the goals a text sets begin (after 主要预期目标是：), or -1: a sentence that sets the goals of the report's
    own year, not one that reviews an earlier year's (2024年预期目标为… in a 2025 report)."""
    for sentence in re.finditer(r"[^。！？]+[。！？]?", text):
        m = GOAL_SETTING.search(sentence.group(0))
        if m is None or re.search(r"(?:完成|实现|超额|达到|好于|高于|低于|超过)[^，。；：]{0,6}$",
                                  sentence.group(0)[:m.start()]):
            continue
        years = [int(y.group("year")) for y in YEAR.finditer(sentence.group(0)[:m.start()])]
        if years and context.report_year and years[-1] < context.report_year:
            continue
        return sentence.start() + m.end()
    return -1


def _is_target(m: re.Match[str], span: tuple[int, int] | None, clause: _Clause, sentence: _Sentence,
               context: Context) -> bool:
    """Whether a figure is a goal: its clause looks ahead, its period lies ahead of the report, it is called a goal
    (2600亿元左右的预期目标), or a sentence of goals sets it (预期目标是…: every figure after those words)."""
    future = bool(span and context.report_year and span[0] >= context.report_year)
    sets = sentence.sets_goals >= 0 and clause.offset - sentence.at + m.start() >= sentence.sets_goals
    return clause.target or future or sets or bool(TARGET_AFTER.match(clause.text[m.end():])) or (
        sentence.goal and bool(TARGET_WORDS.search(BOOK_TITLE.sub("", clause.text[:m.start()])) or context.target))


def _rank_to_level(out: list[Figure], clause: str, sentence: str) -> None:
    """A rank the clause names (全省第四位) goes to the sentence's last level: a rank belongs to a level, not to its
    increase."""
    rank = RANK.search(clause)
    if not rank:
        return
    mine = [f for f in out if f.sentence == sentence]
    levels = [f for f in mine if f.kind in ("level", "ratio", "share")]
    rates = [f for f in mine if f.kind == "growth"]
    if rates and re.search(r"增幅|增速|增长速度|涨幅|降幅", clause[:rank.start()]):
        rates[-1].rank = rank.group(0)  # 夏粮亩产和总产增幅均居全省第一位: the rate's rank, said of the rate
    elif levels and levels[-1].rank and rates and out.index(rates[-1]) > out.index(levels[-1]):
        # 生产总值1666.29亿元，居全省第6位；同比增长4.5%，…居全省第5位: the level has its rank, the second is the rate's
        rates[-1].rank = rank.group(0)
    elif levels:
        levels[-1].rank = rank.group(0)


# a bullet that opens with a short phrase of its own: ◆ 工业生产稳中有进。前三季度，… / ——经济强：…(three words
# before a colon, not a list's 其中：)
LEAD_PHRASE = re.compile(r"^(?:(?P<lead>[^\d，。；：:、！？]{4,16})[。：:]"
                         r"|(?!其中|包括|主要|分别|具体)(?P<lead3>[^\d，。；：:、！？]{3})[：:])(?P<rest>.+)$")
# a paragraph that opens with a short topic sentence (一年来，我们努力在…上展现更大作为。… / 我们战疫情、扩内需，全市
#经济保持稳定良好发展态势。…): a point, when three or more open with the same words
PARALLEL_OPENING = re.compile(r"^(?P<lead>[^。！？；：:\d]{6,48})[。！？](?P<rest>.*)$")
# a paragraph that opens a run-in point: 一是经济增长好于预期。地区生产总值… (a work report's review, point by point)
RUN_IN_POINT = re.compile(r"^[一二三四五六七八九十]{1,2}是(?P<lead>[^\d，。；：、！？]{4,16})[。：:](?P<rest>.+)$")


def _lead_phrase_headings(found: list[Block]) -> list[Block]:
    """Points that open with a short phrase of their own (◆ 工业生产稳中有进。… / ——经济实力持续增强。…) set a text out
    where it has no theme headings of its own: each such phrase becomes a theme heading. That is a text with no
    headings at all, or the stretch under a part heading (一、…) with no （一） below it. Where theme headings exist,
    points stay points (the seed's ◆ 经济总量跃上新台阶。… are points of a theme)."""
    out: list[Block] = []
    segment: list[Block] = []

    def flush() -> None:
        leads: list[tuple[str, str] | None] = []
        parallel = _parallel_leads(segment)
        for k, b in enumerate(segment):
            m = LEAD_PHRASE.match(b.text) if b.kind == "bullet" else (
                RUN_IN_POINT.match(b.text) if b.kind == "text" else None)
            lead = (m.group("lead") or m.groupdict().get("lead3") or "", m.group("rest")) if m else parallel.get(k)
            leads.append(lead)
        # a heading that opens the document is its title, not a theme heading
        themed = any(b.kind == "heading" and b.level == 2 and (out or i > 0) for i, b in enumerate(segment))
        if themed or sum(m is not None for m in leads) < 2:
            out.extend(segment)
        else:
            for block, lead in zip(segment, leads):
                if lead is None:
                    out.append(block)
                else:
                    out.append(Block("heading", lead[0].strip(), block.line))
                    if lead[1].strip():
                        out.append(Block("text", lead[1].strip(), block.line))
        segment.clear()

    for block in found:
        if block.kind == "heading" and block.level == 1:
            flush()
            out.append(block)
        else:
            segment.append(block)
    flush()
    return out


def _parallel_leads(segment: list[Block]) -> dict[int, tuple[str, str]]:
    """Paragraphs that open alike, three or more (一年来，我们努力在A上展现更大作为。… / 一年来，我们努力在B上…): each
    one's first sentence is a theme's title, without the opening and the words all such sentences share (A, B), when
    they share some; index in `segment` -> (title, the rest of the paragraph). A first sentence with a figure, or
    longer than a title, is no lead."""
    groups: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for k, b in enumerate(segment):
        m = PARALLEL_OPENING.match(b.text) if b.kind == "text" else None
        if m:
            groups.setdefault(m.group("lead")[:2], []).append((k, m))
    best = max(groups.values(), key=len, default=[])
    if len(best) < 3:
        return {}
    sentences = [m.group("lead") for _, m in best]
    prefix = len(os.path.commonprefix(sentences))
    suffix = len(os.path.commonprefix([x[::-1] for x in sentences]))
    out: dict[int, tuple[str, str]] = {}
    for k, m in best:
        lead = m.group("lead")
        core = lead[prefix:len(lead) - suffix].strip("，、 ") if prefix + suffix < len(lead) else ""
        out[k] = (core if len(core) >= 4 else lead, m.group("rest"))
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


# the document's own year, from its title: 2022年…统计公报, 2023年全市经济运行情况, 市交通运输局2024年工作总结
DOC_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:度)?[^。；！？]{0,30}?(?:统计公报|公报|国民经济和社会发展|经济运行|运行情况|"
                       r"工作总结|总结|发展情况|情况通报|情况|年报|回顾|报告)")
GOV_REPORT = re.compile(r"政府工作报告")
# a work report that never names itself: its dateline (——2025年1月13日在…市第九届人民代表大会第四次会议上) or its
# opening words (我代表…人民政府向大会报告工作)
REPORT_DATELINE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日在[^。；！？]{0,40}?(?:人民代表大会|人大)[^。；！？]{0,24}?会议上")
REPORT_OPENING = re.compile(r"向(?:大会|全会|各位代表)(?:报告|作)(?:政府)?工作")
# a text whose opening sentence states its year (2024年，面对…): the year it reports on, as a title would give it
OPENING_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})年(?:全年|度)?[，,]")
DATE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
# the period a text reports on: 2021年前三季度, 2024年上半年, 2023年1-11月, 2022年全年
PERIOD_OF = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:前[三3]个?季度|上半年|下半年|第?[一二三四]季度|前[一二三]季度|1?[-—至]\d{1,2}月|"
                       rf"[1一]月?份?\s*[-—–~～至到]\s*{_ANY_MONTH}月|全年)")
# a single month only as 月份 (7月25日 is a date, no part of a year)
SUB_ANNUAL = re.compile(rf"上半年|下半年|第?[一二三四]季度|前[三3]个?季度|\d{{1,2}}月份|{_CN_MONTH}月份|前(?:\d{{1,2}}|{_CN_MONTH}|两)个月"
                        rf"|{_ANY_MONTH}月?份?\s*[-—–~～至到]\s*{_ANY_MONTH}月")
SECTION_GOALS = re.compile(r"工作安排|工作打算|预期目标|主要目标|目标任务|工作部署")


def document_context(found: list[Block]) -> Context:
    """The years of a document: the one its title names (a 政府工作报告 of 2026 reports on 2025 and sets 2026's
    goals), else the one year its report period names (2021年前三季度), else none."""
    head = [b.text for b in found[:4] if b.kind != "table" and not (b.kind == "heading" and b.rank < 4)]
    text = " ".join(head)
    if GOV_REPORT.search(text) or REPORT_DATELINE.search(text) or REPORT_OPENING.search(text):
        date = DATE.search(text)
        title = DOC_TITLE.search(text)
        year: int | None = int(title.group("year")) if title else None
        if date:  # delivered in the year's last months (2022年12月30日): it reviews that year and looks to the next
            year = int(date.group("year")) + (int(date.group("month")) >= 11)
        return Context(year - 1, year) if year else Context()
    for line in head:  # the title, or a title a column layout ran into the text beside it
        m = DOC_TITLE.search(line if len(line) <= 60 else line[:40])
        if m and m.start() < 20:
            return Context(int(m.group("year")), int(m.group("year")))
    years = {int(m.group("year")) for b in found for m in PERIOD_OF.finditer(b.text)}
    if len(years) == 1:
        year = years.pop()
        return Context(year, year)
    # no title: the opening sentence's own year (2024年，面对…), said before any section begins
    opening = next((b for b in found[:4] if b.kind in ("text", "bullet") or (b.kind == "heading" and b.rank < 4)),
                   None)
    first_year = OPENING_YEAR.match(opening.text) if opening is not None and opening.kind == "text" else None
    if first_year:
        return Context(int(first_year.group("year")), int(first_year.group("year")))
    # a dated report on part of a year (上半年, 二季度, 6月份): that part of the year of its date
    date = DATE.search(text)
    if date and not years and any(SUB_ANNUAL.search(b.text) for b in found[:12]):
        return Context(int(date.group("year")), int(date.group("year")))
    return Context()


# the year a part of a year is of, written right before it (2018上半年, 2021年前三季度, 2023年1-11月)
_YEAR_BEFORE = re.compile(r"(?P<year>(?:19|20)\d{2})年?(?:度)?$")


def document_period(found: list[Block], context: Context) -> str:
    """The part of its year a document reports on, as its title, a line under it or its opening sentence says it
    (2018上半年全省环境质量状况, 2021年前三季度国民经济运行情况, 1—9月): the first of them that names one part, and
    only that one, of the document's year; '' for a whole year's, or where the opening names several."""
    if context.year is None:
        return ""
    for b in [b for b in found if b.kind != "table"][:3]:
        text = b.text.replace("**", "")
        if b.kind == "text" and len(text) > 60:
            text = re.match(r"[^。！？]*", text).group(0)  # type: ignore[union-attr]  # the opening sentence
        named = periods_named(text)
        if not named:
            continue
        own = {p for at, p in named}
        years = {int(y.group("year")) for at, _ in named if (y := _YEAR_BEFORE.search(text[:at]))}
        return own.pop() if len(own) == 1 and years <= {context.year} else ""
    return ""


GLOSSARY = GLOSSARY_LINE


def _section_context(heading: str, outer: Context, document: Context) -> Context:
    """A section's years: a heading that names one year (and no span) gives its figures that year; a heading of
    goals (2026年工作安排) makes its figures targets."""
    years = {int(m.group("year")) for m in YEAR.finditer(heading)}
    goals = bool(SECTION_GOALS.search(heading))
    named = {p for _, p in periods_named(heading)}
    if len(years) == 1 and not PLAN_SPAN.search(heading) and not re.search(r"十[一二三四五]五|以来|过去", heading):
        year = years.pop()
        # 2021年上半年工作情况: that part of it; a year of its own and no part (2020年工作回顾): the whole year
        period = (named.pop() if len(named) == 1 else "") if named else (outer.period if year == outer.year else "")
        return Context(year, year if goals else document.report_year, goals or outer.target, period)
    period = (named.pop() if len(named) == 1 else "") if named else outer.period
    return Context(outer.year, outer.report_year, goals or outer.target, period)


def _theme_ranks(found: list[Block]) -> set[int]:
    """The heading ranks that start a theme: those below the parts (一、) down to the first numbered rank the text
    uses under its parts; deeper numbered headings (1. under （一）) stay inside their theme as its text."""
    ranks = sorted({b.rank for b in found[1:] if b.kind == "heading" and b.level == 2})
    numbered = [r for r in ranks if r < 4]
    if len(numbered) <= 1:
        return set(ranks)
    return {numbered[0], 4} if sum(1 for b in found if b.kind == "heading" and b.rank == numbered[0]) >= 2 \
        else set(ranks)


def analyse(text: str) -> tuple[list[FoundTheme], list[tuple[int, str]]]:
    """Themes with their blocks and figures; the lines that could not be placed."""
    found, unplaced = blocks(text)
    found = _speaker_turns(found)
    found = _lead_phrase_headings(found)
    document = document_context(found)
    document = replace(document, period=document_period(found, document))
    theme_ranks = _theme_ranks(found)
    themes: list[FoundTheme] = []
    current = FoundTheme("（未归入主题的内容）", 1)
    part = ""
    part_context = section = document
    glossary = False
    for i, block in enumerate(found):
        if not glossary and block.kind == "heading" and GLOSSARY.search(block.text.strip("*# ")):
            glossary = True  # a glossary defines the report's terms: its numbers name their parts, no figure of it
            if current.blocks or current.figures:
                themes.append(current)
            current = FoundTheme(strip_number(block.text), block.line, part)
            continue
        if glossary:
            current.blocks.append(block if block.kind != "heading" else Block("text", block.text, block.line))
            continue
        if block.kind == "heading" and (block.level == 1 or block.rank in theme_ranks or i == 0):
            if current.blocks or current.figures:
                themes.append(current)
            title = strip_number(block.text)
            if block.level == 1:  # 一、…: a part; its text before any （一） is a theme of the same name
                part = title
                part_context = section = _section_context(title, document, document)
            else:
                section = _section_context(title, part_context, document) if i else document
            current = FoundTheme(title, block.line, part)
            current.figures.extend(replace(f, heading=True) for f in figures_of(Block("text", title, block.line),
                                                                                    None, section))
            continue
        if block.kind == "heading":  # a heading below the theme's rank (1. under （一）): a line of the theme's text
            block = Block("text", block.text, block.line)
        current.blocks.append(block)
        current.figures.extend(figures_of(block, None, section))
        if block.kind in ("text", "bullet") and not section.target and goal_setting(block.text, section) >= 0:
            # the goals of the report's year are set: the rest of the part is the work they call for
            part_context, section = replace(part_context, target=True), replace(section, target=True)
    if current.blocks or current.figures:
        themes.append(current)
    if len(themes) == 1:
        themes = _topic_themes(themes[0])
    return themes, unplaced


# a paragraph's own topic, where it opens with one: 环保执法方面，… / 生态补偿考核结果显示，…
TOPIC_OPENING = re.compile(r"^(?P<topic>[^\d，。；：、]{2,12}?)(?:方面|(?:考核|监测|调查)?结果显示|情况(?:显示|表明))[，：]")
TOPIC_TITLE = "待补充（主题标题）"


def _topic_themes(theme: FoundTheme) -> list[FoundTheme]:
    """A text with no headings at all (a news report of a conference) whose paragraphs each keep to one subject (air,
    water, enforcement …): each paragraph with figures becomes a theme, with the paragraphs without figures before it
    as its opening (those after the last one stay with it), titled by the paragraph's own topic words (环保执法方面，…)
    where it opens with them. A text of fewer than three such paragraphs stays one theme."""
    lines = {f.line for f in theme.figures if not f.heading}
    body = [b for b in theme.blocks if b.kind in ("text", "bullet")]
    if sum(b.line in lines for b in body) < 3 or any(b.kind == "table" for b in theme.blocks):
        return [theme]
    out: list[FoundTheme] = []
    waiting: list[Block] = []
    for block in theme.blocks:
        waiting.append(block)
        if block.line not in lines:
            continue
        topic = TOPIC_OPENING.match(block.text)
        current = FoundTheme(topic.group("topic") if topic else (action_title(block.text) or TOPIC_TITLE),
                             waiting[0].line, theme.part)
        current.blocks, waiting = waiting, []
        out.append(current)
    if waiting:
        out[-1].blocks.extend(waiting)
    first_lines = [t.blocks[0].line for t in out]
    for f in theme.figures:
        at = max((k for k, line in enumerate(first_lines) if line <= f.line), default=0)
        out[at].figures.append(f)
    out[0].line = theme.line
    return out


# the action a paragraph's opening sentence ends on: …，全面推进督察反馈问题整改工作。 (an adverb, a verb of work, its object)
ACTION = re.compile(r"(?:^|[，；])[^\d，。；：、“”]{0,6}?(?:全面|扎实|持续|积极|深入|加快|大力|着力|稳步|有序)?"
                    r"(?P<action>(?:推进|推动|开展|深化|落实|加强|实施|完善)[^\d，。；：、“”]{3,12}?)(?:工作|行动)?[。！]$")


def action_title(text: str) -> str:
    """A title from the action a paragraph's first sentence ends on, where that sentence gives no figure (the opening
    of a paragraph of work done): 全面推进督察反馈问题整改工作 -> 推进督察反馈问题整改; '' when it ends on none."""
    first = re.match(r"[^。！？]+[。！？]", text.replace("**", ""))
    if first is None or re.search(r"\d", first.group(0)):
        return ""
    m = ACTION.search(first.group(0))
    return m.group("action") if m else ""


def ingest_file(path: Path) -> tuple[list[FoundTheme], list[tuple[int, str]]]:
    return analyse(read_source(path))
