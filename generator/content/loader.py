"""Content files -> validated model, with every problem of the run reported as file:line:col: path: message."""
from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, Finding
from ..messages import N_, _
from . import walk
from .model import HIGHLIGHT_FORMS, Conference, Series
from .numerals import Written
from .source import Source, SourceError, format_path, load_yaml, resolved


@dataclass
class LoadedConference:
    model: Conference
    source: Source
    path: Path  # the file itself, for the build cache's fingerprints


@dataclass
class Project:
    """Everything a build needs, read and validated before anything is written."""

    root: Path
    content_dir: Path
    series: Series
    series_source: Source
    series_path: Path
    conferences: list[LoadedConference] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


def shown_path(path: Path, root: Path) -> str:
    """Path as the editor should see it: relative to the project folder, with forward slashes."""
    try:
        return resolved(path).relative_to(resolved(root)).as_posix()
    except (ValueError, OSError):  # outside the project, or a loop of links
        return path.as_posix()


def load_project(content_dir: Path, root: Path | None = None,
                 check_texts: Callable[[Conference, Source], list[Finding]] | None = None,
                 each: Callable | None = None) -> Project:
    """Read the series file and every conference file; raise ContentError listing every problem found.

    `check_texts` checks a conference's templated texts as soon as its model exists (present/narrative's
    check_narratives, which project.py hands in): their problems are listed with the others of the same run.
    `each(load_conference, paths, root, check_texts)` reads the conference files and gives their results in order
    (a build lends its warm workers for a series; the default reads them here, one after the other)."""
    content_dir = Path(content_dir)
    series_path = content_dir / "series.yaml"
    findings: list[Finding] = []
    if series_path.is_symlink() and _linked_out(content_dir, series_path.name):  # nothing of its target is read
        raise ContentError([Finding(series_path.as_posix(), 0, 0, "", _(
            "path must stay inside the content folder (no .., absolute paths or links that lead out of it)"))])
    series_source, series = _load_model(series_path, Path(root) if root else content_dir.resolve().parent, Series,
                                        findings)
    if series is None:
        raise ContentError(findings)
    if root is None:
        root = project_root(content_dir, series.theme)
        if root != content_dir.resolve().parent:  # the series file named as the editor sees it from there
            series_source, series = _load_model(series_path, root, Series, findings)
            assert series is not None
    root = Path(root)
    project = Project(root, content_dir, series, series_source, series_path)
    seen: dict[int, str] = {}  # conference number -> the file that uses it
    listed: set[Path] = set()
    entries = [_listed_file(content_dir, rel, listed) for rel in series.conferences]
    paths = [path for path, _problem in entries if path is not None]
    loaded = iter((each or in_turn)(load_conference, paths, root, check_texts))
    for i, (path, problem) in enumerate(entries):
        if path is None:  # said at the series.yaml line that lists it
            findings.append(_at(series_source.finding(("conferences", i), ""), problem))
            continue
        source, conf, found = next(loaded)
        findings.extend(found)
        if conf is None:
            continue
        key = conf.number
        if key in seen:
            findings.append(source.finding(("number",), _("conference number {number} is also used by {file}",
                                                          number=conf.number, file=seen[key])))
        seen[key] = source.file
        project.conferences.append(LoadedConference(conf, source, path))
    if any(f.severity == "error" for f in findings):
        raise ContentError(findings)
    project.warnings = findings
    return project


def load_conference(path: Path, root: Path, check_texts: Callable[[Conference, Source], list[Finding]] | None):
    """One conference file read, validated and its texts checked: (source, model or None, what was found), in the
    order a reader of the file meets them."""
    findings: list[Finding] = []
    source, conf = _load_model(path, root, Conference, findings)
    if conf is not None:
        findings.extend(_duplicate_ids(conf, source))
        if check_texts is not None:
            findings.extend(check_texts(conf, source))
    return source, conf, findings


def in_turn(load: Callable, paths: list[Path], *args) -> list:
    """Each conference file read here, one after the other (`args`: what `load` takes after the path)."""
    return [load(path, *args) for path in paths]


def _listed_file(content_dir: Path, rel: str, listed: set[Path]) -> tuple[Path | None, str]:
    """The conference file a series.yaml entry names, or what is wrong with the entry."""
    try:
        path = _inside(content_dir, rel)
        if path is None:
            return None, _("path must stay inside the content folder (no .., absolute paths or links that lead out of "
                           "it)")
        if resolved(path) in listed:
            return None, _("{file!r} is listed twice in series.yaml; list each conference file once", file=rel)
        listed.add(resolved(path))
        found = path.exists()
    except OSError as exc:  # a name past the file system's bound (ENAMETOOLONG), a loop of links: said at its line
        return None, _("conference file {file!r} cannot be opened ({reason}); list a file of the content folder",
                       file=rel if len(rel) <= 80 else rel[:77] + "…", reason=exc.strerror or type(exc).__name__)
    if not found:
        return None, _("conference file {file!r} not found next to series.yaml", file=rel)
    if path.is_dir():  # '.' or a folder's name, not "content: not a regular file"
        return None, _("{file!r} is a folder; list a conference file (.yaml) in it", file=rel)
    return path, ""


