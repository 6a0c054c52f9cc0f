"""PDF copies through LibreOffice and slide previews through pdftoppm (both optional tools): bytes in, bytes out.
Which documents need converting, and the writing, are the build's (build/copies.py)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..messages import _
from ..present.labels import LANGUAGE
from .fonts import font_config
from .pdf_edit import declare_language, find_object, splice

SOFFICE_TIMEOUT = 600
# PDF/A-2b (archival: fonts embedded, colour profile, XMP metadata). LibreOffice takes filter options as JSON from 7.4
# on, and the Writer filter name for slides too; an older one refuses, and gets plain PDF.
# The same options go to the warm converter (publish/office.py) as UNO filter data: PDF/A-2 makes LibreOffice tag the
# PDF, title it from the document's properties and give it bookmarks from the headings (or slide titles).
PDF_A_OPTIONS = {"SelectPdfVersion": 2}
PDF_A = "pdf:writer_pdf_Export:" + json.dumps({k: {"type": "long", "value": str(v)} for k, v in PDF_A_OPTIONS.items()},
                                              separators=(",", ":"))


# LibreOffice's locale setting, in the profile each run makes: Chinese, the documents' language. Where a paragraph
# begins with a mark both scripts share (“十四五”…), Writer gives it the script of this locale, and under C.UTF-8's
# en-US set the quote in the Latin face (Times New Roman, half its width); Word's w:hint="eastAsia", which says the
# same, LibreOffice does not read. Pinned like the process locale (LC_ALL), so PDFs do not vary.
LOCALE = "zh-CN"
PROFILE_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{LOCALE}</value></prop></item>
</oor:items>
"""


def seed_profile(profile: Path) -> Path:
    """A new LibreOffice profile folder with the project's settings (PROFILE_SETTINGS), before LibreOffice's first
    start in it: it keeps them and adds its own."""
    settings = profile / "user" / "registrymodifications.xcu"
    if not settings.is_file():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(PROFILE_SETTINGS, encoding="utf-8")
    return profile


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


class ConversionError(Exception):
    """Raised when LibreOffice runs but gives no PDF for a document."""


def to_pdf(documents: list[Path], font_map: Path | None = None, faces: Path | None = None) -> dict[Path, bytes]:
    """Convert documents to PDF in one LibreOffice run, with a profile of its own (parallel runs do not collide).

    `font_map` is the project's fontconfig file: it decides which installed face draws 宋体, 黑体, 楷体, 仿宋 …;
    `faces` is where the SC-named copies of the print faces are kept (fonts.py; without it, this run's own folder)."""
    exe = soffice()
    if exe is None:
        raise FileNotFoundError("soffice")
    with tempfile.TemporaryDirectory(prefix="press-pdf-") as tmp:
        # LibreOffice lays text out a little differently under other locales: pin one, so PDFs do not vary
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", TZ="UTC")
        if font_map is not None:  # with the Noto SC faces under SC names (see fonts.py)
            env["FONTCONFIG_FILE"] = str(font_config(font_map, Path(tmp), faces or Path(tmp) / "faces"))
        for target in (PDF_A, "pdf"):
            out = Path(tmp) / "out"
            cmd = [exe, f"-env:UserInstallation={seed_profile(Path(tmp, 'profile')).as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(out), *map(str, documents)]
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT, env=env)
            if all((out / (doc.stem + ".pdf")).is_file() for doc in documents):
                break
        result = {}
        for doc in documents:
            pdf = out / (doc.stem + ".pdf")
            if not pdf.is_file():
                detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no message"]
                raise ConversionError(_("LibreOffice made no PDF of {name}: {value}", name=doc.name, value=detail[0]))
            result[doc] = pdf.read_bytes()
    return result


def normalise_pdf(data: bytes, date: tuple) -> bytes:
    """LibreOffice stamps the time (in the dates, the XMP metadata and the colour profile), a random ID and a
    checksum of them; pin them all so that the same document gives the same PDF."""
    data = declare_language(data, LANGUAGE)  # LibreOffice declares the runs' Western language, en-US
    data = pin_colour_profile(data, date)  # the edits that may move offsets shift the xref table themselves
    y, mo, d, h, mi, s = date
    stamp = f"{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{s:02d}".encode()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:" + stamp, data)
    data = re.sub(rb"/ModDate\(D:\d{14}", b"/ModDate(D:" + stamp, data)
    iso = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}".encode()  # PDF/A's XMP copy of the dates
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d",
                  lambda m: m.group(1) + iso, data)
    blank = re.sub(rb"<[0-9A-F]{32}>", b"<>", re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"", data))
    digest = hashlib.md5(blank).hexdigest().upper().encode()  # noqa: S324 - an identifier, not security
    data = re.sub(rb"/ID \[ <[0-9A-F]{32}>(\s*)<[0-9A-F]{32}> \]",
                  lambda m: b"/ID [ <" + digest + b">" + m.group(1) + b"<" + digest + b"> ]", data)
    return re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + digest, data)


