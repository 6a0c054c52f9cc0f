"""The warm converter: PDFs as good as a cold soffice run's, a LibreOffice that dies started again, a time limit, and
a cold run (said in one line) when no LibreOffice can be kept."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import office
from generator.publish.office import Converter, page_range, uno_python
from generator.publish.pdf import _runs, normalise_pdf, to_pdf

ROOT = Path(__file__).resolve().parents[2]
FONT_MAP = ROOT / "assets" / "fonts" / "fonts.conf"
DATE = (2025, 10, 22, 0, 0, 0)


def _has_uno() -> bool:
    python = uno_python()
    return bool(python) and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0


needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                                  reason="LibreOffice/poppler not installed (CI installs them)")
needs_uno = pytest.mark.skipif(not _has_uno(), reason="python3-uno not installed (CI installs it)")


def test_page_ranges_and_preview_runs():
    assert page_range((1, 2, 3, 7)) == "1-3,7"
    assert page_range((14,)) == "14"
    assert page_range((5, 4, 4)) == "4-5"
    assert _runs([1, 2, 3, 4, 9], 2) == [(1, 3), (4, 4), (9, 9)]
    assert _runs(list(range(1, 25)), 2) == [(1, 12), (13, 24)]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The shipped conference's deck and briefing, written once."""
    from tests.conftest import main_in

    folder = tmp_path_factory.mktemp("office")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    assert main_in(folder, "deck") == 0 and main_in(folder, "brief") == 0
    [deck] = (folder / "output").rglob("*发布会.pptx")
    [brief] = (folder / "output").rglob("*发布材料.docx")
    return deck, brief


def _tool(args: list[str], pdf: Path) -> str:
    tail = ["-"] if args[0] == "pdftotext" else []  # pdftotext writes to a file unless told "-"
    return subprocess.run([*args, str(pdf), *tail], capture_output=True, text=True, check=True).stdout


def _info(pdf: Path) -> dict[str, str]:
    lines = [line.split(":", 1) for line in _tool(["pdfinfo"], pdf).splitlines() if ":" in line]
    return {k.strip(): v.strip() for k, v in lines if k.strip() != "File size"}


def _fonts(pdf: Path) -> list[list[str]]:
    """pdffonts' rows, less the object numbers (which differ with the order LibreOffice writes objects in)."""
    return [line.split()[:-2] for line in _tool(["pdffonts"], pdf).splitlines()[2:]]


def _pictures(pdf: Path, first: int, last: int, tmp: Path) -> list[bytes]:
    for old in tmp.glob("*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-f", str(first), "-l", str(last), "-scale-to-x", "320", "-scale-to-y", "-1",
                    str(pdf), str(tmp / "p")], check=True)
    return [p.read_bytes() for p in sorted(tmp.glob("p-*.png"))]


@needs_office
@needs_uno
@pytest.mark.slow  # LibreOffice, warm and cold
def test_a_warm_pdf_is_as_good_as_a_cold_one(documents, tmp_path):
    from pypdf import PdfReader

    deck, brief = documents
    with Converter(FONT_MAP) as converter:
        part, whole = (f.result() for f in converter.submit(deck, [(3, 5), None]))
        warm = {deck: whole, brief: converter.convert(brief)}
        assert converter.said == []  # no cold run was needed
    cold = to_pdf([deck, brief], FONT_MAP)
    for doc in (deck, brief):
        a, b = tmp_path / f"warm-{doc.stem}.pdf", tmp_path / f"cold-{doc.stem}.pdf"
        a.write_bytes(normalise_pdf(warm[doc], DATE))
        b.write_bytes(normalise_pdf(cold[doc], DATE))
        info = _info(a)
        assert info == _info(b)
        assert info["Tagged"] == "yes" and info["Title"].startswith("（一）坚决扛起重大历史使命")
        assert _fonts(a) == _fonts(b) and all(f[-3:] == ["yes", "yes", "yes"] for f in _fonts(a))  # all embedded
        text = _tool(["pdftotext", "-layout"], a)
        # the same characters; the warm way sets no gap between Chinese and Latin (office_bridge.no_script_spacing),
        # which the cold way cannot turn off: spaces differ, and a table cell's line may wrap elsewhere
        assert sorted(re.sub(r"\s", "", text)) == sorted(re.sub(r"\s", "", _tool(["pdftotext", "-layout"], b)))
        assert "2458.8" in text
        outline_a, outline_b = PdfReader(a).outline, PdfReader(b).outline
        assert len(outline_a) == len(outline_b) > 0  # bookmarks: a slide's title, a heading
        assert PdfReader(a).trailer["/Root"]["/Lang"] == "zh-CN"
    # the page range of just the slides due draws them exactly as the whole PDF does
    (tmp_path / "part.pdf").write_bytes(part)
    (tmp_path / "whole.pdf").write_bytes(warm[deck])
    assert _info(tmp_path / "part.pdf")["Pages"] == "2"
    shots = tmp_path / "shots"
    shots.mkdir()
    part_shots = _pictures(tmp_path / "part.pdf", 1, 2, shots)
    assert part_shots == [*_pictures(tmp_path / "whole.pdf", 3, 3, shots), *_pictures(tmp_path / "whole.pdf", 5, 5, shots)]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