def project_root(content_dir: Path, theme: str) -> Path:
    """The project folder: the content folder's parent, or, for a content folder further down the folder the command
    runs in (examples/draft), the nearest folder up to that one which holds the theme the series names."""
    first = content_dir.resolve().parent
    here = Path.cwd().resolve()
    folder = first
    while not _is_file(folder / theme) and folder != here and folder.is_relative_to(here):
        folder = folder.parent
    return folder if _is_file(folder / theme) and folder.is_relative_to(here) else first


def _is_file(path: Path) -> bool:
    """Whether a file is there; a name the file system refuses (too long) is none, said where the theme is read."""
    try:
        return path.is_file()
    except OSError:
        return False


def _inside(base: Path, rel: str) -> Path | None:
    """The file a series entry names, if it stays inside the content folder, symbolic links resolved."""
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts:
        return None
    path = base / p
    try:
        resolved(path).relative_to(resolved(base))
    except ValueError:  # a link that leads out of the folder: nothing of its target is read or shown
        return None
    return path


def _linked_out(base: Path, rel: str) -> bool:
    """Whether a link leads out of the content folder; a loop of links leads nowhere, and is said where it is read."""
    try:
        return _inside(base, rel) is None
    except OSError:
        return False


def _at(f: Finding, message: str) -> Finding:
    return Finding(f.file, f.line, f.col, f.path, message)


def _load_model(path: Path, root: Path, model: type[BaseModel], findings: list[Finding]):
    shown = shown_path(path, root)
    try:
        source = load_yaml(path, shown)
    except SourceError as exc:
        findings.append(exc.finding)
        return None, None
    if not isinstance(source.data, dict):
        findings.append(source.finding((), _("expected a mapping of fields (key: value), got {got}",
                                             got=describe(source.data))))
        return source, None
    try:
        return source, keep_written(model.model_validate(source.data), source.written)
    except ValidationError as exc:
        findings.extend(validation_findings(exc, source, model))
        return source, None


def keep_written(model, written: dict[tuple, int]):
    """The model with each number its file writes with trailing zeros (6.0) put back as written: a float forgets
    the zeros, which are part of the figure (numerals.Written; the reader notes where they stand)."""
    for path, digits in written.items():
        holder = model
        for key in path[:-1]:
            holder = _child(holder, key)
        last = path[-1]
        if isinstance(holder, BaseModel):
            holder = holder.__dict__
        if _child(holder, last).__class__ is float:
            holder[last] = Written(holder[last], digits)
    return model


def _child(holder, key):
    """The value at one step of a content path: a list's item, a mapping's or a model's field; None past the end."""
    if isinstance(key, int):
        return holder[key] if isinstance(holder, list) and 0 <= key < len(holder) else None
    if isinstance(holder, dict):
        return holder.get(key)
    return holder.__dict__.get(key) if isinstance(holder, BaseModel) else None


def describe(value) -> str:
    """A value as the editor wrote it, for 'got …' in messages."""
    if value is None:
        return _("nothing (empty value)")
    if isinstance(value, bool):
        return _("{value} (yes/no)", value=str(value).lower())
    if isinstance(value, dict):
        return _("a mapping (key: value)")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f'"{short}"'
    return repr(value)


_FULLWIDTH = str.maketrans("０１２３４５６７８９．－％，", "0123456789.-%,")
_THOUSANDS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_YEAR = re.compile(r"^(\d{4})\s*年?(?:度|底|末)?$")
_WITH_UNIT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*([^\d\s.,]\S*)$")
YEAR_FIELDS = ("year", "base_year", "start", "end")


def _number_hint(value, field: object = None) -> str:
    """What to write instead: 73,232 -> 73232, 2024年 (a year) -> 2024, ２４５８ -> 2458, 2458.8亿元 -> the unit apart."""
    if not isinstance(value, str):
        return ""
    narrow = value.translate(_FULLWIDTH).strip()
    if _THOUSANDS.match(narrow):
        return _(" (write it without the thousands separators: {number})", number=narrow.replace(",", ""))
    year = _YEAR.match(narrow)
    if year and field in YEAR_FIELDS:
        return _(" (write the year alone: {year})", year=year.group(1))
    if narrow != value.strip():
        return _(" (full-width digits: type {number} with half-width digits)", number=narrow)
    m = _WITH_UNIT.match(narrow)
    if m:
        return _(" (write the number alone, value: {number}, and put {unit} in unit)", number=m.group(1), unit=m.group(2))
    return ""


