"""The build cache and parallel builds: exactly what depends on an edit is redone, and the bytes never depend on how."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from generator.build.pipeline import build
from generator.content.loader import load_project
from tests.conftest import ROOT

CONF = "content/conferences/01-转型发展.yaml"

@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def two_conference_project(folder):
    """The shipped project plus a second conference copied from the first."""
    content = folder / "content"
    text = (content / "conferences" / "01-转型发展.yaml").read_text(encoding="utf-8")
    (content / "conferences" / "02-副本.yaml").write_text(text.replace("number: 1", "number: 2", 1)
                                                            .replace("slug: 转型发展", "slug: 副本", 1), encoding="utf-8")
    series = content / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "  - conferences/02-副本.yaml\n", encoding="utf-8")
    return folder


def run_build(folder, **kw):
    project = load_project(folder / "content", folder)
    return build(project, project.conferences, folder / "output", ("deck", "brief"), **kw)


def edit(folder, old, new, path=CONF):
    p = folder / path
    text = p.read_text(encoding="utf-8")
    assert text.count(old) == 1
    p.write_text(text.replace(old, new), encoding="utf-8")


def picture_charts(folder):
    """The briefing's charts as matplotlib pictures (brief_charts: picture): the chart image cache is in play."""
    theme = folder / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "brief_charts: picture\n", encoding="utf-8")
    return folder


def names(paths):
    return sorted(p.name for p in paths)


def test_no_change_rebuild_does_no_rendering(shipped_project):
    picture_charts(shipped_project)
    first = run_build(shipped_project)
    assert len(first.written) == 2 and first.charts_drawn == 14
    again = run_build(shipped_project)
    assert again.written == [] and len(again.skipped) == 2 and again.charts_drawn == 0 and again.charts_cached == 0


def test_edited_figure_redoes_its_conference_and_only_its_charts(shipped_project):
    picture_charts(shipped_project)
    two_conference_project(shipped_project)
    run_build(shipped_project)
    # 农林牧渔业总产值 appears in no chart; 城镇居民人均可支配收入 in exactly one (income_chart)
    edit(shipped_project, "value: 44434", "value: 44435")
    edit(shipped_project, "base_value: 36578", "base_value: 36579")
    r = run_build(shipped_project)
    assert names(r.written) == ["01-转型发展-发布会.pptx", "01-转型发展-发布材料.docx"]
    assert names(r.skipped) == ["02-副本-发布会.pptx", "02-副本-发布材料.docx"]
    assert r.charts_drawn == 1 and r.charts_cached == 13


@pytest.mark.slow  # over 1.5 s: whole builds; the quick loop keeps the figure edit and no-change ones
def test_edited_narrative_redoes_documents_but_no_chart(shipped_project):
    picture_charts(shipped_project)
    run_build(shipped_project)
    edit(shipped_project, "城乡融合迈出新步伐。太原晋中一体化加速推进", "城乡融合迈出新步伐！太原晋中一体化加速推进")
    r = run_build(shipped_project)
    assert len(r.written) == 2 and r.charts_drawn == 0 and r.charts_cached == 14


@pytest.mark.slow  # over 2 s: a whole build or a subprocess; the quick loop stays under 90 s
def test_theme_colour_redoes_everything(shipped_project):
    picture_charts(shipped_project)
    two_conference_project(shipped_project)
    run_build(shipped_project)
    edit(shipped_project, 'primary: "B71C1C"', 'primary: "A01010"', path="assets/theme.yaml")
    r = run_build(shipped_project)
    assert len(r.written) == 4 and r.charts_drawn == 14  # the copy's charts equal the original's: drawn once


@pytest.mark.slow  # over 1.5 s: whole builds; the quick loop keeps the figure edit and no-change ones
def test_series_file_redoes_every_conference(shipped_project):
    two_conference_project(shipped_project)
    run_build(shipped_project)
    edit(shipped_project, "  - 晋中市人民政府新闻办公室", "  - 晋中市人民政府新闻办公室（新闻发布）", path="content/series.yaml")
    r = run_build(shipped_project)
    assert len(r.written) == 4 and r.charts_drawn == 0


