"""A project as every command reads it: all content loaded and checked, its narratives too, and its theme, before
anything is written. It stands above content/, theme.py and present/ (it hands present's narrative check to the
loader), so that none of them needs the others' upward."""
from __future__ import annotations

from pathlib import Path

from .content.loader import LoadedConference, Project
from .errors import ContentError, Finding, GeneratorError, UsageError
from .messages import _
from .present.names import file_stem
from .theme import HouseStyle, load_theme, resolve_asset, said_at


def load_checked(content: Path, each=None) -> tuple[Project, HouseStyle, list[Finding]]:
    """Read and check all content and the theme (once per run: it decodes the logo); raise ContentError (nothing
    written) when any error is found. `each`: how the conference files are read (content/loader.load_project)."""
    from .content.checks import check_project, errors
    from .content.loader import load_project
    from .present.narrative import check_narratives
    from .present.sandbox import read_page_template

    if not (content / "series.yaml").exists():
        raise GeneratorError(_("{value}/series.yaml not found (use --content DIR to point at the content folder)",
                               value=content.as_posix()))
    project = load_project(content, check_texts=check_narratives, each=each)
    line, col = project.series_source.where(("theme",))
    # a theme the build would refuse is refused by check too; a missing one at series.yaml's line that names it
    theme = load_theme(project.root, project.series.theme, f"{project.series_source.file}:{line}:{col}: theme")
    read_page_template(resolve_asset(project.root, theme.page_template, "page_template"), theme.page_template)
    open_designer_files(project.root, theme)
    findings = check_project(project)
    if errors(findings):
        raise ContentError(findings)
    return project, theme, findings


def open_designer_files(root: Path, theme: HouseStyle) -> None:
    """The designer's template and reference document opened as a build opens them, so that `check` refuses what
    the build would (a zip bomb, external links, macros, a slide size or placeholder out of bounds, damaged styles)."""
    if theme.deck_template:
        from .render.deck.template import open_template, resolve_layouts
        from .render.ooxml.package import read_package

        shown = theme.deck_template
        with said_at(theme, "deck_template"):  # at the theme file's line that names it
            data = read_package(resolve_asset(root, shown, "deck_template"), shown)
            resolve_layouts(open_template(data, shown), theme.deck_layouts, shown)
    if theme.brief_reference:
        from .render.briefing.style import open_reference
        from .render.ooxml.package import read_package

        with said_at(theme, "brief_reference"):
            open_reference(read_package(resolve_asset(root, theme.brief_reference, "brief_reference"),
                                        "brief_reference"))


def select(project: Project, only: str | None) -> list[LoadedConference]:
    """The conferences --only names: by number (1, 01) or file stem (01-转型发展); all of them without it."""
    confs = project.conferences
    if only is None:
        return confs
    chosen = [c for c in confs if only in (str(c.model.number), f"{c.model.number:02d}", file_stem(c.model))]
    if not chosen:
        names = ", ".join(file_stem(c.model) for c in confs)
        raise UsageError(_("--only {only}: no such conference; choose one of: {names}", only=only, names=names))
    return chosen
