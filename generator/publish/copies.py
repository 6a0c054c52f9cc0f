"""After the documents: PDF copies, slide thumbnails and the download page, each redone only when its source changed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from ..cache import Manifest, generator_fingerprint, sha
from ..content.loader import LoadedConference, Project
from ..errors import GeneratorError
from ..present.names import OUTPUTS, PDF_OF, output_key
from ..present.view import present, present_series
from ..theme import load_theme, resolve_asset
from ..writer import write_bytes, zip_stamp
from .page import render_page
from .pdf import ConversionError, normalise_pdf, pdftoppm, soffice, thumbnails, to_pdf


@dataclass
class PublishResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def make_pdfs(conferences: list[LoadedConference], out: Path, result: PublishResult, thumbs: bool = True) -> None:
    """PDF copies of every deck and briefing present; thumbnails of each deck. One LibreOffice run for all."""
    manifest = Manifest.load(out)
    todo: dict[Path, tuple[Path, str, LoadedConference]] = {}
    for loaded in conferences:
        for doc_kind, pdf_kind in PDF_OF.items():
            doc = out / output_key(loaded.model, doc_kind)
            if not doc.is_file():
                continue
            pdf = out / output_key(loaded.model, pdf_kind)
            inputs = sha(generator_fingerprint(), doc.read_bytes())
            key = pdf.relative_to(out).as_posix()
            if manifest.up_to_date(pdf, key, inputs) and (pdf_kind != "deck_pdf" or not thumbs
                                                           or (pdf.parent / "thumbs").is_dir()):
                result.skipped.append(pdf)
            else:
                todo[doc] = (pdf, inputs, loaded)
    if not todo:
        return
    if soffice() is None:
        result.notices.append("LibreOffice (soffice) is not installed: PDF copies and slide previews were skipped; "
                              "install it (Debian: apt-get install libreoffice-impress libreoffice-writer) to make them")
        return
    try:
        pdfs = to_pdf(sorted(todo))
    except (ConversionError, OSError) as exc:
        raise GeneratorError(f"PDF conversion failed: {exc}") from None
    for doc in sorted(todo):
        pdf, inputs, loaded = todo[doc]
        data = normalise_pdf(pdfs[doc], zip_stamp(loaded.model.date))
        result.written.append(write_bytes(pdf, data))
        manifest.record(pdf.relative_to(out).as_posix(), inputs, data)
        if thumbs and pdf.name.endswith(OUTPUTS["deck_pdf"]):
            write_thumbnails(data, pdf.parent / "thumbs", result)
    manifest.save()


def write_thumbnails(pdf: bytes, folder: Path, result: PublishResult) -> None:
    if pdftoppm() is None:
        result.notices.append("pdftoppm (Debian: poppler-utils) is not installed: slide previews were skipped")
        return
    pages = thumbnails(pdf)
    for i, png in enumerate(pages, 1):
        write_bytes(folder / f"slide-{i:02d}.png", png)
    for stale in folder.glob("slide-*.png"):  # a shorter deck than last time: drop the pages it no longer has
        if int(stale.stem.split("-")[1]) > len(pages):
            stale.unlink()
    result.written.append(folder)


def make_page(project: Project, out: Path, result: PublishResult) -> None:
    """output/index.html for the whole series, from the designer's template."""
    theme = load_theme(project.root, project.series.theme)
    template_path = resolve_asset(project.root, theme.page_template, "page_template")
    shown = template_path.relative_to(project.root).as_posix()
    try:
        views = [present(project.series, c.model) for c in project.conferences]
        html = render_page(template_path.read_text(encoding="utf-8"), present_series(project.series), views, out,
                           theme.colours)
    except TemplateSyntaxError as exc:
        raise GeneratorError(f"{shown}:{exc.lineno}: template syntax: {exc.message}") from None
    except TemplateError as exc:
        raise GeneratorError(f"{shown}: template cannot render: {exc}") from None
    except UnicodeDecodeError:
        raise GeneratorError(f"{shown}: not UTF-8; save it as UTF-8") from None
    result.written.append(write_bytes(out / "index.html", html))
