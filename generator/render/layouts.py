"""`layouts`: what a designer's template offers (layouts, placeholders) and where each slide kind would land."""
from __future__ import annotations

import io
from pathlib import Path

from ..errors import GeneratorError
from ..writer import normalise_zip, write_bytes


def annotated_deck(data: bytes, shown: str, mapping: dict[str, str]) -> tuple[list[str], bytes]:
    """The template's description, and a deck with one slide per layout whose placeholders name themselves."""
    from .deck_template import DEFAULT_LAYOUTS, describe_layouts, open_template

    prs = open_template(data, shown)
    lines = describe_layouts(prs, mapping)
    chosen = {**DEFAULT_LAYOUTS, **mapping}
    for layout in prs.slide_layouts:
        kinds = [k for k, name in chosen.items() if name == layout.name]
        slide = prs.slides.add_slide(layout)
        for ph in slide.placeholders:
            f = ph.placeholder_format
            label = f"idx {f.idx} · {str(f.type).split('.')[-1].split(' ')[0]} · {ph.name}"
            if f.idx == 0:
                label = f"版式“{layout.name}”：" + ("用于 " + "、".join(kinds) if kinds else "未使用") + f"（{label}）"
            if ph.has_text_frame:
                ph.text_frame.text = label
        slide.notes_slide.notes_text_frame.text = f"layout “{layout.name}”; slide kinds: {', '.join(kinds) or 'none'}"
    missing = [k for k, name in chosen.items() if name not in {layout.name for layout in prs.slide_layouts}]
    if missing:
        lines.append("slide kinds without a layout of that name: " + ", ".join(f"{k} (“{chosen[k]}”)" for k in missing)
                     + "; map them in the theme file under deck_layouts:")
    buf = io.BytesIO()
    prs.save(buf)
    return lines, normalise_zip(buf.getvalue())


def run_layouts(template: Path, out: Path, mapping: dict[str, str]) -> list[str]:
    if not template.is_file():
        raise GeneratorError(f"{template.as_posix()}: file not found")
    lines, deck = annotated_deck(template.read_bytes(), template.as_posix(), mapping)
    write_bytes(out, deck)
    return lines + [f"wrote {out.as_posix()}: one slide per layout, each placeholder labelled"]
