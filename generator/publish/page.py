"""The download page: the views + the files on disk -> output/index.html (jinja2 with autoescape, relative links only)."""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from jinja2 import TemplateError, TemplateSyntaxError

from .. import limits
from ..errors import GeneratorError
from ..messages import _
from ..present.sandbox import deadline, page_template, read_page_template
from ..present.view import ConferenceView, SeriesView
from .long_image import PREVIEW
from .made_from import Marks
from .sign_off import sign_off

KEY_FIGURES_ON_PAGE = 6


@dataclass
class Download:
    label: str
    kind: str
    href: str
    size: str
    note: str = ""  # 草稿, 已过期 (made_from.Marks)


@dataclass
class Thumb:
    href: str
    alt: str
    width: int
    height: int
    note: str = ""  # 已过期: older than the deck it shows


@dataclass
class ConferencePage:
    number: int
    number_cn: str
    title: str
    date: str
    venue: str
    withheld: int = 0  # items withheld on purpose: a draft's page says how many, never which; a final page nothing
    figures: list[dict] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    thumbs: list[Thumb] = field(default_factory=list)
    long_image: Thumb | None = None  # the 一图读懂 PNG's preview, linking to the whole image
    long_image_href: str = ""
    signed: str = ""  # 已签发 · 其后有 n 处修改 (publish/sign_off.py); '' when never signed


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def href(path: Path, out: Path) -> str:
    """A relative, percent-encoded link, so the folder can be copied anywhere as it is."""
    return quote(path.relative_to(out).as_posix())


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24]) if data[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)


# output kind -> what the page calls it and the file type it shows
DOWNLOADS = (("deck", "发布会演示文稿", "PPTX"), ("deck_pdf", "发布会演示文稿", "PDF"),
             ("brief", "新闻发布材料", "DOCX"), ("brief_pdf", "新闻发布材料", "PDF"),
             ("release", "新闻通稿", "DOCX"), ("release_text", "新闻通稿纯文本", "TXT"), ("script", "主持词", "DOCX"),
             ("infographic_png", "一图读懂长图", "PNG"), ("infographic", "一图读懂文字版", "HTML"),
             ("open_data", "发布数据", "CSV"), ("datapackage", "数据包说明", "JSON"), ("redline", "修改对照（审签后）", "DOCX"))
LONG_IMAGE_ALT = "一图读懂长图预览（顶部）"


def conference_page(view: ConferenceView, out: Path) -> ConferencePage:
    folder = out / view.stem
    # how many items are withheld is the editors' business: a draft's page says it, the page journalists get does not
    page = ConferencePage(view.number, view.number_cn, view.title, view.date, view.venue,
                          view.withheld if view.draft else 0)
    for m in [m for m in view.key_figures if not m.missing][:KEY_FIGURES_ON_PAGE]:
        page.figures.append({"value": m.text, "label": m.label, "year": m.period})
    # a document and its PDF copy: the view names both (deck and deck_pdf, brief and brief_pdf)
    copies = {out / view.files[kind + "_pdf"]: out / view.files[kind] for kind in view.files if kind + "_pdf" in view.files}
    marks = Marks(out, view.draft, copies)
    for output, label, kind in DOWNLOADS:
        path = out / view.files[output] if output in view.files else None
        if path is not None and path.is_file():
            page.downloads.append(Download(label, kind, href(path, out), human_size(path.stat().st_size), marks.file(path)))
    page.long_image, page.long_image_href = long_image(view, out)
    page.signed = sign_off(out / view.files["signed_record"], out / view.files["redline"])
    thumbs = folder / "thumbs"
    if thumbs.is_dir():
        for i, png in enumerate(sorted(thumbs.glob("slide-*.png")), 1):
            w, h = png_size(png.read_bytes()[:24])
            page.thumbs.append(Thumb(href(png, out), f"第{i}页幻灯片预览", w, h,
                                     marks.preview(png, i, out / view.files["deck"])))
    return page


