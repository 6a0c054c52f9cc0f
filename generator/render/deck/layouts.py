"""`layouts`: what a designer's template offers (layouts, placeholders) and where each slide kind would land."""
from __future__ import annotations

import io
from pathlib import Path

from ...errors import GeneratorError
from ...messages import _
from ...present.labels import layout_caption
from ...vocabulary import SLIDE_KINDS
from ...writer import normalise_zip, write_bytes
from .template import layout_names


def annotated_deck(data: bytes, shown: str, mapping: dict[str, str]) -> tuple[list[str], bytes]:
    """The template's description, and a deck with one slide per layout whose placeholders name themselves."""
    from .template import describe_layouts, kinds_by_layout, open_template

    prs = open_template(data, shown)
    lines = describe_layouts(prs, mapping)
    used = kinds_by_layout(prs, mapping)
    for layout in prs.slide_layouts:
        kinds = used.get(layout.name, [])
        slide = prs.slides.add_slide(layout)
        for ph in slide.placeholders:
            f = ph.placeholder_format
            label = f"idx {f.idx} · {str(f.type).split('.')[-1].split(' ')[0]} · {ph.name}"
            if f.idx == 0:
                label = layout_caption(layout.name, kinds, label)
            if ph.has_text_frame:
                ph.text_frame.text = label
        slide.notes_slide.notes_text_frame.text = f"layout “{layout.name}”; slide kinds: {', '.join(kinds) or 'none'}"
    missing = [k for k in SLIDE_KINDS if not any(k in kinds for kinds in used.values())]
    if missing:
        lines.append("slide kinds without a layout of that name: "
                     + ", ".join(f"{k} (“{'” or “'.join(layout_names(k, mapping))}”)" for k in missing)
                     + "; map them in the theme file under deck_layouts:")
    buf = io.BytesIO()
    prs.save(buf)
    return lines, normalise_zip(buf.getvalue())


def run_layouts(template: Path | None, out: Path, mapping: dict[str, str], house: bytes | None = None) -> list[str]:
    """Describe a template or a built deck (any .pptx); without one, the house template made from the theme."""
    if template is not None and not template.is_file():
        raise GeneratorError(_("{value}: file not found", value=template.as_posix()))
    data = template.read_bytes() if template is not None else house
    shown = template.as_posix() if template is not None else "the house template (from the theme)"
    lines, deck = annotated_deck(data or b"", shown, mapping)
    write_bytes(out, deck)
    return lines + [f"wrote {out.as_posix()}: one slide per layout, each placeholder labelled"]


def run_template(out: Path, data: bytes) -> list[str]:
    """`template -o 模板.pptx`: the house master and layouts, for a designer to restyle and name in deck_template."""
    from .template import describe_layouts, open_template

    write_bytes(out, normalise_zip(data))
    lines = describe_layouts(open_template(data, out.as_posix()))
    return lines + [f"wrote {out.as_posix()}: restyle it in PowerPoint or WPS (keep the layout names), then set "
                    f"deck_template: {out.as_posix()} in the theme file"]
