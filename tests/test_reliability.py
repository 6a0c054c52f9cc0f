"""Reliability: no input crashes or hangs any command, a failed build damages nothing, builds are reproducible."""
from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from tests.conftest import FIXTURES, ROOT
from tests.content.test_loader import BAD, EXPECTED

COMMANDS = ("check", "deck", "brief", "build")
FAILING = sorted(n for n, e in EXPECTED.items() if not e.startswith("checked"))


@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def seed_output(folder: Path) -> dict[str, bytes]:
    """An earlier good output that a failed build must leave byte-for-byte as it was."""
    earlier = folder / "output" / "02-测试" / "02-测试-发布会.pptx"
    earlier.parent.mkdir(parents=True, exist_ok=True)
    earlier.write_bytes(b"earlier good deck")
    return snapshot(folder / "output")


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", FAILING)
def test_every_command_refuses_bad_input_cleanly(name, make_project, run):
    folder = make_project((BAD / f"{name}.yaml").read_bytes())
    before = seed_output(folder)
    for command in COMMANDS:
        code, _, err = run(folder, command)
        assert code == 1, (command, err)
        assert err.splitlines()[0] == "error: content/conference.yaml:" + EXPECTED[name], command
        assert "Traceback" not in err and "internal error" not in err
        assert snapshot(folder / "output") == before, command


def test_huge_highlight_is_refused_quickly(make_project, run):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("          - 地区生产总值{{ gdp }}。\n", "          - " + "很长的要点" * 130_000 + "\n")  # about 2 MB of UTF-8
    folder = make_project(text)
    started = time.perf_counter()
    code, _, err = run(folder, "build")
    assert time.perf_counter() - started < 10
    assert code == 1
    assert "highlight 1: too long: at most 20000 characters" in err


def test_oversized_file_is_refused(make_project, run):
    code, _, err = run(make_project("title: x\n" + "# padding\n" * 300_000), "check")
    assert code == 1 and "a content file may be at most" in err


def test_long_valid_highlight_is_laid_out_over_continuation_slides(make_project, run):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    long_item = "全市经济运行总体平稳、稳中有进，高质量发展取得新成效。" * 600  # 16,800 characters
    folder = make_project(text.replace("          - 地区生产总值{{ gdp }}。\n", f"          - {long_item}\n"))
    started = time.perf_counter()
    code, _, err = run(folder, "deck")
    assert code == 0, err
    assert time.perf_counter() - started < 60
    [deck] = list((folder / "output").rglob("*.pptx"))
    prs = Presentation(str(deck))
    continued = [s for s in prs.slides if s.shapes.title is not None and "（续）" in s.shapes.title.text_frame.text]
    assert len(continued) > 10
    body = "".join(sh.text_frame.text.replace("\v", "") for s in prs.slides for sh in s.shapes if sh.name == "要点")
    assert long_item in body  # nothing lost between slides


@pytest.mark.slow  # over 5 s, or LibreOffice
def test_two_builds_at_once_both_leave_valid_outputs(shipped_project):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=shipped_project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    ended = []
    for p in procs:
        _, err = p.communicate(timeout=300)
        ended.append((p.returncode, err.decode()))
    # one build at a time into a folder (build/lock.py): the second waits, and past the wait says "busy" in one line
    assert sorted(code for code, _ in ended)[0] == 0, ended
    for code, err in ended:
        assert code == 0 or (code == 1 and "busy" in err and len(err.strip().splitlines()) == 1), err
    folder = shipped_project / "output" / "01-转型发展"
    assert {"01-转型发展-发布会.pptx", "01-转型发展-发布材料.docx"} <= {p.name for p in folder.iterdir()}
    assert not [p for p in folder.rglob("*") if p.name.startswith(".") and p.suffix == ".tmp"]
    Presentation(str(folder / "01-转型发展-发布会.pptx"))
    Document(str(folder / "01-转型发展-发布材料.docx"))


