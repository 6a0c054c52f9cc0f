"""A real browser: headless Chromium loads the page over `serve`, finds every download, follows one, and renders."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytest.importorskip("playwright.sync_api", reason="playwright not installed (the [test] extra has it)")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium not installed (CI installs it)"),
              pytest.mark.slow]  # a LibreOffice build and a browser
# the machine's network is closed: keep Chromium from reaching out, as the environment notes advise
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def served(shipped_project, run):
    assert run(shipped_project, "build")[0] == 0
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=shipped_project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("serving output at http://127.0.0.1:"), line + proc.stderr.read()
        yield line.split(" at ")[1].split()[0], shipped_project / "output"
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # waits and closes the pipes


def test_page_lists_every_download_and_serves_the_files(served, tmp_path):
    from playwright.sync_api import sync_playwright

    url, out = served
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
        finally:
            browser.close()
