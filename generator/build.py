"""Builds: render every selected conference with the shared theme, then hand all the bytes to the writer."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .fit import Measurer, font_file
from .loader import LoadedConference, Project
from .model import file_stem
from .output import normalise_zip, write_bytes, zip_stamp
from .theme import Theme, load_theme, resolve_asset


def output_folder(out: Path, loaded: LoadedConference) -> Path:
    return out / file_stem(loaded.model)


def _deck(project: Project, loaded: LoadedConference, theme: Theme) -> tuple[str, bytes]:
    from .render.pptx import deck_bytes

    measure = Measurer(font_file(theme, project.root))
    logo = resolve_asset(project.root, theme.logo, "logo").read_bytes() if theme.logo else None
    return "发布会.pptx", deck_bytes(project.series, loaded.model, theme, measure, logo)


def _brief(project: Project, loaded: LoadedConference, theme: Theme) -> tuple[str, bytes]:
    from .render.docx import briefing_bytes

    return "发布材料.docx", briefing_bytes(project.series, loaded.model, theme)


# output kind -> renderer; a new kind of output is one function and one entry here
RENDERERS: dict[str, Callable[[Project, LoadedConference, Theme], tuple[str, bytes]]] = {"deck": _deck, "brief": _brief}


def build(project: Project, conferences: list[LoadedConference], out: Path, kinds: tuple[str, ...]) -> list[Path]:
    """Render everything in memory first, then write: a failure in rendering leaves every earlier output as it was."""
    theme = load_theme(project.root, project.series.theme)
    rendered = []
    for loaded in conferences:
        for kind in kinds:
            suffix, data = RENDERERS[kind](project, loaded, theme)
            stem = file_stem(loaded.model)
            rendered.append((output_folder(out, loaded) / f"{stem}-{suffix}", normalise_zip(data, zip_stamp(loaded.model.date))))
    return [write_bytes(path, data) for path, data in rendered]


def build_decks(project: Project, conferences: list[LoadedConference], out: Path) -> list[Path]:
    return build(project, conferences, out, ("deck",))


def build_briefs(project: Project, conferences: list[LoadedConference], out: Path) -> list[Path]:
    return build(project, conferences, out, ("brief",))
