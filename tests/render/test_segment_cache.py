"""The words jieba found for a title are kept in the user's store: a rebuild does not load its dictionary."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytest.importorskip("rjieba")
TITLES = ["数字经济核心产业增加值占地区生产总值比重", "规上工业企业研发经费内部支出"]
PROBE = ("import sys; from generator.render import fit; from generator.build.memory import remember_in_user_store; "
         "remember_in_user_store(); "
         "print([fit._segment(t) for t in sys.argv[1:]]); print('rjieba' in sys.modules)")


def run_probe(cache) -> tuple[list, bool]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE, *TITLES], env=env, capture_output=True, text=True, check=True)
    words, loaded = out.stdout.strip().splitlines()
    return eval(words), loaded == "True"  # noqa: S307 - our own probe's printed list


def test_words_found_once_are_read_back_without_the_dictionary(tmp_path):
    first, loaded_first = run_probe(tmp_path)
    second, loaded_second = run_probe(tmp_path)
    assert loaded_first and not loaded_second  # the second process never imported rjieba
    assert first == second and ["".join(w) for w in first] == TITLES
    [cache] = list((tmp_path / "press-generator" / "store" / "words").glob("*"))
    assert [json.loads(line)[0] for line in cache.read_text(encoding="utf-8").splitlines()] == TITLES


def test_a_damaged_cache_is_ignored_line_by_line(tmp_path):
    run_probe(tmp_path)
    [cache] = list((tmp_path / "press-generator" / "store" / "words").glob("*"))
    lines = cache.read_text(encoding="utf-8").splitlines()
    cache.write_text("not json\n" + json.dumps([TITLES[0], ["数字", "错的"]], ensure_ascii=False) + "\n" + lines[1] + "\n",
                     encoding="utf-8")
    words, loaded = run_probe(tmp_path)
    assert loaded  # the first title had to be found again: its cached words did not spell it
    assert ["".join(w) for w in words] == TITLES


def test_a_text_whose_figures_changed_finds_its_words_known(tmp_path):
    """Numbers are looked up as 0: an edited figure (or a series whose conferences differ in their figures) does not
    load the dictionary again, and the words are the text's own, figures whole."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONPATH=str(ROOT))

    def words_of(text: str) -> tuple[list, bool]:
        out = subprocess.run([sys.executable, "-c", PROBE, text], env=env, capture_output=True, text=True, check=True)
        found, loaded = out.stdout.strip().splitlines()
        return eval(found)[0], loaded == "True"  # noqa: S307 - our own probe's printed list

    before, loaded_before = words_of("全市地区生产总值2458.8亿元，较2020年增加836.2亿元")
    after, loaded_after = words_of("全市地区生产总值2460亿元，较2020年增加837.5亿元")
    assert loaded_before and not loaded_after
    assert "".join(after) == "全市地区生产总值2460亿元，较2020年增加837.5亿元" and "837.5" in after
    assert [w for w in before if not w[0].isdigit()] == [w for w in after if not w[0].isdigit()]
