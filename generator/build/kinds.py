"""The registry of output kinds: what a build makes, each kind one entry naming its inputs, renderer and file name.

A document kind is rendered from one conference's view in a worker process: its `render` is a function
(view, context) -> bytes, and `needs` names the shared inputs (the render/context.RenderContext fields) it reads besides the view, which
are also what its up-to-date key is made of. The copies made from written documents (the PDFs and slide previews)
and the series' download page are made after the documents, by publish/; they are listed here too so that one
table says everything a build writes and under which name.

A new kind is one renderer module and one `register(...)` call (tests/build/test_kinds.py adds one).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..messages import _
from ..present.names import OUTPUTS
from ..render.context import RenderContext

Inputs = RenderContext  # what a document's renderer reads besides its view


@dataclass(frozen=True)
class OutputKind:
    name: str
    render: Callable[[Any, RenderContext], bytes] | None  # None: made by publish/ from other outputs
    needs: tuple[str, ...] = ()  # the Inputs fields it reads (besides stamp and theme, which every document reads)
    warm: str | None = None  # the module a worker imports ahead, while the build loads the content
    file: str | None = None  # the file's name after the conference stem; None: present/names.OUTPUTS names it
    pictures: bool = False  # it shows chart pictures when the theme asks for brief_charts: picture
    package: bool = False  # an OOXML zip, whose entries are dated and ordered so that its bytes repeat (writer.py)
    # kinds of one family (made with one library) of a conference are rendered in one worker, one after the other:
    # the worker that loaded python-docx for the briefing writes the release and the script too, rather than another
    # loading it again (a cold build's release cost the deck's worker 76 ms where it takes 22)
    family: str | None = None

    @property
    def file_name(self) -> str:
        return self.file or OUTPUTS[self.name]


KINDS: dict[str, OutputKind] = {}


def register(kind: OutputKind) -> OutputKind:
    if kind.file is None and kind.name not in OUTPUTS:
        raise ValueError(_("output kind {name!r} has no file name: give file= or add it to present/names.OUTPUTS",
                           name=kind.name))
    unknown = set(kind.needs) - set(RenderContext.__dataclass_fields__)
    if unknown:
        raise ValueError(_("output kind {name!r} needs unknown inputs {sorted}; choose from {sorted2}",
                           name=kind.name, sorted=sorted(unknown),
                           sorted2=sorted(RenderContext.__dataclass_fields__)))
    KINDS[kind.name] = kind
    return kind


def output_kind(name: str) -> OutputKind:
    try:
        return KINDS[name]
    except KeyError:
        raise UsageError(_("unknown output kind {name!r}; known kinds: {value}", name=name, value=', '.join(KINDS))) from None


def documents(names: tuple[str, ...]) -> tuple[OutputKind, ...]:
    """The kinds among `names` that are rendered from a view, in the registry's order."""
    return tuple(k for k in KINDS.values() if k.name in names and k.render is not None)


# ---------------------------------------------------------------- the shipped kinds


def _deck(view, inputs: Inputs) -> bytes:
    from ..render.deck.document import deck_bytes

    return deck_bytes(view, inputs)


def _brief(view, inputs: Inputs) -> bytes:
    from ..render.briefing.document import briefing_bytes

    return briefing_bytes(view, inputs)


register(OutputKind("deck", _deck, needs=("measure", "logo", "template", "parts", "slides"),
                    warm="generator.render.deck.document", package=True))
register(OutputKind("brief", _brief, needs=("images", "reference", "parts"), warm="generator.render.briefing.document",
                    pictures=True, package=True, family="docx"))
register(OutputKind("deck_pdf", None))  # publish/pdf.py, with the slide previews under thumbs/
register(OutputKind("brief_pdf", None))  # publish/pdf.py


def _release(view, inputs: Inputs) -> bytes:
    from ..render.release.document import release_bytes

    return release_bytes(view, inputs)


def _script(view, inputs: Inputs) -> bytes:
    from ..render.release.document import script_bytes

    return script_bytes(view, inputs)


register(OutputKind("release", _release, warm="generator.render.release.document", package=True,
                    family="docx"))  # 新闻通稿
register(OutputKind("script", _script, warm="generator.render.release.document", package=True,
                    family="docx"))  # 主持词


def _release_text(view, inputs: Inputs) -> bytes:
    from ..render.release.text import release_text_bytes

    return release_text_bytes(view, inputs)


register(OutputKind("release_text", _release_text))  # 新闻通稿 as plain text, for a newsroom's system


def _infographic(view, inputs: Inputs) -> bytes:
    from ..render.infographic.document import infographic_html

    return infographic_html(view, inputs)


def _open_data(view, inputs: Inputs) -> bytes:
    from ..render.open_data import csv_bytes

    return csv_bytes(view)


def _datapackage(view, inputs: Inputs) -> bytes:
    from ..render.open_data import datapackage_bytes

    return datapackage_bytes(view)


register(OutputKind("infographic", _infographic, needs=("measure",), warm="generator.render.infographic.document"))
register(OutputKind("infographic_png", None))  # publish/long_image.py (Chromium), after the documents
register(OutputKind("open_data", _open_data))
register(OutputKind("datapackage", _datapackage))
