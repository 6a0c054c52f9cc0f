"""Measure `ingest` on every text of the development corpus and write docs/ingest.md.

Two corpora are read, each text NAME.txt with its hand-checked gold set NAME_gold.yaml:
- tests/ingest/: short texts written for the tests and the seed page; gold as [value, unit, year] (no sign);
- tests/ingest/corpus/: real public texts (统计公报, 政府工作报告, 发布会实录, 新闻报道, 部门总结; sources in
  corpus/SOURCES.md); gold as mappings with the signed value, unit, kind, year or span, label keyword, line, table.

Per text: recall of value and unit (the size matched, then the sign checked apart), signs right, year or span right,
undated figures given a year, table recall, precision, label keyword hits, themes, and whether the draft passes
`check` and builds (through the command line, in a scratch project). Then the units seen, with their counts.

Run from the project folder:  python tools/ingest_report.py [--write docs/ingest.md] [--no-build]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TESTS = ROOT / "tests" / "ingest"
CORPUS = TESTS / "corpus"
TARGETS = {"recall": 0.95, "year": 0.90, "undated wrong": 0.05, "table recall": 0.85, "precision": 0.90}


def texts() -> list[Path]:
    """Every text with a gold set: the written ones, then the real corpus."""
    return [p for folder in (TESTS, CORPUS) for p in sorted(folder.glob("*.txt"))
            if p.with_name(f"{p.stem}_gold.yaml").is_file()]


def draft_builds(source: Path) -> tuple[bool, bool]:
    """Ingest into a scratch project, then `check` and `build --no-pdf` through the command line."""
    def cli(folder: Path, *args: str) -> int:
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=folder, capture_output=True,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300).returncode

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "assets", folder / "assets")
        (folder / "content").mkdir()
        shutil.copy(ROOT / "tests" / "fixtures" / "series.yaml", folder / "content" / "series.yaml")
        if cli(folder, "ingest", str(source), "-o", "content/conference.yaml") != 0:
            return False, False
        checked = cli(folder, "check") == 0
        built = checked and cli(folder, "build", "--no-pdf", "--jobs", "1") == 0
    return checked, built


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def report(build: bool = True) -> str:
    from generator.ingest.measure import read_gold, score
    from generator.ingest.read import read_source

    rows = ["| text | kind | chars | figures | complete set | recall | signs right | year or span right | "
            "undated given a year | table recall | precision | precision on the gold's lines | label hits | themes | "
            "check | build |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | "
            ":---: |"]
    gold_units: Counter[str] = Counter()
    found_units: Counter[str] = Counter()
    below: list[str] = []
    for path in texts():
        gold = read_gold(path.with_name(f"{path.stem}_gold.yaml"))
        text = read_source(path)
        s = score(text, gold)
        corpus = path.parent == CORPUS
        if corpus:
            gold_units.update(g.unit for g in gold.figures)
            found_units.update(s.units)
        checked, built = draft_builds(path) if build else (None, None)
        signs = f"{s.sign_right}/{s.sign_checked}" if s.sign_checked else "—"
        undated = f"{s.undated_wrong}/{s.undated}" if s.undated else "—"
        yn = {True: "yes", False: "**no**", None: "—"}
        name = f"`{'corpus/' if corpus else ''}{path.name}`"
        rows.append(f"| {name} | {gold.kind or 'written'} | {len(text)} | {s.gold} | {len(gold.figures)} | "
                    f"{s.recall:.2f} | {signs} | "
                    f"{s.year:.2f} | {undated} | {_pct(s.table_recall)} | {s.precision:.2f} | {s.covered_precision:.2f} | "
                    f"{_pct(s.label_rate)} | "
                    f"{s.themes} | {yn[checked]} | {yn[built]} |")
        if corpus:
            misses = [("recall", s.recall, TARGETS["recall"]), ("year", s.year, TARGETS["year"]),
                      ("precision", s.precision, TARGETS["precision"]),
                      ("precision on the gold's lines", s.covered_precision, TARGETS["precision"])]
            if s.table_recall is not None:
                misses.append(("table recall", s.table_recall, TARGETS["table recall"]))
            low = [f"{what} {got:.2f} < {want}" for what, got, want in misses if got < want]
            if s.sign_right < s.sign_checked:
                low.append(f"{s.sign_checked - s.sign_right} sign(s) wrong")
            if len(text) > 5000 and s.themes < 3:
                low.append(f"{s.themes} theme(s) for {len(text)} characters")
            if low:
                below.append(f"- `{path.name}`: " + "; ".join(low))
    units = ["| unit | in the gold sets | found by ingest |", "| --- | ---: | ---: |"]
    for unit in sorted(gold_units + found_units, key=lambda u: (-gold_units[u], -found_units[u], u)):
        units.append(f"| {unit or '(none: a ratio part)'} | {gold_units[unit]} | {found_units[unit]} |")
    return "\n".join(["# Ingest, measured", "", HEADER, "", *rows, "", "Below the targets (recall ≥ 0.95, every sign "
                      "right, year ≥ 0.90, table recall ≥ 0.85, precision ≥ 0.90, ≥ 3 themes past 5,000 characters):",
                      "", *(below or ["- none"]), "", RULES, "", "## Units seen in the corpus", "", UNITS_NOTE, "",
                      *units, "", LIMITS]) + "\n"


HEADER = """Made by `python tools/ingest_report.py --write docs/ingest.md`. Each gold figure is matched to a figure
ingest found with the same size and unit (the nearest in lines first). *Figures*: the gold set as first hand-checked;
*complete set*: with the figures added to complete it (`from_found`: each a figure ingest found that the set had
left out, checked against its line by hand and kept only if it is a figure of the text). *Recall*: gold figures
matched. *Signs right*: matched figures whose sign agrees (the old gold sets give no sign). *Year or span right*: the
year, or the span's first year (“十四五”时期 2021-2025), agrees, a figure the gold leaves undated having none.
*Undated given a year*: of the gold's undated figures, those ingest gave a year. *Table recall*: gold figures marked
`table: true` matched. These five are measured on the first hand-checked figures only, so that completing a set from
what ingest found cannot flatter them. *Precision*: found figures matched to a figure of the complete set; *on the
gold's lines*: the same, counting only figures found on a line where the gold set has a figure. *Label hits*: the
gold's label keyword and the found label contain one another. *Check* and *build*: the draft passes
`python -m generator check` and builds (`build --no-pdf`) in a scratch project."""

UNITS_NOTE = """Every unit in the corpus's gold sets and every unit ingest read there. A unit is read by a general
rule (a magnitude 万/亿/千…, then a measure word of a class of about 90 量词 or a listed compound unit such as 千瓦时,
标准立方米, 人次, then an optional /unit), so a measure word no list names (列, 对, 部, 枚, 成) is still a unit."""

RULES = """## How ingest reads a text (issue 32)

