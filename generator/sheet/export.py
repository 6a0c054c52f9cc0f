"""Content model -> the statistician's workbook (XlsxWriter): one sheet per part, one row per metric."""
from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from ..content.loader import LoadedConference
from ..content.model import Metric
from ..messages import _
from ..present.names import file_stem
from ..present.view import metric_shown
from . import BASES, COLUMNS, EXPORTED, GUIDE, HEADERS, IDENTITY, REMARKS, SHEET_FILE, STATUSES

EDITABLE_FILL = "FFF2CC"  # the cells a statistician may change: light yellow, as 待填 cells are marked in offices
HEADER_FILL = "D9D9D9"
CLOSED_FILL = "F2F2F2"  # an editable column where this metric has nothing to change (no growth rate, say)

GUIDE_TEXT = (
    "本表由发布会材料生成器导出，供统计部门核对发布会使用的数据。",
    "黄色单元格可以修改：数值、增量、增速（%）、口径、状态；其余单元格已锁定（工作表保护，无密码）。",
    "数值只填数字，不带单位，单位见“单位”列；百分比填 6.2（也可填 6.2%）。千分位逗号、全角数字都可以。",
    "核对无误的指标，请把“状态”改为“已核对”；需要再查的，保持“待核对”。",
    "请不要修改“编号”列。可以调整行序、插入空行、隐藏行列，但不要删除编号。",
    "推算值（备注中写明“推算”）由其他指标计算得出，请修改其来源指标，不要直接修改。",
    "改完后保存为 .xlsx 交回编辑。编辑运行：python -m generator sheet apply 本文件.xlsx",
    "每处修改都会列出（文件、行、原值 → 新值），有问题的单元格会指出位置，此时不会改动任何内容。",
    "需要说明的，可以写在“来源与备注”列，或给单元格加批注：交回后会写进该指标的备注（note），并逐条列出。",
)


def sheet_key(loaded: LoadedConference) -> str:
    stem = file_stem(loaded.model)
    return f"{stem}/{stem}-{SHEET_FILE}"


def sheet_title(index: int, title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique."""
    name = re.sub(r"[\[\]:*?/\\]", "_", f"{index}-{title}")[:31]
    while name in taken:
        name = name[:28] + f"~{len(taken)}"
    taken.add(name)
    return name


def _note(m: Metric) -> str:
    parts = []
    if m.derived:
        parts.append(f"推算：{m.derived}")
    if m.source:
        parts.append(f"来源：{m.source}")
    if m.note:
        parts.append(m.note.strip())
    if m.value is None:
        parts.insert(0, "待补充")
    return "；".join(parts)


def cells(m: Metric, theme_title: str) -> tuple[list[object], list[bool]]:
    """A metric's row: the values by column, and which of them may be changed."""
    growth = m.growth
    increase = m.comparison.increase if m.comparison else None
    shown = metric_shown(m)  # the period and the rank in the words of the deck and the briefing
    values: list[object] = [m.id, theme_title, m.label, m.value, m.unit, shown.years,
                            m.comparison.base_year if m.comparison and m.comparison.base_year else "",
                            increase, growth.rate if growth else None, growth.basis if growth else "", shown.rank,
                            m.status or "", _note(m)]
    editable = [c.editable for c in COLUMNS]
    editable[HEADERS.index("数值")] = m.derived is None  # a derived figure follows its inputs
    editable[HEADERS.index("增量")] = increase is not None
    editable[HEADERS.index("增速（%）")] = editable[HEADERS.index("口径")] = growth is not None
    return values, editable


def _guide_sheet(wb, conf, content_file: str) -> None:
    """The 说明 sheet: what the workbook is for and how to fill it, and which conference and file it comes from."""
    guide = wb.add_worksheet(GUIDE)
    guide.set_column(0, 0, 110)
    guide.set_paper(9)  # A4
    guide.fit_to_pages(1, 0)
    guide.write(0, 0, f"{conf.title}：数据核对表", wb.add_format({"bold": True, "font_size": 14}))
    for i, line in enumerate(GUIDE_TEXT, 2):
        guide.write(i, 0, f"{i - 1}. {line}", wb.add_format({"text_wrap": True}))
    guide.write(len(GUIDE_TEXT) + 3, 0, f"会议：{file_stem(conf)}　内容文件：{content_file}")


VALIDATIONS = (
    ("数值", {"validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
              "error_title": "只能填数字", "error_message": "数值只填数字，不带单位"}),
    ("增量", {"validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
              "error_title": "只能填数字", "error_message": "增量只填数字，不带单位"}),
    ("增速（%）", {"validate": "decimal", "criteria": "between", "minimum": -1e6, "maximum": 1e6,
                 "error_title": "只能填数字", "error_message": "增速填百分数的数字部分，如 5.6"}),
    ("口径", {"validate": "list", "source": list(BASES)}),
    ("状态", {"validate": "list", "source": list(STATUSES)}))


def _part_sheet(ws, part, styles) -> None:
    """One part's sheet: a row per metric, the editable cells open, the rest locked, each column validated."""
    header, fixed, closed, open_ = styles
    for col, column in enumerate(COLUMNS):
        ws.set_column(col, col, column.width)
        ws.write(0, col, column.header, header)
    ws.freeze_panes(1, 3)
    ws.set_paper(9)  # printed for checking on A4: landscape, all columns on one page wide, header on each page
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    row = 0
    for theme in part.themes:
        for m in theme.metrics:
            row += 1
            values, editable = cells(m, theme.title)
            for col, (value, may) in enumerate(zip(values, editable)):
                style = open_ if may else (closed if COLUMNS[col].editable else fixed)
                if value is None or value == "":
                    ws.write_blank(row, col, None, style)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(row, col, value, style)
                else:
                    ws.write_string(row, col, str(value), style)
    if row:
        for header_name, rule in VALIDATIONS:
            col = HEADERS.index(header_name)
            ws.data_validation(1, col, row, col, rule)
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True, "autofilter": True})
    ws.autofilter(0, 0, max(row, 1), len(COLUMNS) - 1)