@pytest.mark.slow  # over 5 s, or LibreOffice
def test_outputs_do_not_depend_on_locale_time_zone_or_clock(shipped_project, tmp_path):
    outputs = []
    for i, extra in enumerate(({"LANG": "C", "LC_ALL": "C", "TZ": "UTC"},
                               {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "Asia/Shanghai"})):
        # a user cache of their own, shared by the two builds: tests running beside this one write to the shared one
        # (fonts, words, compiled texts, empty documents) between its two builds
        env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"), **extra)
        out = tmp_path / f"out{i}"
        subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out)], cwd=shipped_project, env=env,
                       check=True, capture_output=True, timeout=300)
        outputs.append(snapshot(out))
        time.sleep(1.1)  # a different second on the clock
    for snap in outputs:  # the record of the last build names where its files are (out0, out1): not an output
        del snap[".cache/last-builds.json"]
    assert outputs[0] == outputs[1]  # documents, PDFs, previews, the page, chart images and the manifest alike
    names = {k for k in outputs[0] if not k.startswith(".cache/")}
    assert {"index.html", "01-转型发展/01-转型发展-发布会.pptx", "01-转型发展/01-转型发展-发布材料.docx"} <= names
    if shutil.which("soffice"):
        assert {"01-转型发展/01-转型发展-发布会.pdf", "01-转型发展/thumbs/slide-01.png"} <= names


# ---------------------------------------------------------------- property-based


MUTATIONS = ("delete", "duplicate", "swap_type", "random_bytes", "indent", "truncate")


def mutate(text: str, rng: random.Random) -> bytes:
    if not text:
        return b""
    lines = text.split("\n")
    kind = rng.choice(MUTATIONS)
    i = rng.randrange(len(lines))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap_type" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = key + ": " + rng.choice(["[1, 2]", "{a: 1}", "'text'", "-3.5", "null", "true", "~", "2024-02-30",
                                            "{{ gdp }}", "１２３", ".inf", "\"\"", "&x 1", "*x", "!!binary AAAA"])
    elif kind == "indent":
        lines[i] = rng.choice(["", " ", "   ", "\t"]) + lines[i]
    elif kind == "truncate":
        lines = lines[:i]
    data = "\n".join(lines).encode("utf-8")
    if kind == "random_bytes":
        pos = rng.randrange(len(data) + 1)
        data = data[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[pos:]
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 3))
def test_random_mutations_end_in_a_clean_exit(make_project, run, seed, rounds):
    rng = random.Random(seed)
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    data = text.encode("utf-8")
    for _ in range(rounds):
        data = mutate(data.decode("utf-8", errors="replace"), rng)
    code, out, err = run(make_project(data), "check")
    assert code in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err
    if code == 1:
        *findings, summary = err.splitlines()
        assert summary.endswith("nothing was written.")
        assert findings and all(line.startswith("error: content/") for line in findings), err


CJK = st.text(alphabet=st.sampled_from(list("经济发展民生改善绿色安全城乡融合改革文脉指标总值增长提升全市亿元万吨户比较（）、，。")),
              min_size=1, max_size=30)
NUMBER = st.one_of(st.none(), st.integers(-10_000, 10_000_000).map(float), st.floats(-1e6, 1e9, allow_nan=False,
                                                                                      allow_infinity=False).map(lambda x: round(x, 2)))