- **Signs.** A direction word before a figure gives its sign: 下降, 减少, 降低, 回落, 收窄, 下跌, 下滑, 负增长, 减产,
  贬值, 压减, 降幅…为 give a negative figure (下降8% is a growth rate of -8, 减少12万平方米 an increase of -12); 下降至3%
  is a level of 3. A 分别 list and a list joined by 、/和 share their verb (分别下降9.2%、4.8%: both negative). The
  direction word never stays in a label; a qualifier between the word and the number keeps the sign (下降超30%: -30,
  超过; 下降近/约/逾 the same). In the draft the sign is in the value (growth.rate, comparison.increase),
  and the narrative prints the size after the source's own word (下降{{ ma|string|trim("-") }}).
- **Qualifiers** (超, 超过, 近, 约, 突破, 以上, 以下, 左右, 余, 多) go to `qualifier`, never into the value.
- **Years**, in order: the clause, the sentence (a year passes to the next sentence only when it goes on with
  同期, 当年, 同年, 其中, 全年, or in the same list item, or with a base year 较2020年), a table's column, row or
  caption, the section heading (one year and no period), the document (its title: 2023年…统计公报, …工作总结; a
  政府工作报告's date gives the year reviewed and the year of its goals, and a report that never names itself is
  known by its dateline, ——2025年1月13日在…人民代表大会…会议上, or by 向大会报告工作 (a December date reviews its own
  year); a report on part of a year: 2021年前三季度, or its dateline with 上半年, 二季度; an untitled text whose first
  sentence opens with its year, 2024年，…). A base year is never the figure's: 较2014年下降48.7% and 是2014年的1.7倍
  are 2024's when the sentence is; 由上年的… is the year before. Periods are kept as spans: “十四五”时期 and 过去五年
  (2021-2025 from the report's year), 2021—2025年, 两年平均, and a paragraph that opens with its period (五年来，…)
  dates its cumulative figures so; 党的十八大以来 keeps its later clauses undated. Targets (到2030年, 预期目标, a
  工作安排 section) keep the year they look to and `target`; a sentence that sets the report year's goals (2025年…主要
  预期目标是：) makes every figure after it, and the rest of its part, a target (完成年度预期目标 sets none); 预计 is
  an estimate of the year under review, no target.