def long_image(view: ConferenceView, out: Path) -> tuple[Thumb | None, str]:
    """The long image's preview and the link to the whole PNG, when both were made (build/copies.py)."""
    png = out / view.files["infographic_png"]
    small = png.parent / PREVIEW
    if not (png.is_file() and small.is_file()):
        return None, ""
    w, h = png_size(small.read_bytes()[:24])
    return Thumb(href(small, out), LONG_IMAGE_ALT, w, h), href(png, out)


PAGE_SECONDS = limits.PAGE_SECONDS  # generator/limits.py: a template that takes longer is looping away
PAGE_CHARS = limits.PAGE_CHARS  # and one that writes more is building something no browser wants


class PageLimit(Exception):
    """Raised when the page template passes its size bound, or writes what no file can hold (at `line`)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def render_page(template_text: str, series: SeriesView, conferences: list[ConferenceView], out: Path, colours) -> bytes:
    """The page, streamed and bounded (present/sandbox.py): past PAGE_SECONDS, PAGE_CHARS, or any value's bound, it
    stops, so nested loops, power towers and padding methods cannot hang a build."""
    template = page_template(template_text)
    pages = [conference_page(c, out) for c in sorted(conferences, key=lambda c: c.number)]
    parts, size = [], 0
    with deadline(PAGE_SECONDS, "the page template"):
        chunks = template.generate(series=series, conferences=pages, colours=colours)
        for chunk in chunks:
            size += len(chunk)
            if size > PAGE_CHARS:
                raise PageLimit(f"wrote over {PAGE_CHARS:,} characters")
            try:
                parts.append(chunk.encode("utf-8"))
            except UnicodeEncodeError as exc:  # a lone surrogate ('\ud800'): no file can hold it
                raise PageLimit(_("writes a character no file can hold (U+{code})", code=f"{ord(chunk[exc.start]):04X}"),
                                _line_now(chunks, template)) from None
    return b"".join(parts)


def _line_now(chunks, template) -> int:
    """The template's line that wrote the chunk just handed over: the innermost generator's frame, mapped back."""
    frame, inner = None, chunks
    while inner is not None:
        frame, inner = getattr(inner, "gi_frame", None) or frame, getattr(inner, "gi_yieldfrom", None)
    return template.get_corresponding_lineno(frame.f_lineno) if frame is not None else 1


def page_bytes(template: Path, shown: str, series: SeriesView, conferences: list[ConferenceView], out: Path,
               colours) -> bytes:
    """output/index.html for the whole series, from the designer's template; its problems named with its line."""
    text = read_page_template(template, shown)
    try:
        return render_page(text, series, conferences, out, colours)
    except TemplateSyntaxError as exc:
        raise GeneratorError(_("{shown}:{lineno}: template syntax: {message}", shown=shown, lineno=exc.lineno,
                               message=exc.message)) from None
    except TemplateError as exc:
        raise GeneratorError(_("{shown}:{lineno}: template cannot render: {exc}", shown=shown,
                               lineno=_template_line(), exc=exc)) from None
    except PageLimit as exc:
        if exc.line:
            raise GeneratorError(_("{shown}:{lineno}: the page template {exc}", shown=shown, lineno=exc.line,
                                   exc=exc.args[0])) from None
        raise GeneratorError(_("{shown}: the page template {exc}; look for nested or runaway loops", shown=shown,
                               exc=exc)) from None
    except TypeError as exc:  # {% include %} and {% extends %}: the page has no loader, by design
        raise GeneratorError(_("{shown}: template cannot render: {exc}; the page template stands alone (no include or extends)",
                               shown=shown, exc=exc)) from None
    # what only rendering finds: a macro calling itself for ever, a character no file can hold ('\ud800'), a number
    # too large to print; said at the template's line where it happened (jinja maps its frames to the template's)
    except RecursionError:
        raise GeneratorError(_("{shown}:{lineno}: the page template calls itself without end (a macro that calls "
                               "itself?)", shown=shown, lineno=_template_line())) from None
    except (ArithmeticError, ValueError, MemoryError) as exc:
        raise GeneratorError(_("{shown}:{lineno}: template cannot render: {exc}", shown=shown,
                               lineno=_template_line(), exc=type(exc).__name__)) from None


def _template_line() -> int:
    """The template's line of the exception being handled: its last frame in the template's own code."""
    import sys

    line, tb = 1, sys.exc_info()[2]
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line

