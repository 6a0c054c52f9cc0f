"""What the deck and the briefing share as packages: fixed document properties and fast part naming."""
from __future__ import annotations

from ...present.labels import LANGUAGE
from ...present.view import ConferenceView


def set_core_properties(cp, view: ConferenceView) -> None:
    """Fixed metadata (python-pptx and python-docx share the API), so that the same content gives the same bytes."""
    cp.title = view.heading
    cp.subject = view.subject
    cp.author = view.organisers[0]
    cp.last_modified_by = view.organisers[0]
    cp.keywords = view.city
    cp.language = LANGUAGE
    cp.revision = 1
    cp.created = cp.modified = cp.last_printed = view.stamp
    package = getattr(cp, "package", None)  # python-pptx's core properties are a part of the package; python-docx's not
    if package is not None:  # the deck's own parts only: no thumbnail or printer settings of python-pptx's template
        from .package import keep_only_our_parts

        keep_only_our_parts(package.main_document_part)


def remember_part_names(package) -> None:
    """python-pptx finds a free part name by walking every part of the package for each new part, which is
    quadratic in a deck with 53 notes slides and 14 charts (a tenth of its rendering time). This package alone
    remembers the names in use instead; the first free number is chosen exactly as python-pptx does, so the files
    are the same.

    A patch of this package object's next_partname (why: upstream scanny/python-pptx#644 "Poor performance when
    creating a big presentation", open; its fix, PR #646, was not merged)."""
    from pptx.opc.packuri import PackURI  # a deck's package: the briefing does not load python-pptx

    used: set[str] = set()

    def next_partname(tmpl: str) -> PackURI:
        if not used:  # read lazily, at the first new part: a template's sample slides are gone by then
            used.update(str(part.partname) for part in package.iter_parts())
        n = 1
        while tmpl % n in used:
            n += 1
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname
