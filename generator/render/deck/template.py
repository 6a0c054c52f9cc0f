"""A designer's .pptx template: its layouts by name, its placeholders by type and idx, and the free area they leave."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.dml import MSO_COLOR_TYPE, MSO_FILL
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu, Inches

from ... import limits
from ...errors import GeneratorError
from ...messages import _
from ...vocabulary import SLIDE_KINDS
from ..ooxml.access import (
    drop_all_slides,
    element_of,
    layout_of,
    placeholder_elements,
    shape_text,
    shows_master_shapes,
)
from ..ooxml.names import pptx_qn as qn
from ..ooxml.package import keep_only_our_parts, vet_package
from ..ooxml.theme_part import unnamed_theme_faces
from .blocks import Deck, Frame, box, remembered

# slide kind -> the layout name python-pptx's (and PowerPoint's) own template uses for it
DEFAULT_LAYOUTS = {kind.name: kind.default_layout for kind in SLIDE_KINDS.values()}
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.VERTICAL_BODY,
              PP_PLACEHOLDER.VERTICAL_OBJECT)


class TemplateError(GeneratorError):
    """Raised when a template cannot be used: not a .pptx, or a slide kind has no layout."""


def open_template(data: bytes, shown: str) -> PptxPresentation:
    """The template with its own sample slides removed, so only generated slides remain; vetted first (zip bounds,
    no external links, no macros: ooxml/package.py), and its slide size within PowerPoint's own bounds."""
    vet_package(data, shown, "a PowerPoint .pptx file")
    try:
        prs = Presentation(io.BytesIO(data))
        size = (prs.slide_width, prs.slide_height)
        # masters and layouts parsed now, not mid-check: a package without its slide master ended in exit 3
        if not [[layout.name for layout in master.slide_layouts] for master in prs.slide_masters]:
            raise ValueError("no slide master")
    except Exception as exc:  # python-pptx raises several kinds for a file that is not a presentation
        raise TemplateError(_("{shown}: not a PowerPoint .pptx file ({name}); save the template as .pptx (PowerPoint 2007 or "
                              "later)", shown=shown, name=type(exc).__name__)) from None
    if any(s is None or not limits.SLIDE_EMU_LEAST <= s <= limits.SLIDE_EMU_MOST for s in size):
        shown_size = " × ".join("?" if s is None else f"{Emu(s).cm:.1f}" for s in size)
        raise TemplateError(_("{shown}: slide size {shown_size} cm; PowerPoint's slides are {cm:.1f} to {cm2:.0f} cm each way "
                              "(Design → Slide Size)", shown=shown, shown_size=shown_size,
                              cm=Emu(limits.SLIDE_EMU_LEAST).cm, cm2=Emu(limits.SLIDE_EMU_MOST).cm))
    for master in prs.slide_masters:
        unnamed = unnamed_theme_faces(master.part)
        if unnamed:
            raise TemplateError(_("{shown}: the theme's {which} font has no Latin face; choose the theme fonts in "
                                  "PowerPoint (Design › Variants › Fonts)", shown=shown,
                                  which=_("heading") if unnamed[0] == "majorFont" else _("body")))
    drop_all_slides(prs)
    keep_only_our_parts(prs.part)  # no thumbnail of the designer's first slide, printer settings, custom XML …
    return prs


def with_sample_slides(data: bytes) -> bytes:
    """The template with one sample slide per layout, each text placeholder naming its layout and itself, so the file
    a designer opens shows every layout rather than a blank window (open_template drops the samples again)."""
    prs = Presentation(io.BytesIO(data))
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        for ph in slide.placeholders:
            if ph.has_text_frame:
                ph.text_frame.text = f"{layout.name} · {ph.name}"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def layout_names(kind: str, mapping: dict[str, str]) -> list[str]:
    """The layout names a slide kind may take, in order: the theme's mapping, else the house template's Chinese
    name (a template exported by `template` and restyled) or PowerPoint's own English one."""
    if kind in mapping:
        return [mapping[kind]]
    like = SLIDE_KINDS[kind].like  # a kind a template has no layout for takes the layout of the kind it is like
    return [SLIDE_KINDS[kind].label, DEFAULT_LAYOUTS[kind], *(layout_names(like, mapping) if like else ())]


