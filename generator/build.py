"""Builds: for each selected conference, render with the shared theme and hand the bytes to the writer."""
from __future__ import annotations

from pathlib import Path

from .fit import Measurer, font_file
from .loader import LoadedConference, Project
from .model import file_stem
from .output import normalise_zip, write_bytes, zip_stamp
from .theme import load_theme


def output_folder(out: Path, loaded: LoadedConference) -> Path:
    return out / file_stem(loaded.model)


def build_decks(project: Project, conferences: list[LoadedConference], out: Path) -> list[Path]:
    """Render every deck in memory first, then write them: a failure leaves every earlier output as it was."""
    from .render.pptx import deck_bytes

    theme = load_theme(project.root, project.series.theme)
    measure = Measurer(font_file(theme, project.root))
    rendered = []
    for loaded in conferences:
        conf = loaded.model
        data = normalise_zip(deck_bytes(project.series, conf, theme, measure), zip_stamp(conf.date))
        rendered.append((output_folder(out, loaded) / f"{file_stem(conf)}-发布会.pptx", data))
    return [write_bytes(path, data) for path, data in rendered]
