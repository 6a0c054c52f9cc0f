"""`new`: the next conference's content file, valid and ready to fill."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import GeneratorError
from ..writer import write_bytes
from .loader import load_project
from .model import Conference
from .numerals import cn

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
    project = load_project(content)
    for c in project.conferences:
        if c.model.slug == slug:
            raise GeneratorError(f"--slug {slug}: already used by conference {c.model.number} ({c.source.file}); choose another")
    number = max((c.model.number for c in project.conferences), default=0) + 1
    # a title is written as a double-quoted YAML string (JSON's escaping is valid YAML), so any title round-trips
    text = TEMPLATE.format(number=number, cn_number=cn(number), slug=slug,
                           title=json.dumps(title or f"第{cn(number)}场发布会（标题待补充）", ensure_ascii=False))
    from pydantic import ValidationError
    from ruamel.yaml import YAML

    try:  # the scaffold itself must pass the schema; a bad --slug or --title shows up here
        Conference.model_validate(YAML(typ="safe").load(text))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        reason = first.get("ctx", {}).get("error") or first["msg"]
        raise GeneratorError(f"--{first['loc'][0]} {first.get('input')!r}: not accepted ({reason}); "
                             f"a slug is a short file name without spaces or \\ / : * ? \" < > |") from None
    rel = f"conferences/{number:02d}-{slug}.yaml"
    path = content / rel
    if path.exists():
        raise GeneratorError(f"{path.as_posix()} exists already; nothing was written")
    write_bytes(path, text.encode("utf-8"))
    write_bytes(content / "series.yaml", _with_conference(content / "series.yaml", rel))
    return path


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
