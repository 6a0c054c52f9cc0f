"""Sign-off (审签): `sign` records the briefing and deck a leader approved; every later build writes the redline
`<stem>-修改对照.docx`, the current briefing with Word tracked changes from the signed one, so whoever signs again sees
exactly what changed since.

The signed copies and their record live in the conference's output folder, under 签发/:

    output/01-转型发展/签发/01-转型发展-发布材料.docx   the briefing as signed
    output/01-转型发展/签发/01-转型发展-发布会.pptx     the deck as signed
    output/01-转型发展/签发/签发记录.json              when, the content's hash, each file's hash

Signing builds the conference with --final first, so a draft is never signed and what is signed is what the content
says now.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from pathlib import Path

from ..content.loader import LoadedConference
from ..errors import GeneratorError
from ..messages import _
from ..present.labels import REVIEWER
from ..present.names import SIGNED, file_stem, output_key
from ..writer import write_bytes

SIGNED_KINDS = ("brief", "deck")


def signed_folder(out: Path, conf) -> Path:
    return out / file_stem(conf) / SIGNED


def content_hash(loaded: LoadedConference, series_path: Path) -> str:
    """The hash of what the conference's documents are made from: its file and the series file."""
    digest = hashlib.sha256()
    for path in (series_path, loaded.path):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def sign(chosen: list[LoadedConference], series_path: Path, out: Path) -> list[str]:
    """Copy each conference's briefing and deck into 签发/ with their record; one line per conference."""
    lines = []
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    for loaded in chosen:
        folder = signed_folder(out, loaded.model)
        files = {}
        for kind in SIGNED_KINDS:
            current = out / output_key(loaded.model, kind)
            if not current.is_file():
                raise GeneratorError(_("{current} is missing: build the conference before signing it",
                                       current=current))
            data = current.read_bytes()
            write_bytes(folder / current.name, data)
            files[current.name] = hashlib.sha256(data).hexdigest()
        record = {"signed_at": now.isoformat().replace("+00:00", "Z"),
                  "content_sha256": content_hash(loaded, series_path), "files": files}
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        write_bytes(out / output_key(loaded.model, "signed_record"), text.encode("utf-8"))
        lines.append(_("signed {conference} at {time}: {files} copied to {folder}/", conference=file_stem(loaded.model),
                       time=record["signed_at"], files=", ".join(files), folder=folder.relative_to(out).as_posix()))
    return lines


def _author(docx: bytes) -> str:
    """Who the changes are shown as made by: the document's author (the organiser), as Word shows a reviewer."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        core = etree.fromstring(package.read("docProps/core.xml"))
    creator = core.find("{http://purl.org/dc/elements/1.1/}creator")
    return creator.text.strip() if creator is not None and creator.text and creator.text.strip() else REVIEWER


def make_redlines(chosen: list[LoadedConference], out: Path) -> list[Path]:
    """For each signed conference: the redline from its signed briefing to the current one; the files written. (The
    page reads the record and counts the redline's changes itself, from the files: publish/sign_off.py.)"""
    from ..render.ooxml.tracked_changes import redline

    written: list[Path] = []
    for loaded in chosen:
        folder = signed_folder(out, loaded.model)
        record_path = out / output_key(loaded.model, "signed_record")
        current = out / output_key(loaded.model, "brief")
        if not record_path.is_file() or not current.is_file():
            continue
        try:
            json.loads(record_path.read_text(encoding="utf-8"))  # a damaged record is said, not passed over
            signed = (folder / current.name).read_bytes()
        except (OSError, ValueError) as exc:
            raise GeneratorError(_("{record_path}: the signed record cannot be read ({exc}); sign again",
                                   record_path=record_path, exc=exc)) from None
        data = current.read_bytes()
        marked, _changes = redline(signed, data, _author(data), "")
        target = out / output_key(loaded.model, "redline")
        if not target.is_file() or target.read_bytes() != marked:
            written.append(write_bytes(target, marked))
    return written
