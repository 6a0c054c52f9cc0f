"""Issue 32's forms, one test each: signs and direction words, qualifiers, units, years, tables, structure,
attribution and the draft's narrative. Synthetic sentences, no place named."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.ingest.figures import analyse, figures_of
from generator.ingest.read import Block, blocks

ROOT = Path(__file__).resolve().parents[2]


def found(text: str):
    return figures_of(Block("text", text, 1), None)


def one(text: str):
    [f] = found(text)
    return f


@pytest.mark.parametrize("text,value,unit,kind,label", [
    ("全市固定资产投资同比下降8%。", "-8", "%", "growth", "固定资产投资"),
    ("全市固定资产投资同比下降8.5%。", "-8.5", "%", "growth", "固定资产投资"),
    ("商品房销售面积减少12万平方米。", "-12", "万平方米", "increase", "商品房销售面积"),
    ("商品房销售面积减少12.6万平方米。", "-12.6", "万平方米", "increase", "商品房销售面积"),
    ("交通和通信价格下降3.1%。", "-3.1", "%", "growth", "交通和通信价格"),
    ("交通和通信价格下降3%。", "-3", "%", "growth", "交通和通信价格"),
    ("工业用电量比上年降低4%。", "-4", "%", "growth", "工业用电量"),
    ("增速比上半年回落0.3个百分点。", "-0.3", "个百分点", "points", "增速"),
    ("降幅收窄2个百分点。", "-2", "个百分点", "points", "降幅"),
    ("货物出口负增长1.2%。", "-1.2", "%", "growth", "货物出口"),
    ("粮食产量减产0.6%。", "-0.6", "%", "growth", "粮食产量"),
    ("自然增长率为-1.48‰。", "-1.48", "‰", "level", "自然增长率"),
    ("城镇调查失业率下降至5%。", "5", "%", "level", "城镇调查失业率"),  # where it fell to: a level
    ("工业用电量同比-2.3%。", "-2.3", "%", "growth", "工业用电量"),  # a signed rate against its basis
    ("商品房销售面积降幅为5.1%。", "-5.1", "%", "growth", "商品房销售面积"),  # the fall's size: a rate of -5.1
    ("商品房销售面积降幅收窄至2.3%。", "-2.3", "%", "growth", "商品房销售面积"),
    ("压减公用经费10%。", "-10", "%", "growth", "公用经费"),  # a cut of 10%: never a level of -10%
    ("直接经济损失上升31.8%。", "31.8", "%", "growth", "直接经济损失"),  # 上升 a rate, not a level labelled 上升
    ("城镇新增就业比上年少增12万人。", "-12", "万人", "increase", "城镇新增就业"),  # 少增: a smaller increase
    ("城镇新增就业比上年多增12万人。", "12", "万人", "increase", "城镇新增就业"),
])
def test_a_fall_keeps_its_sign_and_the_label_loses_the_direction_word(text, value, unit, kind, label):
    f = one(text)
    assert (f.value, f.unit, f.kind, f.label) == (value, unit, kind, label)


@pytest.mark.parametrize("text,expected", [
    ("工业投资、民间投资同比分别下降9.2%、4.8%。", [("工业投资", "-9.2"), ("民间投资", "-4.8")]),
    ("出口、进口同比分别下降9%、5%。", [("出口", "-9"), ("进口", "-5")]),
    ("城镇、农村居民人均可支配收入分别增长5.3%、7.1%。",
     [("城镇居民人均可支配收入", "5.3"), ("农村居民人均可支配收入", "7.1")]),
])
def test_a_fenbie_list_gives_each_subject_its_signed_growth_never_a_level(text, expected):
    got = found(text)
    assert [(f.label, f.value) for f in got] == expected and all(f.kind == "growth" for f in got)


@pytest.mark.parametrize("text,qualifier", [
    ("高新技术企业超340家。", "超过"), ("接待游客近5000万人次。", "近"), ("旅游收入约621.4亿元。", "约"),
    ("粮食产量稳定在150万吨以上。", "以上"), ("研发投入强度2.5%左右。", "左右"), ("利用外资超过30亿美元。", "超过"),
    ("地区生产总值突破2000亿元。", "突破"), ("举办活动120余场。", "超过"),
])
def test_a_qualifier_is_kept_beside_the_value_never_in_it(text, qualifier):
    f = one(text)
    assert f.qualifier == qualifier and f.value.replace(".", "").isdigit()


@pytest.mark.parametrize("text,unit", [
    ("新增充电桩500个。", "个"), ("开行列车40列。", "列"), ("引进大熊猫2对。", "对"), ("培育新品种30种。", "种"),
    ("出版图书8部。", "部"), ("获得奖牌15枚。", "枚"), ("综合指数上涨3.5点。", "点"), ("全社会用电量120亿千瓦时。", "亿千瓦时"),
    ("装机容量35亿千瓦。", "亿千瓦"), ("人均产值3.2万元/人。", "万元/人"), ("天然气产量5万标准立方米。", "万标准立方米"),
    ("增速提高1.2个百分点。", "个百分点"), ("出生率为6.22‰。", "‰"), ("能耗下降到0.5吨标准煤。", "吨标准煤"),
    ("集装箱吞吐量260万标准箱。", "万标准箱"), ("旅客发送量1.2亿人次。", "亿人次"), ("满意度达到9成。", "成"),
    # an environment bulletin's units: never a bare number that has lost its unit, nor a figure missed
    ("区域环境噪声平均值为53.2分贝。", "分贝"), ("化学需氧量平均浓度为15.3毫克/升。", "毫克/升"),
    ("氨氮平均浓度为0.35mg/L。", "mg/L"), ("淘汰燃煤锅炉120蒸吨。", "蒸吨"),
])
def test_any_measure_word_after_a_figure_is_its_unit_and_compounds_stay_whole(text, unit):
    assert one(text).unit == unit


@pytest.mark.parametrize("text", ["收入前1%的人群。", "超过50%的企业实现盈利。", "前5个月新开工项目。", "PM2.5浓度下降。",
                                  "推进5000万元以上项目建设。", "新建110千伏变电站。"])
def test_thresholds_durations_and_names_are_no_figures(text):
    assert found(text) == []


def test_a_rank_goes_to_rank_not_to_a_figure():
    [f] = found("全市地区生产总值2458.8亿元，居全省第3位。")
    assert f.rank == "全省第3位"


def test_years_come_from_the_clause_then_the_document_and_never_from_the_sentence_before():
    text = ("2023年全市经济运行情况\n\n全市地区生产总值1865.3亿元。2022年，规上工业企业达到500家。"
            "同期，服务业增长5%。规上工业增加值增长6%。\n")
    got = {f.value: f.year for t in analyse(text)[0] for f in t.figures}
    assert got == {"1865.3": 2023, "500": 2022, "5": 2022, "6": 2023}


def test_spans_and_targets_are_kept_as_such():
    figures = {f.value: f for t in analyse("“十四五”时期，研发经费年均增长12.5%。到2030年，产值达到100亿元左右。\n")[0]
               for f in t.figures}
    assert figures["12.5"].span == (2021, 2025) and figures["12.5"].year is None
    assert (figures["100"].year, figures["100"].target, figures["100"].qualifier) == (2030, True, "左右")


def test_a_government_work_report_dates_its_review_and_its_goals():
    text = ("政府工作报告\n\n——2026年1月10日在市人民代表大会上\n\n一、过去五年工作回顾\n\n"
            "过去五年，全市地区生产总值年均增长5.6%。\n\n二、2026年工作安排\n\n"
            "今年主要预期目标是：地区生产总值增长5%左右。\n")
    got = {f.value: f for t in analyse(text)[0] for f in t.figures}
    assert got["5.6"].span == (2021, 2025)
    assert (got["5"].year, got["5"].target) == (2026, True)


PIPE = """## 二、主要指标

