"""The statistician's workbook back into the content files: read safely, every cell parsed as Excel and WPS save it,
every change checked before any is made, and each made in place in the YAML text (comments, order, quoting kept)."""
from __future__ import annotations

import json
import math
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..content.loader import LoadedConference, Project
from ..content.model import Metric
from ..errors import ContentError, Finding, GeneratorError
from ..messages import _
from ..present.names import file_stem
from ..present.wording import num
from . import BASES, COLUMNS, EXPORTED, GUIDE, IDENTITY, REMARKS, STATUSES, Column

MAX_FILE = limits.WORKBOOK_BYTES  # generator/limits.py holds the bounds and their reasons
MAX_UNPACKED = limits.WORKBOOK_UNPACKED_BYTES  # a zip bomb is refused before openpyxl unpacks it
MAX_PARTS = limits.WORKBOOK_PARTS
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# a YAML scalar as written at its position: quoted, or plain up to a comment, comma or closing bracket
_SCALAR = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^\s,}\]#][^,}\]#\n]*?(?=\s*(?:#|,|}|]|$))")


@dataclass(frozen=True)
class Change:
    conference: LoadedConference
    path: tuple  # into the conference file's data, e.g. ('parts', 0, 'themes', 1, 'metrics', 3, 'value')
    label: str
    old: object
    new: object
    cell: str  # 统计部分!D12

    def line(self) -> str:
        line, col = self.conference.source.values.get(self.path) or self.conference.source.where(self.path[:-1])
        return f"{self.conference.source.file}:{line}:{col}: {self.label} {_shown(self.old)} → {_shown(self.new)} ({self.cell})"


@dataclass
class Applied:
    """What apply did or would do: a line per change, the notes (figures kept, remarks taken into note:), the files
    written (none on a dry run, when nothing changed)."""

    lines: list[str]
    notes: list[str]
    written: list[Path]


_UNKNOWN = object()  # a workbook exported before the export recorded its figures


def exported_values(values) -> dict[tuple[str, str], object] | None:
    """(metric id, column) -> the value the export wrote, from the hidden sheet; None for an older workbook."""
    if EXPORTED not in values.sheetnames:
        return None
    out: dict[tuple[str, str], object] = {}
    for row in values[EXPORTED].iter_rows(min_row=2, max_col=3, values_only=True):
        if row and row[0]:
            value = row[2]
            out[(str(row[0]), str(row[1]))] = None if isinstance(value, str) and not value.strip() else value
    return out


def _shown(v: object) -> str:
    if v is None or v == "":
        return "（空）"
    return num(v) if isinstance(v, float) else str(v)


