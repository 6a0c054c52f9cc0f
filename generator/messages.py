"""The one message catalogue: every line the editor reads (errors, warnings, reports, --help) is written in English
in the code as `_("… {name} …", name=…)` and translated by gettext from generator/locale/<lang>/LC_MESSAGES/
generator.mo (its source, generator.po, is what a translator edits; `python tools/messages.py` extracts new message
ids into it and compiles it; tests/test_messages.py fails when an id has no Chinese or the .mo is stale).

Chinese is the default. English comes with `--lang en`, or when LC_ALL, LC_MESSAGES or LANG (the first one set)
names an English locale (en_US.UTF-8 …); LANGUAGE=en (gettext's own variable, which leaves the character set
alone) does too. A message id is a str.format template: a translation may reorder its
{fields} and drop a `!r`, never invent or lose one.
"""
from __future__ import annotations

import gettext
import os
from collections.abc import Sequence
from pathlib import Path

DOMAIN = "generator"
LOCALE = Path(__file__).resolve().parent / "locale"
LANGS = ("zh", "en")
_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order: LANGUAGE first

_current: gettext.NullTranslations | None = None
_lang = ""


def from_environment(environ=None) -> str:
    """zh, unless the first locale variable that is set names English."""
    environ = os.environ if environ is None else environ
    for name in _ENV:
        value = environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def use(lang: str | None = None) -> str:
    """Make `lang` (zh or en; None: the environment's) the language of every message from now on; returns it."""
    global _current, _lang
    lang = lang or from_environment()
    if lang not in LANGS:
        lang = "zh"
    if lang != _lang or _current is None:
        if lang == "en":
            _current = gettext.NullTranslations()
        else:
            _current = gettext.translation(DOMAIN, LOCALE, languages=["zh_CN"], fallback=True)
        _lang = lang
    return lang


def language() -> str:
    if _current is None:
        use()
    return _lang


def from_arguments(argv: Sequence[str]) -> str | None:
    """The --lang a command line asks for, read before argparse so that --help itself is translated."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _(msgid: str, /, **fields) -> str:
    """The message in the current language, its {fields} filled in."""
    if _current is None:
        use()
    assert _current is not None
    return _current.gettext(msgid).format(**fields)


def N_(message: str) -> str:
    """Marks a message id for the catalogue where it is translated later (a table of field names)."""
    return message


def argparse_gettext(message: str) -> str:
    """argparse's own words (usage:, options, its errors), from the same catalogue."""
    if _current is None:
        use()
    assert _current is not None
    return _current.gettext(message)
