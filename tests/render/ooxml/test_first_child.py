"""python-docx's and python-pptx's first_child_found_in, patched to look at an element's children once when they are
fewer than the names asked for (render/ooxml/names.find_first_in_one_pass), finds the element the library finds."""
from __future__ import annotations

import itertools

import pytest
from lxml import etree

from generator.render.ooxml import names


@pytest.mark.parametrize("library", ["docx", "pptx"])
def test_the_same_child_is_found_for_every_element_and_names(library):
    xmlchemy = pytest.importorskip(f"{library}.oxml.xmlchemy")
    parse = pytest.importorskip(f"{library}.oxml").parse_xml
    ns = "w" if library == "docx" else "a"
    uri = xmlchemy.nsmap[ns] if library == "docx" else xmlchemy._nsmap[ns]
    tags = ["b", "i", "u", "sz", "color", "lang", "rFonts", "kern"]
    element = parse(f'<{ns}:rPr xmlns:{ns}="{uri}"><{ns}:i/><!-- a note --><{ns}:sz/><{ns}:i v="2"/><{ns}:lang/></{ns}:rPr>')
    by_names = [element.find(xmlchemy.qn(f"{ns}:{t}")) for t in tags]  # what the library's searches give
    names.find_first_in_one_pass(xmlchemy)
    for n in range(1, len(tags) + 1):
        for asked in itertools.permutations(tags, n) if n < 3 else [tags[:n], tags[-n:], tags[n // 2:] + tags[:n // 2]]:
            want = next((by_names[tags.index(t)] for t in asked if by_names[tags.index(t)] is not None), None)
            assert element.first_child_found_in(*(f"{ns}:{t}" for t in asked)) is want
    assert etree.tostring(element).count(b"<") == 7  # nothing added or moved