**表1 2024年主要指标**

| 指标 | 单位 | 绝对数 | 比上年增长（%） | 占比（%） |
| --- | --- | --- | --- | --- |
| 地区生产总值 | 亿元 | 2458.8 | -5 | 100.0 |
| 其中：第三产业 | 亿元 | 1254 | 3.2 | 51 |
| 出口总额 | 亿美元 | 45 | -12.5 | — |
"""


def test_a_pipe_table_reads_its_unit_column_growth_and_share_columns_with_signs():
    got = [(f.label, f.value, f.unit, f.kind, f.year) for t in analyse(PIPE)[0] for f in t.figures]
    assert got == [("地区生产总值", "2458.8", "亿元", "level", 2024), ("地区生产总值", "-5", "%", "growth", 2024),
                   ("地区生产总值", "100.0", "%", "share", 2024), ("第三产业", "1254", "亿元", "level", 2024),
                   ("第三产业", "3.2", "%", "growth", 2024), ("第三产业", "51", "%", "share", 2024),
                   ("出口总额", "45", "亿美元", "level", 2024), ("出口总额", "-12.5", "%", "growth", 2024)]


def test_a_list_table_with_a_unit_line_and_spaced_names():
    text = ("- **表2 2024年主要产品产量及其增长速度**\n- 产品名称 单 位 产 量 比上年增长%\n- 纱 万吨 2984.0 9.8\n"
            "- 卷 烟 亿支 25160.9 -2.8\n- 家用电冰箱 万台 8427.0 -3.1\n")
    got = [(f.label, f.value, f.unit, f.kind) for t in analyse(text)[0] for f in t.figures]
    assert got == [("纱", "2984.0", "万吨", "level"), ("纱", "9.8", "%", "growth"), ("卷烟", "25160.9", "亿支", "level"),
                   ("卷烟", "-2.8", "%", "growth"), ("家用电冰箱", "8427.0", "万台", "level"),
                   ("家用电冰箱", "-3.1", "%", "growth")]


def test_bold_and_markdown_headings_and_the_numbering_hierarchy():
    text = ("# 工作总结\n\n## 一、经济运行\n\n**（一）工业生产**\n\n1.工业增加值增长5%。\n\n2.工业投资增长6%。\n\n"
            "**（二）消费市场**\n\n社会消费品零售总额增长4%。\n\n## 二、民生保障\n\n**（一）就业**\n\n城镇新增就业3万人。\n")
    found_blocks, _ = blocks(text)
    assert [b.text for b in found_blocks if b.kind == "heading"][:3] == ["工作总结", "一、经济运行", "（一）工业生产"]
    themes, _ = analyse(text)
    assert [(t.part, t.title) for t in themes[1:]] == [("经济运行", "经济运行"), ("经济运行", "工业生产"),
                                                      ("经济运行", "消费市场"), ("民生保障", "民生保障"), ("民生保障", "就业")] \
        or [(t.part, t.title) for t in themes if t.blocks] == [("经济运行", "工业生产"), ("经济运行", "消费市场"),
                                                                ("民生保障", "就业")]


def _draft(tmp_path: Path, text: str) -> tuple[Path, dict]:
    folder = tmp_path / "project"
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "content").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "series.yaml", folder / "content" / "series.yaml")
    (tmp_path / "s.txt").write_text(text, encoding="utf-8")
    cli("ingest", str(tmp_path / "s.txt"), "-o", "content/conference.yaml", cwd=folder)
    return folder, YAML(typ="safe").load((folder / "content" / "conference.yaml").read_text(encoding="utf-8"))


def cli(*args: str, cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_negative_figures_reach_the_draft_signed_and_its_narrative_reads_as_the_source(tmp_path):
    text = ("一、经济运行\n全市地区生产总值2458.8亿元，比上年下降5.2%，较2020年减少36亿元。"
            "工业、服务业同比分别下降9.2%、4.8%。商品房销售面积减少12万平方米。高新技术企业超340家。\n")
    folder, data = _draft(tmp_path, text)
    [theme] = [t for p in data["parts"] for t in p["themes"]]
    by_value = {m["value"]: m for m in theme["metrics"]}
    assert by_value[2458.8]["growth"]["rate"] == -5.2 and by_value[2458.8]["comparison"]["increase"] == -36
    assert {-9.2, -4.8, -12} <= set(by_value)
    assert "{{" in theme["narrative"] and "2458.8" not in theme["narrative"]
    cli("check", cwd=folder)
    cli("brief", "--out", "out", cwd=folder)
    from docx import Document

    [docx] = list((folder / "out").rglob("*.docx"))
    prose = "\n".join(p.text for p in Document(str(docx)).paragraphs).replace("\u2060", "")  # figures hold a joiner
    assert text.split("\n")[1] in prose  # the source's own words, every figure printed from its metric


def test_run_in_points_of_a_review_become_its_themes():
    text = ("一、过去一年工作回顾\n\n一是经济增长好于预期。地区生产总值增长5.2%。\n\n二是产业发展向新图强。高新技术产业增加值增长9%。\n\n"
            "三是民生福祉持续增进。城镇新增就业32万人。\n\n二、今年工作安排\n\n（一）扩大内需\n\n社会消费品零售总额增长5%左右。\n\n"
            "（二）稳定就业\n\n城镇新增就业30万人以上。\n")
    themes, _ = analyse(text)
    assert [t.title for t in themes if t.part == "过去一年工作回顾"] == ["经济增长好于预期", "产业发展向新图强", "民生福祉持续增进"]
    assert [t.title for t in themes if t.part == "今年工作安排"][-2:] == ["扩大内需", "稳定就业"]


def test_chapters_sections_and_dotted_part_numbers():
    text = ("第一章 发展基础\n\n第一节 经济实力\n\n地区生产总值增长5%。\n\n第二节 民生保障\n\n城镇新增就业3万人。\n\n"
            "二.主要任务\n\n（一）扩大内需\n\n社会消费品零售总额增长6%。\n\n（二）稳定就业\n\n城镇调查失业率5.5%左右。\n")
    themes, _ = analyse(text)
    assert [(t.part, t.title) for t in themes] == [("发展基础", "经济实力"), ("发展基础", "民生保障"),
                                                  ("主要任务", "扩大内需"), ("主要任务", "稳定就业")]


def test_a_docx_table_with_a_unit_column_and_a_fall(tmp_path):
    from docx import Document

    from generator.ingest.read import read_source

    doc = Document()
    doc.add_paragraph("表3 2024年主要工业产品产量")
    rows = [("产品名称", "单位", "产量", "比上年增长（%）"), ("原煤", "亿吨", "1.2", "-3"), ("发电量", "亿千瓦时", "356.4", "-0.8"),
            ("钢材", "万吨", "120", "4.5")]
    table = doc.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    doc.save(str(tmp_path / "t.docx"))
    got = [(f.label, f.value, f.unit, f.kind, f.year) for t in analyse(read_source(tmp_path / "t.docx"))[0]
           for f in t.figures]
    assert got == [("原煤", "1.2", "亿吨", "level", 2024), ("原煤", "-3", "%", "growth", 2024),
                   ("发电量", "356.4", "亿千瓦时", "level", 2024), ("发电量", "-0.8", "%", "growth", 2024),
                   ("钢材", "120", "万吨", "level", 2024), ("钢材", "4.5", "%", "growth", 2024)]
