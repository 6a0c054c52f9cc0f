"""Output file names: one table, so the pipeline, the PDF copies and the download page agree on every name."""
from __future__ import annotations

from ..content.model import Conference
from ..content.project import file_stem

__all__ = ["OUTPUTS", "PDF_OF", "file_stem", "output_key"]

# output kind -> the file's name after the conference stem, e.g. 01-转型发展-发布会.pptx
OUTPUTS = {"deck": "发布会.pptx", "brief": "发布材料.docx", "deck_pdf": "发布会.pdf", "brief_pdf": "发布材料.pdf"}
PDF_OF = {"deck": "deck_pdf", "brief": "brief_pdf"}  # a document kind -> the kind of its PDF copy


def output_key(conf: Conference, kind: str) -> str:
    """Where an output lives inside the output folder: 01-转型发展/01-转型发展-发布会.pptx. `kind` is a kind of
    OUTPUTS, or a file name of its own (a kind the build's registry names itself)."""
    stem = file_stem(conf)
    return f"{stem}/{stem}-{OUTPUTS.get(kind, kind)}"
