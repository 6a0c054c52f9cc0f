"""New slides and notes pages, made as python-pptx makes them, but from a copy of the first one.

python-pptx builds every new slide by cloning its layout's placeholders one by one, and every notes page by cloning
the notes master's, each clone parsing a fragment and scanning the tree for a free id: 0.25 ms a slide and 0.45 ms a
notes page, a seventh of a deck's rendering. What they clone depends on the layout (the notes master) alone, so the
first slide on each layout and the first notes page are made by python-pptx, their pristine XML is kept, and later
ones get a copy of it, in a part made and related through the same part-level calls python-pptx makes. The files
are byte for byte those python-pptx writes (tests/render/test_deck_parts.py builds a deck both ways).
"""
from __future__ import annotations

import copy

from lxml import etree


def add_slide(deck, layout, made=None):
    """A new last slide on `layout`, with the layout's placeholders: what `prs.slides.add_slide(layout)` returns;
    or, given `made` (a `p:sld` element recorded by deck_replay), that slide's own content."""
    kept = deck.kept.get(("slide", layout.part.partname))
    if kept is None and made is None:
        slide = deck.prs.slides.add_slide(layout)
        deck.kept[("slide", layout.part.partname)] = copy.deepcopy(slide.element.cSld.spTree)
    else:
        r_id, slide = deck.prs.part.add_slide(layout)
        if made is not None:
            slide.element[:] = made[:]
        else:
            slide.element.cSld.spTree[:] = copy.deepcopy(kept)[:]
        deck.prs.element.get_or_add_sldIdLst().add_sldId(r_id)
    # python-pptx's own "turbo add": each new shape takes the last id plus one instead of scanning the slide for
    # the highest (every shape is added through it, so the ids are those the scan would give)
    slide.shapes.turbo_add_enabled = True
    return slide


def notes_body(deck, slide) -> etree._Element:
    """The `p:txBody` of a new notes page for `slide`, the one `slide.notes_slide` would make."""
    kept = deck.kept.get("notes")
    if kept is None:
        notes = slide.notes_slide
        deck.kept["notes"] = copy.deepcopy(notes.element)
        return notes.notes_text_frame._txBody
    return add_notes_page(slide, copy.deepcopy(kept)).notes_slide.notes_text_frame._txBody


def add_notes_page(slide, notes):
    """A notes page for `slide` holding the `p:notes` element given, in a part made and related as python-pptx makes
    and relates its own (the notes master exists: the cover's notes made it); returns the part."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import NotesSlidePart

    slide_part, package = slide.part, slide.part.package
    part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE, package,
                          notes)
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)  # in python-pptx's order: same rIds
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    return part


def clone_placeholder(deck, slide, layout_ph):
    """What `slide.shapes.clone_placeholder(layout_ph)` adds (the layout's placeholder on the slide, empty), as a
    shape: python-pptx makes the first of each kind of placeholder and it is kept as made; later ones are a copy
    with the next shape id, put where python-pptx puts its own (a deck clones some 46, a footer and a page number a
    slide, each parsing a fragment and listing every name on the slide for a free one, which the deck renames).
    The copy keeps the first one's name: the caller names every clone (blocks._clone)."""
    shapes = slide.shapes
    sp = layout_ph.element
    key = ("clone", sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx)  # all python-pptx's clone is made from
    kept = deck.kept.get(key)
    if kept is None:
        shapes.clone_placeholder(layout_ph)
        made = shapes[-1]  # the clone is the last shape
        deck.kept[key] = copy.deepcopy(made.element)
        return made
    clone = copy.deepcopy(kept)
    clone.nvSpPr.cNvPr.set("id", f"{shapes._next_shape_id:d}")  # as python-pptx's template writes it ("%d")
    shapes._spTree.insert_element_before(clone, "p:extLst")
    return shapes._shape_factory(clone)
