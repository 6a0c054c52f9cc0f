"""The statistician's workbook: a conference's figures exported to Excel, and their corrections taken back.

export.py writes the workbook from the content model; apply.py reads it back, safely, and edits the content files in
place. The two share the table below: the columns, their headers and which of them a statistician may change.
"""
from __future__ import annotations

from dataclasses import dataclass

SHEET_FILE = "数据核对表.xlsx"  # after the conference stem, next to its deck: 01-转型发展/01-转型发展-数据核对表.xlsx
GUIDE = "说明"
EXPORTED = "导出时数值"  # a hidden sheet: each editable figure and remark as exported, so apply sees what changed since
REMARKS = "来源与备注"
IDENTITY = "press-generator conference"  # custom document property: which conference the workbook belongs to
STATUSES = ("待核对", "已核对")
BASES = ("现价", "可比价", "未注明")


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    editable: bool = False
    path: tuple[str, ...] = ()  # where an editable column's value lives in the metric


COLUMNS = (
    Column("编号", 22),
    Column("主题", 24),
    Column("指标", 30),
    Column("数值", 14, True, ("value",)),
    Column("单位", 9),
    Column("年份/时期", 12),
    Column("基期", 8),
    Column("增量", 12, True, ("comparison", "increase")),
    Column("增速（%）", 11, True, ("growth", "rate")),
    Column("口径", 10, True, ("growth", "basis")),
    Column("排名", 12),
    Column("状态", 10, True, ("status",)),
    Column("来源与备注", 60),
)
HEADERS = tuple(c.header for c in COLUMNS)