def _message(err, model: type[BaseModel]) -> tuple[str, bool]:
    """Plain-words message for one pydantic error; second item: point at the key rather than the value."""
    kind, value, loc = err["type"], err.get("input"), err["loc"]
    got = describe(value)
    field = loc[-1] if loc else None
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = _("; did you mean {name!r}?", name=close[0]) if close else ""
        return _("unknown field {name!r}{hint} Allowed: {allowed}", name=loc[-1], hint=hint, allowed=", ".join(allowed)), True
    if kind == "missing":
        return _("required field {name!r} is missing", name=loc[-1]), False
    if kind == "int_from_float":
        return _("expected a whole number, got {got}", got=got), False
    if kind in ("float_type", "float_parsing"):
        return _("expected a number, got {got}{hint}", got=got, hint=_number_hint(value, field)), False
    if kind in ("int_type", "int_parsing"):
        return _("expected a whole number, got {got}{hint}", got=got, hint=_number_hint(value, field)), False
    if kind == "finite_number":
        return _("expected a finite number, got {value!r}", value=value), False
    simple = {"string_type": N_("expected text, got {got} (put it in quotes if it is meant as text)"),
              "bool_type": N_("expected true or false, got {got}"),
              "list_type": N_("expected a list (lines starting with -), got {got}"),
              "model_type": N_("expected a mapping (key: value), got {got}"),
              "dict_type": N_("expected a mapping (key: value), got {got}"),
              "model_attributes_type": N_("expected a mapping (key: value), got {got}"),
              "date_type": N_("expected a date like 2025-10-22, got {got}"),
              "date_parsing": N_("expected a date like 2025-10-22, got {got}"),
              "date_from_datetime_inexact": N_("expected a date like 2025-10-22, got {got}")}
    if kind in simple:
        return _(simple[kind], got=got), False
    if kind == "literal_error":
        return _("expected one of: {expected}; got {got}", expected=err["ctx"]["expected"], got=got), False
    if kind == "string_pattern_mismatch":
        if field == "slug":
            return _("got {got}: a slug is a short name for files, without spaces or \\ / : * ? \" < > |", got=got), False
        return _("got {got}: ids are lower-case latin letters, digits and _ , starting with a letter (e.g. gdp_2024)",
                 got=got), False
    if kind == "too_short":
        return _("needs at least {least} item(s), got {got}", least=err["ctx"].get("min_length", 1),
                 got=len(value) if isinstance(value, (list, str)) else got), False
    if kind == "string_too_short":
        return _("must not be empty"), False
    if kind == "string_too_long" and isinstance(value, str):
        return _("too long: at most {most} characters, got {n:,}", n=len(value), most=err["ctx"].get("max_length")), False
    if kind in ("too_long", "string_too_long"):
        return _("too long: at most {most} characters/items", most=err["ctx"].get("max_length")), False
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = err["ctx"].get("ge" if kind == "greater_than_equal" else "le")
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
    if kind == "greater_than_equal":
        return _("input should be greater than or equal to {limit}, got {got}", limit=limit, got=got), False
    if kind == "less_than_equal":
        return _("input should be less than or equal to {limit}, got {got}", limit=limit, got=got), False
    if kind == "value_error":
        return str(err["ctx"]["error"]), False
    return err["msg"], False


def _allowed_fields(model: type[BaseModel], loc) -> list[str]:
    """Walk the model along loc to list the fields allowed where an unknown key was found."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            break
        current = _model_in(info.annotation) or current
    return list(current.model_fields)


def _model_in(annotation):
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def validation_findings(exc: ValidationError, source: Source, model: type[BaseModel]) -> list[Finding]:
    out = []
    errors = exc.errors(include_url=False)
    # A typo like `vaule` also makes `value` missing; the unknown-key line already says it, so say it once.
    typos = {(e["loc"][:-1], m) for e in errors if e["type"] == "extra_forbidden"
             for m in difflib.get_close_matches(str(e["loc"][-1]), _allowed_fields(model, e["loc"][:-1]), n=1)}
    for err in errors:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
                    and p not in HIGHLIGHT_FORMS)
        if err["type"] == "missing" and (loc[:-1], loc[-1]) in typos:
            continue
        message, at_key = _message(err, model)
        if err["type"] == "missing":  # nothing to point at: point at the mapping that lacks the field
            line, col = source.where(loc[:-1])
            out.append(Finding(source.file, line, col, format_path(loc, source.data), message))
        else:
            out.append(source.finding(loc, message, key=at_key))
    return out


KINDS = {"theme": N_("theme"), "metric": N_("metric"), "structure": N_("structure"), "chart": N_("chart")}


def _duplicate_ids(conf: Conference, source: Source) -> list[Finding]:
    """Ids are how narratives and charts refer to things, so one id means one thing in a conference."""
    out: list[Finding] = []
    seen: dict[str, tuple[str, tuple]] = {}
    for path, kind, ident in walk.ids(conf):
        if ident in seen:
            first = seen[ident]
            out.append(source.finding(path, _("duplicate id {id!r}: already used by the {kind} at line {line}", id=ident,
                                              kind=_(KINDS[first[0]]), line=source.where(first[1])[0])))
        else:
            seen[ident] = (kind, path)
    return out