- **Parts of a year** (`period`): a figure whose clause, or its sentence before it, names one (上半年, 前三季度,
  一季度, 第一季度, 1-9月, 1～9月, 1月至9月, 一至九月, 一到九月, 前10个月, 10月份, 十一月份) gets it in the model's words (1—9月,
  10月) with its year; a base (比上半年, 较1月至8月, 低于一季度, 由上月的…, 比上年同期), another year's (去年上半年), a point
  (二季度末, 截至7月15日, 截至九月底, 7月首周), a span to now (二季度以来, 今年以来) and a list (5、6月份均为…) give none,
  unless 分别 pairs the list with as many figures (5、6月份分别为4.9%、4.7%: 5月, 6月); 上年同期为… is the year
  before's figure of the same part; 全年 is the whole year (全年目标 is a goal's). A year in Chinese numerals
  (二〇二四年, 二○二四年) is read as its digits. A document whose title,
  a line under it or its opening sentence names one part of its year (2018上半年全省环境质量状况) gives it to the
  figures that take the document's year, unless their paragraph named another time before them. A table takes its
  column's or caption's. Spans (start) and targets never get one.
- **Tables**: markdown pipe tables (with or without outer bars or a --- row, <br> and footnote markers in cells,
  two column pairs side by side, a header one column off), tab- and space-aligned rows, '- ' list rows with spaced
  labels and units (卷 烟 亿 支), PDF and .docx tables. A 单位 column, a (单位：…) line or caption, a unit in the row
  label or the column header give the unit; 增长/比上年/涨跌/± columns are growth rates, 占比/比重 columns shares; a
  table with a row per year takes each row's year. A header with one cell fewer than its rows and no 指标/项目 cell
  (| 绝对数(亿元) | 比上年增长(%) | over 地区生产总值 | 617.50 | 5.2 |) names the figure columns, not the labels'.
  A table an HTML-to-text step flattened to one cell a line (食品烟酒 |, -0.5 |, bare | lines between rows) is read
  as a table. A chart's caption (图1 …) joins no paragraph.
- **Units**: a magnitude (万, 亿, 千 …), then a listed compound unit (亿千瓦时, 万标准立方米, 个百分点, 万元/人 …) or
  any measure word of a class of about 90 (个, 列, 对, 种, 部, 枚, 点, 成, 岁 …), then an optional /unit. A list that
  writes its unit once (1.28万亿、1.18万亿、8200亿元; 分别减少1.2、0.7和1.4万吨) gives it to each item.
