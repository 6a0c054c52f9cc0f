"""Previews follow edits, the page marks stale and draft files, and `serve` serves only the output folder's files and
tells the open page what changed (Server-Sent Events)."""
from __future__ import annotations

import http.client
import io
import json
import os
import threading
import zipfile

import pytest

from generator.publish.made_from import DRAFT, STALE, MadeFrom, Marks, digest, slide_digests


def _deck() -> bytes:
    """Three slides: a title, a chart, and one with speaker notes."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    deck = Presentation()
    for title in ("一", "二", "三"):
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        slide.shapes.title.text = title
    data = CategoryChartData()
    data.categories = ["2023", "2024"]
    data.add_series("增速", (5.1, 5.3))
    deck.slides[1].shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data)
    deck.slides[2].notes_slide.notes_text_frame.text = "讲稿"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _edited(pptx: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """The deck with one part's bytes changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == part:
                assert old in data, part
                data = data.replace(old, new)
            zout.writestr(item, data)
    return out.getvalue()


def _changed(a: bytes, b: bytes) -> list[int]:
    return [i for i, (x, y) in enumerate(zip(slide_digests(a), slide_digests(b)), 1) if x != y]


def test_a_slide_counts_as_changed_only_when_its_own_bytes_change():
    deck = _deck()
    assert len(slide_digests(deck)) == 3
    with zipfile.ZipFile(io.BytesIO(deck)) as zf:
        names = zf.namelist()
    slides = sorted(n for n in names if n.startswith("ppt/slides/slide"))
    chart = next(n for n in names if n.startswith("ppt/charts/chart"))
    notes = next(n for n in names if n.startswith("ppt/notesSlides/"))
    assert _changed(deck, _edited(deck, slides[0], "一".encode(), "壹".encode())) == [1]  # a title
    assert _changed(deck, _edited(deck, chart, b"5.3", b"5.4")) == [2]  # a chart's figure: the slide showing it
    assert _changed(deck, _edited(deck, notes, "讲稿".encode(), "讲话".encode())) == []  # notes are not drawn
    assert _changed(deck, _edited(deck, "ppt/presentation.xml", b"<p:sldSz", b"<p:sldSz ")) == [1, 2, 3]
    assert _changed(deck, _edited(deck, "ppt/tableStyles.xml", b"<a:tblStyleLst", b"<a:tblStyleLst ")) == [1, 2, 3]


def test_the_page_marks_stale_copies_and_drafts(tmp_path):
    out = tmp_path / "output"
    deck, pdf, png = out / "c" / "c-发布会.pptx", out / "c" / "c-发布会.pdf", out / "c" / "thumbs" / "slide-01.png"
    png.parent.mkdir(parents=True)
    pptx = _deck()
    deck.write_bytes(pptx)
    pdf.write_bytes(b"%PDF-")
    png.write_bytes(b"png")
    made = MadeFrom.load(out)
    made.set(pdf, digest(pptx))
    made.set(png, slide_digests(pptx)[0])
    made.save()
    marks = Marks(out, False, {pdf: deck})
    assert marks.file(pdf) == "" and marks.file(deck) == "" and marks.preview(png, 1, deck) == ""
    assert Marks(out, True, {pdf: deck}).file(deck) == DRAFT
    assert Marks(out, True, {pdf: deck}).file(pdf) == DRAFT  # a draft's PDF, current: a draft still
    deck.write_bytes(_edited(pptx, "ppt/slides/slide1.xml", "一".encode(), "壹".encode()))  # a build --no-pdf
    marks = Marks(out, False, {pdf: deck})
    assert marks.file(pdf) == STALE and marks.preview(png, 1, deck) == STALE
    assert Marks(out, True, {pdf: deck}).file(pdf) == f"{DRAFT}·{STALE}"
    assert marks.preview(png, 5, deck) == STALE  # a preview of a slide the deck no longer has


