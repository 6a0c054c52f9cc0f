"""build: PDF copies, slide previews and the download page; every link on the page resolves."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from pptx import Presentation

from generator.publish.pdf import page_count

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                                  reason="LibreOffice/poppler not installed (CI installs them)")

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped project built once with `build`."""
    from tests.conftest import ROOT, main_in

    folder = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    assert main_in(folder, "build") == 0
    return folder


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.imgs: list[dict] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append((a["href"], ""))
        if tag == "img":
            self.imgs.append(a)

    def handle_data(self, data):
        self.text.append(data)


def parse(folder: Path) -> Links:
    p = Links()
    p.feed((folder / "output" / "index.html").read_text(encoding="utf-8"))
    return p


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_every_link_and_image_resolves_to_a_file(built):
    page = parse(built)
    out = built / "output"
    shown = {unquote(href).rsplit("-", 1)[-1] for href, _ in page.links}
    assert {"发布会.pptx", "发布会.pdf", "发布材料.docx", "发布材料.pdf"} <= shown  # and the other files of the package
    for href, _ in page.links:
        assert not href.startswith(("/", "http:", "https:", "file:")), href  # relative: the folder moves as it is
        assert (out / unquote(href)).is_file(), href
    slides = [img for img in page.imgs if "/thumbs/slide-" in img["src"]]
    assert len(slides) == len(Presentation(str(next(out.rglob("*.pptx")))).slides)
    for img in page.imgs:
        assert (out / unquote(img["src"])).is_file()
        assert img["alt"] and img["loading"] == "lazy"


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_page_shows_series_conference_key_figures_and_sizes(built):
    text = "".join(parse(built).text)
    assert "见证高质量发展的晋中实践" in text
    assert "（一）坚决扛起重大历史使命 在转型发展上率先蹚出一条新路来" in text
    assert "2458.8亿元" in text and "2025年10月22日" in text
    assert "发布会演示文稿（PPTX）" in text and "新闻发布材料（PDF）" in text and " KB" in text
    html = (built / "output" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and 'name="viewport"' in html


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_pdf_page_count_equals_slide_count(built):
    out = built / "output" / "01-转型发展"
    slides = len(Presentation(str(out / "01-转型发展-发布会.pptx")).slides)
    assert page_count((out / "01-转型发展-发布会.pdf").read_bytes()) == slides
    assert page_count((out / "01-转型发展-发布材料.pdf").read_bytes()) > 10
    assert len(list((out / "thumbs").glob("slide-*.png"))) == slides


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_second_build_converts_nothing(built, run):
    code, out, _ = run(built, "build", "--lang", "en")
    assert code == 0
    assert "wrote output/01-转型发展/01-转型发展-发布会.pdf" not in out
    assert "up to date: output/01-转型发展/01-转型发展-发布会.pdf" in out


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_without_libreoffice_everything_else_is_built(shipped_project, run, monkeypatch):
    monkeypatch.setattr("generator.publish.pdf.soffice", lambda: None)
    code, out, err = run(shipped_project, "build", "--lang", "en")
    assert code == 0, err
    assert "warning: LibreOffice (soffice) is not installed" in out
    assert (shipped_project / "output" / "index.html").is_file()
    assert not list((shipped_project / "output").rglob("*.pdf"))
    assert "（PDF）" not in (shipped_project / "output" / "index.html").read_text(encoding="utf-8")


def test_broken_page_template_is_one_line_with_its_line_number(shipped_project, run, monkeypatch):
    monkeypatch.setattr("generator.publish.pdf.soffice", lambda: None)
    template = shipped_project / "assets" / "templates" / "index.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("{% endfor %}\n</main>", "\n</main>"),
                        encoding="utf-8")
    code, _, err = run(shipped_project, "build", "--lang", "en")
    assert code == 1
    assert err.startswith("error: assets/templates/index.html.j2:") and "template syntax" in err


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_page_escapes_content(shipped_project, run, monkeypatch):
    monkeypatch.setattr("generator.publish.pdf.soffice", lambda: None)
    conf = next((shipped_project / "content" / "conferences").glob("*.yaml"))
    text = conf.read_text(encoding="utf-8").replace("label: 高新技术企业\n", "label: <script>alert(1)</script>\n", 1)
    conf.write_text(text, encoding="utf-8")
    assert run(shipped_project, "build")[0] == 0
    html = (shipped_project / "output" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_build_no_pdf_skips_libreoffice(shipped_project, run, monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("LibreOffice must not run with --no-pdf")

    monkeypatch.setattr("generator.publish.pdf.to_pdf", refuse)
    code, out, err = run(shipped_project, "build", "--no-pdf")
    assert code == 0, err
    assert (shipped_project / "output" / "index.html").is_file()
    assert not list((shipped_project / "output").rglob("*.pdf"))


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    import re
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, out)]


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_page_numbers_sit_one_character_in_and_7_mm_below_the_type_area(built):
    pdf = next((built / "output").rglob("*发布材料.pdf"))
    mm = 72 / 25.4
    for page, outer in ((1, "right"), (2, "left")):
        words = _words(pdf, page)
        number = [w for w in words if w[4] == str(page) and w[1] > 700]
        dashes = sorted((w for w in words if w[4] == "—" and w[1] > 700), key=lambda w: w[0])
        assert number and len(dashes) == 2, page
        top = number[0][1] / mm - (297 - 35)  # below the type area's bottom edge
        assert 6 <= top <= 8, (page, top)
        if outer == "right":  # one 4号 character (14 pt) in from the right margin
            assert abs(dashes[-1][2] - ((210 - 26) * mm - 14)) < 1.5, dashes[-1]
        else:
            assert abs(dashes[0][0] - (28 * mm + 14)) < 1.5, dashes[0]


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_the_briefing_pdf_copies_out_every_key_figure_with_its_unit(built):
    import subprocess

    from generator.content.loader import load_project
    from generator.present.view import present

    pdf = next((built / "output").rglob("*发布材料.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    project = load_project(built / "content", built)
    view = present(project.series, project.conferences[0].model)
    for m in view.key_figures:
        if not m.missing:  # the table holds the figure and its unit in neighbouring cells
            assert f"{m.figure}{m.unit or '—'}" in flat, m.id


@pytest.mark.parametrize("body, words", [
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "took over"),
    ("{% for i in range(10000) %}{% for j in range(1000) %}xxxxxxxxxx{% endfor %}{% endfor %}", "wrote over"),
    ("{% include 'other.html' %}", "no include or extends"),
])
def test_a_runaway_page_template_is_stopped_with_one_line(shipped_project, run, monkeypatch, body, words):
    import time

    monkeypatch.setattr("generator.publish.page.PAGE_SECONDS", 1)
    template = shipped_project / "assets" / "templates" / "index.html.j2"
    template.write_text(body, encoding="utf-8")
    started = time.monotonic()
    code, _, err = run(shipped_project, "build", "--no-pdf", "--lang", "en")
    assert time.monotonic() - started < 10
    assert code == 1 and "Traceback" not in err and words in err
    assert err.startswith("error: assets/templates/index.html.j2:")


def _xref_is_valid(data: bytes) -> bool:
    import re

    table = re.search(rb"\nxref\n(\d+) (\d+)\n", data)
    start = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    first, count = int(table.group(1)), int(table.group(2))
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", data[table.end():table.end() + 20 * count])
    return start == table.start() + 1 and len(entries) == count and all(
        data[int(o):].startswith(f"{first + i} 0 obj".encode()) for i, (o, _, kind) in enumerate(entries) if kind == b"n")


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_pdf_copies_are_pdf_a_2b_with_every_font_embedded(built):
    import subprocess

    import pypdf

    for pdf in (built / "output").rglob("*.pdf"):
        data = pdf.read_bytes()
        assert b"<pdfaid:part>2</pdfaid:part>" in data and b"<pdfaid:conformance>B</pdfaid:conformance>" in data
        reader = pypdf.PdfReader(str(pdf), strict=True)
        intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
        assert intent["/S"] == "/GTS_PDFA1"
        profile = intent["/DestOutputProfile"].get_object().get_data()
        assert profile[36:40] == b"acsp" and profile[24:30] == bytes.fromhex("07e9000a0016")  # the conference's date
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb
        assert _xref_is_valid(data)


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_the_colour_profile_is_pinned_and_the_cross_references_follow(built):
    from generator.publish.pdf import pin_colour_profile

    pdf = next((built / "output").rglob("*发布材料.pdf")).read_bytes()
    for stamp in ((2031, 1, 2, 3, 4, 5), (1999, 12, 31, 23, 59, 59)):
        moved = pin_colour_profile(pdf, stamp)
        assert _xref_is_valid(moved)
        assert pin_colour_profile(moved, stamp) == moved  # pinning is idempotent
    assert pin_colour_profile(b"%PDF-1.4 no profile", (2031, 1, 2, 3, 4, 5)) == b"%PDF-1.4 no profile"


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_the_colour_profile_is_pinned_whatever_bytes_its_compressed_form_ends_in(built):
    """Compressed data may end in a line feed (the last byte of its checksum): the stream is read by its /Length,
    not up to the next line end. A profile left unpinned so had made two builds differ."""
    import zlib

    from generator.publish.pdf import pin_colour_profile

    def profile_date(pdf: bytes) -> bytes:
        return zlib.decompress(_profile_stream(pdf))[24:36]

    pdf = next((built / "output").rglob("*发布会.pdf")).read_bytes()
    profile = bytearray(zlib.decompress(_profile_stream(pdf)))

    def stamped(stamp: tuple) -> bytes:
        profile[24:36] = b"".join(v.to_bytes(2, "big") for v in stamp)
        return bytes(profile)

    # a date whose compressed profile ends in a line feed or carriage return
    awkward = next(stamp for n in range(20000) for stamp in [(1980 + n % 120, 1 + n // 120 % 12, 1 + n % 28, n % 24, n % 60, n % 59)]
                   if zlib.compress(stamped(stamp), 9)[-1:] in (b"\n", b"\r"))
    pdf = pin_colour_profile(pdf, awkward)
    assert profile_date(pdf) == stamped(awkward)[24:36]
    later = (2031, 2, 3, 4, 5, 6)
    pdf = pin_colour_profile(pdf, later)  # read back from a stream that ends in a line feed
    assert profile_date(pdf) == stamped(later)[24:36]
    assert _xref_is_valid(pdf)


def _profile_stream(pdf: bytes) -> bytes:
    import re

    number = re.search(rb"/DestOutputProfile\s*(\d+)", pdf).group(1)
    head = re.search(rb"\n" + number + rb" 0 obj\s*<<[^>]*/Length (\d+) 0 R[^>]*>>\s*stream\n", pdf)
    size = int(re.search(rb"\n" + head.group(1) + rb" 0 obj\s*(\d+)", pdf).group(1))
    return pdf[head.end():head.end() + size]


@needs_office
@pytest.mark.slow  # the module's LibreOffice build
def test_libreoffice_draws_the_native_word_charts_with_their_labels(built):
    import subprocess

    pdf = next((built / "output").rglob("*发布材料.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "工程总数" in text and "已完工" in text  # categories that only the river-projects chart shows
    assert "98.8%" in text.replace(" ", "")  # a data label as the chart formats it