- **Not figures**: thresholds (前1%, 超过50%的企业), ranks (第3位, kept in `rank`: a second rank after a
  ranked level, or one said of 增幅, is the rate's), a rank's move (较一季度前移3位) and the field of a rank (在15个副省级
  城市中…第9位), ranges (5%-6%), durations (5个月, 5个季度), names (PM2.5, 时速350公里), a floor held (连续13年稳定在
  430亿斤以上), a plan's parts (15个方面, 28个主要指标), the set a share or rate is of (12条重点产业链项目占比…,
  26个保留园区…的贡献度), a rate's unit
  or base (1美元兑, /10万), a standard (按照…标准2300元), and the numbers of a report's glossary (名词解释).
- **Structure**: 一、/（一）/1./（1）/第一，/【】 headings, markdown # headings and **bold** lines, a short first line
  (the title), run-in points (一是经济增长好于预期。…) and ◆/—— lead phrases become parts and themes; a numbered
  rank deeper than the themes' (1. under （一）) stays inside its theme. Under a part with no theme headings, three or
  more paragraphs that open alike with a short topic sentence (一年来，我们努力在A上展现更大作为。) are its points, each
  titled by the words its sentence does not share (A), and —— leads of three words before a colon (——经济强:) are
  themes too. A work report's front matter (its dateline, the speaker's line 市长 某某, 各位代表：…向大会报告工作) is
  no title and no highlight. A text with no headings at all (a news report
  of a conference) gives a theme per paragraph with figures, titled by its own topic words (环保执法方面，…). A line
  cut mid-sentence joins the next even across a blank line, but a subtitle under the title and a news opener (本报讯,
  新华社…电, （记者…）) start blocks of their own.
- **A conference report's own facts**: title (通报了…, else 召开…新闻发布会), date (7月25日 with the dateline's year),
  host (由…主持, or …新闻发布会，某某主持),
  speakers (邀请…通报) and source (headline and dateline) go to the draft's fields; the dateline and the sentences
  that only say who hosted or attended are no highlight. 同比 changes get `base_label: 去年同期`; figures after
  其中 are parts of a total, not key figures.
- **Drafts**: each theme carries its source paragraphs as its narrative, every figure that became a metric
  replaced by a reference to it, so a first briefing reads as the source did; highlights are the same sentences.
- **What a draft proposes** (each one edit to undo, each saving one where the editor agrees): a chart for a sentence
  of 3 or more sibling figures of one unit and year (a 其中/分别 list, or figures sharing a measure; its parts without
  their total; none when they are over 20 times apart); no card for the count of a set or its parts (52个…中，有51个…)
  but for the set's rates; labels that name their subject (a part by its set: 已整治的黑臭水体; a bare rate by the set
  or the measure before it; a verb phrase against a target by the rate it is said of; an amount after a count by
  what was counted; never a pronoun, adverb or verb of doing: 我们出台了24条…措施 by the measures, 继续为1.8万名低保
  对象… by those it is for; a 同口径 rate by the amount before it; a change from … to … (由上年同期的2.05:1下降为2.02:1)
  by the clause before (城乡收入比持续缩小); a bare measure by the subject of the measure before it (农林牧渔业总产值…，
  增加值37.90亿元: 农林牧渔业增加值); no (GDP) after a name; 约合20533美元 as 约, the label without 约合;
  a running total, 总数, by its subject); 持平 after
  a rate as a change of 0 个百分点; a lead from the topic paragraph's first sentence; a
  theme title from the action a figure-free opening sentence ends on; the conference's title for a one-part draft."""

