"""What the build commands do beyond the pipeline: the quick answer when nothing changed, watch's warm rebuilds, and
the house template for `layouts` and `template`. The cli parses and prints; this module does."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import GeneratorError, UsageError
from ..messages import _
from .lock import out_lock
from .up_to_date import options_key, unchanged


def build_outputs(args, kinds: tuple[str, ...], report, pdf: bool = False, page: bool = False, kept=None) -> None:
    """deck, brief, build and pdf: stop at once when nothing read or written has changed since the last build with
    these options (no library is even imported), else run the pipeline."""
    content, out = Path(args.content), Path(args.out)
    if out.resolve() == content.resolve() or out.resolve().is_relative_to(content.resolve()):
        raise UsageError(_("--out {value}: the content folder; the build writes and replaces files there: name a "
                           "folder of its own, e.g. --out output", value=args.out))
    key = options_key(content, kinds, args.only, args.final, pdf, page)
    force = getattr(args, "force", False)  # watch's first build: everything made, and kept
    with out_lock(out):  # one build at a time into a folder: its record is read, and written, by the build that holds it
        record = None if args.no_cache or force else unchanged(out, key, content)
        if record is not None:
            report.unchanged(record)
            return
        from .pipeline import Options, run

        run(Options(content, out, kinds, args.only, args.jobs, not args.no_cache, pdf, page, args.final, key, force),
            report, kept)


def watch_outputs(args, make_report, kinds: tuple[str, ...] = ("deck", "brief"), pdf: bool = False, told=None,
                  starting=None) -> int:
    """The first build runs in this process and makes everything (force), so that every module and cache the
    renderers use is loaded here, and the charts and slides it makes are kept for the saves after it; then the
    workers are forked from this warm process, once, and kept for the builds after it. `told` hears how each build
    ended (publish.watch), `starting` that one begins."""
    from ..publish.watch import watch
    from .workers import KeptWorkers

    if not Path(args.content).is_dir():  # watched nothing it could ever hear, forever: `watch --content typo` hung
        raise GeneratorError(_("{value}/series.yaml not found (use --content DIR to point at the content folder)",
                               value=Path(args.content).as_posix()))
    first = argparse.Namespace(**{**vars(args), "jobs": 1, "force": True})
    builds = iter([first])
    with KeptWorkers(args.jobs) as kept:
        def rebuild() -> int:
            this = next(builds, args)  # the first build runs here alone (jobs 1): the workers come after it
            if starting is not None:
                starting()
            build_outputs(this, kinds, make_report(), pdf=pdf, page=True, kept=None if this is first else kept)
            return 0

        return watch(args, rebuild, kept, told)


def serve_outputs(args, make_report, kinds: tuple[str, ...]) -> int:
    """`serve`: the output folder on 127.0.0.1, rebuilt on every save as watch does, with the PDFs and previews made
    through one LibreOffice kept for the whole session; the open page swaps in each changed slide's preview as soon
    as it is drawn, reloads when the build is done, and shows check's problems at their file and line."""
    from ..publish.serve import LivePreview
    from .conversions import keep_converter

    with LivePreview(Path(args.out), args.port) as live:
        print(_("serving {folder} at {url} (Ctrl+C to stop)", folder=Path(args.out).as_posix(), url=live.url),
              flush=True)

        def told(lines: list[str] | None) -> None:
            if lines:
                live.problems(lines)
            else:
                live.built()

        with keep_converter(live.previews):
            return watch_outputs(args, make_report, kinds, pdf=not args.no_pdf, told=told, starting=live.building)


def house_template(content: Path) -> bytes:
    """The house master and layouts from the project's theme and logo (the build's own reading of them)."""
    from ..present.labels import logo_alt
    from ..render.deck.house_template import template_bytes
    from ..theme import resolve_asset
    from .pipeline import load

    project, theme, _ = load(content)
    logo = resolve_asset(project.root, theme.logo, "logo").read_bytes() if theme.logo else None
    return template_bytes(theme, logo, logo_alt(project.series.organisers[0]))


def describe_layouts(template: Path | None, content: Path, out: Path | None, theme_file: str | None) -> list[str]:
    """`layouts`: a template's (or built deck's) layouts and placeholders, or the house template's; writes an
    annotated sample deck."""
    from ..render.deck.layouts import annotated_deck
    from ..writer import write_bytes

    mapping = {}
    if theme_file:
        from ..theme import load_theme

        mapping = dict(load_theme(Path("."), theme_file).deck_layouts)
    if template is not None and not template.is_file():
        raise GeneratorError(f"{template.as_posix()}: file not found")
    data = template.read_bytes() if template is not None else house_template(content)
    shown = template.as_posix() if template is not None else "the house template (from the theme)"
    stem = template.stem if template is not None else "模板"
    target = out or Path("output") / f"{stem}-版式说明.pptx"
    lines, deck = annotated_deck(data, shown, mapping)
    write_bytes(target, deck)
    return lines + [f"wrote {target.as_posix()}: one slide per layout, each placeholder labelled"]


def write_template(out: Path, content: Path, force: bool) -> list[str]:
    """`template -o 模板.pptx`: the house master and layouts, for a designer to restyle and name in deck_template."""
    from ..render.deck.template import describe_layouts as describe
    from ..render.deck.template import open_template, with_sample_slides
    from ..writer import normalise_zip, write_bytes

    if out.exists() and not force:
        raise UsageError(_("{file} exists; use --force to overwrite it (a designer's edits would be lost)",
                           file=out.as_posix()))
    if not out.parent.is_dir():  # a typo in a folder name should not make folders
        raise GeneratorError(_("folder {folder} does not exist; make it first, or choose another place",
                               folder=out.parent.as_posix()))
    data = house_template(content)
    write_bytes(out, normalise_zip(with_sample_slides(data)))
    lines = describe(open_template(data, out.as_posix()))
    return lines + [_("wrote {file}: restyle it in PowerPoint or WPS (keep the layout names), then set deck_template: "
                      "{file} in the theme file", file=out.as_posix())]


def sign_outputs(args, report) -> int:
    """`sign`: build the chosen conferences with --final (a draft is never signed), copy their briefing and deck
    into 签发/ with the record, and write the redline (no changes yet)."""
    from ..project import load_checked, select
    from .signing import make_redlines, sign

    final = argparse.Namespace(**{**vars(args), "final": True, "jobs": None, "no_cache": False})
    build_outputs(final, ("deck", "brief"), report)
    project, _theme, _findings = load_checked(Path(args.content))
    chosen = select(project, args.only)
    out = Path(args.out)
    for line in sign(chosen, project.series_path, out):
        print(line)
    for path in make_redlines(chosen, out):
        print(_("wrote {file}", file=path.as_posix()))
    return 0


def import_for_a_server() -> None:
    """What a build server (server.py) imports before it forks a process for each command: every module a build
    imports, at the top or on first use (tests/test_server.py checks the list): the build's modules, every kind's
    renderer, the report and the page, and python-pptx's chart data and workbook writer (XlsxWriter), which a deck
    imports at its first chart. Code only: no content, theme, store or font is read."""
    import pptx.chart.data  # noqa: F401
    import pptx.chart.xlsx  # noqa: F401

    from .. import report  # noqa: F401
    from ..publish import made_from, page, sign_off  # noqa: F401
    from ..render import open_data  # noqa: F401
    from ..render.ooxml import tracked_changes  # noqa: F401
    from ..render.release import text  # noqa: F401
    from . import conversions, copies, pipeline  # noqa: F401
    from .kinds import KINDS

    for kind in KINDS.values():
        if kind.warm:
            __import__(kind.warm)