def resolve_layouts(prs: PptxPresentation, mapping: dict[str, str], shown: str) -> dict:
    """Slide kind -> layout, by the names in the theme (or the defaults); a missing one names the alternatives."""
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    out = {}
    for kind in SLIDE_KINDS:
        names = layout_names(kind, mapping)
        found = next((n for n in names if n in by_name), None)
        if found is None:
            there = "、".join(f"“{n}”" for n in by_name)
            wanted = " or ".join(f"“{n}”" for n in names)
            raise TemplateError(_("{shown}: no layout named {wanted} for {kind} slides; the template's layouts are {there}. Map "
                                  "it in the theme file under deck_layouts: {{{kind}: …}} (see `python -m generator layouts "
                                  "{shown}`)", shown=shown, wanted=wanted, kind=kind, there=there))
        out[kind] = by_name[found]
        _placeholders_fit(prs, by_name[found], kind, shown)
    return out


def _placeholders_fit(prs: PptxPresentation, layout, kind: str, shown: str) -> None:
    """A title or body placeholder we fill must lie on the slide and hold a line: a 1-EMU one made 1,575 slides."""
    w, h = int(prs.slide_width or 0), int(prs.slide_height or 0)  # set: open_template checked them
    for ph in list(layout.placeholders):
        if ph.placeholder_format.type not in TITLE_TYPES + BODY_TYPES or None in (ph.left, ph.top, ph.width, ph.height):
            continue
        small = ph.width < limits.PLACEHOLDER_SHARE * w or ph.height < limits.PLACEHOLDER_SHARE * h
        off = ph.left < 0 or ph.top < 0 or ph.left + ph.width > w or ph.top + ph.height > h
        if small or off:
            problem = "too small to hold a line" if small else "partly off the slide"
            raise TemplateError(_("{shown}: layout “{name}” ({kind} slides): placeholder “{name2}” is {problem} ({cm:.2f} × "
                                  "{cm2:.2f} cm at {cm3:.1f}, {cm4:.1f} cm); resize it in the slide master",
                                  shown=shown, name=layout.name, kind=kind, name2=ph.name, problem=problem,
                                  cm=Emu(ph.width).cm, cm2=Emu(ph.height).cm, cm3=Emu(ph.left).cm,
                                  cm4=Emu(ph.top).cm))


def placeholders(slide, types) -> list:
    return [ph for ph in slide.placeholders if ph.placeholder_format.type in types]


def title_placeholder(slide):
    found = placeholders(slide, TITLE_TYPES)
    return found[0] if found else None


def body_placeholder(slide):
    """The main text placeholder: the lowest idx among body, object and subtitle placeholders."""
    found = sorted(placeholders(slide, BODY_TYPES), key=lambda ph: ph.placeholder_format.idx)
    return found[0] if found else None


def drop(shape) -> None:
    el = element_of(shape)
    el.getparent().remove(el)


def drop_empty_placeholders(slide) -> None:
    """Placeholders nothing was put in: PowerPoint would show their prompt (“click to add text”) on the slide. Read
    from the slide's elements (every slide of a deck: python-pptx made a shape for each of its placeholders)."""
    for el in placeholder_elements(slide):
        if el.tag == qn("p:sp") and not shape_text(el).strip():
            el.getparent().remove(el)


