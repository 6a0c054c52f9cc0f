"""The house look as a real PowerPoint master and layouts, generated from the theme.

Slides of the default look are built on these layouts and fill their placeholders, so that what an official adds
the night before ("New Slide" in PowerPoint or WPS, a text box, a chart) takes the same brand band, logo, footer,
faces and colours. `python -m generator template -o 模板.pptx` writes the same master for a designer to restyle
and hand back through `deck_template`.

The master carries what every slide shares (the brand band, the title rule, the logo; title, body, footer and
slide-number placeholders; the text styles in the theme's faces). Each layout is named in Chinese for the slide
kind it serves. Cover and closing hide the master's shapes and draw their own ground.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from pptx import Presentation
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Inches, Pt

from ...present import labels as L
from ...theme import HouseStyle
from ...vocabulary import SLIDE_KINDS
from ..ooxml.access import image_rid, image_size
from ..ooxml.blanks import Blanks
from ..ooxml.masters import rewrite_layout, rewrite_master
from ..ooxml.theme_part import restyle_theme_parts
from ..ooxml.xml import Spec
from .blocks import BODY_BOTTOM, BODY_TOP, LOGO_H, MARGIN_X, SLIDE_H, SLIDE_W

SECTION = L.SECTION_LAYOUT  # a layout no generated slide uses: for the section dividers officials add themselves
# kind -> layout name; the order is the order "New Slide" offers them
HOUSE_LAYOUTS = {kind: SLIDE_KINDS[kind].label for kind in ("cover", "agenda", "key_figures", "highlights", "chart",
                                                             "closing")}
LAYOUT_ORDER = ("cover", "agenda", SECTION, "key_figures", "highlights", "chart", "closing")

# placeholder idx: 0 title, 1 body (PowerPoint's own); 10–12 footer row; 13 and up our own
FOOTER_IDX, NUMBER_IDX, EXTRA_IDX = 11, 12, 13


@dataclass(frozen=True)
class Geometry:
    """Where things sit on a 16:9 slide of the house look (EMU); the deck reads them back from the placeholders."""

    logo_w: int = 0  # the logo's width at LOGO_H high; 0 without a logo

    w: int = SLIDE_W
    h: int = SLIDE_H
    mx: int = MARGIN_X

    @property
    def content_w(self) -> int:
        return self.w - 2 * self.mx

    @property
    def title(self) -> tuple[int, int, int, int]:
        # the title leaves room for the logo at the top right
        return self.mx, Inches(0.3), self.content_w - (LOGO_H * 2 if self.logo_w else 0), Inches(1.0)

    @property
    def body(self) -> tuple[int, int, int, int]:
        return self.mx, BODY_TOP, self.content_w, BODY_BOTTOM - BODY_TOP

    @property
    def footer(self) -> tuple[int, int, int, int]:
        return self.mx, self.h - Inches(0.72), self.content_w - Inches(1.4), Inches(0.52)

    @property
    def number(self) -> tuple[int, int, int, int]:
        return self.w - self.mx - Inches(1.0), self.h - Inches(0.6), Inches(1.0), Inches(0.4)


# ---------------------------------------------------------------- drawing specs


def _xfrm(box) -> Spec:
    x, y, cx, cy = (int(v) for v in box)
    return ("a:xfrm", {}, [("a:off", {"x": x, "y": y}), ("a:ext", {"cx": cx, "cy": cy})])


def _solid(colour: str) -> Spec:
    return ("a:solidFill", {}, [("a:srgbClr", {"val": colour.upper()})])


def _text_props(tag: str, size: float, colour: str, bold: bool = False, major: bool = False) -> Spec:
    """A:defRPr or a:rPr naming the theme's faces (+mj-ea …), which PowerPoint and WPS resolve through the theme."""
    group = "mj" if major else "mn"
    return (tag, {"lang": "zh-CN", "altLang": "en-US", "sz": int(round(size * 100)), "b": int(bold)},
            [_solid(colour), ("a:latin", {"typeface": f"+{group}-lt"}), ("a:ea", {"typeface": f"+{group}-ea"}),
             ("a:cs", {"typeface": f"+{group}-cs"})])


