"""ingest on the real development corpus (tests/ingest/corpus: public 统计公报, 政府工作报告, 新闻报道, 部门总结 …,
each with a hand-checked gold set): floors the extractor reaches today, so a change that lowers them fails.
The full measure, per text, is docs/ingest.md (tools/ingest_report.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.ingest.measure import Scores, read_gold, score
from generator.ingest.read import read_source

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted(p for p in CORPUS.glob("*.txt") if p.with_name(f"{p.stem}_gold.yaml").is_file())
needs_corpus = pytest.mark.skipif(not TEXTS, reason="no corpus text with a gold set yet")


def _scores() -> dict[str, Scores]:
    return {p.stem: score(read_source(p), read_gold(p.with_name(f"{p.stem}_gold.yaml"))) for p in TEXTS}


@needs_corpus
def test_the_corpus_as_a_whole_meets_its_floors():
    scores = _scores()
    gold = sum(s.gold for s in scores.values())
    matched = sum(s.matched for s in scores.values())
    signs = sum(s.sign_checked for s in scores.values())
    signs_right = sum(s.sign_right for s in scores.values())
    years_right = sum(s.year_right for s in scores.values())
    undated = sum(s.undated for s in scores.values())
    undated_wrong = sum(s.undated_wrong for s in scores.values())
    tables = sum(s.table_gold for s in scores.values())
    tables_found = sum(s.table_matched for s in scores.values())
    print(f"corpus: recall {matched / gold:.3f}, signs {signs_right}/{signs}, year {years_right / matched:.3f}, "
          f"tables {tables_found}/{tables}")
    assert matched / gold >= 0.95
    assert signs_right / max(signs, 1) >= 0.98
    assert years_right / matched >= 0.93
    assert undated_wrong <= 0.05 * max(undated, 1)
    assert tables_found >= 0.90 * tables


@needs_corpus
@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_each_corpus_text_meets_its_floors(path):
    s = score(read_source(path), read_gold(path.with_name(f"{path.stem}_gold.yaml")))
    assert s.recall >= 0.85, [(g.value, g.unit, g.line) for g in s.misses][:20]
    assert s.sign_right >= 0.95 * s.sign_checked, [(g.value, g.line, f.value) for g, f in s.wrong_sign]
    if len(read_source(path)) > 5000:
        assert s.themes >= 3


@needs_corpus
@pytest.mark.slow  # a check per text, through the command line
def test_every_corpus_draft_passes_check(tmp_path):
    for path in TEXTS:
        folder = tmp_path / path.stem
        shutil.copytree(ROOT / "assets", folder / "assets")
        (folder / "content").mkdir()
        shutil.copy(ROOT / "tests" / "fixtures" / "series.yaml", folder / "content" / "series.yaml")
        for args in (["ingest", str(path), "-o", "content/conference.yaml"], ["check"]):
            done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=folder, capture_output=True,
                                  text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
            assert done.returncode == 0, (path.name, args[0], done.stderr[-2000:])


@needs_corpus
@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_full_width_digits_change_nothing(path):
    """Chinese documents often set figures full-width (２９８４．０, －７．３): prose and tables read the same."""
    from tests.ingest.damage import DAMAGE

    gold = read_gold(path.with_name(f"{path.stem}_gold.yaml"))
    clean, wide = score(read_source(path), gold), score(DAMAGE["full-width digits"](read_source(path)), gold)
    assert (wide.matched, wide.sign_right, wide.table_matched) == (clean.matched, clean.sign_right, clean.table_matched)
