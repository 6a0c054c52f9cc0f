"""Output file names: one table, so the pipeline, the PDF copies and the download page agree on every name."""
from __future__ import annotations

import re

from ..content.model import Conference

# output kind -> the file's name after the conference stem, e.g. 01-转型发展-发布会.pptx
OUTPUTS = {"deck": "发布会.pptx", "brief": "发布材料.docx", "deck_pdf": "发布会.pdf", "brief_pdf": "发布材料.pdf"}
OUTPUTS.update({"infographic": "一图读懂.html", "infographic_png": "一图读懂.png",  # the long image and its text
                "open_data": "数据.csv", "datapackage": "datapackage.json"})  # the open data and its description
WHOLE = {"datapackage.json"}  # names a standard fixes (Frictionless Data): kept whole, without the stem before them
OUTPUTS.update({"release": "新闻通稿.docx", "script": "主持词.docx"})  # the press release and the host's script
OUTPUTS["release_text"] = "新闻通稿.txt"  # the release as plain text, without the .docx's joiners (a newsroom pastes it)
OUTPUTS["redline"] = "修改对照.docx"  # the briefing's tracked changes since it was signed (build/signing.py)
SIGNED = "签发"  # the folder of the signed copies, in the conference's output folder
SIGNED_RECORD = "签发记录.json"  # when they were signed, and the hashes of their content and files
OUTPUTS["signed_record"] = f"{SIGNED}/{SIGNED_RECORD}"  # written by `sign` only; the page reads it
WHOLE.add(OUTPUTS["signed_record"])
PDF_OF = {"deck": "deck_pdf", "brief": "brief_pdf"}  # a document kind -> the kind of its PDF copy


def file_stem(conf: Conference) -> str:
    """Windows-safe output name, e.g. 01-转型发展."""
    return f"{conf.number:02d}-" + re.sub(r'[\\/:*?"<>|\s]', "_", conf.slug)


def output_key(conf: Conference, kind: str) -> str:
    """Where an output lives inside the output folder: 01-转型发展/01-转型发展-发布会.pptx. `kind` is a kind of
    OUTPUTS, or a file name of its own (a kind the build's registry names itself)."""
    stem = file_stem(conf)
    name = OUTPUTS.get(kind, kind)
    return f"{stem}/{name}" if name in WHOLE else f"{stem}/{stem}-{name}"
