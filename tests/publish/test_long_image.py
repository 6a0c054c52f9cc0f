"""The 一图读懂 PNG (issue 27): `build` photographs the long image's HTML with the machine's Chromium (Playwright
drives it): 1080 px wide, at most 5 MB, the same bytes from the same page, made again only when its HTML changed, and
listed on the download page with its preview. Without Chromium the build says so in one line and writes the rest."""
from __future__ import annotations

import io
import shutil
from urllib.parse import quote

import pytest
from PIL import Image

from tests.conftest import ROOT, main_in

STEM = "01-转型发展"
PNG = f"{STEM}/{STEM}-一图读懂.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def no_libreoffice(monkeypatch) -> None:
    """The PDF copies are not what these tests are about: LibreOffice is taken away (the build says so and goes on)."""
    import generator.publish.pdf

    monkeypatch.setattr(generator.publish.pdf, "soffice", lambda: None)


@pytest.fixture(scope="module")
def photographed(tmp_path_factory):
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    if CHROMIUM is None:
        pytest.skip("Debian's chromium not installed (CI installs it)")
    folder = tmp_path_factory.mktemp("long-image")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    with pytest.MonkeyPatch.context() as mp:
        no_libreoffice(mp)
        assert main_in(folder, "build", "--jobs", "1") == 0
        first = (folder / "output" / PNG).read_bytes()
        assert main_in(folder, "build", "--jobs", "1", "--no-cache", "--out", "again") == 0
    return folder, first


@pytest.mark.slow
def test_the_png_is_1080_wide_under_5_mb_and_tall(photographed):
    folder, data = photographed
    assert len(data) <= 5 * 1024 * 1024
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "PNG" and im.width == 1080 and im.height > 3 * 1080
        rgb = im.convert("RGB")
        assert rgb.getpixel((540, 20))[0] > 150 > rgb.getpixel((540, 20))[1]  # the banner in the house red
        assert len(rgb.crop((0, 0, 1080, 2000)).getcolors(1 << 20) or []) > 200  # text and figures drawn, not blank


@pytest.mark.slow
def test_the_same_page_gives_the_same_png(photographed):
    folder, data = photographed
    assert (folder / "again" / PNG).read_bytes() == data


@pytest.mark.slow
def test_the_png_is_made_again_only_when_its_html_changed(photographed, monkeypatch):
    folder, data = photographed
    no_libreoffice(monkeypatch)
    png, html = folder / "output" / PNG, folder / "output" / PNG.replace(".png", ".html")
    before = png.stat()
    assert main_in(folder, "build", "--jobs", "1") == 0
    assert png.stat().st_ino == before.st_ino and png.stat().st_mtime_ns == before.st_mtime_ns  # not written again
    conference = folder / "content" / "conferences" / f"{STEM}.yaml"
    text = conference.read_text(encoding="utf-8")
    conference.write_text(text.replace("label: 粮食总产量", "label: 全市粮食总产量", 1), encoding="utf-8")
    try:
        assert main_in(folder, "build", "--jobs", "1") == 0
        assert "全市粮食总产量" in html.read_text(encoding="utf-8")
        assert png.stat().st_ino != before.st_ino and png.read_bytes() != data  # its HTML changed: photographed again
    finally:
        conference.write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_the_page_links_every_file_and_previews_the_long_image(photographed):
    folder, _ = photographed
    page = (folder / "output" / "index.html").read_text(encoding="utf-8")
    for name in ("一图读懂.png", "一图读懂.html", "数据.csv", "发布会.pptx", "发布材料.docx"):
        assert f'href="{quote(f"{STEM}/{STEM}-{name}")}"' in page, name
    assert f'href="{quote(f"{STEM}/datapackage.json")}"' in page
    preview = folder / "output" / STEM / "thumbs" / "一图读懂.png"
    assert f'src="{quote(preview.relative_to(folder / "output").as_posix())}"' in page
    with Image.open(preview) as im:
        assert im.width == 270 and im.height <= 360


def test_without_chromium_the_build_says_so_in_one_line_and_writes_the_rest(make_project, run, monkeypatch,
                                                                               tmp_path):
    no_libreoffice(monkeypatch)
    monkeypatch.setenv("PRESS_CHROMIUM", str(tmp_path / "no-such-chromium"))
    folder = make_project()
    code, out, err = run(folder, "build", "--jobs", "1")
    assert code == 0, err
    said = [line for line in out.splitlines() if "Chromium" in line]
    assert len(said) == 1, said  # one line, in whatever words the report gives its notices
    made = folder / "output" / "02-测试"
    for name in ("02-测试-一图读懂.html", "02-测试-数据.csv", "datapackage.json", "02-测试-发布会.pptx"):
        assert (made / name).is_file(), name
    assert not (made / "02-测试-一图读懂.png").exists()
    assert "一图读懂文字版（HTML）" in (folder / "output" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_picture_over_5_mb_is_stored_with_a_palette_and_the_same_bytes_each_time():
    import random

    from generator.publish.long_image import MOST_BYTES, stored

    noise = Image.frombytes("RGB", (1080, 2200), random.Random(1).randbytes(1080 * 2200 * 3))  # no PNG shrinks it
    raw = io.BytesIO()
    noise.save(raw, "PNG")
    assert len(raw.getvalue()) > MOST_BYTES
    kept = stored(raw.getvalue())
    assert len(kept) <= MOST_BYTES and kept == stored(raw.getvalue())
    with Image.open(io.BytesIO(kept)) as im:
        assert im.mode == "P" and im.size == (1080, 2200)


def test_a_failed_capture_is_tried_once_more_then_said_in_one_line():
    """Chromium on a loaded machine answered "Unable to capture screenshot" now and then, and the build ended in
    exit 3: a capture is tried once more on a fresh page, and a second failure is the one line a missing browser
    gives (the rest of the build is written)."""
    from generator.publish.long_image import BrowserMissing, _photographed

    class Failed(Exception):
        pass

    class Page:
        def __init__(self, fails):
            self.fails = fails

        def set_content(self, *a, **k):
            pass

        def screenshot(self, **k):
            if self.fails:
                raise Failed("Protocol error (Page.captureScreenshot): Unable to capture screenshot\nmore")
            return b"png"

        def close(self):
            pass

    class Context:
        def __init__(self, failures):
            self.failures = failures

        def new_page(self):
            self.failures -= 1
            return Page(self.failures >= 0)

    assert _photographed(Context(1), b"<html></html>", Failed) == b"png"
    with pytest.raises(BrowserMissing) as caught:
        _photographed(Context(2), b"<html></html>", Failed)
    assert "Unable to capture screenshot" in str(caught.value) and "\n" not in str(caught.value)
