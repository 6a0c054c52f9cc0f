"""The command line's vocabulary: every command, its help and its options, as one table (cli.py builds the parser
from it). A new command is one entry here and one `cmd_…` function in cli.py."""
from __future__ import annotations

import argparse
from pathlib import Path

from . import limits
from .messages import _


def _text(value: str) -> str:
    """Any text argument: what the terminal gave must be text (bytes that are not UTF-8 arrive as lone surrogates)."""
    if undecodable([value]):
        raise argparse.ArgumentTypeError(_("{value!r} is not UTF-8 text", value=value.encode("utf-8", "replace").decode()))
    return value


def undecodable(argv: list[str]) -> str | None:
    """The one line for a command line with bytes that are not UTF-8 (a file name in GBK on a UTF-8 system), or None."""
    for arg in argv:
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return _("error: the argument {value!r} is not UTF-8 text; give the path in UTF-8 (rename the file, or set "
                     "the terminal to UTF-8)", value=shown)
    return None


def port(value: str) -> int:
    """--port: a TCP port, or 0 for any free one."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a port number", value=value)) from None
    if number != 0 and not limits.PORT_LEAST <= number <= limits.PORT_MOST:
        raise argparse.ArgumentTypeError(_("{number} is not a port: use {least}–{most} (0 picks a free one)",
                                           number=number, least=limits.PORT_LEAST, most=limits.PORT_MOST))
    return number


def _followed(value: str) -> Path:
    """Where a folder argument leads; a link that leads round in a loop is refused here in one line (pathlib raised
    RuntimeError from wherever a command first resolved it: exit 3 for `deck --content loop`)."""
    try:
        return Path(value).expanduser().resolve()
    except (RuntimeError, OSError):
        raise argparse.ArgumentTypeError(_("{value!r} is a link that leads round in a loop; name a folder",
                                           value=value)) from None


def content_folder(value: str) -> str:
    """--content: text that names a folder the commands can follow (whether it holds series.yaml is theirs to say)."""
    _text(value)
    _followed(value)
    return value


def out_folder(value: str) -> str:
    """--out: a folder the build may fill, never the root, the home folder or nothing at all (the content folder is
    refused where both are known: build/commands.py)."""
    _text(value)
    if not value.strip():
        raise argparse.ArgumentTypeError(_("an empty folder name; name the output folder, e.g. --out output"))
    where = _followed(value)
    if where == Path(where.anchor) or where == Path.home().resolve():
        raise argparse.ArgumentTypeError(_(
            "{value!r} is {what}; the build writes and replaces files there: name a folder of its own, e.g. --out "
            "output", value=value, what=_("the root folder") if where == Path(where.anchor) else _("your home folder")))
    return value


def _opt(*flags: str, **kw) -> tuple[tuple[str, ...], dict]:
    if "type" not in kw and kw.get("action") is None:  # text arguments: refused with one line when not UTF-8
        kw["type"] = _text
    return flags, kw


CONTENT = _opt("--content", default="content", metavar="DIR", type=content_folder,
               help="content folder holding series.yaml (default: content)")
OUT = _opt("--out", default="output", metavar="DIR", type=out_folder, help="output folder (default: output)")
ONLY = _opt("--only", metavar="N", help="build one conference: its number (1) or file stem (01-转型发展)")
BUILD_OPTIONS = (CONTENT, OUT, ONLY,
                 _opt("--jobs", type=int, default=None, metavar="N",
                      help="worker processes (default: the number of cores; 1 = no pool)"),
                 _opt("--no-cache", action="store_true", help="rebuild everything, ignoring and not updating the cache"),
                 _opt("--final", action="store_true", help="refuse to build a draft: list every missing or unverified "
                                                           "figure and editorial remark, write nothing"))
FORCE = _opt("--force", action="store_true", help="overwrite the file if it exists")
# command -> (help, its options); the build commands take BUILD_OPTIONS
SPECS: dict[str, tuple[str, tuple]] = {
    "check": ("validate all content: schema, arithmetic, missing values",
              (CONTENT, _opt("--strict", action="store_true", help="treat warnings (missing values) as errors"))),
    "deck": ("write one 16:9 .pptx per conference", BUILD_OPTIONS),
    "brief": ("write one .docx briefing per conference, next to its deck", BUILD_OPTIONS),
    "build": ("check, then write every output: decks, briefings, PDF copies, download page",
              (*BUILD_OPTIONS, _opt("--no-pdf", action="store_true", help="skip the PDF copies, slide previews and "
                                                                          "the 一图读懂 PNG (LibreOffice, Chromium): the "
                                                                          "quick loop while editing"))),
    "pdf": ("PDF copies of the decks and briefings (through LibreOffice)", BUILD_OPTIONS),
    "serve": ("live preview: build, serve the output folder on 127.0.0.1, rebuild on every save and refresh the page",
              (*BUILD_OPTIONS, _opt("--port", type=port, default=8000, help="port (default: 8000; 0 picks a free one)"),
               _opt("--no-pdf", action="store_true", help="skip the PDF copies and slide previews (LibreOffice)"))),
    "sign": ("record the current briefing and deck as signed (审签): every later build writes 修改对照.docx, the "
             "briefing with tracked changes since", (CONTENT, OUT, ONLY)),
    "watch": ("rebuild whenever a content, template or theme file is saved", BUILD_OPTIONS),
    "ingest": ("raw press text (.txt, .docx, .pdf) in, a draft content file out",
               (_opt("source", help="the press text: .txt, .docx or .pdf"),
                _opt("-o", "--output", required=True, metavar="FILE",
                     help="draft to write, e.g. content/conferences/02-draft.yaml (refuses to overwrite)"),
                _opt("--force", action="store_true", help="overwrite the draft file if it exists"))),
    "layouts": ("list a .pptx template's (or a built deck's) layouts and placeholders; write an annotated sample deck",
                (_opt("template", nargs="?", default=None,
                      help="a designer's template or a built deck (default: the house template made from the theme)"),
                 _opt("--content", default="content", metavar="DIR", type=content_folder,
                      help="content folder whose theme makes the house template (default: content)"),
                 _opt("--out", default=None, metavar="FILE", help="annotated deck (default: output/<name>-版式说明.pptx)"),
                 _opt("--theme", default=None, metavar="FILE", help="theme file whose deck_layouts mapping to show"))),
    "template": ("write the house master and layouts as a .pptx for a designer to restyle",
                 (_opt("-o", "--output", default="模板.pptx", metavar="FILE",
                       help="the template to write (default: 模板.pptx)"),
                  _opt("--content", default="content", metavar="DIR", type=content_folder,
                       help="content folder whose theme and logo make it (default: content)"), FORCE)),
    "schema": ("write the JSON Schema of the content files (for VS Code)",
               (_opt("--out", default="assets/schema", metavar="DIR",
                     help="folder for the schema files (default: assets/schema)"),)),
    "sheet": ("the figures in an Excel workbook for the statistics bureau, and their corrections back", ()),
    "server": ("a resident build server, so that each command skips Python's start-up imports (about 0.3 s): start "
               "it, stop every one, or show their status",
               (_opt("action", choices=("start", "stop", "status", "run"),
                     help="start, stop or status; run: serve in this process (what start starts in the background)"),)),
    "new": ("scaffold the next conference's content file",
            (CONTENT, _opt("--slug", required=True, help="short title for file names, e.g. 民生保障"),
             _opt("--title", default=None, help="full title of the conference"))),
}
SHEET_SPECS = {
    "export": ("write one workbook per conference: output/01-…/01-…-数据核对表.xlsx",
               (CONTENT, OUT, _opt("--only", metavar="N", help="one conference: its number (1) or file stem (01-转型发展)"),
                _opt("-o", "--output", default=None, metavar="FILE", help="the workbook to write (with --only)"))),
    "apply": ("take a returned workbook's changes into the content files, then check",
              (CONTENT, _opt("workbook", help="the workbook the statistician returned (.xlsx)"),
               _opt("--dry-run", action="store_true", help="list the changes and run every check, write nothing"),
               _opt("--force", action="store_true", help="take the workbook's figure even where the content file "
                                                         "changed since the export"))),
}
