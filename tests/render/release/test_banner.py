"""The series line above the title (the banner: a theme, ——, the series' name) in the briefing, the release and
the script: on one line, or broken after its —— (a phrase boundary), never where the word processor would break it
(…系列|主题新闻发布会, the review's L9). Checked on the reopened .docx and on LibreOffice's PDF text layer."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document

from generator.render.fit import PHRASE_ENDS, Measurer
from tests.conftest import ROOT

KINDS = ("brief", "release", "script")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from generator.build.pipeline import build
    from generator.content.loader import load_project
    from generator.present.view import banner

    project = load_project(ROOT / "content", ROOT)
    out = tmp_path_factory.mktemp("banner")
    docs = build(project, project.conferences, out, KINDS, jobs=1, use_cache=False).written
    return docs, banner(project.series)


def banner_lines(doc) -> list[str]:
    first = next(p for p in Document(str(doc)).paragraphs if p.text.strip())
    return first.text.replace("\u2060", "").split("\n")


def test_the_banner_is_one_line_or_breaks_after_its_dash(built):
    docs, banner = built
    assert "——" in banner and Measurer().width(banner, 16) > 400  # the seed's banner does not fit a line
    for doc in docs:
        lines = banner_lines(doc)
        assert "".join(lines) == banner, doc.name
        assert len(lines) == 2 and lines[0].endswith("——"), (doc.name, lines)


def test_a_banner_breaks_only_at_a_phrase_or_word_boundary():
    from generator.render.briefing.document import banner_lines as lines_of

    measure = Measurer()
    short = "系列主题新闻发布会"
    assert lines_of(short, measure) == [short]
    long_ = "推动高质量发展的生动实践——经济社会发展成就系列主题新闻发布会"
    lines = lines_of(long_, measure)
    assert "".join(lines) == long_ and lines[0].endswith("——"), lines
    no_dash = "全面建成小康社会以来经济社会发展成就系列主题新闻发布会暨重点项目集中签约仪式"
    lines = lines_of(no_dash, measure)
    assert len(lines) == 2 and all(line[-1] in PHRASE_ENDS or line.endswith(("发布会", "成就", "仪式", "签约")) for line in lines), lines


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and poppler")
def test_libreoffice_prints_the_banner_as_broken(built, tmp_path):
    from generator.publish.pdf import to_pdf

    docs, banner = built
    head, _, tail = banner.partition("——")
    for doc, data in to_pdf(docs, ROOT / "assets" / "fonts" / "fonts.conf").items():
        pdf = tmp_path / (doc.stem + ".pdf")
        pdf.write_bytes(data)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        printed = [re.sub(r"\s", "", line) for line in text.splitlines() if line.strip()]
        assert printed[0] == head + "——", (doc.name, printed[:2])
        assert printed[1] == tail, (doc.name, printed[:2])
