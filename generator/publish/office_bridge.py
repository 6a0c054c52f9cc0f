"""The warm converter's far end: a small script run by a Python that has LibreOffice's `uno` module (Debian's
python3-uno, for /usr/bin/python3), never imported by the generator itself.

It starts one headless LibreOffice, connects to it over a named pipe, and then answers requests read from stdin,
one JSON object a line, with one JSON line each on stdout:

    {"source": "/abs/deck.pptx", "targets": [{"path": "/abs/part.pdf", "options": {"PageRange": "5"}},
                                             {"path": "/abs/deck.pdf", "options": {"SelectPdfVersion": 2}}]}
    -> {"ok": true, "seconds": 0.4} once per target, as each is written; or {"ok": false, "error": "…"} and no more
       for that request

The document is opened once for all its targets.
The first line it writes is {"ready": true, "pid": <LibreOffice's process id>} (or {"ok": false, "error": …} when
LibreOffice cannot be reached). When stdin closes (the generator ended, however it ended) LibreOffice is told to quit,
and killed if it does not. publish/office.py holds the time limit and restarts both when either dies.

Usage: office_bridge.py SOFFICE PROFILE_URL PIPE_NAME
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

import uno  # only under a Python with python3-uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(soffice: str, profile: str, pipe: str) -> subprocess.Popen:
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore", "--nologo",
           "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"]
    # a session of its own: the whole group (oosplash and soffice.bin) can be ended at once
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def connect(office: subprocess.Popen, pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    end = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if office.poll() is not None:
                raise RuntimeError(f"LibreOffice stopped while starting (exit {office.returncode})") from None
            if time.monotonic() > end:
                raise RuntimeError(f"LibreOffice did not answer within {CONNECT_SECONDS} s") from None
            time.sleep(0.05)


def export_filter(doc) -> str:
    if doc.supportsService("com.sun.star.presentation.PresentationDocument"):
        return "impress_pdf_Export"
    if doc.supportsService("com.sun.star.drawing.DrawingDocument"):
        return "draw_pdf_Export"
    if doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
        return "calc_pdf_Export"
    return "writer_pdf_Export"


SCRIPT_SPACING = "ParaIsCharacterDistance"


def no_script_spacing(doc) -> None:
    """Turn off LibreOffice's "space between Asian and non-Asian text" before export.

    LibreOffice sets a quarter-em gap wherever Chinese meets Latin letters or digits (（ PM2.5 ）, 建设， 80%), a
    paragraph option that is on by default; PowerPoint has no such option and Word has it off in our briefing
    (w:autoSpaceDE/DN, which LibreOffice's Word import does not read), and DrawingML cannot say it at all. Neither
    import sets it on a style or a paragraph, so turning it off in the document's defaults (Writer's and the drawing
    layer's) reaches every paragraph, table cells and text boxes included, in one call each: walking every shape's
    paragraphs over the bridge did the same in 2.4 s for the seed's deck and 1 s for its briefing."""
    for defaults in ("com.sun.star.text.Defaults", "com.sun.star.drawing.Defaults"):
        with contextlib.suppress(Exception):  # a document type without these defaults
            doc.createInstance(defaults).setPropertyValue(SCRIPT_SPACING, False)


def convert(desktop, request: dict) -> None:
    """Open the document once; write each target and say so as soon as it is written."""
    started = time.monotonic()
    source = uno.systemPathToFileUrl(os.path.abspath(request["source"]))
    doc = desktop.loadComponentFromURL(source, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        no_script_spacing(doc)
        name = export_filter(doc)
        for target in request["targets"]:
            data = tuple(prop(k, v) for k, v in target.get("options", {}).items())
            filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", data)
            args = (prop("FilterName", name), prop("FilterData", filter_data), prop("Overwrite", True))
            url = uno.systemPathToFileUrl(os.path.abspath(target["path"]))
            uno.invoke(doc, "storeToURL", (url, args))
            reply({"ok": True, "seconds": round(time.monotonic() - started, 3)})
    finally:
        doc.close(True)


def answers(desktop, office: subprocess.Popen) -> bool:
    """Whether LibreOffice is still there to ask (a failed conversion may be the document's fault, or its death)."""
    if office.poll() is not None:
        return False
    try:
        desktop.getFrames()
        return True
    except Exception:  # noqa: BLE001 - a disposed bridge raises UNO's own exceptions
        return False


def reply(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def stop(office: subprocess.Popen, desktop) -> None:
    try:
        if desktop is not None:
            desktop.terminate()
        office.wait(timeout=5)
    except Exception:  # noqa: BLE001 - whatever went wrong, the group is ended below
        pass
    if office.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(office.pid, signal.SIGKILL)
        office.wait()


def main(soffice: str, profile: str, pipe: str) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # end as stdin's close does: LibreOffice with us
    office = start_office(soffice, profile, pipe)
    desktop = None
    try:
        try:
            desktop = connect(office, pipe)
        except RuntimeError as exc:
            reply({"ok": False, "error": str(exc)})
            return 1
        reply({"ready": True, "pid": office.pid})
        for line in sys.stdin:
            try:
                convert(desktop, json.loads(line))
            except Exception as exc:  # noqa: BLE001 - a UNO exception names the problem; the caller decides
                dead = not answers(desktop, office)
                reply({"ok": False, "dead": dead, "error": f"{type(exc).__name__}: {getattr(exc, 'Message', '') or exc}"})
                if dead:
                    return 1  # LibreOffice died: the caller starts both again
        return 0
    finally:
        stop(office, desktop)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
