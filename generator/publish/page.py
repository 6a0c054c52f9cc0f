"""The download page: the views + the files on disk -> output/index.html (jinja2 with autoescape, relative links only)."""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import GeneratorError
from ..present.view import ConferenceView, SeriesView

KEY_FIGURES_ON_PAGE = 6


@dataclass
class Download:
    label: str
    kind: str
    href: str
    size: str


@dataclass
class Thumb:
    href: str
    alt: str
    width: int
    height: int


@dataclass
class ConferencePage:
    number: int
    number_cn: str
    title: str
    date: str
    venue: str
    figures: list[dict] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    thumbs: list[Thumb] = field(default_factory=list)


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def href(path: Path, out: Path) -> str:
    """A relative, percent-encoded link, so the folder can be copied anywhere as it is."""
    return quote(path.relative_to(out).as_posix())


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24]) if data[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)


# output kind -> what the page calls it and the file type it shows
DOWNLOADS = (("deck", "发布会演示文稿", "PPTX"), ("deck_pdf", "发布会演示文稿", "PDF"),
             ("brief", "新闻发布材料", "DOCX"), ("brief_pdf", "新闻发布材料", "PDF"))


def conference_page(view: ConferenceView, out: Path) -> ConferencePage:
    folder = out / view.stem
    page = ConferencePage(view.number, view.number_cn, view.title, view.date, view.venue)
    for m in [m for m in view.key_figures if not m.missing][:KEY_FIGURES_ON_PAGE]:
        page.figures.append({"value": m.text, "label": m.label, "year": m.period})
    for output, label, kind in DOWNLOADS:
        path = out / view.files[output]
        if path.is_file():
            page.downloads.append(Download(label, kind, href(path, out), human_size(path.stat().st_size)))
    thumbs = folder / "thumbs"
    if thumbs.is_dir():
        for i, png in enumerate(sorted(thumbs.glob("slide-*.png")), 1):
            w, h = png_size(png.read_bytes()[:24])
            page.thumbs.append(Thumb(href(png, out), f"第{i}页幻灯片预览", w, h))
    return page


def render_page(template_text: str, series: SeriesView, conferences: list[ConferenceView], out: Path, colours) -> bytes:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    pages = [conference_page(c, out) for c in sorted(conferences, key=lambda c: c.number)]
    html = env.from_string(template_text).render(series=series, conferences=pages, colours=colours)
    return html.encode("utf-8")


def page_bytes(template: Path, shown: str, series: SeriesView, conferences: list[ConferenceView], out: Path,
               colours) -> bytes:
    """output/index.html for the whole series, from the designer's template; its problems named with its line."""
    try:
        return render_page(template.read_text(encoding="utf-8"), series, conferences, out, colours)
    except TemplateSyntaxError as exc:
        raise GeneratorError(f"{shown}:{exc.lineno}: template syntax: {exc.message}") from None
    except TemplateError as exc:
        raise GeneratorError(f"{shown}: template cannot render: {exc}") from None
    except UnicodeDecodeError:
        raise GeneratorError(f"{shown}: not UTF-8; save it as UTF-8") from None
