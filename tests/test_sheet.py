"""The statistician's workbook: export, edit as Excel and WPS save cells, apply back into the YAML exactly in place."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT

CONF = Path("content/conferences/01-转型发展.yaml")
WORKBOOK = Path("output/01-转型发展/01-转型发展-数据核对表.xlsx")

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


@pytest.fixture
def exported(shipped_project, run):
    code, out, err = run(shipped_project, "sheet", "export")
    assert code == 0, err
    assert out.strip() == f"wrote {WORKBOOK.as_posix()}"
    return shipped_project


def rows_by_id(wb) -> dict[str, tuple]:
    """metric id -> (sheet, row, {header: column})"""
    out = {}
    for ws in wb.worksheets:
        if ws.title in ("说明", "导出时数值"):
            continue
        header = {str(c.value): c.column for c in ws[1] if c.value}
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, header["编号"]).value:
                out[ws.cell(r, header["编号"]).value] = (ws, r, header)
    return out


def set_cell(wb, metric: str, column: str, value, number_format: str | None = None):
    ws, r, header = rows_by_id(wb)[metric]
    cell = ws.cell(r, header[column])
    cell.value = value
    if number_format:
        cell.number_format = number_format
    return f"{ws.title}!{cell.coordinate}"


def edit(folder: Path, *edits) -> str:
    """Apply (metric, column, value[, number_format]) edits with openpyxl, as a person in Excel would; save."""
    path = folder / WORKBOOK
    wb = openpyxl.load_workbook(path)
    cells = [set_cell(wb, *e) for e in edits]
    wb.save(path)
    return cells[0] if cells else ""


def test_the_workbook_has_a_guide_a_sheet_per_part_and_marks_what_may_change(exported):
    from generator.content.loader import load_project

    project = load_project(exported / "content", exported)
    conf = project.conferences[0].model
    wb = openpyxl.load_workbook(exported / WORKBOOK)
    assert wb.sheetnames[0] == "说明" and len(wb.sheetnames) == 1 + len(conf.parts) + 1
    assert wb.sheetnames[-1] == "导出时数值" and wb["导出时数值"].sheet_state == "hidden"  # the figures as exported
    assert "sheet apply" in "".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    rows = rows_by_id(wb)
    assert sorted(rows) == sorted(m.id for m in conf.metrics().values())
    ws, r, header = rows["grain_output"]
    assert ws.freeze_panes == "D2"
    assert ws.protection.sheet  # locked cells are locked
    assert ws.cell(r, header["数值"]).value == 151.8 and ws.cell(r, header["单位"]).value == "万吨"
    assert ws.cell(r, header["数值"]).protection.locked is False  # the statistician's cells
    assert ws.cell(r, header["指标"]).protection.locked is True
    assert ws.cell(r, header["数值"]).fill.fgColor.rgb.endswith("FFF2CC")
    derived = next(m for m in conf.metrics().values() if m.derived)
    ws, r, header = rows[derived.id]
    assert ws.cell(r, header["数值"]).protection.locked is True and "推算" in ws.cell(r, header["来源与备注"]).value
    validations = {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}
    kinds = {dv.type for dv in validations.values()}
    assert {"decimal", "list"} <= kinds
    assert any(dv.formula1 and "已核对" in dv.formula1 for dv in validations.values())


def test_two_exports_are_byte_identical(exported, run):
    first = (exported / WORKBOOK).read_bytes()
    assert run(exported, "sheet", "export")[0] == 0
    assert (exported / WORKBOOK).read_bytes() == first
    assert zipfile.ZipFile(exported / WORKBOOK).infolist()[0].date_time[:3] == (2025, 10, 22)  # the conference's date


def test_a_round_trip_without_edits_changes_no_byte(exported, run):
    before = (exported / CONF).read_bytes()
    wb = openpyxl.load_workbook(exported / WORKBOOK)
    wb.save(exported / WORKBOOK)  # opened and saved, as a statistician would
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 0, err
    assert "no figure differs" in out
    assert (exported / CONF).read_bytes() == before


def test_every_way_a_cell_is_saved_is_applied_in_place_and_check_still_passes(exported, run):
    before = (exported / CONF).read_text(encoding="utf-8")
    edit(exported,
         ("key_sci_platforms", "数值", 16),  # a number
         ("industry_edu_consortia", "数值", " 5 "),  # a number stored as text, with spaces
         ("grain_output", "数值", "１５１．９"),  # full-width digits
         ("preschool_enrolment", "数值", 0.989, "0.0%"),  # 98.9% as Excel stores a percent-formatted cell
         ("inclusive_kindergartens", "数值", "87.4%"),  # a percentage typed as text
         ("economy_firms_above_scale", "数值", "1,164"),  # a thousands separator: the same figure, no change
         ("unnamed_firms", "状态", "已核对"),  # confirmed: 待核对 is cleared
         ("key_sci_platforms", "状态", "已核对"))  # a metric without a status gets one
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 0, err
    after = (exported / CONF).read_text(encoding="utf-8")
    expected = before
    for old, new in (("            value: 15\n            unit: 个\n          - id: industry_edu_consortia",
                      "            value: 16\n            status: 已核对\n            unit: 个\n          - id: industry_edu_consortia"),
                     ("label: 省级市域产教联合体\n            value: 4\n", "label: 省级市域产教联合体\n            value: 5\n"),
                     ("value: 151.8\n", "value: 151.9\n"), ("value: 98.8\n", "value: 98.9\n"),
                     ("value: 87.3\n", "value: 87.4\n"),
                     ("rank: {wording: 居全省前列}\n            status: 待核对\n",
                      "rank: {wording: 居全省前列}\n            status: 已核对\n")):
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert after == expected  # the byte diff is exactly the edits: comments, order and quoting kept
    lines = [line for line in out.splitlines() if "→" in line]
    assert len(lines) == 7
    at = before.splitlines().index("            value: 151.8") + 1
    assert any(line.startswith(f"{CONF.as_posix()}:{at}:20: 粮食总产量 数值 151.8 → 151.9 (") for line in lines), lines
    assert "0 error(s)" in out  # check ran after the changes


def test_moved_columns_renamed_sheets_inserted_and_deleted_rows_are_followed(exported, run):
    path = exported / WORKBOOK
    wb = openpyxl.load_workbook(path)
    ws, r, header = rows_by_id(wb)["grain_output"]
    ws.title = "改了名字的表"
    ws.insert_rows(2, 3)  # rows inserted above: the row is found by its id
    ws.insert_cols(2)  # a column inserted: 数值 moves right, found by its header
    wb.save(path)
    wb = openpyxl.load_workbook(path)
    set_cell(wb, "grain_output", "数值", 152)
    ws2, r2, _ = rows_by_id(wb)["raw_coal_output"]
    ws2.delete_rows(r2)  # a deleted row changes nothing
    wb.save(path)
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 0, err
    text = (exported / CONF).read_text(encoding="utf-8")
    assert "value: 152\n" in text and "value: 1.16\n" in text


@pytest.mark.parametrize("metric,column,value,message", [
    ("grain_output", "编号", "grain_outputt", "no metric has the id “grain_outputt”"),
    ("grain_output", "数值", "151.8万吨", "is not a figure: write the number alone"),
    ("grain_output", "数值", "6.2%", "is a percentage, but this figure's unit is 万吨"),
    ("grain_output", "数值", None, "数值 is empty, but the content gives 151.8"),
    ("grain_output", "数值", "=151.8+1", "a formula without a saved result"),
    ("grain_output", "状态", "核对了", "“核对了” is not one of 待核对、已核对"),
])
def test_a_refused_cell_is_named_and_nothing_is_applied(exported, run, metric, column, value, message):
    before = (exported / CONF).read_bytes()
    path = exported / WORKBOOK
    wb = openpyxl.load_workbook(path)
    set_cell(wb, "key_sci_platforms", "数值", 17)  # a good edit in the same workbook is not applied either
    cell = set_cell(wb, metric, column, value)
    wb.save(path)
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 1 and "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"error: {WORKBOOK.name}!{cell}: ") and message in first, err
    assert err.splitlines()[-1] == "1 error(s); nothing was written."
    assert (exported / CONF).read_bytes() == before


def test_changes_that_check_refuses_are_put_back(exported, run):
    """规上工业企业总数 is stated twice (same_as): one changed alone breaks check, and the file is put back."""
    before = (exported / CONF).read_bytes()
    edit(exported, ("economy_firms_above_scale", "数值", 1165))
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 1 and "1165户" in err and "were not applied" in err, err
    assert (exported / CONF).read_bytes() == before


def test_a_derived_figure_is_refused_with_its_inputs_named(exported, run):
    from generator.content.loader import load_project

    project = load_project(exported / "content", exported)
    derived = next(m for m in project.conferences[0].model.metrics().values() if m.derived and m.value is not None)
    edit(exported, (derived.id, "数值", derived.value + 1))
    code, _, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 1 and "is derived" in err and derived.derived in err


def test_a_workbook_of_another_conference_or_not_a_workbook_is_refused(exported, run, tmp_path):
    path = exported / WORKBOOK
    wb = openpyxl.load_workbook(path)
    for prop in wb.custom_doc_props:
        prop.value = "07-别的会议"
    wb["说明"].cell(wb["说明"].max_row, 1).value = "会议：07-别的会议"
    wb.save(path)
    code, _, err = run(exported, "sheet", "apply", str(WORKBOOK))
    assert code == 1 and "07-别的会议, which is not in this project" in err
    bad = tmp_path / "not.xlsx"
    bad.write_text("plain text")
    code, _, err = run(exported, "sheet", "apply", str(bad))
    assert code == 1 and "not an .xlsx workbook" in err and "Traceback" not in err
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/huge.xml", b"\0" * (201 * 1024 * 1024))
    code, _, err = run(exported, "sheet", "apply", str(bomb))
    assert code == 1 and "unpacks to more than" in err


def test_dry_run_lists_and_writes_nothing(exported, run):
    before = (exported / CONF).read_bytes()
    edit(exported, ("grain_output", "数值", 151.9))
    code, out, err = run(exported, "sheet", "apply", str(WORKBOOK), "--dry-run")
    assert code == 0 and "151.8 → 151.9" in out and "nothing written" in out
    assert (exported / CONF).read_bytes() == before


@pytest.mark.slow  # LibreOffice Calc
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (CI installs it)")
def test_calc_opens_the_workbook_and_a_formula_it_saved_applies_by_its_result(exported, run, tmp_path):
    """A workbook saved by a spreadsheet program: formulas carry their results, which apply reads."""
    edit(exported, ("grain_output", "数值", "=150+1.9"))
    src = tmp_path / "in" / "sheet.xlsx"
    src.parent.mkdir()
    shutil.copy(exported / WORKBOOK, src)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path / "out"), str(src)], check=True, capture_output=True, timeout=240)
    saved = tmp_path / "out" / "sheet.xlsx"
    assert saved.is_file()
    code, out, err = run(exported, "sheet", "apply", str(saved))
    assert code == 0, err
    assert "粮食总产量 数值 151.8 → 151.9" in out
    assert "value: 151.9\n" in (exported / CONF).read_text(encoding="utf-8")


def test_the_readme_shows_the_statistician_how(exported):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sheet export" in readme and "sheet apply" in readme and "docs/sheet.png" in readme
