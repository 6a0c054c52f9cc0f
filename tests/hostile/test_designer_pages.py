"""Hostile designer's files (fourth round): a deck template without its slide master or with a theme font of no
name, a reference document without a page setup or with margins Word cannot keep. Each is refused by `check` in one
line naming the file (exit 1, nothing written), or builds a briefing that passes openxml-audit; before, they ended
in exit 3 or built files Word and PowerPoint repair."""
from __future__ import annotations

import io
import re

import pytest

from tests.hostile.conftest import cli, edit, refused
from tests.hostile.test_designer_files import TEMPLATE, reference_docx, rezip, with_template
from tests.test_ooxml import audit


def _drop_master(template) -> None:
    """The package without its slide master's part (the relationships still name it)."""
    import zipfile

    old = template.read_bytes()
    with zipfile.ZipFile(io.BytesIO(old)) as src, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "ppt/slideMasters/slideMaster1.xml":
                dst.writestr(item.filename, src.read(item.filename))


def _unnamed_latin(template) -> None:
    rezip(template, template, lambda name, data: re.sub(rb'(<a:latin typeface=")[^"]*"', rb'\1"', data)
          if name == "ppt/theme/theme1.xml" else data)


DECK_CASES = {
    # check ended in exit 3: KeyError: "no relationship with key 'rId1'"
    "a template whose slide master is gone": (_drop_master, "not a PowerPoint .pptx file"),
    # built a deck whose theme1.xml PowerPoint repairs (majorFont/latin missing required 'typeface')
    "a theme font with no Latin face": (_unnamed_latin, "has no Latin face"),
}


@pytest.mark.parametrize("name", sorted(DECK_CASES))
def test_a_damaged_deck_template_is_refused_in_one_line(name, project):
    change, says = DECK_CASES[name]
    change(with_template(project))
    outcome = cli(project, "check")
    refused(outcome, TEMPLATE, says)
    assert len(outcome.lines) == 1, outcome.err


PAGE_CASES = {  # the reference's w:pgSz / w:pgMar -> what the one line says
    # passed into the briefing: a w:pgMar Word repairs (left and right are unsigned)
    "negative side margins": (r"<w:pgMar [^>]*/>", '<w:pgMar w:top="1440" w:right="-1" w:bottom="1440" w:left="-1" '
                              'w:header="0" w:footer="0" w:gutter="0"/>', "below zero"),
    "margins wider than the page": (r"<w:pgMar [^>]*/>", '<w:pgMar w:top="20000" w:right="20000" w:bottom="20000" '
                                    'w:left="20000" w:header="0" w:footer="0" w:gutter="0"/>', "for text"),
    "a page of no size": (r"<w:pgSz [^>]*/>", '<w:pgSz w:w="0" w:h="0"/>', "a page of 0.0 × 0.0 mm"),
}


def _reference(project, pattern: str | None = None, new: str = "") -> None:
    reference = project / "assets" / "reference.docx"
    reference_docx(reference)
    if pattern is not None:
        rezip(reference, reference,
              lambda name, data: re.sub(pattern, new, data.decode("utf-8")).encode("utf-8")
              if name == "word/document.xml" else data)
    edit(project / "assets" / "theme.yaml", "logo: null", "logo: null\nbrief_reference: assets/reference.docx")


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_a_reference_page_word_cannot_keep_is_refused_in_one_line(name, project):
    _reference(project, *PAGE_CASES[name][:2])
    outcome = cli(project, "check")
    refused(outcome, "brief_reference", PAGE_CASES[name][2])
    assert len(outcome.lines) == 1, outcome.err


@pytest.mark.slow  # a briefing and its audit
def test_a_reference_without_a_page_setup_builds_on_the_official_page(project):
    """A body without w:sectPr is valid OOXML (Word's defaults); the build ended in exit 3 (IndexError)."""
    _reference(project, r"<w:sectPr.*</w:sectPr>", "")
    assert cli(project, "brief").code == 0
    [brief] = (project / "output").rglob("*.docx")
    assert "Errors: 0" in audit(brief)
