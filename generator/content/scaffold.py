"""`new`: the next conference's content file, valid and ready to fill."""
from __future__ import annotations

import fcntl
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import limits
from ..errors import GeneratorError
from ..messages import _
from ..writer import write_bytes
from .loader import load_project
from .model import Conference, _safe_file_name
from .numerals import cn
from .source import UNPRINTABLE, SourceError, parse_yaml

TEMPLATE = """\
# yaml-language-server: $schema=../../assets/schema/conference.schema.json
# 第{cn_number}场发布会。只写原文中有的数字；缺失的数值写 value: null 并在 note 说明。
number: {number}
slug: {slug}
title: {title}
date: null
venue: null
host: null
speakers: []
source: 待补充
parts:
  - id: part_1
    title: 待补充
    themes:
      - id: theme_1
        title: 待补充
        lead: null
        highlights: []
        metrics: []
        charts: []
        narrative: null
"""


def new_conference(content: Path, slug: str, title: str | None) -> Path:
    with _one_at_a_time(content):
        return _new_conference(content, slug, title)


@contextmanager
def _one_at_a_time(content: Path) -> Iterator[None]:
    """One `new` at a time in a content folder: four run together each read series.yaml, took the same next number
    and wrote it back over the others (two files numbered 03, two listed of four). The lock is on the folder itself
    (flock on a directory: renames inside it keep it), released when the process ends however it ends."""
    try:
        fd = os.open(content, os.O_RDONLY)
    except OSError:  # no such folder: load_project says so in its own words
        yield
        return
    try:
        end = time.monotonic() + limits.LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= end:
                    raise GeneratorError(_("{folder}: busy: another `new` is adding a conference there; run it again "
                                           "when it has finished", folder=content.as_posix())) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def _new_conference(content: Path, slug: str, title: str | None) -> Path:
    project = load_project(content)
    for c in project.conferences:
        if c.model.slug == slug:
            raise GeneratorError(_("--slug {slug}: already used by conference {number} ({file}); choose another",
                                   slug=slug, number=c.model.number, file=c.source.file))
    number = max({c.model.number for c in project.conferences} | _numbers_in_files(content), default=0) + 1
    # a title is written as a double-quoted YAML string (JSON's escaping is valid YAML), so any title round-trips
    text = TEMPLATE.format(number=number, cn_number=cn(number), slug=slug,
                           title=json.dumps(title or f"第{cn(number)}场发布会（标题待补充）", ensure_ascii=False))
    from pydantic import ValidationError

    try:  # the scaffold must pass what check reads (its reader, then the schema); a bad --slug or --title shows here
        Conference.model_validate(parse_yaml(text, "new").data)
    except SourceError as exc:  # a control character in --title ("\x01") passed the schema and failed check
        if UNPRINTABLE.search(slug):  # the slug's own words name the character (U+202E RIGHT-TO-LEFT OVERRIDE)
            try:
                _safe_file_name(slug)
                reason = exc.finding.message
            except ValueError as bad:
                reason = str(bad)
            raise GeneratorError(_("--{option} {value!r}: not accepted ({reason}); a slug is a short file name without "
                                   "spaces or \\ / : * ? \" < > |", option="slug", value=slug, reason=reason)) from None
        raise GeneratorError(_("--title {value!r}: not accepted ({reason})", value=title,
                               reason=exc.finding.message)) from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        option = str(first["loc"][0])
        reason = (_("characters a file name cannot hold") if first["type"] == "string_pattern_mismatch"
                  else first.get("ctx", {}).get("error") or first["msg"])
        raise GeneratorError(_("--{option} {value!r}: not accepted ({reason}); a slug is a short file name without "
                               "spaces or \\ / : * ? \" < > |", option=option,
                               value={"slug": slug, "title": title}.get(option, first.get("input")),
                               reason=reason)) from None
    rel = f"conferences/{number:02d}-{slug}.yaml"
    path = content / rel
    if path.exists():
        raise GeneratorError(_("{file} exists already; nothing was written", file=path.as_posix()))
    write_bytes(path, text.encode("utf-8"))
    write_bytes(content / "series.yaml", _with_conference(content / "series.yaml", rel))
    return path


_NUMBER = re.compile(r"^number:\s*(\d+)\s*(?:#.*)?$", re.M)
_PREFIX = re.compile(r"^(\d+)-")


def _numbers_in_files(content: Path) -> set[int]:
    """Every conference number a file in the content folder uses, listed in series.yaml or not: its `number:` and the
    number its name starts with (02-民生保障.yaml), so the next number collides with no file."""
    used: set[int] = set()
    for path in content.rglob("*.yaml"):
        if path.name == "series.yaml" or not path.is_file():
            continue
        prefix = _PREFIX.match(path.name)
        if prefix:
            used.add(int(prefix.group(1)))
        try:
            head = path.read_text(encoding="utf-8-sig", errors="replace")[:4096]
        except OSError:
            continue
        used.update(int(n) for n in _NUMBER.findall(head))
    return {n for n in used if n < 99}


def _with_conference(series_path: Path, rel: str) -> bytes:
    """series.yaml with one more conference listed; comments and layout kept (round-trip YAML)."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    data = yaml.load(series_path.read_text(encoding="utf-8-sig"))
    data["conferences"].append(rel)
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue().encode("utf-8")
