"""The press release and the script as the press officer sends them: printed by LibreOffice, no figure parted from
its unit, the title broken only between words, a short release and a script of a page or two."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT
from tests.publish.test_figures_and_units import splits, units

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice and poppler"),
]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    from generator.build.pipeline import build
    from generator.content.loader import load_project
    from generator.publish.pdf import to_pdf

    made = {}
    for name, content in (("seed", ROOT / "content"), ("shandong", ROOT / "examples" / "shandong-env")):
        project = load_project(content, ROOT)
        out = tmp_path_factory.mktemp(name)
        docs = build(project, project.conferences, out, ("release", "script"), jobs=1, use_cache=False).written
        for doc, data in to_pdf(docs, ROOT / "assets" / "fonts" / "fonts.conf").items():
            pdf = doc.with_suffix(".pdf")
            pdf.write_bytes(data)
            made[(name, doc.name.rsplit("-", 1)[1].split(".")[0])] = pdf
    return made


def text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.parametrize("example", ["seed", "shandong"])
@pytest.mark.parametrize("kind", ["主持词"])  # the release is plain text for copying: no joiners (test_release.py)
def test_no_figure_is_parted_from_its_unit(pdfs, example, kind):
    content = ROOT / ("content" if example == "seed" else "examples/shandong-env")
    assert splits(pdfs[(example, kind)], units(content)) == []


def test_the_printed_release_is_short_and_leads_with_its_news(pdfs):
    release = pdfs[("seed", "新闻通稿")]
    assert pages(release) <= 4 and pages(pdfs[("seed", "主持词")]) <= 2
    printed = re.sub(r"\s", "", text(release))
    assert ("2025年10月22日，中共晋中市委宣传部、晋中市人民政府新闻办公室举行晋中市辉煌“十四五”系列主题新闻发布会"
            "第一场。据介绍，2024年晋中市地区生产总值2458.8亿元，较2020年增加836.2亿元，居全省第四位。") in printed
    assert "超标率下降到1.7%" in printed and "。（完）来源：" in printed  # the fall as the content says it; the end


def test_a_long_title_breaks_between_words(pdfs):
    """2018年上半年全省环境质量状况及 / 中央环保督察反馈意见整改落实进展: never inside 督察 or 环保."""
    lines = [line.strip() for line in text(pdfs[("shandong", "主持词")]).splitlines() if line.strip()]
    title = lines[lines.index("山东省环境质量状况新闻发布会") + 1:][:2]
    assert title == ["2018年上半年全省环境质量状况及", "中央环保督察反馈意见整改落实进展"]