def _level(n: int, size: float, colour: str, bold: bool = False, major: bool = False, align: str = "l",
           bullet: tuple[str, str, str] | None = None, margin: float = 0.0, hang: float = 0.0) -> Spec:
    """One a:lvlNpPr: alignment, spacing, bullet (char, colour, face) or none, and the run defaults."""
    children: list = [("a:lnSpc", {}, [("a:spcPct", {"val": 100000})]),
                      ("a:spcBef", {}, [("a:spcPts", {"val": int(size * 0.6 * 100) if bullet else 0})])]
    if bullet:
        char, colour_, face = bullet
        children += [("a:buClr", {}, [("a:srgbClr", {"val": colour_.upper()})]), ("a:buSzPct", {"val": 70000}),
                     ("a:buFont", {"typeface": face}), ("a:buChar", {"char": char})]
    else:
        children.append(("a:buNone",))
    children.append(_text_props("a:defRPr", size, colour, bold, major))
    attrs = {"algn": align, "marL": int(Pt(margin)), "indent": -int(Pt(hang))}
    return (f"a:lvl{n}pPr", attrs, children)


def _shape(id_: int, name: str, box, colour: str) -> Spec:
    """A filled rectangle with no outline, drawn by the master or a layout (not a placeholder)."""
    return ("p:sp", {}, [
        ("p:nvSpPr", {}, [("p:cNvPr", {"id": id_, "name": name}), ("p:cNvSpPr",), ("p:nvPr", {"userDrawn": "1"})]),
        ("p:spPr", {}, [_xfrm(box), ("a:prstGeom", {"prst": "rect"}, [("a:avLst",)]), _solid(colour),
                        ("a:ln", {}, [("a:noFill",)])]),
    ])


def _picture(id_: int, name: str, descr: str, rid: str, box) -> Spec:
    return ("p:pic", {}, [
        ("p:nvPicPr", {}, [("p:cNvPr", {"id": id_, "name": name, "descr": descr}),
                           ("p:cNvPicPr", {}, [("a:picLocks", {"noChangeAspect": "1"})]), ("p:nvPr", {"userDrawn": "1"})]),
        ("p:blipFill", {}, [("a:blip", {"r:embed": rid}), ("a:stretch", {}, [("a:fillRect",)])]),
        ("p:spPr", {}, [_xfrm(box), ("a:prstGeom", {"prst": "rect"}, [("a:avLst",)])]),
    ])


