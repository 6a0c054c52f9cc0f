"""新闻通稿 as plain text (01-…-新闻通稿.txt): what a newsroom pastes into its own system.

The .docx keeps every figure whole on its line as the briefing does (the number and its unit joined by U+2060, in a
run a word processor breaks as one word); those joiners are invisible, and pasted into a newsroom's system they
would make a search for 2458.8亿元 miss it. This copy holds the same words without any: paragraph by paragraph, as
the release sets them, with a blank line between paragraphs. UTF-8 with its byte-order mark and CRLF line ends, so
that every Notepad, WPS and newsroom editor on a government PC opens it as it is (without the mark, an older
Notepad reads UTF-8 as GBK)."""
from __future__ import annotations

from ...present.release import PressRelease, press_release
from ...present.view import ConferenceView
from ..context import RenderContext


def release_text(release: PressRelease) -> str:
    """The release's paragraphs in order: 引题, title, 导语, each section's heading and paragraphs, （完）, the closing
    lines."""
    blocks = [[release.banner, release.headline], [release.lead]]
    for section in release.sections:
        if section.heading:
            blocks.append([section.heading])
        blocks += [[para.title + para.text] for para in section.paragraphs]
    blocks += [[release.end], list(release.closing)]
    return "\r\n\r\n".join("\r\n".join(line for line in block if line) for block in blocks if any(block)) + "\r\n"


def release_text_bytes(view: ConferenceView, ctx: RenderContext) -> bytes:
    return release_text(press_release(view)).encode("utf-8-sig")
