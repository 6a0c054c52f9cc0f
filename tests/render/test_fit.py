"""Line breaking by the Chinese rules, with real font metrics."""
from __future__ import annotations

import pytest

from generator.render.fit import CLOSING, OPENING, Measurer, fit_title, tokens, wrap

M = Measurer()
TEXT = ("2024年全市完成地区生产总值2458.8亿元，比“十三五”末增长近千亿元，经济总量跃升至全省第四位。"
        "产业结构更加优化，三次产业的占比为6.2:42.8:51，服务业增加值占比较2020年提升1.6个百分点。")


def test_metrics_come_from_the_cjk_font():
    # a CJK character is one em; a digit is narrower; a space narrower still
    assert M.width("中", 20) > M.width("8", 20) > M.width(" ", 20) > 0
    assert abs(M.width("中文", 10) - 2 * M.width("中", 10)) < 1e-9


def test_figure_and_unit_are_one_token():
    toks = tokens("总值2458.8亿元，占比6.2:42.8:51。提升1.6个百分点")
    assert "2458.8亿元，" in toks
    assert "6.2:42.8:51。" in toks
    assert "1.6个百分点" in toks


def test_wrap_respects_width_and_never_splits_figures():
    for width in range(170, 520, 7):  # from the widest unbreakable piece (1.6个百分点。) up
        lines = wrap(TEXT, width, 20, M)
        assert "".join(lines) == TEXT
        for line in lines:
            assert M.width(line, 20) <= width
        for a, b in zip(lines, lines[1:]):
            assert b[0] not in CLOSING, (width, a, b)
            assert a[-1] not in OPENING, (width, a, b)
            assert not (a[-1].isdigit() and b[0] in "亿万元%个.:"), (width, a, b)
            assert not (a[-1] == "." or (a[-1].isdigit() and b[0].isdigit())), (width, a, b)


def test_a_token_wider_than_the_line_is_split_rather_than_overflowing():
    lines = wrap("1" * 200, 100, 20, M)
    assert all(M.width(line, 20) <= 100 for line in lines)
    assert "".join(lines) == "1" * 200


def test_title_shrinks_within_bounds_then_wraps():
    size, lines = fit_title("经济发展跃上新台阶", 800, 60, 28, 20, M)
    assert (size, lines) == (28, ["经济发展跃上新台阶"])
    size, lines = fit_title(TEXT[:40], 500, 80, 28, 20, M)
    assert 20 <= size < 28 and len(lines) <= 2


def test_cached_metrics_equal_the_font_metrics(tmp_path, monkeypatch):
    import noto_cjk_sans_otc

    from generator.build.memory import font_metrics
    from generator.render.fit import advance_widths, metrics_from_runs, metrics_runs

    font = str(noto_cjk_sans_otc.FONT_PATH)  # a theme's own measuring font is read once, then cached
    assert metrics_from_runs(metrics_runs(font)) == advance_widths(font)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = font_metrics(font)  # computed and stored in the user's cache folder, not the output folder's
    [stored] = (tmp_path / "press-generator" / "store" / "metrics").glob("*")
    again = font_metrics(font)  # read back
    assert first == again == advance_widths(font)
    assert Measurer(font, again).width(TEXT, 18) == Measurer(font).width(TEXT, 18)
    stored.write_text("{damaged", encoding="utf-8")
    assert font_metrics(font) == first  # a damaged entry is read from the font again
    assert font_metrics(None) == advance_widths(None)  # the shipped table needs no cache


def test_the_measuring_table_is_as_wide_as_every_face_that_draws_the_documents():
    """Lines fitted with the table fit in each face fonts.conf maps to, regular and bold: the PDF breaks where the
    measurement said. Needs the faces of .ci/run; on a machine without them there is nothing to compare."""
    import shutil

    from generator.publish.fonts import installed_face
    from generator.render.fit import advance_widths
    from tools.font_widths import FACES, advances

    if not shutil.which("fc-match"):
        pytest.skip("fontconfig is not installed")
    table, upm = advance_widths(None)
    compared = 0
    for pattern in FACES:
        found = installed_face(pattern)
        if found is None:
            continue
        compared += 1
        narrower = [chr(cp) for cp, em in advances(str(found[0]), found[1]).items() if table.get(cp, 0) < em * upm - 0.5]
        assert not narrower, (pattern, narrower[:20])
    if not compared:
        pytest.skip("none of the mapped faces is installed")
    # Latin capitals are where the faces differ: the table takes Liberation's, not Noto Sans CJK's narrower ones
    assert table[ord("W")] >= 944 and table[ord("年")] == 1000


