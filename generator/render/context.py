"""What a renderer reads besides the view: the house style and the shared inputs a build reads once for every job."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..theme import HouseStyle
from .fit import Measurer


@dataclass(frozen=True)
class RenderContext:
    """A renderer's inputs besides the view. The build makes one per job (build/kinds.py names, per output kind,
    which of these it reads); a test makes one from a theme alone."""

    theme: HouseStyle = field(default_factory=HouseStyle)
    measure: Measurer = field(default_factory=Measurer)  # the measuring font's widths
    logo: bytes | None = None
    template: bytes | None = None  # a designer's .pptx
    reference: bytes | None = None  # a designer's reference .docx
    images: dict[str, bytes] = field(default_factory=dict)  # chart id -> picture (brief_charts: picture)
    parts: Any = None  # native chart parts made before (chart_store.PartStore), or None
    slides: Any = None  # themes' slides made before (ooxml/slide_replay.SlideStore), or None
    stamp: tuple = ()  # the date the writer gives a package's entries (writer.zip_stamp)
