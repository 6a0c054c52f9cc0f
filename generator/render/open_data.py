"""The open data's two files from the view's rows (present/open_data.py): the CSV, UTF-8 with a byte-order mark so
that Excel on a Chinese Windows PC reads it as UTF-8, and its datapackage.json (Frictionless Data: a tabular data
resource with its path, format, encoding, size, hash and Table Schema). Both are the same bytes for the same rows."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import PurePosixPath

from ..present.open_data import DATA_TITLE, DRAFT, FIELDS
from ..present.view import ConferenceView

BOM = "\ufeff"
ENCODING = "utf-8"  # the IANA name the Data Package spec asks for; the BOM is UTF-8's own mark, read past by tools
MISSING_VALUES = ("",)


def csv_bytes(view: ConferenceView) -> bytes:
    """The header (the schema's field names) and one row per published metric; CRLF line ends, as Excel writes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([f.name for f in FIELDS])
    writer.writerows(row.cells for row in view.data)
    return (BOM + buffer.getvalue()).encode(ENCODING)


def package(view: ConferenceView) -> dict:
    """The Data Package descriptor of the conference's CSV, beside it in the conference's folder."""
    data = csv_bytes(view)
    title = f"{view.heading}{DATA_TITLE}" + (f"（{DRAFT}）" if view.draft else "")
    schema = {"fields": [{"name": f.name, "type": f.type, "title": f.title, "description": f.description}
                         for f in FIELDS],
              "primaryKey": ["id"], "missingValues": list(MISSING_VALUES)}
    resource = {"name": "metrics", "path": PurePosixPath(view.files["open_data"]).name,
                "profile": "tabular-data-resource", "title": title, "format": "csv", "mediatype": "text/csv",
                "encoding": ENCODING, "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True}, "schema": schema}
    return {"profile": "tabular-data-package", "name": f"conference-{view.number:02d}", "title": title,
            "description": view.banner, "sources": [{"title": view.source}],
            "contributors": [{"title": name, "role": "publisher"} for name in view.organisers],
            "resources": [resource]}


def datapackage_bytes(view: ConferenceView) -> bytes:
    """datapackage.json: indented, keys in the spec's order, UTF-8 without escapes (a reader sees 地区生产总值)."""
    return (json.dumps(package(view), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