def frame_from(deck: Deck, shapes, use_body: bool = True) -> Frame:
    """Where drawn content goes: the body placeholder's box, else below the title and above the footer.

    `shapes` are a layout's placeholders (to plan before a slide exists) or a slide's (after it is made).
    """
    phs = sorted(shapes, key=lambda ph: ph.placeholder_format.idx)
    body = next((ph for ph in phs if ph.placeholder_format.type in BODY_TYPES), None) if use_body else None
    if body is not None:
        return box(deck, body)
    title = next((ph for ph in phs if ph.placeholder_format.type in TITLE_TYPES), None)
    top = (under_title(deck, title) + Inches(0.25)) if title is not None else Inches(0.5)
    return Frame(deck.mx, top, deck.content_width, max(deck.footer_top - top, Inches(1)))


def under_title(deck: Deck, title) -> int:
    """Where the title's band ends: the title's bottom, or lower, the bottom of the layout's (and its master's)
    decoration just under it, a rule below a coloured title band say, which drawn content must not touch."""
    layout = layout_of(title.part)

    def lowest() -> int:
        bottom = box(deck, title).bottom
        near = bottom + Inches(0.3)
        holders = [layout, layout.slide_master] if shows_master_shapes(layout) else [layout]
        for shape in (sh for holder in holders for sh in holder.shapes if not sh.is_placeholder):
            if shape.top is not None and shape.height is not None and shape.height < deck.h // 2 \
                    and shape.top + shape.height <= near:
                bottom = max(bottom, shape.top + shape.height)
        return bottom

    return remembered(deck, ("under title", layout.part.partname), lowest)


def ground_under(deck: Deck, layout, where: Frame) -> str | None:
    """The colour (hex) of the topmost solid decoration of the layout (or its master) that covers `where` whole,
    what text there is read against; None when there is none, or it is not a plain colour."""
    def find() -> str | None:
        holders = [layout.slide_master, layout] if shows_master_shapes(layout) else [layout]
        found = None
        for shape in (sh for holder in holders for sh in holder.shapes if not sh.is_placeholder):
            if None in (shape.left, shape.top, shape.width, shape.height) or not hasattr(shape, "fill"):
                continue
            covers = (shape.left <= where.left and shape.top <= where.top
                      and shape.left + shape.width >= where.left + where.width and shape.top + shape.height >= where.bottom)
            if covers and shape.fill.type == MSO_FILL.SOLID and shape.fill.fore_color.type == MSO_COLOR_TYPE.RGB:
                found = str(shape.fill.fore_color.rgb)
        return found

    return remembered(deck, ("ground", layout.part.partname, where), find)


def kinds_by_layout(prs: PptxPresentation, mapping: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Layout name -> the slide kinds that would be built on it."""
    names = {layout.name for layout in prs.slide_layouts}
    out: dict[str, list[str]] = {}
    for kind in SLIDE_KINDS:
        found = next((n for n in layout_names(kind, mapping or {}) if n in names), None)
        if found is not None:
            out.setdefault(found, []).append(kind)
    return out


def describe_layouts(prs: PptxPresentation, mapping: dict[str, str] | None = None) -> list[str]:
    """One line per layout and per placeholder: what a designer needs to map slide kinds to layouts."""
    def cm(v) -> str:
        return f"{Emu(v).cm:.1f}"

    used = kinds_by_layout(prs, mapping)
    lines = [f"slide size {cm(prs.slide_width)} × {cm(prs.slide_height)} cm"]
    for i, layout in enumerate(prs.slide_layouts):
        kinds = used.get(layout.name, [])
        lines.append(f"layout {i}: “{layout.name}”" + (f"  (used for: {', '.join(kinds)})" if kinds else ""))
        for ph in list(layout.placeholders):  # list(): python-pptx's own typing of the iterator confuses mypy
            f = ph.placeholder_format
            lines.append(f"    idx {f.idx:<3} {str(f.type).split('.')[-1].split(' ')[0]:<14} “{ph.name}”  "
                         f"at {cm(ph.left)}, {cm(ph.top)} cm, size {cm(ph.width)} × {cm(ph.height)} cm")
    return lines
