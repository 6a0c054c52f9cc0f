"""Hostile sources for `ingest`: a .docx and a PDF that are decompression bombs, a PDF of 20,000 pages, a line of
megabytes without a break, and a figure of 59 digits. Each runs the real command in a child process held to 10 s and
1 GB: a bomb or a source past a bound (generator/limits.py's ingest part) is refused in one line naming the file and
the bound, with no draft written; a source within the bounds gives a draft that `check` accepts and `build` builds.
Every hostile file is made here, in tmp_path, at test time."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest

from generator import limits
from tests.hostile.conftest import assert_deck_whole, cli, refused

SENTENCE = "2024年全市地区生产总值达到2458.8亿元，比上年增长5.1%。"


def _docx(path: Path, bomb_member: str | None) -> Path:
    """A real .docx of one sentence; with `bomb_member`, that member (document.xml itself, or a picture) holds
    300 MB of blanks, packed 1,000 to 1 (past the bounds by ratio and by size)."""
    import docx

    plain = path.with_name("plain.docx")
    document = docx.Document()
    document.add_paragraph(SENTENCE)
    document.save(str(plain))
    if bomb_member is None:
        return plain
    with zipfile.ZipFile(plain) as old:
        parts = {i.filename: old.read(i.filename) for i in old.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            if name != bomb_member:
                new.writestr(name, data)
        with new.open(bomb_member, "w") as fh:
            if bomb_member == "word/document.xml":
                fh.write(parts[bomb_member][:-30])
            for _ in range(300):
                fh.write(b" " * (1 << 20))
            if bomb_member == "word/document.xml":
                fh.write(parts[bomb_member][-30:])
    return path


def _pdf(path: Path, objects: list[bytes]) -> Path:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"


def _pdf_bomb(path: Path) -> Path:
    """One page whose content stream, 200 KB packed, inflates to 200 MB (past pypdf's 75 MB a stream)."""
    packer = zlib.compressobj(9)
    packed = packer.compress(b"BT /F1 12 Tf 72 700 Td (Regional GDP grew by 5.1 percent) Tj ET\n")
    for _ in range(200):
        packed += packer.compress(b" " * (1 << 20))
    packed += packer.flush()
    return _pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       PAGE % (5, 4), b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed
                       + b"\nendstream", FONT])


def _pdf_pages(path: Path, count: int) -> Path:
    """`count` pages sharing one content stream of text: 3 MB for 20,000 pages."""
    content = b"BT /F1 12 Tf 72 700 Td (Regional GDP grew by 5.1 percent in 2024) Tj ET"
    kids = b" ".join(b"%d 0 R" % (i + 5) for i in range(count))
    return _pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
                       b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", FONT]
                + [PAGE % (4, 3)] * count)


def _ingest(folder: Path, source: Path):
    draft = folder / "content" / "03-草稿.yaml"
    return cli(folder, "ingest", str(source), "-o", str(draft), "--lang", "en"), draft


@pytest.mark.parametrize("member", ["word/document.xml", "word/media/image1.png"], ids=["document.xml", "a picture"])
def test_a_docx_bomb_is_refused_before_it_is_unpacked(member, project, tmp_path):
    outcome, draft = _ingest(project, _docx(tmp_path / "bomb.docx", member))
    refused(outcome, "bomb.docx", member, "times its packed size", "zip bomb")
    assert len(outcome.lines) == 1, outcome.err
    assert not draft.exists()


def test_a_docx_within_the_bounds_still_reads(project, tmp_path):
    outcome, draft = _ingest(project, _docx(tmp_path / "text.docx", None))
    assert outcome.code == 0, outcome.err
    assert "2458.8" in draft.read_text(encoding="utf-8")


def test_a_pdf_bomb_is_refused_in_one_line(project, tmp_path):
    outcome, draft = _ingest(project, _pdf_bomb(tmp_path / "bomb.pdf"))
    refused(outcome, "bomb.pdf", f"more than {limits.INGEST_PDF_STREAM_BYTES // 1_000_000} MB", "decompression bomb")
    assert len(outcome.lines) == 1, outcome.err
    assert not draft.exists()


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_a_pdf_of_20000_pages_is_refused_by_its_page_count(project, tmp_path):
    outcome, draft = _ingest(project, _pdf_pages(tmp_path / "pages.pdf", 20_000))
    refused(outcome, "pages.pdf", "20,000 pages", f"at most {limits.INGEST_PDF_PAGES:,} pages")
    assert len(outcome.lines) == 1, outcome.err
    assert not draft.exists()


def test_a_pdf_at_the_page_bound_still_reads(project, tmp_path):
    outcome, draft = _ingest(project, _pdf_pages(tmp_path / "pages.pdf", limits.INGEST_PDF_PAGES))
    assert outcome.code == 0, outcome.err
    assert "5.1" in draft.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", ["很长的一段文字没有换行" * 63_000, "2458.8 亿元 " * 150_000],
                         ids=["2 MB of words", "150,000 figures"])
