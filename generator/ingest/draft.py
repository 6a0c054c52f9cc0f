"""Figure candidates -> a draft conference file that passes the schema; every metric flagged for review."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import limits
from ..messages import _
from ..present.storyboard import SCALE_MOST
from ..present.wording import cn
from .facts import is_meta
from .figures import BASE_YEAR, REPORT_OPENING, SAME_PERIOD, Figure, FoundTheme
from .read import BYLINE, DATE_LINE
from .units import superscripts

REVIEW = "待核对"
MAX_HIGHLIGHTS = 200  # the model's bound; what is cut is counted in the report
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def letters_id(prefix: str, n: int) -> str:
    """Ids without digits (ma, mb, … mba): the draft holds no number that the source does not."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = _LETTERS[r] + out
    return prefix + out


def _statistic(text: str) -> bool:
    """Whether a figure can stand as a metric value (the model's bounds: below 10^15, zero or at least 10^-6), and be
    written as the source writes it (at most limits.FIGURE_DIGITS significant digits: a float keeps no more)."""
    digits = re.sub(r"\D", "", text).lstrip("0")
    if len(digits) > limits.FIGURE_DIGITS:
        return False
    value = abs(float(text))
    return value < 1e15 and (value == 0 or value >= 1e-6)


def _number(text: str):
    return float(text) if "." in text else int(text)


def _rank(text: str) -> dict | None:
    """The rank in the source's own words (全省第四位), not turned into a number the source does not write."""
    if not text:
        return None
    return {"scope": text[:2], "wording": text}


QUOTE = 160  # characters of the source sentence a metric's note quotes


