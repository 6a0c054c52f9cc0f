"""A real browser: headless Chromium loads the page over `serve`, finds every download, follows one, and renders."""
from __future__ import annotations

import io
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from PIL import Image

from generator.publish.made_from import slide_digests
from tests.conftest import ROOT
from tests.publish.test_watch import CONF, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytest.importorskip("playwright.sync_api", reason="playwright not installed (the [test] extra has it)")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium not installed (CI installs it)"),
              pytest.mark.slow]  # a LibreOffice build and a browser
# a one-figure edit's slide previews in the open page, from the save: the goal is 1.5 s, measured by
# benchmarks/bench.py (docs/benchmarks.md); a test asserts only that it comes in bounded time, as a shared machine's
# load can double any time
PREVIEW_SECONDS = 10
# the machine's network is closed: keep Chromium from reaching out, as the environment notes advise
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`serve` on a copy of the shipped project: it builds, serves and watches (one for the module: a build with
    LibreOffice); yields the address, the project and the lines serve prints."""
    project = tmp_path_factory.mktemp("live")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "assets", project / "assets")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0", "--lang", "en"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in proc.stdout], daemon=True)
    reader.start()
    try:
        first = wait_for(lines, "serving output at http://127.0.0.1:", 30)[-1]
        wait_for(lines, "watching content", 300)  # the first build is done
        yield first.split(" at ")[1].split()[0], project, lines
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=30)
        assert not reader.is_alive(), "a process started by serve (LibreOffice?) still holds its output"
        proc.stdout.close()


def test_page_lists_every_download_and_serves_the_files(served, tmp_path):
    from playwright.sync_api import sync_playwright

    url, project, _ = served
    out = project / "output"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900}, accept_downloads=True)
            page.goto(url + "index.html")
            assert page.title().startswith("见证高质量发展的晋中实践")
            article = page.locator("article#conference-1")
            assert "坚决扛起重大历史使命" in article.locator("h2").inner_text()
            links = article.locator(".downloads a")
            texts = links.all_inner_texts()
            expected = ["发布会演示文稿（PPTX）", "新闻发布材料（DOCX）"]
            if shutil.which("soffice"):
                expected += ["发布会演示文稿（PDF）", "新闻发布材料（PDF）"]
            assert all(any(t.startswith(e) for t in texts) for e in expected), texts
            with page.expect_download() as info:
                links.filter(has_text="PPTX").first.click()
            download = info.value
            saved = tmp_path / "deck.pptx"
            download.save_as(saved)
            assert saved.read_bytes() == (out / "01-转型发展" / "01-转型发展-发布会.pptx").read_bytes()
            shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
            colours = shot.getcolors(maxcolors=1 << 20) or []
            assert len(colours) > 50  # not a blank page: text, figures and the red header drawn
            assert shot.getpixel((10, 10))[0] > 150  # the header band is the theme's red
            # a key figure's value and its year each stay on one line, on a phone's narrow cards too (2024|年)
            for width in (1200, 360):
                page.set_viewport_size({"width": width, "height": 800})
                lines = page.eval_on_selector_all(".figures strong, .figures .nb",
                                                  "els => els.map(e => e.getClientRects().length)")
                assert lines and set(lines) == {1}, (width, lines)
        finally:
            browser.close()


FRESH = ("() => { const swapped = [...document.querySelectorAll('img[data-fresh]')];"
         " return swapped.length > 0 && swapped.every(i => i.complete && i.naturalWidth > 0); }")


def _reloaded(page) -> None:
    """The page reloaded after a build (the mark set on the old one is gone) and listens again."""
    page.wait_for_function("() => window.__before === undefined && document.documentElement.dataset.live === 'open'",
                           timeout=120_000)
    page.evaluate("() => { window.__before = 1; }")


def _edit(page, conf: Path, deck: Path, old: str, new: str) -> tuple[float, list[str], list[str]]:
    """Save one figure; (seconds until the changed previews were in the open page, the previews swapped in, the
    previews of the slides whose bytes changed)."""
    before = slide_digests(deck.read_bytes())
    text = conf.read_text(encoding="utf-8")
    assert old in text
    started = time.monotonic()
    conf.write_text(text.replace(old, new, 1), encoding="utf-8")
    page.wait_for_function(FRESH, timeout=60_000, polling=20)
    took = time.monotonic() - started
    fresh = page.eval_on_selector_all("img[data-fresh]", "els => els.map(e => e.getAttribute('src').split('?')[0])")
    _reloaded(page)
    after = slide_digests(deck.read_bytes())
    changed = [f"{deck.parent.name}/thumbs/slide-{i:02d}.png" for i, (a, b) in enumerate(zip(before, after), 1) if a != b]
    return took, sorted(fresh), [quote(c) for c in changed]


def test_a_save_reaches_the_open_page(served):
    """A one-figure edit: the slide it lands on is redrawn in the open page soon after the save (PREVIEW_SECONDS), and
    no other; then the page reloads with the new files. A bad save shows check's problem on the page at its file and
    line (and in the terminal) until a good one."""
    from playwright.sync_api import sync_playwright

    url, project, lines = served
    conf = project / CONF
    deck = project / "output" / "01-转型发展" / "01-转型发展-发布会.pptx"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(url)
            _reloaded_first(page)
            took = []
            out = project / "output"
            shown = {p: p.read_bytes() for p in (out / deck.parent.name / "thumbs").glob("slide-*.png")}
            for old, new in (("value: 3.7\n", "value: 3.8\n"), ("value: 3.8\n", "value: 3.9\n")):
                seconds, fresh, changed = _edit(page, conf, deck, old, new)
                assert fresh == changed and len(changed) == 1, (fresh, changed)
                took.append(seconds)
            # the best of two saves: a neighbour's burst of work on a shared machine can delay one of them
            assert min(took) <= PREVIEW_SECONDS, took
            # the page, reloaded, shows the slide as it is now: another picture than before the edits, the one on disk
            served = page.request.get(url + changed[0]).body()
            assert served == (out / unquote(changed[0])).read_bytes() != shown[out / unquote(changed[0])]
            assert "3.9%" in subprocess.run(["pdftotext", str(deck.with_suffix(".pdf")), "-"], capture_output=True,
                                            text=True, check=True).stdout  # and the deck's PDF says it
            text = conf.read_text(encoding="utf-8")
            conf.write_text(text.replace("value: 3.9\n", 'value: "3.9%"\n', 1), encoding="utf-8")
            problem = page.locator("#press-problems")
            problem.wait_for(timeout=60_000)
            said = problem.inner_text()
            line = 1 + text.split("value: 3.9\n")[0].count("\n")
            assert "内容未通过检查" in said and f"01-转型发展.yaml:{line}:" in said, said
            assert any(f"01-转型发展.yaml:{line}:" in seen for seen in wait_for(lines, "not rebuilt"))
            conf.write_text(text.replace("value: 3.9\n", "value: 3.7\n", 1), encoding="utf-8")
            _reloaded(page)
            assert page.locator("#press-problems").count() == 0
        finally:
            browser.close()


def _reloaded_first(page) -> None:
    page.wait_for_function("() => document.documentElement.dataset.live === 'open'", timeout=30_000)
    page.evaluate("() => { window.__before = 1; }")