def test_a_line_of_megabytes_is_refused_by_its_length_in_linear_time(line, project, tmp_path):
    source = tmp_path / "long.txt"
    source.write_text(SENTENCE + "\n" + line + "\n", encoding="utf-8")
    outcome, draft = _ingest(project, source)
    refused(outcome, "long.txt:2:", f"a line of {len(line):,} characters", f"at most {limits.INGEST_LINE_CHARS:,}")
    assert len(outcome.lines) == 1, outcome.err
    assert not draft.exists()


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_a_line_just_within_the_bound_reads_in_seconds(project, tmp_path):
    """A line of 50,000 characters with 5,000 figures and no stop (the quadratic look-back before took 3 s for 20,000
    characters of words alone; a 2 MB line, minutes) reads inside the harness's 10 s."""
    line = ("2458.8 亿元 " * 5_000)[: limits.INGEST_LINE_CHARS]
    source = tmp_path / "long.txt"
    source.write_text(line + "\n" + SENTENCE + "\n", encoding="utf-8")
    outcome, draft = _ingest(project, source)
    assert outcome.code == 0, outcome.err
    assert draft.is_file()


@pytest.mark.parametrize("huge", ["12345678901234567890123456789012345678901234567890123456789", "1234567890.123456"],
                         ids=["59 digits", "16 significant digits"])
@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_a_figure_past_the_digits_stays_out_of_the_metrics_and_the_draft_builds(huge, project, tmp_path):
    """No metric value the deck would print changed: a figure of more than FIGURE_DIGITS significant digits stays in
    the text (named in the report), and the draft passes check and builds a deck with every shape on its slide."""
    source = tmp_path / "huge.txt"
    source.write_text(f"2024年全市地区生产总值达到{huge}亿元，比上年增长5.1%。\n{SENTENCE}\n", encoding="utf-8")
    outcome, draft = _ingest(project, source)
    assert outcome.code == 0, outcome.err
    assert f"{huge}亿元 (line 1): too large or too small for a statistic, or more than {limits.FIGURE_DIGITS} " \
           "significant digits" in outcome.out + outcome.err
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(draft.read_text(encoding="utf-8"))
    values = [m["value"] for p in data["parts"] for t in p["themes"] for m in t.get("metrics", [])]
    assert values and all(len(str(v).replace(".", "").lstrip("0")) <= limits.FIGURE_DIGITS for v in values), values
    assert huge.replace(".", "") not in "".join(str(v).replace(".", "") for v in values)
    series = project / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "  - 03-草稿.yaml\n", encoding="utf-8")
    checked = cli(project, "check", "--lang", "en")
    assert checked.code == 0, checked.err
    built = cli(project, "build", "--no-pdf", "--only", "3", "--jobs", "1", "--lang", "en")
    assert built.code == 0, built.err
    [deck] = (project / "output").rglob("*03*.pptx")
    assert_deck_whole(deck)


def test_reading_a_pdf_s_text_stops_at_its_time_bound(tmp_path, monkeypatch, english):
    """Pages built to be slow are stopped by INGEST_PDF_SECONDS, whatever the page count (here the bound is 0 s, in
    this process, so any PDF passes it by its second page)."""
    from generator.errors import GeneratorError
    from generator.ingest.read import read_source

    monkeypatch.setattr(limits, "INGEST_PDF_SECONDS", 0.0)
    with pytest.raises(GeneratorError, match=r"pages\.pdf: reading its text took more than 0 s by page \d of 50"):
        read_source(_pdf_pages(tmp_path / "pages.pdf", 50))


def test_a_file_named_pdf_that_is_no_pdf_is_refused_in_our_one_line(project, tmp_path):
    """pypdf says 'invalid pdf header' and 'EOF marker not found' through its logger before it gives up: stderr is
    our line only."""
    fake = tmp_path / "x.pdf"
    fake.write_text("这不是 PDF，只是一段文字。\n", encoding="utf-8")
    outcome, draft = _ingest(project, fake)
    refused(outcome, "x.pdf", "not a readable PDF")
    assert len(outcome.lines) == 1 and "EOF marker" not in outcome.err and "pdf header" not in outcome.err, \
        outcome.err
    assert not draft.exists()


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf")])
def test_a_text_with_a_byte_order_mark_reads(encoding, bom, tmp_path):
    """UTF-16 with its BOM (what Windows' Notepad saves as “Unicode”) and UTF-8 with a BOM: read, not refused as
    neither UTF-8 nor GBK, and the BOM is no character of the text."""
    from generator.ingest.read import read_source

    source = tmp_path / "text.txt"
    source.write_bytes(bom + SENTENCE.encode(encoding))
    assert read_source(source) == SENTENCE


def test_a_text_with_direction_marks_gives_a_draft_that_check_accepts(project, tmp_path):
    """check refuses the direction controls (text shown other than it is written: U+202E before 12 shows 21); a
    source that carries them (a text copied from a web page or a Word file) gives a draft without them."""
    source = tmp_path / "marks.txt"
    source.write_text(SENTENCE.replace("2458.8", "\u200f2458.8\u202c").replace("全市", "全\u202e市") + "\n",
                      encoding="utf-8")
    outcome, draft = _ingest(project, source)
    assert outcome.code == 0, outcome.err
    text = draft.read_text(encoding="utf-8")
    assert "2458.8" in text and not any(ch in text for ch in "\u200f\u202c\u202e")
    series = project / "content" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "  - 03-草稿.yaml\n", encoding="utf-8")
    checked = cli(project, "check", "--lang", "en")
    assert checked.code == 0, checked.err