@st.composite
def conferences(draw):
    metrics = []
    n = draw(st.integers(1, 8))
    for i in range(n):
        value = draw(NUMBER)
        metric = {"id": f"m{i}", "label": draw(CJK), "value": value, "unit": draw(st.sampled_from(["亿元", "%", "户", "", "万吨"])),
                  "key": draw(st.booleans())}
        if value is None:
            metric["note"] = "原文缺失"
        if draw(st.booleans()):
            metric["year"] = draw(st.integers(2000, 2030))
        if draw(st.booleans()):
            metric["rank"] = {"scope": "全省", "position": draw(st.integers(1, 120))}
        metrics.append(metric)
    ids = [m["id"] for m in metrics]
    kinds = draw(st.lists(st.sampled_from(["column", "bar", "line", "pie", "doughnut", "stacked_column", "stacked_bar",
                                           "combo"]), max_size=3))
    charts = []
    for k, kind in enumerate(kinds):
        cats = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=5))
        if kind in ("pie", "doughnut"):
            for m in metrics:
                if m["id"] in cats and m["value"] is not None:
                    m["value"] = abs(m["value"])
        series = [{"name": "系列一", "values": cats}]
        if kind == "combo":
            series.append({"name": "增速", "values": cats, "axis": "secondary", "unit": "%"})
        elif kind not in ("pie", "doughnut") and draw(st.booleans()):
            series.append({"name": "系列二", "values": cats})
        charts.append({"id": f"c{k}", "type": kind, "title": draw(CJK), "unit": "亿元",
                       "categories": [f"类{j}" for j in range(len(cats))], "series": series})
    highlights = [draw(CJK) + "{{ " + draw(st.sampled_from(ids)) + " }}" for _ in range(draw(st.integers(0, 12)))]
    theme = {"id": "t0", "title": draw(CJK), "metrics": metrics, "charts": charts, "highlights": highlights,
             "narrative": "".join(draw(CJK) + "{{ " + i + " }}" for i in ids)}
    if draw(st.booleans()):
        theme["lead"] = draw(CJK)
    return {"number": draw(st.integers(1, 99)), "slug": "测试", "title": draw(CJK), "source": "测试来源",
            "parts": [{"id": "p0", "title": draw(CJK), "themes": [theme, {"id": "t1", "title": "空主题"}]}]}


@settings(max_examples=12, deadline=None)
@given(data=conferences())
def test_any_valid_model_builds_a_deck_and_a_briefing_that_reopen(data):
    from generator.content.model import Conference, Series
    from generator.present.view import present
    from generator.render.briefing.document import briefing_bytes
    from generator.render.context import RenderContext
    from generator.render.deck.document import deck_bytes
    from generator.render.fit import Measurer
    from generator.theme import HouseStyle

    conf = Conference.model_validate(data)
    series = Series.model_validate({"title": "系列", "city": "市", "organisers": ["单位"], "conferences": ["x.yaml"]})
    theme = HouseStyle()
    view = present(series, conf)
    deck = Presentation(io.BytesIO(deck_bytes(view, RenderContext(theme, Measurer()))))
    assert len(deck.slides) >= 5
    brief = Document(io.BytesIO(briefing_bytes(view, RenderContext(theme))))
    # a chart none of whose figures is given yet is left out of both
    assert len(brief.inline_shapes) == len(view.themes[0].charts) <= len(data["parts"][0]["themes"][0]["charts"])


@pytest.mark.slow  # over 5 s, or LibreOffice
def test_a_failure_while_rendering_writes_nothing(shipped_project, run, monkeypatch):
    assert run(shipped_project, "build")[0] == 0
    before = snapshot(shipped_project / "output")
    import generator.render.briefing.document

    def boom(*a, **k):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(generator.render.briefing.document, "briefing_bytes", boom)
    code, _, err = run(shipped_project, "build", "--no-cache")
    assert code == 3 and "renderer failed" in err
    assert snapshot(shipped_project / "output") == before  # the deck, rendered first, was not written either


HEX = st.text("0123456789ABCDEF", min_size=6, max_size=6)
FACE = st.sampled_from(["宋体", "黑体", "微软雅黑", "Arial", "Noto Sans CJK SC", "方正小标宋简体", "A", "楷体" * 30,
                        "Times New Roman", "Some Face That Is Not Installed"])
SIZE_FIELDS = ("cover_title", "cover_subtitle", "title", "title_min", "body", "key_number", "key_number_min",
               "key_label", "key_detail", "chart_text", "source", "page_number", "closing", "notes")