def _exported_sheet(ws, conf) -> None:
    """Every editable figure and each remark as exported, on a hidden sheet: apply compares the content with it, so a
    figure an editor changed in the YAML after the export is never put back to the old value without a word."""
    ws.hide()
    ws.write_row(0, 0, ("编号", "列", "导出时的值"))
    row = 0
    for part in conf.parts:
        for theme in part.themes:
            for m in theme.metrics:
                values, _editable = cells(m, theme.title)
                for col, column in enumerate(COLUMNS):
                    if not column.editable and column.header != REMARKS:
                        continue
                    row += 1
                    ws.write_string(row, 0, m.id)
                    ws.write_string(row, 1, column.header)
                    value = values[col]
                    if value is None or value == "":
                        ws.write_blank(row, 2, None)
                    elif isinstance(value, (int, float)) and not isinstance(value, bool):
                        ws.write_number(row, 2, value)
                    else:
                        ws.write_string(row, 2, str(value))
    ws.protect("")


def workbook_bytes(loaded: LoadedConference, content_file: str) -> bytes:
    import xlsxwriter

    conf = loaded.model
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    created = datetime.datetime.combine(conf.date or datetime.date(2000, 1, 1), datetime.time())
    wb.set_properties({"title": f"{conf.title}：数据核对表", "author": "press-generator", "created": created})
    wb.set_custom_property(IDENTITY, file_stem(conf))
    header = wb.add_format({"bold": True, "bg_color": HEADER_FILL, "border": 1, "align": "center", "valign": "vcenter",
                            "text_wrap": True, "locked": True})
    fixed = wb.add_format({"border": 1, "valign": "top", "text_wrap": True, "locked": True})
    closed = wb.add_format({"border": 1, "bg_color": CLOSED_FILL, "locked": True})
    open_ = wb.add_format({"border": 1, "bg_color": EDITABLE_FILL, "locked": False, "valign": "top"})

    _guide_sheet(wb, conf, content_file)
    taken = {GUIDE, EXPORTED}
    for pi, part in enumerate(conf.parts, 1):
        _part_sheet(wb.add_worksheet(sheet_title(pi, part.title, taken)), part, (header, fixed, closed, open_))
    _exported_sheet(wb.add_worksheet(EXPORTED), conf)
    wb.close()
    return buf.getvalue()


def export(content: Path, out: Path, only: str | None = None, target: Path | None = None) -> list[Path]:
    """Write each chosen conference's workbook (to `target` when one conference is chosen and a file is named)."""
    from ..errors import UsageError
    from ..project import load_checked as load
    from ..project import select
    from ..writer import normalise_zip, write_bytes, zip_stamp

    project, _theme, _findings = load(content)
    chosen = select(project, only)
    if target is not None and len(chosen) != 1:
        raise UsageError(_("-o names one file: choose the conference with --only"))
    written = []
    for loaded in chosen:
        shown = loaded.source.file
        data = normalise_zip(workbook_bytes(loaded, shown), zip_stamp(loaded.model.date))
        written.append(write_bytes(target or out / sheet_key(loaded), data))
    return written
