"""The second example, from a real text: examples/shandong-env began as `ingest` of a corpus text and was checked by
hand (examples/shandong-env/EDITS.md). It must pass `check`, build with --final, and show its figures as the text
gives them."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, main_in

EXAMPLE = ROOT / "examples" / "shandong-env"
CONFERENCE = EXAMPLE / "conferences" / "01-环境质量.yaml"
CORPUS = ROOT / "tests" / "ingest" / "corpus"
SOURCE = CORPUS / "xinwen_2018_shandong_env.txt"
GOLD = CORPUS / "xinwen_2018_shandong_env_gold.yaml"

# How a figure reads in the deck, and how the same words read in the source text. The same but for the unit
# μg/m³, which the page wrote with a superscript that extraction flattened to m3.
AS_IN_SOURCE = {
    "55μg/m³": "55μg/m3",
    "同比下降15.4%": "同比下降15.4%",
    "同比下降7.9%": "同比下降7.9%",
    "53.7%": "53.7%",
    "较去年同期下降7.2个百分点": "较去年同期下降7.2个百分点",
    "98.1%": "98.1%",
    "93.9%": "93.9%",
    "28995万元": "28995万元",
    "2824万元": "2824万元",
    "8597件": "8597件",
    "4.39亿元": "4.39亿元",
    "已完成23项": "已完成23项",
}


def _metrics(conference: dict):
    for part in conference["parts"]:
        for theme in part["themes"]:
            yield from theme.get("metrics", [])


def _xml_text(path: Path, prefix: str) -> str:
    """Every text run of the package's parts under `prefix` (the slides, or the document), joined."""
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in sorted(z.namelist())
                      if n.startswith(prefix) and n.endswith(".xml"))
    runs = re.findall(r"<(?:a|w):t(?: [^>]*)?>([^<]*)</(?:a|w):t>", xml)
    return "".join(runs)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example checked and built with --final (no PDF), from the project folder as the README says."""
    out = tmp_path_factory.mktemp("shandong-env")
    assert main_in(ROOT, "check", "--content", "examples/shandong-env") == 0
    assert main_in(ROOT, "build", "--content", "examples/shandong-env", "--out", str(out), "--final", "--no-pdf") == 0
    folder = out / "01-环境质量"
    return folder / "01-环境质量-发布会.pptx", folder / "01-环境质量-发布材料.docx"


def test_every_figure_is_confirmed_and_from_the_text():
    """Each metric is 已核对, and every figure of the hand-checked gold set is in the file with its sign."""
    conference = yaml.safe_load(CONFERENCE.read_text(encoding="utf-8"))
    metrics = list(_metrics(conference))
    assert metrics and all(m.get("status") == "已核对" for m in metrics)
    stated = []
    for m in metrics:
        stated.append(m["value"])
        stated.append((m.get("growth") or {}).get("rate"))
        comparison = m.get("comparison") or {}
        stated += [comparison.get("increase"), comparison.get("points")]
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["figures"]
    missing = [g for g in gold if g["value"] not in stated]
    assert not missing, missing
    text = SOURCE.read_text(encoding="utf-8")
    for m in metrics:  # no value the text does not hold (59.0 is written 59.0 there)
        assert re.search(rf"(?<![\d.]){re.escape(str(m['value']))}(?!\d)", text), m["id"]


def test_it_builds_final_and_shows_the_figures_as_the_text_gives_them(built):
    deck, brief = built
    slides = _xml_text(deck, "ppt/slides/slide")
    document = _xml_text(brief, "word/document")
    source = SOURCE.read_text(encoding="utf-8")
    for shown, written in AS_IN_SOURCE.items():
        assert written in source, written
        assert shown in slides, shown
    for shown in ("3349.28万元", "285件", "80万元"):  # in the briefing's tables and prose
        assert shown in source and shown in document, shown
    for word in ("草稿", "待补充", "待核对"):
        assert word not in slides and word not in document
