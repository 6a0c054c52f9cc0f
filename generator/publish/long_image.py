"""The 一图读懂 long image: its HTML photographed whole by a real headless browser (Chromium, driven by Playwright),
1080 px wide, as a PNG; and the small preview the download page shows. Bytes in, bytes out: which pages need it and
the writing are the build's (build/copies.py).

Chromium is the machine's own (Debian: apt-get install chromium); Playwright only drives it, so no browser is
downloaded. The page is given as a string and the browser may reach no network: the page needs none."""
from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

WIDTH = 1080  # px: the long image's width, as WeChat and the city's website show it
MOST_BYTES = 5 * 1024 * 1024  # what the platforms take; above it the image is stored with a palette
PREVIEW_WIDTH, PREVIEW_HEIGHT = 270, 360  # the download page's preview: the top of the image, at a quarter
PREVIEW = "thumbs/一图读懂.png"  # inside the conference's folder, beside the slide previews
TIMEOUT_MS = 60_000
# a closed machine: nothing to fetch, nothing to update, no GPU, no sandbox (containers lack its namespaces)
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--font-render-hinting=none")


class BrowserMissing(Exception):
    """Raised when the long image cannot be made here: no Chromium, or no Playwright to drive it."""


def chromium() -> str | None:
    """The machine's Chromium: PRESS_CHROMIUM names another, else the first on the PATH."""
    named = os.environ.get("PRESS_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def missing() -> str | None:
    """Why the long image cannot be made here, in one line; None when it can."""
    if chromium() is None:
        return ("Chromium is not installed: the 一图读懂 PNG was skipped (its HTML was written); install it "
                "(Debian: apt-get install chromium) to make it")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("Playwright is not installed: the 一图读懂 PNG was skipped (its HTML was written); "
                "pip install playwright (Chromium itself comes from the system)")
    return None


def screenshots(pages: list[bytes]) -> list[bytes]:
    """Each HTML page photographed whole at WIDTH px (one browser for all), as a PNG of at most MOST_BYTES."""
    reason = missing()
    if reason is not None:
        raise BrowserMissing(reason)
    from playwright.sync_api import Error, sync_playwright

    shots = []
    with tempfile.TemporaryDirectory(prefix="press-chromium-") as home, sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=chromium(), args=list(ARGS), timeout=TIMEOUT_MS,
                                        env={**os.environ, "HOME": home, "TZ": "UTC", "LANG": "C.UTF-8"})
        except Error as exc:
            raise BrowserMissing(f"Chromium did not start: {str(exc).splitlines()[0]}; the 一图读懂 PNG was "
                                 f"skipped") from None
        try:
            context = browser.new_context(viewport={"width": WIDTH, "height": 1000}, device_scale_factor=1,
                                          locale="zh-CN", timezone_id="UTC", java_script_enabled=False,
                                          offline=True)
            for html in pages:
                shots.append(stored(_photographed(context, html, Error)))
        finally:
            browser.close()
    return shots


def _photographed(context, html: bytes, error: type[Exception]) -> bytes:
    """One page's screenshot, on a page of its own; once more on a fresh page when Chromium fails to capture it (on
    a loaded machine it answered "Unable to capture screenshot" now and then), then said in one line."""
    try:
        return _screenshot(context, html)
    except error:
        pass
    try:
        return _screenshot(context, html)
    except error as exc:
        raise BrowserMissing(f"Chromium could not photograph the page: {str(exc).splitlines()[0]}; the 一图读懂 PNG "
                             f"was skipped") from None


def _screenshot(context, html: bytes) -> bytes:
    page = context.new_page()
    try:
        page.set_content(html.decode("utf-8"), wait_until="load", timeout=TIMEOUT_MS)
        return page.screenshot(full_page=True, type="png", animations="disabled")
    finally:
        page.close()


def stored(png: bytes) -> bytes:
    """The PNG as the build keeps it: re-encoded without metadata (the same picture gives the same bytes), RGB,
    and with a palette of 256 colours when it would pass MOST_BYTES otherwise."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        rgb = im.convert("RGB")
    data = _encode(rgb)
    if len(data) > MOST_BYTES:
        data = _encode(rgb.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE))
    return data


def _encode(im) -> bytes:
    out = io.BytesIO()
    im.save(out, format="PNG", optimize=True)
    return out.getvalue()


def preview(png: bytes) -> bytes:
    """The top of the long image at a quarter of its size, for the download page."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        top = im.convert("RGB").crop((0, 0, im.width, min(im.height, im.width * PREVIEW_HEIGHT // PREVIEW_WIDTH)))
    small = top.resize((PREVIEW_WIDTH, round(top.height * PREVIEW_WIDTH / top.width)), Image.Resampling.LANCZOS)
    return _encode(small)
