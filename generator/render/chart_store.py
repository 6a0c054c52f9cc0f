"""Native chart parts made before, and where they are kept: the renderers only ask a PartStore (the build's cache,
cache.ChartParts, is one). Imports no document library, so that a briefing whose charts were all made before
never loads python-pptx's chart machinery (0.12 s)."""
from __future__ import annotations

from typing import Protocol

from ..present.charts import ChartData


class PartStore(Protocol):
    def key(self, *parts: str) -> str: ...

    def get(self, key: str) -> tuple[bytes, bytes] | None: ...

    def put(self, key: str, xml: bytes, workbook: bytes) -> None: ...


def chart_key(parts: PartStore, data: ChartData, faces: tuple[str, str], themed: bool) -> str:
    """Everything a chart part is made from besides the look the store already holds: data, faces, theme colours."""
    return parts.key(faces[0], faces[1], str(themed), repr(data))


def made_before(parts: PartStore | None, data: ChartData, faces: tuple[str, str],
                themed: bool) -> tuple[bytes, bytes] | None:
    """The chart XML and workbook made for the same data and look, if the store has them."""
    return parts.get(chart_key(parts, data, faces, themed)) if parts is not None else None
