"""The deck's body lines (fit.wrap) end between words where that keeps a line well filled, keep a rank and a figure
with its unit whole, and leave no short widow: the review found 科技创新平|台, 黑臭水体全|面消除, 投资格|局, 进|口,
全省第|四位 and last lines of 全省。 in the shipped deck."""
from __future__ import annotations

import re

import pytest

from generator.render.fit import CLOSING, WIDOW_CHARS, WIDOW_FILL, WORD_FILL, Measurer, _segment, tokens, wrap

pytest.importorskip("rjieba")

MEASURE = Measurer()
SIZE = 20

TEXTS = [
    "创新驱动成效明显，省级创新驱动平台挂牌运营，建成15个省级重点科技创新平台、4个省级市域产教联合体，组建6个省级特色产业学院。",
    "空气质量改善成果得到巩固，入选国家再生水利用重点城市，市城区黑臭水体全面消除。",
    "三次产业累计投资构成为5.2:37.1:57.7，“三二一”投资格局更加稳固。",
    "出口多元拓展，年均增长15.9%；进口加速扩容，年均增长46.9%。",
    "2024年全市完成地区生产总值2458.8亿元，较2020年增加836.2亿元，经济总量跃升至全省第四位。",
    "义务教育优质均衡发展积极推进，高考综合改革全面推进，职业教育继续领跑全省。",
    "有效防范化解房地产、政府债务、中小金融机构等重点领域风险，牢牢守住不发生区域性金融风险底线。",
]


def _visible(line: str) -> int:
    return sum(1 for c in line if c not in CLOSING and not c.isspace())


def _word_ends(text: str) -> set[int]:
    ends, pos = set(), 0
    for word in _segment(text):
        pos += len(word)
        ends.add(pos)
    return ends


def test_a_rank_is_one_piece():
    assert "第四位。" in tokens("跃升至全省第四位。")
    assert "第2名" in tokens("排名第2名")


@pytest.mark.parametrize("text", TEXTS)
def test_lines_end_between_words_when_the_line_stays_full(text):
    """At every width a line that ends inside a word had no word end that would have kept it WORD_FILL full; no line
    begins with closing punctuation, no figure parts from its unit, and the last line is not a widow unless nothing
    could come down."""
    ends = _word_ends(text)
    figures = re.findall(r"\d+(?:\.\d+)?(?:%|亿元|个|年)", text)
    for width in range(180, 700, 7):
        lines = wrap(text, width, SIZE, MEASURE)
        assert "".join(lines) == text
        pos = 0
        for line in lines[:-1]:
            assert MEASURE.width(line, SIZE) <= width
            pos += len(line)
            if pos not in ends:
                better = [k for k in ends if pos - len(line) < k < pos
                          and text[k] not in CLOSING and text[k - 1] not in "“‘《（"
                          and MEASURE.width(text[pos - len(line):k], SIZE) >= WORD_FILL * width]
                quoted = any(m.start() < k < m.end() for m in re.finditer(r"“[^”]{1,8}”", text) for k in better)
                assert not better or quoted, (width, lines, better)
        for a, b in zip(lines, lines[1:]):
            assert b[0] not in CLOSING
            assert not any(re.search(re.escape(f[:i]) + "$", a) and b.startswith(f[i:])
                           for f in figures for i in range(1, len(f))), (a, b)
            assert not (re.search(r"第$", a) or re.search(r"第[一二三四五六七八九十\d]+$", a)), (a, b)
        if len(lines) > 1 and _visible(lines[-1]) <= WIDOW_CHARS:
            # nothing could come down: the words that would make it longer leave the line above under WIDOW_FILL
            a = len("".join(lines[:-2]))
            prev = lines[-2]
            cuts = [k for k in range(len(prev) - 1, 0, -1) if a + k in ends and _visible(prev[k:] + lines[-1]) > WIDOW_CHARS]
            assert not cuts or MEASURE.width(prev[:cuts[0]], SIZE) < WIDOW_FILL * width, (width, lines)


def test_the_review_s_breaks_are_gone():
    """Where the shipped deck ended a first line inside a word (its old line is the width), the line ends between
    words now and the next begins with the whole word."""
    cases = [(TEXTS[0], "创新驱动成效明显，省级创新驱动平台挂牌运营，建成15个省级重点科技创新平", "平台、"),
             (TEXTS[1], "空气质量改善成果得到巩固，入选国家再生水利用重点城市，市城区黑臭水体全", "全面消除"),
             ("5.2:37.1:57.7，“三二一”投资格局更加稳固。", "5.2:37.1:57.7，“三二一”投资格", "格局"),
             (TEXTS[3], "出口多元拓展，年均增长15.9%；进", "进口"),
             (TEXTS[4], "2024年全市完成地区生产总值2458.8亿元，较2020年增加836.2亿元，经济总量跃升至全省第", "全省第四位"),
             (TEXTS[5], "义务教育优质均衡发展积极推进，高考综合改革全面推进，职业教育继续领跑", "领跑全省")]
    for text, old_line, after in cases:
        lines = wrap(text, MEASURE.width(old_line, SIZE) + 0.5, SIZE, MEASURE)
        assert lines[1].startswith(after), lines
        assert MEASURE.width(lines[0], SIZE) >= WORD_FILL * MEASURE.width(old_line, SIZE), lines