def test_an_output_changed_by_hand_is_rebuilt(shipped_project):
    first = run_build(shipped_project)
    deck = next(p for p in first.written if p.suffix == ".pptx")
    good = deck.read_bytes()
    deck.write_bytes(b"edited by hand")
    r = run_build(shipped_project)
    assert r.written == [deck] and deck.read_bytes() == good


def test_deleted_cache_rebuilds_identical_bytes(shipped_project):
    first = {p: p.read_bytes() for p in run_build(shipped_project).written}
    shutil.rmtree(shipped_project / "output" / ".cache")
    r = run_build(shipped_project)
    assert {p: p.read_bytes() for p in r.written} == first


def stored(folder, section):
    """The entries of one section of the build folder's store (build/store.py)."""
    return sorted((folder / "output" / ".cache" / "store" / section).glob("*"))


def chart_parts(folder):
    return stored(folder, "chart-parts")


def test_a_figure_edit_makes_only_its_native_charts_again_and_the_bytes_of_a_clean_build(shipped_project, tmp_path):
    run_build(shipped_project)
    before = chart_parts(shipped_project)
    assert len(before) == 20  # the deck's 6 native charts and the briefing's 14 (the deck shows 8 as cards)
    edit(shipped_project, "base_value: 602.9", "base_value: 602.95")  # plotted in one chart (gdp_2020_2024)
    r = run_build(shipped_project)
    assert len(chart_parts(shipped_project)) == 22  # that chart, once for the deck and once for the briefing
    # the deck laid out that theme's slides again and replayed the other eleven themes' (render/ooxml/slide_replay)
    assert len(stored(shipped_project, "slides")) == 12 + 1
    project = load_project(shipped_project / "content", shipped_project)
    clean = build(project, project.conferences, tmp_path / "clean", ("deck", "brief"), use_cache=False)
    assert [p.read_bytes() for p in r.written] == [p.read_bytes() for p in clean.written]
    assert not (tmp_path / "clean" / ".cache" / "store" / "chart-parts").exists()


def test_a_chart_part_cut_short_or_damaged_is_made_again(shipped_project, tmp_path):
    first = {p.name: p.read_bytes() for p in run_build(shipped_project).written}
    parts = chart_parts(shipped_project)
    whole = parts[0].read_bytes()
    parts[0].write_bytes(whole[:40])  # cut inside its XML
    parts[1].write_bytes(b"\xff" * 8)  # a length past its end
    (shipped_project / "output" / ".cache" / "manifest.json").unlink()
    r = run_build(shipped_project)
    assert {p.name: p.read_bytes() for p in r.written} == first
    assert parts[0].read_bytes() == whole


def test_a_briefing_whose_charts_were_made_before_never_loads_python_pptx(shipped_project):
    probe = ("import sys; from generator.cli import main; code = main(['brief', '--jobs', '1']); "
             "print(code, 'pptx' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", probe], cwd=shipped_project, capture_output=True, text=True, check=True)
    assert first.stdout.strip().endswith("0 True")  # the charts were made: python-pptx's chart machinery
    edit(shipped_project, "城乡融合迈出新步伐。太原晋中一体化加速推进", "城乡融合迈出新步伐！太原晋中一体化加速推进")
    again = subprocess.run([sys.executable, "-c", probe], cwd=shipped_project, capture_output=True, text=True, check=True)
    assert "wrote" in again.stdout and again.stdout.strip().endswith("0 False")


def test_a_deck_whose_charts_were_made_before_never_loads_xlsxwriter(shipped_project):
    probe = ("import sys; from generator.cli import main; code = main(['deck', '--jobs', '1']); "
             "print(code, 'xlsxwriter' in sys.modules, 'pptx.chart.data' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", probe], cwd=shipped_project, capture_output=True, text=True, check=True)
    assert first.stdout.strip().endswith("0 True True")  # the charts were made: their workbooks too
    edit(shipped_project, "城乡融合迈出新步伐。太原晋中一体化加速推进", "城乡融合迈出新步伐！太原晋中一体化加速推进")
    again = subprocess.run([sys.executable, "-c", probe], cwd=shipped_project, capture_output=True, text=True, check=True)
    assert "wrote" in again.stdout and again.stdout.strip().endswith("0 False False")


