"""The registry of output kinds: what a build makes, each kind one entry naming its inputs, renderer and file name.

A document kind is rendered from one conference's view in a worker process: its `render` is a function
(view, inputs) -> bytes, and `needs` names the shared inputs (the `Inputs` fields) it reads besides the view, which
are also what its up-to-date key is made of. The copies made from written documents (the PDFs and slide previews)
and the series' download page are made after the documents, by publish/; they are listed here too so that one
table says everything a build writes and under which name.

A new kind is one renderer module and one `register(...)` call (tests/build/test_kinds.py adds one).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from ..present.names import OUTPUTS


@dataclass(frozen=True)
class Inputs:
    """What a document's renderer may read besides its view: the build reads each once and hands it to every job."""

    stamp: tuple = ()  # the zip entries' date (writer.zip_stamp)
    theme: Any = None  # HouseStyle
    measure: Any = None  # render.fit.Measurer: the measuring font's widths
    logo: bytes | None = None
    template: bytes | None = None  # a designer's .pptx
    reference: bytes | None = None  # a designer's reference .docx
    images: dict[str, bytes] = field(default_factory=dict)  # chart id -> picture (brief_charts: picture)
    parts: Any = None  # store section of native chart parts (render/chart_store.PartStore)
    slides: Any = None  # store section of recorded slides (render/ooxml/slide_replay.SlideStore)


@dataclass(frozen=True)
class OutputKind:
    name: str
    render: Callable[[Any, Inputs], bytes] | None  # None: made by publish/ from other outputs
    needs: tuple[str, ...] = ()  # the Inputs fields it reads (besides stamp and theme, which every document reads)
    warm: str | None = None  # the module a worker imports ahead, while the build loads the content
    file: str | None = None  # the file's name after the conference stem; None: present/names.OUTPUTS names it
    pictures: bool = False  # it shows chart pictures when the theme asks for brief_charts: picture
    package: bool = False  # an OOXML zip, whose entries are dated and ordered so that its bytes repeat (writer.py)

    @property
    def file_name(self) -> str:
        return self.file or OUTPUTS[self.name]


KINDS: dict[str, OutputKind] = {}


def register(kind: OutputKind) -> OutputKind:
    if kind.file is None and kind.name not in OUTPUTS:
        raise ValueError(f"output kind {kind.name!r} has no file name: give file= or add it to present/names.OUTPUTS")
    unknown = set(kind.needs) - set(Inputs.__dataclass_fields__)
    if unknown:
        raise ValueError(f"output kind {kind.name!r} needs unknown inputs {sorted(unknown)}; "
                         f"choose from {sorted(Inputs.__dataclass_fields__)}")
    KINDS[kind.name] = kind
    return kind


def output_kind(name: str) -> OutputKind:
    try:
        return KINDS[name]
    except KeyError:
        raise UsageError(f"unknown output kind {name!r}; known kinds: {', '.join(KINDS)}") from None


def documents(names: tuple[str, ...]) -> tuple[OutputKind, ...]:
    """The kinds among `names` that are rendered from a view, in the registry's order."""
    return tuple(k for k in KINDS.values() if k.name in names and k.render is not None)


# ---------------------------------------------------------------- the shipped kinds


def _deck(view, inputs: Inputs) -> bytes:
    from ..render.deck.document import deck_bytes

    return deck_bytes(view, inputs.theme, inputs.measure, inputs.logo, inputs.template, inputs.parts, inputs.slides)


def _brief(view, inputs: Inputs) -> bytes:
    from ..render.briefing.document import briefing_bytes

    return briefing_bytes(view, inputs.theme, inputs.images, inputs.reference, inputs.parts)


register(OutputKind("deck", _deck, needs=("measure", "logo", "template", "parts", "slides"),
                    warm="generator.render.deck.document", package=True))
register(OutputKind("brief", _brief, needs=("images", "reference", "parts"), warm="generator.render.briefing.document",
                    pictures=True, package=True))
register(OutputKind("deck_pdf", None))  # publish/pdf.py, with the slide previews under thumbs/
register(OutputKind("brief_pdf", None))  # publish/pdf.py
