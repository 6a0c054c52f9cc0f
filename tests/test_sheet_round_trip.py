"""A safe workbook round trip (#28): the export records each figure as exported; apply never puts back a figure an
editor changed in the YAML since, refuses (or takes with --force) a figure both changed, runs every check on a dry run
too, and takes remarks and cell comments into the metric's note:, reporting each. Messages in Chinese (the default)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from tests.test_sheet import CONF, WORKBOOK, edit, rows_by_id


@pytest.fixture
def exported(shipped_project, run):
    code, _out, err = run(shipped_project, "sheet", "export")
    assert code == 0, err
    return shipped_project


def change_yaml(folder: Path, old: str, new: str) -> None:
    path = folder / CONF
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


GRAIN = "            label: 粮食总产量\n            value: 151.8\n"


def test_the_export_records_each_editable_figure_as_exported(exported):
    wb = openpyxl.load_workbook(exported / WORKBOOK)
    ws = wb["导出时数值"]
    rows = {(r[0], r[1]): r[2] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[("grain_output", "数值")] == 151.8
    assert ("grain_output", "状态") in rows and ("grain_output", "来源与备注") in rows
    assert ws.sheet_state == "hidden"


def test_a_stale_workbook_never_puts_back_an_editor_s_later_change(exported, run):
    change_yaml(exported, GRAIN, GRAIN.replace("151.8", "152.0"))  # the editor, after the export
    edit(exported, ("raw_coal_output", "状态", "已核对"))  # the statistician confirms another figure
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 0, err
    text = (exported / CONF).read_text(encoding="utf-8")
    assert "            value: 152.0\n" in text and "value: 151.8" not in text
    assert any(line.startswith("保留：粮食总产量 数值 在导出后已在内容文件中改过（151.8 → 152.0）") for line in out.splitlines()), out


def test_a_figure_changed_in_both_is_refused_naming_it_unless_forced(exported, run):
    change_yaml(exported, GRAIN, GRAIN.replace("151.8", "152.0"))
    cell = edit(exported, ("grain_output", "数值", 151.9))
    before = (exported / CONF).read_bytes()
    for args in ((), ("--dry-run",)):
        code, _out, err = run(exported, "sheet", "apply", str(WORKBOOK), *args)
        assert code == 1
        assert err.splitlines()[0] == (f"错误：{WORKBOOK.name}!{cell}：粮食总产量 数值：导出后内容文件改过（151.8 → 152.0），核对表也改了"
                                       f"（151.9）；请确定哪个为准，或加 --force 采用核对表的数字")
        assert (exported / CONF).read_bytes() == before
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK), "--force")
    assert code == 0, err
    assert "            value: 151.9\n" in (exported / CONF).read_text(encoding="utf-8")


def test_a_dry_run_runs_every_check_the_real_apply_runs(exported, run):
    before = (exported / CONF).read_bytes()
    edit(exported, ("economy_firms_above_scale", "数值", 1165))  # stated twice: check refuses one changed alone
    dry = run(exported, "sheet", "apply", str(WORKBOOK), "--dry-run")
    real = run(exported, "sheet", "apply", str(WORKBOOK))
    assert dry[0] == real[0] == 1
    assert dry[2] == real[2] and "1165户" in dry[2] and "没有采用" in dry[2]
    assert (exported / CONF).read_bytes() == before


def test_remarks_and_cell_comments_go_into_note_and_are_reported(exported, run):
    path = exported / WORKBOOK
    wb = openpyxl.load_workbook(path)
    ws, row, header = rows_by_id(wb)["grain_output"]
    remarks = ws.cell(row, header["来源与备注"])
    remarks.value = f"{remarks.value or ''}；含大豆".lstrip("；")
    ws.cell(row, header["数值"]).comment = Comment("以统计年鉴为准", "统计局")
    wb.save(path)
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 0, err
    assert "备注：粮食总产量：含大豆；以统计年鉴为准（已写进 note:）" in out
    text = (exported / CONF).read_text(encoding="utf-8")
    block = text[text.index("          - id: grain_output"):]
    block = block[:block.index("          - id:", 10)]
    assert 'note: "统计部门：含大豆；以统计年鉴为准"' in block
    code, out, err = run(exported, "check")
    assert code == 0, err
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))  # the same workbook again: nothing twice
    assert code == 0 and "没有与内容不同的数字" in out, out
