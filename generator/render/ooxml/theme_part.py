"""The house style in a document's own theme part (a:theme), for the deck and the briefing alike.

python-pptx's and python-docx's templates carry Office's theme: Calibri, an empty East Asian face, 宋体 for Hans and
thirty script faces (ＭＳ Ｐゴシック, 맑은 고딕, Angsana New …) that WPS reports as 缺失字体, and Office's colours. A text
box an official adds in PowerPoint or WPS takes the theme's fonts, and a chart inserted by hand takes its colours; so
the theme carries the house faces (Latin, East Asian and the Hans entry, no other scripts) and the house colours.
"""
from __future__ import annotations

from lxml import etree

from ...theme import HouseStyle

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"


def _q(tag: str) -> str:
    return f"{{{A}}}{tag}"


def scheme_colours(theme: HouseStyle) -> dict[str, str]:
    """Theme colour slots from the house colours: text and background, brand colours, chart series as accents."""
    c = theme.colours
    series = list(c.series) or [c.primary]
    accents = {f"accent{i}": series[(i - 1) % len(series)] for i in range(1, 7)}
    return {"dk1": c.text, "lt1": c.white, "dk2": c.primary_dark, "lt2": c.light, **accents,
            "hlink": c.primary, "folHlink": c.muted}


def house_theme(xml: bytes, theme: HouseStyle, major: tuple[str, str], minor: tuple[str, str]) -> bytes:
    """The theme part with the house colours and faces; `major` and `minor` are (Latin face, East Asian face)."""
    root = etree.fromstring(xml)
    root.set("name", theme.name)
    elements = root.find(_q("themeElements"))
    scheme = elements.find(_q("clrScheme"))
    scheme.set("name", theme.name)
    for slot, colour in scheme_colours(theme).items():
        holder = scheme.find(_q(slot))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, _q("srgbClr")).set("val", colour.upper())
    fonts = elements.find(_q("fontScheme"))
    fonts.set("name", theme.name)
    for tag, (latin, east_asian) in (("majorFont", major), ("minorFont", minor)):
        holder = fonts.find(_q(tag))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, _q("latin")).set("typeface", latin)
        etree.SubElement(holder, _q("ea")).set("typeface", east_asian)
        etree.SubElement(holder, _q("cs")).set("typeface", latin)
        hans = etree.SubElement(holder, _q("font"))
        hans.set("script", "Hans")
        hans.set("typeface", east_asian)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def restyle_theme_parts(source_part, theme: HouseStyle, major: tuple[str, str], minor: tuple[str, str]) -> None:
    """Every theme part related to `source_part` (a slide master, a notes master, a document) in the house style."""
    for rel in source_part.rels.values():
        if rel.reltype == RT_THEME and not rel.is_external:
            part = rel.target_part
            styled = house_theme(part.blob, theme, major, minor)
            # python-pptx and python-docx have no API to replace a part's content: set the private attribute that
            # holds it (no upstream issue; a new library version that renames it fails tests/render/ooxml)
            if hasattr(part, "_element"):  # a part the library parsed (python-pptx's new notes master's theme)
                part._element = etree.fromstring(styled)
            else:  # a part it keeps as bytes
                part._blob = styled


def unnamed_theme_faces(source_part) -> list[str]:
    """The heading and body faces (majorFont, minorFont) whose Latin face has no name in the theme parts of
    `source_part` (a designer's slide master): a:latin needs a typeface, and one of "" went into the deck as a part
    PowerPoint repairs. (An empty a:ea or a:cs is Office's own default, and valid.)"""
    unnamed = []
    for rel in source_part.rels.values():
        if rel.reltype == RT_THEME and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            for tag in ("majorFont", "minorFont"):
                latin = root.find(f"{_q('themeElements')}/{_q('fontScheme')}/{_q(tag)}/{_q('latin')}")
                if latin is not None and not latin.get("typeface", "").strip():
                    unnamed.append(tag)
    return unnamed