@pytest.fixture
def live(tmp_path):
    """A live server on a folder with a page, a file, a link out of the folder, a FIFO and a hidden file."""
    from generator.publish.serve import LivePreview

    out = tmp_path / "output"
    (out / "c" / "thumbs").mkdir(parents=True)
    (out / "index.html").write_text('<html><body><img src="c/thumbs/slide-01.png"></body></html>', encoding="utf-8")
    (out / "c" / "thumbs" / "slide-01.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (out / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (out / "c" / "leak").symlink_to(tmp_path)
    os.mkfifo(out / "pipe")
    (out / ".cache").mkdir()
    (out / ".cache" / "manifest.json").write_text("{}", encoding="utf-8")
    with LivePreview(out, 0) as server:
        yield server, out


def _get(server, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server.server_address[1], timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_serve_answers_only_with_regular_files_inside_the_folder(live, capsys):
    server, out = live
    status, body = _get(server, "/")
    assert status == 200 and b'<script id="press-live">' in body and body.rstrip().endswith(b"</html>")
    assert _get(server, "/c/thumbs/slide-01.png") == (200, b"\x89PNG")
    assert _get(server, "/c/thumbs/slide-01.png?v=12")[0] == 200  # the page's in-place refresh asks so
    for path, status in (("/%00", 400), ("/c/%00.png", 400), ("/%ff", 400), ("/leak.txt", 404),
                         ("/c/leak/secret.txt", 404), ("/pipe", 404), ("/../secret.txt", 404),
                         ("/%2e%2e/secret.txt", 404), ("/.cache/manifest.json", 404), ("/c", 404), ("/c/", 404),
                         ("/missing.pdf", 404)):
        got, body = _get(server, path)
        assert got == status, path
        assert b"secret" not in body
    assert "Traceback" not in capsys.readouterr().err


def _listen(server) -> http.client.HTTPResponse:
    """The open page's event stream, once the server has it (its first line is a comment, or the problems)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server.server_address[1], timeout=10)
    connection.request("GET", "/__events")
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")
    return response


def _heard(response: http.client.HTTPResponse, wanted: int) -> list[tuple[str, object]]:
    heard: list[tuple[str, object]] = []
    event = ""
    while len(heard) < wanted:
        line = response.fp.readline().decode().rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            heard.append((event, json.loads(line[6:])))
    return heard


def test_the_open_page_hears_of_previews_builds_and_problems(live):
    server, out = live
    stream = _listen(server)
    assert stream.fp.readline() == b": connected\n"
    heard: list = []
    listener = threading.Thread(target=lambda: heard.extend(_heard(stream, 3)))
    listener.start()
    server.previews([out / "c" / "thumbs" / "slide-01.png"])
    server.problems(["content/conferences/01.yaml:12:5: metrics.gdp.value: 应为数字"])
    server.built()
    listener.join(timeout=10)
    stream.close()
    assert heard[0] == ("previews", ["c/thumbs/slide-01.png"])
    assert heard[1][0] == "problems" and heard[1][1]["lines"] == ["content/conferences/01.yaml:12:5: metrics.gdp.value: 应为数字"]
    assert "内容未通过检查" in heard[1][1]["title"]
    assert heard[2] == ("reload", {})


def test_a_page_opened_while_the_content_fails_is_told_at_once(live):
    server, _ = live
    server.problems(["content/series.yaml:3:1: title: 不能为空"])
    stream = _listen(server)
    [(event, data)] = _heard(stream, 1)
    stream.close()
    assert event == "problems" and data["lines"] == ["content/series.yaml:3:1: title: 不能为空"]
    server.built()
    assert server.events.problems is None  # a build that passed clears it


def test_a_page_opened_while_a_save_is_built_hears_that_its_copies_may_be_old(live):
    server, _ = live
    server.building()
    stream = _listen(server)
    [(event, data)] = _heard(stream, 1)
    assert event == "building" and "PDF" in data["text"] and "旧版" in data["text"]
    listener: list = []
    reader = threading.Thread(target=lambda: listener.extend(_heard(stream, 1)))
    reader.start()
    server.built()
    reader.join(timeout=10)
    stream.close()
    assert listener == [("reload", {})] and server.events.building is None


def test_watch_tells_how_each_build_ended(capsys):
    from generator.errors import ContentError, Finding, GeneratorError
    from generator.publish.watch import _run

    told: list = []
    _run(lambda: 0, None, told.append)
    finding = Finding("content/c.yaml", 12, 5, "metrics.gdp.value", "expected a number")

    def bad() -> int:
        raise ContentError([finding])

    _run(bad, None, told.append)

    def broken() -> int:
        raise GeneratorError("PDF conversion failed: no PDF")

    _run(broken, None, told.append)
    assert told == [None, [str(finding)], ["PDF conversion failed: no PDF"]]
    printed = capsys.readouterr().out
    assert str(finding) in printed and "没有重新生成" in printed
