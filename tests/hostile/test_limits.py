"""The one resource policy: every bound in generator/limits.py is named in the README's limits table, and the
modules that enforce a bound read it from there rather than keeping a number of their own."""
from __future__ import annotations

import re

from tests.conftest import ROOT


def names() -> list[str]:
    text = (ROOT / "generator" / "limits.py").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        m = re.match(r"^([A-Z_]+(?:, [A-Z_]+)*) = ", line)
        if m:
            found += m.group(1).split(", ")
    return found


def test_every_limit_has_a_reason_and_a_row_in_the_readme():
    text = (ROOT / "generator" / "limits.py").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Limits"):]
    table = table[:table.index("\n## ")]
    assert len(names()) > 30
    for name in names():
        line = next(line for line in text.splitlines() if line.startswith(name) or f", {name} =" in line)
        assert "  # " in line, f"{name} has no reason"
        assert f"`{name}`" in table, f"{name} is not in the README's limits table"


def test_the_enforcing_modules_read_the_policy():
    from generator import limits
    from generator.content import source
    from generator.publish import page
    from generator.sheet import apply
    from generator.theme import MAX_LOGO_PIXELS

    assert (source.MAX_BYTES, source.MAX_LINES, source.MAX_DEPTH) == (
        limits.CONTENT_BYTES, limits.CONTENT_LINES, limits.CONTENT_DEPTH)
    assert (page.PAGE_SECONDS, page.PAGE_CHARS) == (limits.PAGE_SECONDS, limits.PAGE_CHARS)
    assert (apply.MAX_FILE, apply.MAX_UNPACKED, apply.MAX_PARTS) == (
        limits.WORKBOOK_BYTES, limits.WORKBOOK_UNPACKED_BYTES, limits.WORKBOOK_PARTS)
    assert MAX_LOGO_PIXELS == limits.LOGO_PIXELS
