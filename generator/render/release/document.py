"""The press release and the host's script as .docx: what present/release.py composed, set in the briefing's
official layout (its page setup, styles, page numbers, run writer with unbreakable figures and its 草稿 mark)."""
from __future__ import annotations

import io

from docx.document import Document as DocxDocument

from ...present.release import PressRelease, Script, host_script, press_release
from ...present.view import ConferenceView
from ...theme import HouseStyle
from ..briefing.document import Briefing, banner_lines, draft_headers, official
from ..briefing.style import TEXT_W_PT, TITLE_PT
from ..context import RenderContext
from ..fit import phrase_wrap
from ..ooxml.properties import set_core_properties
from ..ooxml.word_format import drop_styles_with_effects

RUN_IN = "Heading 2"  # a run-in heading takes the second-level heading's face (楷体), inside a body paragraph
CUE = "Subtitle"  # a stage direction in the script: the subtitle's face (楷体), in a body paragraph


def _document(view: ConferenceView, theme: HouseStyle) -> Briefing:
    """An empty document in the briefing's official layout: page, styles, page numbers, theme fonts."""
    return official(view, theme)


def _finished(b: Briefing) -> DocxDocument:
    """Its 草稿 mark when a draft, its fixed properties, no style a word processor would draw with effects."""
    if b.view.draft:
        draft_headers(b)
    set_core_properties(b.doc.core_properties, b.view)
    drop_styles_with_effects(b.doc)
    return b.doc


def _title(b: Briefing, text: str) -> None:
    """The title in 2号 小标宋: a line for each phrase (a title with a space is two phrases, as official titles are
    set), and a phrase too long for a line broken only between words."""
    title = b.paragraph("", "Title")
    phrases = [line for p in text.replace("\u3000", " ").split() for line in phrase_wrap(p, TEXT_W_PT, TITLE_PT, b.measure)]
    for i, phrase in enumerate(phrases):
        if i:
            b.run(title, "", style_name="Title").add_break()
        b.run(title, phrase, style_name="Title")


def _run_in(b: Briefing, heading: str, text: str, face: str = RUN_IN) -> None:
    """A body paragraph that opens with a heading of its own face."""
    p = b.paragraph("", "Normal")
    if heading:
        b.run(p, heading, style_name=face)
    if text:
        b.run(p, text)


def build_release(view: ConferenceView, theme: HouseStyle, release: PressRelease) -> DocxDocument:
    b = _document(view, theme)
    # every figure whole on its line, as in the briefing and the script: a journalist reads and prints the release
    # (1164|户 had been parted); the joiners that hold it are invisible, so what a newsroom pastes into its system
    # is the plain-text copy, 新闻通稿.txt (render/release/text.py)
    b.broken(banner_lines(release.banner, b.measure), "Subtitle")
    _title(b, release.headline)
    b.paragraph("", "Normal")
    b.paragraph(release.lead)
    for section in release.sections:
        if section.heading:
            b.paragraph(section.heading, "Heading 1")
        for para in section.paragraphs:
            _run_in(b, para.title, para.text)
    b.paragraph(release.end)  # （完）: the body ends here, the source lines follow
    b.paragraph("", "Normal")
    for line in release.closing:
        b.paragraph(line)
    return _finished(b)


def build_script(view: ConferenceView, theme: HouseStyle, script: Script) -> DocxDocument:
    b = _document(view, theme)
    b.broken(banner_lines(script.banner, b.measure), "Subtitle")
    _title(b, script.title)
    _title(b, script.kind)
    b.paragraph(script.date, "Subtitle")
    b.paragraph("", "Normal")
    for section in script.sections:
        b.paragraph(section.heading, "Heading 1")
        for line in section.lines:
            b.paragraph(line)
        if section.cue:
            _run_in(b, section.cue, "", face=CUE)
    return _finished(b)


def release_bytes(view: ConferenceView, ctx: RenderContext) -> bytes:
    """The press release (新闻通稿)."""
    return _saved(build_release(view, ctx.theme, press_release(view)))


def script_bytes(view: ConferenceView, ctx: RenderContext) -> bytes:
    """The host's script (主持词), in the theme's wording under the conference's own."""
    return _saved(build_script(view, ctx.theme, host_script(view, ctx.theme.script)))


def _saved(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