def _processes(converter: Converter) -> set[int]:
    """The converter's bridge and its LibreOffice (other builds on the machine have their own)."""
    found = {converter.office.office_pid} if converter.office.office_pid else set()
    return found | ({converter.office.bridge.pid} if converter.office.bridge is not None else set())


def _ended(pids: set[int]) -> bool:
    end = time.monotonic() + 10
    while time.monotonic() < end and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return not any(_alive(p) for p in pids)


@needs_office
@needs_uno
@pytest.mark.slow  # LibreOffice, killed and started again
def test_a_libreoffice_that_dies_is_started_again_and_none_is_left_behind(documents):
    deck, brief = documents
    with Converter(FONT_MAP) as converter:
        first = converter.convert(brief)
        assert converter.office.office_pid and converter.office.started == 1
        killed = _processes(converter)
        os.killpg(converter.office.office_pid, signal.SIGKILL)  # LibreOffice dies between two conversions
        again = converter.convert(brief)
        assert converter.office.started == 2 and converter.said == []  # started again, still warm
        assert _tool_text(first) == _tool_text(again)
        second = _processes(converter)
    assert len(second) == 2 and _ended(killed | second)


def _tool_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@needs_office
@needs_uno
@pytest.mark.slow  # LibreOffice, stopped past the time limit, then a cold run
def test_past_the_time_limit_libreoffice_is_stopped_and_a_cold_run_says_so(documents, monkeypatch, english):
    deck, _ = documents
    monkeypatch.setattr(office, "CONVERT_SECONDS", 0.1)  # no LibreOffice converts a deck that fast
    with Converter(FONT_MAP) as converter:
        pdf = converter.convert(deck)
        assert len(converter.said) == 1
        assert "took over 0.1 s" in converter.said[0] and "converted by a cold soffice run" in converter.said[0]
        assert not converter.office.alive() and converter.office.started == 1  # stopped, and not tried again
    assert "2458.8" in _tool_text(pdf)


@needs_office
@pytest.mark.slow  # a cold LibreOffice run
def test_without_uno_every_conversion_is_cold_and_said_once_each(documents, monkeypatch, english):
    _, brief = documents
    monkeypatch.setenv(office.UNO_PYTHON, sys.executable)  # the generator's own Python: no uno module
    with Converter(FONT_MAP) as converter:
        pdf = converter.convert(brief)
        assert converter.broken and "python3-uno" in converter.broken
        assert converter.said == [f"warm converter: {converter.broken}; {brief.name} converted by a cold soffice run"]
    assert "2458.8" in _tool_text(pdf)


@needs_office
@needs_uno
@pytest.mark.slow  # two LibreOffices
def test_two_offices_convert_a_deck_and_a_briefing_side_by_side_and_both_end(documents):
    """An edit's deck and briefing convert at once, each in a LibreOffice of its own (one converts one document at a
    time), with the same PDFs as one LibreOffice makes; both are gone when the converter closes."""
    deck, brief = documents
    with Converter(FONT_MAP) as one:
        alone = {doc: _tool_text(one.convert(doc)) for doc in (deck, brief)}
    with Converter(FONT_MAP, offices=2) as converter:
        futures = {doc: converter.submit(doc, [None])[0] for doc in (deck, brief)}
        made = {doc: _tool_text(f.result()) for doc, f in futures.items()}
        assert [office.started for office in converter.offices] == [1, 1] and converter.said == []
        pids = {p for office in converter.offices for p in (office.office_pid, office.bridge.pid if office.bridge else None)
                if p}
    assert made == alone and len(pids) == 4 and _ended(pids)
