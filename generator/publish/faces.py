"""Which face drew each role of a PDF copy: the face the theme asks for, the one the font map gave, and whether the
PDF embeds it.

An office PC has the licensed official faces (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体); this machine may not. The font
map (assets/fonts/fonts.conf) puts a free face of the same style in for each one that is missing, and a licensed
face that is installed comes first. The build says which happened, PDF by PDF, so an editor who signs a PDF knows
whether its body is 仿宋 or a stand-in.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..messages import N_, _
from .fonts import font_config

# role -> the theme's font field, per document (generator/theme.py Fonts)
DECK_ROLES = ((N_("text"), "deck_ea"), (N_("figures and Latin"), "deck_latin"))
BRIEF_ROLES = ((N_("title"), "brief_title"), (N_("heading 1"), "brief_heading1"), (N_("heading 2"), "brief_heading2"),
               (N_("body"), "brief_body"), (N_("page numbers"), "brief_page_number"),
               (N_("figures and Latin"), "brief_latin"))
_SUBSET = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/\[\]<>()]+)")


@dataclass(frozen=True)
class FaceUse:
    role: str
    asked: str  # the family the document names
    drawn: str  # the family fontconfig gave for it ('' when fontconfig is not there)
    names: tuple[str, ...]  # every family name of the face drawn (a licensed face has a Chinese and an English one)
    postscript: str

    @property
    def stand_in(self) -> bool:
        return self.asked.casefold() not in (n.casefold() for n in self.names)


def embedded_faces(pdf: bytes) -> set[str]:
    """The PostScript names of the fonts a PDF embeds, without their subset tags (ABCDEF+)."""
    return {m.decode("latin-1") for m in _SUBSET.findall(pdf)}


_ANSWERED: dict[tuple, list[FaceUse]] = {}  # chosen_faces' answers, by question, map and installed faces


def chosen_faces(asked: list[tuple[str, str]], font_map: Path | None, faces: Path,
                 installed: bytes | None = None) -> list[FaceUse]:
    """(role, family) -> the face fontconfig gives under the map the PDF copies are made with.

    `installed`: the caller's installed_faces() under this map, when it has them. fontconfig's answer depends on
    nothing else (the map's bytes are part of the key too), so with them it is kept for the process and given again
    while both stay the same: watch and serve ask once, not at every save (a dozen fc-match processes, 0.2 s)."""
    key = None
    if installed is not None:
        key = (tuple(asked), font_map.read_bytes() if font_map is not None else None, str(faces), installed)
        if key in _ANSWERED:
            return list(_ANSWERED[key])
    uses = _ask(asked, font_map, faces)
    if key is not None and all(u.drawn for u in uses):
        if len(_ANSWERED) > 64:  # a session that saw many font sets: keep the memory small
            _ANSWERED.clear()
        _ANSWERED[key] = list(uses)
    return uses


def _ask(asked: list[tuple[str, str]], font_map: Path | None, faces: Path) -> list[FaceUse]:
    exe = shutil.which("fc-match")
    if exe is None:
        return [FaceUse(role, family, "", (), "") for role, family in asked]
    with tempfile.TemporaryDirectory(prefix="press-faces-") as tmp:
        env = dict(os.environ)
        if font_map is not None:
            env["FONTCONFIG_FILE"] = str(font_config(font_map, Path(tmp), faces))
        uses = []
        for role, family in asked:
            out = subprocess.run([exe, "-f", "%{family}\t%{postscriptname}", family], capture_output=True, text=True,
                                 env=env, timeout=30).stdout
            names, _, postscript = out.partition("\t")
            families = tuple(n.strip() for n in names.split(",") if n.strip())
            uses.append(FaceUse(role, family, families[0] if families else "", families, postscript.strip()))
    return uses


def face_line(name: str, uses: list[FaceUse], pdf: bytes) -> str:
    """One line for the build's report: the PDF's name, then role: asked → drawn, stand-ins marked. A role whose face
    the PDF does not embed (no text of that role) is left out."""
    embedded = embedded_faces(pdf)
    said = []
    for use in uses:
        if not use.drawn:
            continue
        if use.postscript and not any(e.startswith(use.postscript) for e in embedded):
            continue
        role = _(use.role)
        said.append(_("{role} {asked} → {drawn} (stand-in)", role=role, asked=use.asked, drawn=use.drawn) if use.stand_in
                    else _("{role} {asked} → {drawn}", role=role, asked=use.asked, drawn=use.drawn))
    if not said:
        return _("faces of {file}: not known (fontconfig's fc-match is not installed)", file=name)
    line = _("faces of {file}: {faces}", file=name, faces=_(", ").join(said))
    if any(u.stand_in for u in uses if u.drawn):
        line += _("; install the licensed faces to use them (README: 字体)")
    return line


def installed_faces(font_map: Path | None, faces: Path, config: Path | None = None) -> bytes:
    """Every face fontconfig offers under the map, with its file: what a PDF's faces are chosen from. It changes when
    an office installs a face, so that the PDFs are made again with it. `config`: the fontconfig file made from the
    map already (the kept LibreOffices'), else one is made here."""
    exe = shutil.which("fc-list")
    if exe is None:
        return b""
    with tempfile.TemporaryDirectory(prefix="press-faces-") as tmp:
        env = dict(os.environ)
        if font_map is not None:
            env["FONTCONFIG_FILE"] = str(config if config is not None and config.is_file()
                                         else font_config(font_map, Path(tmp), faces))
        out = subprocess.run([exe, "-f", "%{family}\t%{style}\t%{file}\n"], capture_output=True, env=env,
                             timeout=30).stdout
    return b"\n".join(sorted(out.splitlines()))
