"""What the download page says of a signed conference: 已签发 with the time, and how many changes followed.

Read from the files on disk, as the rest of the page is: the record `sign` wrote (build/signing.py) and the redline
every later build writes, whose tracked changes are counted (a w:ins or w:del holding text; a paragraph's or a row's
mark is part of the change it belongs to, not one of its own).
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from ..present.labels import signed_note

_CHANGE = re.compile(rb"<w:(?:ins|del)\b[^>]*[^/]>")  # an opening tag, not a self-closing mark


def changes_in(redline: Path) -> int | None:
    """The tracked changes a redline holds; None when it cannot be read."""
    try:
        with zipfile.ZipFile(redline) as package:
            return len(_CHANGE.findall(package.read("word/document.xml")))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def sign_off(record: Path, redline: Path) -> str:
    """'' for a conference never signed; else the page's line (present/labels.signed_note)."""
    if not record.is_file():
        return ""
    try:
        signed_at = str(json.loads(record.read_text(encoding="utf-8")).get("signed_at", ""))
    except (OSError, ValueError):
        return ""
    return signed_note(signed_at, changes_in(redline) if redline.is_file() else None)
