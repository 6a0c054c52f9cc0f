"""The copies made from written documents: a PDF of each deck and briefing, the deck's slide previews, and the
一图读懂 long image's PNG (and its preview) from its HTML.

publish/pdf.py converts (LibreOffice, pdftoppm: bytes in, bytes out); this module decides which documents need it
(the manifest: a PDF is made again only when its document, the font map or the generator changed), writes the
results and records them.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..content.loader import LoadedConference
from ..errors import GeneratorError
from ..messages import _
from ..present.names import PDF_OF, output_key
from ..theme import Fonts
from ..writer import write_bytes, zip_stamp
from .conversions import converted, is_deck, kept_font_config, previews_due, previews_of, record_pdf
from .fingerprint import generator_fingerprint
from .store import sha, user_folder
from .up_to_date import Manifest


@dataclass
class PublishResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    faces: list[str] = field(default_factory=list)  # per PDF written: which face drew each role (publish/faces.py)


def _documents(conferences: list[LoadedConference], out: Path) -> list[tuple[Path, Path, LoadedConference]]:
    """(document, its PDF, its conference) for every deck and briefing on disk."""
    found = []
    for loaded in conferences:
        for doc_kind, pdf_kind in PDF_OF.items():
            doc = out / output_key(loaded.model, doc_kind)
            if doc.is_file():
                found.append((doc, out / output_key(loaded.model, pdf_kind), loaded))
    return found


def _out_of_date(documents: list[tuple[Path, Path, LoadedConference]], out: Path, manifest: Manifest, fonts: bytes,
                 thumbs: bool, digests: dict[Path, list[str]],
                 result: PublishResult) -> dict[Path, tuple[Path, str, LoadedConference]]:
    """Document -> (its PDF, the hash of what the PDF is made from, its conference), for the PDFs to make again."""
    todo: dict[Path, tuple[Path, str, LoadedConference]] = {}
    for doc, pdf, loaded in documents:
        inputs = sha(generator_fingerprint(), doc.read_bytes(), fonts)
        if manifest.up_to_date(pdf, pdf.relative_to(out).as_posix(), inputs) and (
                not is_deck(doc) or not thumbs or not previews_due(doc, out, manifest, fonts, digests.get(doc)).pages):
            result.skipped.append(pdf)
        else:
            todo[doc] = (pdf, inputs, loaded)
    return todo


def _faces_and_slides(documents: list[Path], font_map: Path | None, thumbs: bool,
                      asking: ThreadPoolExecutor) -> tuple[bytes, dict[Path, list[str]]]:
    """What the PDFs are keyed on besides their document: the map and the faces installed (a PDF is made again when
    they change: an office installs its licensed 仿宋), listed by fontconfig in a process of its own while the decks'
    slides are hashed here (for the previews due)."""
    from ..publish.faces import installed_faces
    from ..publish.made_from import slide_digests

    listing = asking.submit(installed_faces, font_map, user_folder("fonts"), kept_font_config(font_map))
    digests = {doc: slide_digests(doc.read_bytes()) for doc in documents if thumbs and is_deck(doc)}
    return (font_map.read_bytes() if font_map is not None else b"") + listing.result(), digests


def make_pdfs(conferences: list[LoadedConference], out: Path, result: PublishResult, thumbs: bool = True,
              font_map: Path | None = None, fonts: Fonts | None = None) -> None:
    """PDF copies of every deck and briefing present, their figures described and the faces that drew them named;
    thumbnails of each deck. One LibreOffice run for all."""
    from ..publish.pdf import soffice

    manifest = Manifest.load(out)
    documents = _documents(conferences, out)
    asking = ThreadPoolExecutor(1, thread_name_prefix="faces")  # fontconfig's answers, while the rest goes on
    try:
        faces, digests = _faces_and_slides([doc for doc, _, _ in documents], font_map, thumbs, asking)
        todo = _out_of_date(documents, out, manifest, faces, thumbs, digests, result)
        if not todo:
            return
        if soffice() is None:
            result.notices.append(_("LibreOffice (soffice) is not installed: PDF copies and slide previews were "
                                    "skipped; install it (Debian: apt-get install libreoffice-impress "
                                    "libreoffice-writer; Windows: libreoffice.org) to make them"))
            return
        dues = previews_of(todo, out, manifest, faces, result.notices, digests) if thumbs else {}
        # the faces each kind of PDF's roles get (fontconfig, a dozen processes) are asked for while LibreOffice
        # converts
        chosen = {deck: asking.submit(faces_of, deck, fonts, font_map, faces) for deck in
                  sorted({is_deck(doc) for doc in todo}, reverse=True)} if fonts is not None else {}
        _finish(todo, dues, chosen, out, result, font_map, manifest)
    finally:
        asking.shutdown(cancel_futures=True)
    manifest.save()


def _finish(todo: dict[Path, tuple[Path, str, LoadedConference]], dues: dict, chosen: dict[bool, Future], out: Path,
            result: PublishResult, font_map: Path | None, manifest: Manifest) -> None:
    """Each PDF converted, described, normalised, written and recorded as soon as LibreOffice has made it."""
    from ..publish.alt_text import describe
    from ..publish.faces import face_line
    from ..publish.pdf import ConversionError, normalise_pdf

    # through one LibreOffice kept running (the print faces' copies outlive the build); each PDF is finished here as
    # soon as it is made, while LibreOffice, a process of its own, converts the others
    made = converted(sorted(todo), dues, font_map, user_folder("fonts"), out, manifest, result.notices)
    finished: dict[Path, tuple[list[Path], str | None]] = {}  # reported in the documents' order, not as they came
    try:
        while True:
            try:
                doc, raw = next(made)
            except StopIteration:
                break
            except (ConversionError, OSError) as exc:
                raise GeneratorError(_("PDF conversion failed: {exc}", exc=exc)) from None
            pdf, inputs, loaded = todo[doc]
            deck = is_deck(doc)
            source = doc.read_bytes()
            described = describe(raw, source, deck)  # LibreOffice leaves the figures' /Alt out
            data = normalise_pdf(described.pdf, zip_stamp(loaded.model.date))
            written = [write_bytes(pdf, data)]
            manifest.record(pdf.relative_to(out).as_posix(), inputs, data)
            record_pdf(out, pdf, source)
            if doc in dues:
                written.append(pdf.parent / "thumbs")
            finished[doc] = (written, face_line(pdf.name, chosen[deck].result(), data) if deck in chosen else None)
    finally:
        made.close()  # the build's own LibreOffice ends here, whatever happened
        for doc in sorted(finished, key=lambda d: (not is_deck(d), d)):
            written, line = finished[doc]
            result.written += written
            if line is not None:
                result.faces.append(line)


def faces_of(deck: bool, fonts: Fonts, font_map: Path | None, installed: bytes | None = None) -> list:
    """Which face draws each role of a deck's (or a briefing's) PDF: the theme's face, or the map's stand-in for it.
    `installed`: what make_pdfs keys the PDFs on (the map and the installed faces), under which the answer holds."""
    from ..publish.faces import BRIEF_ROLES, DECK_ROLES, chosen_faces

    asked = [(role, getattr(fonts, field)) for role, field in (DECK_ROLES if deck else BRIEF_ROLES)]
    return chosen_faces(asked, font_map, user_folder("fonts"), installed)


def make_long_images(conferences: list[LoadedConference], out: Path, result: PublishResult) -> None:
    """The PNG of each 一图读懂 HTML present, by Chromium (publish/long_image.py), with the download page's preview;
    remade only when its HTML (or the generator) changed. Without Chromium: one notice, and the rest stands."""
    from ..publish.long_image import MOST_BYTES, PREVIEW, BrowserMissing, missing, preview, screenshots

    manifest = Manifest.load(out)
    todo: dict[Path, tuple[Path, str]] = {}
    for loaded in conferences:
        html = out / output_key(loaded.model, "infographic")
        if not html.is_file():
            continue
        png = out / output_key(loaded.model, "infographic_png")
        inputs = sha(generator_fingerprint(), html.read_bytes())
        if manifest.up_to_date(png, png.relative_to(out).as_posix(), inputs) and (png.parent / PREVIEW).is_file():
            result.skipped += [png, png.parent / PREVIEW]
        else:
            todo[html] = (png, inputs)
    if not todo:
        return
    reason = missing()
    if reason is not None:
        result.notices.append(reason)
        return
    pages = sorted(todo)
    try:
        shots = screenshots([html.read_bytes() for html in pages])
    except BrowserMissing as exc:
        result.notices.append(str(exc))
        return
    for html, data in zip(pages, shots):
        png, inputs = todo[html]
        result.written.append(write_bytes(png, data))
        result.written.append(write_bytes(png.parent / PREVIEW, preview(data)))
        if len(data) > MOST_BYTES:  # even with a palette: a conference of very many themes
            result.notices.append(_("{file} is {mb:.1f} MB, over the 5 MB WeChat and most sites take; post it in two "
                                    "parts or show fewer themes", file=png.name, mb=len(data) / 2**20))
        manifest.record(png.relative_to(out).as_posix(), inputs, data)
    manifest.save()
