"""The argument parser, built from arguments.py's table in the language of the messages (messages.py): every help
text of the table is a message id of the catalogue (tools/messages.py extracts them), and argparse's own words
(usage:, options, its errors) come from the same catalogue."""
from __future__ import annotations

import argparse

from . import messages
from .arguments import SHEET_SPECS, SPECS
from .messages import _

LANG = (("--lang",), {"choices": messages.LANGS, "metavar": "zh|en",
                      "help": "language of the messages: zh (default) or en; an English LANG or LC_ALL also gives en"})


def _translated(kw: dict) -> dict:
    return {**kw, "help": _(kw["help"])} if isinstance(kw.get("help"), str) else kw


def _subcommands(sub, specs: dict[str, tuple[str, tuple]]) -> dict[str, argparse.ArgumentParser]:
    made = {}
    for name, (help_text, options) in specs.items():
        made[name] = p = sub.add_parser(name, help=_(help_text), description=_(help_text))
        for flags, kw in (*options, (LANG[0], {**LANG[1], "default": argparse.SUPPRESS})):
            p.add_argument(*flags, **_translated(kw))
    return made


def parser() -> argparse.ArgumentParser:
    argparse._ = messages.argparse_gettext  # type: ignore[attr-defined]  # argparse asks its module's _ for its words
    ap = argparse.ArgumentParser(prog="python -m generator",
                                 description=_("Press-conference decks and briefings from content files."))
    ap.add_argument("--debug", action="store_true", help=_("show the traceback of an unexpected error"))
    ap.add_argument(*LANG[0], **_translated(LANG[1]))
    made = _subcommands(ap.add_subparsers(dest="command", metavar="COMMAND"), SPECS)
    _subcommands(made["sheet"].add_subparsers(dest="sheet_command", metavar="ACTION", required=True), SHEET_SPECS)
    return ap
