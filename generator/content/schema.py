"""JSON Schema export of the content model, so VS Code completes and checks the YAML as the editor types."""
from __future__ import annotations

import json
from pathlib import Path

from ..writer import write_bytes
from .model import Conference, Series

SCHEMAS = {"series.schema.json": Series, "conference.schema.json": Conference}


def schema_json(model) -> bytes:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write_schemas(folder: Path) -> list[Path]:
    return [write_bytes(folder / name, schema_json(model)) for name, model in SCHEMAS.items()]