def test_chart_parts_no_build_uses_are_pruned_to_the_most_recent(shipped_project):
    import os

    folder = shipped_project / "output" / ".cache" / "store" / "chart-parts"
    folder.mkdir(parents=True)
    for i in range(150):  # charts of earlier edits, long unused
        (folder / f"old{i:03d}").write_bytes(b"x")
        os.utime(folder / f"old{i:03d}", (1_000_000 + i, 1_000_000 + i))
    run_build(shipped_project)
    old = sorted(p.name for p in folder.glob("old*"))
    assert old == [f"old{i:03d}" for i in range(50, 150)]  # the 100 most recently used
    assert len(chart_parts(shipped_project)) == 120


@pytest.mark.slow  # over 1.5 s: whole builds; the quick loop keeps the figure edit and no-change ones
def test_jobs_1_and_jobs_2_give_identical_outputs(shipped_project, tmp_path):
    two_conference_project(shipped_project)
    project = load_project(shipped_project / "content", shipped_project)
    one = build(project, project.conferences, tmp_path / "one", ("deck", "brief"), jobs=1)
    two = build(project, project.conferences, tmp_path / "two", ("deck", "brief"), jobs=2)
    assert [p.read_bytes() for p in one.written] == [p.read_bytes() for p in two.written]
    assert len(one.written) == 4