@st.composite
def house_styles(draw) -> dict:
    """Theme files: colours that may or may not read on their fills, sizes anywhere in (and a little beyond) the
    stated bounds, any mix of faces."""
    colours = {name: draw(st.one_of(HEX, st.sampled_from(["222222", "FFFFFF", "B71C1C", "FBF5EC", "5F5F5F"])))
               for name in ("primary", "primary_dark", "accent", "text", "muted", "light", "white", "grid", "axis")}
    colours["series"] = draw(st.lists(HEX, min_size=1, max_size=8))
    # inside the usual range, at the bounds of the roles (6, 18, 40, 48, 96, 120) and just past them
    sizes = {name: draw(st.one_of(st.integers(6, 30), st.floats(5, 50, allow_nan=False),
                                  st.sampled_from([5, 6, 17, 18, 40, 41, 48, 49, 96, 97, 120, 121])))
             for name in SIZE_FIELDS}
    sizes["body_min"] = draw(st.integers(17, 41))
    fonts = {name: draw(FACE) for name in ("deck_latin", "deck_ea", "brief_title", "brief_body", "brief_heading1")}
    return {"name": "随机", "colours": colours if draw(st.booleans()) else {}, "sizes": sizes, "fonts": fonts}


@pytest.mark.slow  # builds a deck and a briefing per example
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(style=house_styles())
def test_a_theme_check_accepts_builds_and_one_it_refuses_is_one_clear_line(style, run, tmp_path_factory):
    """The contract over themes: check says exit 0 and then deck and brief build files that reopen, or check says
    exit 1 with the theme file named, and nothing else happens."""
    from ruamel.yaml import YAML

    folder = tmp_path_factory.mktemp("theme")
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "content").mkdir()
    shutil.copy(FIXTURES / "series.yaml", folder / "content" / "series.yaml")
    shutil.copy(FIXTURES / "minimal.yaml", folder / "content" / "conference.yaml")
    with (folder / "assets" / "theme.yaml").open("w", encoding="utf-8") as fh:
        YAML(typ="safe", pure=True).dump(style, fh)
    code, _, err = run(folder, "check", "--lang", "en")
    assert code in (0, 1), err
    if code == 1:
        lines = [line for line in err.splitlines() if line.strip()]
        assert "Traceback" not in err and lines[-1].endswith("nothing was written."), err
        assert all(line.startswith("error: assets/theme.yaml:") for line in lines[:-1]), err  # one line a problem
        return
    for command in ("deck", "brief"):
        code, _, err = run(folder, command, "--jobs", "1")
        assert code == 0, (command, err)
    [deck] = list((folder / "output").rglob("*.pptx"))
    [brief] = list((folder / "output").rglob("*.docx"))
    assert len(Presentation(str(deck)).slides) >= 3
    assert Document(str(brief)).paragraphs


@pytest.mark.parametrize("failure", ["full_disk", "read_only_folder"])
def test_a_file_system_refusal_is_one_line_naming_the_file_and_earlier_outputs_stay(failure, shipped_project, run,
                                                                                    monkeypatch):
    """Root ignores permissions and this disk is not full, so the system calls are made to fail as they would."""
    import errno

    import generator.writer

    assert run(shipped_project, "deck")[0] == 0
    before = snapshot(shipped_project / "output")
    real_fsync, real_mkstemp = os.fsync, generator.writer.tempfile.mkstemp

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    def read_only(*a, **k):
        if str(k.get("dir", "")).endswith("output") or "发布材料" in str(k.get("prefix", "")):
            raise OSError(errno.EROFS, "Read-only file system", k.get("dir"))
        return real_mkstemp(*a, **k)

    if failure == "full_disk":
        monkeypatch.setattr(generator.writer.os, "fsync", full)
    else:
        monkeypatch.setattr(generator.writer.tempfile, "mkstemp", read_only)
    code, _, err = run(shipped_project, "brief", "--no-cache")
    monkeypatch.setattr(generator.writer.os, "fsync", real_fsync)
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1, err
    assert "发布材料.docx" in lines[0] and ("disk has room" in lines[0] and "may write there" in lines[0])
    assert snapshot(shipped_project / "output") == before  # the deck as it was; no temporary file left
    assert not list((shipped_project / "output").rglob("*.tmp"))


def test_an_output_path_that_is_a_file_is_one_line(shipped_project, run):
    (shipped_project / "taken").write_text("a file, not a folder")
    code, _, err = run(shipped_project, "deck", "--out", "taken")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "taken" in err, err
    assert (shipped_project / "taken").read_text() == "a file, not a folder"
