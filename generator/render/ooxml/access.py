"""The one door to python-pptx's and python-docx's internals: the lxml element behind a shape, a paragraph, a run,
a table or a section, and the few library classes that are not part of their documented API.

Renderers call these instead of reaching into private attributes (`._element`, `._p`, `._tbl`, …), so that an
upgrade of either library that renames one breaks this module only. Each function is the attribute read, nothing
more: the elements, and so the bytes written, are the same.
"""
from __future__ import annotations


def element_of(shape):
    """The p:sp / p:pic / p:graphicFrame element of a python-pptx shape."""
    return shape._element


def slide_id_list(prs):
    """The p:sldIdLst element: the presentation's slides, in order."""
    return prs.slides._sldIdLst


def drop_all_slides(prs) -> None:
    """Remove every slide of a python-pptx Presentation (a template's samples): its id and its relationship."""
    id_list = slide_id_list(prs)
    for sld_id in list(id_list):
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def placeholder_elements(slide) -> list:
    """The elements of the slide's placeholders, those python-pptx's slide.placeholders gives shapes for (in its
    order), without a shape made for each."""
    return sorted(slide.element.cSld.spTree.iter_ph_elms(), key=lambda e: e.ph_idx)


def shape_text(sp) -> str:
    """What python-pptx's text_frame.text reads for an autoshape's p:sp ("" when it has no text body yet, where
    python-pptx would add an empty one to read)."""
    from pptx.text.text import TextFrame

    body = sp.txBody
    return TextFrame(body, None).text if body is not None else ""  # type: ignore[arg-type]  # reading needs no part


def text_body(text_frame):
    """The p:txBody (or a:txBody) element of a python-pptx text frame."""
    return text_frame._txBody


def paragraph_element(paragraph):
    """The a:p or w:p element of a python-pptx or python-docx paragraph."""
    return paragraph._p


def run_element(run):
    """The w:r element of a python-docx run."""
    return run._r


def table_element(table):
    """The w:tbl element of a python-docx table."""
    return table._tbl


def cell_element(cell):
    """The w:tc element of a python-docx table cell."""
    return cell._tc


def inline_of(shape):
    """The wp:inline element of a python-docx inline shape (a picture in a run)."""
    return shape._inline


def section_properties(section):
    """The w:sectPr element of a python-docx section."""
    return section._sectPr


def is_slide_part(part) -> bool:
    """Whether a python-pptx part is a slide's (not a layout's or a master's)."""
    from pptx.parts.slide import SlidePart

    return isinstance(part, SlidePart)


def layout_of(part):
    """The slide layout a slide's or a layout's placeholders belong to."""
    return part.slide_layout


def shows_master_shapes(layout) -> bool:
    """Whether the layout draws its master's decoration (p:sldLayout showMasterSp, true unless "0")."""
    return layout.element.get("showMasterSp") not in ("0", "false")


def image_size(blob: bytes) -> tuple[int, int]:
    """An image's size in pixels, read as python-pptx reads it when it adds the picture."""
    from pptx.parts.image import Image

    return Image.from_blob(blob).size


def word_paragraph(p_element, parent):
    """A python-docx Paragraph over a w:p element of ours (a table cell's, one we appended)."""
    from docx.text.paragraph import Paragraph

    return Paragraph(p_element, parent)


def word_run(r_element, paragraph):
    """A python-docx Run over a w:r element we wrote."""
    from docx.text.run import Run

    return Run(r_element, paragraph)


def has_own_position(shape) -> bool:
    """Whether a placeholder has a position of its own (an a:xfrm), not only its layout's."""
    return shape.element.xfrm is not None


def placeholder_idx(shape) -> int:
    """A placeholder's idx, read from its element (python-pptx's placeholder_format builds an object for it)."""
    return shape.element.ph_idx


def shape_properties(shape):
    """The p:spPr element of an autoshape: its place, geometry, fill and line."""
    return element_of(shape).spPr


def describe_picture(shape, descr: str) -> None:
    """A python-pptx picture's alt text (p:cNvPr/@descr)."""
    element_of(shape).nvPicPr.cNvPr.set("descr", descr)


def describe_inline(shape, descr: str, title: str, name: str) -> None:
    """A python-docx inline picture's alt text, title and name (wp:docPr)."""
    doc_pr = inline_of(shape).docPr
    doc_pr.set("descr", descr)
    doc_pr.set("title", title)
    doc_pr.set("name", name)


def image_rid(owner, blob: bytes) -> str:
    """The relationship id of an image part of the slide, layout or master `owner` holding `blob` (added once)."""
    import io

    _, rid = owner.part.get_or_add_image_part(io.BytesIO(blob))
    return rid


def style_paragraph_properties(style):
    """A python-docx style's w:pPr, added if it has none."""
    return style.element.get_or_add_pPr()


def style_run_properties(style):
    """A python-docx style's w:rPr, added if it has none."""
    return style.element.get_or_add_rPr()