def test_check_never_imports_the_renderers():
    code = ("import sys; from generator.cli import main; rc = main(['check']); "
            "print(rc, sorted(m for m in ('matplotlib', 'pptx', 'docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert out.strip().splitlines()[-1] == "0 []"


def test_native_briefing_charts_draw_no_picture_and_never_import_matplotlib(shipped_project):
    r = run_build(shipped_project)
    assert len(r.written) == 2 and r.charts_drawn == 0 and r.charts_cached == 0
    code = ("import sys, tempfile; from generator.cli import main; "
            "rc = main(['brief', '--jobs', '1', '--no-cache', '--out', tempfile.mkdtemp()]); "
            "print(rc, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120).stdout
    assert out.strip().splitlines()[-1] == "0 False"


def test_deck_does_not_import_matplotlib():
    code = ("import sys, tempfile; from generator.cli import main; "
            "rc = main(['deck', '--jobs', '1', '--no-cache', '--out', tempfile.mkdtemp()]); "
            "print(rc, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120).stdout
    assert out.strip().splitlines()[-1] == "0 False"


def count_pools(monkeypatch):
    """Every process pool a build starts, by its size."""
    import generator.build.workers as workers

    sizes: list[int] = []
    real = workers.ProcessPoolExecutor

    def counted(*args, **kw):
        sizes.append(kw["max_workers"])
        return real(*args, **kw)

    monkeypatch.setattr(workers, "ProcessPoolExecutor", counted)
    return sizes


@pytest.mark.slow  # over 1.5 s: whole builds; the quick loop keeps the figure edit and no-change ones
def test_an_edit_is_rendered_by_the_workers_that_warmed_up_while_the_content_loaded(shipped_project, run, monkeypatch):
    sizes = count_pools(monkeypatch)
    assert run(shipped_project, "build", "--no-pdf", "--jobs", "2")[0] == 0
    assert sizes == [2]  # one deck and one briefing: the early pool is enough, no second one
    edit(shipped_project, "base_value: 36578", "base_value: 36579")
    assert run(shipped_project, "build", "--no-pdf", "--jobs", "2")[0] == 0
    assert sizes == [2, 2]
    assert run(shipped_project, "build", "--no-pdf", "--jobs", "1", "--no-cache", "--out", "alone")[0] == 0
    for made in (shipped_project / "alone").rglob("*.*x"):  # the same bytes as one process makes alone
        assert (shipped_project / "output" / made.relative_to(shipped_project / "alone")).read_bytes() == made.read_bytes()


def test_more_work_than_the_early_workers_gets_a_pool_of_its_size(shipped_project, run, monkeypatch):
    two_conference_project(shipped_project)
    sizes = count_pools(monkeypatch)
    assert run(shipped_project, "deck", "--jobs", "4")[0] == 0
    assert sizes == [2]  # one kind warms no early pool of its own; two decks on four cores get a pool of two
    assert len(list((shipped_project / "output").rglob("*.pptx"))) == 2


def test_an_error_found_while_the_workers_warm_up_ends_the_build_and_them(shipped_project, run):
    import multiprocessing

    edit(shipped_project, "base_value: 36578", "base_value: 三万")
    before = set(multiprocessing.active_children())  # (a pool of an earlier test may still be winding down)
    code, out, err = run(shipped_project, "build", "--no-pdf", "--jobs", "2")
    assert code == 1 and "base value" in out + err and "Traceback" not in out + err
    assert not (shipped_project / "output").exists()
    assert not set(multiprocessing.active_children()) - before  # no worker outlives the build


@pytest.mark.slow  # over 1.5 s: whole builds; the quick loop keeps the figure edit and no-change ones
def test_watchs_kept_workers_render_every_build_after_the_first_and_end_with_it(shipped_project, monkeypatch):
    """One pool, forked once, renders build after build (a save no longer forks); the bytes are those of a build
    alone; closing it leaves no worker behind."""
    import multiprocessing

    from generator.build.pipeline import Options, run
    from generator.build.workers import KeptWorkers
    from generator.report import Report

    sizes = count_pools(monkeypatch)
    before = set(multiprocessing.active_children())
    options = Options(shipped_project / "content", shipped_project / "output", ("deck", "brief"), jobs=2)
    monkeypatch.chdir(shipped_project)
    with KeptWorkers(2) as kept:
        run(options, Report(), kept)
        edit(shipped_project, "base_value: 36578", "base_value: 36579")
        run(options, Report(), kept)
        assert sizes == [2]  # the kept pool, and no early pool for either build
    assert not set(multiprocessing.active_children()) - before
    project = load_project(shipped_project / "content", shipped_project)
    alone = build(project, project.conferences, shipped_project / "alone", ("deck", "brief"), jobs=1, use_cache=False)
    for made in alone.written:
        assert (shipped_project / "output" / made.relative_to(shipped_project / "alone")).read_bytes() == made.read_bytes()


def count_presentations(monkeypatch) -> list[int]:
    """The number of every conference the pipeline presents, as it presents it."""
    import generator.build.pipeline

    real, calls = generator.build.pipeline.present, []

    def counted(*args, **kw):
        calls.append(args[1].number)
        return real(*args, **kw)

    monkeypatch.setattr(generator.build.pipeline, "present", counted)
    return calls


def test_each_conference_is_presented_once_for_its_deck_and_its_briefing(shipped_project, monkeypatch):
    calls = count_presentations(monkeypatch)
    two_conference_project(shipped_project)
    run_build(shipped_project, jobs=1)
    assert sorted(calls) == [1, 2]


def test_a_forced_build_makes_everything_again_and_keeps_it_for_the_next(shipped_project, monkeypatch):
    """watch's first build: nothing kept is read (every slide laid out, every chart made, so that this process loads
    all it will need), and all it makes is kept, so that the first save after it replays the unchanged themes."""
    import generator.render.ooxml.slide_replay as replay

    replayed: list[int] = []
    real = replay._replay
    monkeypatch.setattr(replay, "_replay", lambda *a: replayed.append(1) or real(*a))
    run_build(shipped_project, jobs=1)
    r = run_build(shipped_project, jobs=1, force=True)
    assert len(r.written) == 2 and not r.skipped and not replayed
    records = stored(shipped_project, "slides")
    assert len(records) == 12 and all(p.stat().st_size for p in records)
    edit(shipped_project, "base_value: 602.9", "base_value: 602.95")  # in a chart the deck draws
    run_build(shipped_project, jobs=1)
    assert len(replayed) == 11


@pytest.mark.slow  # over 1.5 s: whole builds; the quick loop keeps the figure edit and no-change ones
def test_chart_pictures_and_slide_records_no_build_uses_are_pruned_too(shipped_project):
    import os

    picture_charts(shipped_project)
    cache = shipped_project / "output" / ".cache" / "store"
    for folder in ("charts", "slides"):
        (cache / folder).mkdir(parents=True)
        for i in range(120):
            (cache / folder / f"old{i:03d}").write_bytes(b"x")
            os.utime(cache / folder / f"old{i:03d}", (1_000_000 + i, 1_000_000 + i))
    run_build(shipped_project)
    for folder in ("charts", "slides"):
        assert sorted(p.name for p in (cache / folder).glob("old*")) == [f"old{i:03d}" for i in range(20, 120)]
    assert len(stored(shipped_project, "charts")) == 100 + 14
    assert len(stored(shipped_project, "slides")) == 100 + 12


@pytest.mark.slow  # over 1.5 s: whole builds; the quick loop keeps the figure edit and no-change ones
def test_the_page_takes_the_views_the_build_presented(shipped_project, run, monkeypatch):
    calls = count_presentations(monkeypatch)
    two_conference_project(shipped_project)
    assert run(shipped_project, "build", "--no-pdf", "--jobs", "1")[0] == 0
    assert sorted(calls) == [1, 2]  # once each, for the documents and the page
    page = (shipped_project / "output" / "index.html").read_bytes()
    assert run(shipped_project, "build", "--no-pdf", "--jobs", "1", "--only", "2", "--no-cache")[0] == 0
    assert sorted(calls) == [1, 1, 2, 2]  # the page presents the conference the build did not
    assert (shipped_project / "output" / "index.html").read_bytes() == page


def test_a_designers_template_changed_in_place_lays_every_slide_out_again(shipped_project, tmp_path):
    """The recorded slides are keyed on the build's inputs: a template saved over with another slide size must not
    bring back slides laid out for the old one."""
    from pptx import Presentation
    from pptx.util import Inches

    def template(width):
        prs = Presentation()
        prs.slide_width = Inches(width)
        prs.save(str(shipped_project / "assets" / "mine.pptx"))

    template(10)
    theme = shipped_project / "assets" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "deck_template: assets/mine.pptx\n", encoding="utf-8")
    run_build(shipped_project)
    template(13.333)
    r = run_build(shipped_project)
    project = load_project(shipped_project / "content", shipped_project)
    clean = build(project, project.conferences, tmp_path / "clean", ("deck",), use_cache=False)
    deck = next(p for p in r.written if p.suffix == ".pptx")
    assert deck.read_bytes() == clean.written[0].read_bytes()


def series_of(folder, n: int, broken: int | None = None):
    """The shipped project and copies of its conference, n in all; with `broken`, that copy's figure is text."""
    content = folder / "content"
    text = (content / "conferences" / "01-转型发展.yaml").read_text(encoding="utf-8")
    series = content / "series.yaml"
    listing = series.read_text(encoding="utf-8")
    for i in range(2, n + 1):
        copy = text.replace("number: 1", f"number: {i}", 1).replace("slug: 转型发展", f"slug: 副本{i}", 1)
        if i == broken:
            copy = copy.replace("base_value: 36578", "base_value: 三万", 1)
        (content / "conferences" / f"{i:02d}-副本{i}.yaml").write_text(copy, encoding="utf-8")
        listing += f"  - conferences/{i:02d}-副本{i}.yaml\n"
    series.write_text(listing, encoding="utf-8")
    return folder


def test_a_series_read_by_the_workers_too_is_the_series_read_in_turn(shipped_project):
    """A build reads half a series' files in its warm workers (EarlyPool.each): the same sources, models and
    findings, in the same order, as reading them one after the other."""
    from generator.build.workers import EarlyPool
    from generator.content.loader import load_project

    series_of(shipped_project, 6)
    alone = load_project(shipped_project / "content", shipped_project)
    with EarlyPool(("deck", "brief"), 2) as early:
        assert early.pool is not None
        shared = load_project(shipped_project / "content", shipped_project, each=early.each)
    assert [c.model for c in shared.conferences] == [c.model for c in alone.conferences]
    where = [(c.source.file, c.source.values) for c in alone.conferences]
    assert [(c.source.file, c.source.values) for c in shared.conferences] == where
    assert shared.warnings == alone.warnings


def test_a_bad_file_read_by_a_worker_is_said_as_one_read_here(shipped_project, run):
    series_of(shipped_project, 6, broken=5)  # in the half the workers read
    code, out, err = run(shipped_project, "build", "--no-pdf", "--jobs", "2")
    assert code == 1 and "05-副本5.yaml" in out + err and "base value" in out + err and "Traceback" not in out + err
    assert not (shipped_project / "output").exists()
