"""Hostile workbooks for `sheet apply`: a sparse sheet with one far cell (85 s and 5 GB before), with its declared
range honest or lying, and a sheet that unpacks past its bound: each refused in one line naming the workbook and
the sheet, in bounded time and memory, and the content file left as it was."""
from __future__ import annotations

import re
import zipfile

import pytest

from tests.hostile.conftest import cli, refused

CONFERENCE = "content/conference.yaml"


@pytest.fixture
def workbook(project):
    outcome = cli(project, "sheet", "export")
    assert outcome.code == 0, outcome.err
    [path] = (project / "output").rglob("*.xlsx")
    return path


def far_cell(path, lie: bool) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if ws.title not in ("说明", "导出时数值"))
    ws["XFD1048576"] = "x"
    wb.save(path)
    if lie:  # the declared range says the table's size; the far cell is still there
        with zipfile.ZipFile(path) as old:
            parts = {i.filename: old.read(i.filename) for i in old.infolist()}
        for name, data in parts.items():
            if name.startswith("xl/worksheets/") and b"XFD1048576" in data:
                parts[name] = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:M20"', data, count=1)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for name, data in parts.items():
                new.writestr(name, data)


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "lying dimension"])
def test_a_sparse_workbook_with_one_far_cell_is_refused_in_one_line(lie, project, workbook):
    far_cell(workbook, lie)
    before = (project / CONFERENCE).read_bytes()
    outcome = cli(project, "sheet", "apply", str(workbook.relative_to(project)))
    first = refused(outcome, workbook.name, "sheet 1-第一部分", "XFD1048576", "at most 5,000 rows and 40 columns")
    assert len(outcome.lines) == 1, first
    assert (project / CONFERENCE).read_bytes() == before


def test_a_workbook_that_unpacks_past_its_bound_is_refused(project, workbook):
    with zipfile.ZipFile(workbook, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/media/padding.bin", "w") as fh:
        for _ in range(40):
            fh.write(b"\0" * (1 << 20))
    outcome = cli(project, "sheet", "apply", str(workbook.relative_to(project)))
    refused(outcome, workbook.name, "unpacks to more than 10 MB")