def open_workbooks(path: Path):
    """The workbook twice (formulas, and the values Excel saved for them), bounded before it is unpacked; external
    links and macros are not loaded."""
    import openpyxl

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise GeneratorError(_("{value}: cannot read the workbook ({strerror})", value=path.as_posix(),
                               strerror=exc.strerror)) from None
    if size > MAX_FILE:
        raise GeneratorError(_("{value}: {value2} MB; a figures workbook is at most {value3} MB",
                               value=path.as_posix(), value2=size // 1024 // 1024, value3=MAX_FILE // 1024 // 1024))
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) <= MAX_PARTS and sum(i.file_size for i in infos) <= MAX_UNPACKED:
                _refuse_far_cells(path, z, infos)
    except (zipfile.BadZipFile, OSError):
        raise GeneratorError(_("{value}: not an .xlsx workbook (save it from Excel or WPS as .xlsx)",
                               value=path.as_posix())) from None
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise GeneratorError(_("{value}: the workbook unpacks to more than {value2} MB or {MAX_PARTS} parts; refused",
                               value=path.as_posix(), value2=MAX_UNPACKED // 1024 // 1024, MAX_PARTS=MAX_PARTS))
    try:
        formulas = openpyxl.load_workbook(path, data_only=False, keep_links=False, keep_vba=False)
        values = openpyxl.load_workbook(path, data_only=True, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise GeneratorError(_("{value}: cannot read the workbook ({name}); save it again from Excel or WPS as .xlsx",
                               value=path.as_posix(), name=type(exc).__name__)) from None
    for ws in formulas.worksheets:  # the dimension a sheet declares may be missing or wrong: its cells are not
        if ws.max_row > limits.WORKBOOK_ROWS or ws.max_column > limits.WORKBOOK_COLUMNS:
            _far(path, ws.title, ws.cell(ws.max_row, ws.max_column).coordinate)
    return formulas, values


def _far(path: Path, sheet: str, cell: str):
    raise GeneratorError(_("{value}: sheet {sheet} uses cells as far as {cell}; a figures sheet has at most "
                           "{WORKBOOK_ROWS:,} rows and {WORKBOOK_COLUMNS} columns (clear the far cells: select the empty "
                           "rows and columns after the table and delete them)", value=path.as_posix(), sheet=sheet,
                           cell=cell, WORKBOOK_ROWS=limits.WORKBOOK_ROWS, WORKBOOK_COLUMNS=limits.WORKBOOK_COLUMNS))


def _refuse_far_cells(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """A sheet whose declared range passes the bounds is refused before openpyxl reads it (one cell at XFD1048576 made
    apply walk 17 billion empty cells: 85 s and 5 GB)."""
    from openpyxl.utils import column_index_from_string

    for info in infos:
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        with archive.open(info) as fh:
            head = fh.read(4096)
        m = _DIMENSION.search(head)
        if m and (int(m.group(2)) > limits.WORKBOOK_ROWS or column_index_from_string(m.group(1).decode()) >
                  limits.WORKBOOK_COLUMNS):
            _far(path, _sheet_titles(archive).get(info.filename, info.filename), m.group(1).decode() + m.group(2).decode())


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name -> the sheet's title, from the workbook part and its relationships (for the message)."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets.update({rid: target for target, rid in re.findall(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name, rid = re.search(r'name="([^"]*)"', tag), re.search(r'(?:\w+:)?id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            out["xl/" + targets[rid.group(1)].lstrip("/").removeprefix("xl/")] = name.group(1)
    return out


def identity(workbook) -> str | None:
    """Which conference the workbook was exported for: its custom property, or the line on the 说明 sheet."""
    props = getattr(workbook, "custom_doc_props", None)
    for prop in (props or []):
        if getattr(prop, "name", None) == IDENTITY and getattr(prop, "value", None):
            return str(prop.value)
    for ws in workbook.worksheets:
        for row in ws.iter_rows(max_row=40, max_col=3, values_only=True):
            for value in row:
                m = re.match(r"^会议：(\S+)", str(value or ""))
                if m:
                    return m.group(1)
    return None


def _header_row(ws) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(ws.iter_rows(max_row=5, values_only=True), 1):
        names = {str(v).strip(): c for c, v in enumerate(row, 1) if v is not None}
        if "编号" in names and "数值" in names:
            return r, names
    return None


def parse_cell(formula_cell, value_cell, unit: str, kind: str) -> tuple[object, str | None]:
    """(value, problem). kind: number, basis or status. Numbers come as Excel and WPS save them: as numbers, as text,
    with thousands commas, full-width, with a % sign or a percent format, or as formulas with their saved result."""
    raw = formula_cell.value
    if isinstance(raw, str) and raw.startswith("=") or formula_cell.data_type == "f":
        raw = value_cell.value
        if raw is None:
            return None, _("a formula without a saved result: open the file in Excel or WPS and save it, or type the "
                           "figure")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if kind in ("basis", "status"):
        text = unicodedata.normalize("NFKC", str(raw)).strip()
        allowed = BASES if kind == "basis" else STATUSES
        return (text, None) if text in allowed else (None, _("“{text}” is not one of {allowed}", text=text,
                                                                        allowed="、".join(allowed)))
    percent = unit == "%"
    if isinstance(raw, bool):
        return None, _("{raw} is not a figure", raw=raw)
    if isinstance(raw, (int, float)):
        number = float(raw)
        if "%" in (formula_cell.number_format or "") and percent:
            number *= 100  # 0.062 shown as 6.2%: the figure is 6.2 (%)
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip().replace(" ", "")
        if text.endswith("%"):
            if not percent:
                return None, _("“{raw}” is a percentage, but this figure's unit is {unit}", raw=raw, unit=unit or "（无）")
            text = text[:-1]
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        if not _NUMBER.match(text):
            return None, _("“{raw}” is not a figure: write the number alone, without its unit", raw=raw)
        number = float(text)
    if not math.isfinite(number) or abs(number) >= 1e15:
        return None, _("{raw} is out of range for a figure", raw=raw)
    return float(f"{number:.12g}"), None  # Excel's binary fractions (6.2000000000000002) back to what was typed


def _current(m: Metric, path: tuple[str, ...]) -> object:
    obj: object = m
    for key in path:
        obj = getattr(obj, key, None) if obj is not None else None
    return obj


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    return (a or None) == (b or None)


def _conference_of(project: Project, path: Path, formulas) -> LoadedConference:
    """The conference the workbook names (its 说明 sheet or properties), which must be in this project."""
    who = identity(formulas)
    confs = {file_stem(c.model): c for c in project.conferences}
    if who is None:
        raise GeneratorError(_("{name}: no conference named in the workbook (its 说明 sheet or properties); export a fresh one "
                               "with `python -m generator sheet export`", name=path.name))
    if who not in confs:
        raise GeneratorError(_("{name}: the workbook is for conference {who}, which is not in this project ({value})",
                               name=path.name, who=who, value=', '.join(confs) or 'none'))
    return confs[who]


def _refused(column: Column, m: Metric, old: object, new: object) -> str | None:
    """Why a changed cell cannot be taken into the content, or None when it can."""
    if new is None and column.header not in ("口径", "状态"):
        return _("{column} is empty, but the content gives {old}; a figure the source does not give is marked in the "
                 "content file, with a note", column=column.header, old=_shown(old))
    if column.header == "数值" and m.derived:
        return _("{label} is derived ({formula}); change the figures it is computed from", label=m.label,
                 formula=m.derived)
    if column.path[0] in ("comparison", "growth") and getattr(m, column.path[0]) is None:
        return _("{label} has no {column} in the content; add it in the content file", label=m.label,
                 column=column.header)
    if column.header == "增量" and m.comparison is not None and m.comparison.increase is None:
        return _("{label} states no 增量 in the content; add it in the content file", label=m.label)
    return None


def _row_changes(ws, vws, row: int, columns: dict[str, int], base: tuple, m: Metric, loaded: LoadedConference,
                 refuse, context: dict) -> list[Change]:
    """The changes one metric's row makes; each refused cell is handed to `refuse`. A figure the content file changed
    since the export (context["exported"]) is kept where the workbook left it as exported, and refused, unless
    context["force"], where the workbook changed it too."""
    found = []
    exported = context["exported"] or {}
    for column in COLUMNS:
        if not column.editable or column.header not in columns:
            continue
        cell = ws.cell(row, columns[column.header])
        kind = {"口径": "basis", "状态": "status"}.get(column.header, "number")
        unit = "%" if column.header == "增速（%）" else m.unit
        new, problem = parse_cell(cell, vws[cell.coordinate], unit, kind)
        here = f"{ws.title}!{cell.coordinate}"
        old = _current(m, column.path)
        if problem is None and _same(old, new):
            continue
        label = f"{m.label} {column.header}"
        then = exported.get((m.id, column.header), _UNKNOWN)
        if problem is None and then is not _UNKNOWN and not _same(old, then):
            if _same(new, then):  # the statistician left it; the editor changed it since: the editor's figure stays
                context["notes"].append(_("kept: {label} was changed in the content file since the export ({then} → "
                                          "{old}) and the workbook leaves it as exported ({cell})", label=label,
                                          then=_shown(then), old=_shown(old), cell=here))
                continue
            if not context["force"]:
                refuse(here, _("{label}: changed in the content file since the export ({then} → {old}) and in the "
                               "workbook too ({new}); decide which stands, or pass --force to take the workbook's",
                               label=label, then=_shown(then), old=_shown(old), new=_shown(new)))
                continue
        problem = f"{column.header}: {problem}" if problem else _refused(column, m, old, new)
        if problem:
            refuse(here, problem)
            continue
        found.append(Change(loaded, (*base, *column.path), label, old, new, here))
    remark = _remark(ws, row, columns, m, exported)
    if remark:
        note = f"{m.note.strip()}；" if m.note else ""
        found.append(Change(loaded, (*base, "note"), f"{m.label} {_('note')}", m.note, f"{note}统计部门：{remark}",
                            f"{ws.title}!{ws.cell(row, columns['编号']).coordinate}"))
        context["notes"].append(_("remark: {label}: {text} (taken into note:)", label=m.label, text=remark))
    return found


def _remark(ws, row: int, columns: dict[str, int], m: Metric, exported: dict) -> str:
    """What the statistician wrote for this figure: text added to 来源与备注, and the row's cell comments; what the
    note already holds is not taken twice."""
    from .export import _note

    found = []
    if REMARKS in columns:
        text = str(ws.cell(row, columns[REMARKS]).value or "").strip()
        was = str(exported.get((m.id, REMARKS)) or _note(m)).strip()
        if text and text != was:
            found.append(text[len(was):].lstrip("；;，, ") if was and text.startswith(was) else text)
    for cell in ws[row]:
        comment = getattr(cell, "comment", None)
        if comment is not None and comment.text and comment.text.strip():
            found.append(" ".join(comment.text.split()))
    found = [t for t in found if t and t not in (m.note or "")]
    return "；".join(dict.fromkeys(found))


def read_changes(project: Project, path: Path, force: bool = False,
                 notes: list[str] | None = None) -> tuple[LoadedConference, list[Change]]:
    """Every change the workbook makes to its conference's metrics; ContentError naming every refused cell. `notes`
    gets a line per figure kept and per remark taken."""
    formulas, values = open_workbooks(path)
    context = {"exported": exported_values(values), "force": force, "notes": notes if notes is not None else []}
    loaded = _conference_of(project, path, formulas)
    metrics: dict[str, tuple[tuple, Metric]] = {}
    for pi, part in enumerate(loaded.model.parts):
        for ti, theme in enumerate(part.themes):
            for mi, m in enumerate(theme.metrics):
                metrics[m.id] = (("parts", pi, "themes", ti, "metrics", mi), m)
    problems: list[Finding] = []
    changes: list[Change] = []
    seen: dict[str, str] = {}

    def refuse(cell: str, message: str) -> None:
        problems.append(Finding(f"{path.name}!{cell}", 0, 0, "", message))

    for ws in formulas.worksheets:
        found = _header_row(ws) if ws.title not in (GUIDE, EXPORTED) else None
        if found is None:
            continue
        header_row, columns = found
        for row in range(header_row + 1, ws.max_row + 1):
            id_cell = ws.cell(row, columns["编号"])
            metric_id = unicodedata.normalize("NFKC", str(id_cell.value or "")).strip()
            if not metric_id:
                continue  # an inserted or emptied row
            where = f"{ws.title}!{id_cell.coordinate}"
            if metric_id not in metrics:
                refuse(where, _("no metric has the id “{id}” in {file}; the 编号 column must not be edited", id=metric_id,
                                file=loaded.source.file))
            elif metric_id in seen:
                refuse(where, _("“{id}” is also on {cell}; each figure has one row", id=metric_id, cell=seen[metric_id]))
            else:
                seen[metric_id] = where
                changes += _row_changes(ws, values[ws.title], row, columns, *metrics[metric_id], loaded, refuse, context)
    if problems:
        raise ContentError(problems)
    return loaded, changes


def edit_text(text: str, loaded: LoadedConference, changes: list[Change]) -> str:
    """The content file's text with each change made where its value stands; a status the metric lacks is added
    after its value line, at the value key's indentation. Bottom-up, so that earlier positions hold."""
    lines = text.split("\n")
    edits: list[tuple[int, int, str, Change]] = []  # (line, col, kind, change)
    for change in changes:
        pos = loaded.source.values.get(change.path)
        if pos is not None:
            edits.append((pos[0], pos[1], "replace", change))
        elif change.path[-1] in ("status", "note"):
            key = loaded.source.keys.get((*change.path[:-1], "value"))
            if key is None:
                raise GeneratorError(_("{line}: the metric's value line was not found; set status by hand",
                                       line=change.line()))
            edits.append((key[0], key[1], "insert", change))
        else:
            raise GeneratorError(_("{line}: not in the content file; edit it by hand", line=change.line()))
    for line_no, col, kind, edit in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        new = edit.new
        written = num(new) if isinstance(new, float) else str(new)
        if edit.path[-1] == "note":  # free text: a double-quoted YAML string (JSON's escaping is valid YAML)
            written = json.dumps(new, ensure_ascii=False)
        if kind == "insert":
            lines.insert(line_no, " " * (col - 1) + f"{edit.path[-1]}: {written}")
            continue
        if edit.path[-1] == "note" and re.match(r"^\s*note:\s*[|>]", lines[line_no - 2] if line_no > 1 else ""):
            raise GeneratorError(_("{change}: the note is a block of lines; add the remark by hand", change=edit.line()))
        line = lines[line_no - 1]
        m = _SCALAR.match(line, col - 1)
        if m is None or not m.group(0):
            raise GeneratorError(_("{line}: the value there could not be edited in place; edit it by hand",
                                   line=edit.line()))
        lines[line_no - 1] = line[:m.start()] + written + line[m.end():]
    return "\n".join(lines)


def _check_edited(project: Project, loaded: LoadedConference, edited: bytes) -> list[Finding]:
    """The errors check finds with the edited file in place, checked on a copy of the content folder (so a dry run
    runs every check the real apply runs, and a refused apply never touches the file)."""
    from ..content.checks import check_project, errors
    from ..content.loader import load_project

    root = Path(project.root)
    try:
        rel = project.content_dir.resolve().relative_to(root.resolve())
    except ValueError:
        rel = Path(project.content_dir.name)
    with tempfile.TemporaryDirectory(prefix="sheet-apply-") as tmp:
        copy = Path(tmp) / rel
        shutil.copytree(project.content_dir, copy, symlinks=True)
        (copy / loaded.path.resolve().relative_to(project.content_dir.resolve())).write_bytes(edited)
        try:
            return errors(check_project(load_project(copy, Path(tmp))))
        except ContentError as exc:
            return errors(exc.findings)


def apply(content: Path, workbook: Path, dry_run: bool = False, force: bool = False) -> Applied:
    """Take the workbook's changes into the content file, after every check passes on the edited text; a dry run
    runs the same checks and writes nothing."""
    from ..project import load_checked as load
    from ..writer import write_bytes

    project, _theme, _findings = load(content)
    notes: list[str] = []
    loaded, changes = read_changes(project, workbook, force, notes)
    lines = [c.line() for c in changes]
    if not changes:
        return Applied(lines, notes, [])
    edited = edit_text(loaded.path.read_bytes().decode("utf-8"), loaded, changes).encode("utf-8")
    found = _check_edited(project, loaded, edited)
    if found:  # a figure the arithmetic no longer bears out (a total, a figure stated twice)
        raise ContentError([*found, Finding(workbook.name, 0, 0, "", _(
            "the {n} change(s) were not applied: with them, check finds the error(s) above; correct the related "
            "figures in the workbook too", n=len(lines)))])
    if dry_run:
        return Applied(lines, notes, [])
    return Applied(lines, notes, [write_bytes(loaded.path, edited)])