def pin_colour_profile(data: bytes, date: tuple) -> bytes:
    """PDF/A carries an sRGB profile that LibreOffice makes afresh, stamped with the time of the run; stamp it with
    the conference's date instead. The profile is compressed, so its length may change: the stream's /Length and the
    cross-reference table are moved to match."""
    ref = re.search(rb"/DestOutputProfile\s*(\d+)\s+0\s+R", data)
    if ref is None:
        return data
    head = find_object(data, ref.group(1), rb"\s*<<([^<>]*)>>\s*stream\r?\n")
    length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head.group(1)) if head else None
    if head is None or length is None or b"/FlateDecode" not in head.group(1):
        return data
    holder = None  # the indirect object holding the length: "N 0 obj\n<length>\nendobj"
    if length.group(2):
        holder = find_object(data, length.group(1), rb"\s*(\d+)\s*endobj")
        if holder is None:
            return data
        size = int(holder.group(1))
    else:
        size = int(length.group(1))
    start = head.end()
    try:  # the stream's exact bytes: compressed data may itself end in a line feed
        profile = bytearray(zlib.decompress(data[start:start + size]))
    except zlib.error:
        return data
    if len(profile) < 128 or profile[36:40] != b"acsp":
        return data
    y, mo, d, h, mi, s = date
    profile[24:36] = b"".join(v.to_bytes(2, "big") for v in (y, mo, d, h, mi, s))
    if any(profile[84:100]):  # an ICC v4 profile id: MD5 of the profile with flags, intent and id zeroed
        copy = bytearray(profile)
        copy[44:48] = copy[64:68] = bytes(4)
        copy[84:100] = bytes(16)
        profile[84:100] = hashlib.md5(bytes(copy)).digest()  # noqa: S324 - the ICC format's checksum
    new = zlib.compress(bytes(profile), 9)
    if holder is not None:
        number = (holder.start(1), holder.end(1))
    else:
        number = (head.start(1) + length.start(1), head.start(1) + length.end(1))
    # the later edit first, so that the earlier one's offsets still hold
    for at, end, text in sorted([(start, start + size, new), (*number, str(len(new)).encode())], reverse=True):
        data = splice(data, at, end, text)
    return data


def thumbnails(pdf: bytes, width_px: int = 320, pages: list[int] | None = None) -> dict[int, bytes]:
    """Pages of a PDF as small PNGs (all, or the 1-based `pages`), by page number: the download page's previews.
    Runs of pages are drawn by as many pdftoppm processes as there are cores."""
    exe = pdftoppm()
    if exe is None:
        raise FileNotFoundError("pdftoppm")
    wanted = sorted(set(pages)) if pages is not None else list(range(1, page_count(pdf) + 1))
    if not wanted:
        return {}
    with tempfile.TemporaryDirectory(prefix="press-thumbs-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)

        def draw(run: tuple[int, int]) -> None:
            subprocess.run([exe, "-png", "-f", str(run[0]), "-l", str(run[1]), "-scale-to-x", str(width_px),
                            "-scale-to-y", "-1", str(src), f"{tmp}/p"], check=True, capture_output=True,
                           timeout=SOFFICE_TIMEOUT)

        with ThreadPoolExecutor(max(1, min(os.cpu_count() or 1, 4))) as pool:
            list(pool.map(draw, _runs(wanted, os.cpu_count() or 1)))
        drawn = {int(p.stem.split("-")[-1]): p for p in Path(tmp).glob("p-*.png")}
        return {n: drawn[n].read_bytes() for n in wanted if n in drawn}


def _runs(pages: list[int], parts: int) -> list[tuple[int, int]]:
    """Sorted page numbers as (first, last) runs of consecutive pages, long runs cut so that `parts` processes share
    the work."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    size = max(1, -(-len(pages) // max(1, parts)))
    cut = []
    for first, last in runs:
        for start in range(first, last + 1, size):
            cut.append((start, min(last, start + size - 1)))
    return cut


def page_count(pdf: bytes) -> int:
    """Pages of a PDF from its page tree (enough for LibreOffice's output)."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts) if counts else 0