def _quote(sentence: str, value: str) -> str:
    """The source sentence for the editor to check against; a run-on one only around the figure."""
    if len(sentence) <= QUOTE:
        return sentence
    at = max(sentence.find(value), 0)
    start = max(0, min(at - QUOTE // 2, len(sentence) - QUOTE))
    return ("…" if start else "") + sentence[start:start + QUOTE] + ("…" if start + QUOTE < len(sentence) else "")


# the words a rate or a change may stand with that name no subject of their own
_COMPARISON_WORDS = re.compile(r"^(?:其中|全年|全市|近?[一二三四五六七八九十两]年(?:来)?|[较比与](?:上年|去年|(?:19|20)\d{2}年)?)+|"
                               r"(?:年均|平均|同比|环比)?(?:增速|增幅|增长|下降|提高|提升|增加|减少|缩小|扩大|高于|低于)?"
                               r"(?:全省|全国)?$")


def _subject(label: str) -> str:
    return _COMPARISON_WORDS.sub("", _COMPARISON_WORDS.sub("", label)).strip("，、：；（）“” ")


def _names_another_subject(label: str, last_label: str) -> bool:
    """Whether a rate's or change's own words name a subject other than the figure before it."""
    own, last = _subject(label), _subject(last_label)
    return len(own) >= 2 and own not in last and last not in own


def metrics_of(theme: FoundTheme, start: int, source: str, seen: dict[tuple, int] | None = None) -> list[dict]:
    """Level figures become metrics; an increase, change or growth right after one becomes its comparison or rate."""
    out: list[dict] = []
    last: dict | None = None
    last_sentence = ""  # a comparison or rate belongs to a figure of its own sentence, never to one before it
    # the words (label, unit, year) already used, across the whole draft: check holds two figures under the same
    # words to be the same figure, so a second one is told apart for the editor
    seen = {} if seen is None else seen
    level: dict | None = None  # the sentence's last level: a change that names no subject of its own may be its
    for f in theme.figures:
        if f.sentence != last_sentence:
            last = level = None
        if not _statistic(f.value):  # 400 digits, or 1e-320: no statistic of a city; it stays in the text
            continue
        last = _comparable(f, last)
        if last is None and level is not None and not f.own_subject and f.kind in ("points", "increase") \
                and "comparison" not in level and (f.kind != "points" or level["unit"] == "%"):
            last = level  # …比例为4.8%，优于指标2.4个百分点，较去年同期下降7.2个百分点: the change is of 4.8%
        if f.heading:  # a heading's figure is told again in the text below it
            continue
        if last is not None and (_as_rate(f, last) or _as_comparison(f, last) or _as_growth(f, last, source)):
            continue
        whole = next((m for m in reversed(out) if m.get("_whole") and m["_refs"][0][0].sentence == f.sentence), None)
        label = _named_label(f, _metric_label(f), level, whole)
        metric = _metric(f, letters_id("m", start + len(out)), source, seen, label)
        if _names_a_whole(f):  # 52个水源地中，有51个…: the set its parts are counted in, no headline of its own
            metric["_whole"] = metric["_breakdown"] = True
        elif whole is not None and f.unit == whole["unit"]:
            metric["_breakdown"] = True  # …有51个水质达到…: a part of it (its rate, 达标率98.1%, may be a headline)
        if f.kind in ("level", "share") and f.unit == "%":
            _unchanged(f, metric)
        out.append(metric)
        last = metric if f.kind in ("level", "ratio", "share") else None
        level = last or level
        last_sentence = f.sentence
    return out


# a set its parts are counted in: 52个地级及以上城市集中式饮用水水源地中，有51个…
_WHOLE = r"[^，。；、\d]{2,30}?中[，,]"
# a rate that names no subject (达标率, 总体整治完成率, 优良率): whose it is, the sentence says before it
_BARE_RATE = re.compile(r"^(?:总体|综合|平均|整体)?[^\d，。；、（）]{0,4}(?:率|比例)$")
# the measure a subject's level is given in: 环境空气质量综合指数 -> 环境空气质量 (its 优良率 is the same subject's)
_MEASURE = re.compile(r"(?:综合指数|指数|平均浓度|浓度|均值|平均值)$")
# a clause that says a level against another (达到并优于年度约束性指标要求, 高于全国): a verb phrase, not a subject
_AGAINST = re.compile(r"^(?:达到|优于|高于|低于|超过|超出|好于|快于|慢于|均?达到并优于)")
# counted things (件, 个, 项 …) and an amount right after them with no subject of its own (…案件8597件，罚款4.39亿元)
_COUNT_UNITS = ("件", "个", "项", "起", "宗", "家", "户", "次", "人", "人次", "处", "所", "条")
_BARE_AMOUNT = re.compile(r"^[^\d，。；、]{1,3}$")
_ACTOR = re.compile(r"^(?:[^，。；、\d]{0,8}(?:部门|机关|单位))?(?:实施|开展|办理)?")


def _names_a_whole(f: Figure) -> bool:
    """Whether the figure counts the set the next figures of its sentence are parts of: 52个…水源地中，有51个…"""
    if f.unit in ("%", "个百分点", "") or not f.source:
        return False
    at = f.sentence.find(f.source)
    return at >= 0 and re.match(_WHOLE, f.sentence[at + len(f.source):]) is not None


def _named_label(f: Figure, label: str, level: dict | None, whole: dict | None) -> str:
    """A label that names its subject: a part of a counted set is named by the set (…有51个水质达到或优于Ⅲ类标准 ->
    水质达到或优于Ⅲ类标准的…水源地; 155个已整治 -> 已整治的黑臭水体), a bare rate by the set or the subject before
    it (达标率 -> …水源地达标率; 优良率 after 环境空气质量综合指数 -> 环境空气质量优良率), a verb phrase against a target
    by the level it is said of (达到并优于年度约束性指标要求 after 劣五类水体控制比例), an amount after a count by what
    was counted (…案件8597件，罚款4.39亿元 -> …环境违法案件罚款). Only within the figure's sentence; else as it was."""
    def fits(text: str) -> str:
        return text if len(text) <= 40 else label

    if whole is not None and whole["label"] not in label:
        if f.unit == "%" and _BARE_RATE.match(label):
            return fits(whole["label"] + label)
        if f.unit == whole["unit"] and f.kind == "level":
            return fits(f"{label}的{whole['label']}")
    if level is None or level["_refs"][0][0].sentence != f.sentence:
        return label
    if f.unit == "%" and len(label) <= 4 and _BARE_RATE.match(label) and _MEASURE.search(level["label"]):
        subject = _MEASURE.sub("", level["label"])
        return fits(subject + label) if len(subject) >= 2 else label
    if f.kind == "points" and _AGAINST.match(label) and level["unit"] == "%":
        return fits(level["label"] + label)
    if (f.unit.endswith("元") and level["unit"] in _COUNT_UNITS and _BARE_AMOUNT.match(label)
            and label not in level["label"]):
        counted = _ACTOR.sub("", level["label"])
        return fits(counted + label) if len(counted) >= 2 else label
    return label


_SAME_PERIOD_WORDS = r"(?:同比|[较比与]去年同期(?:相比)?|[较比与]上年(?:相比)?)"


def _unchanged(f: Figure, metric: dict) -> None:
    """A rate the text says is unchanged (…比例为59.0%，…，较去年同期持平): a change of 0个百分点 against its base, as
    the text states it; the clauses between may only say it against a target (…优于指标2.4个百分点)."""
    at = f.sentence.find(f.source)
    if at < 0:
        return
    rest = re.split(r"[；。]", f.sentence[at + len(f.source):], maxsplit=1)[0]
    for clause in re.split(r"[，,]", rest)[1:]:
        m = re.fullmatch(rf"(?P<base>{_SAME_PERIOD_WORDS})持平", clause.strip())
        if m:
            base = "去年同期" if "同期" in m.group("base") or m.group("base") == "同比" else "上年"
            metric["comparison"] = {"base_label": base, "points": 0}
            metric["note"] += f"（比较：{m.group(0)}）"
            return
        if FIGURE_IN.search(clause) and "百分点" not in clause:
            return  # another figure of its own between: the 持平 is not said of this one


FIGURE_IN = re.compile(r"\d")


def _comparable(f: Figure, last: dict | None) -> dict | None:
    """The metric a rate or change may still belong to: none when the figure names a subject of its own, or compares
    rates (个百分点) and the metric is no rate."""
    if last is not None and _names_another_subject(f.label, last["label"]):
        return None  # 工业总产值…，R&D经费支出年均增长12%: a rate of its own subject, not the figure's before it
    if f.kind == "points" and last is not None and last["unit"] != "%":
        return None  # 0.3个百分点 compares rates: not a comparison of 2458.8亿元
    return last


def _as_rate(f: Figure, last: dict) -> bool:
    """A change in % right after an amount, with no base year, is its rate (45亿元，（比上年）下降5.2%: -5.2)."""
    if (f.kind == "change" and f.unit == "%" and last["unit"] != "%" and not BASE_YEAR.search(f.sentence)
            and "growth" not in last and not f.listed):
        kind = "同比" if SAME_PERIOD.search(f.sentence) else "未注明"
        last["growth"] = {"rate": _number(f.value), "kind": kind, "basis": f.basis or "未注明"}
        last["_refs"].append((f, "growth"))
        return True
    return False


def _as_comparison(f: Figure, last: dict) -> bool:
    """An increase, change or points right after a level is its comparison, signed as the source words it."""
    if f.kind in ("increase", "change", "points") and "comparison" not in last and not f.listed:
        base = BASE_YEAR.search(f.sentence)
        comparison = {"increase": _number(f.value)}  # the sign is the source's word, not arithmetic
        if f.kind == "change" and f.unit == "%" and last["unit"] != "%":
            comparison = {"percent": _number(f.value)}  # 较2020年下降5.2%: -5.2
        if base:
            comparison = {"base_year": int(base.group("year")), **comparison}
        elif f.same_period:  # 同比减少5.6天: the base is the same period a year before, which a card names
            comparison = {**comparison, "base_label": "去年同期"}
        last["comparison"] = comparison
        last["note"] += f"（比较：{f.source or f.value + f.unit}）"
        last["_refs"].append((f, "percent" if "percent" in comparison else "increase"))
        return True
    return False


def _as_growth(f: Figure, last: dict, source: str) -> bool:
    """A growth rate right after an amount is its rate, with its period when the source writes both years."""
    if f.kind == "growth" and "growth" not in last and last["unit"] != "%" and not f.listed:
        kind = "年均" if "年均" in f.sentence else ("同比" if re.search(r"同比|比上年|较上年", f.sentence) else "未注明")
        growth = {"rate": _number(f.value), "kind": kind, "basis": f.basis or "未注明"}
        if f.start and str(f.start) in source and f.year and str(f.year) in source:
            growth.update({"start": f.start, "end": f.year})
        last["growth"] = growth
        last["_refs"].append((f, "growth"))
        return True
    return False


def _metric_label(f: Figure) -> str:
    """A metric's label: a growth rate's names the rate (…增长, …年均增长, …增速), as its value is the rate."""
    label = f.label or "指标"
    if f.kind == "growth" and f.number < 0 and re.search(r"(?:降幅|跌幅|减幅)$", label):
        label = label[:-2]  # 降幅收窄至2.3% is a rate of -2.3: named as any fall's rate below, never 降幅 of -2.3
    if f.kind == "growth" and not label.endswith(("增长", "增速", "上涨", "下跌", "增幅", "涨幅")):
        before = f.sentence.split(f.source or f.value)[0]
        verb = "上涨" if before.endswith("上涨") else "增长"
        if f.number < 0:  # 下降3.1% is a rate of -3.1: the label names the rate, not the fall (no 下降 on -3.1)
            verb = "涨跌幅" if f.direction in ("下跌", "下降") and "价格" in label else "增速"
        label += ("年均" if re.search(r"年均[^，。；：]*$", before) else "") + verb  # 年均分别增长5.3%、7.1%
    return label


def _told_apart(label: str, unit: str, year: int | None, seen: dict[tuple, int], period: str = "") -> str:
    """The label, numbered when the same words (label, unit, year, part of the year) already name another figure of
    the draft: check holds figures under the same words the same, so the editor sees them kept apart."""
    key = (label[-40:], unit, year, period)  # the words as written: check holds figures under the same ones the same
    if key in seen:  # the same words for another figure: keep them apart for the editor
        seen[key] += 1
        return f"{label[-36:]}（{cn(seen[key])}）"
    seen[key] = 1
    return label


def _metric(f: Figure, metric_id: str, source: str, seen: dict[tuple, int], label: str | None = None) -> dict:
    """A figure as a metric for review, its source sentence quoted in its note; only years the source writes."""
    # a year read from words (“十四五”首年 -> 2021) is not written in the source: it stays in the note
    year = f.year if f.year and str(f.year) in source else None
    # the part of the year (上半年, 1—9月), with a year of one figure only: never a span's or a goal's
    period = f.period if year and not f.start and not f.target else ""
    label = _told_apart(label or _metric_label(f), f.unit, year, seen, period)
    metric = {"id": metric_id, "label": label[-40:], "value": _number(f.value), "unit": f.unit}
    if year:
        metric["year"] = year
    if f.start and f.year and str(f.start) in source and "year" in metric:
        metric["start"] = f.start
    if period:
        metric["period"] = period
    if f.qualifier:
        metric["qualifier"] = f.qualifier
    note = f"{REVIEW}。原文：{_quote(f.sentence.strip(), f.value)}"
    if f.target:  # a goal, not an achievement: the editor sees it so
        note = note.replace(REVIEW, f"{REVIEW}（目标值）", 1)
    rank = _rank(f.rank)
    if rank:
        metric["rank"] = rank
    metric["status"] = REVIEW  # keeps the build a draft until the editor confirms the figure
    metric["note"] = note
    metric["_refs"] = [(f, "value")]
    if f.breakdown:
        metric["_breakdown"] = True
    return metric


KEY_FIGURES = 6  # a key-figure slide holds six cards


def choose_key_figures(metrics: list[dict]) -> list[dict]:
    """The theme's key figures, so that a first deck shows each theme's figures as cards at once: up to six metrics
    that have a unit (a bare ratio such as 6.2:42.8:51 is not a card), the latest year first and those without a
    year last, in the order of the text within a year. The editor changes `key` like any other field."""
    with_unit = [m for m in metrics if m["unit"] and not m.get("_breakdown")]  # 其中…: the parts of a total
    # a gap in points (优于指标2.4个百分点) is said of another figure, never a headline of its own, unless all are so
    with_unit = [m for m in with_unit if m["unit"] != "个百分点"] or with_unit
    chosen = sorted(with_unit, key=lambda m: -m.get("year", 0))[:KEY_FIGURES]  # sorted() keeps the text order
    for m in chosen:
        m["key"] = True
    for m in metrics:
        m.pop("_breakdown", None)
        m.pop("_whole", None)
    return metrics


CHART_LEAST = 3  # sibling figures a chart is proposed for (fewer read as well in the sentence)
CHART_MOST = 12
BAR_CATEGORY = 6  # categories longer than this read better on a bar chart's vertical axis


def _common_suffix(labels: list[str]) -> str:
    suffix = labels[0]
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
    # never from inside brackets or a list: （PM2.5）平均浓度 and 限制生产、停产整治案件 share 平均浓度 and 案件
    while suffix and (suffix[0] in "）)”、，" or suffix.count("（") != suffix.count("）")):
        suffix = suffix[1:]
    return suffix


def charts_of(metrics: list[dict], theme_id: str) -> list[dict]:
    """A chart for each sentence that gives three or more sibling figures in the same unit, year and part of it (the
    four pollutants' concentrations, in μg/m³; the kinds of case after 其中, in 件; a 分别 list): the levels of one
    statement, said side by side. The parts of a total (其中…) are charted without it; a gap (个百分点) or a figure
    with no unit is not charted. Each category is its figure's label without the words all share (平均浓度, 案件),
    which title the chart; a bar chart when a category is long."""
    groups: dict[tuple, list[dict]] = {}
    for m in metrics:
        f = m["_refs"][0][0]
        if f.kind not in ("level", "share") or not m["unit"] or m["unit"] == "个百分点" or f.target:
            continue
        groups.setdefault((f.sentence, m["unit"], m.get("year"), m.get("period")), []).append(m)
    out: list[dict] = []
    for (_sentence, unit, _year, _period), group in groups.items():
        parts = [m for m in group if m.get("_breakdown") and not m.get("_whole")]
        siblings = parts if len(parts) >= CHART_LEAST else [m for m in group if not m.get("_breakdown")]
        labels = [re.sub(r"（[一二三四五六七八九十]+）$", "", m["label"]) for m in siblings]
        if not CHART_LEAST <= len(siblings) <= CHART_MOST or len(set(labels)) < len(labels):
            continue
        values = [abs(float(m["value"])) for m in siblings]
        if min(values) <= 0 or max(values) > SCALE_MOST * min(values):
            continue  # a total beside its smallest part (28995万元 and 80万元): no bars to compare on one axis
        suffix = _common_suffix(labels)
        categories = [label[:len(label) - len(suffix)] if len(suffix) < len(label) else label for label in labels]
        if any(len(c) < 2 for c in categories) or len(set(categories)) < len(categories):
            suffix, categories = "", labels
        listed = siblings is parts or all(m["_refs"][0][0].listed for m in siblings)
        if len(suffix) < 2 and not listed:
            continue  # no measure they share, nor a list (其中…, 分别…) that makes them one: no siblings
        if not all(_category(c, siblings is parts) for c in categories):
            continue  # a category that runs over a list of names (的久泰、兴泰…): the labels are not yet right
        total = next((m for m in reversed(metrics[:metrics.index(siblings[0])]) if m["unit"] == unit
                      and not m.get("_breakdown") and m["_refs"][0][0].sentence == _sentence), None)
        joined = "、".join(categories) + suffix
        plain = not any("、" in c for c in categories)
        if total is not None and siblings is parts and len(suffix) < 2:  # 查处交通违法行为中的酒驾、超速、闯红灯
            title = f"{total['label']}中的" + (joined if plain and len(joined) <= 24 else f"{categories[0]}等")
        elif plain and len(joined) <= 24:  # 第一、第二、第三产业增加值
            title = joined
        elif len(suffix) >= 2:  # 细颗粒物（PM2.5）等平均浓度
            title = f"{categories[0]}等{suffix}"
        else:
            title = "、".join(categories) if len("、".join(categories)) <= 24 else f"{categories[0]}等"
        name = suffix if len(suffix) >= 2 else title
        out.append({"id": f"{theme_id}_chart" + ("" if not out else f"_{letters_id('', len(out))}"),
                    "type": "bar" if max(len(c) for c in categories) > BAR_CATEGORY else "column",
                    "title": title[:80], "unit": unit,
                    "categories": categories, "series": [{"name": name[:40], "values": [m["id"] for m in siblings]}]})
    return out


def _category(text: str, part: bool) -> bool:
    """A category that reads alone on an axis: a short name, not opening on 的 nor cut at a quotation mark; with a 、
    only as a kind of a 其中 list (查封、扣押), where each part is a clause of its own."""
    return (2 <= len(text) <= 16 and not text.startswith("的") and not re.search(r"[“”\"]", text)
            and ("、" not in text or part) and text.count("（") == text.count("）"))


LEAD_MOST = 80  # characters of a lead as it reads: the seed's are 40 to 90; a longer first sentence is cut


def lead_of(theme: FoundTheme, templated: list[str | None]) -> str | None:
    """The theme's lead: the first sentence of its first paragraph with figures (its topic paragraph; the paragraphs
    before it open the text), cut at its first ； or at 其中 when longer than LEAD_MOST, and at the first clause with
    a figure when still longer; none when no cut is that short."""
    with_figures = {f.line for f in theme.figures if not f.heading and not f.table}
    k = next((k for k, b in enumerate(theme.blocks) if b.line in with_figures and b.kind in ("text", "bullet")), None)
    if k is None or k >= len(templated) or not templated[k]:
        return None
    raw = [p for p in SENTENCE.findall(theme.blocks[k].text.replace("**", "")) if p.strip()]
    ready = [p for p in SENTENCE.findall(templated[k] or "") if p.strip()]
    if not raw or len(raw) != len(ready) or "{{ '{' }}" in ready[0] or _aside(raw[0]):
        return None
    text, words = ready[0].strip(), raw[0].strip()
    for stop in ("，其中", "；", "，"):
        if len(words) <= LEAD_MOST and stop != "，其中":  # the parts after 其中 are no headline: cut always
            break
        if stop == "，":  # the clauses up to the first with a figure
            at = next((m.end() for m in re.finditer(r"[^，]*\d[^，]*，", words)), -1) - 1
            ready_at = next((m.end() for m in re.finditer(r"[^，]*\{\{[^，]*，", text)), -1) - 1
        else:
            at, ready_at = words.find(stop), text.find(stop)
        if at <= 0 or ready_at <= 0 or words.count(stop) != text.count(stop) and stop != "，":
            continue
        words, text = words[:at].rstrip("，；：") + "。", text[:ready_at].rstrip("，；：") + "。"
    if len(words) > LEAD_MOST or len(text) > 300 or not re.search(r"[\u4e00-\u9fff]", words):
        return None
    return text


def _escape(text: str) -> str:
    """Source text as a template that prints it as it is: every { becomes {{ '{' }}, so no {{, {% or {# (nor a
    stray {% endraw %}) in a press text can start template syntax."""
    return text.replace("{", "{{ '{' }}")


MAX_TEXT = 20000  # content.model.Text


def _within_text_limit(text: str) -> list[str]:
    """A paragraph longer than a highlight may be, in pieces that end at a sentence end where one is in reach (never
    inside an escaped brace)."""
    escape = "{{ '{' }}"
    pieces = []
    while len(text) > MAX_TEXT:
        cut = text.rfind("。", 0, MAX_TEXT) + 1 or MAX_TEXT
        brace = text.rfind(escape, 0, cut + len(escape) - 1)  # an escape that straddles the cut
        if brace != -1 and brace < cut < brace + len(escape):
            cut = brace
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text] if text else pieces


# a sentence, with the closing quotes or brackets that follow its end
SENTENCE = re.compile(r"[^。！？]+(?:[。！？]+[”’」』）)]*|$)")


# a transcript's courtesies, which no slide shows (a sentence with a figure in it is never one)
PLEASANTRY = re.compile(r"^(?:各位[^\d。！]*(?:好|朋友)[，！。]|大家(?:上午|下午|晚上)?好|谢谢|感谢[^\d]*(?:提问|关心|支持)|"
                        r"欢迎[^\d]*(?:出席|参加|来到)|今天的发布会到此结束)[^\d]*$")


def _aside(sentence: str) -> bool:
    """A dateline (2018-08-02 田勇) or a sentence that only tells of the conference (who hosted, who attended): the
    draft's facts, not a highlight nor the narrative."""
    text = sentence.strip()
    return (len(text) < 64 and bool(DATE_LINE.match(text) or BYLINE.match(text))) or is_meta(sentence) or \
        _report_opening(text)


def _report_opening(sentence: str) -> bool:
    """A work report's salutation and opening words (各位代表：现在，我代表市人民政府向大会报告工作，请予审议…): the
    form of its delivery, no point of it."""
    return bool(re.fullmatch(r"各位代表[:：！!，,]?", sentence) or (REPORT_OPENING.search(sentence) and len(sentence) < 90
                                                                  and not re.search(r"\d", sentence)))


def highlights_of(theme: FoundTheme, templated: list[str | None] | None = None) -> list[str]:
    """One highlight per sentence of a paragraph, one per list item (a bullet keeps its sentences together), each
    within the length limit; a table's figures are its metrics, so its rows are no highlight. `templated`: each
    block's text with its figures as metric references (from `templated_blocks`), used where given."""
    out: list[str] = []
    for i, block in enumerate(theme.blocks):
        if block.kind == "table":
            continue
        text = block.text.replace("**", "")
        ready = templated[i] if templated and i < len(templated) else None

        def split(value: str, bullet: bool = block.kind == "bullet") -> list[str]:
            pieces = [value] if bullet else [p for p in SENTENCE.findall(value) if p.strip()]
            # 一是…；二是…；三是…: an enumeration inside a sentence is a list, an item a highlight
            return [item for p in pieces for item in re.split(r"(?<=；)(?=[一二三四五六七八九十]是)", p)]

        raw = split(text)
        done = split(ready) if ready else []
        if len(done) != len(raw):  # sentences are the same in both; if not, the source's own words
            done = [_escape(p) for p in raw]
        for piece, ready_piece in zip(raw, done):
            if not piece.strip() or (block.kind != "bullet" and PLEASANTRY.match(piece.strip())) or _aside(piece):
                continue
            if len(ready_piece) > MAX_TEXT:
                out += _within_text_limit(_escape(piece.strip()))
            else:
                out.append(ready_piece.strip())
    return out


_BEFORE_QUALIFIER = ("超过", "突破", "近", "约")
_AFTER_QUALIFIER = ("以上", "以下", "左右")


def _reference(f: Figure, metric: dict, field: str, keep_sign: bool = False) -> tuple[str, bool] | None:
    """The template that prints figure `f` as `metric` holds it, and whether it stands for the figure's whole words
    (qualifier, number and unit) or for its number alone; None when no reference prints it as the source does.

    A fall is a negative figure whose source words carry the direction (下降8%): its reference prints the size alone
    (下降{{ ma|string|trim("-") }}, never 下降-8%); `keep_sign` for a figure the source writes with its minus (-1.48‰)."""
    mid = metric["id"]
    trim = "" if keep_sign or f.number >= 0 else '|trim("-")'
    # 120余场, 3万余人: the number alone; 55μg/m3 is whole (its unit as the page shows it, μg/m³)
    whole = not f.listed and superscripts(f.source) == f"{f.value.lstrip('-')}{f.unit}"
    if field == "value":
        if whole and metric["unit"] == f.unit and not (trim and f.qualifier):
            return (f"{{{{ {mid}|string{trim} }}}}" if trim else f"{{{{ {mid} }}}}"), True
        return f"{{{{ {mid}.num{trim} }}}}", False
    if field == "growth":
        if whole and f.unit == "%":
            return f"{{{{ {mid}.growth{trim} }}}}", True
        return f'{{{{ {mid}.growth|trim("%{"-" if trim else ""}") }}}}', False
    if field == "increase":
        if whole and f.unit == metric["unit"]:
            return f"{{{{ {mid}.increase{trim} }}}}", True
        if metric["unit"] in ("%", ""):  # 提高1.8个百分点 on a share: the number, then the source's 个百分点
            return f'{{{{ {mid}.increase|trim("%{"-" if trim else ""}") }}}}', False
    return None  # a change in % against a base (较2020年下降5.2%): no reference prints it alone; the words stay


def templated_blocks(theme: FoundTheme, refs: dict[int, tuple[dict, str]]) -> list[str | None]:
    """Each block's text (None for a table) with every figure that became a metric, or a metric's rate or change,
    replaced by a reference to it, and the rest escaped: the source's own words, every number from a metric."""
    out: list[str | None] = []
    by_line: dict[int, list[Figure]] = {}
    for f in theme.figures:
        if f.at >= 0 and not f.heading and not f.table:
            by_line.setdefault(f.line, []).append(f)
    for block in theme.blocks:
        if block.kind == "table":
            out.append(None)
            continue
        text = block.text.replace("**", "")
        pieces, cursor = [], 0
        for f in by_line.get(block.line, []):
            found = refs.get(id(f))
            at = f.at
            if found is None or at < cursor or text[at:at + len(f.source)] != f.source:
                continue  # not a metric (too large, a heading's), or not in this block: it stays as written
            metric, field = found
            signed = f.source.startswith("-")  # -1.48‰: the minus is written, so the reference prints it
            made = _reference(f, metric, field, keep_sign=signed)
            if made is None:
                continue
            template, whole = made
            number_at = at + signed
            start, end = (at, at + len(f.source)) if whole else (number_at, number_at + len(f.value.lstrip("-")))
            if whole and f.qualifier:  # the metric prints its qualifier: take the source's, when it reads the same
                before = next((q for q in _BEFORE_QUALIFIER if text[:start].endswith(q)), "")
                after = next((q for q in _AFTER_QUALIFIER if text[end:].startswith(q)), "")
                if before == f.qualifier or after == f.qualifier:
                    start, end = start - len(before), end + len(after)
                else:  # 超340家 would print 超过340家: the number alone, the words as they stand
                    made = _reference(replace(f, listed=True), metric, field, keep_sign=signed)
                    if made is None:
                        continue
                    template, whole = made
                    start, end = number_at, number_at + len(f.value.lstrip("-"))
            elif signed:
                start = at
            pieces += [_escape(text[cursor:start]), template]
            cursor = end
        pieces.append(_escape(text[cursor:]))
        out.append("".join(pieces))
    return out


def narrative_of(theme: FoundTheme, templated: list[str | None]) -> str | None:
    """The theme's source paragraphs as prose, with figures as metric references, so a first briefing reads as the
    source did (the courtesies of a transcript left out); within a narrative's limit, cut at a paragraph's end."""
    narrative = ""
    for block, text in zip(theme.blocks, templated):
        if text is None or not text.strip() or PLEASANTRY.match(block.text.strip()):
            continue
        text = "".join(p for p in SENTENCE.findall(text) if not _aside(p))
        if not text.strip():
            continue
        if len(narrative) + len(text) + 2 > MAX_TEXT:
            break
        narrative += ("\n\n" if narrative else "") + text.strip()
    return narrative or None


def draft(themes: list[FoundTheme], number: int, slug: str, source: str) -> dict:
    """The draft as plain data; `source` is the normalised text, so that only its own numbers are written."""
    parts: dict[tuple[int, str], list[dict]] = {}
    count = 0
    family = ""
    themes = themes or [FoundTheme("待补充（原文无可识别内容）", 1)]  # an empty source still gives a valid draft
    # parts from the text's 一、 headings, when one of them holds several themes; a 一、 heading with no （一） under it
    # is a theme like any other (一、重点工程加快推进。…)
    by_heading = any(sum(t.part == p for t in themes) > 1 for p in {t.part for t in themes if t.part})
    seen: dict[tuple, int] = {}
    i = -1  # the theme's place among those drafted
    for theme in themes:
        i += 1
        metrics = metrics_of(theme, count, source, seen)
        charts = charts_of(metrics, letters_id("t", i))
        metrics = choose_key_figures(metrics)
        refs = {id(f): (m, field) for m in metrics for f, field in m.pop("_refs", [])}
        count += len(metrics)
        templated = templated_blocks(theme, refs)
        narrative = narrative_of(theme, templated)
        if by_heading:  # the text's own parts (一、… （一）…): a theme stands under the part heading before it
            key = (0, theme.part)
        else:  # else by bullet style (▶ achievements, ◆ statistics, …); a theme without bullets stays in the part before
            family = next((b.bullet for b in theme.blocks if b.bullet), family)
            key = (1, family)
        lead = lead_of(theme, templated)
        highlights = highlights_of(theme, templated)[:MAX_HIGHLIGHTS]
        # a lead that is a whole highlight says it: the slide and the release would say it twice
        highlights = [h for h in highlights if h != lead]
        if not (highlights or metrics or narrative or lead) and len(themes) > 1 and theme.blocks:
            i -= 1
            continue  # only a report's front matter (its dateline, its speaker, 各位代表…): nothing to show
        parts.setdefault(key, []).append({
            "id": letters_id("t", i), "title": theme.title[:80], **({"lead": lead} if lead else {}),
            "highlights": highlights,
            "metrics": metrics, **({"charts": charts} if charts else {}),
            **({"narrative": narrative} if narrative else {})})
    return {"number": number, "slug": slug, "title": "待补充（发布会标题）", "source": "待补充（材料来源）",
            "parts": [{"id": letters_id("p", k), "title": (title[:80] if by_heading and title else "待补充（篇章标题）"),
                       "themes": ts} for k, ((_, title), ts) in enumerate(parts.items())]}


HEADER = """\
# yaml-language-server: $schema=../../assets/schema/conference.schema.json
# ingest 生成的草稿：每个指标都要与原文核对（note 中有原句），核对后删去“待核对”；
# 增长率的口径（现价/可比价）、推算值和缺失值请按 README 补全。
"""


def draft_yaml(data: dict) -> bytes:
    """The draft as YAML, through libyaml's emitter (PyYAML): ruamel's pure-Python one took 4 s for a 4 MB draft."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    return (HEADER + text).encode("utf-8")


def within_limits(data: dict) -> tuple[dict, list[str]]:
    """The draft cut, at a theme boundary, to what a content file may hold (source.MAX_BYTES, source.MAX_LINES), so
    that it always passes `check`; what is cut is named. A source that long is many press texts in one."""
    from ..content.source import MAX_BYTES, MAX_LINES

    def size(value) -> tuple[int, int]:
        text = draft_yaml(value)
        return len(text), text.count(b"\n")

    whole_bytes, whole_lines = size(data)
    if whole_bytes <= MAX_BYTES and whole_lines <= MAX_LINES:
        return data, []
    budget_bytes, budget_lines = size({**data, "parts": []})
    kept_parts: list[dict] = []
    cut: list[dict] = []
    trimmed: list[str] = []
    for part in data["parts"]:
        themes: list[dict] = []
        for theme in part["themes"]:
            b, n = size(theme)
            # a theme nested in the file is indented six more spaces a line than alone; the header takes a few lines
            b, n = b + 6 * n + 200, n + 4
            if cut or budget_bytes + b > MAX_BYTES * 0.98 or budget_lines + n > MAX_LINES - 10:
                if not kept_parts and not themes and not cut:  # the first theme alone is too long: keep its start
                    highlights = list(theme["highlights"])
                    while highlights and budget_bytes + b > MAX_BYTES * 0.9:
                        b -= len(highlights.pop().encode("utf-8")) + 12
                    trimmed.append(f"theme “{theme['title'][:20]}”: {len(theme['highlights']) - len(highlights)} "
                                   f"paragraph(s) past the first {len(highlights)} were not taken (content file limit)")
                    themes.append({**theme, "highlights": highlights})
                    budget_bytes += b
                    continue
                cut.append(theme)
                continue
            budget_bytes, budget_lines = budget_bytes + b, budget_lines + n
            themes.append(theme)
        if themes:
            kept_parts.append({**part, "themes": themes})
    metrics = sum(len(t["metrics"]) for t in cut)
    report = [f"themes from “{cut[0]['title'][:20]}” on ({len(cut)} themes, {metrics} figures) were not taken: the draft "
              f"would pass a content file's limit of {MAX_BYTES // 1024} KB and {MAX_LINES:,} lines; ingest the source "
              f"in parts"] if cut else []
    return {**data, "parts": kept_parts}, trimmed + report


def number_and_slug(out: Path) -> tuple[int, str]:
    """From an output name like 02-民生保障.yaml; the editor chose it, so it is no figure of the source."""
    m = re.match(r"^(\d{1,2})-(.+)$", out.stem)
    if m:
        return max(int(m.group(1)), 1), re.sub(r'[\\/:*?"<>|\s.]', "_", m.group(2))[:30]
    return 1, re.sub(r'[\\/:*?"<>|\s.]', "_", out.stem)[:30] or "draft"


@dataclass(frozen=True)
class IngestResult:
    themes: int
    paragraphs: int  # highlights and paragraphs placed in themes
    figures: int
    metrics: int
    unplaced: list[tuple[int, str]]  # (line, text) that fit no theme
    left_out: list[str]  # what did not become part of the draft, and why


def ingest(source: Path, out: Path, force: bool = False) -> IngestResult:
    """Read a press text, find its themes and figures, and write the draft content file (refusing to overwrite)."""
    from ..errors import GeneratorError
    from ..writer import write_bytes
    from .facts import conference_facts
    from .figures import analyse
    from .read import blocks, normalise_line, read_source

    if out.exists() and not force:
        raise GeneratorError(_("{value} exists already; choose another name or add --force", value=out.as_posix()))
    text = read_source(source)
    themes, unplaced = analyse(text)
    number, slug = number_and_slug(out)
    data = draft(themes, number, slug, "\n".join(normalise_line(line) for line in text.splitlines()))
    # what a report of the conference says of it: title, date, speaker from its opening; the host where it names him
    head = "\n".join(text.splitlines()[:40])
    facts = conference_facts(blocks(head)[0], re.sub(r"\s+", "", text))
    data = {**{k: v for k, v in data.items() if k != "parts"}, **facts, "parts": data["parts"]}
    if len(data["parts"]) == 1 and data["parts"][0]["title"].startswith("待补充") and "title" in facts:
        # a conference of one part: its part is the conference (the deck shows no divider for it)
        data["parts"][0]["title"] = facts["title"][:80]
    data, cut = within_limits(data)
    write_bytes(out, draft_yaml(data))
    left_out = [f"{f.value}{f.unit} (line {t.line}): too large or too small for a statistic, or more than "
                f"{limits.FIGURE_DIGITS} significant digits; left in the text"
                for t in themes for f in t.figures if not _statistic(f.value)]
    counts = [(t, len(highlights_of(t))) for t in themes]
    left_out += [f"theme “{t.title[:20]}”: {n - MAX_HIGHLIGHTS} highlight(s) past the first {MAX_HIGHLIGHTS} were "
                 f"not taken" for t, n in counts if n > MAX_HIGHLIGHTS]
    left_out += cut
    return IngestResult(len(themes), sum(len(t.blocks) for t in themes), sum(len(t.figures) for t in themes),
                        sum(len(t["metrics"]) for p in data["parts"] for t in p["themes"]), unplaced, left_out)