def _placeholder(id_: int, name: str, ph: dict, box, prompt: str, levels: list[Spec] | None = None,
                 anchor: str = "t", field: str | None = None) -> Spec:
    """A placeholder with its box, text anchor, list style and the prompt PowerPoint shows in an empty one."""
    if prompt:
        ph = {**ph, "hasCustomPrompt": "1"}
    run: Spec = ("a:r", {}, [("a:rPr", {"lang": "zh-CN", "altLang": "en-US"}), ("a:t", {}, [prompt])])
    if field:  # the slide number: a field PowerPoint renumbers
        run = ("a:fld", {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": field},
               [("a:rPr", {"lang": "zh-CN", "altLang": "en-US"}), ("a:t", {}, ["‹#›"])])
    inset = int(Inches(0.08))
    return ("p:sp", {}, [
        ("p:nvSpPr", {}, [("p:cNvPr", {"id": id_, "name": name}),
                          ("p:cNvSpPr", {}, [("a:spLocks", {"noGrp": "1"})]), ("p:nvPr", {}, [("p:ph", ph)])]),
        ("p:spPr", {}, [_xfrm(box)]),
        ("p:txBody", {}, [
            ("a:bodyPr", {"vert": "horz", "wrap": "square", "lIns": inset, "rIns": inset, "tIns": int(Inches(0.04)),
                          "bIns": int(Inches(0.04)), "anchor": anchor}, [("a:noAutofit",)]),
            ("a:lstStyle", {}, levels or []),
            ("a:p", {}, [run]),
        ]),
    ])


def _tree(shapes: list[Spec]) -> Spec:
    zero = [("a:off", {"x": 0, "y": 0}), ("a:ext", {"cx": 0, "cy": 0}), ("a:chOff", {"x": 0, "y": 0}),
            ("a:chExt", {"cx": 0, "cy": 0})]
    return ("p:spTree", {}, [("p:nvGrpSpPr", {}, [("p:cNvPr", {"id": 1, "name": ""}), ("p:cNvGrpSpPr",), ("p:nvPr",)]),
                             ("p:grpSpPr", {}, [("a:xfrm", {}, zero)]), *shapes])


def _background(colour: str) -> Spec:
    return ("p:bg", {}, [("p:bgPr", {}, [_solid(colour), ("a:effectLst",)])])


# ---------------------------------------------------------------- master and layouts


class _Builder:
    """The master's and each layout's XML for one theme, logo and slide geometry."""

    def __init__(self, theme: HouseStyle, geometry: Geometry, logo_rids: dict, logo_alt: str):
        self.t, self.g, self.logo_rids, self.logo_alt = theme, geometry, logo_rids, logo_alt

    def footer_row(self, start_id: int, number_colour: str | None = None) -> list[Spec]:
        c, sz = self.t.colours, self.t.sizes
        return [
            _placeholder(start_id, L.SHAPE_SOURCE, {"type": "ftr", "sz": "quarter", "idx": FOOTER_IDX}, self.g.footer, "",
                         [_level(1, sz.source, c.muted)], anchor="b"),
            _placeholder(start_id + 1, L.SHAPE_PAGE_NUMBER, {"type": "sldNum", "sz": "quarter", "idx": NUMBER_IDX}, self.g.number,
                         "", [_level(1, sz.page_number, number_colour or c.muted, align="r")],
                         field="slidenum"),
        ]

    def logo(self, id_: int, part_key: str, right: int, top: int, height: int) -> list[Spec]:
        if part_key not in self.logo_rids:
            return []
        rid, ratio = self.logo_rids[part_key]
        width = int(height * ratio)
        return [_picture(id_, L.SHAPE_LOGO, self.logo_alt, rid, (right - width, top, width, height))]

    def master(self) -> list[Spec]:
        c, g = self.t.colours, self.g
        shapes = [
            _shape(2, L.TEMPLATE_BAND, (0, g.h - Inches(0.12), g.w, Inches(0.12)), c.primary),
            _shape(3, L.TEMPLATE_TITLE_RULE, (g.mx, Inches(1.33), Inches(1.2), Inches(0.06)), c.accent),
            *self.logo(4, "master", g.w - g.mx, Inches(0.5), LOGO_H),
            _placeholder(5, L.SHAPE_TITLE, {"type": "title"}, g.title, L.MASTER_TITLE_PROMPT, anchor="ctr"),
            _placeholder(6, L.TEMPLATE_BODY, {"type": "body", "idx": 1}, g.body, L.MASTER_BODY_PROMPT),
            *self.footer_row(7),
        ]
        return [("p:cSld", {}, [_background(c.white), _tree(shapes)])]

    def text_styles(self) -> Spec:
        c, sz = self.t.colours, self.t.sizes
        bullet_face = self.t.fonts.deck_latin  # the face the deck's own bullets name
        body = [_level(n, max(sz.body - 2 * (n - 1), sz.body_min), c.text,
                       bullet=("■" if n == 1 else "–", c.primary, bullet_face),
                       margin=sz.body * 1.1 * n, hang=sz.body * 1.1) for n in range(1, 10)]
        return ("p:txStyles", {}, [
            ("p:titleStyle", {}, [_level(1, sz.title, c.primary, bold=True, major=True)]),
            ("p:bodyStyle", {}, body),
            ("p:otherStyle", {}, [_level(n, sz.body, c.text) for n in range(1, 10)]),
        ])

    def layout(self, key: str) -> tuple[dict, list[Spec]]:
        """(attributes of p:sldLayout, its children before p:clrMapOvr) for one layout."""
        c, sz, g = self.t.colours, self.t.sizes, self.g
        title = _placeholder(2, L.SHAPE_TITLE, {"type": "title"}, g.title, L.LAYOUT_TITLE_PROMPT, anchor="ctr")
        footer = self.footer_row(10)
        name = SLIDE_KINDS[key].label if key in SLIDE_KINDS else key
        if key == "cover":
            w = g.content_w
            shapes = [
                _shape(2, L.TEMPLATE_COVER_RULE, (g.mx, Inches(3.0), Inches(1.6), Inches(0.07)), c.accent),
                *self.logo(3, "cover", g.w - g.mx, Inches(0.4), Inches(0.9)),
                _placeholder(4, L.COVER_SERIES, {"type": "body", "sz": "quarter", "idx": EXTRA_IDX},
                             (g.mx, Inches(0.9), w, Inches(1.9)), L.COVER_SERIES_PROMPT, [_level(1, sz.cover_subtitle, c.white)],
                             anchor="b"),
                _placeholder(5, L.COVER_TITLE, {"type": "ctrTitle"}, (g.mx, Inches(3.25), w, Inches(2.0)),
                             L.COVER_TITLE_PROMPT, [_level(1, sz.cover_title, c.white, bold=True, major=True)]),
                _placeholder(6, L.COVER_SUBTITLE, {"type": "subTitle", "idx": 1}, (g.mx, Inches(5.5), w, Inches(1.3)),
                             L.COVER_SUBTITLE_PROMPT, [_level(1, sz.key_label + 2, c.white)]),
            ]
            return {"type": "title", "showMasterSp": "0"}, [("p:cSld", {"name": name},
                                                              [_background(c.primary), _tree(shapes)])]
        if key == "closing":
            shapes = [
                _placeholder(2, L.CLOSING_SHAPE, {"type": "title"}, (g.mx, Inches(2.3), g.content_w, Inches(1.5)), L.CLOSING_TITLE,
                             [_level(1, sz.closing, c.white, bold=True, major=True, align="ctr")], anchor="ctr"),
                _placeholder(3, L.CLOSING_ORGANISERS, {"type": "body", "idx": 1}, (g.mx, Inches(4.1), g.content_w, Inches(1.4)),
                             L.CLOSING_ORGANISERS_PROMPT, [_level(1, sz.key_label + 2, c.white, align="ctr")]),
                *self.footer_row(10, number_colour=c.white)[1:],  # the number only, in white on the brand colour
            ]
            return {"type": "cust", "showMasterSp": "0"}, [("p:cSld", {"name": name},
                                                             [_background(c.primary), _tree(shapes)])]
        if key == SECTION:  # the master's title rule would float above the title: the layout draws its own
            shapes = [
                _shape(2, L.TEMPLATE_BAND, (0, g.h - Inches(0.12), g.w, Inches(0.12)), c.primary),
                _shape(3, L.TEMPLATE_SECTION_RULE, (g.mx, Inches(2.25), Inches(1.6), Inches(0.07)), c.accent),
                *self.logo(4, SECTION, g.w - g.mx, Inches(0.5), LOGO_H),
                _placeholder(5, L.SECTION_TITLE, {"type": "title"}, (g.mx, Inches(2.4), g.content_w, Inches(1.4)),
                             L.SECTION_TITLE_PROMPT, [_level(1, sz.title + 8, c.primary, bold=True, major=True)],
                             anchor="b"),
                _placeholder(6, L.SECTION_NOTE, {"type": "body", "idx": 1}, (g.mx, Inches(4.0), g.content_w, Inches(1.2)),
                             L.SECTION_NOTE_PROMPT, [_level(1, sz.body, c.muted)]),
                *footer,
            ]
            return {"type": "secHead", "showMasterSp": "0"}, [("p:cSld", {"name": name}, [_tree(shapes)])]
        body_box = g.body
        if key == "key_figures":  # the lead under the title; the cards are drawn below it
            lead = _placeholder(3, L.SHAPE_LEAD, {"type": "body", "sz": "quarter", "idx": EXTRA_IDX},
                                (g.mx, BODY_TOP, g.content_w, Inches(0.9)), L.LEAD_PROMPT,
                                [_level(1, sz.body_min, c.muted)])
            return {"type": "cust"}, [("p:cSld", {"name": name}, [_tree([title, lead, *footer])])]
        if key == "chart":
            chart = _placeholder(3, L.TEMPLATE_CHART, {"type": "chart", "sz": "quarter", "idx": EXTRA_IDX}, body_box,
                                 L.CHART_PROMPT)
            return {"type": "chart"}, [("p:cSld", {"name": name}, [_tree([title, chart, *footer])])]
        # agenda and highlights: a title and the body (the agenda's is drawn; an official's is typed)
        body = _placeholder(3, L.TEMPLATE_BODY, {"type": "body", "idx": 1}, body_box, L.LAYOUT_BODY_PROMPT)
        return {"type": "obj"}, [("p:cSld", {"name": name}, [_tree([title, body, *footer])])]


def house_presentation(theme: HouseStyle, logo: bytes | None = None, logo_alt: str = L.SHAPE_LOGO) -> PptxPresentation:
    """A 16:9 presentation with no slides whose master, layouts and theme part are the house look."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    faces = (theme.fonts.deck_latin, theme.fonts.deck_ea)
    restyle_theme_parts(prs.slide_master.part, theme, faces, faces)
    restyle_theme_parts(prs.notes_master.part, theme, faces, faces)
    master = prs.slide_master
    layouts = list(prs.slide_layouts)
    for extra in layouts[len(LAYOUT_ORDER):]:
        prs.slide_layouts.remove(extra)
    logo_rids, ratio = {}, 0.0
    if logo:
        px_w, px_h = image_size(logo)
        ratio = px_w / px_h
        logo_rids["master"] = (image_rid(master, logo), ratio)
        for key in ("cover", SECTION):  # the layouts that hide the master's shapes show the logo themselves
            logo_rids[key] = (image_rid(layouts[LAYOUT_ORDER.index(key)], logo), ratio)
    build = _Builder(theme, Geometry(logo_w=int(LOGO_H * ratio)), logo_rids, logo_alt)
    rewrite_master(master, build.master(), build.text_styles())
    for key, layout in zip(LAYOUT_ORDER, layouts):
        attrs, children = build.layout(key)
        rewrite_layout(layout, attrs, children)
    return prs


def template_bytes(theme: HouseStyle, logo: bytes | None = None, logo_alt: str = L.SHAPE_LOGO) -> bytes:
    buf = io.BytesIO()
    house_presentation(theme, logo, logo_alt).save(buf)
    return buf.getvalue()


_BLANKS = Blanks()  # (the look as JSON, logo, its alt text) -> the empty house presentation, saved


def house_copy(theme: HouseStyle, logo: bytes | None = None, logo_alt: str = L.SHAPE_LOGO) -> PptxPresentation:
    """A copy of house_presentation, made once a process for a look (render/ooxml/blanks.py)."""
    saved = _BLANKS.saved((theme.model_dump_json(), logo, logo_alt), lambda: template_bytes(theme, logo, logo_alt))
    return Presentation(io.BytesIO(saved))