LIMITS = """**What the corpus is.** The files in `tests/ingest/` are the seed page and short texts written for the
tests in another office's style (their figures invented). The texts in `tests/ingest/corpus/` are public
government texts (sources in `tests/ingest/corpus/SOURCES.md`), each with a hand-checked gold set; none is about
the places kept for the independent measure. Extraction damage (full-width digits, lines cut, spaces, two columns)
is tested in `tests/ingest/test_ingest.py` on the written texts.

**Precision is measured on complete gold sets.** The gold sets of the three 统计公报 and the two long work reports
listed a part of each text's figures (221 of the 2018 公报's ~560). Each figure ingest found there that a set left
out was read against its line by hand and added (`from_found`) if it is a figure of the text; what is no figure
(the field of a rank, a glossary's numbers, a poverty standard …) was left out and, where a general rule could tell
it, ingest was taught to leave it too. What ingest still takes that is no figure is counted against it: 每户有1人 and
至少建成1个 (a standard per household or county), 工矿商贸企业就业人员10万人 (the base of a rate), the 70-city set in
70个大中城市中 (2024). Labels of the added figures are left to their lines (label hits are measured on the first sets).
The 镇江 work report's set (2025) covers part 一 and the 预期目标 sentence only and has not been completed: its
precision counts every figure of parts 二 and 三 against it; on the set's own lines it is the column beside.

**No 发布会实录 yet.** The corpus has four kinds of text, not five: no public press-conference transcript in
question-and-answer form (主持人/记者/发布人 turns) with at least 30 figures was found in the stored corpora. Searched
in a first round: find_string 新闻发布会实录, 发布会文字实录, 答记者问实录, 【主持人】, 付凌晖：, 寿小丽：, 问：; the
code and pages corpora for 发布会实录 with 主持人/记者/同比增长/环境质量. Searched in a second round (issue 32):
find_string 下面开始提问, 请记者朋友提问, 谢谢主持人, 谢谢你的提问, 谢谢您的提问, 今天的新闻发布会就到这里,
提问前请通报所在的新闻机构, 欢迎出席国务院新闻办新闻发布会, 图为新闻发布会主席台, 新闻局副局长、新闻发言人,
国家统计局新闻发言人 付凌晖, 国民经济综合统计司司长, 毛盛勇：, 刘爱华：, 盛来运：, 各位记者朋友，大家上午好,
各位媒体朋友，大家上午好, 现在开始答记者问, 并答记者问, 以下为文字实录, 发布会实录, 发布会全文实录, 发布会图文实录,
发布会现场实录, 新闻发布会文字实录, 【发布人】, 省政府新闻办新闻发布会, 疫情防控工作新闻发布会, 外汇收支数据答记者问,
金融统计数据新闻发布会, 新闻发言人答记者问, 国民经济运行情况答记者问; find_repos fabuhui, xinwenfabu, xinwen, shilu,
scio, govcn, guowuyuan, press-conference, presscon; the code, pages and issues corpora for
国新办/统计局/疫情防控/联防联控 transcripts, 政务语料 jsonl and ASR test sets. What exists is out of reach: the pages
corpus keeps only a page's opening ~1,500 characters (gov.cn's transcript of the 2020-08-14 统计局 conference, under a
mirror's address, stops inside the spokesman's statement at 19 figures, before the first 记者 turn); GitHub holds
transcripts only as single Q&A snippets (a 2011 统计局 answer with no figure in a site's SQL dump; a china.com.cn
crawler that stores Q&A pairs cut to 1,200 characters), as titles in crawlers' test data, or in repositories too large
to fetch (Rock-Candy-Tea/RSSHUB-PAGE, 4.2 GB, whose 统计局 posts are news reports). The transcript form is tested on a
written text (`transcript_style.txt`). A third round (the pages corpus, 新闻发布会 上半年 经济运行 发布人) found reports
of conferences again (新乡, 2022: `xinwen_2022_xinxiang_h1.txt`) and a 2011 国新办 page that keeps only a photo's caption.

**Parts of a year are not measured.** The gold sets give no `period`; three of the new texts name none of their
years (酉阳 一季度, 涪陵 前三季度, 新乡 上半年), so their figures are undated and, having no year, get no part of one."""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", metavar="FILE", help="also write the report to FILE (docs/ingest.md)")
    ap.add_argument("--no-build", action="store_true", help="skip ingest + check + build of each draft (faster)")
    args = ap.parse_args()
    text = report(build=not args.no_build)
    print(text)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
