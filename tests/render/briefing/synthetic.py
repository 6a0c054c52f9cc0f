"""A conference made to test the briefing's tables and line endings, shared by the docx tests and the PDF tests
(tests/publish/test_pagination.py): a table whose 年份 is "—" in every row, a label of exactly 16 characters and
one longer, a derived value (※) and a comparison with a derived base (△), a theme of one metric (a sentence, not a
table), a theme whose only metric is withheld (no table at all), and paragraphs whose last line would hold one
character."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, ROOT

LABEL_16 = "规模以上工业企业研发经费投入总额"  # exactly 16 characters: never wraps
LABEL_LONG = "全市规模以上工业企业研究与试验发展经费投入强度"  # 23: may wrap
ONE_ROW_LABEL = "上榜全省民营企业百强企业"
WITHHELD_LABEL = "尚未核实的企业数量"
# 27, 55 and 83 characters: a first line of 26 after the indent, then 28 a line, so the last line would hold one
# character and its full stop; the last is bound to the one before it
ENDINGS = ("研发投入持续增加，创新主体不断壮大，科技成果转化明显加快位。",
           "全市坚持创新驱动发展战略，研发投入持续增加，创新主体不断壮大，科技成果转化明显加快，"
           "企业技术中心加快建设，产学研合作不断深化位。")


def _paragraph(k: int) -> str:
    base = "全市坚持创新驱动发展战略，研发投入持续增加，创新主体不断壮大，科技成果转化明显加快。"
    return (base * (k + 1))[:26 + 28 * k] + "位。"


def conference() -> str:
    narrative = "\n\n".join("          " + _paragraph(k) for k in range(4))
    return f"""number: 3
slug: 表格
title: 表格检验发布会
date: 2025-11-02
source: 测试来源
parts:
  - id: part_a
    title: 第一部分
    themes:
      - id: theme_table
        title: 创新投入稳步增长
        metrics:
          - id: rd_total
            label: {LABEL_16}
            value: 123.4
            unit: 亿元
          - id: rd_intensity
            label: {LABEL_LONG}
            value: 2.1
            unit: "%"
          - id: value_added
            label: 高技术制造业增加值
            value: 456.7
            unit: 亿元
            comparison: {{base_year: 2020, base_value: 400.0, base_derived: true, increase: 56.7}}
          - id: ratio
            label: 增加值与研发投入之比
            value: 3.7
            unit: 倍
            derived: value_added / rd_total
        narrative: |
{narrative}
      - id: theme_one
        title: 民营经济发展壮大
        metrics:
          - id: private_top
            label: {ONE_ROW_LABEL}
            value: 18
            unit: 户
            rank: {{scope: 全省, position: 1}}
        narrative: |
          民营经济发展壮大，{{{{ private_top }}}}企业上榜全省民营企业百强。
      - id: theme_withheld
        title: 营商环境持续优化
        metrics:
          - id: unverified_count
            label: {WITHHELD_LABEL}
            value: 77
            unit: 家
            publish: false
            note: 原文数字尚未核实，暂不发布。
        narrative: |
          营商环境持续优化，一批改革走在全国前列。
"""


def write_project(folder: Path) -> Path:
    """The conference as a project in `folder` (content/ and assets/); returns the content folder."""
    import shutil

    shutil.copytree(ROOT / "assets", folder / "assets")
    content = folder / "content"
    content.mkdir()
    shutil.copy(FIXTURES / "series.yaml", content / "series.yaml")
    (content / "conference.yaml").write_text(conference(), encoding="utf-8")
    return content
